//! Code actions: each fix of a diagnostic (from `Diagnostic.data`, no re-lint), "disable GXnnn
//! for this line", and `source.fixAll.gxlint` (the library's safe fixes).

use std::collections::HashMap;
use std::sync::Arc;

use tower_lsp_server::ls_types as lsp;

use super::convert::{self, DiagnosticData};
use super::{Shared, lock};
use crate::line_index::LineIndex;

pub const FIX_ALL: &str = "source.fixAll.gxlint";
pub const UNSAFE_MARK: &str = "（不安全）";

pub fn fix_all_kind() -> lsp::CodeActionKind {
    lsp::CodeActionKind::new(FIX_ALL)
}

/// Whether the client asked for `kind` (`only` absent, or one of its kinds is `kind` or a
/// parent of it: `source` covers `source.fixAll.gxlint`).
fn wanted(only: Option<&Vec<lsp::CodeActionKind>>, kind: &str) -> bool {
    match only {
        None => true,
        Some(kinds) => kinds.iter().any(|k| {
            let k = k.as_str();
            kind == k || (kind.starts_with(k) && kind.as_bytes().get(k.len()) == Some(&b'.'))
        }),
    }
}

/// An edit of `uri` at `version` (versioned when the client supports document changes).
pub fn workspace_edit(
    uri: &lsp::Uri,
    version: i32,
    edits: Vec<lsp::TextEdit>,
    document_changes: bool,
) -> lsp::WorkspaceEdit {
    if document_changes {
        lsp::WorkspaceEdit {
            document_changes: Some(lsp::DocumentChanges::Edits(vec![lsp::TextDocumentEdit {
                text_document: lsp::OptionalVersionedTextDocumentIdentifier {
                    uri: uri.clone(),
                    version: Some(version),
                },
                edits: edits.into_iter().map(lsp::OneOf::Left).collect(),
            }])),
            ..Default::default()
        }
    } else {
        lsp::WorkspaceEdit {
            changes: Some(HashMap::from([(uri.clone(), edits)])),
            ..Default::default()
        }
    }
}

/// The line break used by line `line` of `text` (or by the text, or `\n`).
fn line_break(text: &str, index: &LineIndex, line: usize) -> &'static str {
    let end = index.line_end(text, line).unwrap_or(text.len());
    let rest = &text.as_bytes()[end.min(text.len())..];
    let first_break = |b: &[u8]| -> Option<&'static str> {
        let i = b.iter().position(|&c| c == b'\n' || c == b'\r')?;
        Some(match (b[i], b.get(i + 1)) {
            (b'\r', Some(b'\n')) => "\r\n",
            (b'\r', _) => "\r",
            _ => "\n",
        })
    };
    first_break(rest)
        .or_else(|| first_break(text.as_bytes()))
        .unwrap_or("\n")
}

fn code_of(d: &lsp::Diagnostic) -> Option<&str> {
    match &d.code {
        Some(lsp::NumberOrString::String(s)) => Some(s.as_str()),
        _ => None,
    }
}

pub async fn code_actions(
    shared: &Arc<Shared>,
    params: lsp::CodeActionParams,
) -> Option<lsp::CodeActionResponse> {
    let uri = params.text_document.uri;
    let caps = shared.caps();
    let (version, analysis) = {
        let docs = lock(&shared.docs);
        let d = docs.get(&uri)?;
        (d.version, d.current_analysis())
    };
    let only = params.context.only.as_ref();
    let mut out: lsp::CodeActionResponse = Vec::new();

    if wanted(only, lsp::CodeActionKind::QUICKFIX.as_str()) {
        for diag in &params.context.diagnostics {
            if diag.source.as_deref() != Some(convert::SOURCE) {
                continue;
            }
            let Some(code) = code_of(diag) else { continue };
            // The fixes travel in `data`; a client that drops it gets them from the current
            // analysis, matched by code and range.
            let data: Option<DiagnosticData> = diag
                .data
                .clone()
                .and_then(|v| serde_json::from_value(v).ok())
                .or_else(|| {
                    let a = analysis.as_ref()?;
                    let same = a
                        .published
                        .iter()
                        .find(|p| p.range == diag.range && code_of(p) == Some(code))?;
                    serde_json::from_value(same.data.clone()?).ok()
                });
            let Some(data) = data else { continue };
            if data.version != version {
                continue; // computed for another version of the text: its ranges are wrong now
            }
            let mut preferred_given = false;
            for fix in data.fixes {
                let preferred = fix.safe && !preferred_given;
                preferred_given |= preferred;
                let title = if fix.safe {
                    format!("{}：{}", code, fix.title)
                } else {
                    format!("{}：{}{}", code, fix.title, UNSAFE_MARK)
                };
                out.push(lsp::CodeActionOrCommand::CodeAction(lsp::CodeAction {
                    title,
                    kind: Some(lsp::CodeActionKind::QUICKFIX),
                    diagnostics: Some(vec![diag.clone()]),
                    edit: Some(workspace_edit(
                        &uri,
                        version,
                        fix.edits,
                        caps.document_changes,
                    )),
                    is_preferred: if preferred { Some(true) } else { None },
                    ..Default::default()
                }));
            }
            // Disable for this line: a comment line above the diagnostic's first line.
            if let Some(a) = analysis.as_ref() {
                let line = diag.range.start.line as usize;
                if a.index.line_start(line).is_some() {
                    let eol = line_break(&a.text, &a.index, line);
                    let insert = lsp::Position::new(diag.range.start.line, 0);
                    out.push(lsp::CodeActionOrCommand::CodeAction(lsp::CodeAction {
                        title: format!("在本行停用 {code}"),
                        kind: Some(lsp::CodeActionKind::QUICKFIX),
                        diagnostics: Some(vec![diag.clone()]),
                        edit: Some(workspace_edit(
                            &uri,
                            version,
                            vec![lsp::TextEdit {
                                range: lsp::Range::new(insert, insert),
                                new_text: format!("<!-- gxlint-disable-next-line {code} -->{eol}"),
                            }],
                            caps.document_changes,
                        )),
                        ..Default::default()
                    }));
                }
            }
        }
    }

    // Fix all: when asked for explicitly, or offered when some safe fix exists.
    let explicit = only.is_some() && wanted(only, FIX_ALL);
    let has_safe = analysis.as_ref().is_some_and(|a| {
        a.diagnostics.iter().any(|d| {
            d.fixes
                .iter()
                .any(|f| f.applicability == crate::diagnostic::Applicability::Safe)
        })
    });
    if explicit || (only.is_none() && has_safe) {
        if let Some(action) = fix_all(shared, &uri).await {
            out.push(action);
        }
    }
    Some(out)
}

/// `source.fixAll.gxlint`: the library's safe fixes as one minimal edit of the current text.
async fn fix_all(shared: &Arc<Shared>, uri: &lsp::Uri) -> Option<lsp::CodeActionOrCommand> {
    let (text, version) = shared.snapshot(uri)?;
    let settings = shared.settings.for_uri(uri);
    let engine = shared.engine;
    let caps = shared.caps();
    let t = text.clone();
    let fixed = tokio::task::spawn_blocking(move || (engine.fix_all)(&t, &settings))
        .await
        .ok()?;
    let (span, new_text) = convert::minimal_edit(&text, &fixed)?;
    let index = LineIndex::new(&text);
    let range = convert::range(&text, &index, &span, caps.unit);
    Some(lsp::CodeActionOrCommand::CodeAction(lsp::CodeAction {
        title: "gxlint：应用全部安全修复".to_string(),
        kind: Some(fix_all_kind()),
        edit: Some(workspace_edit(
            uri,
            version,
            vec![lsp::TextEdit { range, new_text }],
            caps.document_changes,
        )),
        ..Default::default()
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds() {
        let src = vec![lsp::CodeActionKind::SOURCE];
        assert!(wanted(Some(&src), FIX_ALL));
        assert!(!wanted(Some(&src), "quickfix"));
        let fa = vec![lsp::CodeActionKind::SOURCE_FIX_ALL];
        assert!(wanted(Some(&fa), FIX_ALL));
        let s = vec![lsp::CodeActionKind::new("sour")];
        assert!(!wanted(Some(&s), FIX_ALL));
        assert!(wanted(None, FIX_ALL));
    }

    #[test]
    fn line_breaks() {
        let t = "a\r\nb\rc\nd";
        let i = LineIndex::new(t);
        assert_eq!(line_break(t, &i, 0), "\r\n");
        assert_eq!(line_break(t, &i, 1), "\r");
        assert_eq!(line_break(t, &i, 2), "\n");
        assert_eq!(line_break(t, &i, 3), "\r\n"); // last line: the text's first
    }
}
