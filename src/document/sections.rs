//! The six section headings (markdown, bold and plain; `、` `.` `．` numbering; wording variants
//! from rules/sections.toml).

use super::{Format, Section};

/// Find the section headings of the report, in document order.
pub fn find_sections(_text: &str, _format: Format) -> Vec<Section> {
    Vec::new()
}
