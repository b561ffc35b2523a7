//! GX001 unused-suppression: 禁用注释没有抑制任何诊断.

use crate::rules::prelude::*;

declare_rule!(
    "GX001",
    "unused-suppression",
    Info,
    "禁用注释没有抑制任何诊断"
);

fn check(_cx: &mut Checker) {}
