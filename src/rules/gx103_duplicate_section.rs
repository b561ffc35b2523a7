//! GX103 duplicate-section: 同一部分标题出现两次.

use crate::rules::prelude::*;

declare_rule!(
    "GX103",
    "duplicate-section",
    Warning,
    "同一部分标题出现两次"
);

fn check(_cx: &mut Checker) {}
