//! Cross-year pairing: which reports of a batch are one agency's reports for consecutive years,
//! and the GX701 diagnostics of a pair as the checked report's settings want them (suppression
//! comments, severity overrides). Used by `gxlint review` and by `gxlint check`.

use std::collections::HashMap;

use crate::config::Settings;
use crate::diagnostic::Diagnostic;
use crate::document::Document;
use crate::render::FileResult;
use crate::rules::gx701_carry_over::{Facts, RULE, check_pair};

/// Pairs `(previous, current)` of indices into `keys` (agency name and year per report, `None`
/// for a report that takes no part): the report for year N of an agency and its report for
/// N−1. An agency with two reports for one year is ambiguous: that year takes part in no pair.
pub fn pairs(keys: &[Option<(String, i32)>]) -> Vec<(usize, usize)> {
    let mut by_key: HashMap<(&str, i32), Vec<usize>> = HashMap::new();
    for (i, k) in keys.iter().enumerate() {
        if let Some((agency, year)) = k {
            by_key.entry((agency.as_str(), *year)).or_default().push(i);
        }
    }
    let mut out = Vec::new();
    for (&(agency, year), cur) in &by_key {
        let (Some(prev), [c]) = (by_key.get(&(agency, year - 1)), cur.as_slice()) else {
            continue;
        };
        if let [p] = prev.as_slice() {
            out.push((*p, *c));
        }
    }
    out.sort_unstable();
    out
}

/// GX701 diagnostics of `doc` as its settings want them: suppressed ones removed, a configured
/// severity applied; sorted by position.
pub fn finish(mut diags: Vec<Diagnostic>, doc: &Document, settings: &Settings) -> Vec<Diagnostic> {
    if !settings.enabled(&RULE) {
        return Vec::new();
    }
    let suppressions =
        crate::suppress::Suppressions::parse(doc.text, &doc.lines, crate::rules::code_of);
    diags.retain(|d| !suppressions.suppresses(d, &doc.lines));
    if let Some(sev) = settings.severity.get(RULE.code) {
        for d in &mut diags {
            d.severity = *sev;
        }
    }
    diags.sort_by_key(|d| (d.span.start, d.span.end));
    diags
}

/// `gxlint check` with several files: adds GX701 diagnostics to the checked files that have
/// their agency's previous-year report among `results`. `settings` gives a file's settings by
/// its path (`None`: the file takes no part).
pub fn add_to_results<'s>(
    results: &mut [FileResult],
    settings: impl Fn(&str) -> Option<&'s Settings>,
) {
    if results.len() < 2 {
        return;
    }
    // Cheap first: the agency and year from the title alone.
    let mut keys: Vec<Option<(String, i32)>> = Vec::with_capacity(results.len());
    for r in results.iter() {
        let key = (|| {
            let a = r.outcome.as_ref().ok()?;
            let s = settings(&r.path)?;
            if !s.enabled(&RULE) {
                return None;
            }
            let year = a.year?;
            let title = crate::document::meta::find_title(&r.text)?;
            let name = title_agency(&r.text, &title)?;
            Some((name, year))
        })();
        keys.push(key);
    }
    let pairs = pairs(&keys);
    if pairs.is_empty() {
        return;
    }
    let mut facts: HashMap<usize, Option<Facts>> = HashMap::new();
    for &(p, c) in &pairs {
        for i in [p, c] {
            facts.entry(i).or_insert_with(|| {
                let s = settings(&results[i].path)?;
                let doc = Document::parse(&results[i].text, &s.parse_options());
                Facts::from_document(&doc)
            });
        }
    }
    for (p, c) in pairs {
        let (Some(Some(pf)), Some(Some(cf))) = (facts.get(&p), facts.get(&c)) else {
            continue;
        };
        let found = check_pair(pf, &results[p].path, cf);
        if found.is_empty() {
            continue;
        }
        let Some(s) = settings(&results[c].path) else {
            continue;
        };
        let r = &mut results[c];
        let doc = Document::parse(&r.text, &s.parse_options());
        let kept = finish(found, &doc, s);
        drop(doc);
        if let Ok(a) = &mut r.outcome {
            a.diagnostics.extend(kept);
            a.diagnostics.sort_by(|a, b| {
                (a.span.start, a.span.end, a.code).cmp(&(b.span.start, b.span.end, b.code))
            });
        }
    }
}

/// The agency of a title (see [`super::agency_name`]) without parsing the whole document.
fn title_agency(text: &str, title: &crate::document::Title) -> Option<String> {
    super::agency_from_title(text, title)
}
