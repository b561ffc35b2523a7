//! One finding per mistake (issue 8): on the generated drafts of tests/fixtures/tables (every
//! table form, with and without numbers on group rows), every single mistyped cell of tables 三
//! and 四 gives exactly one arithmetic finding, at that cell, with a fix restoring the value.
//! The exception is an addend of table 四: its group's 总计 is the only other identity cell,
//! so the total and each addend explain the broken sum equally; that gives one GX305 at the
//! group's total (the identity as it is), never a finding at a correct cell of table 三.

#[path = "fixtures/tables/support.rs"]
mod support;

use gxlint::diagnostic::{Applicability, Diagnostic};
use gxlint::document::TableKind;
use gxlint::fix::apply_edits;
use support::*;

fn arith(d: Vec<Diagnostic>) -> Vec<Diagnostic> {
    d.into_iter()
        .filter(|d| d.code.starts_with("GX3"))
        .collect()
}

fn restores(text: &str, clean: &str, d: &Diagnostic, value: &str) {
    assert_eq!(d.expected.as_deref(), Some(value));
    let f = &d.fixes[0];
    assert_eq!(f.applicability, Applicability::Unsafe);
    assert_eq!(apply_edits(text, &f.edits).unwrap(), clean);
}

#[test]
fn every_single_mistyped_cell_gives_one_finding_at_it() {
    let mut checked = 0;
    for (name, _) in FORMS.iter().chain(GROUP_FORMS.iter()) {
        let clean = fixture(name);
        assert!(arith(table_diags_of(&clean, 2021)).is_empty(), "{name}");
        let doc = parse(&clean, &settings(2021));
        for kind in [TableKind::Requests, TableKind::Appeals] {
            let t = doc.table(kind).unwrap();
            for row in t.rows.iter().filter(|r| r.expected > 0) {
                for (col, cell) in row.values.iter().enumerate() {
                    let v = cell.value.as_int().unwrap();
                    for by in [1, -1] {
                        if v + by < 0 {
                            continue;
                        }
                        let text = replace(&clean, cell.span.clone(), &(v + by).to_string());
                        let d = arith(table_diags_of(&text, 2021));
                        let what = format!("{name}: {} col {col} {v}→{}", row.id, v + by);
                        assert_eq!(d.len(), 1, "{what}\n{}", dump(&text, &d));
                        let total_of_group = kind == TableKind::Appeals && col % 5 != 4;
                        if total_of_group {
                            assert_eq!(d[0].code, "GX305", "{what}");
                            let total = cell_span(&text, 2021, kind, "appeals", col / 5 * 5 + 4);
                            assert_eq!(d[0].span, total, "{what}");
                        } else {
                            assert_eq!(
                                d[0].span.start,
                                cell.span.start,
                                "{what}\n{}",
                                dump(&text, &d)
                            );
                            restores(&text, &clean, &d[0], &v.to_string());
                        }
                        checked += 1;
                    }
                }
            }
        }
    }
    assert!(checked > 1000, "{checked}");
}

#[test]
fn two_independent_mistakes_give_two_findings() {
    for (name, _) in FORMS {
        let clean = fixture(name);
        let q = TableKind::Requests;
        // 一 自然人 and 结转下年度 总计 share no identity; nor do table 三 and table 四.
        let new0 = cell_span(&clean, 2021, q, "new", 0);
        let v: i64 = clean[new0.clone()].parse().unwrap();
        let t = set_cells(
            &clean,
            2021,
            q,
            &[("new", 0, &(v + 2).to_string()), ("r3.4", 6, "9")],
        );
        let d = arith(table_diags_of(&t, 2021));
        assert_eq!(codes(&d), ["GX300", "GX300"], "{name}\n{}", dump(&t, &d));
        assert_eq!(d[0].span, cell_span(&t, 2021, q, "new", 0));
        assert_eq!(d[0].expected, Some(v.to_string()));
        assert_eq!(d[1].span, cell_span(&t, 2021, q, "r3.4", 6));
        let edits: Vec<_> = d.iter().flat_map(|x| x.fixes[0].edits.clone()).collect();
        assert_eq!(apply_edits(&t, &edits).unwrap(), clean, "{name}");

        let total = cell_span(&t, 2021, TableKind::Appeals, "appeals", 4);
        let w: i64 = t[total.clone()].parse().unwrap();
        let t2 = replace(&t, total.clone(), &(w + 3).to_string());
        let d = arith(table_diags_of(&t2, 2021));
        // The table-四 total alone: a GX305 at it (its addends could be the mistake too).
        assert_eq!(d.len(), 3, "{name}\n{}", dump(&t2, &d));
        assert!(d.iter().any(|x| x.span.start == total.start));
    }
}

/// examples/draft-2024.md: the only mistake is 一 总计 typed as 7 (its cells add up to 6; the
/// prose says 6). One arithmetic finding, at the 7 of line 49; nothing blames the prose or a
/// correct cell; hover on a correct cell does not tell it to change.
#[test]
fn the_example_draft_gives_one_finding_at_the_seven() {
    use gxlint::query::{self, Status};
    let text = include_str!("../examples/draft-2024.md");
    let s = gxlint::config::Settings::default();
    let d = gxlint::check(text, &s).diagnostics;
    let mut codes: Vec<&str> = d.iter().map(|d| d.code).collect();
    codes.sort();
    assert_eq!(codes, ["GX300", "GX501", "GX503", "GX503"], "{d:#?}");
    let root = &d.iter().find(|d| d.code == "GX300").unwrap();
    let doc = gxlint::document::Document::parse(text, &s.parse_options());
    assert_eq!(doc.lines.line_of(root.span.start) + 1, 49);
    assert_eq!(&text[root.span.clone()], "7");
    assert_eq!(root.expected.as_deref(), Some("6"));
    assert!(root.message.contains("GX301") && root.message.contains("GX303"));
    restores(
        text,
        &text.replace(
            "| 一、本年新收政府信息公开申请数量 | 5 | 1 | 0 | 0 | 0 | 0 | 7 |",
            "| 一、本年新收政府信息公开申请数量 | 5 | 1 | 0 | 0 | 0 | 0 | 6 |",
        ),
        root,
        "6",
    );
    // Hover on the 7: it should be 6. On 结转下年度 总计 (correct): nothing to change.
    let info = query::cell_at(&doc, root.span.start).unwrap();
    assert!(
        info.identities
            .iter()
            .any(|u| u.status == Status::ThisCell { expected: 6 })
    );
    let t = doc.table(TableKind::Requests).unwrap();
    let next = t.row("next").unwrap().values[6].span.clone();
    let info = query::cell_at(&doc, next.start).unwrap();
    assert!(!info.identities.is_empty());
    for u in &info.identities {
        assert!(
            !matches!(u.status, Status::ThisCell { .. } | Status::Broken { .. }),
            "{u:?}"
        );
    }
}
