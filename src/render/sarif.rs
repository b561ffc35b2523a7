//! `--format sarif`: SARIF 2.1.0, written with serde_json.
//!
//! Columns are counted in Unicode code points (`"columnKind": "unicodeCodePoints"` on the run),
//! the same 1-based character columns as the JSON output; regions also carry `byteOffset` and
//! `byteLength`. Fixes are SARIF `fixes` with byte-offset `deletedRegion`s.

use serde_json::{Value, json};

use super::{FileResult, Positions, doc_summary};
use crate::diagnostic::Severity;
use crate::rules::ALL;

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// The SARIF URI of a path: forward slashes, percent-encoding what a URI reference cannot hold.
fn uri(path: &str) -> String {
    let mut out = String::new();
    for ch in path.replace('\\', "/").chars() {
        match ch {
            ' ' => out.push_str("%20"),
            '%' => out.push_str("%25"),
            '#' => out.push_str("%23"),
            '?' => out.push_str("%3F"),
            c => out.push(c),
        }
    }
    out
}

pub fn to_value(files: &[FileResult]) -> Value {
    let rules: Vec<Value> = ALL
        .iter()
        .map(|r| {
            let full = doc_summary(r.doc);
            let full = if full.is_empty() {
                r.summary.to_string()
            } else {
                full
            };
            json!({
                "id": r.code,
                "name": r.name,
                "shortDescription": {"text": r.summary},
                "fullDescription": {"text": full},
                "help": {"text": r.doc, "markdown": r.doc},
                "helpUri": crate::docs::default_rule_url(r.code),
                "defaultConfiguration": {"level": level(r.severity)},
            })
        })
        .collect();
    let mut results = Vec::new();
    let mut notifications = Vec::new();
    let mut artifacts = Vec::new();
    for f in files {
        let u = uri(&f.path);
        if f.encoding_name().is_some() || f.source_kind().is_some() {
            let mut a = json!({"location": {"uri": u}});
            if let Some(e) = f.encoding_name() {
                a["encoding"] = json!(e);
            }
            if let Some(k) = f.source_kind() {
                a["properties"] = json!({"renderedFrom": k});
            }
            artifacts.push(a);
        }
        if let Some(e) = &f.write_error {
            notifications.push(json!({
                "level": "error",
                "message": {"text": e},
                "locations": [{"physicalLocation": {"artifactLocation": {"uri": u}}}],
            }));
        }
        match &f.outcome {
            Err(e) => notifications.push(json!({
                "level": "error",
                "message": {"text": e},
                "locations": [{"physicalLocation": {"artifactLocation": {"uri": u}}}],
            })),
            Ok(a) => {
                let pos = Positions::new(&f.text);
                for d in &a.diagnostics {
                    let (sl, sc) = pos.at(d.span.start);
                    let (el, ec) = pos.at(d.span.end);
                    let index = ALL.iter().position(|r| r.code == d.code);
                    let fixes: Vec<Value> = d
                        .fixes
                        .iter()
                        .map(|fix| {
                            json!({
                                "description": {"text": fix.title},
                                "artifactChanges": [{
                                    "artifactLocation": {"uri": u},
                                    "replacements": fix.edits.iter().map(|e| json!({
                                        "deletedRegion": {
                                            "byteOffset": e.range.start,
                                            "byteLength": e.range.end.saturating_sub(e.range.start),
                                        },
                                        "insertedContent": {"text": e.new_text},
                                    })).collect::<Vec<_>>(),
                                }],
                                "properties": {"applicability": fix.applicability},
                            })
                        })
                        .collect();
                    let mut result = json!({
                        "ruleId": d.code,
                        "level": level(d.severity),
                        "message": {"text": d.message},
                        "locations": [{
                            "physicalLocation": {
                                "artifactLocation": {"uri": u},
                                "region": {
                                    "startLine": sl,
                                    "startColumn": sc,
                                    "endLine": el,
                                    "endColumn": ec,
                                    "byteOffset": d.span.start,
                                    "byteLength": d.span.end.saturating_sub(d.span.start),
                                },
                            },
                        }],
                    });
                    if let Some(place) = f.locate(d.span.start)
                        && let Some(loc) = result["locations"][0].as_object_mut()
                    {
                        loc.insert(
                            "logicalLocations".into(),
                            json!([{"name": place, "kind": "element"}]),
                        );
                    }
                    if let (Some(i), Some(obj)) = (index, result.as_object_mut()) {
                        obj.insert("ruleIndex".into(), json!(i));
                    }
                    if !fixes.is_empty()
                        && let Some(obj) = result.as_object_mut()
                    {
                        obj.insert("fixes".into(), Value::Array(fixes));
                    }
                    results.push(result);
                }
            }
        }
    }
    let mut run = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "gxlint",
                "version": env!("CARGO_PKG_VERSION"),
                "rules": rules,
            }},
            "columnKind": "unicodeCodePoints",
            "invocations": [{
                "executionSuccessful": notifications.is_empty(),
                "toolExecutionNotifications": notifications,
            }],
            "results": results,
        }],
    });
    if !artifacts.is_empty() {
        run["runs"][0]["artifacts"] = Value::Array(artifacts);
    }
    run
}

pub fn render(files: &[FileResult]) -> String {
    let mut s = serde_json::to_string_pretty(&to_value(files)).unwrap_or_default();
    s.push('\n');
    s
}
