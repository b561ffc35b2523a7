//! GX304 group-total: 表三：分组行的数字应等于其子项之和.

use crate::rules::prelude::*;

declare_rule!(
    "GX304",
    "group-total",
    Error,
    "表三：分组行的数字应等于其子项之和"
);

fn check(_cx: &mut Checker) {}
