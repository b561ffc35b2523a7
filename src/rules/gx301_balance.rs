//! GX301 balance: 表三：第一项加第二项应等于第三项（七）总计加第四项.

use crate::diagnostic::Span;
use crate::document::Cell;
use crate::document::tables::row_ints;
use crate::rules::prelude::*;

declare_rule!(
    "GX301",
    "balance",
    Error,
    "表三：第一项加第二项应等于第三项（七）总计加第四项"
);

/// Report a broken identity at the cell holding the total: expected value, related addend
/// cells, and an unsafe fix setting the total (when the expected value is not negative).
pub(crate) fn report_total(
    cx: &mut Checker,
    total: &Cell,
    name: &str,
    expected: i64,
    message: String,
    related: Vec<(Span, String)>,
) {
    let d = cx.report(total.span.clone(), message);
    d.with_expected(expected.to_string());
    for (span, m) in related {
        d.with_related(span, m);
    }
    if expected >= 0 {
        d.with_fix(Fix::unsafe_(
            format!("将{name}改为 {expected}"),
            vec![Edit::replace(total.span.clone(), expected.to_string())],
        ));
    }
}

fn check(cx: &mut Checker) {
    let doc = cx.doc;
    let Some(t) = doc.table(TableKind::Requests) else {
        return;
    };
    let (Some(new), Some(carry), Some(total), Some(next)) = (
        row_ints(t, "new"),
        row_ints(t, "carry"),
        row_ints(t, "r7"),
        row_ints(t, "next"),
    ) else {
        return;
    };
    let (Some(rn), Some(rc), Some(rt), Some(rx)) =
        (t.row("new"), t.row("carry"), t.row("r7"), t.row("next"))
    else {
        return;
    };
    let Some(tmpl) = crate::templates::template(rn.version) else {
        return;
    };
    for c in 0..new.len().min(carry.len()).min(total.len()).min(next.len()) {
        let lhs = new[c] + carry[c];
        if lhs == total[c] + next[c] {
            continue;
        }
        let col = tmpl
            .requests
            .columns
            .get(c)
            .map(String::as_str)
            .unwrap_or("");
        let expected = lhs - total[c];
        let message = format!(
            "表三「{col}」列不平衡：第一项加第二项（{} + {} = {lhs}）应等于第三项总计加第四项（{} + {} = {}）；结转下年度继续办理应为 {expected}，实为 {}",
            new[c],
            carry[c],
            total[c],
            next[c],
            total[c] + next[c],
            next[c]
        );
        let related = vec![
            (rn.values[c].span.clone(), format!("本年新收：{}", new[c])),
            (rc.values[c].span.clone(), format!("上年结转：{}", carry[c])),
            (
                rt.values[c].span.clone(),
                format!("（七）总计：{}", total[c]),
            ),
        ];
        report_total(
            cx,
            &rx.values[c],
            "结转下年度继续办理",
            expected,
            message,
            related,
        );
    }
}
