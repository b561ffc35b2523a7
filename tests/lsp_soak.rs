//! LSP soak: random incremental edit sequences sent to the real server (in process, the real
//! library as engine) and applied to a reference `String` model computed independently of the
//! library. Edits: typing and deleting (Chinese, `𠮷` surrogate pairs, CRLF), pasting and
//! deleting whole tables, several changes in one notification, full replacements; malformed
//! frames are interleaved. At each checkpoint the text the server checked must equal the model
//! and its diagnostics must equal `gxlint::check` of the model (codes and ranges); every
//! request must be answered.
//!
//! A short run by default (seconds); `GXLINT_SOAK_EDITS=100000` for a long one (figures on
//! stderr: edits, checkpoints, requests, mismatches, time).

use std::sync::Mutex;
use std::time::Instant;

use gxlint::config::Settings;
use gxlint::diagnostic::Diagnostic;
use gxlint::lsp::Engine;
use gxlint::lsp::wire::{WireClient, in_memory};
use serde_json::{Value, json};

const CLEAN: &str = include_str!("../examples/clean-2024.md");

/// The last text the server's engine checked (one session at a time in this file).
static CHECKED: Mutex<String> = Mutex::new(String::new());

fn recording_check(text: &str, settings: &Settings) -> Vec<Diagnostic> {
    *CHECKED.lock().unwrap() = text.to_string();
    gxlint::check(text, settings).diagnostics
}

fn engine() -> Engine {
    Engine {
        check: recording_check,
        fix_all: Engine::default().fix_all,
    }
}

/// SplitMix64: a seeded generator, so that a failing run can be repeated (the seed is printed).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    fn pick<'a>(&mut self, list: &[&'a str]) -> &'a str {
        list[self.below(list.len())]
    }
}

#[derive(Clone, Copy, PartialEq)]
enum Unit {
    Utf16,
    Utf8,
}

fn units(c: char, unit: Unit) -> u32 {
    match unit {
        Unit::Utf16 => c.len_utf16() as u32,
        Unit::Utf8 => c.len_utf8() as u32,
    }
}

/// LSP position of a byte offset (lines split on `\r\n`, `\r`, `\n`), independently of the
/// library.
fn pos_of(text: &str, offset: usize, unit: Unit) -> (u32, u32) {
    let b = text.as_bytes();
    let (mut line, mut start, mut i) = (0, 0, 0);
    while i < offset {
        if b[i] == b'\r' && b.get(i + 1) == Some(&b'\n') && i + 1 < offset {
            i += 2;
        } else if b[i] == b'\r' || b[i] == b'\n' {
            i += 1;
        } else {
            i += 1;
            continue;
        }
        line += 1;
        start = i;
    }
    let col = text[start..offset].chars().map(|c| units(c, unit)).sum();
    (line, col)
}

fn pos_json(text: &str, offset: usize, unit: Unit) -> Value {
    let (line, character) = pos_of(text, offset, unit);
    json!({"line": line, "character": character})
}

/// A random character boundary of `text`, never between `\r` and `\n`.
fn boundary(rng: &mut Rng, text: &str) -> usize {
    let mut o = rng.below(text.len() + 1);
    while !text.is_char_boundary(o)
        || (o > 0 && text[..o].ends_with('\r') && text[o..].starts_with('\n'))
    {
        o -= 1;
    }
    o
}

/// Byte ranges of the tables of `text` (runs of lines starting with `|`, with their breaks).
fn tables(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut cur: Option<(usize, usize)> = None;
    let mut at = 0;
    for line in text.split_inclusive('\n') {
        let end = at + line.len();
        if line.starts_with('|') {
            cur = Some((cur.map_or(at, |c| c.0), end));
        } else if let Some(c) = cur.take() {
            out.push(c);
        }
        at = end;
    }
    out.extend(cur);
    out
}

/// Byte offset of the start of a random line.
fn line_start(rng: &mut Rng, text: &str) -> usize {
    let starts: Vec<usize> = std::iter::once(0)
        .chain(text.match_indices('\n').map(|(i, _)| i + 1))
        .collect();
    starts[rng.below(starts.len())]
}

const TYPED: &[&str] = &[
    "一",
    "件",
    "𠮷",
    "𠮷𠮷",
    "\r\n",
    "\n",
    "12",
    "0",
    "|",
    "（一）",
    "扫一扫在手机打开当前页",
    "总计",
    "本年新收政府信息公开申请数量",
    " ",
    "。",
    "，",
];

/// One random change: (byte range in the model, new text).
fn random_change(
    rng: &mut Rng,
    text: &str,
    pool: &[(usize, usize)],
    crlf: bool,
) -> (usize, usize, String) {
    match rng.below(20) {
        0..=8 => {
            let at = boundary(rng, text);
            let mut s = rng.pick(TYPED).to_string();
            if crlf {
                s = s.replace("\r\n", "\n").replace('\n', "\r\n");
            }
            (at, at, s)
        }
        9..=13 => {
            let a = boundary(rng, text);
            let mut b = a;
            for _ in 0..rng.below(6) + 1 {
                match text[b..].chars().next() {
                    Some(c) => b += c.len_utf8(),
                    None => break,
                }
            }
            // never split a CRLF
            if text[..b].ends_with('\r') && text[b..].starts_with('\n') {
                b += 1;
            }
            (a, b, String::new())
        }
        14..=15 => {
            // paste a whole table of the clean report at a line start
            let (s, e) = pool[rng.below(pool.len())];
            let mut t = CLEAN[s..e].to_string();
            if crlf {
                t = t.replace('\n', "\r\n");
            }
            let at = line_start(rng, text);
            (at, at, t)
        }
        16..=17 => {
            // delete a whole table
            let ts = tables(text);
            if ts.is_empty() {
                return (0, 0, String::new());
            }
            let (s, e) = ts[rng.below(ts.len())];
            (s, e, String::new())
        }
        _ => {
            // replace a line
            let a = line_start(rng, text);
            let e = text[a..].find('\n').map_or(text.len(), |i| a + i);
            let e = if text[..e].ends_with('\r') { e - 1 } else { e };
            (a, e, rng.pick(TYPED).replace(['\r', '\n'], ""))
        }
    }
}

const BAD_FRAMES: &[&[u8]] = &[
    b"Content-Length: abc\r\n\r\n{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"x\"}",
    b"Content-Length: 10\r\n\r\n{\"jsonrpc\":\"2.0\",\"method\":\"x\"}",
    b"Content-Length: 60\r\n\r\n{\"jsonrpc\":\"2.0\",\"method\":\"x\"}",
    b"garbage\r\n\r\n",
    b"Content-Length: 5\r\n\r\n{oops",
];

struct Figures {
    edits: usize,
    checkpoints: usize,
    requests: usize,
    bad_frames: usize,
    mismatches: usize,
}

fn expected(text: &str, unit: Unit) -> Vec<(String, Value)> {
    let mut v: Vec<(String, Value)> = gxlint::check(text, &Settings::default())
        .diagnostics
        .iter()
        .map(|d| {
            (
                d.code.to_string(),
                json!({"start": pos_json(text, d.span.start, unit),
                       "end": pos_json(text, d.span.end, unit)}),
            )
        })
        .collect();
    v.sort_by_key(|(c, r)| (c.clone(), r.to_string()));
    v
}

fn got(diags: &Value) -> Vec<(String, Value)> {
    let mut v: Vec<(String, Value)> = diags
        .as_array()
        .unwrap()
        .iter()
        .map(|d| (d["code"].as_str().unwrap().to_string(), d["range"].clone()))
        .collect();
    v.sort_by_key(|(c, r)| (c.clone(), r.to_string()));
    v
}

async fn session(seed: u64, unit: Unit, edits: usize, fig: &mut Figures) {
    let mut rng = Rng(seed);
    let (mut c, server): (WireClient, _) = in_memory(engine());
    let caps = match unit {
        Unit::Utf8 => json!({"general": {"positionEncodings": ["utf-8"]}}),
        Unit::Utf16 => json!({}),
    };
    c.initialize(caps).await;
    let crlf = seed % 2 == 1;
    let mut model = if crlf {
        CLEAN.replace('\n', "\r\n")
    } else {
        CLEAN.to_string()
    };
    let pool = tables(CLEAN);
    let uri = format!("file:///soak/{seed}.md");
    let mut version = 1;
    c.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri, "languageId": "markdown", "version": 1, "text": model}}),
    )
    .await;
    let mut done = 0;
    while done < edits {
        // One notification: one to three changes, or (rarely) a full replacement.
        let mut changes = Vec::new();
        if rng.below(200) == 0 {
            model = if rng.below(2) == 0 {
                CLEAN.to_string()
            } else {
                CLEAN.replace('\n', "\r\n")
            };
            changes.push(json!({"text": model}));
            done += 1;
        } else {
            for _ in 0..rng.below(3) + 1 {
                let (a, b, new) = random_change(&mut rng, &model, &pool, crlf);
                changes.push(json!({"range": {"start": pos_json(&model, a, unit),
                    "end": pos_json(&model, b, unit)}, "text": new}));
                model.replace_range(a..b, &new);
                done += 1;
            }
        }
        version += 1;
        c.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": version}, "contentChanges": changes}),
        )
        .await;
        if rng.below(25) == 0 {
            c.send_raw(BAD_FRAMES[rng.below(BAD_FRAMES.len())]).await;
            fig.bad_frames += 1;
        }
        if rng.below(40) == 0 || done >= edits {
            // A request after the edits (and any bad frame): it must be answered.
            let r = c
                .request(
                    "textDocument/documentSymbol",
                    json!({"textDocument": {"uri": uri}}),
                )
                .await;
            assert!(r.get("error").is_none(), "{r}");
            fig.requests += 1;
        }
        if rng.below(100) == 0 || done >= edits {
            let diags = c
                .diagnostics(&uri, version)
                .await
                .expect("diagnostics of the version");
            fig.checkpoints += 1;
            let checked = CHECKED.lock().unwrap().clone();
            let same_text = checked == model;
            let same_diags = got(&diags) == expected(&model, unit);
            if !same_text || !same_diags {
                fig.mismatches += 1;
                panic!(
                    "seed {seed}: after {done} edits: text equal {same_text}, diagnostics equal {same_diags}"
                );
            }
            // The published diagnostics must not pile up in the client.
            c.published.clear();
            c.buffered
                .retain(|m| m["method"] != "textDocument/publishDiagnostics");
        }
    }
    fig.edits += done;
    c.shutdown().await;
    assert!(server.await.unwrap());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn soak() {
    let total: usize = std::env::var("GXLINT_SOAK_EDITS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(3000);
    let base: u64 = std::env::var("GXLINT_SOAK_SEED")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1);
    let per_session = 2000.min(total.div_ceil(4)).max(1);
    let mut fig = Figures {
        edits: 0,
        checkpoints: 0,
        requests: 0,
        bad_frames: 0,
        mismatches: 0,
    };
    let t0 = Instant::now();
    let mut seed = base;
    while fig.edits < total {
        let unit = if seed % 4 < 2 {
            Unit::Utf16
        } else {
            Unit::Utf8
        };
        session(seed, unit, per_session.min(total - fig.edits), &mut fig).await;
        seed += 1;
    }
    eprintln!(
        "soak: {} edits in {} sessions (seeds {base}..{seed}), {} checkpoints, {} malformed frames, {} requests all answered, {} mismatches, {:.1} s",
        fig.edits,
        seed - base,
        fig.checkpoints,
        fig.bad_frames,
        fig.requests,
        fig.mismatches,
        t0.elapsed().as_secs_f64()
    );
    assert_eq!(fig.mismatches, 0);
}
