//! GX505 mojibake: 乱码.

use crate::rules::prelude::*;

declare_rule!("GX505", "mojibake", Warning, "乱码");

fn check(_cx: &mut Checker) {}
