//! Rendering of canonical content: the tables of 二/三/四 of each format version in each table
//! form, the period sentence, citations. Used by fixes and by `gxlint new`.
//!
//! Every label comes from the templates (`rules/templates/*.toml`) and the section headings from
//! `rules/sections.toml`; nothing here spells a label.
//!
//! Layout, per form (forms.md):
//! - markdown: one GFM table per section; the first column holds the row label, group rows of
//!   table 三 and the block headers of table 二 are rows of their own, merged header cells are
//!   written as empty cells; value rows carry exactly the template's value cells.
//! - pipe rows (seed 003): one row per line, cells followed by ` |`, merged header cells left
//!   out, a group label written as the leading cell of its first sub-row.
//! - tab paste (seed 004): one cell per line starting with a tab, rows separated by a blank line,
//!   an empty cell is a line holding only the tab.
//! - cell per line (seeds 000/001): one cell per paragraph, cells separated by blank lines. An
//!   empty cell cannot be written in this form, so empty value cells are left out.

use std::sync::LazyLock;

use serde::Deserialize;

use crate::document::{Format, TableForm, TableKind};
use crate::templates::{self, Template};

/// What to put in the value cells of a rendered table.
#[derive(Clone, Copy)]
pub enum Fill<'a> {
    /// Empty cells, for the author to fill.
    Empty,
    /// Every value 0.
    Zero,
    /// Values by (row id, column index); cells not given are left empty.
    Values(&'a dyn Fn(&str, usize) -> Option<String>),
}

impl Fill<'_> {
    fn get(&self, row: &str, col: usize) -> Option<String> {
        match self {
            Fill::Empty => None,
            Fill::Zero => Some("0".to_string()),
            Fill::Values(f) => f(row, col).filter(|s| !s.trim().is_empty()),
        }
    }
}

/// The row id of table 四's single value row.
pub const APPEALS_ROW: &str = "appeals";

/// One cell of the abstract grid a table is rendered from.
#[derive(Debug, Clone)]
enum G {
    /// A label or header text.
    Text(String),
    /// A value cell (None = empty).
    Value(Option<String>),
    /// Covered by a merged header cell: empty in markdown, left out elsewhere.
    Merged,
}

#[derive(Debug, Clone)]
struct GridRow {
    cells: Vec<G>,
    /// A group row with no values: in markdown a row of its own, elsewhere the leading cell(s)
    /// of the next row.
    group: bool,
}

fn text(s: &str) -> G {
    G::Text(s.to_string())
}

fn header_row(cells: Vec<G>) -> GridRow {
    GridRow {
        cells,
        group: false,
    }
}

// ---------------------------------------------------------------------------------------------
// Grids

fn active_block_rows(t: &Template, block_idx: usize, width: usize, fill: &Fill) -> Vec<GridRow> {
    let b = &t.active.block[block_idx];
    let mut rows = Vec::new();
    let mut h = vec![text(&b.header)];
    h.resize(width, G::Merged);
    rows.push(header_row(h));
    let mut c = vec![text(&t.active.first_column)];
    c.extend(b.columns.iter().map(|s| text(s)));
    c.resize(width.max(c.len()), G::Merged);
    rows.push(header_row(c));
    for r in &b.rows {
        rows.push(active_value_row(b, &r.id, &r.label, fill));
    }
    rows
}

fn active_value_row(
    b: &crate::templates::ActiveBlock,
    id: &str,
    label: &str,
    fill: &Fill,
) -> GridRow {
    let mut cells = vec![text(label)];
    cells.extend((0..b.columns.len()).map(|i| G::Value(fill.get(id, i))));
    GridRow {
        cells,
        group: false,
    }
}

fn active_width(t: &Template) -> usize {
    1 + t
        .active
        .block
        .iter()
        .map(|b| b.columns.len())
        .max()
        .unwrap_or(1)
}

fn active_grid(t: &Template, fill: &Fill) -> Vec<GridRow> {
    let width = active_width(t);
    (0..t.active.block.len())
        .flat_map(|i| active_block_rows(t, i, width, fill))
        .collect()
}

/// Table 三's header: the note and top header over the columns, then the column headers with the
/// merged group (法人或其他组织) over its children.
fn requests_header(t: &Template) -> Vec<GridRow> {
    let rq = &t.requests;
    let ncol = rq.columns.len();
    let width = 1 + ncol;
    let mut rows = Vec::new();
    let mut r1 = vec![text(&rq.note)];
    if let Some(top) = rq.header.first() {
        r1.push(text(top));
    }
    r1.resize(width, G::Merged);
    rows.push(header_row(r1));

    // The group's children: the longest suffix of the header that is a contiguous increasing
    // run of `columns`.
    let idx = |s: &String| rq.columns.iter().position(|c| c == s);
    let hdr: Vec<&String> = rq.header.iter().skip(1).collect();
    let mut children = 0;
    for k in (0..hdr.len()).rev() {
        let Some(i) = idx(hdr[k]) else { break };
        if k + 1 < hdr.len() {
            match idx(hdr[k + 1]) {
                Some(j) if j == i + 1 => {}
                _ => break,
            }
        }
        children += 1;
    }
    let row2_items = &hdr[..hdr.len() - children];
    let child_items = &hdr[hdr.len() - children..];
    let group = row2_items.iter().find(|s| idx(s).is_none());
    let is_child = |c: &String| child_items.contains(&c);
    let mut r2 = vec![G::Merged];
    let mut r3 = vec![G::Merged];
    let mut group_done = false;
    for c in &rq.columns {
        if let Some(g) = group.filter(|_| is_child(c)) {
            if group_done {
                r2.push(G::Merged);
            } else {
                r2.push(text(g));
                group_done = true;
            }
            r3.push(text(c));
        } else {
            r2.push(text(c));
            r3.push(G::Merged);
        }
    }
    rows.push(header_row(r2));
    if group.is_some() {
        rows.push(header_row(r3));
    }
    rows
}

fn requests_value_row(t: &Template, id: &str, fill: &Fill) -> Option<GridRow> {
    let r = t.requests.find(id)?;
    let mut cells = vec![text(&r.label)];
    if r.values {
        cells.extend((0..t.requests.columns.len()).map(|i| G::Value(fill.get(&r.id, i))));
    }
    Some(GridRow {
        cells,
        group: !r.values,
    })
}

fn requests_grid(t: &Template, fill: &Fill) -> Vec<GridRow> {
    let mut rows = requests_header(t);
    for r in &t.requests.row {
        if let Some(row) = requests_value_row(t, &r.id, fill) {
            rows.push(row);
        }
    }
    rows
}

/// Table 四's groups split into (top header, sub header): `行政诉讼（复议后起诉）` →
/// (`行政诉讼`, Some(`复议后起诉`)).
fn appeal_groups(t: &Template) -> Vec<(String, Option<String>)> {
    t.appeals
        .groups
        .iter()
        .map(|g| {
            let open = g.find('（').or_else(|| g.find('('));
            match open {
                Some(i) if i > 0 => {
                    let top = g[..i].to_string();
                    let rest = &g[i..];
                    let inner = rest
                        .trim_start_matches(['（', '('])
                        .trim_end_matches(['）', ')'])
                        .to_string();
                    (top, Some(inner))
                }
                _ => (g.clone(), None),
            }
        })
        .collect()
}

fn appeals_header(t: &Template) -> Vec<GridRow> {
    let groups = appeal_groups(t);
    let cols = &t.appeals.columns;
    let n = cols.len();
    let mut r1 = Vec::new();
    let mut r2 = Vec::new();
    let mut r3 = Vec::new();
    let mut prev_top: Option<&str> = None;
    for (top, sub) in &groups {
        if prev_top == Some(top.as_str()) {
            r1.extend(std::iter::repeat_n(G::Merged, n));
        } else {
            r1.push(text(top));
            r1.extend(std::iter::repeat_n(G::Merged, n - 1));
        }
        prev_top = Some(top);
        match sub {
            None => {
                r2.extend(cols.iter().map(|c| text(c)));
                r3.extend(std::iter::repeat_n(G::Merged, n));
            }
            Some(s) => {
                r2.push(text(s));
                r2.extend(std::iter::repeat_n(G::Merged, n - 1));
                r3.extend(cols.iter().map(|c| text(c)));
            }
        }
    }
    let mut rows = vec![header_row(r1), header_row(r2)];
    if r3.iter().any(|c| matches!(c, G::Text(_))) {
        rows.push(header_row(r3));
    }
    rows
}

fn appeals_value_row(t: &Template, fill: &Fill) -> GridRow {
    let cells = (0..t.appeals.value_count())
        .map(|i| G::Value(fill.get(APPEALS_ROW, i)))
        .collect();
    GridRow {
        cells,
        group: false,
    }
}

fn grid(kind: TableKind, t: &Template, fill: &Fill) -> Vec<GridRow> {
    match kind {
        TableKind::Active => active_grid(t, fill),
        TableKind::Requests => requests_grid(t, fill),
        TableKind::Appeals => {
            let mut rows = appeals_header(t);
            rows.push(appeals_value_row(t, fill));
            rows
        }
    }
}

fn width_of(kind: TableKind, t: &Template) -> usize {
    match kind {
        TableKind::Active => active_width(t),
        TableKind::Requests => 1 + t.requests.columns.len(),
        TableKind::Appeals => t.appeals.value_count(),
    }
}

// ---------------------------------------------------------------------------------------------
// Serialisation

fn md_cell(c: &G) -> &str {
    match c {
        G::Text(s) => s,
        G::Value(Some(v)) => v,
        G::Value(None) | G::Merged => "",
    }
}

fn md_line(cells: &[G]) -> String {
    let mut s = String::from("|");
    for c in cells {
        let t = md_cell(c);
        s.push(' ');
        s.push_str(t);
        if !t.is_empty() {
            s.push(' ');
        }
        s.push('|');
    }
    s.push('\n');
    s
}

/// Serialise rows (no markdown delimiter row) in `form`; `first` tells whether the first row
/// is the first of the table (markdown gets its delimiter row after it).
fn serialise(rows: &[GridRow], form: TableForm, width: Option<usize>) -> String {
    let mut out = String::new();
    match form {
        TableForm::Markdown => {
            for (i, r) in rows.iter().enumerate() {
                out.push_str(&md_line(&r.cells));
                if i == 0
                    && let Some(w) = width
                {
                    out.push('|');
                    for _ in 0..w {
                        out.push_str(" --- |");
                    }
                    out.push('\n');
                }
            }
        }
        TableForm::Pipe | TableForm::Tab | TableForm::CellPerLine => {
            // Group rows become the leading cells of the next row.
            let mut merged: Vec<Vec<G>> = Vec::new();
            let mut pending: Vec<G> = Vec::new();
            for r in rows {
                let cells: Vec<G> = r
                    .cells
                    .iter()
                    .filter(|c| !matches!(c, G::Merged))
                    .cloned()
                    .collect();
                if r.group {
                    pending.extend(cells);
                } else {
                    let mut all = std::mem::take(&mut pending);
                    all.extend(cells);
                    merged.push(all);
                }
            }
            if !pending.is_empty() {
                merged.push(pending);
            }
            for (i, cells) in merged.iter().enumerate() {
                match form {
                    TableForm::Pipe => {
                        let parts: Vec<&str> = cells.iter().map(md_cell).collect();
                        out.push_str(&parts.join(" | "));
                        out.push_str(" |\n");
                    }
                    TableForm::Tab => {
                        if i > 0 {
                            out.push('\n');
                        }
                        for c in cells {
                            out.push('\t');
                            out.push_str(md_cell(c));
                            out.push('\n');
                        }
                    }
                    _ => {
                        for c in cells {
                            let t = md_cell(c);
                            if t.is_empty() {
                                continue;
                            }
                            if !out.is_empty() {
                                out.push('\n');
                            }
                            out.push_str(t);
                            out.push('\n');
                        }
                    }
                }
            }
        }
    }
    out
}

/// The canonical table of `kind` for `format`, in `form`, ending with a line break.
/// Empty for pre-2019 reports (no national template).
pub fn render_table(kind: TableKind, format: Format, form: TableForm, fill: Fill) -> String {
    let Some(t) = templates::template(format) else {
        return String::new();
    };
    let rows = grid(kind, t, &fill);
    serialise(&rows, form, Some(width_of(kind, t)))
}

/// One canonical row (label and empty value cells) in `form`, ending with a line break.
///
/// `row_id` is a template row id (`r3.1`, `a1.docs`), a block id of table 二 (`a5`: the whole
/// block), or `appeals` (table 四's value row). In markdown the row has no delimiter row (it goes
/// into an existing table). Empty for an unknown id.
pub fn render_row(kind: TableKind, format: Format, form: TableForm, row_id: &str) -> String {
    let Some(t) = templates::template(format) else {
        return String::new();
    };
    let fill = Fill::Empty;
    let rows: Vec<GridRow> = match kind {
        TableKind::Active => {
            let width = active_width(t);
            if let Some(bi) = t.active.block.iter().position(|b| b.id == row_id) {
                active_block_rows(t, bi, width, &fill)
            } else if let Some(b) = t
                .active
                .block
                .iter()
                .find(|b| b.rows.iter().any(|r| r.id == row_id))
            {
                let r = b.rows.iter().find(|r| r.id == row_id).expect("found");
                vec![active_value_row(b, &r.id, &r.label, &fill)]
            } else {
                return String::new();
            }
        }
        TableKind::Requests => match requests_value_row(t, row_id, &fill) {
            Some(mut r) => {
                // Alone, a group row is an ordinary row with just its label.
                r.group = false;
                vec![r]
            }
            None => return String::new(),
        },
        TableKind::Appeals => {
            if row_id != APPEALS_ROW {
                return String::new();
            }
            vec![appeals_value_row(t, &fill)]
        }
    };
    serialise(&rows, form, None)
}

/// The canonical period sentence for year N.
pub fn period_sentence(year: i32) -> String {
    format!("本年度报告中所列数据的统计期限自{year}年1月1日起至{year}年12月31日止。")
}

// ---------------------------------------------------------------------------------------------
// Section headings (rules/sections.toml)

#[derive(Debug, Deserialize)]
struct SectionsFile {
    section: Vec<SectionDef>,
}

#[derive(Debug, Deserialize)]
struct SectionDef {
    number: u8,
    numeral: String,
    canonical: String,
}

static SECTIONS: LazyLock<SectionsFile> = LazyLock::new(|| {
    toml::from_str(include_str!("../rules/sections.toml")).expect("rules/sections.toml")
});

/// The template heading of section `number` (1..=6): `三、收到和处理政府信息公开申请情况`.
pub fn section_heading(number: u8) -> Option<String> {
    SECTIONS
        .section
        .iter()
        .find(|s| s.number == number)
        .map(|s| format!("{}、{}", s.numeral, s.canonical))
}

// ---------------------------------------------------------------------------------------------
// Fix constructors

use crate::diagnostic::Edit;
use crate::document::{CellValue, Document, HeadingMarkup, Table};

/// The table form a fix should use: the one the document's other tables use, markdown when none.
pub fn table_form_of(doc: &Document) -> TableForm {
    doc.tables
        .first()
        .map(|t| t.form)
        .unwrap_or(TableForm::Markdown)
}

/// The line break the document uses (`\r\n` when it has any CRLF line end).
pub fn line_ending(text: &str) -> &'static str {
    if text.contains("\r\n") { "\r\n" } else { "\n" }
}

/// Convert the `\n` line breaks of rendered text to `eol`.
fn with_eol(s: &str, eol: &str) -> String {
    if eol == "\n" {
        s.to_string()
    } else {
        s.replace('\n', eol)
    }
}

fn clamp_boundary(text: &str, mut p: usize) -> usize {
    p = p.min(text.len());
    while p > 0 && !text.is_char_boundary(p) {
        p -= 1;
    }
    p
}

fn at_line_start(text: &str, p: usize) -> bool {
    p == 0 || matches!(text.as_bytes().get(p - 1), Some(b'\n'))
}

/// `p` if it starts a line, else the start of the next line (or the end of the text).
fn next_line_start(text: &str, p: usize) -> usize {
    let p = clamp_boundary(text, p);
    if at_line_start(text, p) {
        return p;
    }
    match text[p..].find('\n') {
        Some(i) => p + i + 1,
        None => text.len(),
    }
}

fn is_blank(s: &str) -> bool {
    s.chars().all(|c| c.is_whitespace())
}

/// The line starting at `p` (a line start), without its break; None at the end of the text.
fn line_at(text: &str, p: usize) -> Option<&str> {
    if p >= text.len() {
        return None;
    }
    let rest = &text[p..];
    Some(
        rest.split('\n')
            .next()
            .unwrap_or(rest)
            .trim_end_matches('\r'),
    )
}

/// The line ending just before `p` (a line start); None at the start of the text.
fn line_before(text: &str, p: usize) -> Option<&str> {
    if p == 0 {
        return None;
    }
    let before = text[..p].strip_suffix('\n').unwrap_or(&text[..p]);
    let before = before.strip_suffix('\r').unwrap_or(before);
    Some(match before.rfind('\n') {
        Some(i) => &before[i + 1..],
        None => before,
    })
}

/// Insert a block of lines (`block` ends with `\n`) at `p`, moved to a line start; for the forms
/// that separate rows/cells by blank lines (and markdown, which a paragraph would join), make sure
/// the block is surrounded by blank lines.
fn insert_block(text: &str, p: usize, block: &str, blank_around: bool) -> Edit {
    let eol = line_ending(text);
    let mut p = next_line_start(text, p);
    let mut new = String::new();
    if !at_line_start(text, p) || (p == text.len() && !text.is_empty() && !text.ends_with('\n')) {
        p = text.len();
        new.push('\n');
    }
    if blank_around && line_before(text, p).is_some_and(|l| !is_blank(l)) {
        new.push('\n');
    }
    new.push_str(block);
    if blank_around && line_at(text, p).is_some_and(|l| !is_blank(l)) {
        new.push('\n');
    }
    Edit::insert(p, with_eol(&new, eol))
}

/// Whether `table` is pipe rows written with a leading `|` (`| 规章 | 0 |`): the line of its
/// first cell starts with one.
fn leading_pipe(text: &str, table: &Table) -> bool {
    let at = table.span.start.min(text.len());
    let line = text[..at].rfind('\n').map_or(0, |i| i + 1);
    table.form == TableForm::Pipe && text[line..at].trim_start().starts_with('|')
}

/// Rows rendered in the pipe form with a leading `|` on each line, for a table written so.
fn with_leading_pipes(rows: String, leading: bool) -> String {
    if !leading {
        return rows;
    }
    rows.split_inclusive('\n')
        .map(|l| {
            if l.trim().is_empty() {
                l.to_string()
            } else {
                format!("| {l}")
            }
        })
        .collect()
}

fn needs_blank_lines(form: TableForm) -> bool {
    !matches!(form, TableForm::Pipe)
}

/// The source text of a cell, when it holds something.
fn cell_text(doc: &Document, c: &crate::document::Cell) -> Option<String> {
    if matches!(c.value, CellValue::Empty) {
        return None;
    }
    let s = doc.text.get(c.span.clone())?.trim();
    if s.is_empty() {
        None
    } else {
        Some(s.to_string())
    }
}

/// The values a stale table carries into the canonical table of `target` (report-format §5.1),
/// keyed by (row id, column).
fn carried_values(
    doc: &Document,
    table: &Table,
    target: Format,
) -> std::collections::HashMap<(String, usize), String> {
    let mut out = std::collections::HashMap::new();
    let Some(t) = templates::template(target) else {
        return out;
    };
    match table.kind {
        TableKind::Appeals => {
            if let Some(r) = table.row(APPEALS_ROW) {
                for (i, c) in r.values.iter().enumerate().take(t.appeals.value_count()) {
                    if let Some(v) = cell_text(doc, c) {
                        out.insert((APPEALS_ROW.to_string(), i), v);
                    }
                }
            }
        }
        TableKind::Requests => {
            let ncol = t.requests.columns.len();
            for row in &table.rows {
                let Some(tr) = t.requests.find(row.id) else {
                    continue;
                };
                if !tr.values {
                    continue;
                }
                for (i, c) in row.values.iter().enumerate().take(ncol) {
                    if let Some(v) = cell_text(doc, c) {
                        out.insert((row.id.to_string(), i), v);
                    }
                }
            }
            // （六）其他处理: one row in 2019, three sub-rows in 2021.
            let subs = ["r6.1", "r6.2", "r6.3"];
            let target_has_subs = t.requests.find("r6.3").is_some();
            let r6 = table
                .row("r6")
                .filter(|r| r.values.iter().any(|c| cell_text(doc, c).is_some()));
            if target_has_subs {
                if let Some(r6) = r6
                    && table.row("r6.3").is_none()
                {
                    for (i, c) in r6.values.iter().enumerate().take(ncol) {
                        if let Some(v) = cell_text(doc, c) {
                            out.insert(("r6.3".to_string(), i), v);
                        }
                    }
                }
            } else if subs.iter().any(|s| table.row(s).is_some()) {
                // 2021 → 2019: the single row is the sum of the three, when all are numbers.
                for i in 0..ncol {
                    let mut sum = 0i64;
                    let mut ok = true;
                    for s in subs {
                        match table.row(s).and_then(|r| r.values.get(i)) {
                            Some(c) => match c.value.as_int() {
                                Some(v) => sum += v,
                                None => ok = false,
                            },
                            None => ok = false,
                        }
                    }
                    if ok {
                        out.insert(("r6".to_string(), i), sum.to_string());
                    } else {
                        out.remove(&("r6".to_string(), i));
                    }
                }
            }
        }
        TableKind::Active => {
            // Only 处理决定数量 keeps its meaning (the third of 3 cells in 2019, the only cell in
            // 2021), for 行政许可 / 行政处罚 / 行政强制. The source column comes from the template
            // the row was read by; when that template has no such column, from the cell count.
            for b in &t.active.block {
                let decision = b.columns.iter().position(|c| c.contains("处理决定数量"));
                let Some(target_col) = decision else {
                    continue;
                };
                for r in &b.rows {
                    let Some(src) = table.row(&r.id) else {
                        continue;
                    };
                    let by_template = templates::template(src.version)
                        .and_then(|st| {
                            st.active
                                .block
                                .iter()
                                .find(|sb| sb.rows.iter().any(|x| x.id == r.id))
                        })
                        .and_then(|sb| sb.columns.iter().position(|c| c.contains("处理决定数量")))
                        .filter(|i| {
                            let n = templates::template(src.version)
                                .and_then(|st| {
                                    st.active
                                        .block
                                        .iter()
                                        .find(|sb| sb.rows.iter().any(|x| x.id == r.id))
                                })
                                .map(|sb| sb.columns.len())
                                .unwrap_or(0);
                            // Trust the template only when the row has its cell count.
                            src.values.len() == n || *i < src.values.len()
                        });
                    let from = by_template.or(match (b.columns.len(), src.values.len()) {
                        (1, n) if n >= 3 => Some(2),
                        (3, 1) => Some(0),
                        _ => None,
                    });
                    if let Some(v) = from
                        .and_then(|i| src.values.get(i))
                        .and_then(|c| cell_text(doc, c))
                    {
                        out.insert((r.id.clone(), target_col), v);
                    }
                }
            }
        }
    }
    out
}

/// Extend `span` over the white space around it on its lines, to whole lines when only white
/// space surrounds it (the line break after it included).
fn whole_lines(text: &str, span: &std::ops::Range<usize>) -> std::ops::Range<usize> {
    let mut start = clamp_boundary(text, span.start);
    let mut end = clamp_boundary(text, span.end.max(span.start));
    let line_start = text[..start].rfind('\n').map(|i| i + 1).unwrap_or(0);
    if is_blank(&text[line_start..start]) {
        start = line_start;
    }
    let rest = &text[end..];
    let line_end = rest.find('\n').map(|i| end + i + 1).unwrap_or(text.len());
    if is_blank(&text[end..line_end]) {
        end = line_end;
    }
    start..end
}

/// GX201's fix: replace a table of the other format version by the canonical one of the
/// document's format, carrying over the values whose meaning did not change (report-format §5.1).
/// Cells with no counterpart are left empty for the author.
pub fn stale_table_replacement(doc: &Document, table: &Table) -> Option<Edit> {
    let target = doc.format;
    templates::template(target)?;
    let values = carried_values(doc, table, target);
    let lookup = |row: &str, col: usize| values.get(&(row.to_string(), col)).cloned();
    let rendered = with_leading_pipes(
        render_table(table.kind, target, table.form, Fill::Values(&lookup)),
        leading_pipe(doc.text, table),
    );
    if rendered.is_empty() {
        return None;
    }
    let range = whole_lines(doc.text, &table.span);
    let mut new = rendered;
    if !at_line_start(doc.text, range.start) {
        new.insert(0, '\n');
    }
    if range.end == doc.text.len() && !doc.text.ends_with('\n') {
        new.pop();
    }
    if needs_blank_lines(table.form)
        && range.end < doc.text.len()
        && line_at(doc.text, range.end).is_some_and(|l| !is_blank(l))
    {
        new.push('\n');
    }
    Some(Edit::replace(range, with_eol(&new, line_ending(doc.text))))
}

/// GX203's fix: insert the template row `row_id` (label + empty cells) where it belongs.
pub fn missing_row_insertion(doc: &Document, table: &Table, row_id: &str) -> Option<Edit> {
    let i = table.missing.iter().position(|m| *m == row_id)?;
    let at = *table.missing_at.get(i)?;
    let row = with_leading_pipes(
        render_row(table.kind, doc.format, table.form, row_id),
        leading_pipe(doc.text, table),
    );
    if row.is_empty() {
        return None;
    }
    Some(insert_block(
        doc.text,
        at,
        &row,
        needs_blank_lines(table.form) && table.form != TableForm::Markdown,
    ))
}

/// GX202's fix: insert the canonical table of `kind` after its section heading.
pub fn missing_table_insertion(doc: &Document, kind: TableKind) -> Option<Edit> {
    let section = doc.section(kind.section())?;
    let form = table_form_of(doc);
    let leading = doc
        .tables
        .first()
        .is_some_and(|t| leading_pipe(doc.text, t));
    let table = with_leading_pipes(render_table(kind, doc.format, form, Fill::Empty), leading);
    if table.is_empty() {
        return None;
    }
    Some(insert_block(
        doc.text,
        section.line.end,
        &table,
        needs_blank_lines(form),
    ))
}

/// GX101's fix: insert the heading of section `number` (1..=6) in its place, with the canonical
/// table for 二/三/四, in the document's heading and table style.
///
/// Place: after the body of the nearest present section before it; when there is none, before
/// the first present section after it; in a document without sections, at the end.
pub fn missing_section_insertion(doc: &Document, number: u8) -> Option<Edit> {
    let heading = section_heading(number)?;
    let atx = doc.sections.iter().any(|s| s.markup == HeadingMarkup::Atx);
    let prev = doc
        .sections
        .iter()
        .filter(|s| s.number < number)
        .max_by_key(|s| (s.number, s.line.start));
    let at = match prev {
        Some(s) => s.body.end,
        None => match doc
            .sections
            .iter()
            .filter(|s| s.number > number)
            .min_by_key(|s| s.line.start)
        {
            Some(s) => doc.text[..clamp_boundary(doc.text, s.line.start)]
                .rfind('\n')
                .map(|i| i + 1)
                .unwrap_or(0),
            None => doc.text.len(),
        },
    };
    let mut block = String::new();
    if atx {
        block.push_str("## ");
    }
    block.push_str(&heading);
    block.push('\n');
    let kind = match number {
        2 => Some(TableKind::Active),
        3 => Some(TableKind::Requests),
        4 => Some(TableKind::Appeals),
        _ => None,
    };
    if let Some(kind) = kind {
        let form = table_form_of(doc);
        let table = render_table(kind, doc.format, form, Fill::Empty);
        if !table.is_empty() {
            if needs_blank_lines(form) {
                block.push('\n');
            }
            block.push_str(&table);
        }
    }
    Some(insert_block(doc.text, at, &block, true))
}
