//! Open documents: a rope per document, incremental edits in LSP positions, and the last
//! analysis. Positions are converted here (rope side) and in `convert` (library side); both
//! split lines only on `\n`, `\r\n` and `\r`, as LSP does.

use std::sync::Arc;

use ropey::{Rope, RopeSlice};

use crate::diagnostic::Diagnostic;
use crate::line_index::{ColumnUnit, LineIndex};

/// One LSP position (0-based line, column in the negotiated unit).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Pos {
    pub line: u32,
    pub col: u32,
}

/// A text change as the client sent it: `range` is `None` for a full replacement.
#[derive(Debug, Clone)]
pub struct Change {
    pub range: Option<(Pos, Pos)>,
    pub text: String,
}

/// What happened to an edit whose range did not fit the document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EditProblem {
    /// A position past the last line: clamped to the end of the document.
    LinePastEnd { line: u32, lines: usize },
    /// A column inside a character (half a surrogate pair, or inside a UTF-8 sequence): moved
    /// back to the character's start.
    InsideCharacter { line: u32, col: u32 },
    /// The end was before the start: swapped.
    Reversed,
}

impl std::fmt::Display for EditProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            EditProblem::LinePastEnd { line, lines } => {
                write!(f, "行 {line} 超出文档（共 {lines} 行），已按文档末尾处理")
            }
            EditProblem::InsideCharacter { line, col } => {
                write!(f, "位置 {line}:{col} 落在字符内部，已移到该字符开头")
            }
            EditProblem::Reversed => write!(f, "编辑范围的终点在起点之前，已交换"),
        }
    }
}

/// The result of linting one version of a document.
#[derive(Debug)]
pub struct Analysis {
    pub version: i32,
    pub text: Arc<String>,
    pub index: LineIndex,
    pub diagnostics: Vec<Diagnostic>,
    /// The same diagnostics in protocol form (ranges in the negotiated unit).
    pub published: Vec<tower_lsp_server::ls_types::Diagnostic>,
}

#[derive(Debug)]
pub struct DocState {
    pub rope: Rope,
    pub version: i32,
    /// Bumped on every change; a lint whose generation is stale is dropped.
    pub generation: u64,
    /// Whether a lint loop is running for this document (at most one at a time).
    pub linting: bool,
    /// The latest finished analysis (possibly of an older version).
    pub analysis: Option<Arc<Analysis>>,
    /// Larger than the size limit: the text is not kept (the rope is empty) and the document
    /// is not analysed, until a full change brings it under the limit.
    pub oversized: bool,
}

impl DocState {
    pub fn new(text: &str, version: i32) -> DocState {
        DocState {
            rope: Rope::from_str(text),
            version,
            generation: 0,
            linting: false,
            analysis: None,
            oversized: false,
        }
    }

    /// A document refused for its size: nothing of its text is kept.
    pub fn refused(version: i32) -> DocState {
        DocState {
            oversized: true,
            ..DocState::new("", version)
        }
    }

    /// Apply changes to a document that may be over `limit` bytes: an oversized document takes
    /// only full changes (from the last one on); a document that grows over `limit` drops its
    /// text. Returns the edit problems met.
    pub fn apply_limited(
        &mut self,
        changes: &[Change],
        unit: ColumnUnit,
        limit: u64,
    ) -> Vec<EditProblem> {
        let changes = if self.oversized {
            match changes.iter().rposition(|c| c.range.is_none()) {
                Some(i) => &changes[i..],
                None => return Vec::new(),
            }
        } else {
            changes
        };
        let problems = self.apply(changes, unit);
        self.oversized = self.rope.len_bytes() as u64 > limit;
        if self.oversized {
            self.rope = Rope::new();
            self.analysis = None;
        }
        problems
    }

    /// The current analysis, when it is of the current text.
    pub fn current_analysis(&self) -> Option<Arc<Analysis>> {
        if self.oversized {
            return None;
        }
        self.analysis
            .as_ref()
            .filter(|a| a.version == self.version)
            .cloned()
    }

    /// Apply changes in order; returns the problems met (the edits are still applied, clamped).
    pub fn apply(&mut self, changes: &[Change], unit: ColumnUnit) -> Vec<EditProblem> {
        let mut problems = Vec::new();
        for change in changes {
            match change.range {
                None => self.rope = Rope::from_str(&change.text),
                Some((start, end)) => {
                    let mut s = char_index(&self.rope, start, unit, &mut problems);
                    let mut e = char_index(&self.rope, end, unit, &mut problems);
                    if e < s {
                        problems.push(EditProblem::Reversed);
                        std::mem::swap(&mut s, &mut e);
                    }
                    if s < e {
                        self.rope.remove(s..e);
                    }
                    if !change.text.is_empty() {
                        self.rope.insert(s, &change.text);
                    }
                }
            }
        }
        problems
    }
}

/// The content of a rope line without its line break.
fn line_content(line: RopeSlice<'_>) -> RopeSlice<'_> {
    let mut n = line.len_chars();
    if n > 0 && line.char(n - 1) == '\n' {
        n -= 1;
    }
    if n > 0 && line.char(n - 1) == '\r' {
        n -= 1;
    }
    line.slice(..n)
}

/// Char index of an LSP position in `rope`. A column past the line's end means the end of the
/// line (LSP); a line past the end of the document and a column inside a character are
/// recorded in `problems` and clamped.
pub fn char_index(
    rope: &Rope,
    pos: Pos,
    unit: ColumnUnit,
    problems: &mut Vec<EditProblem>,
) -> usize {
    let line = pos.line as usize;
    if line >= rope.len_lines() {
        problems.push(EditProblem::LinePastEnd {
            line: pos.line,
            lines: rope.len_lines(),
        });
        return rope.len_chars();
    }
    let start = rope.line_to_char(line);
    let content = line_content(rope.line(line));
    let col = pos.col as usize;
    let mut acc = 0usize;
    for (i, ch) in content.chars().enumerate() {
        if acc >= col {
            return start + i;
        }
        let w = match unit {
            ColumnUnit::Utf8 => ch.len_utf8(),
            ColumnUnit::Utf16 => ch.len_utf16(),
            ColumnUnit::Char => 1,
        };
        if acc + w > col {
            problems.push(EditProblem::InsideCharacter {
                line: pos.line,
                col: pos.col,
            });
            return start + i;
        }
        acc += w;
    }
    start + content.len_chars()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn edit(l1: u32, c1: u32, l2: u32, c2: u32, t: &str) -> Change {
        Change {
            range: Some((Pos { line: l1, col: c1 }, Pos { line: l2, col: c2 })),
            text: t.to_string(),
        }
    }

    #[test]
    fn utf16_surrogates_and_crlf() {
        let mut d = DocState::new("a𠮷b\r\n第二行\rx", 1);
        // after 𠮷 is UTF-16 column 3
        assert!(
            d.apply(&[edit(0, 3, 0, 3, "Z")], ColumnUnit::Utf16)
                .is_empty()
        );
        assert_eq!(d.rope.to_string(), "a𠮷Zb\r\n第二行\rx");
        // line 1 (after CRLF), column 2 → before 行
        assert!(
            d.apply(&[edit(1, 2, 1, 3, "")], ColumnUnit::Utf16)
                .is_empty()
        );
        assert_eq!(d.rope.to_string(), "a𠮷Zb\r\n第二\rx");
        // a lone CR is a line break: line 2 is "x"
        d.apply(&[edit(2, 0, 2, 1, "y")], ColumnUnit::Utf16);
        assert_eq!(d.rope.to_string(), "a𠮷Zb\r\n第二\ry");
        // inside the surrogate pair: clamped to its start, reported
        let p = d.apply(&[edit(0, 2, 0, 2, "Q")], ColumnUnit::Utf16);
        assert_eq!(p, vec![EditProblem::InsideCharacter { line: 0, col: 2 }; 2]);
        assert_eq!(d.rope.to_string(), "aQ𠮷Zb\r\n第二\ry");
    }

    #[test]
    fn utf8_columns() {
        let mut d = DocState::new("扫一扫\n", 1);
        assert!(
            d.apply(&[edit(0, 3, 0, 6, "")], ColumnUnit::Utf8)
                .is_empty()
        );
        assert_eq!(d.rope.to_string(), "扫扫\n");
        let p = d.apply(&[edit(0, 1, 0, 1, "x")], ColumnUnit::Utf8);
        assert_eq!(p.len(), 2);
        assert_eq!(d.rope.to_string(), "x扫扫\n");
    }

    #[test]
    fn out_of_range_is_clamped() {
        let mut d = DocState::new("ab\ncd", 1);
        let p = d.apply(&[edit(7, 0, 9, 4, "!")], ColumnUnit::Utf16);
        assert_eq!(p.len(), 2);
        assert_eq!(d.rope.to_string(), "ab\ncd!");
        // column past the end of the line is the end of the line, not a problem
        assert!(
            d.apply(&[edit(0, 99, 0, 99, "?")], ColumnUnit::Utf16)
                .is_empty()
        );
        assert_eq!(d.rope.to_string(), "ab?\ncd!");
        let p = d.apply(&[edit(1, 2, 1, 0, "")], ColumnUnit::Utf16);
        assert_eq!(p, vec![EditProblem::Reversed]);
        assert_eq!(d.rope.to_string(), "ab?\n!");
    }
}
