//! The corpus test: every seed in ../shared/seeds gives exactly its expected findings.

mod common;

use std::collections::BTreeMap;

use gxlint::config::Settings;
use gxlint::document::{CellValue, Document, Format, TableKind};

fn codes(text: &str) -> BTreeMap<&'static str, usize> {
    let mut m = BTreeMap::new();
    for d in gxlint::check(text, &Settings::default()).diagnostics {
        *m.entry(d.code).or_insert(0) += 1;
    }
    m
}

fn expect(text: &str, want: &[(&str, usize)]) {
    let got = codes(text);
    let want: BTreeMap<&str, usize> = want.iter().copied().collect();
    let got_s: BTreeMap<&str, usize> = got.iter().map(|(k, v)| (*k, *v)).collect();
    assert_eq!(got_s, want, "diagnostic codes (code → count)");
}

/// Every value row of a table read as the expected number of integers, all `value`.
fn all_values(doc: &Document, kind: TableKind, rows: usize, cols: usize, value: i64) {
    let t = doc
        .table(kind)
        .unwrap_or_else(|| panic!("table {kind:?} read"));
    let value_rows: Vec<_> = t.rows.iter().filter(|r| r.expected > 0).collect();
    assert_eq!(value_rows.len(), rows, "{kind:?}: value rows read");
    for r in value_rows {
        assert_eq!(r.values.len(), cols, "{kind:?} row {} cells", r.id);
        for c in &r.values {
            assert_eq!(
                c.value,
                CellValue::Number(value as f64),
                "{kind:?} row {}",
                r.id
            );
            assert_eq!(doc.slice(&c.span).trim(), value.to_string());
        }
    }
}

#[test]
fn seed_000_2021_report_on_the_2019_template() {
    let text = common::seed("000");
    let s = Settings::default();
    let doc = Document::parse(&text, &s.parse_options());
    assert_eq!(doc.year, Some(2021));
    assert_eq!(doc.format, Format::V2021);
    assert_eq!(doc.sections.len(), 6);
    // Table 三 is the 2019 form: 23 value rows (（六） a single row), table 四 15 values.
    all_values(&doc, TableKind::Requests, 23, 7, 0);
    all_values(&doc, TableKind::Appeals, 1, 15, 0);
    expect(
        &text,
        &[
            ("GX106", 1), // 六 says nothing about 信息处理费
            ("GX201", 2), // 2019 labels in tables 二 and 三
            ("GX503", 4), // 浏览量:次, 字体:, 相关阅读:, 扫一扫…
            ("GX504", 1), // 365体育官网
            ("GX505", 2), // ?????? runs
        ],
    );
    let d = gxlint::check(&text, &s).diagnostics;
    let spam = d.iter().find(|d| d.code == "GX504").unwrap();
    assert_eq!(&text[spam.span.clone()], "365体育官网");
}

#[test]
fn seed_001_correct_2024_report_only_web_residue() {
    let text = common::seed("001");
    let doc = Document::parse(&text, &Settings::default().parse_options());
    assert_eq!(doc.year, Some(2024));
    all_values(&doc, TableKind::Requests, 25, 7, 0);
    all_values(&doc, TableKind::Appeals, 1, 15, 0);
    let d = gxlint::check(&text, &Settings::default()).diagnostics;
    assert!(d.iter().all(|d| d.code == "GX503"), "{d:#?}");
    assert!(
        !d.iter()
            .any(|d| d.severity == gxlint::diagnostic::Severity::Error)
    );
    expect(&text, &[("GX503", 8)]);
}

#[test]
fn seed_002_pre_2019_broken_period_and_nothing_about_2019_sections() {
    let text = common::seed("002");
    let doc = Document::parse(&text, &Settings::default().parse_options());
    assert_eq!(doc.year, Some(2013));
    assert_eq!(doc.format, Format::Pre2019);
    expect(&text, &[("GX403", 1), ("GX503", 3)]);
}

#[test]
fn seed_003_pipe_rows_no_period_statement() {
    let text = common::seed("003");
    let doc = Document::parse(&text, &Settings::default().parse_options());
    assert_eq!(doc.year, Some(2021));
    // 25 value rows x 7 in the 2021 template (the group rows carry no numbers).
    all_values(&doc, TableKind::Requests, 25, 7, 0);
    all_values(&doc, TableKind::Appeals, 1, 15, 0);
    expect(&text, &[("GX106", 1), ("GX402", 1)]);
}

#[test]
fn seed_004_2019_format_with_label_variants_and_blank_cells() {
    let text = common::seed("004");
    let doc = Document::parse(&text, &Settings::default().parse_options());
    assert_eq!(doc.year, Some(2020));
    assert_eq!(doc.format, Format::V2019);
    let d = gxlint::check(&text, &Settings::default()).diagnostics;
    let variants: Vec<&str> = d
        .iter()
        .filter(|d| d.code == "GX204")
        .map(|d| &text[d.span.clone()])
        .collect();
    for v in [
        "合计",
        "结果维护",
        "信访投诉举报类申请",
        "只记这一情形，不记其他情形",
        "规范性文件（本单位制发的）",
    ] {
        assert!(
            variants.iter().any(|s| s.contains(v)),
            "GX204 on {v}: {variants:?}"
        );
    }
    assert_eq!(
        variants.iter().filter(|s| s.contains("结果维护")).count(),
        3
    );
    expect(
        &text,
        // Issue 8: the lost column of table 三 (21 rows of 5 cells) is one GX205 and its 23
        // blank cells one GX206 (each cell as related information), not 21 + 23 findings.
        &[("GX204", 9), ("GX205", 1), ("GX206", 1), ("GX503", 1)],
    );
}

#[test]
fn every_seed_checks_without_panicking_and_sorted() {
    for (name, text) in common::all_seeds() {
        let d = gxlint::check(&text, &Settings::default()).diagnostics;
        for w in d.windows(2) {
            assert!(w[0].span.start <= w[1].span.start, "{name}: sorted");
        }
        for x in &d {
            assert!(text.is_char_boundary(x.span.start) && text.is_char_boundary(x.span.end));
            assert!(!x.message.is_empty());
        }
    }
}
