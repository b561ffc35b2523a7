//! `--output-format rdjson`: reviewdog's Diagnostic Format (`DiagnosticResult` JSON), validated
//! in the tests against its published schema (tests/schemas/). Lines are 1-based; columns are
//! 1-based UTF-8 byte counts, as the format defines them; ranges end exclusively. The first
//! fix of a finding becomes its `suggestions` (one per edit).
//! A file that could not be read has no place in the format: the CLI reports it on stderr.

use serde_json::{Value, json};

use super::{FileResult, Positions};
use crate::diagnostic::Severity;

fn severity(s: Severity) -> &'static str {
    match s {
        Severity::Error => "ERROR",
        Severity::Warning => "WARNING",
        Severity::Info => "INFO",
    }
}

fn range(pos: &Positions, span: &std::ops::Range<usize>) -> Value {
    let (sl, sc) = pos.at_byte(span.start);
    let (el, ec) = pos.at_byte(span.end);
    json!({"start": {"line": sl, "column": sc}, "end": {"line": el, "column": ec}})
}

pub fn to_value(files: &[FileResult]) -> Value {
    let mut diagnostics = Vec::new();
    for f in files {
        let pos = Positions::new(&f.text);
        for d in f.diagnostics() {
            let message = match f.locate(d.span.start) {
                Some(p) => format!("{}（{p}）", d.message),
                None => d.message.clone(),
            };
            let mut v = json!({
                "message": message,
                "location": {"path": f.path, "range": range(&pos, &d.span)},
                "severity": severity(d.severity),
                "code": {"value": d.code},
            });
            if let Some(fix) = d.fixes.first() {
                v["suggestions"] = fix
                    .edits
                    .iter()
                    .map(|e| json!({"range": range(&pos, &e.range), "text": e.new_text}))
                    .collect();
            }
            diagnostics.push(v);
        }
    }
    json!({
        "source": {"name": "gxlint"},
        "diagnostics": diagnostics,
    })
}

pub fn render(files: &[FileResult]) -> String {
    let mut s = serde_json::to_string_pretty(&to_value(files)).unwrap_or_default();
    s.push('\n');
    s
}
