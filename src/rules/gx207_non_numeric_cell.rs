//! GX207 non-numeric-cell: 应填数字的单元格填了文字.

use crate::document::tables::cell_place;
use crate::rules::prelude::*;

declare_rule!(
    "GX207",
    "non-numeric-cell",
    Error,
    "应填数字的单元格填了文字"
);

fn check(cx: &mut Checker) {
    let doc = cx.doc;
    for table in &doc.tables {
        for row in &table.rows {
            for (col, cell) in row.values.iter().enumerate() {
                if !matches!(cell.value, CellValue::Text | CellValue::NotApplicable) {
                    continue;
                }
                let place = cell_place(table.kind, row, col);
                let written = doc.slice(&cell.span);
                match cell.value {
                    CellValue::Text => {
                        cx.report(
                            cell.span.clone(),
                            format!("{place}应填写数字，实为「{written}」"),
                        );
                    }
                    CellValue::NotApplicable => {
                        let d = cx.report(
                            cell.span.clone(),
                            format!(
                                "{place}填写了「{written}」（不适用）；该栏按模板应填写数字，没有发生的填 0"
                            ),
                        );
                        d.severity = Severity::Info;
                    }
                    _ => {}
                }
            }
        }
    }
}
