//! Library → protocol: byte spans to LSP ranges in the negotiated unit, diagnostics with their
//! fixes carried in `data`.

use serde::{Deserialize, Serialize};
use tower_lsp_server::ls_types as lsp;

use crate::diagnostic::{Applicability, Diagnostic, Severity, Span};
use crate::line_index::{ColumnUnit, LineIndex};

pub const SOURCE: &str = "gxlint";

pub fn position(text: &str, index: &LineIndex, offset: usize, unit: ColumnUnit) -> lsp::Position {
    let (line, col) = index.position(text, offset, unit);
    lsp::Position::new(line as u32, col as u32)
}

pub fn range(text: &str, index: &LineIndex, span: &Span, unit: ColumnUnit) -> lsp::Range {
    lsp::Range::new(
        position(text, index, span.start, unit),
        position(text, index, span.end, unit),
    )
}

/// Byte offset of an LSP position in `text` (clamped; `None` for a line past the end).
pub fn offset(
    text: &str,
    index: &LineIndex,
    pos: lsp::Position,
    unit: ColumnUnit,
) -> Option<usize> {
    index.offset(text, pos.line as usize, pos.character as usize, unit)
}

/// A fix as it travels in `Diagnostic.data`: LSP ranges of the version it was computed for.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct FixData {
    pub title: String,
    pub safe: bool,
    pub edits: Vec<lsp::TextEdit>,
}

/// `Diagnostic.data`: the rule's name, the document version, and the fixes.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct DiagnosticData {
    pub rule: String,
    pub version: i32,
    #[serde(default)]
    pub fixes: Vec<FixData>,
    /// For arithmetic rules: the value the total should have.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expected: Option<String>,
}

pub fn severity(s: Severity) -> lsp::DiagnosticSeverity {
    match s {
        Severity::Error => lsp::DiagnosticSeverity::ERROR,
        Severity::Warning => lsp::DiagnosticSeverity::WARNING,
        Severity::Info => lsp::DiagnosticSeverity::INFORMATION,
    }
}

pub struct Ctx<'a> {
    pub uri: &'a lsp::Uri,
    pub text: &'a str,
    pub index: &'a LineIndex,
    pub unit: ColumnUnit,
    pub version: i32,
    /// The configured base address of the rule pages (`docs-base-url`); `None`: the repository.
    pub docs_base: Option<&'a str>,
}

/// The link to the rule's page (`codeDescription`).
fn code_description(cx: &Ctx<'_>, code: &str) -> Option<lsp::CodeDescription> {
    let href = crate::docs::rule_url(cx.docs_base, code).parse().ok()?;
    Some(lsp::CodeDescription { href })
}

pub fn diagnostic(cx: &Ctx<'_>, d: &Diagnostic) -> lsp::Diagnostic {
    let fixes = d
        .fixes
        .iter()
        .map(|f| FixData {
            title: f.title.clone(),
            safe: f.applicability == Applicability::Safe,
            edits: f
                .edits
                .iter()
                .map(|e| lsp::TextEdit {
                    range: range(cx.text, cx.index, &e.range, cx.unit),
                    new_text: e.new_text.clone(),
                })
                .collect(),
        })
        .collect();
    let data = DiagnosticData {
        rule: d.name.to_string(),
        version: cx.version,
        fixes,
        expected: d.expected.clone(),
    };
    let related: Vec<lsp::DiagnosticRelatedInformation> = d
        .related
        .iter()
        .map(|r| lsp::DiagnosticRelatedInformation {
            location: lsp::Location {
                uri: cx.uri.clone(),
                range: range(cx.text, cx.index, &r.span, cx.unit),
            },
            message: r.message.clone(),
        })
        .collect();
    lsp::Diagnostic {
        range: range(cx.text, cx.index, &d.span, cx.unit),
        severity: Some(severity(d.severity)),
        code: Some(lsp::NumberOrString::String(d.code.to_string())),
        code_description: code_description(cx, d.code),
        source: Some(SOURCE.to_string()),
        message: d.message.clone(),
        related_information: if related.is_empty() {
            None
        } else {
            Some(related)
        },
        tags: None,
        data: serde_json::to_value(data).ok(),
    }
}

/// The smallest single edit turning `old` into `new` (common prefix and suffix kept), as a byte
/// span of `old` and its replacement; `None` when they are equal.
pub fn minimal_edit(old: &str, new: &str) -> Option<(Span, String)> {
    if old == new {
        return None;
    }
    let mut p = old
        .bytes()
        .zip(new.bytes())
        .take_while(|(a, b)| a == b)
        .count();
    while !old.is_char_boundary(p) || !new.is_char_boundary(p) {
        p -= 1;
    }
    let max_s = (old.len() - p).min(new.len() - p);
    let mut s = old
        .bytes()
        .rev()
        .zip(new.bytes().rev())
        .take(max_s)
        .take_while(|(a, b)| a == b)
        .count();
    while !old.is_char_boundary(old.len() - s) || !new.is_char_boundary(new.len() - s) {
        s -= 1;
    }
    Some((p..old.len() - s, new[p..new.len() - s].to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn minimal_edit_keeps_prefix_and_suffix() {
        let (span, t) = minimal_edit("甲乙丙丁", "甲乙X丁").unwrap();
        assert_eq!((span, t.as_str()), (6..9, "X"));
        let (span, t) = minimal_edit("aaa", "aaaa").unwrap();
        assert_eq!((span, t.as_str()), (3..3, "a"));
        // 乙 (E4 B9 99) and 丙 (E4 B8 99) share bytes: the edit must stay on char boundaries
        let (span, t) = minimal_edit("乙", "丙").unwrap();
        assert_eq!((span, t.as_str()), (0..3, "丙"));
        assert!(minimal_edit("x", "x").is_none());
    }
}
