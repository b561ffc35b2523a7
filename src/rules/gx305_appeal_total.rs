//! GX305 appeal-total: 表四：每组总计应等于结果维持、结果纠正、其他结果、尚未审结之和.

use crate::document::tables::ints;
use crate::rules::gx301_balance::report_total;
use crate::rules::prelude::*;

declare_rule!(
    "GX305",
    "appeal-total",
    Error,
    "表四：每组总计应等于结果维持、结果纠正、其他结果、尚未审结之和"
);

fn check(cx: &mut Checker) {
    let doc = cx.doc;
    let Some(t) = doc.table(TableKind::Appeals) else {
        return;
    };
    let Some(row) = t.row("appeals") else {
        return;
    };
    let Some(v) = ints(row) else {
        return;
    };
    let Some(tmpl) = crate::templates::template(row.version) else {
        return;
    };
    let n = tmpl.appeals.columns.len();
    if n < 2 || v.len() != n * tmpl.appeals.groups.len() {
        return;
    }
    for (k, group) in tmpl.appeals.groups.iter().enumerate() {
        let base = k * n;
        let total = v[base + n - 1];
        let expected: i64 = v[base..base + n - 1].iter().sum();
        if expected == total {
            continue;
        }
        let terms = tmpl.appeals.columns[..n - 1]
            .iter()
            .zip(&v[base..base + n - 1])
            .map(|(c, x)| format!("{c} {x}"))
            .collect::<Vec<_>>()
            .join(" + ");
        let message = format!("表四「{group}」总计应为 {expected}，实为 {total}（{terms}）");
        let related = tmpl.appeals.columns[..n - 1]
            .iter()
            .enumerate()
            .map(|(i, c)| {
                (
                    row.values[base + i].span.clone(),
                    format!("{group}{c}：{}", v[base + i]),
                )
            })
            .collect();
        report_total(
            cx,
            &row.values[base + n - 1],
            &format!("{group}总计"),
            expected,
            message,
            related,
        );
    }
}
