//! GX102 section-order: 各部分顺序与模板不一致.

use crate::rules::prelude::*;

declare_rule!("GX102", "section-order", Warning, "各部分顺序与模板不一致");

fn check(_cx: &mut Checker) {}
