//! gxlint: a linter for drafts of 政府信息公开工作年度报告.
//!
//! The data flow is one straight line (see ARCHITECTURE.md):
//! text → [`document::Document`] → [`rules`] → [`diagnostic::Diagnostic`]s with fixes →
//! renderers (`render`, and the language server in `lsp`).

pub mod canonical;
pub mod config;
pub mod data;
pub mod diagnostic;
pub mod docs;
pub mod document;
pub mod files;
pub mod fix;
pub mod fold;
pub mod format;
pub mod identities;
pub mod input;
pub mod line_index;
pub mod lsp;
pub mod new;
pub mod prose;
pub mod query;
pub mod render;
pub mod review;
pub mod rules;
pub mod solver;
pub mod suppress;
pub mod templates;

use config::Settings;
use diagnostic::Diagnostic;
use document::{Document, Format};
use suppress::Suppressions;

/// The result of checking one text.
#[derive(Debug, Clone)]
pub struct Analysis {
    pub year: Option<i32>,
    pub format: Format,
    /// Sorted by position, then code.
    pub diagnostics: Vec<Diagnostic>,
    /// Why the text was not checked: it is not a report draft (a README, a notice about the
    /// report, minutes). Its `diagnostics` are then empty.
    pub skipped: Option<&'static str>,
}

/// Why a text that is not recognisable as a report is skipped.
pub const NOT_A_REPORT: &str =
    "不是年度报告：没有“……政府信息公开工作年度报告”形式的标题，也没有六个部分的标题";

impl Analysis {
    /// The analysis of a parsed document with the diagnostics found for it (none, and a reason,
    /// when the document is not a report).
    pub fn of(doc: &Document, diagnostics: Vec<Diagnostic>) -> Analysis {
        let report = document::meta::looks_like_report(doc);
        Analysis {
            year: doc.year,
            format: doc.format,
            diagnostics: if report { diagnostics } else { Vec::new() },
            skipped: (!report).then_some(NOT_A_REPORT),
        }
    }
}

/// Run every enabled rule on a parsed document: severity overrides applied, suppressed
/// diagnostics removed, sorted by position.
pub fn lint(doc: &Document, settings: &Settings) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let suppressions = Suppressions::parse(doc.text, &doc.lines, rules::code_of);
    let enabled: Vec<&'static str> = rules::ALL
        .iter()
        .filter(|r| settings.enabled(r))
        .map(|r| r.code)
        .collect();
    let context = rules::Context {
        data: &settings.data,
        suppressions: &suppressions,
        enabled: &enabled,
    };
    let shared = rules::Shared::default();
    for rule in rules::ALL {
        if rule.code == "GX001" || !settings.enabled(rule) {
            continue;
        }
        let mut cx = rules::Checker::with_shared(doc, context, rule, &mut out, &shared);
        (rule.check)(&mut cx);
    }
    out.retain(|d| !suppressions.suppresses(d, &doc.lines));
    let unused = rules::find("GX001").expect("GX001 registered");
    if settings.enabled(unused) {
        let mut cx = rules::Checker::new(doc, context, unused, &mut out);
        (unused.check)(&mut cx);
    }
    // After GX001, so that a configured severity applies to it too.
    for d in &mut out {
        if let Some(sev) = settings.severity.get(d.code) {
            d.severity = *sev;
        }
    }
    out.sort_by(|a, b| (a.span.start, a.span.end, a.code).cmp(&(b.span.start, b.span.end, b.code)));
    out
}

/// Parse and lint a text. A text that is not a report draft (no report title, none of the six
/// section headings) gets no diagnostics: the result says it was skipped.
pub fn check(text: &str, settings: &Settings) -> Analysis {
    let doc = Document::parse(text, &settings.parse_options());
    if !document::meta::looks_like_report(&doc) {
        return Analysis::of(&doc, Vec::new());
    }
    let diagnostics = lint(&doc, settings);
    Analysis::of(&doc, diagnostics)
}
