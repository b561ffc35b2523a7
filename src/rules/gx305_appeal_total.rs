//! GX305 appeal-total: 表四：每组总计应等于结果维持、结果纠正、其他结果、尚未审结之和.

use crate::rules::prelude::*;

declare_rule!(
    "GX305",
    "appeal-total",
    Error,
    "表四：每组总计应等于结果维持、结果纠正、其他结果、尚未审结之和"
);

fn check(_cx: &mut Checker) {}
