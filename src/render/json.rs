//! `--format json`: the stable JSON schema (version 1) documented in README.md.
//!
//! Written through `Serialize` structs so that keys keep the documented order.

use serde::Serialize;

use super::{FileResult, Positions};
use crate::diagnostic::{Applicability, Diagnostic, Severity};

#[derive(Debug, Serialize)]
pub struct Report<'a> {
    pub version: u32,
    pub files: Vec<FileEntry<'a>>,
}

#[derive(Debug, Serialize)]
pub struct FileEntry<'a> {
    pub path: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<&'a str>,
    /// The file's encoding when it is not UTF-8 (`GBK`, `GB18030`, `UTF-16LE`, …).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub encoding: Option<&'static str>,
    /// `docx` or `html` when the diagnostics refer to the rendering of such a file.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<&'static str>,
    /// `null` when no year is known (absent for a file that could not be read).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub year: Option<Option<i32>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub format: Option<crate::document::Format>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fixes_applied: Option<usize>,
    /// `--fix` could not write the file back (its diagnostics are those of the unchanged file).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub write_error: Option<&'a str>,
    /// The file is not a report draft and was not checked: why (its diagnostics are empty).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub skipped: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub diagnostics: Option<Vec<DiagnosticEntry<'a>>>,
}

#[derive(Debug, Serialize)]
pub struct Position {
    /// 1-based.
    pub line: usize,
    /// 1-based, in characters.
    pub column: usize,
}

#[derive(Debug, Serialize)]
pub struct Range {
    pub start: Position,
    pub end: Position,
}

#[derive(Debug, Serialize)]
pub struct DiagnosticEntry<'a> {
    pub code: &'a str,
    pub name: &'a str,
    pub severity: Severity,
    pub message: &'a str,
    pub range: Range,
    pub byte_range: [usize; 2],
    /// Where the finding is in the original `.docx` or page (`表三 第5行 第3列`, `第12段`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub location: Option<String>,
    pub fixes: Vec<FixEntry<'a>>,
}

#[derive(Debug, Serialize)]
pub struct FixEntry<'a> {
    pub title: &'a str,
    pub applicability: Applicability,
    pub edits: Vec<EditEntry<'a>>,
}

#[derive(Debug, Serialize)]
pub struct EditEntry<'a> {
    pub byte_range: [usize; 2],
    pub new_text: &'a str,
}

/// The JSON entry of one diagnostic.
pub fn diagnostic_entry<'a>(d: &'a Diagnostic, pos: &Positions) -> DiagnosticEntry<'a> {
    let (sl, sc) = pos.at(d.span.start);
    let (el, ec) = pos.at(d.span.end);
    DiagnosticEntry {
        code: d.code,
        name: d.name,
        severity: d.severity,
        message: &d.message,
        range: Range {
            start: Position {
                line: sl,
                column: sc,
            },
            end: Position {
                line: el,
                column: ec,
            },
        },
        byte_range: [d.span.start, d.span.end],
        location: None,
        fixes: d
            .fixes
            .iter()
            .map(|f| FixEntry {
                title: &f.title,
                applicability: f.applicability,
                edits: f
                    .edits
                    .iter()
                    .map(|e| EditEntry {
                        byte_range: [e.range.start, e.range.end],
                        new_text: &e.new_text,
                    })
                    .collect(),
            })
            .collect(),
    }
}

pub fn report(files: &[FileResult]) -> Report<'_> {
    Report {
        version: 1,
        files: files
            .iter()
            .map(|f| match &f.outcome {
                Ok(a) => {
                    let pos = Positions::new(&f.text);
                    FileEntry {
                        path: &f.path,
                        error: None,
                        encoding: f.encoding_name(),
                        source: f.source_kind(),
                        year: Some(a.year),
                        format: Some(a.format),
                        fixes_applied: f.fixes_applied,
                        write_error: f.write_error.as_deref(),
                        skipped: a.skipped,
                        diagnostics: Some(
                            a.diagnostics
                                .iter()
                                .map(|d| DiagnosticEntry {
                                    location: f.locate(d.span.start),
                                    ..diagnostic_entry(d, &pos)
                                })
                                .collect(),
                        ),
                    }
                }
                Err(e) => FileEntry {
                    path: &f.path,
                    error: Some(e),
                    encoding: None,
                    source: None,
                    year: None,
                    format: None,
                    fixes_applied: None,
                    write_error: None,
                    skipped: None,
                    diagnostics: None,
                },
            })
            .collect(),
    }
}

pub fn render(files: &[FileResult]) -> String {
    let mut s = serde_json::to_string_pretty(&report(files)).unwrap_or_default();
    s.push('\n');
    s
}
