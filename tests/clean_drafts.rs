//! Clean drafts give ZERO diagnostics: three report years (2024 and 2021 on the 2021 format, 2020
//! on the 2019 format) × four table forms (markdown, pipe rows, tab paste, cell per line) and
//! tab-separated rows (a Word table copied into a plain-text editor), a
//! pre-2019 report in plain text, and the variants real reports carry that must stay silent
//! (CRLF, BOM, full-width digits, heading markup, other years in the narrative, `𠮷`, …).
//!
//! The drafts are written by tests/fixtures/clean/gen.py (committed outputs). Every table there
//! satisfies every GX3xx identity and the prose agrees with the tables. A draft that is silent
//! because its tables were not read would prove nothing, so each test also checks what was read.

use gxlint::config::Settings;
use gxlint::diagnostic::Diagnostic;
use gxlint::document::tables::row_ints;
use gxlint::document::{Date, Document, Format, TableForm, TableKind};

const DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/clean");

/// (file, report year, format, table form, 一 总计, 二 总计, 四 总计 of table 三, table 四 totals)
struct Draft {
    file: &'static str,
    year: i32,
    format: Format,
    form: TableForm,
    new: i64,
    carry: i64,
    next: i64,
    appeal_totals: [i64; 3],
}

const fn d(
    file: &'static str,
    year: i32,
    form: TableForm,
    new: i64,
    carry: i64,
    next: i64,
    appeal_totals: [i64; 3],
) -> Draft {
    Draft {
        file,
        year,
        format: if year >= 2021 {
            Format::V2021
        } else {
            Format::V2019
        },
        form,
        new,
        carry,
        next,
        appeal_totals,
    }
}

const DRAFTS: &[Draft] = &[
    d(
        "2024_markdown.md",
        2024,
        TableForm::Markdown,
        19,
        2,
        1,
        [2, 1, 0],
    ),
    d("2024_pipe.txt", 2024, TableForm::Pipe, 19, 2, 1, [2, 1, 0]),
    d("2024_tab.txt", 2024, TableForm::Tab, 19, 2, 1, [2, 1, 0]),
    d(
        "2024_cell.txt",
        2024,
        TableForm::CellPerLine,
        19,
        2,
        1,
        [2, 1, 0],
    ),
    d(
        "2021_markdown.md",
        2021,
        TableForm::Markdown,
        37,
        4,
        4,
        [3, 3, 1],
    ),
    d("2021_pipe.txt", 2021, TableForm::Pipe, 37, 4, 4, [3, 3, 1]),
    d("2021_tab.txt", 2021, TableForm::Tab, 37, 4, 4, [3, 3, 1]),
    d(
        "2021_cell.txt",
        2021,
        TableForm::CellPerLine,
        37,
        4,
        4,
        [3, 3, 1],
    ),
    d(
        "2020_markdown.md",
        2020,
        TableForm::Markdown,
        9,
        1,
        0,
        [1, 0, 0],
    ),
    d("2020_pipe.txt", 2020, TableForm::Pipe, 9, 1, 0, [1, 0, 0]),
    d("2020_tab.txt", 2020, TableForm::Tab, 9, 1, 0, [1, 0, 0]),
    d(
        "2020_cell.txt",
        2020,
        TableForm::CellPerLine,
        9,
        1,
        0,
        [1, 0, 0],
    ),
];

fn read(file: &str) -> String {
    std::fs::read_to_string(format!("{DIR}/{file}"))
        .unwrap_or_else(|e| panic!("fixture {file}: {e}"))
}

fn show(text: &str, d: &[Diagnostic]) -> String {
    d.iter()
        .map(|d| {
            format!(
                "  {} {:?} «{}» {}\n",
                d.code,
                d.severity,
                text.get(d.span.clone()).unwrap_or("<bad span>"),
                d.message
            )
        })
        .collect()
}

fn assert_clean(what: &str, text: &str) {
    let d = gxlint::check(text, &Settings::default()).diagnostics;
    assert!(
        d.is_empty(),
        "{what}: expected no diagnostics, got {}:\n{}",
        d.len(),
        show(text, &d)
    );
}

/// The draft's tables were read with the figures the generator wrote.
fn assert_read(dr: &Draft, text: &str) {
    let doc = Document::parse(text, &Settings::default().parse_options());
    let f = dr.file;
    assert_eq!(doc.year, Some(dr.year), "{f}: year");
    assert_eq!(doc.format, dr.format, "{f}: format");
    assert_eq!(doc.sections.len(), 6, "{f}: sections");
    let p = doc.period.as_ref().unwrap_or_else(|| panic!("{f}: period"));
    assert_eq!(
        (p.start, p.end),
        (
            Some(Date {
                year: dr.year,
                month: 1,
                day: 1
            }),
            Some(Date {
                year: dr.year,
                month: 12,
                day: 31
            })
        ),
        "{f}: period"
    );
    assert!(!doc.publication_dates.is_empty(), "{f}: publication date");
    for kind in [TableKind::Active, TableKind::Requests, TableKind::Appeals] {
        let t = doc
            .table(kind)
            .unwrap_or_else(|| panic!("{f}: table {kind:?}"));
        assert_eq!(t.form, dr.form, "{f}: form of {kind:?}");
        assert!(
            t.missing.is_empty(),
            "{f}: {kind:?} missing {:?}",
            t.missing
        );
    }
    let req = doc.table(TableKind::Requests).unwrap();
    let total = |id: &str| {
        row_ints(req, id)
            .unwrap_or_else(|| panic!("{f}: row {id}"))
            .last()
            .copied()
    };
    assert_eq!(total("new"), Some(dr.new), "{f}: 一 总计");
    assert_eq!(total("carry"), Some(dr.carry), "{f}: 二 总计");
    assert_eq!(total("next"), Some(dr.next), "{f}: 四 总计");
    let value_rows = req.rows.iter().filter(|r| r.expected > 0).count();
    let want_rows = if dr.format == Format::V2021 { 25 } else { 23 };
    assert_eq!(value_rows, want_rows, "{f}: value rows of table 三");
    let ap = doc.table(TableKind::Appeals).unwrap();
    let v = row_ints(ap, ap.rows[0].id).unwrap_or_else(|| panic!("{f}: table 四 values"));
    assert_eq!(v.len(), 15, "{f}: table 四");
    assert_eq!(
        [v[4], v[9], v[14]],
        dr.appeal_totals,
        "{f}: table 四 totals"
    );
    let active = doc.table(TableKind::Active).unwrap();
    let want_active = if dr.format == Format::V2021 { 6 } else { 8 };
    assert_eq!(active.rows.len(), want_active, "{f}: rows of table 二");
    assert!(
        active.rows.iter().all(|r| r.values.len() == r.expected),
        "{f}: table 二 cells"
    );
}

#[test]
fn every_clean_draft_is_silent_and_fully_read() {
    for dr in DRAFTS {
        let text = read(dr.file);
        assert_clean(dr.file, &text);
        assert_read(dr, &text);
    }
}

#[test]
fn clean_drafts_with_crlf_line_ends() {
    for dr in DRAFTS {
        let text = read(dr.file).replace('\n', "\r\n");
        assert_clean(&format!("{} (CRLF)", dr.file), &text);
        assert_read(dr, &text);
    }
}

#[test]
fn clean_drafts_with_a_bom() {
    for dr in DRAFTS {
        let text = format!("\u{feff}{}", read(dr.file));
        assert_clean(&format!("{} (BOM)", dr.file), &text);
        assert_read(dr, &text);
    }
}

fn full_width_digits(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '0'..='9' => char::from_u32(c as u32 - '0' as u32 + '０' as u32).unwrap_or(c),
            _ => c,
        })
        .collect()
}

/// The text from section 二's heading to section 五's (the tables).
fn tables_region(text: &str) -> std::ops::Range<usize> {
    let a = text.rfind("主动公开政府信息情况").expect("heading 二");
    let a = text[..a].rfind('\n').map_or(0, |i| i + 1);
    let b = text.rfind("存在的主要问题及改进情况").expect("heading 五");
    let b = text[..b].rfind('\n').map_or(0, |i| i + 1);
    a..b
}

#[test]
fn clean_drafts_with_full_width_digits_in_the_tables() {
    for dr in DRAFTS {
        let text = read(dr.file);
        let r = tables_region(&text);
        let text = format!(
            "{}{}{}",
            &text[..r.start],
            full_width_digits(&text[r.clone()]),
            &text[r.end..]
        );
        assert_clean(&format!("{} (full-width table digits)", dr.file), &text);
        assert_read(dr, &text);
    }
}

#[test]
fn clean_drafts_with_full_width_digits_in_title_period_and_dates() {
    for dr in DRAFTS {
        let text = read(dr.file);
        let r = tables_region(&text);
        // Everything but the tables and the e-mail addresses (an address with full-width
        // digits is a real defect).
        let head = full_width_digits(&text[..r.start]);
        assert_clean(
            &format!("{} (full-width prose digits)", dr.file),
            &format!("{head}{}", &text[r.start..]),
        );
    }
}

#[test]
fn pre_2019_report_in_plain_text() {
    let text = read("2017_plain.txt");
    let doc = Document::parse(&text, &Settings::default().parse_options());
    assert_eq!(doc.year, Some(2017));
    assert_eq!(doc.format, Format::Pre2019);
    assert!(doc.period.is_some());
    assert_clean("2017_plain.txt", &text);
    assert_clean("2017_plain.txt (CRLF)", &text.replace('\n', "\r\n"));
}

/// Replace `from` (which must occur) by `to`, once.
fn edit(text: &str, from: &str, to: &str) -> String {
    assert!(text.contains(from), "fixture lacks {from:?}");
    text.replacen(from, to, 1)
}

#[test]
fn wordings_real_reports_use_stay_silent() {
    let t = read("2024_pipe.txt");
    let period = "本报告统计数据从2024年1月1日至2024年12月31日。";
    let fee = "依据《政府信息公开信息处理费管理办法》，本机关2024年未收取信息处理费。";
    let cases = [
        (
            "breadcrumb and index number above the title",
            edit(
                &t,
                "𠮷安县农业农村局2024年政府信息公开工作年度报告",
                "首页 > 政务公开 > 政府信息公开年报\n\n索引号：11360821MB1234567X/2025-00012　　发布机构：𠮷安县农业农村局\n\n𠮷安县农业农村局2024年政府信息公开工作年度报告",
            ),
        ),
        (
            "title over two lines",
            edit(&t, "农业农村局2024年政府", "农业农村局\n2024年政府"),
        ),
        (
            "title 年度",
            edit(
                &t,
                "2024年政府信息公开工作年度报告",
                "2024年度政府信息公开工作报告",
            ),
        ),
        (
            "thousands separator",
            edit(&t, "行政许可 | 156 |", "行政许可 | 1,156 |"),
        ),
        (
            "period end year omitted",
            edit(&t, period, "统计时间为2024年1月1日至12月31日。"),
        ),
        (
            "period with a dash",
            edit(
                &t,
                period,
                "本报告所列数据统计期限为2024年1月1日-12月31日。",
            ),
        ),
        (
            "period with a long dash",
            edit(&t, period, "统计期限为2024年1月1日—2024年12月31日。"),
        ),
        (
            "成文日期",
            edit(&t, "发布日期：2025-01-20", "成文日期：2025年1月20日"),
        ),
        (
            "slashed date",
            edit(&t, "发布日期：2025-01-20", "发布时间：2025/01/20"),
        ),
        (
            "no date line, only the closing date",
            edit(&t, "发布日期：2025-01-20　　来源：𠮷安县农业农村局\n\n", ""),
        ),
        (
            "fee: 未向…收取任何",
            edit(&t, fee, "本年度未向申请人收取任何信息处理费。"),
        ),
        (
            "fee: 无收取",
            edit(&t, fee, "2024年度无收取信息处理费情况。"),
        ),
        ("fee: 0元", edit(&t, fee, "本机关2024年收取信息处理费0元。")),
        (
            "government's own report published in March",
            edit(
                &edit(&t, "𠮷安县农业农村局2024年政府", "𠮷安县人民政府2024年政府"),
                "发布日期：2025-01-20",
                "发布日期：2025-03-28",
            ),
        ),
        (
            "township report published in April",
            edit(
                &edit(
                    &t,
                    "𠮷安县农业农村局2024年政府",
                    "𠮷安县永和镇人民政府2024年政府",
                ),
                "发布日期：2025-01-20",
                "发布日期：2025-04-10",
            ),
        ),
        (
            "### heading",
            edit(&t, "**一、总体情况**", "### 一、总体情况"),
        ),
        ("一.heading", edit(&t, "**一、总体情况**", "一.总体情况")),
        (
            "bold wording",
            edit(&t, "**一、总体情况**", "一、**总体情况**"),
        ),
        (
            "period 统计时限 by months",
            edit(&t, period, "本报告所列数据统计时限为2024年1月至12月。"),
        ),
        (
            "period 自…月起至…月止",
            edit(
                &t,
                period,
                "本年度报告中所列数据的统计期限自2024年1月起至2024年12月止。",
            ),
        ),
        (
            "一、 heading",
            edit(&t, "**一、总体情况**", "一、 总体情况"),
        ),
        (
            "indented heading",
            edit(&t, "**一、总体情况**", "　　一、总体情况"),
        ),
        (
            "heading with colon",
            edit(&t, "**一、总体情况**", "一、总体情况："),
        ),
        (
            "earlier year inside the opening sentence",
            edit(
                &t,
                "2024年，我局坚持",
                "2024年，我局在巩固2023年工作成果的基础上，坚持",
            ),
        ),
        (
            "prose counts 一+二",
            edit(
                &t,
                "全年新收政府信息公开申请19件",
                "全年共收到政府信息公开申请21件",
            ),
        ),
        (
            "non-breaking space inside a label",
            edit(&t, "行政许可 |", "行政\u{a0}许可 |"),
        ),
        (
            "fee amount with two decimals",
            edit(&t, "行政事业性收费 | 12.5", "行政事业性收费 | 12.50"),
        ),
    ];
    for (what, text) in &cases {
        assert_clean(what, text);
    }
}

#[test]
fn markdown_cells_with_html_line_breaks() {
    let t = read("2024_markdown.md");
    let text = edit(
        &t,
        "| 1.属于国家秘密 |",
        "| （三）不予公开<br>1.属于国家秘密 |",
    );
    let text = edit(&text, "| 商业企业 |", "| 商业<br/>企业 |");
    assert_clean("<br> inside markdown cells", &text);
    assert_read(&DRAFTS[0], &text);
}

/// A table cell that is not applicable (`/`) is information (GX207), never an error; a clean
/// draft therefore writes 0, and `/` gives exactly one note per cell.
#[test]
fn not_applicable_slash_in_table_two_is_one_note() {
    let t = read("2024_pipe.txt");
    let text = edit(&t, "规章 | 0 | 0 | 0 |", "规章 | / | / | / |");
    let d = gxlint::check(&text, &Settings::default()).diagnostics;
    assert_eq!(d.len(), 3, "{}", show(&text, &d));
    for x in &d {
        assert_eq!(x.code, "GX207");
        assert_eq!(x.severity, gxlint::diagnostic::Severity::Info);
        assert_eq!(&text[x.span.clone()], "/");
    }
}

/// A phone number closing a parenthesis, `（…联系电话：0746-7222035）。`: the unbalanced `）`
/// belongs to the sentence, not to the number (GX506 once reported it as malformed).
#[test]
fn phone_number_closing_a_parenthesis() {
    let t = read("2017_plain.txt");
    let text = edit(
        &t,
        "联系电话：0746-7222035；电子邮箱：nyxjyj@163.com）。",
        "联系电话：0746-7222035）。",
    );
    assert_clean("phone number before a closing bracket", &text);
}
