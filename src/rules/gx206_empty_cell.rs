//! GX206 empty-cell: 数值单元格为空.

use crate::document::tables::cell_place;
use crate::rules::prelude::*;

declare_rule!("GX206", "empty-cell", Warning, "数值单元格为空");

fn check(cx: &mut Checker) {
    let doc = cx.doc;
    for table in &doc.tables {
        for row in &table.rows {
            for (col, cell) in row.values.iter().enumerate().take(row.expected) {
                if cell.value == CellValue::Empty {
                    let message = format!(
                        "{}为空，应填写数字（没有发生的填 0）",
                        cell_place(table.kind, row, col)
                    );
                    cx.report(cell.span.clone(), message);
                }
            }
        }
    }
}
