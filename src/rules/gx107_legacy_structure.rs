//! GX107 legacy-structure: 报告沿用2019年以前的旧结构.
//!
//! Fingerprints are data: rules/legacy.toml.

use std::sync::LazyLock;

use memchr::memmem::Finder;
use serde::Deserialize;

use crate::document::sections::parse_heading_line;
use crate::fold::fold;
use crate::rules::prelude::*;

declare_rule!(
    "GX107",
    "legacy-structure",
    Warning,
    "报告沿用2019年以前的旧结构"
);

#[derive(Debug, Deserialize, PartialEq, Eq, Clone, Copy)]
#[serde(rename_all = "lowercase")]
enum Scope {
    Heading,
    Anywhere,
}

#[derive(Debug, Deserialize, PartialEq, Eq, Clone, Copy, Default)]
#[serde(rename_all = "lowercase")]
enum Match {
    #[default]
    Exact,
    Contains,
}

#[derive(Debug, Deserialize)]
struct Fingerprint {
    phrase: String,
    scope: Scope,
    #[serde(default, rename = "match")]
    matching: Match,
}

#[derive(Deserialize)]
struct LegacyFile {
    fingerprint: Vec<Fingerprint>,
}

/// Fingerprints with their folded phrase and a searcher for it (compiled once).
static FINGERPRINTS: LazyLock<Vec<(String, Fingerprint, Finder<'static>)>> = LazyLock::new(|| {
    let file: LegacyFile = toml::from_str(include_str!("../../rules/legacy.toml"))
        .expect("rules/legacy.toml is valid");
    file.fingerprint
        .into_iter()
        .map(|f| {
            let phrase = fold(&f.phrase);
            let finder = Finder::new(phrase.as_bytes()).into_owned();
            (phrase, f, finder)
        })
        .collect()
});

/// Whether a heading wording is a pre-2019 heading fingerprint (what this rule reports).
pub fn is_legacy_heading(wording: &str) -> bool {
    let w = fold(wording);
    let w = w.trim_end_matches(['。', '.']);
    FINGERPRINTS
        .iter()
        .filter(|(_, f, _)| f.scope == Scope::Heading)
        .any(|(phrase, f, _)| match f.matching {
            Match::Exact => w == phrase,
            Match::Contains => w.contains(phrase.as_str()),
        })
}

/// Whether `text` holds a pre-2019 fingerprint of any scope.
pub fn legacy_phrase_in(text: &str) -> bool {
    let t = fold(text);
    FINGERPRINTS
        .iter()
        .any(|(phrase, _, _)| !phrase.is_empty() && t.contains(phrase.as_str()))
}

fn check(cx: &mut Checker) {
    let doc = cx.doc;
    if doc.format == Format::Pre2019 {
        return;
    }
    let year = match doc.year {
        Some(y) => format!("{y} 年度报告"),
        None => format!("按 {} 格式检查的报告", doc.format.as_str()),
    };
    let mut hits: Vec<(std::ops::Range<usize>, String)> = Vec::new();
    // Headings.
    for line in doc.line_spans().iter().cloned() {
        let Some(h) = parse_heading_line(doc.text, line) else {
            continue;
        };
        let wording = fold(doc.slice(&h.wording));
        let wording = wording.trim_end_matches(['。', '.']);
        for (phrase, f, _) in FINGERPRINTS
            .iter()
            .filter(|(_, f, _)| f.scope == Scope::Heading)
        {
            let hit = match f.matching {
                Match::Exact => wording == phrase,
                Match::Contains => wording.contains(phrase.as_str()),
            };
            if hit {
                hits.push((h.wording.clone(), f.phrase.clone()));
                break;
            }
        }
    }
    // Anywhere: the first occurrence of each phrase.
    let folded = doc.folded();
    for (phrase, f, finder) in FINGERPRINTS
        .iter()
        .filter(|(_, f, _)| f.scope == Scope::Anywhere)
    {
        if phrase.is_empty() {
            continue;
        }
        if let Some(p) = finder.find(folded.text.as_bytes()) {
            let span = folded.source_span(p, p + phrase.len());
            if !hits
                .iter()
                .any(|(s, _)| s.start < span.end && span.start < s.end)
            {
                hits.push((span, f.phrase.clone()));
            }
        }
    }
    hits.sort_by_key(|(s, _)| s.start);
    for (span, phrase) in hits {
        cx.report(
            span,
            format!("“{phrase}”是2019年以前旧格式报告的结构，{year}应按现行格式的六个部分编写"),
        );
    }
}
