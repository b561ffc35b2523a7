//! GX300 mistyped-figure: 表三、表四：一个数字同时破坏了几条勾稽关系，改正这一格即可全部成立.
//!
//! The solver (`crate::solver`) treats the identities of GX301–GX305 and the prose figures of
//! GX601–GX603 as one system. When changing one cell would make every broken identity it takes
//! part in hold (and agree with the prose), that cell is reported here, once, naming every
//! identity it breaks, with the value restoring them and an unsafe fix; the identities it
//! explains are not reported by GX301–GX305, nor the prose figures agreeing with it by GX6xx.

use crate::document::TableKind;
use crate::identities::{self, CellRef, Identity};
use crate::rules::prelude::*;
use crate::solver::Culprit;

declare_rule!(
    "GX300",
    "mistyped-figure",
    Error,
    "表三、表四：一个数字破坏了它所在的勾稽关系，改正这一格即可全部成立"
);

/// `（七）总计 20 = （一）予以公开 7 + … ` with the culprit's value set to `expected`.
fn equation(doc: &Document, i: &Identity, culprit: &Culprit) -> String {
    let value = |c: CellRef| -> i64 {
        if c == culprit.cell {
            culprit.expected
        } else {
            identities::value(doc, i.table, c).unwrap_or(0)
        }
    };
    // Cells in the row of the total are named by their column, others by their row.
    let name = |c: CellRef| {
        let (row, col) = identities::labels(doc, i.table, c);
        if i.code == "GX301" {
            row
        } else if i.table == TableKind::Appeals || c.row == i.total.row {
            col
        } else if i.code == "GX302" || i.code == "GX304" || c.col == i.total.col {
            row
        } else {
            format!("{row}［{col}］")
        }
    };
    let side = |cells: &[CellRef]| {
        let mut terms = Vec::new();
        let mut zeros = 0;
        for &c in cells {
            let v = value(c);
            if v == 0 && cells.len() > 4 && c != culprit.cell {
                zeros += 1;
            } else {
                terms.push(format!("{} {v}", name(c)));
            }
        }
        let mut s = terms.join(" + ");
        if zeros > 0 {
            if s.is_empty() {
                s.push_str("各项均为 0");
            } else {
                s.push_str("（其余为 0）");
            }
        }
        s
    };
    format!("{} = {}", side(&i.lhs), side(&i.rhs))
}

fn check(cx: &mut Checker) {
    let sol = cx.solution();
    let doc = cx.doc;
    for c in &sol.culprits {
        let broken: Vec<String> = c
            .identities
            .iter()
            .map(|&i| {
                let id = &sol.identities[i];
                format!(
                    "{} {}（{}）",
                    id.code,
                    identities::short_name(doc, id),
                    equation(doc, id, c)
                )
            })
            .collect();
        let mut message = format!(
            "{}应为 {}，实为 {}：这一格使 {} 条勾稽关系不成立，改为 {} 后全部成立：{}",
            identities::place(doc, c.table, c.cell),
            c.expected,
            c.actual,
            broken.len(),
            c.expected,
            broken.join("；")
        );
        let prose: Vec<String> = c
            .facts
            .iter()
            .map(|&f| format!("“{}”", doc.slice(&sol.facts[f].span)))
            .collect();
        if !prose.is_empty() {
            message.push_str(&format!("；正文所述 {} 与此一致", prose.join("、")));
        }
        let d = cx.report(c.span.clone(), message);
        d.with_expected(c.expected.to_string());
        for &f in &c.facts {
            d.with_related(
                sol.facts[f].span.clone(),
                format!("正文所述数字，与应有值 {} 一致", c.expected),
            );
        }
        d.with_fix(Fix::unsafe_(
            format!("将本格改为 {}", c.expected),
            vec![Edit::replace(c.span.clone(), c.expected.to_string())],
        ));
    }
}
