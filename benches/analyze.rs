//! Whole-document analysis speed (`cargo bench --bench analyze`).
//!
//! Prints single-threaded MB/s of `gxlint::check` on each seed, on a ~20 KB report and on a
//! ~500 KB report, and files/s for a folder of 1,000 generated reports checked in parallel with
//! rayon (read + check, as `gxlint check DIR` does). Runs in well under a minute.
//!
//! Long lines (issue #14): `check` and the human output on one long line — `f()` repeated,
//! `打印本页 ` repeated, a whole report on one line — at 10 KB, 100 KB and 1 MB, with the time
//! and output bytes per KB: flat when both are linear in the input.
//! `GXLINT_BENCH_LONG_ONLY=1` runs only that part.
//!
//! Seeds: `GXLINT_SEEDS`, else CARGO_MANIFEST_DIR/../shared/seeds, else /work/shared/seeds.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use gxlint::config::Settings;
use gxlint::document::Document;
use rayon::prelude::*;

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

fn seeds() -> Vec<(String, String)> {
    let mut v: Vec<(String, String)> = std::fs::read_dir(seeds_dir())
        .expect("read seeds")
        .filter_map(|e| e.ok())
        .filter(|e| e.path().extension().is_some_and(|x| x == "txt"))
        .map(|e| {
            let name = e.file_name().to_string_lossy().chars().take(3).collect();
            (name, std::fs::read_to_string(e.path()).expect("read seed"))
        })
        .collect();
    v.sort();
    assert!(!v.is_empty(), "no seeds");
    v
}

/// A report of about `target` bytes: seed 001 with section 一 grown by realistic prose
/// paragraphs (one table set, as a long real report has).
fn grown_report(base: &str, prose: &[&str], target: usize) -> String {
    let anchor = "一、总体情况\n";
    let at = base.find(anchor).map_or(0, |i| i + anchor.len());
    let mut extra = String::new();
    let mut k = 0;
    while base.len() + extra.len() < target {
        extra.push('\n');
        extra.push_str(prose[k % prose.len()]);
        extra.push('\n');
        k += 1;
    }
    format!("{}{}{}", &base[..at], extra, &base[at..])
}

/// Prose paragraphs of the seeds (lines of 60+ bytes outside tables).
fn prose_lines(seeds: &[(String, String)]) -> Vec<&str> {
    seeds
        .iter()
        .flat_map(|(_, t)| t.lines())
        .filter(|l| l.len() >= 60 && !l.contains('|') && !l.starts_with('\t'))
        .collect()
}

/// Time `gxlint::check` on `text` for at least `min` (single thread); returns MB/s and ms/run.
fn measure(text: &str, settings: &Settings, min: Duration) -> (f64, f64, usize) {
    // Warm up (pattern data, lazies).
    let diags = gxlint::check(text, settings).diagnostics.len();
    let start = Instant::now();
    let mut runs = 0u32;
    while start.elapsed() < min || runs < 3 {
        std::hint::black_box(gxlint::check(std::hint::black_box(text), settings));
        runs += 1;
    }
    let secs = start.elapsed().as_secs_f64() / f64::from(runs);
    (text.len() as f64 / secs / 1e6, secs * 1e3, diags)
}

/// A generated report: a seed with its agency, year and figures varied.
fn variant(seeds: &[(String, String)], i: usize) -> String {
    let (_, base) = &seeds[i % seeds.len()];
    let digit = char::from(b'0' + (i % 10) as u8);
    base.replacen("科技局", &format!("第{i}局"), 3)
        .replacen("\n0\n", &format!("\n{digit}\n"), 1 + i % 5)
        .replacen(" 0 ", &format!(" {digit} "), 1 + i % 3)
}

/// Counts the bytes written to it.
struct Count(usize);

impl std::io::Write for Count {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0 += buf.len();
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// `check` and the human output of `text`: (check ms, render ms, output bytes, findings).
fn check_and_render(text: &str, settings: &Settings) -> (f64, f64, usize, usize) {
    let start = Instant::now();
    let analysis = gxlint::check(text, settings);
    let check_ms = start.elapsed().as_secs_f64() * 1e3;
    let n = analysis.diagnostics.len();
    let files = [gxlint::render::FileResult {
        path: "long.txt".into(),
        text: text.to_string(),
        outcome: Ok(analysis),
        fixes_applied: None,
        source: None,
        write_error: None,
    }];
    let mut out = codespan_reporting::term::termcolor::NoColor::new(Count(0));
    let start = Instant::now();
    gxlint::render::terminal::render(&files, &mut out).expect("render");
    let render_ms = start.elapsed().as_secs_f64() * 1e3;
    (check_ms, render_ms, out.into_inner().0, n)
}

/// Long-line inputs at 10 KB, 100 KB and 1 MB: time and output per KB.
fn long_lines(seeds: &[(String, String)], settings: &Settings) {
    let base = &seeds[0].1;
    let one_line = base.replace(['\n', '\r'], " ");
    println!(
        "{:<28} {:>9} {:>10} {:>10} {:>12} {:>9} {:>11} {:>12}",
        "long line", "bytes", "check ms", "render ms", "out bytes", "findings", "ms/KB", "out B/KB"
    );
    for (name, unit) in [
        ("f() repeated", "f()"),
        ("打印本页 repeated", "打印本页 "),
        ("report on one line", one_line.as_str()),
    ] {
        for kb in [10usize, 100, 1000] {
            let line: String = unit.repeat((kb * 1000).div_ceil(unit.len()));
            // The repeated units follow a report, so that the text is checked (not skipped).
            let text = if unit.len() > 100 {
                line
            } else {
                format!("{base}\n{line}\n")
            };
            let (c, r, out, n) = check_and_render(&text, settings);
            let k = text.len() as f64 / 1e3;
            println!(
                "{:<28} {:>9} {:>10.1} {:>10.1} {:>12} {:>9} {:>11.4} {:>12.0}",
                format!("{name} {kb} KB"),
                text.len(),
                c,
                r,
                out,
                n,
                (c + r) / k,
                out as f64 / k
            );
        }
    }
}

fn main() {
    // `cargo bench` passes --bench; a filter argument is accepted and ignored.
    let settings = Settings::default();
    let seeds = seeds();
    if std::env::var_os("GXLINT_BENCH_LONG_ONLY").is_some() {
        long_lines(&seeds, &settings);
        return;
    }
    let min = Duration::from_millis(400);
    println!("gxlint analyze benchmark (single thread unless noted; release build)");
    println!(
        "{:<34} {:>10} {:>10} {:>10} {:>7}",
        "input", "bytes", "ms/run", "MB/s", "diags"
    );
    let row = |name: &str, text: &str, min: Duration| {
        let (mbs, ms, n) = measure(text, &settings, min);
        println!(
            "{:<34} {:>10} {:>10.3} {:>10.1} {:>7}",
            name,
            text.len(),
            ms,
            mbs,
            n
        );
    };
    let base = &seeds
        .iter()
        .find(|(n, _)| n == "001")
        .unwrap_or(&seeds[0])
        .1;
    let prose = prose_lines(&seeds);
    let r20 = grown_report(base, &prose, 20_000);
    let r500 = grown_report(base, &prose, 500_000);
    // Profiling mode (`GXLINT_BENCH_PROFILE=20k|500k|seeds [GXLINT_BENCH_RUNS=n]`): only run
    // `check` a few times on one input, e.g. under `valgrind --tool=callgrind`.
    if let Ok(which) = std::env::var("GXLINT_BENCH_PROFILE") {
        let runs: usize = std::env::var("GXLINT_BENCH_RUNS")
            .ok()
            .and_then(|s| s.parse().ok())
            .unwrap_or(1);
        let inputs: Vec<&str> = match which.as_str() {
            "500k" => vec![r500.as_str()],
            "seeds" => seeds.iter().map(|(_, t)| t.as_str()).collect(),
            _ => vec![r20.as_str()],
        };
        let mut n = 0;
        for _ in 0..runs {
            for t in &inputs {
                n += gxlint::check(std::hint::black_box(t), &settings)
                    .diagnostics
                    .len();
            }
        }
        println!("profile {which}: {runs} run(s), {n} diagnostics");
        return;
    }
    for (name, text) in &seeds {
        row(&format!("seed {name}"), text, min);
    }
    row("report ~20 KB (seed 001 + prose)", &r20, min);
    row(
        "report ~500 KB (seed 001 + prose)",
        &r500,
        Duration::from_millis(1500),
    );
    let concat: String = (0..)
        .map(|i| seeds[i % seeds.len()].1.as_str())
        .scan(0usize, |len, s| {
            (*len < 500_000).then(|| {
                *len += s.len();
                s
            })
        })
        .collect();
    row(
        "~500 KB (seeds concatenated)",
        &concat,
        Duration::from_millis(1500),
    );

    // Where the time of the 500 KB report goes: parsing, then each rule alone.
    let doc_ms = {
        let start = Instant::now();
        let mut runs = 0u32;
        while start.elapsed() < Duration::from_millis(800) || runs < 3 {
            std::hint::black_box(Document::parse(
                std::hint::black_box(&r500),
                &settings.parse_options(),
            ));
            runs += 1;
        }
        start.elapsed().as_secs_f64() * 1e3 / f64::from(runs)
    };
    println!("  ~500 KB report: Document::parse {doc_ms:.1} ms");
    let doc = Document::parse(&r500, &settings.parse_options());
    let suppressions =
        gxlint::suppress::Suppressions::parse(doc.text, &doc.lines, gxlint::rules::code_of);
    let enabled: Vec<&str> = gxlint::rules::ALL.iter().map(|r| r.code).collect();
    let context = gxlint::rules::Context {
        data: &settings.data,
        suppressions: &suppressions,
        enabled: &enabled,
    };
    let mut per_rule: Vec<(f64, &str)> = gxlint::rules::ALL
        .iter()
        .map(|rule| {
            let start = Instant::now();
            let mut runs = 0u32;
            while start.elapsed() < Duration::from_millis(40) || runs < 2 {
                let mut out = Vec::new();
                let mut cx = gxlint::rules::Checker::new(&doc, context, rule, &mut out);
                (rule.check)(&mut cx);
                std::hint::black_box(out);
                runs += 1;
            }
            (
                start.elapsed().as_secs_f64() * 1e3 / f64::from(runs),
                rule.code,
            )
        })
        .collect();
    let rules_ms: f64 = per_rule.iter().map(|(t, _)| t).sum();
    per_rule.sort_by(|a, b| b.0.total_cmp(&a.0));
    let top: Vec<String> = per_rule
        .iter()
        .take(8)
        .map(|(t, c)| format!("{c} {t:.2}"))
        .collect();
    println!(
        "  ~500 KB report: all rules {rules_ms:.1} ms; slowest (ms): {}",
        top.join(", ")
    );
    let mine: f64 = per_rule
        .iter()
        .filter(|(_, c)| c.starts_with("GX5") || c.starts_with("GX6"))
        .map(|(t, _)| t)
        .sum();
    println!("  ~500 KB report: GX5xx+GX6xx rules {mine:.2} ms");

    long_lines(&seeds, &settings);

    // 1,000 generated reports in a folder, read and checked in parallel.
    let dir = tempfile::tempdir().expect("temp dir");
    let mut bytes = 0usize;
    let paths: Vec<PathBuf> = (0..1000)
        .map(|i| {
            let p = dir.path().join(format!("report_{i:04}.txt"));
            let t = variant(&seeds, i);
            bytes += t.len();
            std::fs::write(&p, t).expect("write report");
            p
        })
        .collect();
    let run = || -> usize {
        paths
            .par_iter()
            .map(|p| {
                let text = std::fs::read_to_string(p).unwrap_or_default();
                gxlint::check(&text, &settings).diagnostics.len()
            })
            .sum()
    };
    let diags = run(); // warm up (page cache)
    let start = Instant::now();
    let mut runs = 0u32;
    while start.elapsed() < Duration::from_secs(3) || runs < 2 {
        std::hint::black_box(run());
        runs += 1;
    }
    let secs = start.elapsed().as_secs_f64() / f64::from(runs);
    println!(
        "folder of 1000 reports ({:.1} MB), rayon on {} threads: {:.0} files/s, {:.1} MB/s, {:.0} ms per folder, {} diagnostics",
        bytes as f64 / 1e6,
        rayon::current_num_threads(),
        1000.0 / secs,
        bytes as f64 / secs / 1e6,
        secs * 1e3,
        diags
    );
}
