//! Questions about a place in a parsed document (for the language server's hover): which table
//! cell is at an offset, its row and column labels, and every arithmetic identity it takes part
//! in (declared once in `crate::identities`), with what the solver (`crate::solver`) says about
//! it: a cell is told the value it should have only when it is the one mistyped cell.

use crate::diagnostic::Span;
use crate::document::{CellValue, Document, TableKind};
use crate::solver::Solution;

pub use crate::identities::{CellRef, Identity};

/// The identities of rules.md GX301–GX305 that can be checked on the draft's rows.
pub fn identities(doc: &Document<'_>) -> Vec<Identity> {
    crate::identities::declare(doc)
}

/// The state of an identity at a cell.
#[derive(Debug, Clone, PartialEq)]
pub enum Status {
    /// Every cell is a whole number and the identity holds.
    Holds,
    /// Broken because of this cell: it should be `expected`.
    ThisCell { expected: i64 },
    /// Broken because of another cell (`place`), which should be `expected`.
    OtherCell { place: String, expected: i64 },
    /// Broken, and no single cell explains it: `lhs` ≠ `rhs`.
    Broken { lhs: i64, rhs: i64 },
    /// A cell of the identity is not a whole number.
    Unknown,
}

/// How one cell takes part in an identity.
#[derive(Debug, Clone, PartialEq)]
pub struct IdentityUse {
    pub code: &'static str,
    /// `A + B = C + D` with the template's labels.
    pub formula: String,
    pub status: Status,
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

/// The table cell at `offset` (inside the cell or just after it), with its labels and the
/// identities it takes part in.
pub fn cell_at(doc: &Document<'_>, offset: usize) -> Option<CellInfo> {
    for table in &doc.tables {
        if offset < table.span.start || offset > table.span.end {
            continue;
        }
        for row in &table.rows {
            for (col, cell) in row.values.iter().enumerate() {
                if cell.span.start <= offset && offset <= cell.span.end {
                    let here = CellRef { row: row.id, col };
                    let (row_label, column_label) =
                        crate::identities::labels(doc, table.kind, here);
                    let sol = crate::solver::solve(doc);
                    let identities = (0..sol.identities.len())
                        .filter(|&i| sol.identities[i].table == table.kind)
                        .filter_map(|i| use_of(doc, &sol, i, here))
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

fn use_of(doc: &Document<'_>, sol: &Solution, i: usize, here: CellRef) -> Option<IdentityUse> {
    let id = &sol.identities[i];
    if id.coef(here) == 0 {
        return None;
    }
    let sum = |cells: &[CellRef]| -> Option<i64> {
        cells.iter().try_fold(0i64, |acc, &c| {
            acc.checked_add(crate::identities::value(doc, id.table, c)?)
        })
    };
    let status = match (sol.residuals[i], sol.identity_culprit[i]) {
        (None, _) => Status::Unknown,
        (Some(0), _) => Status::Holds,
        (Some(_), Some(k)) => {
            let c = &sol.culprits[k];
            if c.cell == here {
                Status::ThisCell {
                    expected: c.expected,
                }
            } else {
                Status::OtherCell {
                    place: crate::identities::place(doc, c.table, c.cell),
                    expected: c.expected,
                }
            }
        }
        (Some(_), None) => Status::Broken {
            lhs: sum(&id.lhs).unwrap_or(0),
            rhs: sum(&id.rhs).unwrap_or(0),
        },
    };
    Some(IdentityUse {
        code: id.code,
        formula: crate::identities::formula(doc, id),
        status,
        actual: crate::identities::value(doc, id.table, here),
    })
}
