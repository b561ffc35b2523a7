//! GX301 balance: 表三：第一项加第二项应等于第三项（七）总计加第四项.
//!
//! The identities are declared in `crate::identities`; an identity explained by one mistyped
//! cell is reported by GX300 instead (when it runs).

use crate::diagnostic::Span;
use crate::identities::{self, CellRef, Identity};
use crate::rules::prelude::*;

declare_rule!(
    "GX301",
    "balance",
    Error,
    "表三：第一项加第二项应等于第三项（七）总计加第四项"
);

/// The broken identities of `code` that no single cell explains (or all broken ones when GX300
/// does not run), with their residual.
pub(crate) fn unexplained(cx: &Checker, code: &str) -> Vec<(Identity, i64)> {
    let sol = cx.solution();
    let skip_explained = cx.root_causes_reported();
    sol.identities
        .iter()
        .enumerate()
        .filter(|(i, id)| {
            id.code == code
                && sol.broken(*i)
                && !(skip_explained && sol.identity_culprit[*i].is_some())
        })
        .map(|(i, id)| (id.clone(), sol.residuals[i].unwrap_or(0)))
        .collect()
}

/// Report a broken identity at the cell holding the total: expected value, related cells, and
/// an unsafe fix setting the total (when the expected value is not negative).
pub(crate) fn report_total(
    cx: &mut Checker,
    id: &Identity,
    residual: i64,
    name: &str,
    message: impl FnOnce(i64, i64) -> String,
    related: Vec<(Span, String)>,
) {
    let doc = cx.doc;
    let (Some(span), Some(actual)) = (
        identities::span(doc, id.table, id.total),
        identities::value(doc, id.table, id.total),
    ) else {
        return;
    };
    let expected = actual - residual * id.coef(id.total);
    let d = cx.report(span.clone(), message(expected, actual));
    d.with_expected(expected.to_string());
    for (s, m) in related {
        d.with_related(s, m);
    }
    if expected >= 0 {
        d.with_fix(Fix::unsafe_(
            format!("将{name}改为 {expected}"),
            vec![Edit::replace(span, expected.to_string())],
        ));
    }
}

fn check(cx: &mut Checker) {
    let doc = cx.doc;
    let Some(tmpl) = crate::templates::template(doc.format) else {
        return;
    };
    for (id, r) in unexplained(cx, "GX301") {
        let c = id.total.col;
        let v = |row: &'static str| {
            identities::value(doc, TableKind::Requests, CellRef { row, col: c }).unwrap_or(0)
        };
        let (new, carry, total) = (v("new"), v("carry"), v("r7"));
        let col = identities::labels(doc, TableKind::Requests, id.total).1;
        let _ = tmpl;
        let lhs = new + carry;
        let related = [
            ("new", "本年新收"),
            ("carry", "上年结转"),
            ("r7", "（七）总计"),
        ]
        .iter()
        .filter_map(|&(row, what)| {
            let cell = CellRef { row, col: c };
            Some((
                identities::span(doc, TableKind::Requests, cell)?,
                format!("{what}：{}", v(row)),
            ))
        })
        .collect();
        report_total(
            cx,
            &id,
            r,
            "结转下年度继续办理",
            |expected, actual| {
                format!(
                    "表三「{col}」列不平衡：第一项加第二项（{new} + {carry} = {lhs}）应等于第三项总计加第四项（{total} + {actual} = {}）；结转下年度继续办理应为 {expected}，实为 {actual}",
                    total + actual
                )
            },
            related,
        );
    }
}
