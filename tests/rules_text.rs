//! GX601–GX603: prose against tables 三 and 四.
//!
//! The fixtures are markdown reports. `lint_with_tables` reads their tables with a small
//! test-only reader (so the rules are tested whatever the state of the real table reader);
//! the `real_reader_*` tests run the same fixtures through `gxlint::check` alone.

use gxlint::config::Settings;
use gxlint::document::{Cell, CellValue, Document, RowRead, Table, TableForm, TableKind};
use gxlint::templates;

const ZEROS: [i64; 15] = [0; 15];

/// A 2021 report in markdown: prose in 一, table 三 with the given 总计 per row id (the same
/// number also in the 自然人 column), table 四 with `appeals`.
fn report(prose: &str, totals: &[(&str, i64)], appeals: [i64; 15]) -> String {
    let t = templates::template(gxlint::document::Format::V2021).unwrap();
    let mut s = String::from("# 某某市科学技术局2021年政府信息公开工作年度报告\n\n");
    s.push_str("本报告统计数据自2021年1月1日起至2021年12月31日止。\n\n## 一、总体情况\n\n");
    s.push_str(prose);
    s.push_str(
        "\n\n## 二、主动公开政府信息情况\n\n略。\n\n## 三、收到和处理政府信息公开申请情况\n\n",
    );
    s.push_str("| （本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和） | 申请人情况 | | | | | | |\n");
    s.push_str("|---|---|---|---|---|---|---|---|\n");
    s.push_str("| | 自然人 | 法人或其他组织 | | | | | 总计 |\n");
    s.push_str("| | | 商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 | |\n");
    for row in &t.requests.row {
        let group = match row.parent.as_deref() {
            Some(p) if p != "results" => {
                format!(
                    "{} ",
                    t.requests.find(p).map(|r| r.label.as_str()).unwrap_or("")
                )
            }
            _ => String::new(),
        };
        if !row.values {
            s.push_str(&format!("| {} | | | | | | | |\n", row.label));
            continue;
        }
        let v = totals
            .iter()
            .find(|(id, _)| *id == row.id)
            .map_or(0, |(_, v)| *v);
        s.push_str(&format!(
            "| {group}{} | {v} | 0 | 0 | 0 | 0 | 0 | {v} |\n",
            row.label
        ));
    }
    s.push_str("\n## 四、政府信息公开行政复议、行政诉讼情况\n\n");
    s.push_str("| 行政复议 | | | | | 行政诉讼 | | | | | | | | | |\n");
    s.push_str("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
    s.push_str("| 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | 未经复议直接起诉 | | | | | 复议后起诉 | | | | |\n");
    s.push_str("| | | | | | 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 |\n");
    let cells: Vec<String> = appeals.iter().map(|v| v.to_string()).collect();
    s.push_str(&format!("| {} |\n", cells.join(" | ")));
    s.push_str("\n## 五、存在的主要问题及改进情况\n\n略。\n\n## 六、其他需要报告的事项\n\n本机关未收取信息处理费。\n");
    s
}

/// Cells of a pipe line: (span without surrounding blanks, text).
fn cells(text: &str, start: usize, end: usize) -> Vec<(usize, usize)> {
    let line = &text[start..end];
    let mut out = Vec::new();
    let bars: Vec<usize> = line.match_indices('|').map(|(i, _)| i).collect();
    for w in bars.windows(2) {
        let raw = &line[w[0] + 1..w[1]];
        let lead = raw.len() - raw.trim_start().len();
        let a = start + w[0] + 1 + lead;
        out.push((a, a + raw.trim().len()));
    }
    out
}

fn cell(text: &str, (a, b): (usize, usize)) -> Cell {
    let s = &text[a..b];
    let value = if s.is_empty() {
        CellValue::Empty
    } else if let Ok(v) = s.parse::<f64>() {
        CellValue::Number(v)
    } else {
        CellValue::Text
    };
    Cell { span: a..b, value }
}

fn table(kind: TableKind, span: std::ops::Range<usize>, rows: Vec<RowRead>) -> Table {
    Table {
        kind,
        form: TableForm::Markdown,
        span,
        rows,
        missing: Vec::new(),
        missing_at: Vec::new(),
        foreign: Vec::new(),
        variants: Vec::new(),
    }
}

/// A test-only reader for the fixtures of `report`.
fn read_fixture_tables(text: &str) -> Vec<Table> {
    let t = templates::template(gxlint::document::Format::V2021).unwrap();
    let s3 = text.find("## 三、").unwrap();
    let s4 = text.find("## 四、").unwrap();
    let s5 = text.find("## 五、").unwrap();
    let mut req_rows = Vec::new();
    let mut appeals_rows = Vec::new();
    let mut req_span: Option<(usize, usize)> = None;
    let mut app_span: Option<(usize, usize)> = None;
    let mut pos = 0;
    for line in text.split_inclusive('\n') {
        let (start, end) = (pos, pos + line.trim_end().len());
        pos += line.len();
        if !line.starts_with('|') {
            continue;
        }
        let cs = cells(text, start, end);
        if (s3..s4).contains(&start) {
            req_span = Some((req_span.map_or(start, |(a, _)| a), end));
            // The row label: the last label cell before the numbers (group cells come first).
            for (i, &(a, b)) in cs.iter().enumerate() {
                let label = &text[a..b];
                if let Some(row) = t
                    .requests
                    .row
                    .iter()
                    .find(|r| r.values && label.ends_with(r.label.as_str()))
                {
                    let values = cs[i + 1..].iter().map(|&c| cell(text, c)).collect();
                    req_rows.push(RowRead {
                        id: row.id.as_str(),
                        label: a..b,
                        values,
                        expected: 7,
                        end,
                        version: gxlint::document::Format::V2021,
                    });
                    break;
                }
            }
        } else if (s4..s5).contains(&start) {
            app_span = Some((app_span.map_or(start, |(a, _)| a), end));
            let values: Vec<Cell> = cs.iter().map(|&c| cell(text, c)).collect();
            if values.len() == 15
                && values
                    .iter()
                    .all(|c| matches!(c.value, CellValue::Number(_)))
            {
                appeals_rows.push(RowRead {
                    id: "appeals",
                    label: start..start,
                    values,
                    expected: 15,
                    end,
                    version: gxlint::document::Format::V2021,
                });
            }
        }
    }
    let span = |s: Option<(usize, usize)>| s.map_or(0..0, |(a, b)| a..b);
    vec![
        table(TableKind::Requests, span(req_span), req_rows),
        table(TableKind::Appeals, span(app_span), appeals_rows),
    ]
}

/// My diagnostics (code, matched text, message) with the fixture's tables.
fn lint_with_tables(text: &str) -> Vec<(String, String, String)> {
    let settings = Settings::default();
    let mut doc = Document::parse(text, &settings.parse_options());
    doc.tables = read_fixture_tables(text);
    // The title reader may not be there yet either: the fixtures are 2021 reports.
    doc.year = Some(2021);
    assert!(
        doc.table(TableKind::Requests).unwrap().row("new").is_some(),
        "fixture reader"
    );
    mine(text, gxlint::lint(&doc, &settings))
}

fn mine(text: &str, d: Vec<gxlint::diagnostic::Diagnostic>) -> Vec<(String, String, String)> {
    d.into_iter()
        .filter(|d| d.code.starts_with("GX6"))
        .map(|d| {
            (
                d.code.to_string(),
                text[d.span.clone()].to_string(),
                d.message,
            )
        })
        .collect()
}

fn codes(v: &[(String, String, String)]) -> Vec<&str> {
    v.iter().map(|(c, _, _)| c.as_str()).collect()
}

// Each case: (prose, table 三 totals, table 四 row, expected codes).
type Case = (
    &'static str,
    &'static [(&'static str, i64)],
    [i64; 15],
    &'static [&'static str],
);

fn appeals(review: i64, direct: i64, after: i64) -> [i64; 15] {
    let mut a = ZEROS;
    a[0] = review;
    a[4] = review;
    a[5] = direct;
    a[9] = direct;
    a[10] = after;
    a[14] = after;
    a
}

const BALANCED: &[(&str, i64)] = &[
    ("new", 3),
    ("carry", 1),
    ("r1", 2),
    ("r3.4", 1),
    ("next", 1),
    ("r7", 3),
];

fn cases() -> Vec<Case> {
    vec![
        // GX601
        (
            "本年度未收到政府信息公开申请。",
            BALANCED,
            ZEROS,
            &["GX601"],
        ),
        (
            "全年共收到政府信息公开申请5件。",
            BALANCED,
            ZEROS,
            &["GX601"],
        ),
        ("本年新收政府信息公开申请4件。", BALANCED, ZEROS, &["GX601"]),
        (
            "全年共收到政府信息公开申请4件（含上年结转）。",
            BALANCED,
            ZEROS,
            &[],
        ),
        ("本年新收政府信息公开申请3件。", BALANCED, ZEROS, &[]),
        ("共收到3件政府信息公开申请。", BALANCED, ZEROS, &[]),
        (
            "2020年收到政府信息公开申请9件，本年度未收到政府信息公开行政复议申请。",
            BALANCED,
            ZEROS,
            &[],
        ),
        ("2021年,我局未收到要求公开政府信息的申请。", &[], ZEROS, &[]),
        ("2021年我局未收到依申请公开的申请。", &[], ZEROS, &[]),
        (
            "2021年我局未收到依申请公开的申请。",
            &[("new", 2), ("r1", 2), ("r7", 2)],
            ZEROS,
            &["GX601"],
        ),
        // GX602
        (
            "本年度未发生因政府信息公开被申请行政复议的情况。",
            &[],
            appeals(1, 0, 0),
            &["GX602"],
        ),
        ("本年度发生行政诉讼2件。", &[], appeals(0, 1, 0), &["GX602"]),
        (
            "被申请行政复议1件，结果维持1件；未发生行政诉讼。",
            &[],
            appeals(1, 0, 0),
            &[],
        ),
        (
            "行政诉讼2件，其中复议后起诉1件。",
            &[],
            appeals(0, 1, 1),
            &[],
        ),
        (
            "未收到政府信息公开行政复议申请，没有引发有关信息公开提起的行政诉讼。",
            &[],
            ZEROS,
            &[],
        ),
        (
            "未收到政府信息公开行政复议申请，没有引发有关信息公开提起的行政诉讼。",
            &[],
            appeals(0, 0, 1),
            &["GX602"],
        ),
        // Issue 8, point 5: recall on what real reports get wrong, and scope.
        (
            "本年度受理政府信息公开申请17件。",
            &[("new", 95), ("r1", 95), ("r7", 95)],
            ZEROS,
            &["GX601"],
        ),
        (
            "行政复议7件，诉讼9件，均获维持。",
            &[],
            [5, 0, 0, 2, 7, 9, 0, 0, 0, 9, 0, 0, 0, 0, 0],
            &["GX602"],
        ),
        (
            "行政复议7件，诉讼9件，均获维持。",
            &[],
            [7, 0, 0, 0, 7, 9, 0, 0, 0, 9, 0, 0, 0, 0, 0],
            &[],
        ),
        (
            "予以公开及部分公开258件。",
            &[("new", 250), ("r1", 200), ("r2", 50), ("r7", 250)],
            ZEROS,
            &["GX603"],
        ),
        (
            "予以公开及部分公开250件。",
            &[("new", 250), ("r1", 200), ("r2", 50), ("r7", 250)],
            ZEROS,
            &[],
        ),
        (
            "无法提供265件。",
            &[("new", 260), ("r4.1", 260), ("r7", 260)],
            ZEROS,
            &["GX603"],
        ),
        (
            "未发生因依申请公开被行政复议纠错或行政诉讼败诉情形。",
            &[],
            appeals(1, 1, 0),
            &[],
        ),
        (
            "未发生因依申请公开被行政复议纠错或行政诉讼败诉情形。",
            &[],
            [0, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0],
            &["GX602"],
        ),
        (
            "本年度未发生因政府信息公开工作被申请行政复议、提起行政诉讼的情况。",
            BALANCED,
            ZEROS,
            &[],
        ),
        (
            "本年度未发生因政府信息公开工作被申请行政复议、提起行政诉讼的情况。",
            BALANCED,
            appeals(1, 0, 0),
            &["GX602"],
        ),
        // GX603
        (
            "予以公开3件，不予公开1件，结转下年度继续办理1件。",
            BALANCED,
            ZEROS,
            &["GX603"],
        ),
        (
            "予以公开2件，不予公开1件，结转下年度继续办理1件，共办结3件。",
            BALANCED,
            ZEROS,
            &[],
        ),
        ("予以公开2件，部分公开1件。", BALANCED, ZEROS, &["GX603"]),
        (
            "县长热线已办结17件，人大代表建议办结4件。",
            BALANCED,
            ZEROS,
            &[],
        ),
    ]
}

#[test]
fn text_against_tables() {
    let mut failures = Vec::new();
    for (prose, totals, four, want) in cases() {
        let text = report(prose, totals, four);
        let got = lint_with_tables(&text);
        if codes(&got) != want {
            failures.push(format!("{prose}\n  want {want:?}\n  got  {got:?}"));
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

#[test]
fn messages_carry_the_numbers_and_spans() {
    let text = report("全年共收到政府信息公开申请5件。", BALANCED, ZEROS);
    let got = lint_with_tables(&text);
    assert_eq!(got.len(), 1);
    let (_, span, msg) = &got[0];
    assert_eq!(span, "5");
    assert!(
        msg.contains('5') && msg.contains('3') && msg.contains('4'),
        "{msg}"
    );

    let text = report("本年度发生行政诉讼2件。", &[], appeals(0, 1, 0));
    let got = lint_with_tables(&text);
    assert_eq!(got[0].1, "2");
    assert!(
        got[0].2.contains("行政诉讼") && got[0].2.contains('1'),
        "{}",
        got[0].2
    );

    let text = report("本年度未收到政府信息公开申请。", BALANCED, ZEROS);
    let got = lint_with_tables(&text);
    assert_eq!(got[0].1, "未收到政府信息公开申请");
    assert!(got[0].2.contains("总计为 3"), "{}", got[0].2);
}

#[test]
fn cells_not_read_as_numbers_are_not_compared() {
    let text = report("全年共收到政府信息公开申请5件。", BALANCED, ZEROS);
    let settings = Settings::default();
    let mut doc = Document::parse(&text, &settings.parse_options());
    doc.year = Some(2021);
    let mut tables = read_fixture_tables(&text);
    let new = tables[0].rows.iter_mut().find(|r| r.id == "new").unwrap();
    new.values[6].value = CellValue::Text;
    doc.tables = tables;
    assert!(mine(&text, gxlint::lint(&doc, &settings)).is_empty());
}

#[test]
fn prose_inside_a_table_is_not_read() {
    // A count sentence inside the table region of 三 is not prose.
    let text = report("", BALANCED, ZEROS).replace(
        "| 二、上年结转",
        "| 备注：收到政府信息公开申请9件 |\n| 二、上年结转",
    );
    assert!(lint_with_tables(&text).is_empty());
}

/// The same fixtures through the real table reader (branch `tables`).
#[test]
fn real_reader_text_against_tables() {
    let mut failures = Vec::new();
    for (prose, totals, four, want) in cases() {
        let text = report(prose, totals, four);
        let got = mine(
            &text,
            gxlint::check(&text, &Settings::default()).diagnostics,
        );
        if codes(&got) != want {
            failures.push(format!("{prose}\n  want {want:?}\n  got  {got:?}"));
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

fn seed(n: &str) -> String {
    let mut candidates = Vec::new();
    if let Ok(p) = std::env::var("GXLINT_SEEDS") {
        candidates.push(std::path::PathBuf::from(p));
    }
    candidates.push(std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/seeds"));
    candidates.push(std::path::PathBuf::from("/work/shared/seeds"));
    let dir = candidates
        .into_iter()
        .find(|p| p.is_dir())
        .expect("seed directory: set GXLINT_SEEDS");
    let entry = std::fs::read_dir(&dir)
        .expect("read seeds")
        .filter_map(|e| e.ok())
        .find(|e| {
            e.file_name()
                .to_string_lossy()
                .starts_with(&format!("{n}_"))
        })
        .unwrap_or_else(|| panic!("seed {n} missing"));
    std::fs::read_to_string(entry.path()).expect("read seed")
}

/// Seeds 001 and 003 say no application was received, and their tables 三 agree (all zero):
/// the prose is compared (the tables are read) and nothing is reported.
#[test]
fn seeds_prose_agrees_with_tables() {
    for n in ["001", "003"] {
        let text = seed(n);
        let settings = Settings::default();
        let doc = Document::parse(&text, &settings.parse_options());
        let t = doc.table(TableKind::Requests).expect("table 三 read");
        let new = t
            .row("new")
            .and_then(|r| r.values.get(6))
            .and_then(|c| c.value.as_int());
        assert_eq!(new, Some(0), "seed {n}: 一 总计");
        assert!(
            mine(&text, gxlint::lint(&doc, &settings)).is_empty(),
            "seed {n}"
        );
    }
    // Make 001's 一 总计 disagree: the prose `未收到要求公开政府信息的申请` agrees with what the
    // cell should be (its row adds up to 0), so the cell is reported (GX300), not the prose.
    let text = seed("001");
    let settings = Settings::default();
    let mut doc = Document::parse(&text, &settings.parse_options());
    let t = doc
        .tables
        .iter_mut()
        .find(|t| t.kind == TableKind::Requests)
        .unwrap();
    let row = t.rows.iter_mut().find(|r| r.id == "new").unwrap();
    row.values[6].value = CellValue::Number(2.0);
    let all = gxlint::lint(&doc, &settings);
    assert!(mine(&text, all.clone()).is_empty());
    let root: Vec<_> = all.iter().filter(|d| d.code == "GX300").collect();
    assert_eq!(root.len(), 1, "{all:?}");
    assert!(
        root[0].message.contains("未收到要求公开政府信息的申请"),
        "{all:?}"
    );
    assert_eq!(root[0].expected.as_deref(), Some("0"));
}
