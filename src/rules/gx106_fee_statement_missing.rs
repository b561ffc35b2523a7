//! GX106 fee-statement-missing: 第六部分未说明信息处理费收取情况.

use crate::fold::fold;
use crate::rules::prelude::*;

declare_rule!(
    "GX106",
    "fee-statement-missing",
    Warning,
    "第六部分未说明信息处理费收取情况"
);

fn check(cx: &mut Checker) {
    let doc = cx.doc;
    if doc.format != Format::V2021 {
        return;
    }
    let Some(six) = doc.section(6) else { return };
    if fold(doc.slice(&six.body)).contains("处理费") {
        return;
    }
    cx.report(
        six.line.clone(),
        "第六部分应说明本年度信息处理费的收取情况（依据《政府信息公开信息处理费管理办法》，未收取也应写明，如“本年度未收取信息处理费”），实未提及",
    );
}
