//! GX701 carry-over: this year's figures that must equal last year's report (cross-document).
//!
//! Two identities tie one agency's report for year N to its report for N−1:
//! - table 三, every column: N's 二、上年结转政府信息公开申请数量 = N−1's 四、结转下年度继续办理;
//! - 2019 format (both reports 2019/2020), table 二, each row of （五）（六）（八）:
//!   N's 上一年项目数量 = N−1's 上一年项目数量 + N−1's 本年增/减.
//!
//! A single document cannot be checked against this rule, so its `check` does nothing: the
//! batch code (`gxlint review`, and `gxlint check` given several years of one agency) reads
//! [`Facts`] from each document, pairs the reports of one agency in consecutive years
//! (`crate::review::cross`), and calls [`check_pair`]. Diagnostics are on the later report.

use crate::document::tables::{column_name, fmt_num, row_label};
use crate::rules::prelude::*;

declare_rule!(
    "GX701",
    "carry-over",
    Warning,
    "本年上年结转数或上一年项目数量与上一年度报告不一致（跨年度核对）"
);

/// Nothing to check in one document; see the module documentation and [`check_pair`].
fn check(_cx: &mut Checker) {}

/// One row's whole-number cells with their spans and column names.
#[derive(Debug, Clone)]
pub struct RowFacts {
    pub values: Vec<i64>,
    pub spans: Vec<Span>,
    pub columns: Vec<String>,
}

/// A 2019-format table 二 row of （五）（六）（八）: 上一年项目数量 and 本年增/减.
#[derive(Debug, Clone)]
pub struct ProjectRow {
    pub id: &'static str,
    pub label: &'static str,
    /// 上一年项目数量 and its cell.
    pub previous: Option<(i64, Span)>,
    /// 本年增/减.
    pub change: Option<i64>,
}

/// What one report contributes to the cross-year checks (owned: no borrow of the text).
#[derive(Debug, Clone)]
pub struct Facts {
    pub year: i32,
    pub format: Format,
    /// Table 三 二、上年结转 (all seven cells whole numbers), else `None`.
    pub carry: Option<RowFacts>,
    /// Table 三 四、结转下年度继续办理.
    pub next: Option<RowFacts>,
    /// 2019 format only.
    pub projects: Vec<ProjectRow>,
}

fn row_facts(doc: &Document, id: &str) -> Option<RowFacts> {
    let table = doc.table(TableKind::Requests)?;
    let row = table.row(id)?;
    if row.version != doc.format {
        return None;
    }
    let values = crate::document::tables::ints(row)?;
    Some(RowFacts {
        values,
        spans: row.values.iter().map(|c| c.span.clone()).collect(),
        columns: (0..row.values.len())
            .map(|c| column_name(TableKind::Requests, row, c))
            .collect(),
    })
}

impl Facts {
    /// The facts of a parsed document; `None` without a report year.
    pub fn from_document(doc: &Document) -> Option<Facts> {
        let year = doc.year?;
        let mut projects = Vec::new();
        if doc.format == Format::V2019
            && let Some(t) = doc.table(TableKind::Active)
        {
            for row in &t.rows {
                let block = row.id.split('.').next().unwrap_or("");
                if row.version != Format::V2019 || !matches!(block, "a5" | "a6" | "a8") {
                    continue;
                }
                let cell = |i: usize| row.values.get(i).and_then(|c| c.value.as_int());
                projects.push(ProjectRow {
                    id: row.id,
                    label: row_label(TableKind::Active, row),
                    previous: cell(0).map(|v| (v, row.values[0].span.clone())),
                    change: cell(1),
                });
            }
        }
        Some(Facts {
            year,
            format: doc.format,
            carry: row_facts(doc, "carry"),
            next: row_facts(doc, "next"),
            projects,
        })
    }
}

fn diagnostic(span: Span, message: String, expected: String) -> Diagnostic {
    Diagnostic {
        code: RULE.code,
        name: RULE.name,
        severity: RULE.severity,
        message,
        span,
        fixes: Vec::new(),
        related: Vec::new(),
        expected: Some(expected),
    }
}

/// Checks `cur` (year N) against `prev` (the same agency's report for N−1, shown as
/// `prev_name` in messages). Returns diagnostics with spans into `cur`'s text: one for the
/// 上年结转 row (at its first differing cell, every differing column named), one per 2019-format
/// 上一年项目数量 cell that differs. Nothing when the years are not consecutive.
pub fn check_pair(prev: &Facts, prev_name: &str, cur: &Facts) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    if prev.year + 1 != cur.year {
        return out;
    }
    let py = prev.year;
    if let (Some(carry), Some(next)) = (&cur.carry, &prev.next)
        && carry.values.len() == next.values.len()
    {
        let diffs: Vec<usize> = (0..carry.values.len())
            .filter(|&c| carry.values[c] != next.values[c])
            .collect();
        if let Some(&first) = diffs.first() {
            let parts: Vec<String> = diffs
                .iter()
                .map(|&c| {
                    format!(
                        "「{}」应为 {}，实为 {}",
                        carry.columns[c], next.values[c], carry.values[c]
                    )
                })
                .collect();
            let mut d = diagnostic(
                carry.spans[first].clone(),
                format!(
                    "表三「二、上年结转政府信息公开申请数量」应等于{py}年度报告（{prev_name}）的\
                     「四、结转下年度继续办理」：{}",
                    parts.join("；")
                ),
                next.values[first].to_string(),
            );
            for &c in &diffs[1..] {
                d.with_related(
                    carry.spans[c].clone(),
                    format!("「{}」应为 {}", carry.columns[c], next.values[c]),
                );
            }
            out.push(d);
        }
    }
    if prev.format == Format::V2019 && cur.format == Format::V2019 {
        for row in &cur.projects {
            let Some((actual, span)) = &row.previous else {
                continue;
            };
            let Some(p) = prev.projects.iter().find(|p| p.id == row.id) else {
                continue;
            };
            let (Some((p_prev, _)), Some(p_change)) = (&p.previous, p.change) else {
                continue;
            };
            let expected = p_prev + p_change;
            if expected != *actual {
                out.push(diagnostic(
                    span.clone(),
                    format!(
                        "表二「{}」行「上一年项目数量」应等于{py}年度报告（{prev_name}）的上一年项目数量\
                         加本年增/减（{} + {} = {}），实为 {}",
                        row.label,
                        p_prev,
                        fmt_num(p_change as f64),
                        expected,
                        actual
                    ),
                    expected.to_string(),
                ));
            }
        }
    }
    out
}
