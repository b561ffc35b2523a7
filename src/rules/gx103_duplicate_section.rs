//! GX103 duplicate-section: 同一部分标题出现两次.

use crate::document::sections::{canonical_wording, numeral};
use crate::rules::prelude::*;

declare_rule!(
    "GX103",
    "duplicate-section",
    Warning,
    "同一部分标题出现两次"
);

fn check(cx: &mut Checker) {
    let doc = cx.doc;
    if doc.format == Format::Pre2019 {
        return;
    }
    for (i, s) in doc.sections.iter().enumerate() {
        let Some(first) = doc.sections[..i].iter().find(|p| p.number == s.number) else {
            continue;
        };
        let count = doc.sections[..=i]
            .iter()
            .filter(|p| p.number == s.number)
            .count();
        cx.report(
            s.line.clone(),
            format!(
                "第{}部分“{}”的标题重复出现（第 {count} 次），应只出现 1 次",
                numeral(s.number),
                canonical_wording(s.number)
            ),
        )
        .with_related(first.line.clone(), "第一次出现在此");
    }
}
