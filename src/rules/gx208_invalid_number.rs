//! GX208 invalid-number: 件数为负数或小数.

use crate::rules::prelude::*;

declare_rule!("GX208", "invalid-number", Error, "件数为负数或小数");

fn check(_cx: &mut Checker) {}
