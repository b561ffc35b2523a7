//! GX402 period-missing: 没有统计期限说明.

use crate::rules::prelude::*;

declare_rule!("GX402", "period-missing", Warning, "没有统计期限说明");

fn check(_cx: &mut Checker) {}
