//! GX207 non-numeric-cell: 应填数字的单元格填了文字.

use crate::rules::prelude::*;

declare_rule!(
    "GX207",
    "non-numeric-cell",
    Error,
    "应填数字的单元格填了文字"
);

fn check(_cx: &mut Checker) {}
