//! GX206 empty-cell: 数值单元格为空.

use crate::rules::prelude::*;

declare_rule!("GX206", "empty-cell", Warning, "数值单元格为空");

fn check(_cx: &mut Checker) {}
