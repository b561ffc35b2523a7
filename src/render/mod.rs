//! Renderers of diagnostics: terminal (codespan-reporting), concise lines, JSON, SARIF, GitHub
//! annotations, GitLab Code Quality, JUnit XML, reviewdog's rdjson; `--statistics` counts.
//!
//! Every renderer takes the checked files as [`FileResult`]s, in the order they are to be shown
//! (the CLI sorts them by path). Lines and columns are 1-based, columns counted in characters
//! (Unicode scalar values); a UTF-8 BOM at the start of a file is not counted as a column.

pub mod concise;
pub mod github;
pub mod gitlab;
pub mod json;
pub mod junit;
pub mod rdjson;
pub mod sarif;
pub mod statistics;
pub mod terminal;

use crate::Analysis;
use crate::diagnostic::Severity;
use crate::line_index::{ColumnUnit, LineIndex};

/// One checked (or unreadable) file.
#[derive(Debug, Clone)]
pub struct FileResult {
    /// The path as given or found by the directory walk (`-` or `--stdin-filename` for stdin).
    pub path: String,
    /// The text the diagnostics refer to (after fixes, when fixes were applied).
    pub text: String,
    /// The analysis, or a message saying why the file could not be checked.
    pub outcome: Result<Analysis, String>,
    /// How many fixes were applied (`--fix`/`--diff` only).
    pub fixes_applied: Option<usize>,
    /// Where the text came from (encoding, `.docx`/page and the map to its paragraphs and
    /// cells); `None` is a UTF-8 text file.
    pub source: Option<crate::input::Source>,
    /// The file was read and checked but the fixed text could not be written back (`--fix`):
    /// why. The diagnostics are then those of the unchanged file.
    pub write_error: Option<String>,
}

impl FileResult {
    /// Where an offset of `text` is in the original `.docx` or page (`表三 第5行 第3列`).
    pub fn locate(&self, offset: usize) -> Option<String> {
        self.source.as_ref().and_then(|s| s.locate(offset))
    }

    /// The encoding's name when the file is not UTF-8.
    pub fn encoding_name(&self) -> Option<&'static str> {
        self.source.as_ref().and_then(|s| s.encoding_name())
    }

    /// `docx` or `html` when the text is a rendering of such a file.
    pub fn source_kind(&self) -> Option<&'static str> {
        self.source
            .as_ref()
            .filter(|s| s.kind != crate::input::InputKind::Text)
            .map(|s| s.kind.as_str())
    }

    pub fn diagnostics(&self) -> &[crate::diagnostic::Diagnostic] {
        match &self.outcome {
            Ok(a) => &a.diagnostics,
            Err(_) => &[],
        }
    }
}

/// Converts byte offsets of one text to 1-based (line, character column).
pub struct Positions<'a> {
    text: &'a str,
    index: LineIndex,
    bom: bool,
}

impl<'a> Positions<'a> {
    pub fn new(text: &'a str) -> Positions<'a> {
        Positions {
            text,
            index: LineIndex::new(text),
            bom: text.starts_with('\u{feff}'),
        }
    }

    /// 1-based (line, column) of a byte offset; column in characters.
    pub fn at(&self, offset: usize) -> (usize, usize) {
        let (line, mut col) = self.index.position(self.text, offset, ColumnUnit::Char);
        if self.bom && line == 0 && col > 0 {
            col -= 1;
        }
        (line + 1, col + 1)
    }

    /// 1-based (line, column) of a byte offset; column in UTF-8 bytes (rdjson), a BOM not
    /// counted.
    pub fn at_byte(&self, offset: usize) -> (usize, usize) {
        let (line, mut col) = self.index.position(self.text, offset, ColumnUnit::Utf8);
        if self.bom && line == 0 && col >= 3 {
            col -= 3;
        }
        (line + 1, col + 1)
    }
}

/// Counts of diagnostics by severity: (errors, warnings, infos).
pub fn counts(files: &[FileResult]) -> (usize, usize, usize) {
    let mut c = (0, 0, 0);
    for f in files {
        for d in f.diagnostics() {
            match d.severity {
                Severity::Error => c.0 += 1,
                Severity::Warning => c.1 += 1,
                Severity::Info => c.2 += 1,
            }
        }
    }
    c
}

/// The first paragraph of a rule's doc page after its `# CODE name` heading.
pub fn doc_summary(doc: &str) -> String {
    let mut para = Vec::new();
    for line in doc.lines() {
        let t = line.trim();
        if t.starts_with('#') || t.starts_with("<!--") {
            if para.is_empty() {
                continue;
            }
            break;
        }
        if t.is_empty() {
            if para.is_empty() {
                continue;
            }
            break;
        }
        para.push(t);
    }
    para.join(" ")
}
