//! Fix constructors (canonical.rs) on hand-made documents, and the fix engine (fix.rs).

use gxlint::canonical::{self, Fill, render_table};
use gxlint::config::Settings;
use gxlint::diagnostic::{Applicability, Diagnostic, Edit, Fix, Severity};
use gxlint::document::{
    Cell, CellValue, Document, Format, HeadingMarkup, RowRead, Section, Table, TableForm, TableKind,
};
use gxlint::fix::{self, FixMode, apply_edits};

// ---------------------------------------------------------------------------------------------
// Hand-made documents: the structure a reader would give, set explicitly so these tests do not
// depend on the reader.

fn sections_of(text: &str) -> Vec<Section> {
    let mut found = Vec::new();
    let mut pos = 0;
    for line in text.split_inclusive('\n') {
        let content = line.trim_end_matches(['\n', '\r']);
        let stripped = content.trim_start_matches("## ");
        for n in 1..=6u8 {
            let h = canonical::section_heading(n).unwrap();
            if stripped == h {
                let markup = if content.starts_with("## ") {
                    HeadingMarkup::Atx
                } else {
                    HeadingMarkup::Plain
                };
                let wstart =
                    pos + content.len() - h.len() + h.find('、').unwrap() + '、'.len_utf8();
                found.push(Section {
                    number: n,
                    line: pos..pos + content.len(),
                    wording: wstart..pos + content.len(),
                    canonical: true,
                    markup,
                    body: pos + content.len()..0,
                });
            }
        }
        pos += line.len();
    }
    for i in 0..found.len() {
        let end = found.get(i + 1).map(|s| s.line.start).unwrap_or(text.len());
        found[i].body.end = end;
    }
    found
}

fn doc_of<'a>(text: &'a str, year: i32) -> Document<'a> {
    let settings = Settings {
        year: Some(year),
        ..Settings::default()
    };
    let mut doc = Document::parse(text, &settings.parse_options());
    doc.year = Some(year);
    doc.format = Format::for_year(year);
    doc.sections = sections_of(text);
    doc.tables.clear();
    doc
}

fn apply(text: &str, e: &Edit) -> String {
    apply_edits(text, std::slice::from_ref(e)).unwrap()
}

fn body(n: u8) -> String {
    format!("第{n}部分的内容。\n")
}

/// A 2021 document in markdown with all sections but `skip`.
fn atx_doc(skip: u8) -> String {
    let mut s = String::from("# 测试局2023年政府信息公开工作年度报告\n\n开头。\n\n");
    for n in 1..=6u8 {
        if n == skip {
            continue;
        }
        s.push_str(&format!(
            "## {}\n\n{}\n",
            canonical::section_heading(n).unwrap(),
            body(n)
        ));
    }
    s
}

#[test]
fn missing_section_goes_after_the_previous_section_with_atx_heading_and_table() {
    let text = atx_doc(3);
    let doc = doc_of(&text, 2023);
    let e = canonical::missing_section_insertion(&doc, 3).unwrap();
    let fixed = apply(&text, &e);
    let table = render_table(
        TableKind::Requests,
        Format::V2021,
        TableForm::Markdown,
        Fill::Empty,
    );
    let want = format!(
        "{}\n\n## 三、收到和处理政府信息公开申请情况\n\n{table}\n## 四、",
        body(2).trim_end()
    );
    assert!(fixed.contains(&want), "{fixed}");
    // The rest is untouched.
    let at = text.find("## 四、").unwrap();
    assert_eq!(e.range, at..at, "a pure insertion before the next heading");
}

#[test]
fn missing_first_section_goes_before_the_first_heading_plain_style() {
    let mut text = String::from("测试局2023年政府信息公开工作年度报告\n开头。\n");
    for n in 2..=6u8 {
        text.push_str(&format!(
            "{}\n{}",
            canonical::section_heading(n).unwrap(),
            body(n)
        ));
    }
    let doc = doc_of(&text, 2023);
    let e = canonical::missing_section_insertion(&doc, 1).unwrap();
    let fixed = apply(&text, &e);
    assert!(
        fixed.contains("开头。\n\n一、总体情况\n\n二、主动公开政府信息情况\n"),
        "{fixed}"
    );
    assert!(!fixed.contains("## "));
}

#[test]
fn missing_section_without_any_section_goes_at_the_end_and_keeps_crlf() {
    let text = "测试局2023年政府信息公开工作年度报告\r\n开头。";
    let doc = doc_of(text, 2023);
    let e = canonical::missing_section_insertion(&doc, 4).unwrap();
    assert_eq!(e.range, text.len()..text.len());
    let fixed = apply(text, &e);
    assert!(fixed.starts_with(text));
    assert!(
        !fixed.replace("\r\n", "").contains('\n'),
        "only CRLF line ends: {fixed:?}"
    );
    assert!(fixed.contains("\r\n\r\n四、政府信息公开行政复议、行政诉讼情况\r\n\r\n"));
    assert!(fixed.contains("复议后起诉"));
}

#[test]
fn missing_table_goes_right_after_the_heading_in_the_document_form() {
    let text = atx_doc(0);
    let doc = doc_of(&text, 2023);
    let e = canonical::missing_table_insertion(&doc, TableKind::Appeals).unwrap();
    let fixed = apply(&text, &e);
    let table = render_table(
        TableKind::Appeals,
        Format::V2021,
        TableForm::Markdown,
        Fill::Empty,
    );
    let want = format!(
        "## 四、政府信息公开行政复议、行政诉讼情况\n\n{table}\n{}",
        body(4)
    );
    assert!(fixed.contains(&want), "{fixed}");
    // A pipe-row document gets a pipe-row table without blank lines.
    let text = "X2021年政府信息公开工作年度报告\n三、收到和处理政府信息公开申请情况\n无。\n";
    let mut doc = doc_of(text, 2021);
    doc.tables.push(Table {
        kind: TableKind::Active,
        form: TableForm::Pipe,
        span: 0..0,
        rows: vec![],
        missing: vec![],
        missing_at: vec![],
        foreign: vec![],
        variants: vec![],
    });
    let e = canonical::missing_table_insertion(&doc, TableKind::Requests).unwrap();
    let fixed = apply(text, &e);
    assert!(fixed.contains("申请情况\n（本列数据"), "{fixed}");
    assert!(
        fixed.contains("四、结转下年度继续办理 |  |  |  |  |  |  |  |\n无。\n"),
        "{fixed}"
    );
}

/// A pipe-form table 三 (2021) read by hand: label spans and value cells per template row.
fn pipe_table(text: &str, start: usize, kind: TableKind, format: Format) -> Table {
    let t = gxlint::templates::template(format).unwrap();
    let mut rows = Vec::new();
    let mut pos = start;
    let labels: Vec<(&'static str, &str, usize)> = match kind {
        TableKind::Requests => t
            .requests
            .row
            .iter()
            .map(|r| (leak(&r.id), r.label.as_str(), if r.values { 7 } else { 0 }))
            .collect(),
        TableKind::Active => t
            .active
            .block
            .iter()
            .flat_map(|b| {
                b.rows
                    .iter()
                    .map(move |r| (leak(&r.id), r.label.as_str(), b.columns.len()))
            })
            .collect(),
        TableKind::Appeals => vec![],
    };
    let end = start
        + text[start..]
            .find("\n\n")
            .map(|i| i + 1)
            .unwrap_or(text.len() - start);
    for line in text[start..end].split_inclusive('\n') {
        let mut cells = Vec::new();
        let mut off = pos;
        for c in line.trim_end_matches('\n').split('|') {
            let lead = c.len() - c.trim_start().len();
            let s = off + lead;
            cells.push((s..s + c.trim().len(), c.trim().to_string()));
            off += c.len() + 1;
        }
        for (k, (span, txt)) in cells.iter().enumerate() {
            if let Some((id, _, n)) = labels.iter().find(|(_, l, _)| l == txt) {
                let values = cells[k + 1..]
                    .iter()
                    .take_while(|(_, t)| !labels.iter().any(|(_, l, _)| l == t))
                    .filter(|(_, t)| !t.is_empty())
                    .map(|(sp, t)| Cell {
                        span: sp.clone(),
                        value: t
                            .parse::<f64>()
                            .map(CellValue::Number)
                            .unwrap_or(CellValue::Text),
                    })
                    .collect();
                rows.push(RowRead {
                    id,
                    label: span.clone(),
                    values,
                    expected: *n,
                    version: format,
                    end: pos + line.len(),
                });
            }
        }
        pos += line.len();
    }
    Table {
        kind,
        form: TableForm::Pipe,
        span: start..end,
        rows,
        missing: vec![],
        missing_at: vec![],
        foreign: vec![],
        variants: vec![],
    }
}

fn leak(s: &str) -> &'static str {
    Box::leak(s.to_string().into_boxed_str())
}

#[test]
fn missing_row_is_inserted_at_a_line_start_in_the_table_form() {
    let table = render_table(
        TableKind::Requests,
        Format::V2021,
        TableForm::Pipe,
        Fill::Zero,
    );
    let without: String = table
        .lines()
        .filter(|l| !l.starts_with("2.其他法律"))
        .map(|l| format!("{l}\n"))
        .collect();
    let text = format!(
        "X2021年政府信息公开工作年度报告\n三、收到和处理政府信息公开申请情况\n{without}\n四、政府信息公开行政复议、行政诉讼情况\n"
    );
    let start = text.find("（本列").unwrap();
    let doc = doc_of(&text, 2021);
    let mut t = pipe_table(&text, start, TableKind::Requests, Format::V2021);
    let after = t.row("r3.1").unwrap();
    // Mid-line (just after the last value) and at the next line start give the same edit.
    for at in [after.values.last().unwrap().span.end, after.end] {
        t.missing = vec!["r3.2"];
        t.missing_at = vec![at];
        let e = canonical::missing_row_insertion(&doc, &t, "r3.2").unwrap();
        let fixed = apply(&text, &e);
        assert!(
            fixed.contains("| 0 |\n2.其他法律行政法规禁止公开 |  |  |  |  |  |  |  |\n3.危及"),
            "{fixed}"
        );
    }
    assert!(
        canonical::missing_row_insertion(&doc, &t, "r4.1").is_none(),
        "not missing"
    );
}

#[test]
fn missing_row_in_tab_and_cell_per_line_forms_keeps_rows_apart() {
    for form in [TableForm::Tab, TableForm::CellPerLine] {
        let table = render_table(TableKind::Requests, Format::V2021, form, Fill::Zero);
        let label = "（一）予以公开";
        // Remove row （一） (its cells up to the next row).
        let i = table.find(label).unwrap();
        let line_start = table[..i].rfind('\n').map(|k| k + 1).unwrap();
        let next = table.find("（二）").unwrap();
        let next_start = table[..next].rfind('\n').map(|k| k + 1).unwrap();
        let without = format!("{}{}", &table[..line_start], &table[next_start..]);
        let text = format!(
            "X2021年政府信息公开工作年度报告\r\n\r\n{}",
            without.replace('\n', "\r\n")
        );
        let at = text.find("（二）").unwrap();
        let at = text[..at].rfind('\n').unwrap() + 1;
        let doc = doc_of(&text, 2021);
        let t = Table {
            kind: TableKind::Requests,
            form,
            span: 0..text.len(),
            rows: vec![],
            missing: vec!["r1"],
            missing_at: vec![at],
            foreign: vec![],
            variants: vec![],
        };
        let e = canonical::missing_row_insertion(&doc, &t, "r1").unwrap();
        let fixed = apply(&text, &e);
        assert!(
            !fixed.replace("\r\n", "").contains('\n'),
            "{form:?} CRLF kept"
        );
        let lf = fixed.replace("\r\n", "\n");
        match form {
            TableForm::Tab => assert!(
                lf.contains(&format!(
                    "\t三、本年度办理结果\n\n\t（一）予以公开\n{}\n\t（二）",
                    "\t\n".repeat(7)
                )),
                "{lf}"
            ),
            _ => assert!(
                lf.contains("三、本年度办理结果\n\n（一）予以公开\n\n（二）"),
                "{lf}"
            ),
        }
    }
}

#[test]
fn stale_2019_table_becomes_the_2021_one_with_values_carried() {
    // 2019 table 二 and 三 in a 2021 report, distinct numbers in every cell.
    let v = |row: &str, col: usize| {
        let h: usize = row.bytes().map(usize::from).sum();
        Some((h % 97 * 10 + col + 1).to_string())
    };
    let active = render_table(
        TableKind::Active,
        Format::V2019,
        TableForm::Pipe,
        Fill::Values(&v),
    );
    let requests = render_table(
        TableKind::Requests,
        Format::V2019,
        TableForm::Pipe,
        Fill::Values(&v),
    );
    let text = format!(
        "X2021年政府信息公开工作年度报告\n二、主动公开政府信息情况\n{active}三、收到和处理政府信息公开申请情况\n{requests}四、政府信息公开行政复议、行政诉讼情况\n"
    );
    let doc = doc_of(&text, 2021);

    let a_start = text.find("第二十条").unwrap();
    let mut t = pipe_table(&text, a_start, TableKind::Active, Format::V2019);
    t.span = a_start..text.find("三、收到").unwrap();
    let e = canonical::stale_table_replacement(&doc, &t).unwrap();
    assert_eq!(e.range, t.span);
    let lic = v("a5.license", 2).unwrap();
    let pen = v("a6.penalty", 2).unwrap();
    let force = v("a6.force", 2).unwrap();
    let want = format!(
        "第二十条第（一）项 |\n信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |\n规章 |  |  |  |\n行政规范性文件 |  |  |  |\n\
         第二十条第（五）项 |\n信息内容 | 本年处理决定数量 |\n行政许可 | {lic} |\n\
         第二十条第（六）项 |\n信息内容 | 本年处理决定数量 |\n行政处罚 | {pen} |\n行政强制 | {force} |\n\
         第二十条第（八）项 |\n信息内容 | 本年收费金额（单位：万元） |\n行政事业性收费 |  |\n"
    );
    assert_eq!(e.new_text, want);

    let r_start = text.find("（本列").unwrap();
    let mut t = pipe_table(&text, r_start, TableKind::Requests, Format::V2019);
    t.span = r_start..text.find("四、政府信息公开").unwrap();
    let e = canonical::stale_table_replacement(&doc, &t).unwrap();
    let fixed = apply(&text, &e);
    // Every 2019 row keeps its numbers; （六） goes to （六）3.其他; 1. and 2. are left empty.
    let t2019 = gxlint::templates::template(Format::V2019).unwrap();
    for r in t2019.requests.row.iter().filter(|r| r.values) {
        let nums: Vec<String> = (0..7).map(|c| v(&r.id, c).unwrap()).collect();
        let label = if r.id == "r6" {
            "3.其他"
        } else {
            r.label.as_str()
        };
        let line = format!("{label} | {} |", nums.join(" | "));
        assert!(fixed.contains(&line), "{line}\n{fixed}");
    }
    assert!(fixed.contains(
        "（六）其他处理 | 1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请 |  |"
    ));
}

#[test]
fn stale_2021_table_in_a_2020_report_sums_the_three_other_rows() {
    let v = |row: &str, col: usize| {
        Some(
            match row {
                "r6.1" => col + 1,
                "r6.2" => 10,
                "r6.3" => 100,
                _ => 0,
            }
            .to_string(),
        )
    };
    let requests = render_table(
        TableKind::Requests,
        Format::V2021,
        TableForm::Pipe,
        Fill::Values(&v),
    );
    let text =
        format!("X2020年政府信息公开工作年度报告\n三、收到和处理政府信息公开申请情况\n{requests}");
    let doc = doc_of(&text, 2020);
    let start = text.find("（本列").unwrap();
    let t = pipe_table(&text, start, TableKind::Requests, Format::V2021);
    let e = canonical::stale_table_replacement(&doc, &t).unwrap();
    let fixed = apply(&text, &e);
    assert!(
        fixed.contains("（六）其他处理 | 111 | 112 | 113 | 114 | 115 | 116 | 117 |\n（七）总计"),
        "{fixed}"
    );
    assert!(!fixed.contains("3.其他"));
}

// ---------------------------------------------------------------------------------------------
// The fix engine with a scripted checker.

fn diag(span: std::ops::Range<usize>, fix: Option<Fix>) -> Diagnostic {
    Diagnostic {
        code: "GX999",
        name: "test",
        severity: Severity::Warning,
        message: "测试".into(),
        span,
        fixes: fix.into_iter().collect(),
        related: vec![],
        expected: None,
    }
}

/// Every `aa` should read `b` (safe); every `X` should be deleted (unsafe).
fn scripted(text: &str) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for (i, _) in text.match_indices("aa") {
        out.push(diag(
            i..i + 2,
            Some(Fix::safe("aa→b", vec![Edit::replace(i..i + 2, "b")])),
        ));
    }
    for (i, _) in text.match_indices('X') {
        out.push(diag(
            i..i + 1,
            Some(Fix::unsafe_("删除 X", vec![Edit::delete(i..i + 1)])),
        ));
    }
    out.sort_by_key(|d| d.span.start);
    out
}

#[test]
fn overlapping_fixes_resolve_earlier_first_and_converge_over_passes() {
    // "aaa": fixes at 0..2 and 1..3 overlap; the first wins, the second is re-found later.
    let (out, passes) = fix::fix_with("aaa aaaa X", FixMode::Safe, scripted);
    assert_eq!(out.text, "ba bb X");
    assert_eq!(out.applied, 3);
    assert_eq!(passes.len(), 1);
    assert_eq!(out.remaining.len(), 1, "the unsafe X is left in safe mode");
    let (out, _) = fix::fix_with("aaa aaaa X", FixMode::Unsafe, scripted);
    assert_eq!(out.text, "ba bb ");
    // Cascades: "aaaa" → "bb"; "aaaaaaaa" → "bbbb"; nested results re-checked.
    let (out, passes) = fix::fix_with("aaaaaaaa", FixMode::Safe, scripted);
    assert_eq!(out.text, "bbbb");
    assert_eq!(passes.len(), 1);
    // Idempotent: a second run changes nothing.
    let (again, p2) = fix::fix_with(&out.text, FixMode::Unsafe, scripted);
    assert_eq!(again.text, out.text);
    assert!(p2.is_empty());
}

#[test]
fn a_fix_is_all_or_nothing() {
    // Fix 1 edits 0..1 and 4..5; fix 2 edits 4..6: fix 2 conflicts and is dropped whole.
    let check = |t: &str| {
        if t != "abcdefg" {
            return vec![];
        }
        vec![
            diag(
                0..1,
                Some(Fix::safe(
                    "1",
                    vec![Edit::replace(0..1, "A"), Edit::replace(4..5, "E")],
                )),
            ),
            diag(
                4..6,
                Some(Fix::safe(
                    "2",
                    vec![Edit::replace(2..3, "C"), Edit::replace(4..6, "Z")],
                )),
            ),
        ]
    };
    let (out, _) = fix::fix_with("abcdefg", FixMode::Safe, check);
    assert_eq!(out.text, "AbcdEfg");
    assert_eq!(out.applied, 1);
}

#[test]
fn insertions_at_the_same_place_apply_in_diagnostic_order_and_duplicates_once() {
    let check = |t: &str| {
        let mut v = vec![];
        if !t.contains('1') {
            v.push(diag(0..0, Some(Fix::safe("1", vec![Edit::insert(3, "1")]))));
            v.push(diag(
                0..0,
                Some(Fix::safe("1 again", vec![Edit::insert(3, "1")])),
            ));
        }
        if !t.contains('2') {
            v.push(diag(0..0, Some(Fix::safe("2", vec![Edit::insert(3, "2")]))));
        }
        v
    };
    let (out, passes) = fix::fix_with("abcdef", FixMode::Safe, check);
    assert_eq!(out.text, "abc12def");
    assert_eq!(passes.len(), 1);
    assert_eq!(out.applied, 2);
}

#[test]
fn endless_fixes_stop_after_the_bound_and_cycles_stop_at_once() {
    let grow = |t: &str| {
        vec![diag(
            0..0,
            Some(Fix::safe("+", vec![Edit::insert(t.len(), "x")])),
        )]
    };
    let (out, passes) = fix::fix_with("", FixMode::Safe, grow);
    assert_eq!(passes.len(), fix::MAX_PASSES);
    assert_eq!(out.text, "x".repeat(fix::MAX_PASSES));
    let toggle = |t: &str| {
        let next = if t == "a" { "b" } else { "a" };
        vec![diag(
            0..1,
            Some(Fix::safe("t", vec![Edit::replace(0..t.len(), next)])),
        )]
    };
    let (out, passes) = fix::fix_with("a", FixMode::Safe, toggle);
    assert_eq!(passes.len(), 1);
    assert_eq!(out.text, "b");
}

#[test]
fn invalid_fixes_are_skipped() {
    let check = |_: &str| {
        vec![
            diag(
                0..0,
                Some(Fix::safe("out of range", vec![Edit::replace(0..99, "x")])),
            ),
            diag(
                0..0,
                Some(Fix::safe("mid char", vec![Edit::replace(1..2, "x")])),
            ),
            diag(
                0..0,
                Some(Fix::safe("no-op", vec![Edit::replace(0..3, "中")])),
            ),
            diag(0..0, None),
        ]
    };
    let (out, _) = fix::fix_with("中文", FixMode::Unsafe, check);
    assert_eq!(out.text, "中文");
    assert_eq!(out.applied, 0);
    assert!(fix::edits_conflict(
        &Edit::insert(3, "a"),
        &Edit::replace(2..4, "b")
    ));
    assert!(!fix::edits_conflict(
        &Edit::insert(2, "a"),
        &Edit::replace(2..4, "b")
    ));
    assert!(!fix::edits_conflict(
        &Edit::replace(0..2, "a"),
        &Edit::replace(2..4, "b")
    ));
    assert!(
        FixMode::Unsafe.allows(Applicability::Unsafe)
            && !FixMode::Safe.allows(Applicability::Unsafe)
    );
}

// ---------------------------------------------------------------------------------------------
// Diff and atomic write.

#[test]
fn unified_diff_shows_the_change() {
    assert_eq!(fix::unified_diff("a.md", "x\n", "x\n"), "");
    let d = fix::unified_diff("报告.md", "一\n二\n三\n", "一\n贰\n三\n");
    assert!(d.starts_with("--- a/报告.md\n+++ b/报告.md\n"), "{d}");
    assert!(d.contains("-二\n+贰\n"), "{d}");
}

#[test]
fn write_atomic_replaces_keeps_permissions_and_refuses_a_changed_file() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("报告.md");
    std::fs::write(&p, "旧\r\n").unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o640)).unwrap();
    }
    fix::write_atomic(&p, "旧\r\n".as_bytes(), "新\r\n").unwrap();
    assert_eq!(std::fs::read_to_string(&p).unwrap(), "新\r\n");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(
            std::fs::metadata(&p).unwrap().permissions().mode() & 0o777,
            0o640
        );
    }
    // Changed since read: refused, file untouched.
    let err = fix::write_atomic(&p, "旧\r\n".as_bytes(), "再新").unwrap_err();
    assert!(err.to_string().contains("已被修改"), "{err}");
    assert_eq!(std::fs::read_to_string(&p).unwrap(), "新\r\n");
    // No temp files left behind.
    let names: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names.len(), 1, "{names:?}");
    #[cfg(unix)]
    {
        let link = dir.path().join("link.md");
        std::os::unix::fs::symlink(&p, &link).unwrap();
        fix::write_atomic(&link, "新\r\n".as_bytes(), "经链接").unwrap();
        assert!(
            std::fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(std::fs::read_to_string(&p).unwrap(), "经链接");
    }
}

// ---------------------------------------------------------------------------------------------
// The seeds.

pub fn seeds_dir() -> std::path::PathBuf {
    let candidates = [
        std::env::var_os("GXLINT_SEEDS").map(std::path::PathBuf::from),
        Some(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/seeds")),
        Some(std::path::PathBuf::from("/work/shared/seeds")),
    ];
    candidates
        .into_iter()
        .flatten()
        .find(|p| p.is_dir())
        .expect("seeds not found: set GXLINT_SEEDS or provide ../shared/seeds")
}

fn seed(prefix: &str) -> String {
    let dir = seeds_dir();
    let entry = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.file_name().unwrap().to_string_lossy().starts_with(prefix))
        .unwrap_or_else(|| panic!("seed {prefix} in {}", dir.display()));
    std::fs::read_to_string(entry).unwrap()
}

fn all_seeds() -> Vec<(String, String)> {
    ["000", "001", "002", "003", "004"]
        .iter()
        .map(|p| (p.to_string(), seed(p)))
        .collect()
}

/// Digit runs (ASCII and full-width) of a text, in order.
fn figures(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    for c in s.chars() {
        if c.is_ascii_digit() || ('０'..='９').contains(&c) {
            cur.push(c);
        } else if !cur.is_empty() {
            out.push(std::mem::take(&mut cur));
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

#[test]
fn fixing_twice_changes_nothing_on_every_seed_and_fixture() {
    let settings = Settings::default();
    let mut texts = all_seeds();
    texts.push(("atx_doc(3)".into(), atx_doc(3)));
    texts.push(("atx_doc(1)".into(), atx_doc(1)));
    texts.push((
        "title only".into(),
        "某某局2023年政府信息公开工作年度报告\n".into(),
    ));
    texts.push((
        "atx title only".into(),
        "# 某某局2023年政府信息公开工作年度报告".into(),
    ));
    texts.push(("empty".into(), String::new()));
    for form in FORMS {
        texts.push((format!("base {form:?}"), base(form)));
    }
    for (name, text) in &texts {
        texts_crlf_check(name, text);
        for mode in [FixMode::Safe, FixMode::Unsafe] {
            let once = fix::fix_text(text, &settings, mode);
            let twice = fix::fix_text(&once.text, &settings, mode);
            assert_eq!(
                twice.text, once.text,
                "{name} {mode:?}: second run changed the text"
            );
            assert_eq!(twice.applied, 0, "{name} {mode:?}");
            assert_eq!(twice.remaining, once.remaining, "{name} {mode:?}");
        }
    }
}

fn texts_crlf_check(name: &str, text: &str) {
    // The same text with CRLF line ends: fixes keep CRLF (no lone LF appears).
    if !text.contains('\n') {
        return; // no line end to follow
    }
    let crlf = text.replace("\r\n", "\n").replace('\n', "\r\n");
    let out = fix::fix_text(&crlf, &Settings::default(), FixMode::Unsafe);
    assert!(
        !out.text.replace("\r\n", "").contains('\n'),
        "{name}: a lone LF after fixing CRLF text"
    );
}

#[test]
fn safe_fixes_never_change_a_figure_in_003_and_004() {
    let settings = Settings::default();
    for p in ["003", "004"] {
        let text = seed(p);
        let out = fix::fix_text(&text, &settings, FixMode::Safe);
        // The period sentence a fix may add is the only new figure text.
        let year = if p == "003" { 2021 } else { 2020 };
        let ps = canonical::period_sentence(year);
        let added = out
            .text
            .matches(&ps)
            .count()
            .saturating_sub(text.matches(&ps).count());
        let without = out.text.replacen(&ps, "", added);
        assert_eq!(figures(&without), figures(&text), "{p}: figures changed");
    }
}

#[test]
fn safe_fixes_put_the_period_in_003_and_the_canonical_labels_in_004() {
    let settings = Settings::default();
    let out = fix::fix_text(&seed("003"), &settings, FixMode::Safe);
    assert!(
        out.text.contains(&canonical::period_sentence(2021)),
        "{}",
        out.text
    );
    let doc = Document::parse(&out.text, &settings.parse_options());
    assert!(doc.period.is_some());
    assert!(!out.remaining.iter().any(|d| d.code == "GX402"));
    let out = fix::fix_text(&seed("004"), &settings, FixMode::Safe);
    assert!(
        !out.remaining.iter().any(|d| d.code == "GX204"),
        "{:#?}",
        out.remaining
    );
    assert!(!out.text.contains("结果维护"));
    assert!(out.text.contains("\t结果维持\n"));
}

/// (row id, values as text) of a table, in order.
fn table_values(doc: &Document, kind: TableKind) -> Vec<(String, Vec<String>)> {
    let t = doc
        .table(kind)
        .unwrap_or_else(|| panic!("table {kind:?} read"));
    t.rows
        .iter()
        .filter(|r| !r.values.is_empty())
        .map(|r| {
            (
                r.id.to_string(),
                r.values
                    .iter()
                    .map(|c| doc.text[c.span.clone()].trim().to_string())
                    .collect(),
            )
        })
        .collect()
}

#[test]
fn seed_000_unsafe_fix_moves_to_2021_and_keeps_every_number_of_tables_3_and_4() {
    let settings = Settings::default();
    let text = seed("000");
    let before = Document::parse(&text, &settings.parse_options());
    let out = fix::fix_text(&text, &settings, FixMode::Unsafe);
    for code in ["GX201", "GX503", "GX504"] {
        assert!(
            !out.remaining.iter().any(|d| d.code == code),
            "{code} left: {:#?}",
            out.remaining
        );
    }
    let after = Document::parse(&out.text, &settings.parse_options());
    for kind in [TableKind::Requests, TableKind::Appeals] {
        let b = table_values(&before, kind);
        let a = table_values(&after, kind);
        for (id, vals) in &b {
            // 2019 （六）其他处理 goes to 2021 （六）3.其他.
            let target = if id == "r6" { "r6.3" } else { id.as_str() };
            let got = a.iter().find(|(i, _)| i == target).map(|(_, v)| v);
            assert_eq!(got, Some(vals), "{kind:?} row {id}");
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Every fix of the catalogue, through the real rules: a correct report, one defect, the fix,
// and a re-check showing the diagnostic gone and nothing new (beyond what the fix announces:
// empty cells the author must fill, an empty inserted section).

const FORMS: [TableForm; 4] = [
    TableForm::Markdown,
    TableForm::Pipe,
    TableForm::Tab,
    TableForm::CellPerLine,
];

/// A correct 2023 report (zero diagnostics) in `form`.
fn base(form: TableForm) -> String {
    gxlint::new::skeleton(2023, Some("某某市某某局"), form)
        .replace(
            "【请填写：本年度主动公开、依申请公开、政府信息管理、政府信息公开平台建设、监督保障等方面的情况。】",
            "本机关认真落实《条例》，主动公开、依申请公开、政府信息管理、平台建设和监督保障工作有序开展。",
        )
        .replace(
            "【请填写：存在的主要问题及改进情况。】",
            "主要问题是公开内容还不够丰富。下一步将加强培训，提高公开质量。",
        )
        .replace("地址：\n", "地址：某某市某某路1号\n")
        .replace("联系电话：\n", "联系电话：0731-12345678\n")
}

fn codes(text: &str) -> Vec<&'static str> {
    let mut v: Vec<_> = gxlint::check(text, &Settings::default())
        .diagnostics
        .iter()
        .map(|d| d.code)
        .collect();
    v.dedup();
    v
}

/// `broken` must raise `code` (with a fix `mode` allows); after fixing, `code` is gone and only
/// codes in `allowed` are new. Returns the fixed text.
fn fix_case(broken: &str, code: &str, mode: FixMode, allowed: &[&str]) -> String {
    let settings = Settings::default();
    let before = gxlint::check(broken, &settings).diagnostics;
    let d = before
        .iter()
        .find(|d| d.code == code)
        .unwrap_or_else(|| panic!("{code} expected in:\n{broken}\ngot {:?}", codes(broken)));
    assert!(
        d.fixes.iter().any(|f| mode.allows(f.applicability)),
        "{code} has a {mode:?} fix"
    );
    let out = fix::fix_text(broken, &settings, mode);
    assert!(out.applied >= 1);
    let left: Vec<_> = out.remaining.iter().filter(|d| d.code == code).collect();
    assert!(left.is_empty(), "{code} left: {left:#?}\n{}", out.text);
    let new: Vec<_> = out
        .remaining
        .iter()
        .filter(|d| !allowed.contains(&d.code) && !before.iter().any(|b| b.code == d.code))
        .collect();
    assert!(
        new.is_empty(),
        "{code}: new diagnostics {new:#?}\n{}",
        out.text
    );
    out.text
}

#[test]
fn the_base_reports_are_clean() {
    for form in FORMS {
        assert_eq!(codes(&base(form)), Vec::<&str>::new(), "{form:?}");
    }
}

#[test]
fn gx101_missing_section_is_inserted_with_its_table() {
    for form in FORMS {
        let good = base(form);
        // Drop section 三 (heading and table).
        let a = good.find("## 三、").unwrap();
        let b = good.find("## 四、").unwrap();
        let broken = format!("{}{}", &good[..a], &good[b..]);
        let fixed = fix_case(&broken, "GX101", FixMode::Safe, &["GX206", "GX205"]);
        assert!(
            fixed.contains("## 三、收到和处理政府信息公开申请情况\n"),
            "{form:?}"
        );
        let doc = Document::parse(&fixed, &Settings::default().parse_options());
        let t = doc.table(TableKind::Requests).expect("table 三 inserted");
        assert!(t.missing.is_empty(), "{form:?}: {:?}", t.missing);
        // Section 五 (no table): heading only, in ATX style.
        let a = good.find("## 五、").unwrap();
        let b = good.find("## 六、").unwrap();
        let broken = format!("{}{}", &good[..a], &good[b..]);
        let fixed = fix_case(&broken, "GX101", FixMode::Safe, &["GX105"]);
        assert!(
            fixed.contains("\n## 五、存在的主要问题及改进情况\n\n## 六、"),
            "{fixed}"
        );
    }
}

#[test]
fn gx104_heading_wording_goes_back_to_the_template() {
    let good = base(TableForm::Markdown);
    let broken = good.replace(
        "## 四、政府信息公开行政复议、行政诉讼情况",
        "## 四、因政府信息公开工作被申请行政复议、提起行政诉讼情况",
    );
    assert_eq!(fix_case(&broken, "GX104", FixMode::Safe, &[]), good);
}

#[test]
fn gx201_stale_table_is_replaced_keeping_the_decision_counts() {
    for form in FORMS {
        let good = base(form);
        let new_t = render_table(TableKind::Active, Format::V2021, form, Fill::Zero);
        let v = |row: &str, col: usize| {
            Some(
                if col == 2 && row.starts_with("a6") {
                    "3"
                } else {
                    "0"
                }
                .to_string(),
            )
        };
        let old_t = render_table(TableKind::Active, Format::V2019, form, Fill::Values(&v));
        let broken = good.replacen(&new_t, &old_t, 1);
        assert_ne!(broken, good);
        let fixed = fix_case(&broken, "GX201", FixMode::Unsafe, &["GX206", "GX205"]);
        let doc = Document::parse(&fixed, &Settings::default().parse_options());
        let t = doc.table(TableKind::Active).unwrap();
        for id in ["a6.penalty", "a6.force"] {
            let r = t.row(id).unwrap();
            assert_eq!(r.values.len(), 1, "{form:?} {id}");
            assert_eq!(r.values[0].value.as_int(), Some(3), "{form:?} {id}");
        }
        assert!(t.row("a5.license").unwrap().values[0].value.as_int() == Some(0));
        assert!(!fixed.contains("其他对外管理服务事项") && !fixed.contains("第二十条第（九）项"));
    }
}

#[test]
fn gx202_missing_table_is_inserted_after_the_heading() {
    for form in FORMS {
        let good = base(form);
        let t4 = render_table(TableKind::Appeals, Format::V2021, form, Fill::Zero);
        let broken = good.replacen(&format!("{t4}\n"), "", 1);
        assert_ne!(broken, good);
        let fixed = fix_case(&broken, "GX202", FixMode::Safe, &["GX206", "GX205"]);
        let empty = render_table(TableKind::Appeals, Format::V2021, form, Fill::Empty);
        // Pipe rows need no blank line around a table; the other forms get one.
        let sep = if form == TableForm::Pipe { "" } else { "\n" };
        assert!(
            fixed.contains(&format!(
                "## 四、政府信息公开行政复议、行政诉讼情况\n{sep}{empty}"
            )),
            "{form:?}\n{fixed}"
        );
    }
}

#[test]
fn gx203_missing_rows_are_inserted_in_place() {
    for form in FORMS {
        let good = base(form);
        let label = "2.其他法律行政法规禁止公开";
        let broken = match form {
            TableForm::Markdown | TableForm::Pipe => good
                .lines()
                .filter(|l| !l.contains(label))
                .map(|l| format!("{l}\n"))
                .collect(),
            TableForm::Tab => good.replacen(&format!("\t{label}\n{}\n", "\t0\n".repeat(7)), "", 1),
            TableForm::CellPerLine => {
                good.replacen(&format!("{label}\n\n{}", "0\n\n".repeat(7)), "", 1)
            }
        };
        assert_ne!(broken, good, "{form:?}");
        let fixed = fix_case(&broken, "GX203", FixMode::Safe, &["GX206", "GX205"]);
        let doc = Document::parse(&fixed, &Settings::default().parse_options());
        let t = doc.table(TableKind::Requests).unwrap();
        assert!(t.missing.is_empty(), "{form:?}");
        let ids: Vec<&str> = t.rows.iter().map(|r| r.id).collect();
        let i = ids.iter().position(|i| *i == "r3.2").unwrap();
        assert_eq!((ids[i - 1], ids[i + 1]), ("r3.1", "r3.3"), "{form:?}");
    }
}

#[test]
fn gx204_label_variant_goes_back_to_the_template() {
    for form in FORMS {
        let good = base(form);
        let broken = good.replacen("结果维持", "结果维护", 1);
        assert_eq!(
            fix_case(&broken, "GX204", FixMode::Safe, &[]),
            good,
            "{form:?}"
        );
    }
}

#[test]
fn gx3xx_totals_are_set_by_the_unsafe_fix() {
    let good = base(TableForm::Markdown);
    let broken = good.replacen(
        "| 一、本年新收政府信息公开申请数量 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |",
        "| 一、本年新收政府信息公开申请数量 | 2 | 1 | 0 | 0 | 0 | 0 | 0 |",
        1,
    );
    let before = codes(&broken);
    assert!(before.contains(&"GX303"), "{before:?}");
    let out = fix::fix_text(&broken, &Settings::default(), FixMode::Unsafe);
    let after: Vec<_> = out.remaining.iter().map(|d| d.code).collect();
    assert!(
        !after.iter().any(|c| c.starts_with("GX3")),
        "{after:?}\n{}",
        out.text
    );
    // Safe mode never touches a figure.
    let safe = fix::fix_text(&broken, &Settings::default(), FixMode::Safe);
    assert_eq!(safe.text, broken);
}

#[test]
fn gx4xx_period_and_citation_fixes() {
    let good = base(TableForm::Markdown);
    let ps = canonical::period_sentence(2023);
    // GX401: wrong year.
    let broken = good.replace(&ps, &canonical::period_sentence(2022));
    fix_case(&broken, "GX401", FixMode::Safe, &[]);
    // GX402: missing.
    let broken = good.replace(&ps, "");
    let fixed = fix_case(&broken, "GX402", FixMode::Safe, &[]);
    assert!(fixed.contains(&ps));
    // GX403: unreadable dates.
    let broken = good.replace(
        &ps,
        "本年度报告中所列数据的统计期限自202311日起至20231231日止。",
    );
    fix_case(&broken, "GX403", FixMode::Unsafe, &[]);
    // GX406: stale basis.
    let broken = good.replace("国办公开办函〔2021〕30号", "国办公开办函〔2019〕60号");
    assert_eq!(fix_case(&broken, "GX406", FixMode::Safe, &[]), good);
}

#[test]
fn gx503_gx504_residue_and_spam_lines_are_deleted() {
    for form in FORMS {
        let good = base(form);
        let broken = format!("365体育官网\n{good}扫一扫在手机打开当前页\n");
        let fixed = fix_case(&broken, "GX504", FixMode::Safe, &[]);
        assert!(!fixed.contains("365体育官网") && !fixed.contains("扫一扫"));
        assert_eq!(fixed, good, "{form:?}");
    }
}

#[test]
fn unsafe_fixes_that_undo_each_other_are_left_for_the_author() {
    // Two arithmetic rules fighting over one cell: one wants 1, the other 0.
    let fight = |t: &str| {
        let i = t.find('=').unwrap() + 1;
        let want = if &t[i..i + 1] == "0" { "1" } else { "0" };
        let mut v = vec![diag(
            i..i + 1,
            Some(Fix::unsafe_("set", vec![Edit::replace(i..i + 1, want)])),
        )];
        // An independent safe fix still applies.
        if let Some(k) = t.find("aa") {
            v.push(diag(
                k..k + 2,
                Some(Fix::safe("aa→b", vec![Edit::replace(k..k + 2, "b")])),
            ));
        }
        v.sort_by_key(|d| d.span.start);
        v
    };
    let (out, _) = fix::fix_with("x=0 aa", FixMode::Unsafe, fight);
    assert_eq!(out.text, "x=0 b");
    let (again, passes) = fix::fix_with(&out.text, FixMode::Unsafe, fight);
    assert_eq!(again.text, out.text);
    assert!(passes.is_empty());
}
