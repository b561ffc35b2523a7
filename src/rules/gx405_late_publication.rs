//! GX405 late-publication: 发布日期晚于法定期限.

use crate::rules::prelude::*;

declare_rule!("GX405", "late-publication", Warning, "发布日期晚于法定期限");

fn check(_cx: &mut Checker) {}
