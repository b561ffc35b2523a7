//! GX302 results-total: 表三：（七）总计应等于各办理结果之和.

use crate::rules::prelude::*;

declare_rule!(
    "GX302",
    "results-total",
    Error,
    "表三：（七）总计应等于各办理结果之和"
);

fn check(_cx: &mut Checker) {}
