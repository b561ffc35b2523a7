//! GX506 contact-format: 邮编、电子邮箱或电话格式不正确.

use crate::rules::prelude::*;

declare_rule!(
    "GX506",
    "contact-format",
    Info,
    "邮编、电子邮箱或电话格式不正确"
);

fn check(_cx: &mut Checker) {}
