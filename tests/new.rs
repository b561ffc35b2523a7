//! `gxlint new`: the skeleton of a report for year N.

use gxlint::canonical::{self, Fill, render_table};
use gxlint::config::Settings;
use gxlint::document::{Format, TableForm, TableKind};
use gxlint::new::{skeleton, try_skeleton};

const FORMS: [TableForm; 4] = [
    TableForm::Markdown,
    TableForm::Pipe,
    TableForm::Tab,
    TableForm::CellPerLine,
];

#[test]
fn skeleton_2025_has_every_part_in_order() {
    for form in FORMS {
        let s = skeleton(2025, Some("某某市某某局"), form);
        assert!(
            s.starts_with("# 某某市某某局2025年政府信息公开工作年度报告\n\n"),
            "{s}"
        );
        let opening = s.lines().nth(2).unwrap();
        assert!(opening.contains("国务院令第711号"), "{opening}");
        assert!(opening.contains("国办公开办函〔2021〕30号"), "{opening}");
        assert!(
            opening.ends_with(&canonical::period_sentence(2025)),
            "{opening}"
        );
        let mut last = 0;
        for n in 1..=6u8 {
            let h = format!("\n## {}\n", canonical::section_heading(n).unwrap());
            let at = s
                .find(&h)
                .unwrap_or_else(|| panic!("heading {n} in {form:?}"));
            assert!(at > last, "section {n} in order");
            last = at;
        }
        for kind in [TableKind::Active, TableKind::Requests, TableKind::Appeals] {
            let t = render_table(kind, Format::V2021, form, Fill::Zero);
            assert!(s.contains(&t), "{form:?} {kind:?} table");
        }
        let six = &s[s.find("## 六、").unwrap()..];
        assert!(six.contains("本机关2025年未收取信息处理费。"));
        assert!(six.contains("\n地址：\n") && six.contains("\n联系电话：\n"));
        assert!(s.ends_with('\n') && !s.contains("\n\n\n"));
        assert!(!s.contains('\r'));
    }
    assert!(skeleton(2025, None, TableForm::Markdown).starts_with("# XX单位2025年"));
}

#[test]
fn skeleton_2025_gives_only_gx5xx_diagnostics() {
    let settings = Settings::default();
    for form in FORMS {
        let s = skeleton(2025, Some("某某市某某局"), form);
        let a = gxlint::check(&s, &settings);
        let other: Vec<_> = a
            .diagnostics
            .iter()
            .filter(|d| !d.code.starts_with("GX5"))
            .collect();
        assert!(other.is_empty(), "{form:?}: {other:#?}");
    }
}

#[test]
fn skeleton_2020_is_the_2019_format() {
    let s = skeleton(2020, Some("某某局"), TableForm::Markdown);
    assert!(s.contains("国办公开办函〔2019〕60号"));
    assert!(!s.contains("〔2021〕30号"));
    assert!(s.contains("| 规范性文件 | 0 | 0 | 0 |"));
    assert!(s.contains("第二十条第（九）项"));
    assert!(s.contains("| （六）其他处理 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |"));
    assert!(!s.contains("本年制发件数"));
    assert!(s.contains(&canonical::period_sentence(2020)));
    let s = skeleton(2021, Some("某某局"), TableForm::Markdown);
    assert!(s.contains("本年制发件数") && !s.contains("第二十条第（九）项"));
}

#[test]
fn years_before_2019_are_refused_or_noted() {
    let e = try_skeleton(2018, Some("某某局"), TableForm::Pipe).unwrap_err();
    assert!(e.contains("2018") && e.contains("492号"), "{e}");
    assert!(try_skeleton(2019, Some("某某局"), TableForm::Pipe).is_ok());
    let s = skeleton(2018, Some("某某局"), TableForm::Pipe);
    assert!(s.starts_with("<!-- 注："), "{s}");
    assert!(s.contains("# 某某局2018年政府信息公开工作年度报告"));
    assert!(s.contains("〔2019〕60号"));
}

#[test]
fn skeleton_tables_read_back_as_zeros() {
    let settings = Settings::default();
    for year in [2020, 2025] {
        for form in FORMS {
            let s = skeleton(year, Some("某某局"), form);
            let doc = gxlint::document::Document::parse(&s, &settings.parse_options());
            assert_eq!(doc.year, Some(year));
            assert_eq!(doc.sections.len(), 6);
            for kind in [TableKind::Active, TableKind::Requests, TableKind::Appeals] {
                let t = doc
                    .table(kind)
                    .unwrap_or_else(|| panic!("{year} {form:?} {kind:?}"));
                assert!(t.missing.is_empty() && t.foreign.is_empty());
                for r in &t.rows {
                    assert_eq!(r.values.len(), r.expected, "{year} {form:?} {}", r.id);
                    assert!(r.values.iter().all(|c| c.value.as_int() == Some(0)));
                }
            }
        }
    }
}
