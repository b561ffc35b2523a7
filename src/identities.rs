//! The arithmetic identities of tables 三 and 四 (勾稽关系, rules.md GX301–GX305), declared once.
//!
//! `declare` lists, for a parsed document, every identity that can be checked on the rows the
//! draft has: `Σ lhs = Σ rhs` over value cells, with the cell that holds the total (where a
//! broken identity is reported). The rules GX301–GX305 report the broken ones, the solver
//! (`crate::solver`) looks for the one cell that explains them, hover and inlay hints explain
//! them: all from this list.
//!
//! A cell has a value here only when its whole row was read as whole numbers (the arithmetic
//! skips rows that cannot be read: blank, text, too few or too many cells).

use crate::diagnostic::Span;
use crate::document::tables::{ints, row_label};
use crate::document::{Document, Format, RowRead, Table, TableKind};
use crate::templates;

/// One value cell: template row id and value-column index.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct CellRef {
    pub row: &'static str,
    pub col: usize,
}

/// `Σ lhs = Σ rhs` over cells of one table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Identity {
    /// The rule that checks it (GX301 … GX305).
    pub code: &'static str,
    pub table: TableKind,
    pub lhs: Vec<CellRef>,
    pub rhs: Vec<CellRef>,
    /// The cell holding the total: where the rule reports the identity when no single cell
    /// explains what is broken.
    pub total: CellRef,
}

impl Identity {
    /// Whether `c` takes part, and on which side: +1 on the left, -1 on the right, 0 not at all.
    pub fn coef(&self, c: CellRef) -> i64 {
        if self.lhs.contains(&c) {
            1
        } else if self.rhs.contains(&c) {
            -1
        } else {
            0
        }
    }
    pub fn cells(&self) -> impl Iterator<Item = CellRef> + '_ {
        self.lhs.iter().chain(&self.rhs).copied()
    }
}

/// The sub-row ids of a group row of table 三 (the 2021 template's, a superset of 2019's).
pub fn children(group: &str) -> Vec<&'static str> {
    templates::template(Format::V2021)
        .map(|t| {
            t.requests
                .row
                .iter()
                .filter(|r| r.parent.as_deref() == Some(group))
                .map(|r| r.id.as_str())
                .collect()
        })
        .unwrap_or_default()
}

/// The rows making up a group's numbers: all its sub-rows when any is present (None when one is
/// missing or unreadable), else the group row itself when it carries numbers.
pub fn group_rows<'t>(t: &'t Table, group: &str) -> Option<Vec<&'t RowRead>> {
    let kids = children(group);
    if kids.iter().any(|k| t.row(k).is_some()) {
        let rows: Vec<&RowRead> = kids.iter().map(|k| t.row(k)).collect::<Option<_>>()?;
        rows.iter().all(|r| ints(r).is_some()).then_some(rows)
    } else {
        let r = t.row(group)?;
        ints(r).map(|_| vec![r])
    }
}

/// The groups of （七）总计 (GX302) with the rows making up each: （一）…（六）. None when one
/// cannot be read.
pub fn result_groups(t: &Table) -> Option<Vec<(&'static str, Vec<&RowRead>)>> {
    let parts: [(&str, &'static str); 6] = [
        ("r1", "（一）"),
        ("r2", "（二）"),
        ("r3", "（三）"),
        ("r4", "（四）"),
        ("r5", "（五）"),
        ("r6", "（六）"),
    ];
    let mut groups = Vec::new();
    for (id, short) in parts {
        let rows = if id == "r1" || id == "r2" {
            match t.row(id) {
                Some(r) if ints(r).is_some() => vec![r],
                _ => return None,
            }
        } else {
            group_rows(t, id)?
        };
        groups.push((short, rows));
    }
    Some(groups)
}

/// Every identity of rules.md GX301–GX305 that can be checked on the rows the draft has.
pub fn declare(doc: &Document<'_>) -> Vec<Identity> {
    let mut out = Vec::new();
    if let Some(t) = doc.table(TableKind::Requests) {
        requests(t, &mut out);
    }
    if let Some(t) = doc.table(TableKind::Appeals) {
        appeals(t, &mut out);
    }
    out
}

fn cell(row: &'static str, col: usize) -> CellRef {
    CellRef { row, col }
}

fn requests(t: &Table, out: &mut Vec<Identity>) {
    let q = TableKind::Requests;
    // GX301: 一[c] + 二[c] = （七）总计[c] + 四[c], every column.
    if let (Some(new), Some(carry), Some(total), Some(next)) = (
        t.row("new").and_then(ints),
        t.row("carry").and_then(ints),
        t.row("r7").and_then(ints),
        t.row("next").and_then(ints),
    ) {
        let n = new.len().min(carry.len()).min(total.len()).min(next.len());
        for c in 0..n {
            out.push(Identity {
                code: "GX301",
                table: q,
                lhs: vec![cell("new", c), cell("carry", c)],
                rhs: vec![cell("r7", c), cell("next", c)],
                total: cell("next", c),
            });
        }
    }
    // GX302: （七）总计[c] = （一） + （二） + （三）…（六） (their sub-rows where present).
    if let (Some(total), Some(groups)) = (t.row("r7").and_then(ints), result_groups(t)) {
        for c in 0..total.len() {
            out.push(Identity {
                code: "GX302",
                table: q,
                lhs: vec![cell("r7", c)],
                rhs: groups
                    .iter()
                    .flat_map(|(_, rows)| rows.iter().map(move |r| cell(r.id, c)))
                    .collect(),
                total: cell("r7", c),
            });
        }
    }
    // GX303: each row's 总计 = its six applicant columns.
    for row in &t.rows {
        let Some(v) = ints(row) else { continue };
        let Some(tmpl) = templates::template(row.version) else {
            continue;
        };
        if v.len() != tmpl.requests.columns.len() || v.len() < 2 {
            continue;
        }
        let last = v.len() - 1;
        out.push(Identity {
            code: "GX303",
            table: q,
            lhs: vec![cell(row.id, last)],
            rhs: (0..last).map(|c| cell(row.id, c)).collect(),
            total: cell(row.id, last),
        });
    }
    // GX304: a group row that carries numbers = the sum of its sub-rows.
    for g in ["r3", "r4", "r5", "r6"] {
        let Some(grow) = t.row(g) else { continue };
        let Some(gv) = ints(grow) else { continue };
        let kids = children(g);
        let rows: Option<Vec<&RowRead>> = kids.iter().map(|k| t.row(k)).collect();
        let Some(rows) = rows else { continue };
        if rows.iter().any(|r| ints(r).is_none()) {
            continue;
        }
        for c in 0..gv.len() {
            out.push(Identity {
                code: "GX304",
                table: q,
                lhs: vec![cell(grow.id, c)],
                rhs: rows
                    .iter()
                    .filter(|r| c < r.values.len())
                    .map(|r| cell(r.id, c))
                    .collect(),
                total: cell(grow.id, c),
            });
        }
    }
}

fn appeals(t: &Table, out: &mut Vec<Identity>) {
    let Some(row) = t.row("appeals") else { return };
    let Some(v) = ints(row) else { return };
    let Some(tmpl) = templates::template(row.version) else {
        return;
    };
    let n = tmpl.appeals.columns.len();
    if n < 2 || v.len() != n * tmpl.appeals.groups.len() {
        return;
    }
    // GX305: each group: 总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结.
    for k in 0..tmpl.appeals.groups.len() {
        let base = k * n;
        out.push(Identity {
            code: "GX305",
            table: TableKind::Appeals,
            lhs: vec![cell("appeals", base + n - 1)],
            rhs: (base..base + n - 1).map(|c| cell("appeals", c)).collect(),
            total: cell("appeals", base + n - 1),
        });
    }
}

/// A cell's value for the arithmetic: a whole number in a row read whole.
pub fn value(doc: &Document<'_>, table: TableKind, c: CellRef) -> Option<i64> {
    let row = doc.table(table)?.row(c.row)?;
    // As `ints(row)`, without building the row's vector.
    if row.expected == 0 || row.values.len() != row.expected {
        return None;
    }
    let v = row.values.get(c.col)?.value.as_int()?;
    row.values
        .iter()
        .all(|x| x.value.as_int().is_some())
        .then_some(v)
}

/// The cell's span in the text.
pub fn span(doc: &Document<'_>, table: TableKind, c: CellRef) -> Option<Span> {
    Some(
        doc.table(table)?
            .row(c.row)?
            .values
            .get(c.col)?
            .span
            .clone(),
    )
}

/// `Σ lhs - Σ rhs`, when every cell has a value.
pub fn residual(doc: &Document<'_>, i: &Identity) -> Option<i64> {
    let sum = |cells: &[CellRef]| -> Option<i64> {
        cells
            .iter()
            .try_fold(0i64, |acc, &c| acc.checked_add(value(doc, i.table, c)?))
    };
    sum(&i.lhs)?.checked_sub(sum(&i.rhs)?)
}

/// Row and column labels of a cell (by the template its row was read with).
pub fn labels(doc: &Document<'_>, kind: TableKind, c: CellRef) -> (String, String) {
    let version = doc
        .table(kind)
        .and_then(|t| t.row(c.row))
        .map_or(doc.format, |r| r.version);
    let Some(t) = templates::template(version).or(templates::template(Format::V2021)) else {
        return (c.row.to_string(), format!("第{}列", c.col + 1));
    };
    match kind {
        TableKind::Requests => (
            t.requests
                .find(c.row)
                .map(|r| r.label.clone())
                .unwrap_or_else(|| c.row.to_string()),
            t.requests
                .columns
                .get(c.col)
                .cloned()
                .unwrap_or_else(|| format!("第{}列", c.col + 1)),
        ),
        TableKind::Appeals => {
            let n = t.appeals.columns.len().max(1);
            let group = t.appeals.groups.get(c.col / n).cloned().unwrap_or_default();
            let column = t
                .appeals
                .columns
                .get(c.col % n)
                .cloned()
                .unwrap_or_default();
            (group, column)
        }
        TableKind::Active => {
            for b in &t.active.block {
                if let Some(r) = b.rows.iter().find(|r| r.id == c.row) {
                    let column = b
                        .columns
                        .get(c.col)
                        .cloned()
                        .unwrap_or_else(|| format!("第{}列", c.col + 1));
                    return (format!("{}：{}", b.header, r.label), column);
                }
            }
            (c.row.to_string(), format!("第{}列", c.col + 1))
        }
    }
}

/// A cell's place in messages: `表三「一、本年新收政府信息公开申请数量」行「总计」栏`,
/// `表四「行政复议」「总计」栏`.
pub fn place(doc: &Document<'_>, kind: TableKind, c: CellRef) -> String {
    let (row, col) = labels(doc, kind, c);
    match kind {
        TableKind::Requests => format!("表三「{row}」行「{col}」栏"),
        TableKind::Appeals => format!("表四「{row}」「{col}」栏"),
        TableKind::Active => format!("表二「{row}」「{col}」栏"),
    }
}

/// What an identity says, in a few words: `「…」行总计`, `「自然人」列的平衡`.
pub fn short_name(doc: &Document<'_>, i: &Identity) -> String {
    let (row, col) = labels(doc, i.table, i.total);
    match i.code {
        "GX301" => format!("「{col}」列的平衡（第一项加第二项等于第三项总计加第四项）"),
        "GX302" => format!("（七）总计「{col}」栏等于各办理结果之和"),
        "GX303" => format!("「{row}」行总计等于各申请人列之和"),
        "GX304" => format!("「{row}」「{col}」栏等于其子项之和"),
        "GX305" => format!("表四「{row}」总计等于各结果之和"),
        _ => String::new(),
    }
}

/// The formula with the template's labels: `A［自然人］ + B［自然人］ = …`.
pub fn formula(doc: &Document<'_>, i: &Identity) -> String {
    let term = |c: &CellRef| {
        let (row, col) = labels(doc, i.table, *c);
        format!("{row}［{col}］")
    };
    let side = |cells: &[CellRef]| cells.iter().map(term).collect::<Vec<_>>().join(" + ");
    format!("{} = {}", side(&i.lhs), side(&i.rhs))
}

/// The row label of a requests row id, for messages.
pub fn requests_label(t: &Table, id: &str) -> &'static str {
    t.row(id)
        .map(|r| row_label(TableKind::Requests, r))
        .unwrap_or("")
}
