//! GX301–GX305 in all four table forms: the consistent fixture gives nothing; changing figures
//! breaks exactly the identities it should, reported once at the total cell with the expected
//! value, the addends, related spans and an unsafe fix.

#[path = "fixtures/tables/support.rs"]
mod support;

use gxlint::diagnostic::{Applicability, Diagnostic};
use gxlint::document::TableKind;
use gxlint::fix::apply_edits;
use support::*;

const Q: TableKind = TableKind::Requests;

fn check_fix(text: &str, d: &Diagnostic, expected: &str) {
    assert_eq!(d.expected.as_deref(), Some(expected));
    assert_eq!(d.fixes.len(), 1);
    let f = &d.fixes[0];
    assert_eq!(f.applicability, Applicability::Unsafe);
    assert_eq!(f.edits.len(), 1);
    assert_eq!(f.edits[0].range, d.span);
    assert_eq!(f.edits[0].new_text, expected);
    assert!(
        f.title.ends_with(&format!("改为 {expected}")),
        "{}",
        f.title
    );
    assert!(apply_edits(text, &f.edits).is_ok());
}

#[test]
fn gx301_balance() {
    for (name, _) in FORMS {
        let text = fixture(name);
        // 结转下年度继续办理 自然人 2 → 3 and its total 5 → 6: row total still holds.
        let t = set_cells(&text, 2021, Q, &[("next", 0, "3"), ("next", 6, "6")]);
        let d = table_diags_of(&t, 2021);
        assert_eq!(codes(&d), ["GX301", "GX301"], "{name}:\n{}", dump(&t, &d));
        assert_eq!(d[0].span, cell_span(&t, 2021, Q, "next", 0));
        assert_eq!(at(&t, &d[0]), "3");
        assert!(
            d[0].message.contains("「自然人」列不平衡：第一项加第二项（10 + 2 = 12）应等于第三项总计加第四项（10 + 3 = 13）；结转下年度继续办理应为 2，实为 3"),
            "{}",
            d[0].message
        );
        check_fix(&t, &d[0], "2");
        assert_eq!(d[0].related.len(), 3);
        assert_eq!(d[0].related[0].span, cell_span(&t, 2021, Q, "new", 0));
        assert_eq!(at(&t, &d[1]), "6");
        assert!(d[1].message.contains("「总计」列"));
        check_fix(&t, &d[1], "5");
        // Applying the fixes gives back the clean text.
        let edits: Vec<_> = d.iter().flat_map(|x| x.fixes[0].edits.clone()).collect();
        assert_eq!(apply_edits(&t, &edits).unwrap(), text);
    }
}

#[test]
fn gx302_results_total() {
    for (name, _) in FORMS {
        let text = fixture(name);
        // （七）总计 自然人 10 → 11 (its row total 15 → 16) with 结转 adjusted so only GX302 breaks.
        let t = set_cells(
            &text,
            2021,
            Q,
            &[
                ("r7", 0, "11"),
                ("r7", 6, "16"),
                ("next", 0, "1"),
                ("next", 6, "4"),
            ],
        );
        let d = table_diags_of(&t, 2021);
        assert_eq!(codes(&d), ["GX302", "GX302"], "{name}:\n{}", dump(&t, &d));
        assert_eq!(d[0].span, cell_span(&t, 2021, Q, "r7", 0));
        assert_eq!(
            d[0].message,
            "表三（七）总计「自然人」栏应为 10，实为 11（（一）5 + （二）1 + （三）1 + （四）2 + （五）1 + （六）0）"
        );
        check_fix(&t, &d[0], "10");
        // The addends are in the message, not related information (issue 8: no floods).
        assert!(d[0].related.is_empty());
        assert_eq!(at(&t, &d[1]), "16");
        check_fix(&t, &d[1], "15");
    }
}

#[test]
fn gx302_skips_unreadable_rows() {
    for (name, _) in FORMS {
        let text = fixture(name);
        // An unreadable addend: GX207, but no arithmetic on it.
        let t = set_cells(&text, 2021, Q, &[("r5.2", 0, "无"), ("r7", 0, "12")]);
        let d = table_diags_of(&t, 2021);
        assert!(of(&d, "GX302").is_empty(), "{name}:\n{}", dump(&t, &d));
        assert_eq!(of(&d, "GX207").len(), 1);
        // r7's own row total and the balance of 自然人 break: the 12 is the one mistyped cell.
        assert_eq!(of(&d, "GX300").len(), 1, "{name}:\n{}", dump(&t, &d));
        assert!(of(&d, "GX303").is_empty() && of(&d, "GX301").is_empty());
    }
}

#[test]
fn gx303_row_total() {
    for (name, _) in FORMS {
        let text = fixture(name);
        // Move one from r3.4's total to r3.1's: column sums hold, both row totals break.
        let t = set_cells(&text, 2021, Q, &[("r3.1", 6, "2"), ("r3.4", 6, "0")]);
        let d = table_diags_of(&t, 2021);
        assert_eq!(codes(&d), ["GX303", "GX303"], "{name}:\n{}", dump(&t, &d));
        assert_eq!(d[0].span, cell_span(&t, 2021, Q, "r3.1", 6));
        assert_eq!(
            d[0].message,
            "表三「1.属于国家秘密」行总计应为 1，实为 2（自然人 1 + 商业企业 0 + 科研机构 0 + 社会公益组织 0 + 法律服务机构 0 + 其他 0）"
        );
        check_fix(&t, &d[0], "1");
        assert!(d[0].related.is_empty());
        assert_eq!(at(&t, &d[1]), "0");
        check_fix(&t, &d[1], "1");
    }
}

#[test]
fn gx304_group_total() {
    for (name, _) in GROUP_FORMS {
        let text = fixture(name);
        let doc = parse(&text, &settings(2021));
        let g = doc.table(Q).unwrap().row("r3").unwrap();
        assert_eq!(g.expected, 7, "{name}: group row carries numbers");
        // （三）不予公开 自然人 1 → 2, 商业企业 1 → 0: its own total still 2.
        let t = set_cells(&text, 2021, Q, &[("r3", 0, "2"), ("r3", 1, "0")]);
        let d = table_diags_of(&t, 2021);
        assert_eq!(codes(&d), ["GX304", "GX304"], "{name}:\n{}", dump(&t, &d));
        assert_eq!(d[0].span, cell_span(&t, 2021, Q, "r3", 0));
        assert_eq!(
            d[0].message,
            "表三「（三）不予公开」「自然人」栏应为其子项之和 1，实为 2（1.属于国家秘密 1，其余子项为 0）"
        );
        check_fix(&t, &d[0], "1");
        assert!(d[0].related.is_empty());
        check_fix(&t, &d[1], "1");
    }
    // Without numbers of their own, group rows are not checked.
    for (name, _) in FORMS {
        let text = fixture(name);
        let doc = parse(&text, &settings(2021));
        let g = doc.table(Q).unwrap().row("r3").unwrap();
        assert!(g.values.is_empty() && g.expected == 0, "{name}");
    }
}

#[test]
fn gx304_group_rows_feed_gx302_only_through_sub_rows() {
    for (name, _) in GROUP_FORMS {
        let text = fixture(name);
        // （六）其他处理 group total 1 → 2 and 其他 1 → 2: GX304 twice, GX302 untouched.
        let t = set_cells(&text, 2021, Q, &[("r6", 5, "2"), ("r6", 6, "2")]);
        let d = table_diags_of(&t, 2021);
        assert_eq!(codes(&d), ["GX304", "GX304"], "{name}:\n{}", dump(&t, &d));
    }
}

#[test]
fn gx305_appeal_total() {
    for (name, _) in FORMS {
        let text = fixture(name);
        let k = TableKind::Appeals;
        let t = set_cells(&text, 2021, k, &[("appeals", 4, "3"), ("appeals", 10, "1")]);
        let d = table_diags_of(&t, 2021);
        assert_eq!(codes(&d), ["GX305", "GX305"], "{name}:\n{}", dump(&t, &d));
        assert_eq!(d[0].span, cell_span(&t, 2021, k, "appeals", 4));
        assert_eq!(
            d[0].message,
            "表四「行政复议」总计为 3，与各项之和 2 不符（结果维持 1 + 结果纠正 0 + 其他结果 1 + 尚未审结 0）：总计或其中一项填错；若各项无误，总计应为 2"
        );
        check_fix(&t, &d[0], "2");
        assert!(d[0].related.is_empty());
        // 复议后起诉: 结果维持 1 but 总计 0.
        assert_eq!(d[1].span, cell_span(&t, 2021, k, "appeals", 14));
        assert!(
            d[1].message
                .starts_with("表四「行政诉讼（复议后起诉）」总计为 0，与各项之和 1 不符")
        );
        check_fix(&t, &d[1], "1");
    }
}

#[test]
fn arithmetic_on_stale_2019_table_three() {
    // Seed 004: rows of 4 numbers + 1 blank are unreadable, so no arithmetic on them.
    let text = seed("004");
    let doc = parse(&text, &settings(2020));
    let t = doc.table(Q).unwrap();
    assert!(t.row("r6").unwrap().values.len() == 5);
    let d = table_diags_of(&text, 2020);
    assert!(of(&d, "GX302").is_empty() && of(&d, "GX301").is_empty());

    // Seed 000 (a 2021 report on the 2019 template): the single （六） row counts in GX302.
    let text = seed("000");
    let t = set_cells(&text, 2021, Q, &[("r6", 0, "1"), ("r6", 6, "1")]);
    let d = table_diags_of(&t, 2021);
    let g = of(&d, "GX302");
    assert_eq!(g.len(), 2, "{}", dump(&t, &d));
    assert!(g[0].message.contains("（六）1"), "{}", g[0].message);
}
