//! Rendering of canonical content: the tables of 二/三/四 of each format version in each table
//! form, the period sentence, citations. Used by fixes and by `gxlint new`.

use crate::document::{Format, TableForm, TableKind};

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

/// The canonical table of `kind` for `format`, in `form`, ending with a line break.
pub fn render_table(_kind: TableKind, _format: Format, _form: TableForm, _fill: Fill) -> String {
    String::new()
}

/// One canonical row (label and empty value cells) in `form`, ending with a line break.
pub fn render_row(_kind: TableKind, _format: Format, _form: TableForm, _row_id: &str) -> String {
    String::new()
}

/// The canonical period sentence for year N.
pub fn period_sentence(year: i32) -> String {
    format!("本年度报告中所列数据的统计期限自{year}年1月1日起至{year}年12月31日止。")
}

use crate::diagnostic::Edit;
use crate::document::{Document, Table};

/// The table form a fix should use: the one the document's other tables use, markdown when none.
pub fn table_form_of(doc: &Document) -> TableForm {
    doc.tables
        .first()
        .map(|t| t.form)
        .unwrap_or(TableForm::Markdown)
}

/// GX201's fix: replace a table of the other format version by the canonical one of the
/// document's format, carrying over the values whose meaning did not change (report-format §5.1).
pub fn stale_table_replacement(_doc: &Document, _table: &Table) -> Option<Edit> {
    None
}

/// GX203's fix: insert the template row `row_id` (label + empty cells) where it belongs.
pub fn missing_row_insertion(_doc: &Document, _table: &Table, _row_id: &str) -> Option<Edit> {
    None
}

/// GX202's fix: insert the canonical table of `kind` after its section heading.
pub fn missing_table_insertion(_doc: &Document, _kind: TableKind) -> Option<Edit> {
    None
}

/// GX101's fix: insert the heading of section `number` (1..=6) in its place, with the canonical
/// table for 二/三/四, in the document's heading and table style.
pub fn missing_section_insertion(_doc: &Document, _number: u8) -> Option<Edit> {
    None
}
