//! GX205 cell-count: 一行的数值单元格数量与模板不符.

use crate::rules::prelude::*;

declare_rule!(
    "GX205",
    "cell-count",
    Error,
    "一行的数值单元格数量与模板不符"
);

fn check(_cx: &mut Checker) {}
