//! Canonical table rendering: structure of every table in every form, the fills, and (with the
//! table reader) the read-back round trip.

use gxlint::canonical::{self, Fill, render_row, render_table};
use gxlint::document::{Format, TableForm, TableKind};
use gxlint::templates;

const FORMS: [TableForm; 4] = [
    TableForm::Markdown,
    TableForm::Pipe,
    TableForm::Tab,
    TableForm::CellPerLine,
];
const KINDS: [TableKind; 3] = [TableKind::Active, TableKind::Requests, TableKind::Appeals];
const FORMATS: [Format; 2] = [Format::V2021, Format::V2019];

/// The non-empty cells of a rendered table, in order, split the way the form defines cells.
fn cells(s: &str, form: TableForm) -> Vec<String> {
    let mut out = Vec::new();
    match form {
        TableForm::Markdown => {
            for line in s.lines() {
                assert!(
                    line.starts_with('|') && line.ends_with('|'),
                    "markdown line {line:?}"
                );
                let inner = &line[1..line.len() - 1];
                if inner.split('|').all(|c| c.trim() == "---") {
                    continue;
                }
                out.extend(inner.split('|').map(|c| c.trim().to_string()));
            }
        }
        TableForm::Pipe => {
            for line in s.lines() {
                assert!(line.contains('|'), "pipe row without a pipe: {line:?}");
                out.extend(line.split('|').map(|c| c.trim().to_string()));
            }
        }
        TableForm::Tab => {
            for line in s.lines() {
                if line.is_empty() {
                    continue;
                }
                assert!(line.starts_with('\t'), "tab line {line:?}");
                out.push(line.trim().to_string());
            }
        }
        TableForm::CellPerLine => {
            for para in s.split("\n\n") {
                let p = para.trim();
                assert!(!p.contains('\n'), "one cell per paragraph: {p:?}");
                out.push(p.to_string());
            }
        }
    }
    out.retain(|c| !c.is_empty());
    out
}

/// The expected non-empty cell sequence for `kind` with `value(row, col)` for every value cell.
fn expected(kind: TableKind, format: Format, value: &dyn Fn(&str, usize) -> String) -> Vec<String> {
    let t = templates::template(format).unwrap();
    let mut out = Vec::new();
    match kind {
        TableKind::Active => {
            for b in &t.active.block {
                out.push(b.header.clone());
                out.push(t.active.first_column.clone());
                out.extend(b.columns.iter().cloned());
                for r in &b.rows {
                    out.push(r.label.clone());
                    out.extend((0..b.columns.len()).map(|i| value(&r.id, i)));
                }
            }
        }
        TableKind::Requests => {
            out.push(t.requests.note.clone());
            out.extend(t.requests.header.iter().cloned());
            for r in &t.requests.row {
                out.push(r.label.clone());
                if r.values {
                    out.extend((0..t.requests.columns.len()).map(|i| value(&r.id, i)));
                }
            }
        }
        TableKind::Appeals => {
            out.extend(t.appeals.header.iter().cloned());
            for _ in 1..t.appeals.groups.len() {
                out.extend(t.appeals.columns.iter().cloned());
            }
            out.extend((0..t.appeals.value_count()).map(|i| value("appeals", i)));
        }
    }
    out
}

fn distinct(row: &str, col: usize) -> String {
    // A value that identifies its cell: the row id's bytes summed, times 10, plus the column.
    let h: usize = row.bytes().map(usize::from).sum();
    (h * 100 + col).to_string()
}

#[test]
fn every_table_every_form_has_the_template_cells_in_order() {
    for format in FORMATS {
        for kind in KINDS {
            for form in FORMS {
                let f = |r: &str, c: usize| Some(distinct(r, c));
                let s = render_table(kind, format, form, Fill::Values(&f));
                assert!(
                    s.ends_with('\n'),
                    "{format:?} {kind:?} {form:?} ends with a line break"
                );
                assert!(
                    !s.ends_with("\n\n"),
                    "{format:?} {kind:?} {form:?}: no trailing blank line"
                );
                let got = cells(&s, form);
                let want = expected(kind, format, &distinct);
                assert_eq!(got, want, "{format:?} {kind:?} {form:?}\n{s}");
            }
        }
    }
}

#[test]
fn zero_fill_and_empty_fill() {
    for format in FORMATS {
        for kind in KINDS {
            for form in FORMS {
                let zero = render_table(kind, format, form, Fill::Zero);
                let want = expected(kind, format, &|_, _| "0".to_string());
                assert_eq!(cells(&zero, form), want, "{format:?} {kind:?} {form:?}");
                let empty = render_table(kind, format, form, Fill::Empty);
                let labels_only: Vec<String> = want.iter().filter(|c| *c != "0").cloned().collect();
                assert_eq!(
                    cells(&empty, form),
                    labels_only,
                    "{format:?} {kind:?} {form:?}"
                );
            }
        }
    }
}

#[test]
fn markdown_tables_are_gfm_grids() {
    for format in FORMATS {
        for kind in KINDS {
            let s = render_table(kind, format, TableForm::Markdown, Fill::Zero);
            let lines: Vec<&str> = s.lines().collect();
            let width = lines[0].matches('|').count() - 1;
            let delim = lines[1];
            assert_eq!(
                delim.matches("---").count(),
                width,
                "{format:?} {kind:?} delimiter row"
            );
            for l in &lines[2..] {
                assert!(
                    l.matches('|').count() - 1 <= width,
                    "{l} wider than the header"
                );
            }
        }
    }
}

#[test]
fn markdown_value_rows_hold_exactly_the_template_cells() {
    // Table 三 in 2021: a label then 7 values; group rows alone; 20 + 2 + 6 value rows.
    let s = render_table(
        TableKind::Requests,
        Format::V2021,
        TableForm::Markdown,
        Fill::Zero,
    );
    let value_rows = s.lines().filter(|l| l.ends_with("| 0 |")).count();
    assert_eq!(value_rows, 25);
    let total = s.lines().find(|l| l.contains("（七）总计")).unwrap();
    assert_eq!(total, "| （七）总计 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |");
    let group = s.lines().find(|l| l.contains("（六）其他处理")).unwrap();
    assert_eq!(group, "| （六）其他处理 |");
    // 2019: （六） is a value row, and there are no sub-rows 1.–3.
    let s19 = render_table(
        TableKind::Requests,
        Format::V2019,
        TableForm::Markdown,
        Fill::Zero,
    );
    let g19 = s19.lines().find(|l| l.contains("（六）其他处理")).unwrap();
    assert_eq!(g19, "| （六）其他处理 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |");
    assert!(!s19.contains("3.其他 |"));
}

#[test]
fn pipe_rows_put_group_labels_before_the_first_sub_row_like_seed_003() {
    let s = render_table(
        TableKind::Requests,
        Format::V2021,
        TableForm::Pipe,
        Fill::Zero,
    );
    assert!(s.contains("\n三、本年度办理结果 | （一）予以公开 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |\n"));
    assert!(s.contains("\n（三）不予公开 | 1.属于国家秘密 | 0 |"));
    let s = render_table(
        TableKind::Active,
        Format::V2021,
        TableForm::Pipe,
        Fill::Zero,
    );
    assert!(s.starts_with("第二十条第（一）项 |\n信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |\n规章 | 0 | 0 | 0 |\n"));
    assert!(s.contains("\n行政许可 | 0 |\n"));
}

#[test]
fn tab_rows_are_blocks_of_tab_lines() {
    let s = render_table(
        TableKind::Appeals,
        Format::V2021,
        TableForm::Tab,
        Fill::Empty,
    );
    let blocks: Vec<&str> = s.trim_end_matches('\n').split("\n\n").collect();
    assert_eq!(blocks.len(), 4);
    // The value row: 15 empty cells, each a line holding only the tab.
    assert_eq!(blocks[3], vec!["\t"; 15].join("\n"));
}

#[test]
fn cell_per_line_appeals_flattens_like_seed_000() {
    let s = render_table(
        TableKind::Appeals,
        Format::V2021,
        TableForm::CellPerLine,
        Fill::Zero,
    );
    let c = cells(&s, TableForm::CellPerLine);
    assert_eq!(&c[..2], ["行政复议", "行政诉讼"]);
    assert_eq!(&c[7..9], ["未经复议直接起诉", "复议后起诉"]);
    assert_eq!(c.len(), 9 + 10 + 15);
    assert!(c[19..].iter().all(|v| v == "0"));
}

#[test]
fn render_row_renders_rows_blocks_and_nothing_for_unknown_ids() {
    let r = render_row(
        TableKind::Requests,
        Format::V2021,
        TableForm::Markdown,
        "r3.2",
    );
    assert_eq!(r, "| 2.其他法律行政法规禁止公开 | | | | | | | |\n");
    let r = render_row(TableKind::Requests, Format::V2021, TableForm::Pipe, "r6");
    assert_eq!(r, "（六）其他处理 |\n");
    let r = render_row(TableKind::Requests, Format::V2021, TableForm::Tab, "next");
    assert_eq!(r, format!("\t四、结转下年度继续办理\n{}", "\t\n".repeat(7)));
    let r = render_row(
        TableKind::Requests,
        Format::V2021,
        TableForm::CellPerLine,
        "r1",
    );
    assert_eq!(r, "（一）予以公开\n");
    let r = render_row(TableKind::Active, Format::V2021, TableForm::Pipe, "a6");
    assert_eq!(
        r,
        "第二十条第（六）项 |\n信息内容 | 本年处理决定数量 |\n行政处罚 |  |\n行政强制 |  |\n"
    );
    let r = render_row(
        TableKind::Active,
        Format::V2019,
        TableForm::Markdown,
        "a5.other",
    );
    assert_eq!(r, "| 其他对外管理服务事项 | | | |\n");
    let r = render_row(
        TableKind::Appeals,
        Format::V2021,
        TableForm::Pipe,
        "appeals",
    );
    assert_eq!(r.matches('|').count(), 15);
    assert_eq!(
        render_row(TableKind::Requests, Format::V2021, TableForm::Pipe, "r6.1x"),
        ""
    );
    assert_eq!(
        render_row(TableKind::Active, Format::V2021, TableForm::Pipe, "a9"),
        ""
    );
    assert_eq!(
        render_row(TableKind::Active, Format::V2019, TableForm::Pipe, "a9")
            .lines()
            .count(),
        3
    );
    assert_eq!(
        render_table(
            TableKind::Requests,
            Format::Pre2019,
            TableForm::Pipe,
            Fill::Zero
        ),
        ""
    );
}

#[test]
fn headings_and_sentences_come_from_the_data() {
    assert_eq!(
        canonical::section_heading(3).unwrap(),
        "三、收到和处理政府信息公开申请情况"
    );
    assert_eq!(
        canonical::section_heading(6).unwrap(),
        "六、其他需要报告的事项"
    );
    assert_eq!(canonical::section_heading(7), None);
    assert_eq!(
        canonical::period_sentence(2025),
        "本年度报告中所列数据的统计期限自2025年1月1日起至2025年12月31日止。"
    );
}

// ---------------------------------------------------------------------------------------------
// Read-back through the table reader.

/// Consistent numbers for table 三 (every identity of GX301–GX304 holds), 四 (GX305) and 二.
pub fn consistent(row: &str, col: usize) -> Option<String> {
    // Per-row base counts for the 6 applicant columns; 总计 (col 6) is their sum.
    let base: [i64; 6] = [3, 1, 0, 2, 0, 1];
    let w: i64 = match row {
        // 一 + 二 = （七） + 四: 5 + 1 = 5 + 1; （七） = r1 2 + r2 1 + r3.1 1 + r4.1 1.
        "new" => 5,
        "carry" => 1,
        "r1" => 2,
        "r2" => 1,
        "r3.1" => 1,
        "r4.1" => 1,
        "r7" => 5,
        "next" => 1,
        _ => 0,
    };
    match row {
        "appeals" => {
            // per group: 1, 0, 2, 1 → 4
            let g = [1, 0, 2, 1];
            let i = col % 5;
            Some(if i < 4 { g[i] } else { g.iter().sum() }.to_string())
        }
        r if r.starts_with('a') => Some((col + 1).to_string()),
        _ => {
            if col < 6 {
                Some((base[col] * w).to_string())
            } else if col == 6 {
                Some((base.iter().sum::<i64>() * w).to_string())
            } else {
                None
            }
        }
    }
}

#[test]
fn rendered_tables_read_back_without_diagnostics() {
    use gxlint::config::Settings;
    for format in FORMATS {
        let year = if format == Format::V2021 { 2023 } else { 2020 };
        for form in FORMS {
            let mut text = format!(
                "# 测试局{year}年政府信息公开工作年度报告\n\n{}\n\n",
                canonical::period_sentence(year)
            );
            for n in 1..=6u8 {
                text.push_str(&format!(
                    "## {}\n\n",
                    canonical::section_heading(n).unwrap()
                ));
                let kind = match n {
                    2 => Some(TableKind::Active),
                    3 => Some(TableKind::Requests),
                    4 => Some(TableKind::Appeals),
                    _ => None,
                };
                match kind {
                    Some(k) => {
                        text.push_str(&render_table(k, format, form, Fill::Values(&consistent)));
                        text.push('\n');
                    }
                    None => text.push_str(
                        "本机关本年度工作正常开展，具体情况如下。本机关未收取信息处理费。\n\n",
                    ),
                }
            }
            let settings = Settings::default();
            let doc = gxlint::document::Document::parse(&text, &settings.parse_options());
            let diags = gxlint::lint(&doc, &settings);
            // Zero diagnostics of any kind (the text around the tables is a correct report too).
            assert!(diags.is_empty(), "{format:?} {form:?}: {diags:#?}\n{text}");
            for kind in KINDS {
                let t = doc
                    .table(kind)
                    .unwrap_or_else(|| panic!("{format:?} {form:?} {kind:?} read"));
                assert!(
                    t.missing.is_empty(),
                    "{format:?} {form:?} {kind:?} missing {:?}",
                    t.missing
                );
                for row in &t.rows {
                    for (i, c) in row.values.iter().enumerate() {
                        let want = consistent(row.id, i).unwrap();
                        assert_eq!(
                            &text[c.span.clone()],
                            want,
                            "{format:?} {form:?} {} col {i}",
                            row.id
                        );
                    }
                }
            }
        }
    }
}
