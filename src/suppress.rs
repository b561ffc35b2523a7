//! Suppression comments: `<!-- gxlint-disable GX206 -->` … `<!-- gxlint-enable GX206 -->`,
//! `<!-- gxlint-disable-next-line GX303 -->`, `<!-- gxlint-disable-file GX405 -->`.

use crate::diagnostic::Diagnostic;
use crate::line_index::LineIndex;

#[derive(Debug, Clone, Default)]
pub struct Suppressions {}

impl Suppressions {
    pub fn parse(_text: &str, _lines: &LineIndex) -> Suppressions {
        Suppressions::default()
    }

    /// Whether `diag` is suppressed; records the use of the comment that suppressed it.
    pub fn suppresses(&self, _diag: &Diagnostic, _lines: &LineIndex) -> bool {
        false
    }
}
