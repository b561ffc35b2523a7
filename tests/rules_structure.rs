//! GX1xx (structure) and the section reader, on the seeds and on small fixtures.

mod reader_support;

use gxlint::config::Settings;
use gxlint::diagnostic::Applicability;
use gxlint::document::{Document, HeadingMarkup};
use reader_support::{Report, apply, codes, mine, only, seed};

fn section_numbers(text: &str) -> Vec<u8> {
    let settings = Settings::default();
    Document::parse(text, &settings.parse_options())
        .sections
        .iter()
        .map(|s| s.number)
        .collect()
}

fn gx1(text: &str) -> Vec<&'static str> {
    codes(text)
        .into_iter()
        .filter(|c| c.starts_with("GX1"))
        .collect()
}

// ---------------------------------------------------------------- seeds

#[test]
fn seed_sections() {
    assert_eq!(section_numbers(&seed("000")), vec![1, 2, 3, 4, 5, 6]);
    assert_eq!(section_numbers(&seed("001")), vec![1, 2, 3, 4, 5, 6]);
    assert_eq!(section_numbers(&seed("003")), vec![1, 2, 3, 4, 5, 6]);
    assert_eq!(section_numbers(&seed("004")), vec![1, 2, 3, 4, 5, 6]);
    // 2013: only `一、概述` is one of the six (as a variant of 总体情况).
    assert_eq!(section_numbers(&seed("002")), vec![1]);
}

#[test]
fn seed_section_bodies() {
    let text = seed("003");
    let settings = Settings::default();
    let doc = Document::parse(&text, &settings.parse_options());
    let six = doc.section(6).expect("六");
    assert_eq!(doc.slice(&six.wording), "其他需要报告的事项");
    assert_eq!(doc.slice(&six.body).trim(), "无");
    assert_eq!(six.markup, HeadingMarkup::Plain);
    let three = doc.section(3).expect("三");
    // The body of 三 runs to the heading of 四, past the table row `四、结转下年度继续办理`.
    assert!(doc.slice(&three.body).contains("四、结转下年度继续办理"));
    assert!(
        doc.slice(&three.body)
            .ends_with("| 0 | 0 | 0 | 0 | 0 | 0 | 0 |\n")
    );
    // Seed 000: heading indented with spaces; the inline list of section names is no heading.
    let text = seed("000");
    let doc = Document::parse(&text, &settings.parse_options());
    let one = doc.section(1).expect("一");
    assert_eq!(doc.slice(&one.line), "\u{a0}\u{a0}\u{a0}\u{a0}一、总体情况");
    assert_eq!(doc.slice(&one.wording), "总体情况");
    assert!(doc.slice(&one.body).starts_with("\n\n2021年,我局"));
}

#[test]
fn seed_structure_diagnostics() {
    // 000 (2021): 六 holds only web residue (`相关阅读:` …): not empty for GX105 (the residue is
    // GX503's), but it says nothing about 信息处理费.
    assert_eq!(gx1(&seed("000")), vec!["GX106"]);
    assert_eq!(gx1(&seed("001")), Vec::<&str>::new());
    // 2013: pre-2019 structure is not judged (no GX101 for the 2019 sections, no GX107).
    assert_eq!(gx1(&seed("002")), Vec::<&str>::new());
    assert_eq!(gx1(&seed("003")), vec!["GX106"]);
    assert_eq!(gx1(&seed("004")), Vec::<&str>::new());
}

// ---------------------------------------------------------------- forms

#[test]
fn clean_report_in_every_form() {
    let r = Report::new(2021);
    let forms: Vec<(&str, String)> = vec![
        ("plain", r.render()),
        ("markdown", r.render_with(|s| format!("## {s}"), "\n")),
        ("bold", r.render_with(|s| format!("**{s}**"), "\n")),
        ("crlf", r.render_with(|s| format!("## {s}"), "\r\n")),
        ("bom", format!("\u{feff}{}", r.render())),
        (
            "indented",
            r.render_with(|s| format!("\u{3000}\u{3000}{s}："), "\n"),
        ),
    ];
    for (name, text) in forms {
        assert_eq!(section_numbers(&text), vec![1, 2, 3, 4, 5, 6], "{name}");
        assert_eq!(codes(&text), Vec::<&str>::new(), "{name}");
    }
}

#[test]
fn markup_and_spans() {
    let text = Report::new(2021).render_with(|s| format!("**{s}**"), "\r\n");
    let settings = Settings::default();
    let doc = Document::parse(&text, &settings.parse_options());
    let two = doc.section(2).expect("二");
    assert_eq!(two.markup, HeadingMarkup::Bold);
    assert_eq!(doc.slice(&two.line), "**二、主动公开政府信息情况**");
    assert_eq!(doc.slice(&two.wording), "主动公开政府信息情况");
    assert_eq!(doc.slice(&two.body), "\r\n（表格）\r\n\r\n");
    let text = Report::new(2021).render_with(|s| format!("## {s}"), "\n");
    let doc = Document::parse(&text, &settings.parse_options());
    assert_eq!(doc.section(1).expect("一").markup, HeadingMarkup::Atx);
}

#[test]
fn separators_and_numeral_from_wording() {
    let text = "一．总体情况\n甲\n二.主动公开政府信息情况\n乙\n";
    assert_eq!(section_numbers(text), vec![1, 2]);
    // The section is the wording's, even under the wrong numeral.
    assert_eq!(section_numbers("三、其他需要报告的事项\n无\n"), vec![6]);
    // Table-三 rows on lines of their own are not headings.
    assert!(
        section_numbers("一、本年新收政府信息公开申请数量\n0\n三、本年度办理结果\n").is_empty()
    );
}

// ---------------------------------------------------------------- GX101

#[test]
fn gx101_missing_section() {
    let mut r = Report::new(2021);
    r.sections.remove(4); // 五
    let ds = mine(&r.render(), &Settings::default());
    let d = only(&ds, "GX101");
    assert_eq!(d.len(), 1);
    assert!(
        d[0].message.contains("五、存在的主要问题及改进情况"),
        "{}",
        d[0].message
    );
    // It points at the following heading (六).
    assert_eq!(&r.render()[d[0].span.clone()], "六、其他需要报告的事项");

    // Not for a pre-2019 report.
    let mut old = Report::new(2015);
    old.sections.remove(4);
    old.sections.remove(2);
    assert!(!codes(&old.render()).contains(&"GX101"));
    // Not when all six are there.
    assert!(!codes(&Report::new(2021).render()).contains(&"GX101"));
}

// ---------------------------------------------------------------- GX102

#[test]
fn gx102_section_order() {
    let mut r = Report::new(2021);
    r.sections.swap(1, 2); // 三 before 二
    let text = r.render();
    let ds = mine(&text, &Settings::default());
    let d = only(&ds, "GX102");
    assert_eq!(d.len(), 1, "{ds:?}");
    assert_eq!(&text[d[0].span.clone()], "二、主动公开政府信息情况");
    assert!(d[0].message.contains("第二部分") && d[0].message.contains("第三部分"));
    assert!(!gx1(&Report::new(2020).render()).contains(&"GX102"));
}

// ---------------------------------------------------------------- GX103

#[test]
fn gx103_duplicate_section() {
    let mut r = Report::new(2021);
    r.sections.insert(
        5,
        ("五、存在的主要问题及改进情况".into(), "下一步打算。".into()),
    );
    let text = r.render();
    let ds = mine(&text, &Settings::default());
    let d = only(&ds, "GX103");
    assert_eq!(d.len(), 1);
    assert!(d[0].span.start > text.find("五、存在").expect("first"));
    assert_eq!(d[0].related.len(), 1);
    assert!(only(&ds, "GX102").is_empty());
    assert!(
        only(
            &mine(&Report::new(2021).render(), &Settings::default()),
            "GX103"
        )
        .is_empty()
    );
}

// ---------------------------------------------------------------- GX104

#[test]
fn gx104_heading_wording_and_fix() {
    let mut r = Report::new(2021);
    r.sections[3].0 = "四、因政府信息公开工作被申请行政复议、提起行政诉讼情况".into();
    let text = r.render_with(|s| format!("## {s}"), "\n");
    let ds = mine(&text, &Settings::default());
    let d = only(&ds, "GX104");
    assert_eq!(d.len(), 1);
    assert_eq!(
        &text[d[0].span.clone()],
        "因政府信息公开工作被申请行政复议、提起行政诉讼情况"
    );
    assert!(
        d[0].message
            .contains("应为“政府信息公开行政复议、行政诉讼情况”")
    );
    let fixed = apply(&text, d[0], Applicability::Safe);
    assert!(fixed.contains("## 四、政府信息公开行政复议、行政诉讼情况\n"));
    assert_eq!(codes(&fixed), Vec::<&str>::new());
}

#[test]
fn gx104_numeral() {
    let mut r = Report::new(2021);
    r.sections[5].0 = "七、其他需要报告的事项".into();
    let text = r.render();
    let ds = mine(&text, &Settings::default());
    let d = only(&ds, "GX104");
    assert_eq!(d.len(), 1);
    assert_eq!(&text[d[0].span.clone()], "七");
    assert!(
        d[0].message.contains("编号应为“六”，实为“七”"),
        "{}",
        d[0].message
    );
    let fixed = apply(&text, d[0], Applicability::Safe);
    assert!(fixed.contains("\n六、其他需要报告的事项\n"));
    assert_eq!(codes(&fixed), Vec::<&str>::new());
}

// ---------------------------------------------------------------- GX105

#[test]
fn gx105_empty_section() {
    let mut r = Report::new(2021);
    r.sections[4].1 = String::new();
    let text = r.render();
    let ds = mine(&text, &Settings::default());
    let d = only(&ds, "GX105");
    assert_eq!(d.len(), 1);
    assert_eq!(&text[d[0].span.clone()], "五、存在的主要问题及改进情况");
    // 六 saying 无 is not empty (GX106 still asks for the fee statement).
    let mut r = Report::new(2021);
    r.sections[5].1 = "无".into();
    assert_eq!(gx1(&r.render()), vec!["GX106"]);
    // Inline content after the heading counts.
    r.sections[5].0 = "六、其他需要报告的事项：本年度未收取信息处理费。".into();
    r.sections[5].1 = String::new();
    assert_eq!(gx1(&r.render()), Vec::<&str>::new());
}

// ---------------------------------------------------------------- GX106

#[test]
fn gx106_fee_statement() {
    let mut r = Report::new(2022);
    r.sections[5].1 = "本机关无其他需要报告的事项。".into();
    let text = r.render();
    let ds = mine(&text, &Settings::default());
    let d = only(&ds, "GX106");
    assert_eq!(d.len(), 1);
    assert_eq!(&text[d[0].span.clone()], "六、其他需要报告的事项");
    // Not in the 2019 format.
    let mut r = Report::new(2020);
    r.sections[5].1 = "无".into();
    assert_eq!(gx1(&r.render()), Vec::<&str>::new());
}

// ---------------------------------------------------------------- GX107

fn legacy_text(year: i32) -> String {
    let mut r = Report::new(year);
    r.sections[0].1 = format!("{year}年，我局参加或举办新闻发布会总次数为0次。");
    r.sections
        .push(("七、咨询和投诉情况".into(), "未收到咨询。".into()));
    r.render()
}

#[test]
fn gx107_legacy_structure() {
    let text = legacy_text(2021);
    let ds = mine(&text, &Settings::default());
    let d = only(&ds, "GX107");
    assert_eq!(d.len(), 2, "{ds:?}");
    assert_eq!(&text[d[0].span.clone()], "参加或举办新闻发布会总次数");
    assert_eq!(&text[d[1].span.clone()], "咨询和投诉情况");
    assert!(d[0].message.contains("2021"));
    // A heading-only fingerprint in prose is no fingerprint.
    let mut r = Report::new(2021);
    r.sections[4].1 = "下一步的改进措施如下。".into();
    assert!(only(&mine(&r.render(), &Settings::default()), "GX107").is_empty());
    // Pre-2019 reports are allowed their structure.
    assert!(only(&mine(&legacy_text(2016), &Settings::default()), "GX107").is_empty());
}

#[test]
fn gx107_old_heading() {
    let mut r = Report::new(2021);
    r.sections[0].0 = "一、概述".into();
    let ds = mine(&r.render(), &Settings::default());
    assert_eq!(only(&ds, "GX104").len(), 1);
    assert_eq!(only(&ds, "GX107").len(), 1);
}

#[test]
fn no_panic_on_odd_input() {
    for t in [
        "",
        "\n",
        "#",
        "**",
        "一",
        "一、",
        "## 一、",
        "**一、**",
        "\u{feff}",
        "一、𠮷\r",
        "\r\r\n",
    ] {
        let _ = gxlint::check(t, &Settings::default());
    }
}

#[test]
fn non_report_text_is_not_judged() {
    // No title, none of the six headings: a stray file, not a draft.
    let text = "# 说明\n本目录存放年度报告草稿。\n";
    assert_eq!(codes(text), Vec::<&str>::new());
    let s = Settings {
        year: Some(2021),
        ..Settings::default()
    };
    assert!(mine(text, &s).is_empty());
    // A title alone is a draft: all six sections are missing.
    let draft = "某某局2021年政府信息公开工作年度报告\n";
    assert_eq!(codes(draft).iter().filter(|c| **c == "GX101").count(), 6);
}
