//! GX406 stale-citation: 引用了已失效的文件.

use crate::rules::prelude::*;

declare_rule!("GX406", "stale-citation", Warning, "引用了已失效的文件");

fn check(_cx: &mut Checker) {}
