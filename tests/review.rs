//! `gxlint review` and the cross-year rule GX701, on a generated batch of over a thousand
//! reports (tests/common/batch.rs) with planted defects and carry-over breaks.

#[path = "common/batch.rs"]
mod batch;

use std::collections::BTreeMap;
use std::path::Path;
use std::process::{Command, Output};

use gxlint::config::Settings;
use gxlint::review::{self, Input, Source, Status};
use serde_json::Value;

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_gxlint"))
}

fn run_in(dir: &Path, args: &[&str]) -> Output {
    bin()
        .current_dir(dir)
        .args(args)
        .output()
        .expect("run gxlint")
}

fn inputs(b: &[batch::Generated]) -> Vec<Input> {
    b.iter()
        .map(|g| Input {
            display: g.path.clone(),
            source: Source::Text(g.text.clone()),
            settings: Settings::default(),
        })
        .collect()
}

/// The report rows embedded in a review page: path → rule codes of its findings.
fn page_findings(html: &str) -> BTreeMap<String, Vec<String>> {
    let start = html
        .find("<script type=\"application/json\" id=\"data\">")
        .expect("data element")
        + "<script type=\"application/json\" id=\"data\">".len();
    let end = start + html[start..].find("</script>").expect("end of data");
    let data: Value = serde_json::from_str(&html[start..end]).expect("data is JSON");
    data["r"]
        .as_array()
        .expect("rows")
        .iter()
        .map(|r| {
            let codes = r[10]
                .as_array()
                .expect("findings")
                .iter()
                .map(|f| f[0].as_str().expect("code").to_string())
                .collect();
            (r[0].as_str().expect("path").to_string(), codes)
        })
        .collect()
}

#[test]
fn generated_batch_every_planted_defect_and_nothing_else() {
    let b = batch::generate(350, 7);
    assert!(b.len() >= 1000, "{} reports", b.len());
    let agencies: std::collections::BTreeSet<_> = b.iter().map(|g| &g.agency).collect();
    assert_eq!(agencies.len(), 350);
    let planted = b.iter().filter(|g| g.defect.is_some()).count();
    let breaks = b.iter().filter(|g| g.carry_break).count();
    assert!(
        planted >= 200 && breaks >= 40,
        "{planted} defects, {breaks} breaks"
    );
    for d in batch::Defect::ALL {
        assert!(
            b.iter().any(|g| g.defect == Some(d)),
            "{d:?} planted somewhere"
        );
    }

    let result = review::review(&inputs(&b), &|| {});
    assert_eq!(result.reports.len(), b.len());
    let html = review::html::render(&result, "评议");
    let on_page = page_findings(&html);
    let by_path: BTreeMap<&str, &batch::Generated> =
        b.iter().map(|g| (g.path.as_str(), g)).collect();
    let mut problems = Vec::new();
    for r in &result.reports {
        let g = by_path[r.path.as_str()];
        let codes: Vec<&str> = r.findings.iter().map(|f| f.code).collect();
        assert_eq!(
            on_page[&r.path],
            codes.iter().map(|c| c.to_string()).collect::<Vec<_>>(),
            "{}: the page lists the report's findings",
            r.path
        );
        assert_eq!(r.agency.as_deref(), Some(g.agency.as_str()), "{}", r.path);
        assert_eq!(r.year, Some(g.year));
        match (g.defect, g.carry_break) {
            (None, false) => {
                if !codes.is_empty() || r.status != Status::Clean {
                    problems.push(format!("{}: clean report has {codes:?}", r.path));
                }
            }
            (Some(d), _) => {
                if !codes.contains(&d.code()) {
                    problems.push(format!("{}: {d:?} not found ({codes:?})", r.path));
                }
                if codes.contains(&"GX701") {
                    problems.push(format!("{}: GX701 without a planted break", r.path));
                }
            }
            (None, true) => {
                if codes != ["GX701"] {
                    problems.push(format!("{}: carry break gives {codes:?}", r.path));
                }
            }
        }
    }
    assert!(
        problems.is_empty(),
        "{} problems:\n{}",
        problems.len(),
        problems[..problems.len().min(30)].join("\n")
    );
    // Two pairs per agency.
    assert_eq!(result.pairs, 700);
    let s = result.summary();
    assert_eq!(s.reports, b.len());
    assert_eq!(
        s.late,
        b.iter()
            .filter(|g| g.defect == Some(batch::Defect::Late))
            .count()
    );
}

#[test]
fn carry_over_message_names_columns_and_last_year() {
    let b = batch::generate(40, 11);
    let g = b
        .iter()
        .find(|g| g.carry_break && g.year >= 2021)
        .expect("a break");
    let result = review::review(&inputs(&b), &|| {});
    let r = result.reports.iter().find(|r| r.path == g.path).unwrap();
    let f = &r.findings[0];
    assert_eq!(f.code, "GX701");
    assert!(f.message.contains("「自然人」应为"), "{}", f.message);
    assert!(f.message.contains("「总计」应为"), "{}", f.message);
    assert!(
        f.message.contains(&format!("{}年度报告", g.year - 1)),
        "{}",
        f.message
    );
    assert!(
        f.text.contains(
            &f.text
                .chars()
                .skip(f.mark.0)
                .take(f.mark.1 - f.mark.0)
                .collect::<String>()
        )
    );
    assert!(f.expected.is_some() && f.actual.is_some());
    assert_ne!(f.expected, f.actual);
}

#[test]
fn a_project_count_break_in_the_2019_format() {
    let b = batch::generate(70, 5);
    let g = b
        .iter()
        .find(|g| g.carry_break && g.year == 2020)
        .expect("a 2020 break");
    let result = review::review(&inputs(&b), &|| {});
    let r = result.reports.iter().find(|r| r.path == g.path).unwrap();
    let msgs: Vec<&str> = r.findings.iter().map(|f| f.message.as_str()).collect();
    assert_eq!(r.findings.len(), 1, "{msgs:?}");
    assert!(msgs[0].contains("上一年项目数量"), "{msgs:?}");
}

#[test]
fn same_agency_twice_in_a_year_is_not_paired() {
    let b = batch::generate(10, 3);
    let mut items = inputs(&b);
    // A second copy of one agency's 2023 report under another name: which of the two is the
    // agency's report is ambiguous, so 2022–2023 and 2023–2024 are not paired.
    let g = b
        .iter()
        .find(|g| g.year == 2023 && !b.iter().any(|x| x.agency == g.agency && x.carry_break))
        .unwrap();
    let copy = g.text.clone();
    items.push(Input {
        display: "copy.md".into(),
        source: Source::Text(copy),
        settings: Settings::default(),
    });
    let result = review::review(&items, &|| {});
    for r in &result.reports {
        if r.agency.as_deref() == Some(g.agency.as_str()) {
            assert!(r.findings.iter().all(|f| f.code != "GX701"), "{}", r.path);
        }
    }
    assert_eq!(result.pairs, 20 - 2);
}

#[test]
fn gx701_can_be_ignored_and_suppressed() {
    let b = batch::generate(40, 11);
    let g = b.iter().find(|g| g.carry_break).expect("a break");
    let mut items = inputs(&b);
    for i in items.iter_mut() {
        if i.display == g.path {
            i.settings.ignore.push("carry-over".into());
        }
    }
    let result = review::review(&items, &|| {});
    let r = result.reports.iter().find(|r| r.path == g.path).unwrap();
    assert!(r.findings.is_empty());
}

#[test]
fn cli_review_html_csv_xlsx_and_check_cross_year() {
    let dir = tempfile::tempdir().unwrap();
    let b = batch::generate(30, 9);
    batch::write(dir.path(), &b);
    // A file that is not a report, and one that is not UTF-8.
    std::fs::write(
        dir.path().join("README.md"),
        "# 说明\n\n这个文件夹放的是各单位的年报。\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("gbk.txt"),
        b"\xd5\xfe\xb8\xae\xd0\xc5\xcf\xa2",
    )
    .unwrap();
    // Read (GBK is decoded) but not a report; a binary file cannot be read at all.
    std::fs::write(
        dir.path().join("binary.txt"),
        b"\x00\x00\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x80\x81",
    )
    .unwrap();

    std::fs::create_dir_all(dir.path().join("out")).unwrap();
    let o = run_in(dir.path(), &["review", ".", "-o", "out/review.html"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(
        stderr.contains("跳过 2 个非年报文件，1 个文件无法读取"),
        "{stderr}"
    );
    let html = std::fs::read_to_string(dir.path().join("out/review.html")).unwrap();
    assert!(
        !html.contains("http://") && !html.contains("https://"),
        "no network"
    );
    assert!(!html.contains("<script src") && !html.contains("<link"));
    let page = page_findings(&html);
    // The reports plus README.md, gbk.txt and binary.txt (skipped or unreadable rows).
    assert_eq!(page.len(), b.len() + 3);
    for g in &b {
        let codes = &page[&g.path];
        if let Some(d) = g.defect {
            assert!(codes.iter().any(|c| c == d.code()), "{}: {codes:?}", g.path);
        }
        assert_eq!(
            codes.iter().any(|c| c == "GX701"),
            g.carry_break,
            "{}",
            g.path
        );
    }
    for code in ["GX300", "GX701", "GX101"] {
        assert!(
            html.contains(&format!("<template id=\"doc-{code}\"")),
            "{code} doc"
        );
    }

    let o = run_in(dir.path(), &["review", ".", "--format", "csv", "-o", "-"]);
    assert!(o.status.success());
    let csv = String::from_utf8(o.stdout).unwrap();
    let csv = csv.strip_prefix('\u{feff}').expect("BOM");
    let mut rd = csv::Reader::from_reader(csv.as_bytes());
    let rows: Vec<csv::StringRecord> = rd.records().map(|r| r.unwrap()).collect();
    let reports = rows.iter().filter(|r| &r[0] == "报告").count();
    let findings = rows.iter().filter(|r| &r[0] == "问题").count();
    assert_eq!(reports, b.len() + 3);
    let total: usize = page.values().map(Vec::len).sum();
    assert_eq!(findings, total);

    let o = run_in(dir.path(), &["review", ".", "-o", "out/review.xlsx"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let x = std::fs::read(dir.path().join("out/review.xlsx")).unwrap();
    assert!(x.starts_with(b"PK\x03\x04") && x.len() > 2000);

    // gxlint check given both years of an agency runs GX701 too.
    let g = b.iter().find(|g| g.carry_break).unwrap();
    let prev = b
        .iter()
        .find(|p| p.agency == g.agency && p.year == g.year - 1)
        .unwrap();
    let o = run_in(
        dir.path(),
        &["check", "--format", "json", &prev.path, &g.path],
    );
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    let codes: Vec<&str> = v["files"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|f| f["diagnostics"].as_array().unwrap())
        .map(|d| d["code"].as_str().unwrap())
        .collect();
    assert_eq!(codes, ["GX701"], "{}", String::from_utf8_lossy(&o.stdout));
    // Alone, the later report gives nothing.
    let o = run_in(dir.path(), &["check", &g.path]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stdout));
}
