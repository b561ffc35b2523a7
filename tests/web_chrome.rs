//! GX503 web-residue and GX502 placeholder on the page chrome real reports carry when copied
//! from a government web site (issue 8, point 6): breadcrumbs, the accessibility/elder-care and
//! script switches, login links, download buttons, the site search box, the share bar, and a
//! document index printed with a null value. Pattern data only (rules/patterns.toml).

use gxlint::config::Settings;
use gxlint::diagnostic::Diagnostic;

/// The one call into the library (a signature change is a one-line edit here).
fn check(text: &str) -> Vec<Diagnostic> {
    gxlint::check(text, &Settings::default()).diagnostics
}

/// A report head with `chrome` lines above the title and `inline` inside the opening.
fn page(chrome: &str, inline: &str) -> String {
    format!(
        "{chrome}\n某县财政局2023年政府信息公开工作年度报告\n\n本报告统计期限为2023年1月1日至2023年12月31日。{inline}\n\n一、总体情况\n\n2023年，本局坚持公开为常态。\n"
    )
}

fn found<'t>(text: &'t str, code: &str) -> Vec<&'t str> {
    check(text)
        .into_iter()
        .filter(|d| d.code == code)
        .map(|d| &text[d.span.clone()])
        .collect()
}

/// Apply every GX503 fix (they are safe and disjoint).
fn fix_residue(text: &str) -> String {
    let mut edits: Vec<gxlint::diagnostic::Edit> = check(text)
        .into_iter()
        .filter(|d| d.code == "GX503")
        .flat_map(|d| {
            d.fixes
                .into_iter()
                .next()
                .map(|f| f.edits)
                .unwrap_or_default()
        })
        .collect();
    edits.sort_by_key(|e| e.range.start);
    edits.dedup_by(|a, b| a.range == b.range);
    gxlint::fix::apply_edits(text, &edits).expect("edits apply")
}

#[test]
fn breadcrumbs() {
    for (line, want) in [
        (
            "当前位置：首页 > 政务公开 > 政府信息公开年报",
            "当前位置：首页 > 政务公开 > 政府信息公开年报",
        ),
        (
            "您当前所在位置：首页>信息公开>年度报告",
            "您当前所在位置：首页>信息公开>年度报告",
        ),
        (
            "您的位置: 首页 » 政府信息公开",
            "您的位置: 首页 » 政府信息公开",
        ),
        ("您当前所在位置：", "您当前所在位置："),
    ] {
        let t = page(line, "");
        assert_eq!(found(&t, "GX503"), vec![want], "{line}");
        // The whole line goes, the title stays.
        let fixed = fix_residue(&t);
        assert!(fixed.starts_with("某县财政局2023年"), "{fixed}");
    }
}

#[test]
fn breadcrumb_on_a_flattened_page_keeps_the_text_after_it() {
    let t = "当前位置：首页 > 政务公开 > 年报 某县财政局2023年政府信息公开工作年度报告 一、总体情况 2023年，本局坚持公开为常态。\n";
    assert_eq!(found(t, "GX503"), vec!["当前位置：首页 > 政务公开 > 年报"]);
    let fixed = fix_residue(t);
    assert!(
        fixed.contains("某县财政局2023年政府信息公开工作年度报告 一、总体情况"),
        "{fixed}"
    );
}

#[test]
fn site_switches_login_downloads_search_share() {
    for (line, want) in [
        ("无障碍", vec!["无障碍"]),
        ("关怀版", vec!["关怀版"]),
        ("简体 | 繁体", vec!["简体 | 繁体"]),
        (
            "无障碍　关怀版　简体｜繁體",
            vec!["无障碍　关怀版　简体｜繁體"],
        ),
        ("登录 注册", vec!["登录 注册"]),
        ("【下载Word】【下载PDF】", vec!["【下载Word】【下载PDF】"]),
        (
            "选择搜索类型 请输入搜索关键词 搜索",
            vec!["选择搜索类型 请输入搜索关键词 搜索"],
        ),
        ("分享至：", vec!["分享至："]),
    ] {
        let t = page(line, "");
        assert_eq!(found(&t, "GX503"), want, "{line}");
        let fixed = fix_residue(&t);
        assert!(fixed.starts_with("某县财政局2023年"), "{line}: {fixed}");
    }
    // Inside a line of text only the chrome goes.
    let t = page("", "全文见【下载Word】【下载PDF】");
    assert_eq!(found(&t, "GX503"), vec!["【下载Word】【下载PDF】"]);
    assert!(fix_residue(&t).contains("12月31日。全文见\n"));
}

#[test]
fn report_words_are_not_chrome() {
    // The same words in report prose are report content.
    let t = page(
        "",
        "本局推进政府网站无障碍改造，上线关怀版页面，提供简体和繁体两种版本；用户登录后可注册订阅，并可分享至微信。",
    );
    assert_eq!(found(&t, "GX503"), Vec::<&str>::new());
    let t = page(
        "",
        "申请人可通过网站的位置导航查找年报，当前位置信息已完善。",
    );
    assert_eq!(found(&t, "GX503"), Vec::<&str>::new());
}

#[test]
fn none_in_a_document_index() {
    let t = page("索引号：/2021-None", "");
    let d: Vec<Diagnostic> = check(&t)
        .into_iter()
        .filter(|d| d.code == "GX502")
        .collect();
    assert_eq!(d.len(), 1, "{d:?}");
    assert_eq!(&t[d[0].span.clone()], "None");
    assert_eq!(d[0].span.start, t.find("None").unwrap());
    assert!(d[0].message.contains("None"), "{}", d[0].message);
    // A real index is not a placeholder.
    let t = page("索引号：11500000MB1234567X/2021-00012", "");
    assert_eq!(found(&t, "GX502"), Vec::<&str>::new());
    // `Nonexistent` is a word, not a null value.
    let t = page("索引号：/2021-Nonexistent", "");
    assert_eq!(found(&t, "GX502"), Vec::<&str>::new());
}
