//! Diagnostics, fixes and edits: what every rule produces and every renderer consumes.
//! All ranges are byte offsets into the checked text.

use serde::Serialize;
use std::ops::Range;

pub type Span = Range<usize>;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
    pub fn parse(s: &str) -> Option<Severity> {
        match s.to_ascii_lowercase().as_str() {
            "info" | "information" | "i" => Some(Severity::Info),
            "warning" | "warn" | "w" => Some(Severity::Warning),
            "error" | "e" => Some(Severity::Error),
            _ => None,
        }
    }
}

/// Whether a fix may be applied without asking (ruff's applicability).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Applicability {
    /// Cannot change a figure the author typed: `--fix`, "fix all".
    Safe,
    /// Changes figures or guesses: explicit quick fix or `--unsafe-fixes` only.
    Unsafe,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Edit {
    pub range: Span,
    pub new_text: String,
}

impl Edit {
    pub fn replace(range: Span, new_text: impl Into<String>) -> Edit {
        Edit {
            range,
            new_text: new_text.into(),
        }
    }
    pub fn insert(at: usize, new_text: impl Into<String>) -> Edit {
        Edit {
            range: at..at,
            new_text: new_text.into(),
        }
    }
    pub fn delete(range: Span) -> Edit {
        Edit {
            range,
            new_text: String::new(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Fix {
    pub title: String,
    pub applicability: Applicability,
    /// Non-overlapping edits, applied together.
    pub edits: Vec<Edit>,
}

impl Fix {
    pub fn safe(title: impl Into<String>, edits: Vec<Edit>) -> Fix {
        Fix {
            title: title.into(),
            applicability: Applicability::Safe,
            edits,
        }
    }
    pub fn unsafe_(title: impl Into<String>, edits: Vec<Edit>) -> Fix {
        Fix {
            title: title.into(),
            applicability: Applicability::Unsafe,
            edits,
        }
    }
}

/// A secondary location (e.g. the addend cells of a broken total).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Related {
    pub span: Span,
    pub message: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    pub code: &'static str,
    pub name: &'static str,
    pub severity: Severity,
    pub message: String,
    pub span: Span,
    pub fixes: Vec<Fix>,
    pub related: Vec<Related>,
    /// For arithmetic rules: the value the total should have (inlay hints, hover).
    pub expected: Option<String>,
}

impl Diagnostic {
    pub fn with_fix(&mut self, fix: Fix) -> &mut Self {
        self.fixes.push(fix);
        self
    }
    pub fn with_related(&mut self, span: Span, message: impl Into<String>) -> &mut Self {
        self.related.push(Related {
            span,
            message: message.into(),
        });
        self
    }
    pub fn with_expected(&mut self, expected: impl Into<String>) -> &mut Self {
        self.expected = Some(expected.into());
        self
    }
}
