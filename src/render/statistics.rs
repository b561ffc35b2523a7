//! `--statistics`: how many findings of each rule, and how many of them `--fix` can fix (as
//! ruff's `--statistics`), as a table or as JSON.

use serde::Serialize;

use super::FileResult;
use crate::diagnostic::Applicability;

/// One rule's count.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RuleCount {
    pub code: &'static str,
    pub name: &'static str,
    pub count: usize,
    /// Findings with a safe fix (`--fix` applies them).
    pub fixable: usize,
    /// Findings whose only fixes are unsafe (`--fix --unsafe-fixes`).
    pub unsafe_fixable: usize,
}

/// Counts per rule, the most frequent first (then by code).
pub fn counts(files: &[FileResult]) -> Vec<RuleCount> {
    let mut by: std::collections::BTreeMap<&'static str, RuleCount> = Default::default();
    for d in files.iter().flat_map(|f| f.diagnostics()) {
        let e = by.entry(d.code).or_insert(RuleCount {
            code: d.code,
            name: d.name,
            count: 0,
            fixable: 0,
            unsafe_fixable: 0,
        });
        e.count += 1;
        if d.fixes
            .iter()
            .any(|f| f.applicability == Applicability::Safe)
        {
            e.fixable += 1;
        } else if !d.fixes.is_empty() {
            e.unsafe_fixable += 1;
        }
    }
    let mut v: Vec<RuleCount> = by.into_values().collect();
    v.sort_by(|a, b| b.count.cmp(&a.count).then(a.code.cmp(b.code)));
    v
}

/// The table: count, code, name, and what can be fixed; then how many rules and fixes (the
/// summary line that follows counts the findings).
pub fn render_text(files: &[FileResult]) -> String {
    let rows = counts(files);
    let mut s = String::new();
    let cw = rows
        .iter()
        .map(|r| r.count.to_string().len())
        .max()
        .unwrap_or(1);
    let nw = rows.iter().map(|r| r.name.len()).max().unwrap_or(0);
    for r in &rows {
        let mut fix = String::new();
        if r.fixable > 0 {
            fix.push_str(&format!("  可自动修复 {}", r.fixable));
        }
        if r.unsafe_fixable > 0 {
            fix.push_str(&format!("  需确认修复 {}", r.unsafe_fixable));
        }
        let line = format!("{:>cw$}  {}  {:nw$}{fix}", r.count, r.code, r.name);
        s.push_str(line.trim_end());
        s.push('\n');
    }
    let fixable: usize = rows.iter().map(|r| r.fixable).sum();
    let unsafe_fixable: usize = rows.iter().map(|r| r.unsafe_fixable).sum();
    if !rows.is_empty() {
        s.push_str(&format!(
            "涉及 {} 条规则；其中 {fixable} 个问题可用 --fix 自动修复",
            rows.len()
        ));
        if unsafe_fixable > 0 {
            s.push_str(&format!(
                "，{unsafe_fixable} 个需用 --fix --unsafe-fixes 修复"
            ));
        }
        s.push('\n');
    }
    s
}

/// `[{"code", "name", "count", "fixable", "unsafe_fixable"}, …]`.
pub fn render_json(files: &[FileResult]) -> String {
    let mut s = serde_json::to_string_pretty(&counts(files)).unwrap_or_default();
    s.push('\n');
    s
}
