//! GX108 non-template-structure (issue 8, point 7): body headings that are not the template's
//! six, and an opening that lists another set of sections.

mod reader_support;

use gxlint::config::Settings;
use gxlint::diagnostic::Diagnostic;
use reader_support::{Report, seed};

/// The one call into the library (a signature change is a one-line edit here).
fn check(text: &str) -> Vec<Diagnostic> {
    gxlint::check(text, &Settings::default()).diagnostics
}

fn gx108(text: &str) -> Vec<(String, Diagnostic)> {
    check(text)
        .into_iter()
        .filter(|d| d.code == "GX108")
        .map(|d| (text[d.span.clone()].to_string(), d))
        .collect()
}

fn spans(text: &str) -> Vec<String> {
    gx108(text).into_iter().map(|(s, _)| s).collect()
}

#[test]
fn template_reports_are_silent() {
    assert!(spans(&Report::new(2023).render()).is_empty());
    for s in ["000", "001", "002", "003", "004"] {
        assert!(spans(&seed(s)).is_empty(), "seed {s}");
    }
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/clean");
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_file() && p.extension().is_some_and(|x| x == "md" || x == "txt") {
            let t = std::fs::read_to_string(&p).unwrap();
            assert!(spans(&t).is_empty(), "{}", p.display());
        }
    }
}

#[test]
fn a_heading_that_is_not_one_of_the_six() {
    let mut r = Report::new(2023);
    r.sections
        .insert(1, ("二、工作机制保障".into(), "本局成立领导小组。".into()));
    // Renumber the template sections after it: 三、主动公开… and so on.
    for (i, (h, _)) in r.sections.iter_mut().enumerate().skip(2) {
        let n = ["一", "二", "三", "四", "五", "六", "七"][i];
        let w = h.split_once('、').unwrap().1.to_string();
        *h = format!("{n}、{w}");
    }
    for h in [
        |s: &str| s.to_string(),
        |s: &str| format!("## {s}"),
        |s: &str| format!("**{s}**"),
    ] {
        let t = r.render_with(h, "\n");
        let d = gx108(&t);
        assert_eq!(d.len(), 1, "{t}");
        assert_eq!(d[0].0, "工作机制保障");
        assert_eq!(d[0].1.span.start, t.find("工作机制保障").unwrap());
        assert!(d[0].1.message.contains("“工作机制保障”不是模板的部分"));
        assert!(d[0].1.message.contains("六、其他需要报告的事项"));
    }
    // A seventh heading after 六.
    let mut r = Report::new(2023);
    r.sections
        .push(("七、下一步工作打算".into(), "继续深化公开。".into()));
    assert_eq!(spans(&r.render()), vec!["下一步工作打算"]);
}

#[test]
fn lists_inside_a_section_are_not_headings() {
    let mut r = Report::new(2023);
    r.sections[4].1 = "一、公开形式单一\n二、解读不够及时\n下一步将丰富解读形式。".into();
    r.sections[0].1 = "一、主动公开\n二、依申请公开\n三、政府信息管理".into();
    assert!(spans(&r.render()).is_empty());
    // Numbered table rows when section 四 is missing are not headings either.
    let mut r = Report::new(2023);
    r.sections[2].1 = "一、本年新收政府信息公开申请数量 0\n四、结转下年度继续办理 0".into();
    r.sections.remove(3);
    assert!(spans(&r.render()).is_empty());
}

#[test]
fn legacy_headings_are_gx107s() {
    let mut r = Report::new(2023);
    r.sections
        .push(("七、咨询和投诉情况".into(), "无。".into()));
    let t = r.render();
    assert!(spans(&t).is_empty());
    assert!(check(&t).iter().any(|d| d.code == "GX107"));
}

#[test]
fn an_opening_listing_other_sections() {
    let mut r = Report::new(2023);
    r.opening = "本报告全文包括总体情况、主动公开政府信息情况、依申请公开情况、工作机制保障、存在的主要问题及改进情况等部分。本报告统计期限为2023年1月1日至2023年12月31日。".into();
    let t = r.render();
    let d = gx108(&t);
    assert_eq!(d.len(), 1, "{d:?}");
    let (s, d) = &d[0];
    assert_eq!(
        s,
        "总体情况、主动公开政府信息情况、依申请公开情况、工作机制保障、存在的主要问题及改进情况"
    );
    assert!(d.message.contains("“工作机制保障”"), "{}", d.message);
    assert!(
        d.message
            .contains("缺少“四、政府信息公开行政复议、行政诉讼情况”“六、其他需要报告的事项”"),
        "{}",
        d.message
    );
    assert_eq!(d.related.len(), 1);
    assert_eq!(&t[d.related[0].span.clone()], "工作机制保障");
}

#[test]
fn an_opening_listing_the_six_is_silent() {
    let mut r = Report::new(2023);
    r.opening = "报告全文包括总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、政府信息公开行政复议、行政诉讼情况、存在的主要问题及改进情况、其他需要报告的事项六个部分。统计期限为2023年1月1日至2023年12月31日。".into();
    assert!(spans(&r.render()).is_empty());
    // Numbered, with 和 for 、 as the clean drafts write it.
    r.opening = "报告包括：（一）总体情况；".into();
    r.opening = "报告全文包括总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、政府信息公开行政复议和行政诉讼情况、存在的主要问题及改进情况、其他需要报告的事项。统计期限为2023年1月1日至2023年12月31日。".into();
    assert!(spans(&r.render()).is_empty());
}
