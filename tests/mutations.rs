//! Mutation tests: each clean draft of tests/fixtures/clean (every year, every table form) gets one
//! realistic defect at a time, and exactly the expected diagnostics must appear, pointing at the
//! changed text (arithmetic rules point at the cell holding the total, rules.md GX3xx).

use std::ops::Range;

use gxlint::config::Settings;
use gxlint::diagnostic::{Diagnostic, Severity};

const DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/clean");

const FILES: &[&str] = &[
    "2024_markdown.md",
    "2024_pipe.txt",
    "2024_tab.txt",
    "2024_cell.txt",
    "2024_tsv.txt",
    "2021_markdown.md",
    "2021_pipe.txt",
    "2021_tab.txt",
    "2021_cell.txt",
    "2021_tsv.txt",
    "2020_markdown.md",
    "2020_pipe.txt",
    "2020_tab.txt",
    "2020_cell.txt",
    "2020_tsv.txt",
];

fn read(file: &str) -> String {
    std::fs::read_to_string(format!("{DIR}/{file}"))
        .unwrap_or_else(|e| panic!("fixture {file}: {e}"))
}

fn year_of(file: &str) -> i32 {
    file[..4].parse().expect("file name starts with the year")
}

fn is_cell_per_line(file: &str) -> bool {
    file.contains("_cell")
}

/// A mutated draft and the byte range of the changed text in it.
struct Mutant {
    text: String,
    changed: Range<usize>,
}

fn replace_at(text: &str, at: Range<usize>, new: &str) -> Mutant {
    let mut t = String::with_capacity(text.len() + new.len());
    t.push_str(&text[..at.start]);
    t.push_str(new);
    t.push_str(&text[at.end..]);
    Mutant {
        text: t,
        changed: at.start..at.start + new.len(),
    }
}

/// Replace the first occurrence of `from` at or after `after`.
fn replace_first(text: &str, after: usize, from: &str, to: &str) -> Mutant {
    let p = text[after..]
        .find(from)
        .unwrap_or_else(|| panic!("{from:?} not found"))
        + after;
    replace_at(text, p..p + from.len(), to)
}

/// Start of the line holding the last occurrence of `heading` (a section heading: earlier
/// occurrences are the report's table of contents in its opening paragraph).
fn heading_at(text: &str, heading: &str) -> usize {
    let p = text
        .rfind(heading)
        .unwrap_or_else(|| panic!("heading {heading:?}"));
    text[..p].rfind('\n').map_or(0, |i| i + 1)
}

const H2: &str = "主动公开政府信息情况";
const H3: &str = "收到和处理政府信息公开申请情况";
const H4: &str = "政府信息公开行政复议、行政诉讼情况";
const H5: &str = "存在的主要问题及改进情况";

/// Byte ranges of the cells holding only a number (digits, sign, decimal point) from `from` on,
/// in any of the forms: cells split by `|` or tab, or a whole line.
fn numbers_from(text: &str, from: usize) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut pos = from;
    for line in text[from..].split_inclusive('\n') {
        let content = line.trim_end_matches(['\n', '\r']);
        let mut start = 0;
        let bytes = content.as_bytes();
        for i in 0..=bytes.len() {
            if i == bytes.len() || bytes[i] == b'|' || bytes[i] == b'\t' {
                let cell = &content[start..i];
                let t = cell.trim();
                if !t.is_empty()
                    && t.chars().any(|c| c.is_ascii_digit())
                    && t.chars()
                        .all(|c| c.is_ascii_digit() || c == '.' || c == '-')
                {
                    let a = pos + start + (cell.len() - cell.trim_start().len());
                    out.push(a..a + t.len());
                }
                start = i + 1;
            }
        }
        pos += line.len();
    }
    out
}

/// The `n`-th number cell after the first of `anchors` found after the heading of section 三.
fn requests_cell(text: &str, anchors: &[&str], n: usize) -> Range<usize> {
    let s = heading_at(text, H3);
    let p = anchors
        .iter()
        .find_map(|a| text[s..].find(a).map(|p| s + p + a.len()))
        .unwrap_or_else(|| panic!("anchors {anchors:?}"));
    numbers_from(text, p)[n].clone()
}

fn bump(text: &str, at: Range<usize>, by: i64) -> Mutant {
    let v: i64 = text[at.clone()].parse().expect("an integer cell");
    replace_at(text, at, &(v + by).to_string())
}

#[derive(Debug, Clone, Copy)]
enum Where {
    /// The diagnostic's span contains the changed text (or is the empty span at its place).
    Changed,
    /// The diagnostic's span is exactly this text.
    Text(&'static str),
    /// Anywhere (a related total, an insertion point).
    Any,
}

fn show(text: &str, d: &[Diagnostic]) -> String {
    d.iter()
        .map(|d| {
            format!(
                "  {} {:?} {:?} «{}» {}\n",
                d.code,
                d.severity,
                d.span,
                text.get(d.span.clone()).unwrap_or("<bad span>"),
                d.message
            )
        })
        .collect()
}

/// Exactly the expected codes (each once) appear, each where expected.
fn expect(file: &str, what: &str, m: &Mutant, want: &[(&str, Where)]) {
    let d = gxlint::check(&m.text, &Settings::default()).diagnostics;
    let ctx = || {
        format!(
            "{file} / {what}: changed {:?} «{}»\n{}",
            m.changed,
            &m.text[m.changed.clone()],
            show(&m.text, &d)
        )
    };
    let mut got: Vec<&str> = d.iter().map(|d| d.code).collect();
    got.sort();
    let mut exp: Vec<&str> = want.iter().map(|w| w.0).collect();
    exp.sort();
    assert_eq!(got, exp, "codes\n{}", ctx());
    for (code, w) in want {
        let x = d.iter().find(|d| d.code == *code).unwrap();
        match w {
            // A blanked cell: the empty span at the cell's place (after its leading blanks).
            Where::Changed if m.changed.is_empty() => assert!(
                x.span.is_empty()
                    && x.span.start.abs_diff(m.changed.start) <= 3
                    && !m.text
                        [x.span.start.min(m.changed.start)..x.span.start.max(m.changed.start)]
                        .contains(['|', '\n']),
                "{code} not at the blanked cell\n{}",
                ctx()
            ),
            Where::Changed => assert!(
                x.span.start <= m.changed.start
                    && m.changed.end <= x.span.end
                    && x.span.len() <= m.changed.len() + 120,
                "{code} does not point at the changed text\n{}",
                ctx()
            ),
            Where::Text(s) => {
                assert_eq!(&m.text[x.span.clone()], *s, "{code} span\n{}", ctx())
            }
            Where::Any => {}
        }
    }
}

#[test]
fn appeal_total_broken() {
    for f in FILES {
        let t = read(f);
        let cell = numbers_from(&t, heading_at(&t, H4))[4].clone(); // 行政复议 总计
        let m = bump(&t, cell, 1);
        expect(f, "行政复议总计 +1", &m, &[("GX305", Where::Changed)]);
    }
}

#[test]
fn results_total_cell_broken() {
    for f in FILES {
        let t = read(f);
        // （七）总计, column 自然人: breaks the column sum (GX302), the row sum (GX303) and the
        // balance of column 自然人 (GX301); the one cell explains all three: one GX300 there.
        let cell = requests_cell(&t, &["（七）总计", "(七)总计"], 0);
        let m = bump(&t, cell, -1);
        expect(f, "（七）总计 自然人 -1", &m, &[("GX300", Where::Changed)]);
        let d = gxlint::check(&m.text, &Settings::default()).diagnostics;
        for code in ["GX301", "GX302", "GX303"] {
            assert!(d[0].message.contains(code), "{f}: {}", d[0].message);
        }
    }
}

#[test]
fn row_addend_broken() {
    for f in FILES {
        let t = read(f);
        // 1.本机关不掌握相关政府信息, 自然人 +1: the row total (GX303) and the column's
        // （七）总计 (GX302) no longer add up; the addend is the one cell explaining both.
        let cell = requests_cell(&t, &["本机关不掌握相关政府信息"], 0);
        let before: i64 = t[cell.clone()].parse().unwrap();
        let m = bump(&t, cell, 1);
        expect(f, "addend +1", &m, &[("GX300", Where::Changed)]);
        let d = gxlint::check(&m.text, &Settings::default()).diagnostics;
        assert_eq!(d[0].expected, Some(before.to_string()), "{f}");
        assert!(
            d[0].message.contains("GX302") && d[0].message.contains("GX303"),
            "{f}: {}",
            d[0].message
        );
    }
}

#[test]
fn section_heading_deleted() {
    for f in FILES {
        let t = read(f);
        let a = heading_at(&t, H5);
        let b = a + t[a..].find('\n').unwrap() + 1;
        let m = replace_at(&t, a..b, "");
        expect(f, "heading 五 deleted", &m, &[("GX101", Where::Any)]);
    }
}

#[test]
fn row_renamed_to_a_known_variant() {
    for f in FILES {
        let t = read(f);
        let m = replace_first(
            &t,
            heading_at(&t, H3),
            "信访举报投诉类申请",
            "信访投诉举报类申请",
        );
        expect(f, "信访投诉举报类申请", &m, &[("GX204", Where::Changed)]);
    }
}

#[test]
fn total_renamed_to_heji_in_table_four() {
    for f in FILES {
        let t = read(f);
        let m = replace_first(&t, heading_at(&t, H4), "总计", "合计");
        expect(f, "表四 合计", &m, &[("GX204", Where::Changed)]);
    }
}

#[test]
fn labels_of_the_other_format_version() {
    for f in FILES {
        let t = read(f);
        let at = heading_at(&t, H2);
        let m = if year_of(f) >= 2021 {
            // 2019 row label in a 2021 table 二.
            replace_first(&t, at, "行政规范性文件", "规范性文件")
        } else {
            // 2021 row label in a 2019 table 二.
            replace_first(&t, at, "规范性文件", "行政规范性文件")
        };
        expect(
            f,
            "label of the other version",
            &m,
            &[("GX201", Where::Changed)],
        );
    }
}

#[test]
fn column_header_of_the_2019_format_in_a_2021_table() {
    for f in FILES.iter().filter(|f| year_of(f) >= 2021) {
        let t = read(f);
        let at = heading_at(&t, H2);
        let m = if is_cell_per_line(f) {
            replace_first(&t, at, "本年制发\n件数", "本年新制作\n数量")
        } else {
            replace_first(&t, at, "本年制发件数", "本年新制作数量")
        };
        expect(f, "本年新制作数量", &m, &[("GX201", Where::Changed)]);
    }
}

#[test]
fn blank_cell() {
    for f in FILES {
        let t = read(f);
        let cell = requests_cell(&t, &["保护第三方合法权益"], 1);
        if is_cell_per_line(f) {
            // Without row boundaries a blank cell is a missing paragraph: the row is short.
            let a = t[..cell.start].rfind("\n\n").unwrap();
            let m = replace_at(&t, a..cell.end, "");
            expect(f, "cell removed", &m, &[("GX205", Where::Any)]);
            let d = gxlint::check(&m.text, &Settings::default()).diagnostics;
            assert!(m.text[d[0].span.clone()].contains("保护第三方合法权益"));
        } else {
            let m = replace_at(&t, cell, "");
            expect(f, "cell blanked", &m, &[("GX206", Where::Changed)]);
        }
    }
}

#[test]
fn text_negative_and_fraction_in_a_count() {
    for f in FILES {
        let t = read(f);
        // 属于国家秘密 is 0 in every draft: text and a fraction make the row unreadable for the
        // arithmetic; only the cell is reported.
        let cell = requests_cell(&t, &["属于国家秘密"], 2);
        assert_eq!(&t[cell.clone()], "0", "{f}");
        let m = replace_at(&t, cell.clone(), "无");
        expect(f, "无", &m, &[("GX207", Where::Changed)]);
        let m = replace_at(&t, cell.clone(), "0.5");
        expect(f, "0.5", &m, &[("GX208", Where::Changed)]);
    }
}

#[test]
fn not_applicable_in_table_two_is_information() {
    for f in FILES {
        let t = read(f);
        let cell = numbers_from(&t, heading_at(&t, H2))[0].clone(); // 规章, first column
        let m = replace_at(&t, cell, "/");
        expect(f, "/", &m, &[("GX207", Where::Changed)]);
        let d = gxlint::check(&m.text, &Settings::default()).diagnostics;
        assert_eq!(d[0].severity, Severity::Info, "{f}");
    }
}

#[test]
fn period_year_changed() {
    for f in FILES {
        let t = read(f);
        let y = year_of(f);
        let from = format!("{y}年1月1日");
        let p = t.find(&from).unwrap();
        let m = replace_at(&t, p..p + 4, &(y - 1).to_string());
        expect(f, "period year", &m, &[("GX401", Where::Changed)]);
    }
}

#[test]
fn web_residue_inserted() {
    for f in FILES {
        let t = read(f);
        // After the first paragraph of section 一.
        let p = t.find("\n\n").unwrap() + 2;
        let m = replace_at(&t, p..p, "扫一扫在手机打开当前页\n\n");
        let m = Mutant {
            changed: m.changed.start..m.changed.start + "扫一扫在手机打开当前页".len(),
            ..m
        };
        expect(f, "扫一扫", &m, &[("GX503", Where::Changed)]);
    }
}

#[test]
fn spam_in_the_title_area() {
    for f in FILES {
        let t = read(f);
        let m = replace_at(&t, 0..0, "365体育官网\n\n");
        let m = Mutant {
            changed: 0.."365体育官网".len(),
            ..m
        };
        expect(f, "spam", &m, &[("GX504", Where::Changed)]);
    }
}

#[test]
fn empty_contact_field() {
    for f in FILES {
        let t = read(f);
        let a = t.find("地址：").unwrap() + "地址：".len();
        let b = a + t[a..].find('；').unwrap();
        let m = replace_at(&t, a..b, "");
        expect(f, "地址：", &m, &[("GX501", Where::Text("地址："))]);
    }
}

#[test]
fn fee_statement_removed() {
    for f in FILES.iter().filter(|f| year_of(f) >= 2021) {
        let t = read(f);
        let p = t.find("信息处理费").unwrap();
        let a = t[..p].rfind(['\n', '。']).unwrap() + 1;
        let a = if t[a..].starts_with('\n') { a + 1 } else { a };
        let b = p + t[p..].find('。').unwrap() + '。'.len_utf8();
        let m = replace_at(&t, a..b, "");
        expect(f, "no 信息处理费", &m, &[("GX106", Where::Any)]);
    }
}

#[test]
fn publication_after_the_deadline() {
    for f in FILES {
        let t = read(f);
        let y = year_of(f) + 1;
        // Published in April: the closing date line and, where there is one, the 发布日期 line.
        let from = format!("\n{y}年1月");
        let p = t.rfind(&from).unwrap() + 1;
        let day_end = p + t[p..].find('日').unwrap() + '日'.len_utf8();
        let m = replace_at(&t, p..day_end, &format!("{y}年4月8日"));
        let m = match m.text.find(&format!("{y}-01-")) {
            Some(q) => {
                let r = replace_at(&m.text, q..q + 10, &format!("{y}-04-08"));
                Mutant {
                    text: r.text,
                    changed: q..q + 10,
                }
            }
            None => m,
        };
        expect(f, "late", &m, &[("GX405", Where::Changed)]);
    }
}

#[test]
fn stale_basis_citation() {
    for f in FILES {
        let t = read(f);
        let m = if year_of(f) >= 2021 {
            replace_first(&t, 0, "〔2021〕30号", "〔2019〕60号")
        } else {
            replace_first(&t, 0, "国务院令第711号", "国务院令第492号")
        };
        expect(f, "stale citation", &m, &[("GX406", Where::Changed)]);
    }
}

#[test]
fn whole_tables_of_the_other_format_version() {
    // tests/fixtures/clean/stale: the clean drafts' prose with tables 二 and 三 of the other
    // version (consistent figures): one GX201 per table, at the first foreign label.
    let forms = ["markdown.md", "pipe.txt", "tab.txt", "cell.txt", "tsv.txt"];
    for (name, first, second) in [
        ("2024_on_2019", "本年新制作数量", "其他处理"),
        (
            "2020_on_2021",
            "本年制发件数",
            "1.申请人无正当理由逾期不补正",
        ),
    ] {
        for form in forms {
            let f = format!("stale/{name}_{form}");
            let t = read(&f);
            let d = gxlint::check(&t, &Settings::default()).diagnostics;
            let codes: Vec<&str> = d.iter().map(|d| d.code).collect();
            assert_eq!(codes, ["GX201", "GX201"], "{f}\n{}", show(&t, &d));
            let s0: String = t[d[0].span.clone()]
                .chars()
                .filter(|c| !c.is_whitespace())
                .collect::<String>()
                .replace("<br>", "");
            assert_eq!(s0, first, "{f}");
            assert!(t[d[1].span.clone()].contains(second), "{f}");
            assert!(d[0].span.start > heading_at(&t, H2) && d[1].span.start > heading_at(&t, H3));
        }
    }
}
