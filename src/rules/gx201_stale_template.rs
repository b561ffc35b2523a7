//! GX201 stale-template: 表格使用了另一版本格式的标签.

use crate::rules::prelude::*;

declare_rule!(
    "GX201",
    "stale-template",
    Error,
    "表格使用了另一版本格式的标签"
);

fn check(_cx: &mut Checker) {}
