//! Questions about a place in a parsed document (for the language server's hover): which table
//! cell is at an offset, its row and column labels, and every arithmetic identity of
//! rules.md GX301–GX305 it takes part in, with the value it should have.

use crate::diagnostic::Span;
use crate::document::{CellValue, Document, Table, TableKind};
use crate::templates::{self, Template};

/// One cell of an identity: template row id and value-column index.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
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
}

/// How one cell takes part in an identity.
#[derive(Debug, Clone, PartialEq)]
pub struct IdentityUse {
    pub code: &'static str,
    /// `A + B = C + D` with the template's labels.
    pub formula: String,
    /// The value this cell should have for the identity to hold (when every other cell of the
    /// identity is a whole number).
    pub expected: Option<i64>,
    /// The cell's own value, when it is a whole number.
    pub actual: Option<i64>,
}

/// What the document knows about the cell at an offset.
#[derive(Debug, Clone)]
pub struct CellInfo {
    pub span: Span,
    pub table: TableKind,
    pub row: &'static str,
    pub row_label: String,
    pub column_label: String,
    pub value: CellValue,
    pub identities: Vec<IdentityUse>,
}

/// Column index of 总计 in table 三's value columns.
fn requests_total_col(t: &Template) -> Option<usize> {
    t.requests.columns.iter().position(|c| c == "总计")
}

/// Whether a requests row lies under 三、本年度办理结果 (its parent chain reaches `results`).
fn under_results(t: &Template, id: &str) -> bool {
    let mut cur = t.requests.find(id).and_then(|r| r.parent.as_deref());
    let mut guard = 0;
    while let Some(p) = cur {
        if p == "results" {
            return true;
        }
        guard += 1;
        if guard > 8 {
            break;
        }
        cur = t.requests.find(p).and_then(|r| r.parent.as_deref());
    }
    false
}

/// The identities of rules.md GX301–GX305 for a document's format, over the rows the draft
/// has (group rows of GX304 only when the draft's group row carries numbers).
pub fn identities(doc: &Document<'_>) -> Vec<Identity> {
    let Some(t) = templates::template(doc.format) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let id = |s: &str| -> Option<&'static str> { t.requests.find(s).map(|r| r.id.as_str()) };
    if let (Some(table), Some(total)) = (doc.table(TableKind::Requests), requests_total_col(t)) {
        let ncols = t.requests.columns.len();
        let leaves: Vec<&'static str> = t
            .requests
            .row
            .iter()
            .filter(|r| r.values && r.id != "r7" && under_results(t, &r.id))
            .map(|r| r.id.as_str())
            .collect();
        if let (Some(new), Some(carry), Some(r7), Some(next)) =
            (id("new"), id("carry"), id("r7"), id("next"))
        {
            for c in 0..ncols {
                // GX301: 一 + 二 = （七）总计 + 四
                out.push(Identity {
                    code: "GX301",
                    table: TableKind::Requests,
                    lhs: vec![CellRef { row: new, col: c }, CellRef { row: carry, col: c }],
                    rhs: vec![CellRef { row: r7, col: c }, CellRef { row: next, col: c }],
                });
                // GX302: （七）总计 = every result leaf
                out.push(Identity {
                    code: "GX302",
                    table: TableKind::Requests,
                    lhs: vec![CellRef { row: r7, col: c }],
                    rhs: leaves.iter().map(|&row| CellRef { row, col: c }).collect(),
                });
            }
        }
        // GX303: each row's 总计 = the six applicant columns
        for r in t.requests.row.iter().filter(|r| r.values) {
            out.push(Identity {
                code: "GX303",
                table: TableKind::Requests,
                lhs: vec![CellRef {
                    row: r.id.as_str(),
                    col: total,
                }],
                rhs: (0..ncols)
                    .filter(|&c| c != total)
                    .map(|col| CellRef {
                        row: r.id.as_str(),
                        col,
                    })
                    .collect(),
            });
        }
        // GX304: a group row that carries numbers = the sum of its sub-rows
        for g in t
            .requests
            .row
            .iter()
            .filter(|r| !r.values && r.parent.as_deref() == Some("results"))
        {
            let carries = table
                .row(&g.id)
                .is_some_and(|row| row.values.iter().any(|v| v.value.as_int().is_some()));
            if !carries {
                continue;
            }
            let subs: Vec<&'static str> = t
                .requests
                .row
                .iter()
                .filter(|r| r.parent.as_deref() == Some(g.id.as_str()))
                .map(|r| r.id.as_str())
                .collect();
            for c in 0..ncols {
                out.push(Identity {
                    code: "GX304",
                    table: TableKind::Requests,
                    lhs: vec![CellRef {
                        row: g.id.as_str(),
                        col: c,
                    }],
                    rhs: subs.iter().map(|&row| CellRef { row, col: c }).collect(),
                });
            }
        }
    }
    // GX305: each group of table 四: 总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结
    if doc.table(TableKind::Appeals).is_some() {
        let cols = t.appeals.columns.len();
        if let Some(total) = t.appeals.columns.iter().position(|c| c == "总计") {
            for g in 0..t.appeals.groups.len() {
                out.push(Identity {
                    code: "GX305",
                    table: TableKind::Appeals,
                    lhs: vec![CellRef {
                        row: "appeals",
                        col: g * cols + total,
                    }],
                    rhs: (0..cols)
                        .filter(|&c| c != total)
                        .map(|c| CellRef {
                            row: "appeals",
                            col: g * cols + c,
                        })
                        .collect(),
                });
            }
        }
    }
    out
}

fn value_of(table: &Table, r: CellRef) -> Option<i64> {
    table.row(r.row)?.values.get(r.col)?.value.as_int()
}

/// Row and column labels of a cell by the template.
fn labels(t: &Template, kind: TableKind, row: &str, col: usize) -> (String, String) {
    match kind {
        TableKind::Requests => (
            t.requests
                .find(row)
                .map(|r| r.label.clone())
                .unwrap_or_else(|| row.to_string()),
            t.requests
                .columns
                .get(col)
                .cloned()
                .unwrap_or_else(|| format!("第{}列", col + 1)),
        ),
        TableKind::Appeals => {
            let n = t.appeals.columns.len().max(1);
            let group = t.appeals.groups.get(col / n).cloned().unwrap_or_default();
            let column = t.appeals.columns.get(col % n).cloned().unwrap_or_default();
            (group, column)
        }
        TableKind::Active => {
            for b in &t.active.block {
                if let Some(r) = b.rows.iter().find(|r| r.id == row) {
                    let column = b
                        .columns
                        .get(col)
                        .cloned()
                        .unwrap_or_else(|| format!("第{}列", col + 1));
                    return (format!("{}：{}", b.header, r.label), column);
                }
            }
            (row.to_string(), format!("第{}列", col + 1))
        }
    }
}

fn term(t: &Template, kind: TableKind, r: CellRef) -> String {
    let (row, col) = labels(t, kind, r.row, r.col);
    format!("{row}［{col}］")
}

/// The table cell at `offset` (inside the cell or just after it), with its labels and the
/// identities it takes part in.
pub fn cell_at(doc: &Document<'_>, offset: usize) -> Option<CellInfo> {
    let t = templates::template(doc.format)?;
    for table in &doc.tables {
        if offset < table.span.start || offset > table.span.end {
            continue;
        }
        for row in &table.rows {
            for (col, cell) in row.values.iter().enumerate() {
                if cell.span.start <= offset && offset <= cell.span.end {
                    let (row_label, column_label) = labels(t, table.kind, row.id, col);
                    let here = CellRef { row: row.id, col };
                    let identities = identities(doc)
                        .into_iter()
                        .filter(|i| i.table == table.kind)
                        .filter_map(|i| use_of(t, table, &i, here))
                        .collect();
                    return Some(CellInfo {
                        span: cell.span.clone(),
                        table: table.kind,
                        row: row.id,
                        row_label,
                        column_label,
                        value: cell.value.clone(),
                        identities,
                    });
                }
            }
        }
    }
    None
}

fn use_of(t: &Template, table: &Table, i: &Identity, here: CellRef) -> Option<IdentityUse> {
    let on_left = i.lhs.contains(&here);
    if !on_left && !i.rhs.contains(&here) {
        return None;
    }
    let (own, other) = if on_left {
        (&i.lhs, &i.rhs)
    } else {
        (&i.rhs, &i.lhs)
    };
    let sum = |cells: &[CellRef]| -> Option<i64> {
        cells
            .iter()
            .try_fold(0i64, |acc, &c| acc.checked_add(value_of(table, c)?))
    };
    let others: Vec<CellRef> = own.iter().copied().filter(|&c| c != here).collect();
    let expected = match (sum(other), sum(&others)) {
        (Some(a), Some(b)) => a.checked_sub(b),
        _ => None,
    };
    let side = |cells: &[CellRef]| -> String {
        cells
            .iter()
            .map(|&c| term(t, i.table, c))
            .collect::<Vec<_>>()
            .join(" + ")
    };
    Some(IdentityUse {
        code: i.code,
        formula: format!("{} = {}", side(&i.lhs), side(&i.rhs)),
        expected,
        actual: value_of(table, here),
    })
}
