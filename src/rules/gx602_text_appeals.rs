//! GX602 text-appeals: 正文所述行政复议、行政诉讼情况与表四不一致.
//!
//! Heuristic: a clause saying no 行政复议/行政诉讼 happened (`未发生…行政复议`, `没有引发…行政诉讼`)
//! while table 四 has a non-zero 总计 for it, or a count (`行政复议2件`) that differs from table 四.
//! 行政复议 总计 is value 5 of the row (index 4); 行政诉讼 is the sum of the two 总计 (indexes 9, 14).

use std::sync::LazyLock;

use regex::Regex;

use super::gx601_text_applications::{NUM, about_other_period, in_table, parse_count};
use crate::document::Table;
use crate::rules::prelude::*;

declare_rule!(
    "GX602",
    "text-appeals",
    Warning,
    "正文所述行政复议、行政诉讼情况与表四不一致"
);

static NONE_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?:未|没有)(?:因|发生|收到|接到|出现|产生|引发|提起|涉及|受理|存在|被|有)[^。；;，,！!？?\r\n]{0,24}?(?:行政复议|行政诉讼)[^。；;，,！!？?\r\n]{0,16}",
    )
    .expect("valid regex")
});

static COUNT_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(行政复议|行政诉讼)(?:案件|申请)?([^。；;，,！!？?\r\n0-9０-９]{{0,6}}?){NUM}(?:件|起|宗|次|个)"
    ))
    .expect("valid regex")
});

/// (总计 value, its span) at `index` of the 四 row.
fn total_at(table: &Table, index: usize) -> Option<(i64, Span)> {
    let cell = table.row("appeals")?.values.get(index)?;
    Some((cell.value.as_int()?, cell.span.clone()))
}

fn check(cx: &mut Checker) {
    let doc = cx.doc;
    let text = doc.text;
    let Some(table) = doc.table(TableKind::Appeals) else {
        return;
    };
    let review = total_at(table, 4);
    let lawsuit = match (total_at(table, 9), total_at(table, 14)) {
        (Some((a, sa)), Some((b, _))) => Some((a + b, sa)),
        _ => None,
    };

    for m in NONE_RE.find_iter(text) {
        let s = m.as_str();
        if in_table(doc, m.start()) || about_other_period(doc, m.start()) {
            continue;
        }
        // `尚未审结`, `未经复议直接起诉` are table wording, not a statement of "none".
        if s.contains("审结") || s.contains("未经") {
            continue;
        }
        if s.contains("复议")
            && let Some((v, span)) = &review
            && *v > 0
        {
            cx.report(
                m.range(),
                format!("正文称未发生行政复议，但表四行政复议总计为 {v}"),
            )
            .with_related(span.clone(), format!("表四行政复议总计 {v}"))
            .with_expected("0");
        }
        if s.contains("诉讼")
            && let Some((v, span)) = &lawsuit
            && *v > 0
        {
            cx.report(
                m.range(),
                format!("正文称未发生行政诉讼，但表四行政诉讼总计为 {v}"),
            )
            .with_related(span.clone(), format!("表四行政诉讼总计 {v}"))
            .with_expected("0");
        }
    }

    for c in COUNT_RE.captures_iter(text) {
        let (Some(m), Some(kind), Some(gap), Some(num)) = (c.get(0), c.get(1), c.get(2), c.get(3))
        else {
            continue;
        };
        if in_table(doc, m.start()) || about_other_period(doc, m.start()) {
            continue;
        }
        // A breakdown (`行政复议结果维持1件`) is not the total.
        let g = gap.as_str();
        if [
            "维持",
            "纠正",
            "其他",
            "尚未",
            "审结",
            "直接",
            "复议后",
            "后",
        ]
        .iter()
        .any(|w| g.contains(w))
        {
            continue;
        }
        let Some(n) = parse_count(num.as_str()) else {
            continue;
        };
        let (label, total) = if kind.as_str() == "行政复议" {
            ("行政复议", &review)
        } else {
            ("行政诉讼", &lawsuit)
        };
        let Some((v, span)) = total else { continue };
        if n != *v {
            cx.report(
                num.range(),
                format!("正文称{label} {n} 件，但表四{label}总计为 {v}"),
            )
            .with_related(span.clone(), format!("表四{label}总计 {v}"))
            .with_expected(v.to_string());
        }
    }
}
