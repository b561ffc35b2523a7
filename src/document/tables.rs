//! The template-driven table reader (forms.md "Reading tables by the template").

use super::{Format, Section, Table};

pub fn read_tables(_text: &str, _sections: &[Section], _format: Format) -> Vec<Table> {
    Vec::new()
}
