//! GX302 results-total: 表三：（七）总计应等于各办理结果之和.

use crate::identities::{self, result_groups};
use crate::rules::gx301_balance::{report_total, unexplained};
use crate::rules::prelude::*;

declare_rule!(
    "GX302",
    "results-total",
    Error,
    "表三：（七）总计应等于各办理结果之和"
);

fn check(cx: &mut Checker) {
    let doc = cx.doc;
    let Some(t) = doc.table(TableKind::Requests) else {
        return;
    };
    let Some(groups) = result_groups(t) else {
        return;
    };
    for (id, r) in unexplained(cx, "GX302") {
        let c = id.total.col;
        let col = identities::labels(doc, TableKind::Requests, id.total).1;
        let terms = groups
            .iter()
            .map(|(short, rows)| {
                let s: i64 = rows.iter().filter_map(|r| r.values[c].value.as_int()).sum();
                format!("{short}{s}")
            })
            .collect::<Vec<_>>()
            .join(" + ");
        report_total(
            cx,
            &id,
            r,
            "总计",
            |expected, actual| {
                format!("表三（七）总计「{col}」栏应为 {expected}，实为 {actual}（{terms}）")
            },
            Vec::new(),
        );
    }
}
