//! GX402 period-missing: 没有统计期限说明.

use crate::canonical::period_sentence;
use crate::document::meta::{looks_like_report, title_line_end};
use crate::rules::prelude::*;

declare_rule!("GX402", "period-missing", Warning, "没有统计期限说明");

fn check(cx: &mut Checker) {
    let doc = cx.doc;
    if doc.period.is_some() || !looks_like_report(doc) {
        return;
    }
    let Some(n) = doc.year else {
        // The year is not known (GX404 says so): the statement is still missing, but no sentence
        // can be written for it.
        let span = doc.title.as_ref().map(|t| t.span.clone()).unwrap_or(0..0);
        cx.report(
            span,
            "没有统计期限说明，应写明统计期限（本年度1月1日至12月31日）".to_string(),
        );
        return;
    };
    let at = doc.opening_end.min(doc.text.len());
    let sentence = period_sentence(n);
    let eol = if doc.text.contains("\r\n") {
        "\r\n"
    } else {
        "\n"
    };
    let title_end = doc.title.as_ref().map(|t| title_line_end(doc.text, t));
    // Appended to the opening paragraph; on a line of its own after the title or at the top.
    let insert = if title_end == Some(at) {
        format!("{eol}{sentence}")
    } else if at == 0 {
        format!("{sentence}{eol}")
    } else {
        sentence.clone()
    };
    // The diagnostic sits on the line the sentence would join.
    let span = doc
        .line_spans()
        .iter()
        .find(|l| l.start <= at && at <= l.end && !l.is_empty())
        .cloned()
        .map(|l| l.start..at.max(l.start))
        .filter(|s| !s.is_empty())
        .or_else(|| doc.title.as_ref().map(|t| t.span.clone()))
        .unwrap_or(0..0);
    cx.report(
        span,
        format!("没有统计期限说明，应写明统计期限为 {n}年1月1日至{n}年12月31日"),
    )
    .with_fix(Fix::safe(
        format!("插入“{}”", sentence.trim_end_matches('。')),
        vec![Edit::insert(at, insert)],
    ));
}
