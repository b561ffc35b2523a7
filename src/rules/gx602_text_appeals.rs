//! GX602 text-appeals: 正文所述行政复议、行政诉讼情况与表四不一致.

use crate::rules::prelude::*;

declare_rule!(
    "GX602",
    "text-appeals",
    Warning,
    "正文所述行政复议、行政诉讼情况与表四不一致"
);

fn check(_cx: &mut Checker) {}
