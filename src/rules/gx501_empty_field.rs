//! GX501 empty-field: 字段标签后没有内容.

use crate::rules::prelude::*;

declare_rule!("GX501", "empty-field", Warning, "字段标签后没有内容");

fn check(_cx: &mut Checker) {}
