//! GX304 group-total: 表三：分组行的数字应等于其子项之和.

use crate::document::tables::{ints, row_label};
use crate::rules::gx301_balance::report_total;
use crate::rules::gx302_results_total::children;
use crate::rules::prelude::*;

declare_rule!(
    "GX304",
    "group-total",
    Error,
    "表三：分组行的数字应等于其子项之和"
);

fn check(cx: &mut Checker) {
    let doc = cx.doc;
    let Some(t) = doc.table(TableKind::Requests) else {
        return;
    };
    for g in ["r3", "r4", "r5", "r6"] {
        let Some(grow) = t.row(g) else {
            continue;
        };
        let Some(gv) = ints(grow) else {
            continue;
        };
        let kids = children(g);
        let rows: Option<Vec<_>> = kids.iter().map(|k| t.row(k)).collect();
        let Some(rows) = rows else {
            continue;
        };
        let vals: Option<Vec<Vec<i64>>> = rows.iter().map(|r| ints(r)).collect();
        let Some(vals) = vals else {
            continue;
        };
        let Some(tmpl) = crate::templates::template(grow.version) else {
            continue;
        };
        let glabel = row_label(TableKind::Requests, grow);
        for (c, &actual) in gv.iter().enumerate() {
            let expected: i64 = vals.iter().filter_map(|v| v.get(c)).sum();
            if expected == actual {
                continue;
            }
            let col = tmpl
                .requests
                .columns
                .get(c)
                .map(String::as_str)
                .unwrap_or("");
            let mut terms: Vec<String> = Vec::new();
            let mut zero = false;
            for (r, v) in rows.iter().zip(&vals) {
                let x = v.get(c).copied().unwrap_or(0);
                if x == 0 {
                    zero = true;
                } else {
                    terms.push(format!("{} {x}", row_label(TableKind::Requests, r)));
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
            let message = format!(
                "表三「{glabel}」「{col}」栏应为其子项之和 {expected}，实为 {actual}（{list}）"
            );
            let related = rows
                .iter()
                .zip(&vals)
                .map(|(r, v)| {
                    (
                        r.values[c].span.clone(),
                        format!(
                            "{}：{}",
                            row_label(TableKind::Requests, r),
                            v.get(c).copied().unwrap_or(0)
                        ),
                    )
                })
                .collect();
            report_total(cx, &grow.values[c], glabel, expected, message, related);
        }
    }
}
