//! GX401 period-mismatch: 统计期限不是报告年度的1月1日至12月31日.

use crate::document::meta::period_parts;
use crate::document::{Date, YearSource};
use crate::rules::prelude::*;

declare_rule!(
    "GX401",
    "period-mismatch",
    Error,
    "统计期限不是报告年度的1月1日至12月31日"
);

fn check(cx: &mut Checker) {
    let doc = cx.doc;
    let (Some(n), Some(p)) = (doc.year, doc.period.as_ref()) else {
        return;
    };
    if p.malformed {
        return;
    }
    let (Some(start), Some(end)) = (p.start, p.end) else {
        return;
    };
    let want_start = Date {
        year: n,
        month: 1,
        day: 1,
    };
    let want_end = Date {
        year: n,
        month: 12,
        day: 31,
    };
    if start == want_start && end == want_end {
        return;
    }
    let fix = period_parts(doc.text, p).map(|[a, b]| {
        let edits = vec![
            Edit::replace(a.span, a.style.render(want_start)),
            Edit::replace(b.span, b.style.render(want_end)),
        ];
        let title = format!("改为 {want_start}至{want_end}");
        if doc.year_source == YearSource::Title {
            Fix::safe(title, edits)
        } else {
            Fix::unsafe_(title, edits)
        }
    });
    let d = cx.report(
        p.span.clone(),
        format!("统计期限应为 {want_start}至{want_end}，实为 {start}至{end}"),
    );
    if let Some(fix) = fix {
        d.with_fix(fix);
    }
}
