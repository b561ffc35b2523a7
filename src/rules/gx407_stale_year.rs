//! GX407 stale-year: 叙述以另一个年份开头.

use std::sync::LazyLock;

use regex::Regex;

use crate::document::meta::is_metadata_line;
use crate::fold::Folded;
use crate::rules::prelude::*;

declare_rule!("GX407", "stale-year", Info, "叙述以另一个年份开头");

/// `2020年` / `2020年度` at the start of a line, not a span of years (`2019年以来`, `2019年至`).
static LEADING_YEAR: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(\d{4})年(?:度)?(?P<after>.?)").expect("pattern"));

fn check(cx: &mut Checker) {
    let doc = cx.doc;
    let Some(n) = doc.year else { return };
    let lines = doc.line_spans();
    let first_prose = |from: usize, until: usize| {
        lines
            .iter()
            .filter(|l| l.start >= from && l.end <= until)
            .find(|l| {
                let s = doc.slice(l).trim();
                !s.is_empty() && !is_metadata_line(s)
            })
            .cloned()
    };
    let mut candidates = Vec::new();
    let one = doc.section(1);
    // The opening: first prose line after the title, before section 一.
    if let (Some(t), Some(one)) = (doc.title.as_ref(), one) {
        candidates.extend(first_prose(t.span.end, one.line.start));
    }
    // The first narrative line of 一、总体情况.
    if let Some(one) = one {
        candidates.extend(first_prose(one.body.start, one.body.end));
    }
    for line in candidates {
        let f = Folded::new(doc.slice(&line), line.start);
        let Some(c) = LEADING_YEAR.captures(&f.text) else {
            continue;
        };
        let after = c.name("after").map(|m| m.as_str()).unwrap_or("");
        if ["以", "至", "到", "-", "~", "—", "、", "和", "与"]
            .iter()
            .any(|p| after.starts_with(p))
        {
            continue;
        }
        let y = c.get(1).expect("group");
        let Ok(year) = y.as_str().parse::<i32>() else {
            continue;
        };
        if year == n || !(1990..=2100).contains(&year) {
            continue;
        }
        cx.report(
            f.source_span(y.start(), y.end()),
            format!("叙述以“{year}年”开头，但报告年度为 {n} 年；是否沿用了往年的报告？"),
        );
    }
}
