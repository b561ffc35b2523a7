//! GX503 web-residue: 从网页或 Word 导出带入的残留文字.

use crate::rules::prelude::*;

declare_rule!(
    "GX503",
    "web-residue",
    Warning,
    "从网页或 Word 导出带入的残留文字"
);

fn check(_cx: &mut Checker) {}
