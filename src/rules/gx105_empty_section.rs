//! GX105 empty-section: 标题后直接是下一个标题.

use crate::rules::prelude::*;

declare_rule!("GX105", "empty-section", Warning, "标题后直接是下一个标题");

fn check(_cx: &mut Checker) {}
