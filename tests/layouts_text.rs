//! Real layouts of headings, titles, periods and years (issue #8, point 4), each made from every
//! clean draft (all table forms, 2021 and 2019 formats) the way real reports do it, with exact
//! expectations: a correct report stays silent, a real deviation is one finding.

use std::path::{Path, PathBuf};

use gxlint::config::Settings;
use gxlint::document::{Document, ParseOptions};

fn clean_drafts() -> Vec<(String, String)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/clean");
    let mut v: Vec<(String, String)> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file() && !p.to_string_lossy().ends_with(".py"))
        .filter(|p| !p.file_name().unwrap().to_string_lossy().starts_with("2017"))
        .map(|p: PathBuf| {
            (
                p.file_name().unwrap().to_string_lossy().into_owned(),
                std::fs::read_to_string(&p).unwrap(),
            )
        })
        .collect();
    v.sort();
    assert!(v.len() >= 15, "the clean drafts are missing");
    v
}

fn codes(text: &str) -> Vec<String> {
    gxlint::check(text, &Settings::default())
        .diagnostics
        .iter()
        .map(|d| {
            format!(
                "{}@{}",
                d.code,
                text[..d.span.start].matches('\n').count() + 1
            )
        })
        .collect()
}

fn doc(text: &str) -> Document<'_> {
    Document::parse(text, &ParseOptions::default())
}

/// Replace byte ranges (sorted, disjoint) of `text`.
fn splice(text: &str, mut edits: Vec<(std::ops::Range<usize>, String)>) -> String {
    edits.sort_by_key(|e| std::cmp::Reverse(e.0.start));
    let mut t = text.to_string();
    for (r, s) in edits {
        t.replace_range(r, &s);
    }
    t
}

/// Each section heading run into the first line of its body: `　　一、总体情况　　2024年，…`.
fn run_in(text: &str) -> String {
    let d = doc(text);
    let edits = d
        .sections
        .iter()
        .filter_map(|s| {
            let body = &text[s.body.clone()];
            let lead = body.len() - body.trim_start().len();
            // Only where the body starts with prose (not a table).
            let first = body.trim_start().lines().next()?;
            if first.starts_with(['|', '#']) || first.contains('\t') || first.len() < 30 {
                return None;
            }
            // The heading as written, bold markers kept, ATX markers dropped.
            let heading = text[s.line.clone()].trim_start_matches(['#', ' ']);
            Some((
                s.line.start..s.body.start + lead,
                format!("　　{heading}　　"),
            ))
        })
        .collect();
    splice(text, edits)
}

fn title_line(text: &str) -> std::ops::Range<usize> {
    let t = doc(text).title.expect("a title").span;
    let start = text[..t.start].rfind('\n').map_or(0, |i| i + 1);
    let end = text[t.end..].find('\n').map_or(text.len(), |i| t.end + i);
    start..end
}

#[test]
fn correct_reports_in_real_layouts_stay_silent() {
    let mut checked = 0;
    for (name, text) in clean_drafts() {
        assert_eq!(codes(&text), Vec::<String>::new(), "{name} itself");
        let title = title_line(&text);
        let t = &text[title.clone()];
        // Byte offset of the `年` after the title's year.
        let year_at = t
            .char_indices()
            .find(|&(i, c)| c == '年' && i >= 4 && t[i - 4..i].bytes().all(|b| b.is_ascii_digit()))
            .map(|(i, _)| i)
            .expect("year in the title");
        let mut variants: Vec<(&str, String)> = Vec::new();
        variants.push(("run-in headings", run_in(&text)));
        // The title wrapped after the year, as PDF copies and narrow layouts do.
        let cut = title.start + year_at + "年".len();
        variants.push((
            "wrapped title",
            format!("{}\n{}", &text[..cut], &text[cut..]),
        ));
        let cut2 = title.start + t.find("信息公开").expect("信息公开") + "信息".len();
        variants.push((
            "title wrapped inside a word",
            format!("{}\n{}", &text[..cut2], &text[cut2..]),
        ));
        // The period sentence broken by a hard wrap after the year.
        let d = doc(&text);
        let p = d.period.as_ref().expect("a period").span.clone();
        let year_end = p.start + text[p.clone()].find('年').expect("年");
        variants.push((
            "period broken by a line wrap",
            format!("{}\n{}", &text[..year_end], &text[year_end..]),
        ));
        drop(d);
        // Traditional characters in the title and the headings.
        // The whole report in traditional characters (as some agencies publish it).
        let trad: String = text
            .chars()
            .map(|c| match c {
                '开' => '開',
                '报' => '報',
                '况' => '況',
                '动' => '動',
                '处' => '處',
                '请' => '請',
                '总' => '總',
                '体' => '體',
                '关' => '關',
                '务' => '務',
                '发' => '發',
                '复' => '復',
                '议' => '議',
                '讼' => '訟',
                '项' => '項',
                '数' => '數',
                '结' => '結',
                '维' => '維',
                '纠' => '糾',
                '审' => '審',
                '预' => '預',
                '计' => '計',
                '费' => '費',
                '办' => '辦',
                '机' => '機',
                '条' => '條',
                '统' => '統',
                '据' => '據',
                '应' => '應',
                c => c,
            })
            .collect();
        variants.push(("traditional characters", trad));
        for (what, v) in &variants {
            assert_ne!(v, &text, "{name}: {what} changed nothing");
            assert_eq!(codes(v), Vec::<String>::new(), "{name}: {what}\n{v}");
            checked += 1;
        }
        // No year in the title: the period's year; the format from the year (2020 → 2019 format).
        let yearless = splice(
            &text,
            vec![(
                title.start + year_at - 4..title.start + year_at + "年".len(),
                String::new(),
            )],
        );
        let d = doc(&yearless);
        assert_eq!(d.year, doc(&text).year, "{name}: year from the period");
        assert_eq!(d.format, doc(&text).format, "{name}");
        assert_eq!(
            codes(&yearless),
            Vec::<String>::new(),
            "{name}: yearless title"
        );
    }
    assert!(checked >= 75, "{checked}");
}

#[test]
fn period_wordings() {
    let (_, text) = clean_drafts()
        .into_iter()
        .find(|(n, _)| n == "2024_markdown.md")
        .unwrap();
    let d = doc(&text);
    let p = d.period.as_ref().unwrap();
    let sentence_start = text[..p.span.start].rfind('。').unwrap() + '。'.len_utf8();
    let sentence_end = p.span.end + text[p.span.end..].find('。').unwrap() + '。'.len_utf8();
    let range = sentence_start..sentence_end;
    drop(d);
    for wording in [
        "本报告内容涵盖2024年1月1日至12月31日期间本局政府信息公开工作情况。",
        "本报告统计期限为2024\n年1月1日至12月31日。",
        "本年度报告中所列数据的统计期限自2024年1月1日起至2024年12月\n31日止。",
    ] {
        let t = splice(&text, vec![(range.clone(), wording.to_string())]);
        assert_eq!(codes(&t), Vec::<String>::new(), "{wording}");
        // The period is read: a wrong year in it is found.
        let wrong = t
            .replace("12月31日", "11月30日")
            .replace("12月\n31日", "11月\n30日");
        assert_eq!(
            codes(&wrong)
                .iter()
                .filter(|c| c.starts_with("GX401"))
                .count(),
            1,
            "{wording}"
        );
    }
}

#[test]
fn headings_with_a_year_or_without_numeral_are_gx104_not_gx101() {
    for (name, text) in clean_drafts() {
        let d = doc(&text);
        let s = d.section(1).expect("section one").clone();
        drop(d);
        let wording = s.wording.clone();
        let with_year = splice(
            &text,
            vec![(wording.clone(), "2024年政府信息公开工作的总体情况".into())],
        );
        let c = codes(&with_year);
        assert_eq!(c.len(), 1, "{name}: {c:?}");
        assert!(c[0].starts_with("GX104"), "{name}: {c:?}");
        // `总体情况` alone on its line: the numeral is missing; the fix adds it back.
        let numeral_start = s.line.start + text[s.line.clone()].find('一').unwrap();
        let bare = splice(&text, vec![(numeral_start..wording.start, String::new())]);
        let ds = gxlint::check(&bare, &Settings::default()).diagnostics;
        assert_eq!(ds.len(), 1, "{name}: {ds:?}");
        assert_eq!(ds[0].code, "GX104");
        assert!(
            ds[0].message.contains("缺少编号“一、”"),
            "{}",
            ds[0].message
        );
        let fixed = splice(
            &bare,
            ds[0].fixes[0]
                .edits
                .iter()
                .map(|e| (e.range.clone(), e.new_text.clone()))
                .collect(),
        );
        assert!(fixed.contains("一、总体情况"), "{name}");
        assert_eq!(codes(&fixed), Vec::<String>::new(), "{name}: fixed");
    }
}

#[test]
fn a_page_flattened_to_one_line_is_read() {
    let (_, text) = clean_drafts()
        .into_iter()
        .find(|(n, _)| n == "2017_plain.txt" || n == "2024_markdown.md")
        .unwrap();
    // Title, opening and section 一, 五, 六 on one line, as a scraped page gives them.
    let d = doc(&text);
    let one = d.section(1).unwrap().line.start;
    let two = d.section(2).unwrap().line.start;
    let five = d.section(5).unwrap().line.start;
    drop(d);
    let flat = |s: &str| {
        s.replace("## ", "")
            .split('\n')
            .filter(|l| !l.trim().is_empty())
            .collect::<Vec<_>>()
            .join("　　")
    };
    let page = format!(
        "{}\n\n{}\n{}",
        flat(&text[..two]),
        &text[two..five],
        flat(&text[five..])
    );
    assert!(
        page.lines().next().unwrap().contains("一、总体情况　　"),
        "{page}"
    );
    let d = doc(&page);
    let numbers: Vec<u8> = d.sections.iter().map(|s| s.number).collect();
    assert_eq!(numbers, [1, 2, 3, 4, 5, 6], "{page}");
    assert_eq!(&page[d.section(1).unwrap().wording.clone()], "总体情况");
    let _ = one;
    assert_eq!(codes(&page), Vec::<String>::new());
}

#[test]
fn a_list_of_the_sections_is_not_headings() {
    let list = "报告全文包括：　一、总体情况　二、主动公开政府信息情况　三、收到和处理政府信息公开申请情况　四、政府信息公开行政复议、行政诉讼情况　五、存在的主要问题及改进情况　六、其他需要报告的事项。本报告统计数据从2024年1月1日至2024年12月31日，所列数据的统计口径与上年一致，以便前后比较，如有疑问请与本局办公室联系。";
    let d = doc(list);
    assert!(d.sections.is_empty(), "{:?}", d.sections);
}
