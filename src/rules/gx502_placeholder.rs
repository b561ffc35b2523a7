//! GX502 placeholder: 模板占位符未替换.

use crate::rules::prelude::*;

declare_rule!("GX502", "placeholder", Warning, "模板占位符未替换");

fn check(_cx: &mut Checker) {}
