//! The table reader on the seeds and on one table written in all four forms.

#[path = "fixtures/tables/support.rs"]
mod support;

use gxlint::document::{CellValue, TableKind};
use support::*;

#[test]
fn debug_dump() {
    for (p, y) in [("000", 2021), ("001", 2024), ("003", 2021), ("004", 2020)] {
        let text = seed(p);
        let s = settings(y);
        let doc = parse(&text, &s);
        println!(
            "=== {p} sections {:?}",
            doc.sections.iter().map(|s| s.number).collect::<Vec<_>>()
        );
        for t in &doc.tables {
            println!(
                "-- {:?} {:?} span {:?} missing {:?} foreign {:?}",
                t.kind,
                t.form,
                t.span,
                t.missing,
                t.foreign
                    .iter()
                    .map(|f| (&text[f.span.clone()], f.label))
                    .collect::<Vec<_>>()
            );
            println!(
                "   variants {:?}",
                t.variants
                    .iter()
                    .map(|v| (&text[v.span.clone()], v.canonical))
                    .collect::<Vec<_>>()
            );
            for r in &t.rows {
                let vals: Vec<String> = r
                    .values
                    .iter()
                    .map(|c| match &c.value {
                        CellValue::Number(n) => n.to_string(),
                        v => format!("{v:?}"),
                    })
                    .collect();
                println!(
                    "   {} [{}] exp {} {:?} {:?}",
                    r.id,
                    &text[r.label.clone()],
                    r.expected,
                    r.version,
                    vals
                );
            }
        }
        print!("{}", dump(&text, &table_diags(gxlint::lint(&doc, &s))));
    }
    let _ = TableKind::Active;
}
