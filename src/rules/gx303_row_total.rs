//! GX303 row-total: 表三：每行总计应等于各申请人列之和.

use crate::document::tables::{ints, row_label};
use crate::rules::gx301_balance::report_total;
use crate::rules::prelude::*;

declare_rule!(
    "GX303",
    "row-total",
    Error,
    "表三：每行总计应等于各申请人列之和"
);

fn check(cx: &mut Checker) {
    let doc = cx.doc;
    let Some(t) = doc.table(TableKind::Requests) else {
        return;
    };
    for row in &t.rows {
        let Some(v) = ints(row) else {
            continue;
        };
        let Some(tmpl) = crate::templates::template(row.version) else {
            continue;
        };
        let cols = &tmpl.requests.columns;
        if v.len() != cols.len() || v.len() < 2 {
            continue;
        }
        let last = v.len() - 1;
        let expected: i64 = v[..last].iter().sum();
        if expected == v[last] {
            continue;
        }
        let terms = cols[..last]
            .iter()
            .zip(&v[..last])
            .map(|(c, x)| format!("{c} {x}"))
            .collect::<Vec<_>>()
            .join(" + ");
        let message = format!(
            "表三「{}」行总计应为 {expected}，实为 {}（{terms}）",
            row_label(TableKind::Requests, row),
            v[last]
        );
        let related = cols[..last]
            .iter()
            .zip(&row.values[..last])
            .zip(&v[..last])
            .map(|((c, cell), x)| (cell.span.clone(), format!("{c}：{x}")))
            .collect();
        report_total(cx, &row.values[last], "总计", expected, message, related);
    }
}
