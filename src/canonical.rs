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
