//! GX305 appeal-total: 表四：每组总计应等于结果维持、结果纠正、其他结果、尚未审结之和.

use crate::identities;
use crate::rules::gx301_balance::{report_total, unexplained};
use crate::rules::prelude::*;

declare_rule!(
    "GX305",
    "appeal-total",
    Error,
    "表四：每组总计应等于结果维持、结果纠正、其他结果、尚未审结之和"
);

fn check(cx: &mut Checker) {
    let doc = cx.doc;
    let k = TableKind::Appeals;
    for (id, r) in unexplained(cx, "GX305") {
        let group = identities::labels(doc, k, id.total).0;
        let terms = id
            .rhs
            .iter()
            .map(|&c| {
                let col = identities::labels(doc, k, c).1;
                format!("{col} {}", identities::value(doc, k, c).unwrap_or(0))
            })
            .collect::<Vec<_>>()
            .join(" + ");
        report_total(
            cx,
            &id,
            r,
            &format!("{group}总计"),
            |expected, actual| {
                // One identity per group: a mistyped total and a mistyped addend look the
                // same, so the message does not claim which is wrong.
                format!(
                    "表四「{group}」总计为 {actual}，与各项之和 {expected} 不符（{terms}）：总计或其中一项填错；若各项无误，总计应为 {expected}"
                )
            },
            Vec::new(),
        );
    }
}
