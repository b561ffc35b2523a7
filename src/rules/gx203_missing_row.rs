//! GX203 missing-row: 表格缺少模板中的行或栏目.

use crate::document::tables::{explained_by_stale, label_of, table_name};
use crate::rules::prelude::*;

declare_rule!("GX203", "missing-row", Error, "表格缺少模板中的行或栏目");

fn check(cx: &mut Checker) {
    let doc = cx.doc;
    for table in &doc.tables {
        for (k, id) in table.missing.iter().enumerate() {
            if explained_by_stale(table, doc.format, id) {
                continue;
            }
            let at = table.missing_at.get(k).copied().unwrap_or(table.span.start);
            let label = label_of(table.kind, doc.format, id);
            let is_block = table.kind == TableKind::Active && !id.contains('.');
            let message = if is_block {
                format!("{}缺少「{label}」栏目", table_name(table.kind))
            } else {
                format!("{}缺少「{label}」行", table_name(table.kind))
            };
            let fix = crate::canonical::missing_row_insertion(doc, table, id);
            let d = cx.report(at..at, message);
            if let Some(edit) = fix {
                d.with_fix(Fix::safe(format!("插入「{label}」"), vec![edit]));
            }
        }
    }
}
