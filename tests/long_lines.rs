//! Linear time on one long line (issue #14): many matches on a single line (a web page
//! flattened to text) must not make a rule rescan the line for every match.
//!
//! The bounds are generous (debug build, a shared machine): the quadratic code took 20 s (release)
//! and minutes (debug) on these 200 KB inputs; the linear code takes a fraction of a second.

use std::time::{Duration, Instant};

use gxlint::config::Settings;

const CLEAN: &str = include_str!("fixtures/clean/2021_pipe.txt");

/// The clean report with one extra line of `unit` repeated to about `bytes`.
fn with_long_line(unit: &str, bytes: usize) -> String {
    format!("{CLEAN}\n{}\n", unit.repeat(bytes / unit.len()))
}

fn timed(text: &str) -> (Duration, Vec<gxlint::diagnostic::Diagnostic>) {
    let settings = Settings::default();
    let start = Instant::now();
    let a = gxlint::check(text, &settings);
    (start.elapsed(), a.diagnostics)
}

#[test]
fn clean_fixture_is_clean() {
    let (_, d) = timed(CLEAN);
    assert!(d.is_empty(), "{d:?}");
}

/// GX502's URL test on `()` matches: one token of 200 KB holding 66,000 matches.
#[test]
fn placeholder_matches_in_one_long_token() {
    let text = with_long_line("f()", 200_000);
    let (t, d) = timed(&text);
    assert!(t < Duration::from_secs(2), "200 KB of f() took {t:?}");
    // `()` after a function name is not a placeholder.
    assert!(
        d.iter().all(|d| d.code != "GX502"),
        "{:?}",
        &d[..d.len().min(3)]
    );
}

/// A URL mark at the start of a long token still rules out every `XX` after it (and only there).
#[test]
fn placeholder_in_url_token_is_ruled_out_linearly() {
    let text = format!(
        "{CLEAN}\nhttp://a.gov.cn/{}\n【XX】\n",
        "x-XX-".repeat(40_000)
    );
    let (t, d) = timed(&text);
    assert!(t < Duration::from_secs(2), "took {t:?}");
    let gx502: Vec<_> = d.iter().filter(|d| d.code == "GX502").collect();
    assert_eq!(gx502.len(), 1, "{gx502:?}");
    assert_eq!(&text[gx502[0].span.clone()], "XX");
}

/// GX503's deletion: 15,000 residue matches on one line, each with its fix.
#[test]
fn residue_matches_on_one_long_line() {
    let text = with_long_line("打印本页 ", 200_000);
    let (t, d) = timed(&text);
    assert!(t < Duration::from_secs(2), "200 KB of 打印本页 took {t:?}");
    let n = d.iter().filter(|d| d.code == "GX503").count();
    assert_eq!(n, 200_000 / "打印本页 ".len());
    // The line holds nothing but residue: every fix deletes the whole line.
    let whole = &d.iter().find(|d| d.code == "GX503").unwrap().fixes[0].edits[0];
    assert_eq!(
        &text[whole.range.clone()],
        format!("{}\n", "打印本页 ".repeat(n))
    );
}

/// The human output of many findings on one long line: a window around each label, not the
/// whole line, with the exact line and column in the header and the severity in Chinese.
#[test]
fn human_output_shows_a_window_of_a_long_line() {
    let dir = tempfile::tempdir().unwrap();
    let unit = "打印本页 ";
    let n = 3_000;
    let text = format!("{CLEAN}\n{}\n", unit.repeat(n));
    let line = text.lines().position(|l| l.len() > 1_000).unwrap() + 1;
    let path = dir.path().join("long.txt");
    std::fs::write(&path, &text).unwrap();
    let start = Instant::now();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_gxlint"))
        .arg("check")
        .arg(&path)
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    let t = start.elapsed();
    let stdout = String::from_utf8(out.stdout).unwrap();
    // Old output: the 39 KB line once per finding (118 MB); now a few hundred bytes each.
    assert!(
        stdout.len() < n * 1_000,
        "{} bytes for {n} findings",
        stdout.len()
    );
    assert!(t < Duration::from_secs(10), "took {t:?}");
    assert!(stdout.lines().all(|l| l.chars().count() < 400));
    // The 1,000th finding: its header column is exact, its caret sits under its match.
    let col = 1 + 999 * unit.chars().count();
    let header = format!("long.txt:{line}:{col}\n");
    let at = stdout.find(&header).expect("header of the 1,000th finding");
    let block: Vec<&str> = stdout[at..].lines().take(4).collect();
    let (src, carets) = (block[2], block[3]);
    assert!(src.contains(&format!("{line} │ …打印本页")), "{src}");
    assert!(src.ends_with('…'), "{src}");
    // The match starts 60 characters after the `…`: the carets start at its display column.
    let cut = src.find('…').unwrap() + '…'.len_utf8();
    let before_match = cut + src[cut..].char_indices().nth(60).map(|(i, _)| i).unwrap();
    assert!(src[before_match..].starts_with("打印本页"), "{src}");
    let caret = carets.find('^').unwrap();
    assert_eq!(
        width(&carets[..caret]),
        width(&src[..before_match]),
        "\n{src}\n{carets}"
    );
    assert!(
        stdout.contains("警告[GX503 web-residue]"),
        "severity in Chinese"
    );
    assert!(!stdout.contains("warning["));
}

/// Display width on a terminal: CJK ideographs take two columns.
fn width(s: &str) -> usize {
    s.chars()
        .map(|c| {
            if ('\u{4e00}'..='\u{9fff}').contains(&c) {
                2
            } else {
                1
            }
        })
        .sum()
}
