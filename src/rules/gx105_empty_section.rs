//! GX105 empty-section: 部分标题下没有内容.

use crate::document::sections::{canonical_wording, is_space, numeral};
use crate::rules::prelude::*;

declare_rule!("GX105", "empty-section", Warning, "部分标题下没有内容");

fn check(cx: &mut Checker) {
    let doc = cx.doc;
    if doc.format == Format::Pre2019 {
        return;
    }
    for s in &doc.sections {
        if doc.slice(&s.body).trim_matches(is_space).is_empty() {
            cx.report(
                s.line.clone(),
                format!(
                    "第{}部分“{}”下没有内容（没有可报告的事项时也应写明，如“无”）",
                    numeral(s.number),
                    canonical_wording(s.number)
                ),
            );
        }
    }
}
