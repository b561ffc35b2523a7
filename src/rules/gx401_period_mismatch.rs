//! GX401 period-mismatch: 统计期限不是报告年度的 1 月 1 日至 12 月 31 日.

use crate::rules::prelude::*;

declare_rule!(
    "GX401",
    "period-mismatch",
    Error,
    "统计期限不是报告年度的 1 月 1 日至 12 月 31 日"
);

fn check(_cx: &mut Checker) {}
