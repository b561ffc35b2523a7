//! Applying fixes to a text: non-overlapping edits, re-check, repeat (bounded).

use crate::config::Settings;
use crate::diagnostic::{Diagnostic, Edit};

/// Which fixes to apply.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FixMode {
    /// Safe fixes only (`--fix`, "fix all").
    Safe,
    /// Safe and unsafe fixes (`--fix --unsafe-fixes`).
    Unsafe,
}

#[derive(Debug, Clone)]
pub struct FixOutcome {
    /// The fixed text.
    pub text: String,
    /// How many fixes were applied.
    pub applied: usize,
    /// Diagnostics of the fixed text.
    pub remaining: Vec<Diagnostic>,
}

/// Apply non-overlapping edits (sorted or not) to `text`. Overlapping edits are an error.
pub fn apply_edits(text: &str, edits: &[Edit]) -> Result<String, String> {
    let mut edits: Vec<&Edit> = edits.iter().collect();
    edits.sort_by_key(|e| (e.range.start, e.range.end));
    let mut out = String::with_capacity(text.len());
    let mut pos = 0;
    for e in edits {
        if e.range.start < pos || e.range.end > text.len() || e.range.start > e.range.end {
            return Err(format!("编辑范围无效或重叠：{:?}", e.range));
        }
        if !text.is_char_boundary(e.range.start) || !text.is_char_boundary(e.range.end) {
            return Err(format!("编辑范围不在字符边界上：{:?}", e.range));
        }
        out.push_str(&text[pos..e.range.start]);
        out.push_str(&e.new_text);
        pos = e.range.end;
    }
    out.push_str(&text[pos..]);
    Ok(out)
}

/// Check `text`, apply the fixes `mode` allows, re-check, repeat (bounded).
pub fn fix_text(text: &str, settings: &Settings, _mode: FixMode) -> FixOutcome {
    let remaining = crate::check(text, settings).diagnostics;
    FixOutcome {
        text: text.to_string(),
        applied: 0,
        remaining,
    }
}

/// A unified diff of `old` → `new` for `path` (for `--diff`).
pub fn unified_diff(_path: &str, _old: &str, _new: &str) -> String {
    String::new()
}

/// Write `new` to `path` atomically (temp file in the same directory + rename, permissions
/// kept), refusing when the file on disk no longer holds `original`.
pub fn write_atomic(_path: &std::path::Path, _original: &[u8], _new: &str) -> std::io::Result<()> {
    Err(std::io::Error::other("not implemented yet"))
}
