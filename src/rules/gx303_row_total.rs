//! GX303 row-total: 表三：每行总计应等于各申请人列之和.

use crate::identities;
use crate::rules::gx301_balance::{report_total, unexplained};
use crate::rules::prelude::*;

declare_rule!(
    "GX303",
    "row-total",
    Error,
    "表三：每行总计应等于各申请人列之和"
);

fn check(cx: &mut Checker) {
    let doc = cx.doc;
    for (id, r) in unexplained(cx, "GX303") {
        let row = identities::labels(doc, TableKind::Requests, id.total).0;
        let terms = id
            .rhs
            .iter()
            .map(|&c| {
                let (_, col) = identities::labels(doc, TableKind::Requests, c);
                let v = identities::value(doc, TableKind::Requests, c).unwrap_or(0);
                format!("{col} {v}")
            })
            .collect::<Vec<_>>()
            .join(" + ");
        report_total(
            cx,
            &id,
            r,
            "总计",
            |expected, actual| {
                format!("表三「{row}」行总计应为 {expected}，实为 {actual}（{terms}）")
            },
            Vec::new(),
        );
    }
}
