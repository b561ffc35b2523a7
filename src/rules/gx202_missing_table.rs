//! GX202 missing-table: 第二、三、四部分没有可识别的表格.

use crate::rules::prelude::*;

declare_rule!(
    "GX202",
    "missing-table",
    Error,
    "第二、三、四部分没有可识别的表格"
);

fn check(cx: &mut Checker) {
    let doc = cx.doc;
    if crate::templates::template(doc.format).is_none() {
        return;
    }
    for kind in [TableKind::Active, TableKind::Requests, TableKind::Appeals] {
        let Some(section) = doc.section(kind.section()) else {
            continue;
        };
        if doc.table(kind).is_some() {
            continue;
        }
        let (num, what) = match kind {
            TableKind::Active => ("二", "主动公开政府信息情况"),
            TableKind::Requests => ("三", "收到和处理政府信息公开申请情况"),
            TableKind::Appeals => ("四", "政府信息公开行政复议、行政诉讼情况"),
        };
        let message = format!(
            "第{num}部分没有可识别的表格：应按{}年版格式填写「{what}」统计表",
            doc.format.as_str()
        );
        let fix = crate::canonical::missing_table_insertion(doc, kind);
        let d = cx.report(section.line.clone(), message);
        if let Some(edit) = fix {
            d.with_fix(Fix::safe(format!("插入「{what}」统计表"), vec![edit]));
        }
    }
}
