//! GX303 row-total: 表三：每行总计应等于各申请人列之和.

use crate::rules::prelude::*;

declare_rule!(
    "GX303",
    "row-total",
    Error,
    "表三：每行总计应等于各申请人列之和"
);

fn check(_cx: &mut Checker) {}
