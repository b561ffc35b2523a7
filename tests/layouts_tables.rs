//! Real table layouts (issue #8 point 4): each fixture of tests/fixtures/layouts (written by its
//! gen.py from the clean 2024 drafts) is a correct report in a layout seen in published reports,
//! and must give zero diagnostics and read the same figures as the clean draft; a fixture with a
//! planted mistake gives exactly one finding, at that cell.

use gxlint::config::Settings;
use gxlint::diagnostic::Diagnostic;
use gxlint::document::tables::row_ints;
use gxlint::document::{CellValue, Document, TableKind};

const DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/layouts");

fn read(file: &str) -> String {
    std::fs::read_to_string(format!("{DIR}/{file}")).unwrap_or_else(|e| panic!("{file}: {e}"))
}

fn check(text: &str) -> Vec<Diagnostic> {
    gxlint::check(text, &Settings::default()).diagnostics
}

fn show(text: &str, d: &[Diagnostic]) -> String {
    d.iter()
        .map(|d| {
            format!(
                "{} {:?} «{}» {}",
                d.code,
                d.span,
                &text[d.span.clone()],
                d.message
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Zero diagnostics, and the tables read the clean draft's figures.
fn assert_clean_read(file: &str) {
    let text = read(file);
    let d = check(&text);
    assert!(d.is_empty(), "{file}:\n{}", show(&text, &d));
    let doc = Document::parse(&text, &Settings::default().parse_options());
    let t3 = doc.table(TableKind::Requests).expect("table 三");
    assert!(t3.missing.is_empty(), "{file}: missing {:?}", t3.missing);
    assert_eq!(
        row_ints(t3, "new").unwrap(),
        [14, 3, 0, 1, 1, 0, 19],
        "{file}"
    );
    assert_eq!(
        row_ints(t3, "r4.1").unwrap(),
        [3, 1, 0, 1, 0, 0, 5],
        "{file}"
    );
    assert_eq!(row_ints(t3, "r3.2").unwrap(), [0; 7], "{file}");
    assert_eq!(
        row_ints(t3, "r7").unwrap(),
        [15, 3, 0, 1, 1, 0, 20],
        "{file}"
    );
    assert_eq!(
        row_ints(t3, "next").unwrap(),
        [1, 0, 0, 0, 0, 0, 1],
        "{file}"
    );
    let t2 = doc.table(TableKind::Active).expect("table 二");
    assert!(t2.missing.is_empty(), "{file}: missing {:?}", t2.missing);
    assert_eq!(row_ints(t2, "a1.docs").unwrap(), [3, 1, 14], "{file}");
    assert_eq!(row_ints(t2, "a6.force").unwrap(), [2], "{file}");
    let t4 = doc.table(TableKind::Appeals).expect("table 四");
    assert_eq!(
        row_ints(t4, "appeals").unwrap(),
        [1, 0, 0, 1, 2, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0],
        "{file}"
    );
}

/// The text with the `nth` value cell after `label` changed from `old` to `new`, and the offset
/// of the changed cell.
fn plant(text: &str, label: &str, old: &str, new: &str) -> (String, usize) {
    let at = text.find(label).unwrap_or_else(|| panic!("{label}")) + label.len();
    let off = at + text[at..].find(old).unwrap();
    let mut t = text.to_string();
    t.replace_range(off..off + old.len(), new);
    (t, off)
}

/// One mistyped addend (表三 1.本机关不掌握相关政府信息 自然人 3 → 4): exactly one finding, there.
fn assert_one_finding_at_planted_cell(file: &str) {
    let text = read(file);
    let (t, off) = plant(&text, "本机关不掌握相关政府信息", "3", "4");
    let d = check(&t);
    assert_eq!(d.len(), 1, "{file}:\n{}", show(&t, &d));
    assert_eq!(d[0].span, off..off + 1, "{file}:\n{}", show(&t, &d));
}

#[test]
fn group_label_as_markdown_headings() {
    assert_clean_read("heading_groups.md");
    assert_one_finding_at_planted_cell("heading_groups.md");
}

#[test]
fn cells_one_per_line_ending_in_pipes() {
    assert_clean_read("trailing_pipe_cells.md");
    let text = read("trailing_pipe_cells.md");
    let doc = Document::parse(&text, &Settings::default().parse_options());
    assert!(
        doc.tables
            .iter()
            .all(|t| t.form == gxlint::document::TableForm::CellPerLine)
    );
    assert_one_finding_at_planted_cell("trailing_pipe_cells.md");
}

#[test]
fn label_punctuation_variants() {
    for f in ["punctuation.md", "punctuation_cell.txt"] {
        assert_clean_read(f);
        assert_one_finding_at_planted_cell(f);
    }
}

#[test]
fn typo_in_a_label_is_one_variant() {
    for f in ["typo.md", "typo_pipe.txt", "typo_cell.txt"] {
        let text = read(f);
        let d = check(&text);
        assert_eq!(d.len(), 1, "{f}:\n{}", show(&text, &d));
        assert_eq!(d[0].code, "GX204", "{f}");
        let at = text.find("其他法律行政止公开").unwrap();
        assert_eq!(d[0].span, at..at + "其他法律行政止公开".len(), "{f}");
        // The fix restores the template wording, and the fixed report is clean.
        let fixed = text.replacen("其他法律行政止公开", "其他法律行政法规禁止公开", 1);
        assert!(check(&fixed).is_empty(), "{f}");
        let doc = Document::parse(&text, &Settings::default().parse_options());
        let t3 = doc.table(TableKind::Requests).unwrap();
        assert!(t3.missing.is_empty(), "{f}: {:?}", t3.missing);
        assert_eq!(row_ints(t3, "r3.2").unwrap(), [0; 7], "{f}");
    }
}

#[test]
fn a_label_that_is_no_typo_stays_unknown() {
    // Too far from every label to be a typo of one: not silently read as a row.
    let text = read("typo.md").replacen("2.其他法律行政止公开", "2.本单位自定的其他类别", 1);
    let d = check(&text);
    assert!(d.iter().all(|d| d.code != "GX204"), "{}", show(&text, &d));
}

#[test]
fn amounts_with_units_are_numbers() {
    for (f, v) in [
        ("amount_units.md", 12.5),
        ("amount_units_pipe.txt", 125000.0),
    ] {
        let text = read(f);
        let d = check(&text);
        assert!(d.is_empty(), "{f}:\n{}", show(&text, &d));
        let doc = Document::parse(&text, &Settings::default().parse_options());
        let fee = doc.table(TableKind::Active).unwrap().row("a8.fee").unwrap();
        assert_eq!(fee.values[0].value, CellValue::Number(v), "{f}");
    }
}

#[test]
fn group_label_split_over_two_rows() {
    for f in [
        "split_group.md",
        "split_group_pipe.txt",
        "split_group_cell.txt",
    ] {
        assert_clean_read(f);
        let text = read(f);
        let doc = Document::parse(&text, &Settings::default().parse_options());
        let r4 = doc.table(TableKind::Requests).unwrap().row("r4").unwrap();
        let at = text.find("无\n").or_else(|| text.find("无 |")).unwrap();
        assert_eq!(
            r4.label.end,
            at + "无".len(),
            "{f}: label ends with its first part"
        );
        assert_one_finding_at_planted_cell(f);
    }
}

#[test]
fn appeals_as_three_small_tables() {
    for f in [
        "appeals_three.md",
        "appeals_three_titles.md",
        "appeals_three_pipe.txt",
    ] {
        assert_clean_read(f);
        // A mistyped total of the second table (未经复议直接起诉 总计 1 → 3): one finding there.
        let text = read(f);
        let (t, off) = plant(&text, "未经复议直接起诉", "| 1 |\n", "| 3 |\n");
        let d = check(&t);
        assert_eq!(d.len(), 1, "{f}:\n{}", show(&t, &d));
        assert_eq!(d[0].span, off + 2..off + 3, "{f}:\n{}", show(&t, &d));
    }
}

#[test]
fn active_blocks_as_plain_lines_before_tables() {
    assert_clean_read("active_plain.md");
    let text = read("active_plain.md");
    let (t, off) = plant(&text, "| 行政处罚 |", "23", "24");
    let doc = Document::parse(&t, &Settings::default().parse_options());
    let row = doc
        .table(TableKind::Active)
        .unwrap()
        .row("a6.penalty")
        .unwrap();
    assert_eq!(row.values[0].span, off..off + 2);
    assert_eq!(row.values[0].value, CellValue::Number(24.0));
}

#[test]
fn inserted_rows_keep_the_leading_pipe() {
    assert_clean_read("leading_pipes.txt");
    let text = read("leading_pipes.txt");
    let line = "| 2.重复申请 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | ||\n";
    let t = text.replacen(line, "", 1);
    let d = check(&t);
    assert_eq!(d.len(), 1, "{}", show(&t, &d));
    assert_eq!(d[0].code, "GX203");
    let edit = &d[0].fixes[0].edits[0];
    assert!(
        edit.new_text.starts_with("| 2.重复申请 |"),
        "{:?}",
        edit.new_text
    );
    // The row it inserts reads back as the missing row.
    let mut fixed = t.clone();
    fixed.replace_range(edit.range.clone(), &edit.new_text);
    let doc = Document::parse(&fixed, &Settings::default().parse_options());
    let t3 = doc.table(TableKind::Requests).unwrap();
    assert!(t3.missing.is_empty(), "{:?}", t3.missing);
}

#[test]
fn header_rows_with_label_words() {
    for f in [
        "header_words.md",
        "header_words_summary.md",
        "header_words_pipe.txt",
        "header_words_cell.txt",
    ] {
        assert_clean_read(f);
    }
    assert_one_finding_at_planted_cell("header_words.md");
}
