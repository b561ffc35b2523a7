//! Latency of `gxlint lsp`: time from a one-character `didChange` to the `publishDiagnostics`
//! of that version, for a ~20 KB and a ~500 KB report built by repeating the seeds.
//!
//! `cargo run --release --example lsp_latency` (set `GXLINT_SEEDS` if ../shared/seeds is absent;
//! `LSP_LATENCY_EDITS` sets the number of edits per size, default 60).

use std::path::PathBuf;
use std::time::{Duration, Instant};

use gxlint::lsp::Engine;
use gxlint::lsp::wire::in_memory;
use serde_json::json;

fn seeds_text() -> String {
    let dir = [
        std::env::var_os("GXLINT_SEEDS").map(PathBuf::from),
        Some(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/seeds")),
        Some(PathBuf::from("/work/shared/seeds")),
    ]
    .into_iter()
    .flatten()
    .find(|p| p.is_dir())
    .expect("seeds not found: set GXLINT_SEEDS");
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("read seeds")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    paths.sort();
    paths
        .iter()
        .map(|p| std::fs::read_to_string(p).expect("read seed"))
        .collect()
}

/// About `size` bytes of seed text, repeated and cut at a line break.
fn report(all: &str, size: usize) -> String {
    let mut s = String::with_capacity(size + all.len());
    while s.len() < size {
        s.push_str(all);
    }
    // cut at a line break near `size`
    let mut end = size.min(s.len());
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    let cut = s[..end].rfind('\n').map_or(s.len(), |i| i + 1);
    s.truncate(cut);
    s
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i.min(sorted.len() - 1)]
}

async fn measure(text: &str, edits: usize) -> (Duration, Duration, Duration) {
    let (mut c, server) = in_memory(Engine::default());
    c.initialize(json!({})).await;
    let uri = "file:///tmp/gxlint-latency/report.md";
    c.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri, "languageId": "markdown", "version": 1, "text": text}}),
    )
    .await;
    c.diagnostics(uri, 1).await.expect("first diagnostics");
    // Edit in the middle of the document: insert a character, then delete it again.
    let line = text.lines().count() / 2;
    let mut times = Vec::with_capacity(edits);
    for i in 0..edits {
        let version = 2 + i as i64;
        let at = json!({"line": line, "character": 0});
        let change = if i % 2 == 0 {
            json!({"range": {"start": at, "end": at}, "text": "了"})
        } else {
            json!({"range": {"start": at, "end": {"line": line, "character": 1}}, "text": ""})
        };
        let t0 = Instant::now();
        c.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": version}, "contentChanges": [change]}),
        )
        .await;
        c.diagnostics(uri, version)
            .await
            .expect("diagnostics after change");
        times.push(t0.elapsed());
        c.buffered.clear();
    }
    c.shutdown().await;
    let _ = server.await;
    times.sort();
    (
        percentile(&times, 0.5),
        percentile(&times, 0.95),
        *times.last().expect("some edits"),
    )
}

fn main() {
    let edits: usize = std::env::var("LSP_LATENCY_EDITS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(60);
    let all = seeds_text();
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("runtime");
    let lint_only = |t: &str| {
        let s = gxlint::config::Settings::default();
        let t0 = Instant::now();
        let n = gxlint::check(t, &s).diagnostics.len();
        (t0.elapsed(), n)
    };
    println!("didChange → publishDiagnostics, one-character edits, {edits} per size");
    for size in [20 * 1024, 500 * 1024] {
        let text = report(&all, size);
        let (lint, n) = lint_only(&text);
        let (median, p95, max) = rt.block_on(measure(&text, edits));
        println!(
            "{:>4} KB ({} bytes, {} diagnostics; gxlint::check alone {:.2} ms): median {:.2} ms, p95 {:.2} ms, max {:.2} ms",
            size / 1024,
            text.len(),
            n,
            lint.as_secs_f64() * 1e3,
            median.as_secs_f64() * 1e3,
            p95.as_secs_f64() * 1e3,
            max.as_secs_f64() * 1e3,
        );
    }
}
