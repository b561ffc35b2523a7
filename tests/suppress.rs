//! Suppression comments (`gxlint::suppress`) and GX001 unused-suppression.

use gxlint::config::Settings;
use gxlint::diagnostic::{Diagnostic, Severity, Span};
use gxlint::line_index::LineIndex;
use gxlint::suppress::{DirectiveKind, Suppressions};

fn diag(code: &'static str, name: &'static str, span: Span) -> Diagnostic {
    Diagnostic {
        code,
        name,
        severity: Severity::Warning,
        message: String::new(),
        span,
        fixes: Vec::new(),
        related: Vec::new(),
        expected: None,
    }
}

fn at(text: &str, needle: &str) -> Span {
    let s = text.find(needle).expect(needle);
    s..s + needle.len()
}

#[test]
fn block_regions_close_per_code() {
    let t = "<!-- gxlint-disable GX206 empty-field -->\nA\n<!-- gxlint-enable GX206 -->\nB\n\
             <!-- gxlint-enable -->\nC\n";
    let li = LineIndex::new(t);
    let s = Suppressions::parse(t, &li, gxlint::rules::code_of);
    let (a, b, c) = (at(t, "A"), at(t, "B"), at(t, "C"));
    assert!(s.suppresses(&diag("GX206", "empty-cell", a.clone()), &li));
    assert!(!s.suppresses(&diag("GX206", "empty-cell", b.clone()), &li));
    // Still disabled after `enable GX206`, until the bare enable.
    assert!(s.suppresses(&diag("GX501", "empty-field", b.clone()), &li));
    assert!(!s.suppresses(&diag("GX501", "empty-field", c.clone()), &li));
    assert!(!s.suppresses(&diag("GX303", "row-total", a), &li));
    // Before the comment nothing is suppressed.
    assert!(!s.suppresses(&diag("GX206", "empty-cell", 0..1), &li));
    assert!(s.unused().is_empty());
}

#[test]
fn enable_by_name_closes_disable_by_code() {
    let t = "<!-- gxlint-disable GX303 -->\nA\n<!-- gxlint-enable row-total -->\nB\n";
    let li = LineIndex::new(t);
    let s = Suppressions::parse(t, &li, gxlint::rules::code_of);
    assert!(s.suppresses(&diag("GX303", "row-total", at(t, "A")), &li));
    assert!(!s.suppresses(&diag("GX303", "row-total", at(t, "B")), &li));
}

#[test]
fn bare_disable_covers_every_rule_to_the_end() {
    let t = "x\n<!-- gxlint-disable -->\n表\n";
    let li = LineIndex::new(t);
    let s = Suppressions::parse(t, &li, gxlint::rules::code_of);
    assert_eq!(s.unused().len(), 1);
    assert!(s.suppresses(&diag("GX405", "late-publication", at(t, "表")), &li));
    assert!(s.suppresses(&diag("GX405", "late-publication", t.len()..t.len()), &li));
    assert!(!s.suppresses(&diag("GX405", "late-publication", 0..1), &li));
    assert!(s.unused().is_empty());
}

#[test]
fn next_line_means_exactly_the_next_line() {
    let t = "<!-- gxlint-disable-next-line GX303,GX206 -->\n第一行\n第二行\n";
    let li = LineIndex::new(t);
    let s = Suppressions::parse(t, &li, gxlint::rules::code_of);
    assert_eq!(s.directives[0].kind, DirectiveKind::NextLine);
    assert_eq!(s.directives[0].selectors.len(), 2);
    assert!(!s.suppresses(&diag("GX303", "row-total", at(t, "第二行")), &li));
    assert!(s.suppresses(&diag("GX303", "row-total", at(t, "第一行")), &li));
    let unused = s.unused();
    assert_eq!(unused.len(), 1);
    assert_eq!(&t[unused[0].span.clone()], "GX206");
    assert!(!unused[0].whole_comment);
}

#[test]
fn file_wide_by_prefix_and_crlf() {
    let t = "正文\r\n数据\r\n<!-- gxlint-disable-file GX4 -->\r\n";
    let li = LineIndex::new(t);
    let s = Suppressions::parse(t, &li, gxlint::rules::code_of);
    assert!(s.suppresses(&diag("GX405", "late-publication", at(t, "正文")), &li));
    assert!(s.suppresses(&diag("GX401", "period-mismatch", at(t, "数据")), &li));
    assert!(!s.suppresses(&diag("GX501", "empty-field", at(t, "数据")), &li));
}

#[test]
fn usage_survives_clone_and_resets() {
    let t = "<!-- gxlint-disable-file GX206 -->\n";
    let li = LineIndex::new(t);
    let s = Suppressions::parse(t, &li, gxlint::rules::code_of);
    assert!(s.suppresses(&diag("GX206", "empty-cell", 0..1), &li));
    let c = s.clone();
    assert!(c.unused().is_empty());
    s.reset_usage();
    assert_eq!(s.unused().len(), 1);
    assert!(c.unused().is_empty(), "the clone has its own flags");
}

#[test]
fn not_a_directive() {
    let t = "<!-- 这里说明 gxlint 的用法 -->\n<!-- gxlint-disabled GX206 -->\n`gxlint-disable`\n<!-- 说明 gxlint-disable -->\n";
    let li = LineIndex::new(t);
    assert!(
        Suppressions::parse(t, &li, gxlint::rules::code_of)
            .directives
            .is_empty()
    );
}

/// A correct report (no diagnostics).
const CLEAN: &str = include_str!("../examples/clean-2024.md");

fn codes(t: &str, s: &Settings) -> Vec<&'static str> {
    gxlint::check(t, s)
        .diagnostics
        .iter()
        .map(|d| d.code)
        .collect()
}

#[test]
fn gx001_through_lint_with_a_fix_that_removes_the_line() {
    let t = format!("{CLEAN}<!-- gxlint-disable-next-line GX303 -->\n正文\n");
    let t = t.as_str();
    let a = gxlint::check(t, &Settings::default());
    assert_eq!(a.diagnostics.len(), 1, "{:?}", a.diagnostics);
    let d = &a.diagnostics[0];
    assert_eq!(
        (d.code, d.name, d.severity),
        ("GX001", "unused-suppression", Severity::Info)
    );
    assert_eq!(d.span, at(t, "GX303"));
    assert!(d.message.contains("GX303"), "{}", d.message);
    let fixed = gxlint::fix::apply_edits(t, &d.fixes[0].edits).expect("edits apply");
    assert_eq!(fixed, format!("{CLEAN}正文\n"));
    // Checking twice gives the same answer (usage is reset per run).
    let doc = gxlint::document::Document::parse(t, &Settings::default().parse_options());
    assert_eq!(gxlint::lint(&doc, &Settings::default()).len(), 1);
    assert_eq!(gxlint::lint(&doc, &Settings::default()).len(), 1);
}

#[test]
fn real_diagnostics_are_suppressed_by_each_kind() {
    // Table 四's 行政复议 total typed as 2 (1 + 0 + 0 + 0 = 1): GX305 only.
    let broken = CLEAN.replacen("| 1 | 0 | 0 | 0 | 1 | 0 |", "| 1 | 0 | 0 | 0 | 2 | 0 |", 1);
    assert_ne!(broken, CLEAN);
    let s = Settings::default();
    assert_eq!(codes(&broken, &s), ["GX305"]);

    let file = format!("{broken}<!-- gxlint-disable-file appeal-total -->\n");
    assert!(codes(&file, &s).is_empty());

    let four = broken.find("## 四、").expect("section 四");
    let five = broken.find("## 五、").expect("section 五");
    let block = format!(
        "{}<!-- gxlint-disable GX3 -->\n{}<!-- gxlint-enable GX3 -->\n{}",
        &broken[..four],
        &broken[four..five],
        &broken[five..]
    );
    assert!(codes(&block, &s).is_empty());
    // Enabled again before the table: the diagnostic is back and the comment is unused.
    let closed_early = format!(
        "{}<!-- gxlint-disable GX3 --><!-- gxlint-enable -->\n{}",
        &broken[..four],
        &broken[four..]
    );
    assert_eq!(codes(&closed_early, &s), ["GX001", "GX305"]);

    // Next line: the empty field sits on a prose line.
    let empty = CLEAN.replacen("地址：青山市人民路88号", "地址：", 1);
    assert_eq!(codes(&empty, &s), ["GX501"]);
    let contact = empty.find("本报告电子版").expect("contact line");
    let next = format!(
        "{}<!-- gxlint-disable-next-line empty-field -->\n{}",
        &empty[..contact],
        &empty[contact..]
    );
    assert!(codes(&next, &s).is_empty());
}

#[test]
fn gx001_ignores_comments_about_rules_that_did_not_run() {
    let t = format!("{CLEAN}<!-- gxlint-disable-file GX206 -->\n");
    let s = Settings {
        ignore: vec!["empty-cell".into()],
        ..Settings::default()
    };
    assert!(gxlint::check(&t, &s).diagnostics.is_empty());
    let s = Settings {
        ignore: vec!["GX001".into()],
        ..Settings::default()
    };
    assert!(gxlint::check(&t, &s).diagnostics.is_empty());
    assert_eq!(codes(&t, &Settings::default()), ["GX001"]);
}

/// (code, severity, line number counted from 1, text at the span) of each diagnostic.
fn found(t: &str) -> Vec<(&'static str, Severity, usize, String)> {
    let li = LineIndex::new(t);
    gxlint::check(t, &Settings::default())
        .diagnostics
        .iter()
        .map(|d| {
            (
                d.code,
                d.severity,
                li.line_of(d.span.start) + 1,
                t[d.span.clone()].to_string(),
            )
        })
        .collect()
}

fn line_no(t: &str, needle: &str) -> usize {
    t[..t.find(needle).expect(needle)].matches('\n').count() + 1
}

/// Regression: `disable-line` was read as a block `disable` of the rules `-line` and `GX503`,
/// which hid GX503 to the end of the file.
#[test]
fn disable_line_covers_only_the_comments_own_line() {
    let t = format!("{CLEAN}打印本页 <!-- gxlint-disable-line GX503 -->\n打印本页\n");
    let li = LineIndex::new(&t);
    let s = Suppressions::parse(&t, &li, gxlint::rules::code_of);
    assert_eq!(s.directives.len(), 1);
    assert_eq!(s.directives[0].kind, DirectiveKind::Line);
    assert_eq!(s.directives[0].kind.keyword(), "gxlint-disable-line");
    assert_eq!(s.directives[0].selectors.len(), 1);
    assert!(s.unknown.is_empty());
    let got = found(&t);
    assert_eq!(
        got,
        [(
            "GX503",
            Severity::Warning,
            line_no(&t, "打印本页 <!--") + 1,
            "打印本页".to_string()
        )],
        "only the line after the comment's line is reported"
    );
    // On its own line the comment covers nothing: GX001, and both residues are reported.
    let t = format!("{CLEAN}<!-- gxlint-disable-line GX503 -->\n打印本页\n");
    let got: Vec<_> = found(&t).into_iter().map(|f| f.0).collect();
    assert_eq!(got, ["GX001", "GX503"]);
}

#[test]
fn disable_next_line_still_works_next_to_disable_line() {
    let t = format!(
        "{CLEAN}<!-- gxlint-disable-next-line web-residue -->\n打印本页\n打印本页<!--gxlint-disable-line GX5-->\n打印本页\n"
    );
    let got = found(&t);
    assert_eq!(got.len(), 1, "{got:?}");
    assert_eq!(got[0].0, "GX503");
    assert_eq!(got[0].2, t.lines().count());
}

#[test]
fn unknown_directive_is_an_error_and_suppresses_nothing() {
    for (kw, suggestion) in [
        ("gxlint-disabel", Some("gxlint-disable")),
        ("gxlint-disable-lines", Some("gxlint-disable-line")),
        ("gxlint-disabled", Some("gxlint-disable")),
        ("gxlint-ignore", None),
        ("gxlint-disable:GX503", None),
    ] {
        let t = format!("{CLEAN}<!-- {kw} GX503 -->\n打印本页\n<!-- {kw} -->\n");
        let li = LineIndex::new(&t);
        let s = Suppressions::parse(&t, &li, gxlint::rules::code_of);
        assert!(s.directives.is_empty(), "{kw}");
        assert_eq!(s.unknown.len(), 2, "{kw}");
        assert_eq!(s.unknown[0].keyword, kw);
        assert_eq!(s.unknown[0].suggestion, suggestion, "{kw}");
        let a = gxlint::check(&t, &Settings::default());
        let got: Vec<_> = a
            .diagnostics
            .iter()
            .map(|d| (d.code, d.severity, &t[d.span.clone()]))
            .collect();
        assert_eq!(
            got,
            [
                ("GX001", Severity::Error, kw),
                ("GX503", Severity::Warning, "打印本页"),
                ("GX001", Severity::Error, kw),
            ],
            "{kw}"
        );
        let d = &a.diagnostics[0];
        assert!(d.message.contains("未知的禁用指令"), "{}", d.message);
        match suggestion {
            Some(s) => {
                assert!(d.message.contains(s), "{}", d.message);
                assert_eq!(d.fixes.len(), 1);
                assert_eq!(
                    d.fixes[0].applicability,
                    gxlint::diagnostic::Applicability::Unsafe
                );
                let fixed = gxlint::fix::apply_edits(&t, &d.fixes[0].edits).expect("applies");
                assert!(fixed.contains(&format!("<!-- {s} GX503 -->")));
            }
            None => assert!(d.fixes.is_empty()),
        }
    }
}
