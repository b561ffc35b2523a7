//! GX203 missing-row: 表格缺少模板中的行或栏目.

use crate::rules::prelude::*;

declare_rule!("GX203", "missing-row", Error, "表格缺少模板中的行或栏目");

fn check(_cx: &mut Checker) {}
