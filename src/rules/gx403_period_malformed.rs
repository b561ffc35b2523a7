//! GX403 period-malformed: 统计期限的日期无法读取.

use crate::rules::prelude::*;

declare_rule!("GX403", "period-malformed", Error, "统计期限的日期无法读取");

fn check(_cx: &mut Checker) {}
