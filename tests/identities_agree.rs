//! The arithmetic identities are declared once (`gxlint::identities`) and used by the rules
//! GX300–GX305 and by hover (`gxlint::query`). This test checks that what is reported matches: on clean drafts of both formats, bump each value cell of tables 三 and 四 by one
//! and check that the rules report exactly the identities the query says are broken.

use std::collections::BTreeSet;

use gxlint::config::Settings;
use gxlint::document::{Document, TableKind};
use gxlint::query::{self, CellRef};

fn value(doc: &Document, kind: TableKind, c: CellRef) -> Option<i64> {
    doc.table(kind)?
        .row(c.row)?
        .values
        .get(c.col)?
        .value
        .as_int()
}

fn broken(doc: &Document) -> BTreeSet<&'static str> {
    let mut out = BTreeSet::new();
    for i in query::identities(doc) {
        let sum = |cells: &[CellRef]| -> Option<i64> {
            cells.iter().map(|&c| value(doc, i.table, c)).sum()
        };
        if let (Some(l), Some(r)) = (sum(&i.lhs), sum(&i.rhs))
            && l != r
        {
            out.insert(i.code);
        }
    }
    out
}

fn agree_on(file: &str) {
    let path = format!("{}/tests/fixtures/clean/{file}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).expect("fixture");
    let settings = Settings::default();
    let doc = Document::parse(&text, &settings.parse_options());
    assert!(
        broken(&doc).is_empty(),
        "{file}: clean draft has a broken identity"
    );
    let mut checked = 0;
    for kind in [TableKind::Requests, TableKind::Appeals] {
        let table = doc.table(kind).expect("table read");
        for row in &table.rows {
            // The first, a middle and the last column of each row: every identity shape.
            let n = row.values.len();
            for (col, cell) in row.values.iter().enumerate() {
                if n > 3 && col != 0 && col != n / 2 && col != n - 1 {
                    continue;
                }
                let Some(v) = cell.value.as_int() else {
                    continue;
                };
                let mut edited = text.clone();
                edited.replace_range(cell.span.clone(), &(v + 1).to_string());
                let d2 = Document::parse(&edited, &settings.parse_options());
                let want = broken(&d2);
                // Every broken identity is reported: by its rule, or named by the one GX300
                // finding at the bumped cell.
                let diags = gxlint::lint(&d2, &settings);
                let mut got: BTreeSet<&'static str> = BTreeSet::new();
                for d in diags.iter().filter(|d| d.code.starts_with("GX3")) {
                    if d.code == "GX300" {
                        assert_eq!(d.span.start, cell.span.start, "{file}: GX300 at the cell");
                        for code in ["GX301", "GX302", "GX303", "GX304", "GX305"] {
                            if d.message.contains(code) {
                                got.insert(code);
                            }
                        }
                    } else {
                        got.insert(d.code);
                    }
                }
                assert_eq!(got, want, "{file}: {} column {col} bumped", row.id);
                checked += 1;
            }
        }
    }
    assert!(checked > 70, "{file}: only {checked} cells perturbed");
}

#[test]
fn rules_and_query_agree_on_the_2021_format() {
    agree_on("2024_markdown.md");
}

#[test]
fn rules_and_query_agree_on_the_2019_format() {
    agree_on("2020_pipe.txt");
}
