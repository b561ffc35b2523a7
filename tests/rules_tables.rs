//! GX201–GX208 in all four table forms: a triggering draft and a clean one, exact spans.

#[path = "fixtures/tables/support.rs"]
mod support;

use gxlint::diagnostic::{Applicability, Severity};
use gxlint::document::{TableForm, TableKind};
use gxlint::fix::apply_edits;
use support::*;

#[test]
fn fixtures_are_clean_in_every_form() {
    for (name, _) in FORMS.iter().chain(GROUP_FORMS.iter()) {
        let text = fixture(name);
        let d = table_diags_of(&text, 2021);
        assert!(d.is_empty(), "{name}:\n{}", dump(&text, &d));
    }
}

#[test]
fn gx201_stale_label_in_a_2021_report() {
    for (name, _) in FORMS {
        let text = fixture(name);
        let span = label_span(&text, 2021, TableKind::Active, "a1.docs");
        assert_eq!(&text[span.clone()], "行政规范性文件");
        let text = replace(&text, span.clone(), "规范性文件");
        let d = table_diags_of(&text, 2021);
        assert_eq!(codes(&d), ["GX201"], "{name}:\n{}", dump(&text, &d));
        assert_eq!(at(&text, &d[0]), "规范性文件");
        assert_eq!(d[0].span.start, span.start);
        assert_eq!(d[0].severity, Severity::Error);
        assert!(d[0].message.contains("「规范性文件」"), "{}", d[0].message);
        assert!(d[0].message.contains("2019年版"), "{}", d[0].message);
    }
}

#[test]
fn gx201_2021_tables_in_a_2020_report() {
    for (name, _) in FORMS {
        let text = fixture(name);
        let d = table_diags_of(&text, 2020);
        // Table 二 (2021 columns and 行政规范性文件) and table 三 (（六） with sub-rows); rows that
        // exist only in 2019 (其他对外管理服务事项, （九）) are explained by the staleness.
        assert_eq!(
            codes(&d),
            ["GX201", "GX201"],
            "{name}:\n{}",
            dump(&text, &d)
        );
        let shown: String = at(&text, &d[0]).split_whitespace().collect();
        assert_eq!(shown, "本年制发件数", "{name}");
        assert!(d[0].message.contains("「行政规范性文件」"));
        assert!(d[0].message.contains("请核对报告年度"));
        assert!(at(&text, &d[1]).starts_with("1.申请人无正当理由"), "{name}");
    }
}

#[test]
fn gx201_2019_table_three_in_a_2021_report() {
    // （六）其他处理 with its own numbers and no sub-rows is the 2019 form.
    let text = seed("004");
    let doc = parse(&text, &settings(2021));
    let t = doc.table(TableKind::Requests).unwrap();
    assert_eq!(t.foreign.len(), 1);
    assert_eq!(&text[t.foreign[0].span.clone()], "（六）其他处理");
    let d = table_diags(gxlint::lint(&doc, &settings(2021)));
    assert!(
        of(&d, "GX203").is_empty(),
        "（六）1–3 missing is explained by the stale table"
    );
}

#[test]
fn gx202_missing_table() {
    for (name, _) in FORMS {
        let text = fixture(name);
        let doc = parse(&text, &settings(2021));
        let span = doc.table(TableKind::Appeals).unwrap().span.clone();
        let text2 = replace(
            &text,
            span,
            "本年度未发生因政府信息公开引起的行政复议、行政诉讼。",
        );
        let d = table_diags_of(&text2, 2021);
        assert_eq!(codes(&d), ["GX202"], "{name}:\n{}", dump(&text2, &d));
        assert!(at(&text2, &d[0]).contains("四、政府信息公开行政复议、行政诉讼情况"));
        assert!(d[0].message.contains("第四部分没有可识别的表格"));
    }
}

#[test]
fn gx203_missing_row_and_block() {
    for (name, _) in FORMS {
        let text = fixture(name);
        let doc = parse(&text, &settings(2021));
        let t = doc.table(TableKind::Requests).unwrap();
        let row = t.row("r3.2").unwrap();
        let text2 = delete_lines(&text, row.label.start, row.values[6].span.end);
        let d = table_diags_of(&text2, 2021);
        assert_eq!(codes(&d), ["GX203"], "{name}:\n{}", dump(&text2, &d));
        assert!(d[0].message.contains("「2.其他法律行政法规禁止公开」行"));
        assert!(d[0].span.is_empty());
        // It belongs right after 1.属于国家秘密's row, before 3.危及…
        let after = &text2[d[0].span.start..];
        let before = &text2[..d[0].span.start];
        assert!(
            before.trim_end().ends_with('1') || before.trim_end().ends_with("|"),
            "{name}"
        );
        assert!(after.find("3.危及").unwrap() < 40, "{name}: {after:.60}");
        assert!(before.rfind("1.属于国家秘密").is_some());

        // A whole block of table 二.
        let a = doc.table(TableKind::Active).unwrap();
        let from = text.find("第二十条第（六）项").unwrap();
        let to = a.row("a6.force").unwrap().values[0].span.end;
        let text3 = delete_lines(&text, from, to);
        let d = table_diags_of(&text3, 2021);
        assert_eq!(codes(&d), ["GX203"], "{name}:\n{}", dump(&text3, &d));
        assert!(
            d[0].message.contains("「第二十条第（六）项」栏目"),
            "{}",
            d[0].message
        );
    }
}

#[test]
fn gx204_label_variants_with_safe_fixes() {
    for (name, _) in FORMS {
        let clean = fixture(name);
        let total = clean.find("总计").unwrap();
        let mut text = replace(&clean, total..total + "总计".len(), "合计");
        let keep = text.find("结果维持").unwrap();
        text = replace(&text, keep..keep + "结果维持".len(), "结果维护");
        let v = text.find("信访举报投诉类申请").unwrap();
        text = replace(
            &text,
            v..v + "信访举报投诉类申请".len(),
            "信访投诉举报类申请",
        );
        let d = table_diags_of(&text, 2021);
        assert_eq!(
            codes(&d),
            ["GX204", "GX204", "GX204"],
            "{name}:\n{}",
            dump(&text, &d)
        );
        let found: Vec<&str> = d.iter().map(|x| at(&text, x)).collect();
        assert_eq!(found, ["合计", "信访投诉举报类申请", "结果维护"], "{name}");
        assert_eq!(d[0].severity, Severity::Warning);
        let edits: Vec<_> = d.iter().flat_map(|x| x.fixes[0].edits.clone()).collect();
        assert!(
            d.iter()
                .all(|x| x.fixes[0].applicability == Applicability::Safe)
        );
        assert_eq!(
            apply_edits(&text, &edits).unwrap(),
            clean,
            "{name}: fixes restore the text"
        );
    }
}

#[test]
fn gx205_cell_count() {
    for (name, form) in FORMS {
        let text = fixture(name);
        let span = cell_span(&text, 2021, TableKind::Active, "a1.rules", 1);
        let fewer = delete_cell(&text, span.clone(), form);
        let d = table_diags_of(&fewer, 2021);
        assert_eq!(codes(&d), ["GX205"], "{name}:\n{}", dump(&fewer, &d));
        assert_eq!(at(&fewer, &d[0]), "规章", "{name}");
        assert!(
            d[0].message
                .contains("表二「规章」行有 2 个数值单元格，模板要求 3 个")
        );

        let span = cell_span(&text, 2021, TableKind::Requests, "r1", 2);
        let fewer = delete_cell(&text, span.clone(), form);
        let d = table_diags_of(&fewer, 2021);
        if form == TableForm::Pipe {
            // Pipe rows end in `||` debris: the last cell now reads as a blank one.
            assert_eq!(codes(&d), ["GX206"], "{name}:\n{}", dump(&fewer, &d));
        } else {
            assert_eq!(codes(&d), ["GX205"], "{name}:\n{}", dump(&fewer, &d));
            assert!(at(&fewer, &d[0]).ends_with("（一）予以公开"), "{name}");
            assert!(d[0].message.contains("有 6 个数值单元格，模板要求 7 个"));
        }

        let last = cell_span(&text, 2021, TableKind::Requests, "r1", 6);
        let more = insert_cell_after(&text, last, form, "0");
        let d = table_diags_of(&more, 2021);
        assert_eq!(codes(&d), ["GX205"], "{name}:\n{}", dump(&more, &d));
        assert!(d[0].message.contains("有 8 个数值单元格"));

        // Table 四: one value fewer.
        let span = cell_span(&text, 2021, TableKind::Appeals, "appeals", 14);
        let short = delete_cell(&text, span, form);
        let d = table_diags_of(&short, 2021);
        assert_eq!(codes(&d), ["GX205"], "{name}:\n{}", dump(&short, &d));
        assert!(d[0].message.contains("有 14 个数值单元格，模板要求 15 个"));
    }
}

#[test]
fn gx206_empty_cell() {
    for (name, form) in FORMS {
        let text = fixture(name);
        let span = cell_span(&text, 2021, TableKind::Requests, "r3.2", 3);
        let blank = replace(&text, span.clone(), "");
        let d = table_diags_of(&blank, 2021);
        if form == TableForm::CellPerLine {
            // Cell per line has no blank cells: the cell is simply gone.
            assert_eq!(codes(&d), ["GX205"], "{name}:\n{}", dump(&blank, &d));
            continue;
        }
        assert_eq!(codes(&d), ["GX206"], "{name}:\n{}", dump(&blank, &d));
        assert!(d[0].span.is_empty());
        // At the blank cell: right after its separator.
        assert!(
            d[0].span.start <= span.start && span.start - d[0].span.start <= 1,
            "{name}"
        );
        assert_eq!(d[0].severity, Severity::Warning);
        assert!(
            d[0].message.contains("「社会公益组织」栏为空"),
            "{}",
            d[0].message
        );
    }
}

#[test]
fn gx207_non_numeric_cell() {
    for (name, _) in FORMS {
        let text = fixture(name);
        let span = cell_span(&text, 2021, TableKind::Requests, "r3.2", 3);
        let t = replace(&text, span.clone(), "无");
        let d = table_diags_of(&t, 2021);
        assert_eq!(codes(&d), ["GX207"], "{name}:\n{}", dump(&t, &d));
        assert_eq!(at(&t, &d[0]), "无");
        assert_eq!(d[0].severity, Severity::Error);
        assert!(d[0].message.contains("应填写数字，实为「无」"));

        let t = replace(&text, span, "/");
        let d = table_diags_of(&t, 2021);
        assert_eq!(codes(&d), ["GX207"], "{name}:\n{}", dump(&t, &d));
        assert_eq!(at(&t, &d[0]), "/");
        assert_eq!(d[0].severity, Severity::Info);

        // Table 二 too.
        let span = cell_span(&text, 2021, TableKind::Active, "a6.force", 0);
        let t = replace(&text, span, "—");
        let d = table_diags_of(&t, 2021);
        assert_eq!(codes(&d), ["GX207"], "{name}:\n{}", dump(&t, &d));
        assert_eq!(d[0].severity, Severity::Info);
    }
}

#[test]
fn gx208_invalid_number() {
    for (name, _) in FORMS {
        let text = fixture(name);
        let t = set_cells(&text, 2021, TableKind::Requests, &[("r3.2", 3, "-1")]);
        let d = table_diags_of(&t, 2021);
        assert!(codes(&d).contains(&"GX208"), "{name}:\n{}", dump(&t, &d));
        let g = of(&d, "GX208");
        assert_eq!(g.len(), 1);
        assert_eq!(at(&t, g[0]), "-1");

        let t = set_cells(&text, 2021, TableKind::Active, &[("a1.rules", 0, "1.5")]);
        let d = table_diags_of(&t, 2021);
        assert_eq!(codes(&d), ["GX208"], "{name}:\n{}", dump(&t, &d));
        assert_eq!(at(&t, &d[0]), "1.5");
        assert!(
            d[0].message.contains("「规章」行「本年制发件数」栏为 1.5"),
            "{}",
            d[0].message
        );

        // 金额 may be a decimal; thousands separators and full-width digits are numbers.
        let t = set_cells(
            &text,
            2021,
            TableKind::Active,
            &[("a8.fee", 0, "1,234.56"), ("a1.rules", 2, "５")],
        );
        let d = table_diags_of(&t, 2021);
        assert!(d.is_empty(), "{name}:\n{}", dump(&t, &d));
        let t = set_cells(&text, 2021, TableKind::Active, &[("a8.fee", 0, "-2")]);
        assert_eq!(codes(&table_diags_of(&t, 2021)), ["GX208"]);
    }
}

#[test]
fn gx208_signed_column_of_2019() {
    // 2019 table 二: 本年增/减 may be negative, 上一年项目数量 may not.
    let text = seed("004");
    let t = set_cells(&text, 2020, TableKind::Active, &[("a5.license", 1, "-2")]);
    let d = table_diags_of(&t, 2020);
    assert!(of(&d, "GX208").is_empty(), "{}", dump(&t, &d));
    let t = set_cells(&text, 2020, TableKind::Active, &[("a5.license", 0, "-2")]);
    let d = table_diags_of(&t, 2020);
    let g = of(&d, "GX208");
    assert_eq!(g.len(), 1);
    assert!(
        g[0].message.contains("「上一年项目数量」"),
        "{}",
        g[0].message
    );
    let t = set_cells(&text, 2020, TableKind::Active, &[("a5.license", 1, "0.5")]);
    assert_eq!(of(&table_diags_of(&t, 2020), "GX208").len(), 1);
}

#[test]
fn gx201_foreign_row_in_a_current_block_is_counted_by_its_columns() {
    for (name, form) in FORMS {
        let text = fixture(name);
        let (old, new) = match form {
            TableForm::Markdown => (
                "| 行政许可 | 25 |  |  |\n",
                "| 行政许可 | 25 |  |  |\n| 其他对外管理服务事项 | 0 |  |  |\n",
            ),
            TableForm::Pipe => (
                "行政许可 | 25 | ||\n",
                "行政许可 | 25 | ||\n其他对外管理服务事项 | 0 | ||\n",
            ),
            TableForm::Tab => (
                "\t行政许可\n\t25\n",
                "\t行政许可\n\t25\n\n\t其他对外管理服务事项\n\t0\n",
            ),
            TableForm::CellPerLine => (
                "行政许可\n\n25\n",
                "行政许可\n\n25\n\n其他对外管理服务事项\n\n0\n",
            ),
        };
        assert!(text.contains(old), "{name}");
        let t = text.replacen(old, new, 1);
        let d = table_diags_of(&t, 2021);
        assert_eq!(codes(&d), ["GX201"], "{name}:\n{}", dump(&t, &d));
        assert_eq!(at(&t, &d[0]), "其他对外管理服务事项");
    }
}
