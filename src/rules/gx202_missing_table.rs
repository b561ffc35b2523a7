//! GX202 missing-table: 第二、三、四部分没有可识别的表格.

use crate::rules::prelude::*;

declare_rule!(
    "GX202",
    "missing-table",
    Error,
    "第二、三、四部分没有可识别的表格"
);

fn check(_cx: &mut Checker) {}
