//! GX501–GX506: pattern rules on fixtures and on the five seeds.

use gxlint::config::{ExtraPatterns, Settings};
use gxlint::data::Data;
use gxlint::diagnostic::{Diagnostic, Edit};
use std::path::PathBuf;
use std::sync::Arc;

const MINE: &[&str] = &[
    "GX501", "GX502", "GX503", "GX504", "GX505", "GX506", "GX601", "GX602", "GX603",
];

fn seeds_dir() -> PathBuf {
    let mut candidates = Vec::new();
    if let Ok(p) = std::env::var("GXLINT_SEEDS") {
        candidates.push(PathBuf::from(p));
    }
    candidates.push(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/seeds"));
    candidates.push(PathBuf::from("/work/shared/seeds"));
    candidates
        .into_iter()
        .find(|p| p.is_dir())
        .expect("seed directory not found: set GXLINT_SEEDS")
}

fn seed(n: &str) -> String {
    let dir = seeds_dir();
    let entry = std::fs::read_dir(&dir)
        .expect("read seeds")
        .filter_map(|e| e.ok())
        .find(|e| {
            e.file_name()
                .to_string_lossy()
                .starts_with(&format!("{n}_"))
        })
        .unwrap_or_else(|| panic!("seed {n} missing in {}", dir.display()));
    std::fs::read_to_string(entry.path()).expect("read seed")
}

/// Checks a text; a snippet that is not a report by itself (and so is not checked at all) is
/// checked followed by a report title; only diagnostics inside the snippet are kept (their
/// spans and fixes are the snippet's own).
fn check_snippet(text: &str, settings: &Settings) -> gxlint::Analysis {
    let a = gxlint::check(text, settings);
    if a.skipped.is_none() {
        return a;
    }
    let full = format!("{text}\n\n某县财政局2023年政府信息公开工作年度报告\n");
    let mut a = gxlint::check(&full, settings);
    assert_eq!(a.skipped, None);
    a.diagnostics.retain(|d| {
        d.span.end <= text.len()
            && d.fixes
                .iter()
                .flat_map(|f| &f.edits)
                .all(|e| e.range.end <= text.len())
    });
    a
}

/// Diagnostics of `code` on `text` with default settings: (matched text, diagnostic).
fn diags<'t>(text: &'t str, code: &str) -> Vec<(&'t str, Diagnostic)> {
    check_snippet(text, &Settings::default())
        .diagnostics
        .into_iter()
        .filter(|d| d.code == code)
        .map(|d| (&text[d.span.clone()], d))
        .collect()
}

fn found<'t>(text: &'t str, code: &str) -> Vec<&'t str> {
    diags(text, code).into_iter().map(|(s, _)| s).collect()
}

fn mine(text: &str) -> Vec<(String, String)> {
    check_snippet(text, &Settings::default())
        .diagnostics
        .into_iter()
        .filter(|d| MINE.contains(&d.code))
        .map(|d| (d.code.to_string(), text[d.span.clone()].to_string()))
        .collect()
}

// ---------------------------------------------------------------- seeds

#[test]
fn seed_000_spam_residue_mojibake() {
    let t = seed("000");
    assert_eq!(found(&t, "GX504"), vec!["365体育官网"]);
    let r = found(&t, "GX503");
    for want in ["浏览量:次", "字体:", "相关阅读:", "扫一扫在手机打开当前页"] {
        assert!(r.contains(&want), "GX503 {want} not in {r:?}");
    }
    assert_eq!(r.len(), 4, "{r:?}");
    assert_eq!(found(&t, "GX505"), vec!["??????", "?????"]);
    let other: Vec<_> = mine(&t)
        .into_iter()
        .filter(|(c, _)| !matches!(c.as_str(), "GX503" | "GX504" | "GX505"))
        .collect();
    assert!(other.is_empty(), "{other:?}");
}

#[test]
fn seed_001_residue_only() {
    let t = seed("001");
    let r = found(&t, "GX503");
    for want in [
        "本站已启用无障碍浏览系统",
        "保护视力色",
        "附件下载",
        "扫一扫在手机打开当前页",
        "分享到",
    ] {
        assert!(
            r.iter().any(|s| s.starts_with(want)),
            "GX503 {want} not in {r:?}"
        );
    }
    // The three metadata lines of the page header.
    assert!(r.iter().any(|s| s.starts_with("索 引 号")), "{r:?}");
    assert!(r.iter().any(|s| s.starts_with("责任部门")), "{r:?}");
    assert!(r.iter().any(|s| s.starts_with("所属“五公开”")), "{r:?}");
    let other: Vec<_> = mine(&t).into_iter().filter(|(c, _)| c != "GX503").collect();
    assert!(other.is_empty(), "{other:?}");
}

#[test]
fn seed_002_residue() {
    let t = seed("002");
    let r = found(&t, "GX503");
    assert!(r.iter().any(|s| s.starts_with("字体:【")), "{r:?}");
    assert!(r.contains(&"浏览量:"), "{r:?}");
    assert!(r.contains(&"扫一扫在手机打开当前页"), "{r:?}");
    assert_eq!(r.len(), 3, "{r:?}");
    let other: Vec<_> = mine(&t).into_iter().filter(|(c, _)| c != "GX503").collect();
    assert!(other.is_empty(), "{other:?}");
}

#[test]
fn seed_003_nothing_of_mine() {
    let t = seed("003");
    assert!(mine(&t).is_empty(), "{:?}", mine(&t));
}

#[test]
fn seed_004_bookmark_only() {
    let t = seed("004");
    assert_eq!(
        mine(&t),
        vec![("GX503".to_string(), "[bookmark: _GoBack]".to_string())]
    );
}

/// Apply every GX503/GX504 fix of `text` (identical edits once).
fn apply_residue_fixes(text: &str) -> String {
    let mut edits: Vec<Edit> = check_snippet(text, &Settings::default())
        .diagnostics
        .into_iter()
        .filter(|d| d.code == "GX503" || d.code == "GX504")
        .flat_map(|d| d.fixes.into_iter().flat_map(|f| f.edits))
        .collect();
    edits.sort_by_key(|e| (e.range.start, e.range.end));
    edits.dedup();
    gxlint::fix::apply_edits(text, &edits).expect("non-overlapping edits")
}

/// Every line of `old` is either in `new` unchanged, or holds residue/spam and is gone (when
/// nothing else was on it) or kept minus the residue.
fn assert_only_residue_removed(old: &str, new: &str) {
    let data = Data::build(&ExtraPatterns::default()).unwrap();
    let old_lines: Vec<&str> = old.split_inclusive('\n').collect();
    let new_lines: Vec<&str> = new.split_inclusive('\n').collect();
    let mut j = 0;
    for line in &old_lines {
        if new_lines.get(j) == Some(line) {
            j += 1;
            continue;
        }
        let spans = gxlint::data::removable_spans(&data, line);
        assert!(
            !spans.is_empty(),
            "line changed or lost without residue: {line:?}"
        );
        let mut rest = String::new();
        let mut pos = 0;
        for s in &spans {
            rest.push_str(&line[pos..s.start]);
            pos = s.end;
        }
        rest.push_str(&line[pos..]);
        if rest.chars().any(|c| c.is_alphanumeric()) {
            // Content left: the line is kept minus the residue, byte for byte.
            assert_eq!(new_lines.get(j), Some(&rest.as_str()), "from {line:?}");
            j += 1;
        }
    }
    assert_eq!(j, new_lines.len(), "extra lines in the fixed text");
}

#[test]
fn residue_fixes_on_seed_000_keep_everything_else() {
    let t = seed("000");
    let fixed = apply_residue_fixes(&t);
    assert_only_residue_removed(&t, &fixed);
    assert!(!fixed.contains("365体育官网"));
    assert!(!fixed.contains("扫一扫"));
    assert!(!fixed.contains("相关阅读"));
    assert!(fixed.contains("发布时间:2022-01-25 09:25??????来源:办公室?????\n"));
    assert!(fixed.starts_with("\n衡阳市科技局2021年政府信息公开年度报告\n"));
    // The fixed text has no residue left.
    assert!(found(&fixed, "GX503").is_empty());
    assert!(found(&fixed, "GX504").is_empty());
    assert_eq!(t.lines().count() - fixed.lines().count(), 4);
}

#[test]
fn residue_fixes_on_seed_001_keep_everything_else() {
    let t = seed("001");
    let fixed = apply_residue_fixes(&t);
    assert_only_residue_removed(&t, &fixed);
    assert!(
        fixed.starts_with("\n灵武市科学技术局2024年政府信息公开工作年度报告\n"),
        "{}",
        &fixed[..200]
    );
    assert!(fixed.contains("电子邮箱:lwskjj2008@163.com。\n"));
    assert!(
        !fixed.contains("分享到") && !fixed.contains("保护视力色") && !fixed.contains("无障碍")
    );
    assert!(found(&fixed, "GX503").is_empty());
    // 4 header lines, the colour-switch line, 附件下载, 扫一扫, 分享到.
    assert_eq!(t.lines().count() - fixed.lines().count(), 8);
}

// ---------------------------------------------------------------- GX501 empty-field

#[test]
fn gx501_triggers() {
    let t =
        "如有疑问请联系（地址：；联系电话：）。\n电子邮箱：\n邮编：传真：0730-8843429\n联系人：\n";
    assert_eq!(
        found(t, "GX501"),
        vec!["地址：", "联系电话：", "电子邮箱：", "邮编：", "联系人："]
    );
    let d = &diags(t, "GX501")[0].1;
    assert!(d.message.contains("地址"), "{}", d.message);
}

#[test]
fn gx501_quiet() {
    let t = "地址：上高县清莲路9号，电话：0795-2521996，邮编：336400。\n地址:\n长沙市芙蓉路1号\n公布联系电话及受理邮箱。\n";
    assert!(found(t, "GX501").is_empty(), "{:?}", found(t, "GX501"));
}

// ---------------------------------------------------------------- GX502 placeholder

#[test]
fn gx502_triggers() {
    let t = "XX市XX局20XX年政府信息公开工作年度报告\n现发布《××县2021年报告》（国办公开办函〔〕号）。\n\
             本报告由（ ）编制，○○单位负责。【请填写联系人】此处填写 TODO\n| 总计 | null | None |\n\
             数量：NaN\n统计期限自202X年1月1日起。{{agency}}\n";
    let f = found(t, "GX502");
    for want in [
        "XX",
        "20XX",
        "××",
        "〔〕",
        "（ ）",
        "○○",
        "【请填写联系人】",
        "此处填写",
        "TODO",
        "null",
        "None",
        "NaN",
        "202X",
        "{{agency}}",
    ] {
        assert!(f.contains(&want), "{want} not in {f:?}");
    }
}

#[test]
fn gx502_quiet() {
    let t = "（一）主动公开情况\n网站 http://www.XXgov.cn/XX/index.htm 和 xx@163.com\n\
             二〇〇九年，编号 XXL-2，函数 f()，链接 [a]()\n| 总计 | 0 | 0 |\n说明：Nonexistent 不是空值。TODOS\n\
             2021年度报告 1920x1080\n";
    assert!(found(t, "GX502").is_empty(), "{:?}", found(t, "GX502"));
}

// ---------------------------------------------------------------- GX503 web-residue

#[test]
fn gx503_triggers_with_safe_fixes() {
    let t =
        "标题\n打印本页 关闭窗口\n来源：办公室 浏览次数：123次\n字号：【大 中 小】\n正文第一段。\n";
    let d = diags(t, "GX503");
    let f: Vec<&str> = d.iter().map(|(s, _)| *s).collect();
    assert_eq!(
        f,
        vec![
            "打印本页",
            "关闭窗口",
            "浏览次数：123次",
            "字号：【大 中 小】"
        ]
    );
    // 打印本页 关闭窗口 share a line with nothing else: both delete the line.
    let line2 = "打印本页 关闭窗口\n";
    let start = t.find(line2).unwrap();
    assert_eq!(d[0].1.fixes[0].edits[0].range, start..start + line2.len());
    assert_eq!(
        d[0].1.fixes[0].applicability,
        gxlint::diagnostic::Applicability::Safe
    );
    // 浏览次数 keeps 来源.
    let (s, dd) = &d[2];
    assert_eq!(&t[dd.fixes[0].edits[0].range.clone()], *s);
    let fixed = apply_residue_fixes(t);
    assert_eq!(fixed, "标题\n来源：办公室 \n正文第一段。\n");
}

#[test]
fn gx503_quiet() {
    let t = "我局将政策文件分享给企业，字体规范统一，浏览网站的群众增多。\n相关阅读材料已印发。\n索引号：123\n";
    assert!(found(t, "GX503").is_empty(), "{:?}", found(t, "GX503"));
}

#[test]
fn gx503_project_phrase_is_data_only() {
    let extra = ExtraPatterns {
        residue: vec!["本页由某某系统生成".into()],
        ..Default::default()
    };
    let settings = Settings {
        data: Arc::new(Data::build(&extra).unwrap()),
        ..Default::default()
    };
    let t = "报告正文。\n本页由某某系统生成\n";
    let a = check_snippet(t, &settings);
    assert!(
        a.diagnostics
            .iter()
            .any(|d| d.code == "GX503" && &t[d.span.clone()] == "本页由某某系统生成")
    );
    assert!(found(t, "GX503").is_empty());
}

// ---------------------------------------------------------------- GX504 spam-injection

#[test]
fn gx504_triggers() {
    let t = "bet365官网\n澳门新葡京娱乐城 2021年政府信息公开工作年度报告\n";
    let d = diags(t, "GX504");
    let f: Vec<&str> = d.iter().map(|(s, _)| *s).collect();
    assert_eq!(f, vec!["bet365官网", "澳门新葡京", "娱乐城"]);
    assert_eq!(d[0].1.severity, gxlint::diagnostic::Severity::Error);
    assert_eq!(d[0].1.fixes[0].edits[0].range, 0.."bet365官网\n".len());
    assert_eq!(apply_residue_fixes(t), " 2021年政府信息公开工作年度报告\n");
}

#[test]
fn gx504_quiet() {
    let t = "某某市科技局2021年政府信息公开工作年度报告\n全年开展体育活动365天。\n";
    assert!(found(t, "GX504").is_empty());
}

// ---------------------------------------------------------------- GX505 mojibake

#[test]
fn gx505_triggers() {
    let t = "来源??办公室\n锟斤拷锟斤拷\n数据\u{FFFD}\u{FFFD}丢失\nä¸\u{AD}æ–‡ cafÃ© ï»¿标题\n";
    let f = found(t, "GX505");
    assert_eq!(
        f,
        vec![
            "??",
            "锟斤拷锟斤拷",
            "\u{FFFD}\u{FFFD}",
            "ä¸\u{AD}æ–‡",
            "Ã©",
            "ï»¿"
        ]
    );
    let d = diags(t, "GX505");
    assert!(d[3].1.message.contains("中文"), "{}", d[3].1.message);
}

#[test]
fn gx505_quiet() {
    let t = "是否公开？？\nhttp://a.cn/?? x?? 3×4 Café résumé “引号”—破折号 °C\n为什么?\n";
    assert!(found(t, "GX505").is_empty(), "{:?}", found(t, "GX505"));
}

// ---------------------------------------------------------------- GX506 contact-format

#[test]
fn gx506_triggers() {
    let t =
        "邮编：41400；电子邮箱：abc.163.com；联系电话：0736-322291\n邮箱：ab＠163.com，传真：12\n";
    let f = found(t, "GX506");
    assert_eq!(
        f,
        vec!["41400", "abc.163.com", "0736-322291", "ab＠163.com", "12"]
    );
    let d = diags(t, "GX506");
    assert_eq!(d[0].1.severity, gxlint::diagnostic::Severity::Info);
    assert!(
        d[0].1.message.contains("6 位") && d[0].1.message.contains("5 位"),
        "{}",
        d[0].1.message
    );
}

#[test]
fn gx506_quiet() {
    let t = "联系电话：0736-3222916。电话:0951-4021563,电子邮箱:lwskjj2008@163.com。\n\
             电话：（0795）2521996，邮编：336400；热线电话：12345；手机：13812345678\n\
             电话：0730-8737963、13800001111；电子邮箱：暂无\n";
    assert!(found(t, "GX506").is_empty(), "{:?}", found(t, "GX506"));
}

// ---------------------------------------------------------------- robustness

/// Random mixes of the characters the pattern rules look at: no panic, spans on char
/// boundaries, fixes apply.
#[test]
fn never_panics_on_tricky_text() {
    let pieces = [
        "地址：",
        "电话:",
        "邮编：",
        "电子邮箱：",
        "0736-",
        "1",
        "@",
        "＠",
        "?",
        "??",
        "\u{FFFD}",
        "Ã",
        "©",
        "ä",
        "¸",
        "\u{AD}",
        "ï»¿",
        "XX",
        "×",
        "〇",
        "○",
        "（",
        "）",
        "〔",
        "〕",
        "{{",
        "}}",
        "null",
        "|",
        "\t",
        "\r\n",
        "\n",
        "\r",
        " ",
        "　",
        "字体:",
        "【",
        "】",
        "扫一扫在手机打开当前页",
        "365bet",
        "官网",
        "未收到",
        "申请",
        "件",
        "予以公开",
        "行政复议",
        "𠮷",
        "e\u{301}",
        "http://",
    ];
    let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
    for _ in 0..400 {
        let mut s = String::new();
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        let n = (seed % 40) as usize;
        for _ in 0..n {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            s.push_str(pieces[(seed % pieces.len() as u64) as usize]);
        }
        let a = gxlint::check(&s, &Settings::default());
        for d in a.diagnostics.iter().filter(|d| MINE.contains(&d.code)) {
            assert!(s.get(d.span.clone()).is_some(), "{:?} in {s:?}", d.span);
        }
        let _ = apply_residue_fixes(&s);
    }
}
