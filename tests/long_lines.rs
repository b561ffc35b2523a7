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
