//! GX504 spam-injection: 网页中被注入的博彩、色情网站名称.

use crate::rules::prelude::*;

declare_rule!(
    "GX504",
    "spam-injection",
    Error,
    "网页中被注入的博彩、色情网站名称"
);

fn check(_cx: &mut Checker) {}
