//! GX603 text-results: 正文所述办理结果与表三不一致.

use crate::rules::prelude::*;

declare_rule!(
    "GX603",
    "text-results",
    Warning,
    "正文所述办理结果与表三不一致"
);

fn check(_cx: &mut Checker) {}
