//! GX101 missing-section: 缺少六个部分之一.

use crate::rules::prelude::*;

declare_rule!("GX101", "missing-section", Error, "缺少六个部分之一");

fn check(_cx: &mut Checker) {}
