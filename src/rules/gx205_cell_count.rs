//! GX205 cell-count: 一行的数值单元格数量与模板不符.
//!
//! Rows of one table with the same wrong count (a lost or extra column) are one finding, at the
//! first such row, listing the rows as related information.

use crate::document::RowRead;
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
        // (found, expected) → rows
        let mut groups: Vec<((usize, usize), Vec<&RowRead>)> = Vec::new();
        for row in &table.rows {
            let n = row.values.len();
            if n == row.expected {
                continue;
            }
            match groups.iter_mut().find(|(k, _)| *k == (n, row.expected)) {
                Some((_, rows)) => rows.push(row),
                None => groups.push(((n, row.expected), vec![row])),
            }
        }
        for ((n, expected), rows) in groups {
            let span_of = |row: &RowRead| match table.kind {
                TableKind::Appeals => match (row.values.first(), row.values.last()) {
                    (Some(a), Some(b)) => a.span.start..b.span.end,
                    _ => row.label.clone(),
                },
                _ => row.label.clone(),
            };
            let name = |row: &RowRead| match table.kind {
                TableKind::Appeals => format!("{}的数值行", short_table_name(table.kind)),
                _ => format!(
                    "{}「{}」行",
                    short_table_name(table.kind),
                    row_label(table.kind, row)
                ),
            };
            if rows.len() == 1 {
                let message = format!(
                    "{}有 {n} 个数值单元格，模板要求 {expected} 个",
                    name(rows[0])
                );
                cx.report(span_of(rows[0]), message);
                continue;
            }
            let hint = if n < expected {
                "，可能整列缺失或错位"
            } else {
                "，可能多出一列"
            };
            let message = format!(
                "{}有 {} 行各只有 {n} 个数值单元格，模板要求 {expected} 个{hint}（自「{}」行起）",
                short_table_name(table.kind),
                rows.len(),
                row_label(table.kind, rows[0])
            )
            .replace("各只有", if n < expected { "各只有" } else { "各有" });
            let d = cx.report(span_of(rows[0]), message);
            for row in &rows[1..] {
                d.with_related(
                    span_of(row),
                    format!("{}：{} 个", name(row), row.values.len()),
                );
            }
        }
    }
}
