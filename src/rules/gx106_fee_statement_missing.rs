//! GX106 fee-statement-missing: 2021 格式：第六部分未说明信息处理费.

use crate::rules::prelude::*;

declare_rule!(
    "GX106",
    "fee-statement-missing",
    Warning,
    "2021 格式：第六部分未说明信息处理费"
);

fn check(_cx: &mut Checker) {}
