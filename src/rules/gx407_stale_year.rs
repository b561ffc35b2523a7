//! GX407 stale-year: 正文以其他年份开头叙述本年度工作.

use crate::rules::prelude::*;

declare_rule!(
    "GX407",
    "stale-year",
    Info,
    "正文以其他年份开头叙述本年度工作"
);

fn check(_cx: &mut Checker) {}
