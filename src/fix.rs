//! Applying fixes to a text: non-overlapping edits, re-check, repeat (bounded).

use std::io::Write;

use crate::config::Settings;
use crate::diagnostic::{Applicability, Diagnostic, Edit, Fix};

/// Which fixes to apply.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FixMode {
    /// Safe fixes only (`--fix`, "fix all").
    Safe,
    /// Safe and unsafe fixes (`--fix --unsafe-fixes`).
    Unsafe,
}

impl FixMode {
    /// Whether a fix of this applicability may be applied in this mode.
    pub fn allows(self, a: Applicability) -> bool {
        match self {
            FixMode::Safe => a == Applicability::Safe,
            FixMode::Unsafe => true,
        }
    }
}

/// The most passes `fix_text` makes (each pass: check, apply the non-overlapping fixes).
pub const MAX_PASSES: usize = 10;

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
/// Insertions at the same place are applied in the order given.
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

/// Whether two edits cannot both be applied: overlapping ranges, an insertion strictly inside a
/// replaced range, or the very same insertion twice. Distinct insertions at the same place do
/// not conflict: they are applied in the order of their diagnostics (e.g. several missing rows
/// of one table, in template order).
pub fn edits_conflict(ea: &Edit, eb: &Edit) -> bool {
    let (a, b) = (&ea.range, &eb.range);
    match (a.is_empty(), b.is_empty()) {
        (true, true) => a.start == b.start && ea.new_text == eb.new_text,
        (true, false) => b.start < a.start && a.start < b.end,
        (false, true) => a.start < b.start && b.start < a.end,
        (false, false) => a.start < b.end && b.start < a.end,
    }
}

/// Whether a fix's edits are applicable to `text` on their own (in range, on char boundaries,
/// not conflicting among themselves, and changing something).
fn fix_is_valid(text: &str, fix: &Fix) -> bool {
    if fix.edits.is_empty() {
        return false;
    }
    for (i, e) in fix.edits.iter().enumerate() {
        if e.range.start > e.range.end
            || e.range.end > text.len()
            || !text.is_char_boundary(e.range.start)
            || !text.is_char_boundary(e.range.end)
        {
            return false;
        }
        if fix.edits[..i].iter().any(|o| edits_conflict(o, e)) {
            return false;
        }
    }
    fix.edits
        .iter()
        .any(|e| text.get(e.range.clone()) != Some(e.new_text.as_str()))
}

/// The fixes of one pass: for each diagnostic (in order), its first fix `mode` allows, kept when
/// none of its edits conflicts with an edit already chosen (earlier ones win; a fix is applied
/// whole or not at all).
pub fn select_fixes<'d>(text: &str, diagnostics: &'d [Diagnostic], mode: FixMode) -> Vec<&'d Fix> {
    select_fixes_with(text, diagnostics, mode, |_| true)
}

/// `select_fixes` with a last test `keep` on each candidate (called only for candidates that
/// would otherwise be chosen).
fn select_fixes_with<'d>(
    text: &str,
    diagnostics: &'d [Diagnostic],
    mode: FixMode,
    mut keep: impl FnMut(&Fix) -> bool,
) -> Vec<&'d Fix> {
    let mut chosen: Vec<&Fix> = Vec::new();
    for d in diagnostics {
        let Some(fix) = d.fixes.iter().find(|f| mode.allows(f.applicability)) else {
            continue;
        };
        if !fix_is_valid(text, fix) {
            continue;
        }
        let conflicts = chosen.iter().any(|c| {
            c.edits
                .iter()
                .any(|ce| fix.edits.iter().any(|e| edits_conflict(ce, e)))
        });
        if !conflicts && keep(fix) {
            chosen.push(fix);
        }
    }
    chosen
}

/// Whether an unsafe fix would be undone at once: after applying it alone, some fix `mode` allows
/// puts back what it replaced (two arithmetic fixes fighting over one cell: "set 总计 to the row
/// sum" against "set it so that the column balances"). Such a fix is left for the author; leaving
/// it out keeps `fix_text` idempotent.
fn undone_at_once(
    text: &str,
    fix: &Fix,
    mode: FixMode,
    check: &mut impl FnMut(&str) -> Vec<Diagnostic>,
) -> bool {
    let Ok(after) = apply_edits(text, &fix.edits) else {
        return false;
    };
    // Where each replaced range lies in `after`, and what it held before.
    let mut edits: Vec<&Edit> = fix.edits.iter().collect();
    edits.sort_by_key(|e| (e.range.start, e.range.end));
    let mut shift: isize = 0;
    let mut spots = Vec::new();
    for e in edits {
        let start = (e.range.start as isize + shift) as usize;
        spots.push((start..start + e.new_text.len(), &text[e.range.clone()]));
        shift += e.new_text.len() as isize - (e.range.end - e.range.start) as isize;
    }
    check(&after).iter().any(|d| {
        d.fixes
            .iter()
            .filter(|f| mode.allows(f.applicability))
            .any(|f| {
                f.edits.iter().any(|e| {
                    spots
                        .iter()
                        .any(|(r, old)| e.range == *r && e.new_text == *old)
                })
            })
    })
}

/// Check `text`, apply the fixes `mode` allows, re-check, repeat (bounded).
pub fn fix_text(text: &str, settings: &Settings, mode: FixMode) -> FixOutcome {
    fix_text_traced(text, settings, mode).0
}

/// `fix_text`, also returning the edits applied in each pass (ranges into that pass's input).
pub fn fix_text_traced(
    text: &str,
    settings: &Settings,
    mode: FixMode,
) -> (FixOutcome, Vec<Vec<Edit>>) {
    fix_with(text, mode, |t| crate::check(t, settings).diagnostics)
}

/// The fix loop with any checker: check, apply the non-overlapping fixes `mode` allows, repeat
/// until nothing applies, the text comes back to an earlier state, or [`MAX_PASSES`] passes.
/// Returns the outcome and the edits applied in each pass.
pub fn fix_with(
    text: &str,
    mode: FixMode,
    mut check: impl FnMut(&str) -> Vec<Diagnostic>,
) -> (FixOutcome, Vec<Vec<Edit>>) {
    let mut current = text.to_string();
    let mut applied = 0;
    let mut passes = Vec::new();
    let mut seen = std::collections::HashSet::new();
    seen.insert(current.clone());
    let mut diagnostics = check(&current);
    for _ in 0..MAX_PASSES {
        let chosen = select_fixes_with(&current, &diagnostics, mode, |f| {
            f.applicability == Applicability::Safe || !undone_at_once(&current, f, mode, &mut check)
        });
        if chosen.is_empty() {
            break;
        }
        let edits: Vec<Edit> = chosen
            .iter()
            .flat_map(|f| f.edits.iter().cloned())
            .collect();
        let Ok(next) = apply_edits(&current, &edits) else {
            break;
        };
        if !seen.insert(next.clone()) {
            // Back to an earlier text (fixes undoing each other): stop here.
            break;
        }
        applied += chosen.len();
        passes.push(edits);
        current = next;
        diagnostics = check(&current);
    }
    (
        FixOutcome {
            text: current,
            applied,
            remaining: diagnostics,
        },
        passes,
    )
}

/// A unified diff of `old` → `new` for `path` (for `--diff`); empty when they are equal.
pub fn unified_diff(path: &str, old: &str, new: &str) -> String {
    if old == new {
        return String::new();
    }
    similar::TextDiff::from_lines(old, new)
        .unified_diff()
        .context_radius(3)
        .header(
            &format!("a/{}", path.trim_start_matches('/')),
            &format!("b/{}", path.trim_start_matches('/')),
        )
        .to_string()
}

/// How [`write_atomic_with`] may write.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct WriteOptions {
    /// Also replace a file without write permission (its permissions are kept). A file owned
    /// by another user is never replaced by one of ours, with or without this.
    pub allow_readonly: bool,
}

fn changed_since_read(path: &std::path::Path) -> std::io::Error {
    std::io::Error::other(format!(
        "{} 在读取后已被修改，未写入修复结果",
        path.display()
    ))
}

/// Write `new` to `path` atomically, refusing read-only files (see [`write_atomic_with`]).
pub fn write_atomic(
    path: &std::path::Path,
    original: &[u8],
    new: impl AsRef<[u8]>,
) -> std::io::Result<()> {
    write_atomic_with(path, original, new, WriteOptions::default())
}

/// Write `new` to `path` atomically (temp file in the same directory + rename, permissions
/// kept), refusing when the file on disk no longer holds `original`, when it is not a regular
/// file (never waiting on a FIFO), when it is read-only (unless `options` allow it), and when
/// it belongs to another user (the rename would change its owner; as root the owner is kept).
/// A symbolic link is followed: its target is replaced, the link kept.
pub fn write_atomic_with(
    path: &std::path::Path,
    original: &[u8],
    new: impl AsRef<[u8]>,
    options: WriteOptions,
) -> std::io::Result<()> {
    let target = std::fs::canonicalize(path)?;
    let meta = std::fs::metadata(&target)?;
    if !meta.is_file() {
        return Err(std::io::Error::other(format!(
            "{} 不是普通文件，未写入修复结果",
            path.display()
        )));
    }
    if meta.permissions().readonly() && !options.allow_readonly {
        return Err(std::io::Error::new(
            std::io::ErrorKind::PermissionDenied,
            format!(
                "{} 是只读文件，未写入修复结果（要写入只读文件，加 --allow-readonly）",
                path.display()
            ),
        ));
    }
    let limit = (original.len() as u64).max(1);
    let read_back = |t: &std::path::Path| match crate::files::read_regular(t, limit) {
        Ok(b) => Ok(b),
        Err(crate::files::ReadError::Io(e)) => Err(e),
        Err(_) => Err(changed_since_read(path)),
    };
    if read_back(&target)? != original {
        return Err(changed_since_read(path));
    }
    let dir = match target.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => std::path::PathBuf::from("."),
    };
    let perms = meta.permissions();
    let mut tmp = tempfile::Builder::new()
        .prefix(".gxlint-")
        .suffix(".tmp")
        .tempfile_in(&dir)?;
    tmp.write_all(new.as_ref())?;
    tmp.as_file().sync_all()?;
    #[cfg(unix)]
    {
        // The new file is ours; give it the old one's owner, or refuse when that is not
        // allowed (another user's file: replacing it would change its owner).
        use std::os::unix::fs::MetadataExt;
        let mine = tmp.as_file().metadata()?;
        if mine.uid() != meta.uid() {
            std::os::unix::fs::fchown(tmp.as_file(), Some(meta.uid()), Some(meta.gid())).map_err(
                |_| {
                    std::io::Error::new(
                        std::io::ErrorKind::PermissionDenied,
                        format!(
                            "{} 属于另一个用户（uid {}），替换它会改变文件所有者，未写入修复结果",
                            path.display(),
                            meta.uid()
                        ),
                    )
                },
            )?;
        } else if mine.gid() != meta.gid() {
            let _ = std::os::unix::fs::fchown(tmp.as_file(), None, Some(meta.gid()));
        }
    }
    std::fs::set_permissions(tmp.path(), perms)?;
    // Last check right before the rename: the file may have changed while we wrote.
    if read_back(&target)? != original {
        return Err(changed_since_read(path));
    }
    tmp.persist(&target).map_err(|e| e.error)?;
    #[cfg(unix)]
    if let Ok(d) = std::fs::File::open(&dir) {
        let _ = d.sync_all();
    }
    Ok(())
}
