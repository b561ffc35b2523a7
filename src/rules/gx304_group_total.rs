//! GX304 group-total: 表三：分组行的数字应等于其子项之和.

use crate::identities;
use crate::rules::gx301_balance::{report_total, unexplained};
use crate::rules::prelude::*;

declare_rule!(
    "GX304",
    "group-total",
    Error,
    "表三：分组行的数字应等于其子项之和"
);

fn check(cx: &mut Checker) {
    let doc = cx.doc;
    let q = TableKind::Requests;
    for (id, r) in unexplained(cx, "GX304") {
        let (glabel, col) = identities::labels(doc, q, id.total);
        let mut terms: Vec<String> = Vec::new();
        let mut zero = false;
        for &c in &id.rhs {
            let x = identities::value(doc, q, c).unwrap_or(0);
            if x == 0 {
                zero = true;
            } else {
                terms.push(format!("{} {x}", identities::labels(doc, q, c).0));
            }
        }
        let mut list = terms.join(" + ");
        if zero {
            list.push_str(if terms.is_empty() {
                "各子项均为 0"
            } else {
                "，其余子项为 0"
            });
        }
        let name = glabel.clone();
        report_total(
            cx,
            &id,
            r,
            &name,
            |expected, actual| {
                format!(
                    "表三「{glabel}」「{col}」栏应为其子项之和 {expected}，实为 {actual}（{list}）"
                )
            },
            Vec::new(),
        );
    }
}
