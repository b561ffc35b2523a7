//! GX601 text-applications: 正文所述申请数量与表三不一致.

use crate::rules::prelude::*;

declare_rule!(
    "GX601",
    "text-applications",
    Warning,
    "正文所述申请数量与表三不一致"
);

fn check(_cx: &mut Checker) {}
