//! GX403 period-malformed: 统计期限的日期无法识别.

use crate::document::Date;
use crate::document::meta::period_parts;
use crate::rules::prelude::*;

declare_rule!("GX403", "period-malformed", Error, "统计期限的日期无法识别");

fn check(cx: &mut Checker) {
    let doc = cx.doc;
    let Some(p) = doc.period.as_ref().filter(|p| p.malformed) else {
        return;
    };
    let written = doc.slice(&p.span);
    let Some(n) = doc.year else {
        cx.report(p.span.clone(), format!("统计期限“{written}”的日期无法识别"));
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
    let fix = period_parts(doc.text, p).map(|[a, b]| {
        Fix::unsafe_(
            format!("改为 {want_start}至{want_end}"),
            vec![
                Edit::replace(a.span, a.style.render(want_start)),
                Edit::replace(b.span, b.style.render(want_end)),
            ],
        )
    });
    let d = cx.report(
        p.span.clone(),
        format!("统计期限“{written}”的日期无法识别，应为 {want_start}至{want_end}"),
    );
    if let Some(fix) = fix {
        d.with_fix(fix);
    }
}
