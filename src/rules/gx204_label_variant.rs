//! GX204 label-variant: 标签是模板标签的已知变体或笔误.

use crate::rules::prelude::*;

declare_rule!(
    "GX204",
    "label-variant",
    Warning,
    "标签是模板标签的已知变体或笔误"
);

fn check(_cx: &mut Checker) {}
