//! GX205 cell-count: 一行的数值单元格数量与模板不符.

use crate::document::tables::{row_label, short_table_name};
use crate::rules::prelude::*;

declare_rule!(
    "GX205",
    "cell-count",
    Error,
    "一行的数值单元格数量与模板不符"
);

fn check(cx: &mut Checker) {
    let doc = cx.doc;
    for table in &doc.tables {
        for row in &table.rows {
            let n = row.values.len();
            if n == row.expected {
                continue;
            }
            let (span, what) = match table.kind {
                TableKind::Appeals => {
                    let span = match (row.values.first(), row.values.last()) {
                        (Some(a), Some(b)) => a.span.start..b.span.end,
                        _ => row.label.clone(),
                    };
                    (span, format!("{}的数值行", short_table_name(table.kind)))
                }
                _ => (
                    row.label.clone(),
                    format!(
                        "{}「{}」行",
                        short_table_name(table.kind),
                        row_label(table.kind, row)
                    ),
                ),
            };
            let message = format!("{what}有 {n} 个数值单元格，模板要求 {} 个", row.expected);
            cx.report(span, message);
        }
    }
}
