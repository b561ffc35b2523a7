//! The table reader: one consistent 2021 report written in all four forms reads to the same
//! values; the seeds read as they should.

#[path = "fixtures/tables/support.rs"]
mod support;

use gxlint::document::{CellValue, Document, Format, TableForm, TableKind, tables};
use support::*;

/// (table, row id, values as written) for every row read.
fn readout(doc: &Document) -> Vec<(TableKind, &'static str, Vec<String>)> {
    let mut out = Vec::new();
    for t in &doc.tables {
        for r in &t.rows {
            let vals = r
                .values
                .iter()
                .map(|c| match c.value {
                    CellValue::Number(v) => format!("{v}"),
                    ref other => format!("{other:?}"),
                })
                .collect();
            out.push((t.kind, r.id, vals));
        }
    }
    out
}

#[test]
fn four_forms_read_the_same_values() {
    let mut reference: Option<Vec<(TableKind, &'static str, Vec<String>)>> = None;
    for (name, form) in FORMS {
        let text = fixture(name);
        let s = settings(2021);
        let doc = parse(&text, &s);
        assert_eq!(doc.tables.len(), 3, "{name}: three tables");
        for t in &doc.tables {
            assert_eq!(t.form, form, "{name}: form of {:?}", t.kind);
            assert!(t.missing.is_empty(), "{name}: missing {:?}", t.missing);
            assert!(t.foreign.is_empty(), "{name}: foreign");
            assert!(t.variants.is_empty(), "{name}: variants");
        }
        let requests = doc.table(TableKind::Requests).unwrap();
        let value_rows = requests.rows.iter().filter(|r| r.expected == 7).count();
        assert_eq!(value_rows, 25, "{name}: 25 value rows in table 三");
        assert_eq!(requests.row("r7").unwrap().values.len(), 7);
        let r7: Vec<i64> = requests
            .row("r7")
            .unwrap()
            .values
            .iter()
            .map(|c| c.value.as_int().unwrap())
            .collect();
        assert_eq!(r7, [10, 2, 1, 0, 1, 1, 15], "{name}");
        let appeals = doc
            .table(TableKind::Appeals)
            .unwrap()
            .row("appeals")
            .unwrap();
        assert_eq!(appeals.values.len(), 15, "{name}");
        let active = doc.table(TableKind::Active).unwrap();
        assert_eq!(
            active.row("a8.fee").unwrap().values[0].value,
            CellValue::Number(1.5)
        );
        // Every value span holds exactly the number.
        for t in &doc.tables {
            for r in &t.rows {
                for c in &r.values {
                    if let CellValue::Number(v) = c.value {
                        assert_eq!(text[c.span.clone()].parse::<f64>().ok(), Some(v), "{name}");
                    }
                }
            }
        }
        let got = readout(&doc);
        match &reference {
            None => reference = Some(got),
            Some(r) => assert_eq!(&got, r, "{name} reads differently from markdown"),
        }
        let diags = table_diags(gxlint::lint(&doc, &s));
        assert!(diags.is_empty(), "{name}:\n{}", dump(&text, &diags));
    }
}

#[test]
fn label_spans_are_exact_in_every_form() {
    for (name, _) in FORMS {
        let text = fixture(name);
        let doc = parse(&text, &settings(2021));
        let t = doc.table(TableKind::Requests).unwrap();
        assert_eq!(
            &text[t.row("r3.3").unwrap().label.clone()],
            "3.危及“三安全一稳定”",
            "{name}"
        );
        assert_eq!(
            &text[t.row("r3.1").unwrap().label.clone()],
            "1.属于国家秘密",
            "{name}"
        );
        assert_eq!(
            &text[t.row("r7").unwrap().label.clone()],
            "（七）总计",
            "{name}"
        );
        let a = doc.table(TableKind::Active).unwrap();
        assert_eq!(
            &text[a.row("a1.docs").unwrap().label.clone()],
            "行政规范性文件",
            "{name}"
        );
    }
}

#[test]
fn seed_000_stale_2019_tables_in_a_2021_report() {
    let text = seed("000");
    let s = settings(2021);
    let doc = parse(&text, &s);
    assert_eq!(doc.format, Format::V2021);
    let active = doc.table(TableKind::Active).expect("table 二");
    assert_eq!(active.form, TableForm::CellPerLine);
    let labels: Vec<&str> = active.foreign.iter().map(|f| f.label).collect();
    for l in [
        "本年新制作数量",
        "规范性文件",
        "其他对外管理服务事项",
        "第二十条第（九）项",
        "本年增/减",
    ] {
        assert!(labels.contains(&l), "foreign {l} in {labels:?}");
    }
    assert!(!labels.contains(&"行政规范性文件"));
    assert_eq!(&text[active.foreign[0].span.clone()], "本年新\n制作数量");
    // 2019 rows read by the 2019 block columns: no cell-count noise.
    assert_eq!(active.row("a5.license").unwrap().values.len(), 3);
    assert_eq!(active.row("a8.fee").unwrap().expected, 2);

    let requests = doc.table(TableKind::Requests).expect("table 三");
    let value_rows: Vec<_> = requests.rows.iter().filter(|r| r.expected == 7).collect();
    assert_eq!(
        value_rows.len(),
        23,
        "2019 form: 23 value rows (（六） one row)"
    );
    for r in &value_rows {
        assert!(
            r.values.iter().all(|c| c.value == CellValue::Number(0.0)),
            "{}",
            r.id
        );
        assert_eq!(r.values.len(), 7);
    }
    assert_eq!(requests.foreign.len(), 1);
    assert_eq!(&text[requests.foreign[0].span.clone()], "(六)其他处理");
    let appeals = doc
        .table(TableKind::Appeals)
        .unwrap()
        .row("appeals")
        .unwrap();
    assert_eq!(appeals.values.len(), 15);
    assert!(
        appeals
            .values
            .iter()
            .all(|c| c.value == CellValue::Number(0.0))
    );

    let diags = table_diags(gxlint::lint(&doc, &s));
    assert_eq!(codes(&diags), ["GX201", "GX201"], "{}", dump(&text, &diags));
    assert_eq!(at(&text, &diags[0]), "本年新\n制作数量");
    assert!(
        diags[0].message.contains("「其他对外管理服务事项」"),
        "{}",
        diags[0].message
    );
    assert_eq!(at(&text, &diags[1]), "(六)其他处理");
}

#[test]
fn seed_001_clean() {
    let text = seed("001");
    let s = settings(2024);
    let doc = parse(&text, &s);
    assert_eq!(doc.tables.len(), 3);
    let r = doc.table(TableKind::Requests).unwrap();
    assert_eq!(r.rows.iter().filter(|r| r.expected == 7).count(), 25);
    let a1 = doc
        .table(TableKind::Active)
        .unwrap()
        .row("a1.docs")
        .unwrap();
    let v: Vec<_> = a1.values.iter().map(|c| c.value.as_int()).collect();
    assert_eq!(v, [Some(1), Some(0), Some(1)]);
    let diags = table_diags(gxlint::lint(&doc, &s));
    assert!(diags.is_empty(), "{}", dump(&text, &diags));
}

#[test]
fn seed_002_pre_2019_reads_no_tables() {
    let text = seed("002");
    let s = settings(2013);
    let doc = parse(&text, &s);
    assert_eq!(doc.format, Format::Pre2019);
    assert!(doc.tables.is_empty());
    assert!(tables::read_tables(&text, &simple_sections(&text), Format::Pre2019).is_empty());
    let diags = table_diags(gxlint::lint(&doc, &s));
    assert!(diags.is_empty(), "{}", dump(&text, &diags));
}

#[test]
fn seed_003_pipe_rows() {
    let text = seed("003");
    let s = settings(2021);
    let doc = parse(&text, &s);
    let r = doc.table(TableKind::Requests).unwrap();
    assert_eq!(r.form, TableForm::Pipe);
    let rows: Vec<_> = r.rows.iter().filter(|r| r.expected == 7).collect();
    // The template has 25 value rows (the spec's "28" counts the group rows).
    assert_eq!(rows.len(), 25);
    for row in rows {
        assert_eq!(row.values.len(), 7, "{}", row.id);
        assert!(row.values.iter().all(|c| c.value == CellValue::Number(0.0)));
    }
    assert_eq!(
        &text[r.row("r3.1").unwrap().label.clone()],
        "1.属于国家秘密"
    );
    assert_eq!(&text[r.row("r3").unwrap().label.clone()], "(三)不予公开");
    let a = doc.table(TableKind::Appeals).unwrap();
    assert_eq!(a.form, TableForm::Pipe);
    let v = &a.row("appeals").unwrap().values;
    assert_eq!(v.len(), 15);
    assert!(
        v.iter()
            .all(|c| c.value == CellValue::Number(0.0) && &text[c.span.clone()] == "0")
    );
    let active = doc.table(TableKind::Active).unwrap();
    assert_eq!(
        active.row("a5.license").unwrap().values.len(),
        1,
        "|| debris is not cells"
    );
    let diags = table_diags(gxlint::lint(&doc, &s));
    assert!(diags.is_empty(), "{}", dump(&text, &diags));
}

#[test]
fn seed_004_tab_paste() {
    let text = seed("004");
    let s = settings(2020);
    let doc = parse(&text, &s);
    assert_eq!(doc.format, Format::V2019);
    for t in &doc.tables {
        assert_eq!(t.form, TableForm::Tab);
        assert!(t.foreign.is_empty());
        assert!(t.missing.is_empty(), "{:?}", t.missing);
    }
    let diags = table_diags(gxlint::lint(&doc, &s));
    let variants: Vec<&str> = of(&diags, "GX204").iter().map(|d| at(&text, d)).collect();
    assert_eq!(
        variants,
        [
            "规范性文件（本单位制发的）",
            "合计",
            "只记这一情形，不记其他情形",
            "信访投诉举报类申请",
            "行政复议\n（因政府信息公开被行政复议）",
            "行政诉讼\n（因政府信息公开被行政诉讼）",
            "结果维护",
            "结果维护",
            "结果维护",
        ]
    );
    let fixes: Vec<&str> = of(&diags, "GX204")
        .iter()
        .map(|d| d.fixes[0].edits[0].new_text.as_str())
        .collect();
    assert_eq!(
        fixes,
        [
            "规范性文件",
            "总计",
            "只计这一情形，不计其他情形",
            "信访举报投诉类申请",
            "行政复议",
            "行政诉讼",
            "结果维持",
            "结果维持",
            "结果维持"
        ]
    );
    // Table 三: 21 results rows with 4 numbers + 1 blank cell, 2 rows with 6 numbers + 1 blank.
    // The 21 short rows are one GX205 listing the other 20 (issue 8: no floods).
    let counts = of(&diags, "GX205");
    assert_eq!(counts.len(), 1, "{}", dump(&text, &diags));
    assert_eq!(at(&text, counts[0]), "（一）予以公开");
    assert!(
        counts[0]
            .message
            .contains("有 21 行各只有 5 个数值单元格，模板要求 7 个")
    );
    assert_eq!(counts[0].related.len(), 20);
    // The 23 blank cells are one GX206 at the first, the others as related information.
    let blanks = of(&diags, "GX206");
    assert_eq!(blanks.len(), 1);
    assert_eq!(blanks[0].related.len(), 22);
    let spans = std::iter::once(blanks[0].span.clone())
        .chain(blanks[0].related.iter().map(|r| r.span.clone()));
    for s in spans {
        assert!(s.is_empty());
        assert!(text[..s.start].ends_with('\t'), "blank tab cell");
        assert!(text[s.start..].starts_with(|c: char| c.is_whitespace()));
    }
    assert!(of(&diags, "GX201").is_empty());
    assert!(of(&diags, "GX203").is_empty());
    assert!(of(&diags, "GX202").is_empty());
    assert_eq!(diags.len(), 9 + 1 + 1, "{}", dump(&text, &diags));
}

#[test]
fn reader_survives_odd_input() {
    let odd = [
        "\u{feff}二、主动公开政府信息情况\r\n| 规章 | １,２３４ | / | — |\r\n",
        "三、收到和处理政府信息公开申请情况\n\t",
        "三、收到和处理政府信息公开申请情况\n|||\n||\n(七)总计|𠮷|",
        "四、政府信息公开行政复议、行政诉讼情况\n行政复议\n\n",
        "四、政府信息公开行政复议、行政诉讼情况\n| 行政复议 |\n|---|\n",
    ];
    for t in odd {
        let secs = simple_sections(t);
        for f in [Format::V2021, Format::V2019] {
            let tables = tables::read_tables(t, &secs, f);
            for tb in &tables {
                for r in &tb.rows {
                    assert!(t.get(r.label.clone()).is_some());
                    for c in &r.values {
                        assert!(t.get(c.span.clone()).is_some());
                    }
                }
            }
        }
        let _ = lint_year(t, 2021);
    }
    let t = odd[0];
    let tables = tables::read_tables(t, &simple_sections(t), Format::V2021);
    let row = tables[0].row("a1.rules").unwrap();
    assert_eq!(row.values[0].value, CellValue::Number(1234.0));
    assert_eq!(row.values[1].value, CellValue::NotApplicable);
}

mod props {
    use super::support::*;
    use gxlint::document::{Format, tables};
    use proptest::prelude::*;

    const TOKENS: &[&str] = &[
        "三、收到和处理政府信息公开申请情况\n",
        "四、政府信息公开行政复议、行政诉讼情况\n",
        "二、主动公开政府信息情况\n",
        "（七）总计",
        "1.属于国家秘密",
        "（三）不予公开",
        "行政复议",
        "结果维护",
        "合计",
        "规范性文件（本单位制发的）",
        "第二十条第（一）项",
        "本年增/",
        "0",
        "１２",
        "1,234",
        "/",
        "-3",
        "𠮷",
        "|",
        " | ",
        "||",
        "|---|",
        "\t",
        "\n",
        "\n\n",
        "\r\n",
        "\u{a0}",
        "\u{3000}",
        "\u{feff}",
        "“",
        "x",
    ];

    proptest! {
        #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]
        #[test]
        fn reader_and_rules_never_panic(idx in proptest::collection::vec(0..TOKENS.len(), 0..120)) {
            let text: String = idx.iter().map(|&i| TOKENS[i]).collect();
            let secs = simple_sections(&text);
            for f in [Format::V2021, Format::V2019] {
                for t in tables::read_tables(&text, &secs, f) {
                    prop_assert!(text.get(t.span.clone()).is_some());
                    for r in &t.rows {
                        prop_assert!(text.get(r.label.clone()).is_some());
                        prop_assert!(r.end <= text.len());
                        for c in &r.values {
                            prop_assert!(text.get(c.span.clone()).is_some());
                        }
                    }
                    for v in &t.variants {
                        prop_assert!(text.get(v.span.clone()).is_some());
                    }
                    for &m in &t.missing_at {
                        prop_assert!(text.is_char_boundary(m));
                    }
                }
            }
            for d in lint_year(&text, 2021).into_iter().chain(lint_year(&text, 2020)) {
                prop_assert!(text.get(d.span.clone()).is_some());
                for f in &d.fixes {
                    prop_assert!(gxlint::fix::apply_edits(&text, &f.edits).is_ok());
                }
            }
        }
    }
}

#[test]
fn seeds_through_check_with_the_title_year() {
    let expect: [(&str, &[(&str, usize)]); 5] = [
        ("000", &[("GX201", 2)]),
        ("001", &[]),
        ("002", &[]),
        ("003", &[]),
        ("004", &[("GX204", 9), ("GX205", 1), ("GX206", 1)]),
    ];
    for (p, want) in expect {
        let text = seed(p);
        let a = gxlint::check(&text, &gxlint::config::Settings::default());
        let d = table_diags(a.diagnostics);
        let mut got: Vec<(&str, usize)> = Vec::new();
        for x in &d {
            match got.iter_mut().find(|g| g.0 == x.code) {
                Some(g) => g.1 += 1,
                None => got.push((x.code, 1)),
            }
        }
        got.sort();
        assert_eq!(got, want, "{p}:\n{}", dump(&text, &d));
    }
}
