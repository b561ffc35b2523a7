//! GX404 year-unknown: 无法确定报告年度.

use crate::rules::prelude::*;

declare_rule!("GX404", "year-unknown", Info, "无法确定报告年度");

fn check(_cx: &mut Checker) {}
