//! GX104 heading-wording: 标题可识别但措辞不是模板措辞.

use crate::rules::prelude::*;

declare_rule!(
    "GX104",
    "heading-wording",
    Warning,
    "标题可识别但措辞不是模板措辞"
);

fn check(_cx: &mut Checker) {}
