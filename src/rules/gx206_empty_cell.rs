//! GX206 empty-cell: 数值单元格为空.
//!
//! A single blank cell is reported at its place. Several blank cells of one table are one
//! finding, at the first, naming the rows concerned and listing every blank cell as related
//! information (a lost column or a table left half empty is one thing to fix).

use crate::document::RowRead;
use crate::document::tables::{cell_place, row_label, short_table_name};
use crate::rules::prelude::*;

declare_rule!("GX206", "empty-cell", Warning, "数值单元格为空");

fn check(cx: &mut Checker) {
    let doc = cx.doc;
    for table in &doc.tables {
        let mut blank: Vec<(&RowRead, usize, Span)> = Vec::new();
        for row in &table.rows {
            for (col, cell) in row.values.iter().enumerate().take(row.expected) {
                if cell.value == CellValue::Empty {
                    blank.push((row, col, cell.span.clone()));
                }
            }
        }
        match blank.as_slice() {
            [] => {}
            [(row, col, span)] => {
                let message = format!(
                    "{}为空，应填写数字（没有发生的填 0）",
                    cell_place(table.kind, row, *col)
                );
                cx.report(span.clone(), message);
            }
            [(first_row, first_col, first), ..] => {
                let mut rows: Vec<&'static str> = Vec::new();
                for (row, _, _) in &blank {
                    if !rows.contains(&row.id) {
                        rows.push(row.id);
                    }
                }
                let names: Vec<String> = rows
                    .iter()
                    .take(3)
                    .filter_map(|id| table.row(id))
                    .map(|r| format!("「{}」", row_label(table.kind, r)))
                    .collect();
                let more = if rows.len() > 3 { " 等" } else { "" };
                let message = format!(
                    "{}有 {} 个数值单元格为空（在 {} 行：{}{more}），应填写数字（没有发生的填 0）；第一个是{}",
                    short_table_name(table.kind),
                    blank.len(),
                    rows.len(),
                    names.join("、"),
                    cell_place(table.kind, first_row, *first_col)
                );
                let d = cx.report(first.clone(), message);
                for (row, col, span) in &blank[1..] {
                    d.with_related(
                        span.clone(),
                        format!("{}为空", cell_place(table.kind, row, *col)),
                    );
                }
            }
        }
    }
}
