//! `--format json`: the stable JSON schema (version 1) documented in README.md.

use serde_json::{Value, json};

use super::{FileResult, Positions};
use crate::diagnostic::Diagnostic;

/// The JSON value of one diagnostic (also used by other front ends).
pub fn diagnostic_value(d: &Diagnostic, pos: &Positions) -> Value {
    let (sl, sc) = pos.at(d.span.start);
    let (el, ec) = pos.at(d.span.end);
    let fixes: Vec<Value> = d
        .fixes
        .iter()
        .map(|f| {
            json!({
                "title": f.title,
                "applicability": f.applicability,
                "edits": f.edits.iter().map(|e| json!({
                    "byte_range": [e.range.start, e.range.end],
                    "new_text": e.new_text,
                })).collect::<Vec<_>>(),
            })
        })
        .collect();
    json!({
        "code": d.code,
        "name": d.name,
        "severity": d.severity,
        "message": d.message,
        "range": {
            "start": {"line": sl, "column": sc},
            "end": {"line": el, "column": ec},
        },
        "byte_range": [d.span.start, d.span.end],
        "fixes": fixes,
    })
}

/// The whole report as a JSON value.
pub fn to_value(files: &[FileResult]) -> Value {
    let files: Vec<Value> = files
        .iter()
        .map(|f| {
            let mut entry = serde_json::Map::new();
            entry.insert("path".into(), json!(f.path));
            match &f.outcome {
                Ok(a) => {
                    let pos = Positions::new(&f.text);
                    entry.insert("year".into(), json!(a.year));
                    entry.insert("format".into(), json!(a.format));
                    if let Some(n) = f.fixes_applied {
                        entry.insert("fixes_applied".into(), json!(n));
                    }
                    entry.insert(
                        "diagnostics".into(),
                        Value::Array(
                            a.diagnostics.iter().map(|d| diagnostic_value(d, &pos)).collect(),
                        ),
                    );
                }
                Err(e) => {
                    entry.insert("error".into(), json!(e));
                }
            }
            Value::Object(entry)
        })
        .collect();
    json!({"version": 1, "files": files})
}

pub fn render(files: &[FileResult]) -> String {
    let mut s = serde_json::to_string_pretty(&to_value(files)).unwrap_or_default();
    s.push('\n');
    s
}
