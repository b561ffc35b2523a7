//! GX406 stale-citation: 引用了已被取代的文件.
//!
//! The citations are data: rules/citations.toml.

use std::sync::LazyLock;

use regex::Regex;
use serde::Deserialize;

use crate::rules::prelude::*;

declare_rule!("GX406", "stale-citation", Warning, "引用了已被取代的文件");

#[derive(Debug, Deserialize)]
struct Citation {
    pattern: String,
    with: Vec<String>,
    from: i32,
    current: String,
    note: String,
}

#[derive(Deserialize)]
struct CitationsFile {
    citation: Vec<Citation>,
}

static CITATIONS: LazyLock<Vec<(Regex, Citation)>> = LazyLock::new(|| {
    let file: CitationsFile = toml::from_str(include_str!("../../rules/citations.toml"))
        .expect("rules/citations.toml is valid");
    file.citation
        .into_iter()
        .map(|c| {
            (
                Regex::new(&c.pattern).expect("rules/citations.toml pattern"),
                c,
            )
        })
        .collect()
});

fn check(cx: &mut Checker) {
    let doc = cx.doc;
    let Some(n) = doc.year else { return };
    let folded = doc.folded();
    let mut found = Vec::new();
    for (re, c) in CITATIONS.iter().filter(|(_, c)| n >= c.from) {
        for m in re.captures_iter(&folded.text) {
            let whole = m.get(0).expect("match");
            let span = folded.source_span(whole.start(), whole.end());
            let edits: Vec<Edit> = c
                .with
                .iter()
                .enumerate()
                .filter_map(|(i, new)| {
                    let g = m.name(&format!("r{i}"))?;
                    Some(Edit::replace(
                        folded.source_span(g.start(), g.end()),
                        new.clone(),
                    ))
                })
                .collect();
            found.push((span, c, edits));
        }
    }
    found.sort_by_key(|(s, _, _)| s.start);
    for (span, c, edits) in found {
        let written = doc.slice(&span).to_string();
        let d = cx.report(
            span,
            format!(
                "{n}年度报告引用的“{written}”已被取代，应引用{}（{}）",
                c.current, c.note
            ),
        );
        if !edits.is_empty() {
            d.with_fix(Fix::safe(format!("改为{}", c.current), edits));
        }
    }
}
