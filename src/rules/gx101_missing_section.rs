//! GX101 missing-section: 缺少六个部分之一.

use crate::canonical::missing_section_insertion;
use crate::document::meta::looks_like_report;
use crate::document::sections::{canonical_wording, numeral};
use crate::rules::prelude::*;

declare_rule!("GX101", "missing-section", Error, "缺少六个部分之一");

fn check(cx: &mut Checker) {
    let doc = cx.doc;
    if doc.format == Format::Pre2019 || !looks_like_report(doc) {
        return;
    }
    for n in 1..=6u8 {
        if doc.section(n).is_some() {
            continue;
        }
        // Point at the heading that follows the gap, else the one before it, else the title.
        let span = doc
            .sections
            .iter()
            .find(|s| s.number > n)
            .or_else(|| doc.sections.iter().rev().find(|s| s.number < n))
            .map(|s| s.line.clone())
            .or_else(|| doc.title.as_ref().map(|t| t.span.clone()))
            .unwrap_or(0..0);
        let heading = format!("{}、{}", numeral(n), canonical_wording(n));
        let fix = missing_section_insertion(doc, n);
        let d = cx.report(span, format!("缺少第{}部分“{heading}”", numeral(n)));
        if let Some(edit) = fix {
            d.with_fix(Fix::safe(format!("插入“{heading}”"), vec![edit]));
        }
    }
}
