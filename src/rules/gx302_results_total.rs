//! GX302 results-total: 表三：（七）总计应等于各办理结果之和.

use crate::document::tables::{ints, row_ints};
use crate::document::{RowRead, Table};
use crate::rules::gx301_balance::report_total;
use crate::rules::prelude::*;

declare_rule!(
    "GX302",
    "results-total",
    Error,
    "表三：（七）总计应等于各办理结果之和"
);

/// The sub-row ids of a group row of table 三 (the 2021 template's, a superset of 2019's).
pub(crate) fn children(group: &str) -> Vec<&'static str> {
    crate::templates::template(Format::V2021)
        .map(|t| {
            t.requests
                .row
                .iter()
                .filter(|r| r.parent.as_deref() == Some(group))
                .map(|r| r.id.as_str())
                .collect()
        })
        .unwrap_or_default()
}

/// The rows making up a group's numbers: all its sub-rows when any is present (None when one is
/// missing or unreadable), else the group row itself when it carries numbers.
pub(crate) fn group_rows<'t>(t: &'t Table, group: &str) -> Option<Vec<&'t RowRead>> {
    let kids = children(group);
    if kids.iter().any(|k| t.row(k).is_some()) {
        let rows: Option<Vec<&RowRead>> = kids.iter().map(|k| t.row(k)).collect();
        let rows = rows?;
        if rows.iter().all(|r| ints(r).is_some()) {
            Some(rows)
        } else {
            None
        }
    } else {
        let r = t.row(group)?;
        ints(r).map(|_| vec![r])
    }
}

fn check(cx: &mut Checker) {
    let doc = cx.doc;
    let Some(t) = doc.table(TableKind::Requests) else {
        return;
    };
    let (Some(total), Some(rt)) = (row_ints(t, "r7"), t.row("r7")) else {
        return;
    };
    let parts: [(&str, &str); 6] = [
        ("r1", "（一）"),
        ("r2", "（二）"),
        ("r3", "（三）"),
        ("r4", "（四）"),
        ("r5", "（五）"),
        ("r6", "（六）"),
    ];
    let mut groups: Vec<(&str, Vec<&RowRead>)> = Vec::new();
    for (id, short) in parts {
        let rows = if id == "r1" || id == "r2" {
            match t.row(id) {
                Some(r) if ints(r).is_some() => vec![r],
                _ => return,
            }
        } else {
            match group_rows(t, id) {
                Some(rows) => rows,
                None => return,
            }
        };
        groups.push((short, rows));
    }
    let Some(tmpl) = crate::templates::template(rt.version) else {
        return;
    };
    for (c, &actual) in total.iter().enumerate() {
        let sums: Vec<i64> = groups
            .iter()
            .map(|(_, rows)| rows.iter().filter_map(|r| r.values[c].value.as_int()).sum())
            .collect();
        let expected: i64 = sums.iter().sum();
        if expected == actual {
            continue;
        }
        let col = tmpl
            .requests
            .columns
            .get(c)
            .map(String::as_str)
            .unwrap_or("");
        let terms = groups
            .iter()
            .zip(&sums)
            .map(|((short, _), s)| format!("{short}{s}"))
            .collect::<Vec<_>>()
            .join(" + ");
        let message = format!("表三（七）总计「{col}」栏应为 {expected}，实为 {actual}（{terms}）");
        let mut related = Vec::new();
        for (_, rows) in &groups {
            for r in rows {
                let label = crate::document::tables::row_label(TableKind::Requests, r);
                let v = r.values[c].value.as_int().unwrap_or(0);
                related.push((r.values[c].span.clone(), format!("{label}：{v}")));
            }
        }
        report_total(cx, &rt.values[c], "总计", expected, message, related);
    }
}
