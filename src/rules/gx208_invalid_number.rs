//! GX208 invalid-number: 件数为负数或小数.

use crate::document::tables::{ValueKind, cell_place, fmt_num, value_kind};
use crate::rules::prelude::*;

declare_rule!("GX208", "invalid-number", Error, "件数为负数或小数");

fn check(cx: &mut Checker) {
    let doc = cx.doc;
    for table in &doc.tables {
        for row in &table.rows {
            for (col, cell) in row.values.iter().enumerate() {
                let CellValue::Number(v) = cell.value else {
                    continue;
                };
                let kind = value_kind(table.kind, row, col);
                let problem = if v < 0.0 && kind != ValueKind::Signed {
                    Some(if kind == ValueKind::Amount {
                        "金额不能为负数"
                    } else {
                        "件数应为非负整数"
                    })
                } else if v.fract() != 0.0 && kind != ValueKind::Amount {
                    Some(if kind == ValueKind::Signed {
                        "增减数应为整数"
                    } else {
                        "件数应为非负整数"
                    })
                } else {
                    None
                };
                if let Some(p) = problem {
                    let message =
                        format!("{}为 {}：{p}", cell_place(table.kind, row, col), fmt_num(v));
                    cx.report(cell.span.clone(), message);
                }
            }
        }
    }
}
