//! Hover, document symbols and inlay hints: what the library knows about a place in the text,
//! shown in protocol form.

use std::sync::Arc;

use tower_lsp_server::ls_types as lsp;

use super::Shared;
use super::convert;
use super::store::Analysis;
use crate::document::{CellValue, Document, TableKind};

/// Hover: the doc page of every rule with a diagnostic here, and what the library knows about
/// the table cell here (row, column, identities with their expected values).
pub async fn hover(
    shared: &Arc<Shared>,
    uri: &lsp::Uri,
    a: Arc<Analysis>,
    pos: lsp::Position,
) -> Option<lsp::Hover> {
    let unit = shared.caps().unit;
    let offset = convert::offset(&a.text, &a.index, pos, unit)?;
    let settings = shared.settings.for_uri(uri);
    let markdown = shared.caps().markdown_hover;
    tokio::task::spawn_blocking(move || {
        let mut parts: Vec<String> = Vec::new();
        let mut range: Option<lsp::Range> = None;
        let doc = Document::parse(&a.text, &settings.parse_options());
        if let Some(info) = crate::query::cell_at(&doc, offset) {
            parts.push(cell_markdown(&info));
            range = Some(convert::range(&a.text, &a.index, &info.span, unit));
        }
        let mut seen = Vec::new();
        for d in &a.diagnostics {
            let inside = d.span.start <= offset
                && (offset < d.span.end || (d.span.is_empty() && offset == d.span.start));
            if !inside || seen.contains(&d.code) {
                continue;
            }
            seen.push(d.code);
            if range.is_none() {
                range = Some(convert::range(&a.text, &a.index, &d.span, unit));
            }
            match crate::rules::find(d.code) {
                Some(rule) => parts.push(rule.doc.trim().to_string()),
                None => parts.push(format!("{} {}", d.code, d.name)),
            }
        }
        if parts.is_empty() {
            return None;
        }
        let value = parts.join("\n\n---\n\n");
        Some(lsp::Hover {
            contents: lsp::HoverContents::Markup(lsp::MarkupContent {
                kind: if markdown {
                    lsp::MarkupKind::Markdown
                } else {
                    lsp::MarkupKind::PlainText
                },
                value,
            }),
            range,
        })
    })
    .await
    .ok()
    .flatten()
}

/// A table cell in hover form: labels, value, identities with the expected value.
fn cell_markdown(info: &crate::query::CellInfo) -> String {
    let mut s = format!("**{}**\n\n列：{}", info.row_label, info.column_label);
    match info.value {
        CellValue::Number(v) => s.push_str(&format!("　值：{v}")),
        CellValue::Empty => s.push_str("　值：（空）"),
        CellValue::NotApplicable => s.push_str("　值：不适用"),
        CellValue::Text => s.push_str("　值：（非数字）"),
    }
    for u in &info.identities {
        use crate::query::Status;
        s.push_str(&format!("\n\n- {}：{}", u.code, u.formula));
        match (&u.status, u.actual) {
            (Status::Holds, Some(a)) => s.push_str(&format!("\n  - 本格应为 {a}，相符")),
            (Status::Holds, None) => s.push_str("\n  - 成立"),
            (Status::ThisCell { expected }, Some(a)) => {
                s.push_str(&format!("\n  - 本格应为 {expected}，实为 {a}"))
            }
            (Status::ThisCell { expected }, None) => {
                s.push_str(&format!("\n  - 本格应为 {expected}"))
            }
            (Status::OtherCell { place, expected }, _) => s.push_str(&format!(
                "\n  - 此式不成立，原因在{place}（应为 {expected}）；本格与其他关系相符"
            )),
            (Status::Broken { lhs, rhs }, _) => s.push_str(&format!(
                "\n  - 此式不成立（左边 {lhs}，右边 {rhs}），无法确定是哪一格有误"
            )),
            (Status::Unknown, _) => s.push_str("\n  - 其他格不全是整数，无法核对"),
        }
    }
    s
}

fn table_name(kind: TableKind) -> &'static str {
    match kind {
        TableKind::Active => "表：主动公开政府信息情况",
        TableKind::Requests => "表：收到和处理政府信息公开申请情况",
        TableKind::Appeals => "表：政府信息公开行政复议、行政诉讼情况",
    }
}

/// The outline: the six sections in document order, each with the tables read in it.
pub async fn document_symbols(
    shared: &Arc<Shared>,
    uri: &lsp::Uri,
    a: Arc<Analysis>,
) -> Option<lsp::DocumentSymbolResponse> {
    let unit = shared.caps().unit;
    let settings = shared.settings.for_uri(uri);
    tokio::task::spawn_blocking(move || {
        let doc = Document::parse(&a.text, &settings.parse_options());
        let range = |s: &crate::diagnostic::Span| convert::range(&a.text, &a.index, s, unit);
        #[allow(deprecated)] // `DocumentSymbol::deprecated` must still be written
        let symbols: Vec<lsp::DocumentSymbol> = doc
            .sections
            .iter()
            .map(|s| {
                let children: Vec<lsp::DocumentSymbol> = doc
                    .tables
                    .iter()
                    .filter(|t| t.kind.section() == s.number)
                    .map(|t| lsp::DocumentSymbol {
                        name: table_name(t.kind).to_string(),
                        detail: Some(format!("{} 行", t.rows.len())),
                        kind: lsp::SymbolKind::STRUCT,
                        tags: None,
                        deprecated: None,
                        range: range(&t.span),
                        selection_range: range(&t.span),
                        children: None,
                    })
                    .collect();
                let name = a.text.get(s.line.clone()).unwrap_or("").trim();
                let whole = s.line.start..s.body.end.max(s.line.end);
                lsp::DocumentSymbol {
                    name: if name.is_empty() {
                        format!("第{}部分", s.number)
                    } else {
                        name.to_string()
                    },
                    detail: None,
                    kind: lsp::SymbolKind::NAMESPACE,
                    tags: None,
                    deprecated: None,
                    range: range(&whole),
                    selection_range: range(&s.line),
                    children: if children.is_empty() {
                        None
                    } else {
                        Some(children)
                    },
                }
            })
            .collect();
        Some(lsp::DocumentSymbolResponse::Nested(symbols))
    })
    .await
    .ok()
    .flatten()
}

/// Inlay hints: the expected value beside each total that does not add up.
pub fn inlay_hints(shared: &Shared, a: &Analysis, within: lsp::Range) -> Vec<lsp::InlayHint> {
    let unit = shared.caps().unit;
    a.diagnostics
        .iter()
        .filter_map(|d| {
            let expected = d.expected.as_ref()?;
            let position = convert::position(&a.text, &a.index, d.span.end, unit);
            if position < within.start || position > within.end {
                return None;
            }
            Some(lsp::InlayHint {
                position,
                label: lsp::InlayHintLabel::String(format!("应为 {expected}")),
                kind: None,
                text_edits: None,
                tooltip: Some(lsp::InlayHintTooltip::String(d.message.clone())),
                padding_left: Some(true),
                padding_right: None,
                data: None,
            })
        })
        .collect()
}
