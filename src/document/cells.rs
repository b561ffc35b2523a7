//! Splitting a section's text into cells: markdown pipe tables, pipe rows, tab/docx paste, and
//! cell per line (forms.md). Every cell keeps its exact span.
//!
//! The form is detected line by line, so one section may mix forms:
//! - a line holding `|` is a pipe row (a markdown row when its run of pipe lines has a delimiter
//!   row `|---|`); its cells are split by unescaped `|`, one leading and one trailing `|` dropped;
//! - a line starting with a tab is one cell of a tab/docx row; rows are separated by blank lines,
//!   and a line without a tab directly after a tab line continues that cell (`\t商业\n企业`);
//! - a line with a tab after its first non-blank character is one whole row whose cells are
//!   split by tabs (a Word/WPS/Excel table copied into a plain-text editor: `规章\t0\t0\t0`);
//!   it is read as the tab form;
//! - any other run of non-blank lines is one cell (a paragraph) of the cell-per-line form, which
//!   has no row boundaries.

use super::{CellValue, TableForm};
use crate::diagnostic::Span;

/// One cell as split from the text.
#[derive(Debug, Clone)]
pub struct RawCell {
    /// The cell's text without surrounding white space; an empty span at the cell's place when
    /// blank.
    pub span: Span,
    /// The physical row (unique within one `split_cells` call) for row-structured forms;
    /// `None` for cell per line.
    pub row: Option<usize>,
    pub form: TableForm,
    /// Start of the first line of the cell's physical row (of the cell's own line for cell per
    /// line).
    pub line_start: usize,
    /// Offset just after the line break ending the cell's physical row (its own last line for
    /// cell per line), or the end of the region split.
    pub row_end: usize,
}

fn is_blank_char(c: char) -> bool {
    c.is_whitespace() || c == '\u{feff}' || c == '\u{200b}'
}

/// The trimmed sub-span of `text[span]` (an empty span at `span.start` when blank).
pub fn trim_span(text: &str, span: Span) -> Span {
    let s = match text.get(span.clone()) {
        Some(s) => s,
        None => return span.start..span.start,
    };
    let lead = s.len() - s.trim_start_matches(is_blank_char).len();
    let t = s.trim_matches(is_blank_char);
    if t.is_empty() {
        return span.start..span.start;
    }
    let a = span.start + lead;
    a..a + t.len()
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum LineKind {
    Blank,
    Pipe,
    Delimiter,
    Tab,
    /// A whole row, cells separated by tabs.
    TabRow,
    Text,
}

struct Line {
    /// Content span without the line break (and without a trailing `\r`).
    content: Span,
    /// Offset after the line break.
    next: usize,
    kind: LineKind,
}

fn is_delimiter_row(s: &str) -> bool {
    let t = s.trim_matches(is_blank_char);
    t.contains('-')
        && t.contains('|')
        && t.chars().all(|c| matches!(c, '|' | '-' | ':' | ' ' | '\t'))
}

fn lines_of(text: &str, body: Span) -> Vec<Line> {
    let mut out = Vec::new();
    let mut pos = body.start;
    while pos < body.end {
        let rest = &text[pos..body.end];
        let (len, next) = match rest.find('\n') {
            Some(i) => (i, pos + i + 1),
            None => (rest.len(), body.end),
        };
        let mut end = pos + len;
        if end > pos && text.as_bytes()[end - 1] == b'\r' {
            end -= 1;
        }
        let s = &text[pos..end];
        let kind = if s.contains('|') {
            if is_delimiter_row(s) {
                LineKind::Delimiter
            } else {
                LineKind::Pipe
            }
        } else if is_tab_row(s) {
            LineKind::TabRow
        } else if s.starts_with('\t') {
            LineKind::Tab
        } else if s.trim_matches(is_blank_char).is_empty() {
            LineKind::Blank
        } else {
            LineKind::Text
        };
        out.push(Line {
            content: pos..end,
            next,
            kind,
        });
        pos = next;
    }
    out
}

/// A tab after the first non-blank character: tab-separated cells on one line.
fn is_tab_row(s: &str) -> bool {
    s.find(|c: char| !is_blank_char(c))
        .is_some_and(|p| s[p..].contains('\t'))
}

/// Split a pipe line into raw cell spans (untrimmed), dropping one leading and one trailing `|`.
fn split_pipes(text: &str, content: Span) -> Vec<Span> {
    let s = &text[content.clone()];
    let mut seps = Vec::new();
    let bytes = s.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        if b == b'|' && !(i > 0 && bytes[i - 1] == b'\\') {
            seps.push(i);
        }
    }
    let mut parts = Vec::new();
    let mut start = 0;
    for &i in &seps {
        parts.push(start..i);
        start = i + 1;
    }
    parts.push(start..s.len());
    // Leading `|` (only white space before it) and trailing `|` (only white space after it).
    if parts.len() > 1 && s[parts[0].clone()].trim_matches(is_blank_char).is_empty() {
        parts.remove(0);
    }
    if parts.len() > 1 {
        let last = parts[parts.len() - 1].clone();
        if s[last].trim_matches(is_blank_char).is_empty() {
            parts.pop();
        }
    }
    parts
        .into_iter()
        .map(|r| content.start + r.start..content.start + r.end)
        .collect()
}

/// Whether a run of pipe lines is one cell per line, each cell ending in `|` (an HTML table
/// copied cell by cell: `一、本年新收政府信息公开申请数量 |`, `14 |`, a lone `|` for a blank cell):
/// every line holds one cell and no leading `|`, and the run is long enough to be a table.
fn is_cell_per_line_run(text: &str, lines: &[Line], run: &[usize]) -> bool {
    run.len() >= 8
        && run.iter().all(|&k| {
            let s = text[lines[k].content.clone()].trim_matches(is_blank_char);
            s.ends_with('|') && s.matches('|').count() == 1 && (s.len() == 1 || !s.starts_with('|'))
        })
}

/// A markdown heading's marker off a one-line cell (`### （四）无法提供` above its sub-rows): the
/// cell is the heading's text.
fn strip_heading_marker(text: &str, span: Span) -> Span {
    let s = &text[span.clone()];
    let hashes = s.len() - s.trim_start_matches('#').len();
    if (1..=6).contains(&hashes) && s[hashes..].starts_with([' ', '\t']) {
        return trim_span(text, span.start + hashes..span.end);
    }
    span
}

/// Split `text[body]` into cells, in document order.
pub fn split_cells(text: &str, body: Span) -> Vec<RawCell> {
    let body = body.start.min(text.len())..body.end.min(text.len());
    if body.start >= body.end
        || !text.is_char_boundary(body.start)
        || !text.is_char_boundary(body.end)
    {
        return Vec::new();
    }
    let lines = lines_of(text, body.clone());
    let mut cells: Vec<RawCell> = Vec::new();
    let mut row_no = 0usize;
    let mut i = 0;
    while i < lines.len() {
        match lines[i].kind {
            LineKind::Blank | LineKind::Delimiter => i += 1,
            LineKind::Pipe => {
                // The run of pipe lines (blank lines do not end it; other lines do).
                let mut j = i;
                let mut markdown = false;
                let mut run = Vec::new();
                while j < lines.len() {
                    match lines[j].kind {
                        LineKind::Pipe => run.push(j),
                        LineKind::Delimiter => markdown = true,
                        LineKind::Blank => {}
                        _ => break,
                    }
                    j += 1;
                }
                if !markdown && is_cell_per_line_run(text, &lines, &run) {
                    // An HTML table copied cell by cell: one cell per line, each ending in ` |`.
                    for &k in &run {
                        let l = &lines[k];
                        let raw = split_pipes(text, l.content.clone());
                        cells.push(RawCell {
                            span: trim_span(text, raw[0].clone()),
                            row: None,
                            form: TableForm::CellPerLine,
                            line_start: l.content.start,
                            row_end: l.next,
                        });
                    }
                    i = j;
                    continue;
                }
                let form = if markdown {
                    TableForm::Markdown
                } else {
                    TableForm::Pipe
                };
                for &k in &run {
                    let l = &lines[k];
                    row_no += 1;
                    for raw in split_pipes(text, l.content.clone()) {
                        let span = trim_span(text, raw.clone());
                        cells.push(RawCell {
                            span,
                            row: Some(row_no),
                            form,
                            line_start: l.content.start,
                            row_end: l.next,
                        });
                    }
                }
                i = j;
            }
            LineKind::TabRow => {
                let l = &lines[i];
                row_no += 1;
                let mut start = l.content.start;
                let line = &text[l.content.clone()];
                let ends = line
                    .match_indices('\t')
                    .map(|(k, _)| l.content.start + k)
                    .chain(std::iter::once(l.content.end));
                for end in ends {
                    cells.push(RawCell {
                        span: trim_span(text, start..end),
                        row: Some(row_no),
                        form: TableForm::Tab,
                        line_start: l.content.start,
                        row_end: l.next,
                    });
                    start = end + 1;
                }
                i += 1;
            }
            LineKind::Tab => {
                // One row: tab lines (with their continuation lines) up to a blank line.
                row_no += 1;
                let row_start = lines[i].content.start;
                let first = cells.len();
                let mut j = i;
                let mut row_end = lines[i].next;
                while j < lines.len() {
                    match lines[j].kind {
                        LineKind::Tab => {
                            let l = &lines[j];
                            let raw = l.content.start + 1..l.content.end;
                            let mut span = trim_span(text, raw.clone());
                            if span.is_empty() {
                                span = raw.start..raw.start;
                            }
                            cells.push(RawCell {
                                span,
                                row: Some(row_no),
                                form: TableForm::Tab,
                                line_start: row_start,
                                row_end: l.next,
                            });
                            row_end = l.next;
                            j += 1;
                        }
                        LineKind::Text if j > i => {
                            // Continuation of the previous tab cell.
                            let l = &lines[j];
                            let t = trim_span(text, l.content.clone());
                            if let Some(last) = cells.last_mut() {
                                if last.span.is_empty() {
                                    last.span = t;
                                } else {
                                    last.span = last.span.start..t.end;
                                }
                            }
                            row_end = l.next;
                            j += 1;
                        }
                        _ => break,
                    }
                }
                for c in &mut cells[first..] {
                    c.row_end = row_end;
                }
                i = j;
            }
            LineKind::Text => {
                // A paragraph: consecutive text lines.
                let start = lines[i].content.start;
                let mut j = i;
                let mut end = lines[i].content.end;
                let mut next = lines[i].next;
                while j < lines.len() && lines[j].kind == LineKind::Text {
                    end = lines[j].content.end;
                    next = lines[j].next;
                    j += 1;
                }
                let mut span = trim_span(text, start..end);
                if j == i + 1 {
                    span = strip_heading_marker(text, span);
                }
                cells.push(RawCell {
                    span,
                    row: None,
                    form: TableForm::CellPerLine,
                    line_start: start,
                    row_end: next,
                });
                i = j;
            }
        }
    }
    cells
}

/// Read a cell's value: blank, not applicable (`/`, `-`, `—`), a number (full-width digits,
/// thousands separators, decimals, a sign), or text.
pub fn parse_value(s: &str) -> CellValue {
    // The commonest cell, a count in ASCII digits: the same value as the general path below.
    if (1..=15).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit()) {
        return match s.parse::<u64>() {
            Ok(v) => CellValue::Number(v as f64),
            Err(_) => CellValue::Text,
        };
    }
    let folded = crate::fold::fold(s);
    if folded.is_empty() {
        return CellValue::Empty;
    }
    if matches!(
        folded.as_str(),
        "/" | "-" | "--" | "—" | "——" | "–" | "―" | "─"
    ) {
        return CellValue::NotApplicable;
    }
    match parse_number(&folded) {
        Some(v) => CellValue::Number(v),
        None => CellValue::Text,
    }
}

/// Read an amount cell of table 二: as [`parse_value`], and a number written with its unit
/// (`251000元`, `650.6万元`) is that number.
pub fn parse_amount(s: &str) -> CellValue {
    match parse_value(s) {
        CellValue::Text => {
            let folded = crate::fold::fold(s);
            folded
                .strip_suffix("万元")
                .or_else(|| folded.strip_suffix('元'))
                .and_then(parse_number)
                .map_or(CellValue::Text, CellValue::Number)
        }
        v => v,
    }
}

fn parse_number(s: &str) -> Option<f64> {
    let (neg, rest) = match s.strip_prefix(['-', '−', '﹣']) {
        Some(r) => (true, r),
        None => (false, s.strip_prefix('+').unwrap_or(s)),
    };
    let (int, frac) = match rest.split_once('.') {
        Some((a, b)) => (a, Some(b)),
        None => (rest, None),
    };
    if int.is_empty() || !int.chars().all(|c| c.is_ascii_digit() || c == ',') {
        return None;
    }
    if int.contains(',') {
        // Thousands separators: groups of three after the first group of 1-3 digits.
        let groups: Vec<&str> = int.split(',').collect();
        if groups[0].is_empty() || groups[0].len() > 3 || groups[1..].iter().any(|g| g.len() != 3) {
            return None;
        }
    }
    if let Some(f) = frac {
        if f.is_empty() || !f.chars().all(|c| c.is_ascii_digit()) {
            return None;
        }
    }
    let digits: String = int.chars().filter(|c| *c != ',').collect();
    let num = match frac {
        Some(f) => format!("{digits}.{f}"),
        None => digits,
    };
    let v: f64 = num.parse().ok()?;
    Some(if neg { -v } else { v })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts<'a>(text: &'a str, cells: &[RawCell]) -> Vec<&'a str> {
        cells.iter().map(|c| &text[c.span.clone()]).collect()
    }

    #[test]
    fn values() {
        assert_eq!(parse_value(" １２ "), CellValue::Number(12.0));
        assert_eq!(parse_value("1,234"), CellValue::Number(1234.0));
        assert_eq!(parse_value("1,23"), CellValue::Text);
        assert_eq!(parse_value("-3"), CellValue::Number(-3.0));
        assert_eq!(parse_value("0.5"), CellValue::Number(0.5));
        assert_eq!(parse_value("／"), CellValue::NotApplicable);
        assert_eq!(parse_value("—"), CellValue::NotApplicable);
        assert_eq!(parse_value("\u{a0}"), CellValue::Empty);
        assert_eq!(parse_value("无"), CellValue::Text);
        assert_eq!(parse_value("1."), CellValue::Text);
        assert_eq!(parse_amount("650.6万元"), CellValue::Number(650.6));
        assert_eq!(parse_amount("251000 元"), CellValue::Number(251000.0));
        assert_eq!(parse_amount("12.5"), CellValue::Number(12.5));
        assert_eq!(parse_amount("万元"), CellValue::Text);
        assert_eq!(parse_value("12.5万元"), CellValue::Text);
    }

    #[test]
    fn pipe_rows() {
        let t = "a | 0 | 1 |\r\n| x | | y |\n";
        let c = split_cells(t, 0..t.len());
        assert_eq!(texts(t, &c), ["a", "0", "1", "x", "", "y"]);
        assert_eq!(c[0].form, TableForm::Pipe);
        assert_eq!(c[0].row, c[2].row);
        assert_ne!(c[2].row, c[3].row);
        assert_eq!(c[4].span, 18..18);
    }

    #[test]
    fn markdown_rows() {
        let t = "| a | b |\n|---|:-:|\n| 1 | 2 |\n";
        let c = split_cells(t, 0..t.len());
        assert_eq!(texts(t, &c), ["a", "b", "1", "2"]);
        assert!(c.iter().all(|c| c.form == TableForm::Markdown));
    }

    #[test]
    fn tab_rows_with_continuation() {
        let t = "\t商业\n企业\n\t \n\n\t0\n";
        let c = split_cells(t, 0..t.len());
        assert_eq!(texts(t, &c), ["商业\n企业", "", "0"]);
        assert_eq!(c[0].row, c[1].row);
        assert_ne!(c[1].row, c[2].row);
        assert_eq!(c[0].row_end, "\t商业\n企业\n\t \n".len());
    }

    #[test]
    fn tab_separated_rows() {
        let t = "\t自然人\t总计\n规章\t0\t 1 \t\n\n\t商业\n";
        let c = split_cells(t, 0..t.len());
        assert_eq!(
            texts(t, &c),
            ["", "自然人", "总计", "规章", "0", "1", "", "商业"]
        );
        assert!(c.iter().all(|c| c.form == TableForm::Tab));
        assert_eq!(c[0].row, c[2].row);
        assert_ne!(c[2].row, c[3].row);
        assert_eq!(c[3].row, c[6].row);
        assert_ne!(c[6].row, c[7].row);
        assert_eq!(c[6].span, 31..31);
        assert_eq!(c[3].row_end, "\t自然人\t总计\n规章\t0\t 1 \t\n".len());
    }

    #[test]
    fn cells_ending_in_pipes() {
        let t = "规章 |\n0 |\n|\n0 |\n行政规范性文件 |\n3 |\n1 |\n14 |\n";
        let c = split_cells(t, 0..t.len());
        assert_eq!(
            texts(t, &c),
            ["规章", "0", "", "0", "行政规范性文件", "3", "1", "14"]
        );
        assert!(c.iter().all(|c| c.row.is_none()));
        assert!(c.iter().all(|c| c.form == TableForm::CellPerLine));
        // Pipe rows of one cell among longer rows stay pipe rows.
        let t = "a | 0 |\nb |\n";
        let c = split_cells(t, 0..t.len());
        assert!(c.iter().all(|c| c.form == TableForm::Pipe));
    }

    #[test]
    fn cell_per_line() {
        let t = "本年新\n制作数量\n\n 0\u{a0}\n\n商业\n\n企业";
        let c = split_cells(t, 0..t.len());
        assert_eq!(texts(t, &c), ["本年新\n制作数量", "0", "商业", "企业"]);
        assert!(c.iter().all(|c| c.row.is_none()));
    }
}
