//! Protocol tests of `gxlint lsp`: the real server in process, driven over `tokio::io::duplex`
//! with raw JSON-RPC frames.
//!
//! Most sessions use a stand-in engine (`standin`) that reports GX503-like residue with a safe
//! and an unsafe fix and a GX303-like broken total, so the protocol is tested independently of
//! which rules have landed; `seeds_match_library` and `real_library_*` use the library itself.

use std::path::PathBuf;

use gxlint::config::Settings;
use gxlint::diagnostic::{Diagnostic, Edit, Fix, Severity};
use gxlint::lsp::Engine;
use gxlint::lsp::wire::{WireClient, in_memory};
use serde_json::{Value, json};

const RESIDUE: &str = "扫一扫在手机打开当前页";

fn diag(code: &'static str, span: std::ops::Range<usize>, message: String) -> Diagnostic {
    let rule = gxlint::rules::find(code).expect("rule registered");
    Diagnostic {
        code: rule.code,
        name: rule.name,
        severity: Severity::Warning,
        message,
        span,
        fixes: Vec::new(),
        related: Vec::new(),
        expected: None,
    }
}

/// Stand-in engine: residue phrases (safe delete, unsafe replace) and `总计11` (expects 12).
fn standin_check(text: &str, _: &Settings) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for (i, _) in text.match_indices(RESIDUE) {
        let span = i..i + RESIDUE.len();
        let mut d = diag("GX503", span.clone(), format!("网页残留文字“{RESIDUE}”"));
        d.with_fix(Fix::safe("删除残留文字", vec![Edit::delete(span.clone())]));
        d.with_fix(Fix::unsafe_(
            "替换为“（略）”",
            vec![Edit::replace(span, "（略）")],
        ));
        out.push(d);
    }
    for (i, _) in text.match_indices("总计11") {
        let n = i + "总计".len();
        let mut d = diag("GX303", n..n + 2, "总计应为 12，实为 11".to_string());
        d.with_related(i..n, "总计所在行");
        d.with_expected("12");
        out.push(d);
    }
    out.sort_by_key(|d| (d.span.start, d.code));
    out
}

fn standin_fix_all(text: &str, _: &Settings) -> String {
    text.replace(RESIDUE, "")
}

fn standin() -> Engine {
    Engine {
        check: standin_check,
        fix_all: standin_fix_all,
    }
}

#[derive(Clone, Copy, PartialEq, Debug)]
enum Unit {
    Utf16,
    Utf8,
}

fn width(s: &str, unit: Unit) -> u32 {
    match unit {
        Unit::Utf16 => s.encode_utf16().count() as u32,
        Unit::Utf8 => s.len() as u32,
    }
}

/// Byte offset of an LSP position, computed independently of the library: lines split on
/// `\r\n`, `\r`, `\n`.
fn offset_of(text: &str, line: u32, col: u32, unit: Unit) -> usize {
    let b = text.as_bytes();
    let mut start = 0;
    let mut l = 0;
    let mut i = 0;
    while l < line {
        assert!(i < b.len(), "line {line} past the end");
        if b[i] == b'\r' && b.get(i + 1) == Some(&b'\n') {
            i += 2;
            l += 1;
            start = i;
        } else if b[i] == b'\r' || b[i] == b'\n' {
            i += 1;
            l += 1;
            start = i;
        } else {
            i += 1;
        }
    }
    let mut acc = 0;
    for (j, ch) in text[start..].char_indices() {
        if acc >= col || ch == '\r' || ch == '\n' {
            return start + j;
        }
        acc += match unit {
            Unit::Utf16 => ch.len_utf16() as u32,
            Unit::Utf8 => ch.len_utf8() as u32,
        };
    }
    text.len()
}

/// LSP (line, col) of a byte offset, independently of the library.
fn pos_of(text: &str, offset: usize, unit: Unit) -> (u32, u32) {
    let before = &text[..offset];
    let mut line = 0;
    let mut start = 0;
    let b = before.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'\r' && b.get(i + 1) == Some(&b'\n') {
            i += 2;
            line += 1;
            start = i;
            continue;
        }
        if b[i] == b'\r' || b[i] == b'\n' {
            line += 1;
            start = i + 1;
        }
        i += 1;
    }
    (line, width(&before[start..], unit))
}

fn apply(text: &mut String, range: &Value, new_text: &str, unit: Unit) {
    let p = |v: &Value| {
        offset_of(
            text,
            v["line"].as_u64().unwrap() as u32,
            v["character"].as_u64().unwrap() as u32,
            unit,
        )
    };
    let (s, e) = (p(&range["start"]), p(&range["end"]));
    text.replace_range(s..e, new_text);
}

fn range_json(text: &str, span: std::ops::Range<usize>, unit: Unit) -> Value {
    let (l1, c1) = pos_of(text, span.start, unit);
    let (l2, c2) = pos_of(text, span.end, unit);
    json!({"start": {"line": l1, "character": c1}, "end": {"line": l2, "character": c2}})
}

fn caps(unit: Unit) -> Value {
    match unit {
        Unit::Utf8 => json!({"general": {"positionEncodings": ["utf-8", "utf-16"]}}),
        Unit::Utf16 => json!({}),
    }
}

struct Doc {
    uri: String,
    text: String,
    version: i64,
    unit: Unit,
}

impl Doc {
    async fn open(c: &mut WireClient, name: &str, text: &str, unit: Unit) -> Doc {
        let uri = format!("file:///tmp/gxlint-lsp-test/{name}");
        c.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": "markdown", "version": 1, "text": text}}),
        )
        .await;
        Doc {
            uri,
            text: text.to_string(),
            version: 1,
            unit,
        }
    }

    /// One incremental change; the client's copy is updated independently of the server.
    async fn change(&mut self, c: &mut WireClient, range: Value, new_text: &str) {
        apply(&mut self.text, &range, new_text, self.unit);
        self.version += 1;
        c.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": self.uri, "version": self.version},
                   "contentChanges": [{"range": range, "text": new_text}]}),
        )
        .await;
    }

    async fn diagnostics(&self, c: &mut WireClient) -> Vec<Value> {
        c.diagnostics(&self.uri, self.version)
            .await
            .unwrap_or_else(|| panic!("no diagnostics for version {}", self.version))
            .as_array()
            .cloned()
            .unwrap()
    }

    /// Type `s` at the end of the document, one character per change (a CRLF as one change).
    async fn type_at_end(&mut self, c: &mut WireClient, s: &str) {
        let mut rest = s;
        while !rest.is_empty() {
            let n = if rest.starts_with("\r\n") {
                2
            } else {
                rest.chars().next().unwrap().len_utf8()
            };
            let (l, col) = pos_of(&self.text, self.text.len(), self.unit);
            let at = json!({"line": l, "character": col});
            self.change(c, json!({"start": at, "end": at}), &rest[..n])
                .await;
            rest = &rest[n..];
        }
    }
}

/// Expected diagnostics: (code, range) of the stand-in's findings, computed on the client side.
fn expected_ranges(text: &str, unit: Unit) -> Vec<(String, Value)> {
    standin_check(text, &Settings::default())
        .into_iter()
        .map(|d| (d.code.to_string(), range_json(text, d.span, unit)))
        .collect()
}

fn got_ranges(diags: &[Value]) -> Vec<(String, Value)> {
    diags
        .iter()
        .map(|d| (d["code"].as_str().unwrap().to_string(), d["range"].clone()))
        .collect()
}

const DRAFT: &str =
    "2023年度政府信息公开工作年度报告\r\n\r\n一、总体情况\r\n𠮷字测试：扫一扫在手机打开当前页\r\n";

async fn whole_session(unit: Unit) {
    let (mut c, server) = in_memory(standin());
    let init = c.initialize(caps(unit)).await;
    let enc = init["result"]["capabilities"]["positionEncoding"]
        .as_str()
        .unwrap();
    assert_eq!(
        enc,
        if unit == Unit::Utf8 {
            "utf-8"
        } else {
            "utf-16"
        }
    );

    let mut doc = Doc::open(&mut c, "draft.md", DRAFT, unit).await;
    let diags = doc.diagnostics(&mut c).await;
    assert_eq!(got_ranges(&diags), expected_ranges(&doc.text, unit));
    // Exact by hand too: line 3, after 𠮷字测试：
    let col = if unit == Unit::Utf8 { 4 + 4 * 3 } else { 2 + 4 };
    assert_eq!(
        diags[0]["range"]["start"],
        json!({"line": 3, "character": col})
    );
    assert_eq!(
        diags[0]["range"]["end"]["character"],
        json!(col + width(RESIDUE, unit))
    );
    assert_eq!(diags[0]["source"], "gxlint");
    assert_eq!(diags[0]["severity"], 2);
    assert_eq!(diags[0]["data"]["rule"], "web-residue");

    // Typed character by character: Chinese, 𠮷, CRLF, residue; then a broken total.
    doc.type_at_end(&mut c, "甲乙\r\n𠮷𠮷：扫一扫在手机打开当前页\r\n总计11。")
        .await;
    let diags = doc.diagnostics(&mut c).await;
    assert_eq!(diags.len(), 3, "{diags:#?}");
    assert_eq!(got_ranges(&diags), expected_ranges(&doc.text, unit));
    // the total's related information points at 总计
    let total = diags.iter().find(|d| d["code"] == "GX303").unwrap();
    assert_eq!(
        total["relatedInformation"][0]["location"]["uri"],
        json!(doc.uri)
    );
    let i = doc.text.find("总计11").unwrap();
    assert_eq!(
        total["relatedInformation"][0]["location"]["range"],
        range_json(&doc.text, i..i + 6, unit)
    );

    // Published versions only go up (no stale result after a newer one).
    let versions: Vec<i64> = c
        .published
        .iter()
        .filter(|(u, _)| *u == doc.uri)
        .filter_map(|(_, v)| *v)
        .collect();
    assert!(versions.windows(2).all(|w| w[0] < w[1]), "{versions:?}");
    assert_eq!(versions.last(), Some(&doc.version));
    eprintln!(
        "{unit:?}: {} changes, {} publications",
        doc.version,
        versions.len()
    );

    // Code action on the second residue: safe fix preferred, unsafe marked and not preferred,
    // and "disable for this line".
    let target = diags
        .iter()
        .filter(|d| d["code"] == "GX503")
        .nth(1)
        .unwrap()
        .clone();
    let r = c
        .request(
            "textDocument/codeAction",
            json!({"textDocument": {"uri": doc.uri}, "range": target["range"],
                   "context": {"diagnostics": [target]}}),
        )
        .await;
    let actions = r["result"].as_array().unwrap().clone();
    let safe = actions
        .iter()
        .find(|a| a["title"].as_str().unwrap().contains("删除残留文字"))
        .unwrap();
    assert_eq!(safe["kind"], "quickfix");
    assert_eq!(safe["isPreferred"], true);
    let unsafe_ = actions
        .iter()
        .find(|a| a["title"].as_str().unwrap().contains("（略）"))
        .unwrap();
    assert!(unsafe_["title"].as_str().unwrap().contains("（不安全）"));
    assert!(unsafe_.get("isPreferred").is_none());
    let disable = actions
        .iter()
        .find(|a| a["title"].as_str().unwrap().contains("停用"))
        .unwrap();
    let dedit = &disable["edit"]["changes"][&doc.uri][0];
    assert_eq!(
        dedit["newText"],
        "<!-- gxlint-disable-next-line GX503 -->\r\n"
    );
    assert_eq!(
        dedit["range"]["start"],
        json!({"line": target["range"]["start"]["line"], "character": 0})
    );

    // Apply the safe fix as the editor would: the diagnostic is gone, the others stay.
    let edit = safe["edit"]["changes"][&doc.uri][0].clone();
    doc.change(
        &mut c,
        edit["range"].clone(),
        edit["newText"].as_str().unwrap(),
    )
    .await;
    let diags = doc.diagnostics(&mut c).await;
    assert_eq!(diags.len(), 2);
    assert_eq!(got_ranges(&diags), expected_ranges(&doc.text, unit));
    assert!(doc.text.contains("𠮷𠮷：\r\n总计11"), "{:?}", doc.text);

    // A code action for a diagnostic of an old version offers nothing (its ranges are stale).
    let r = c
        .request(
            "textDocument/codeAction",
            json!({"textDocument": {"uri": doc.uri}, "range": target["range"],
                   "context": {"diagnostics": [target], "only": ["quickfix"]}}),
        )
        .await;
    assert_eq!(r["result"], json!([]));

    // Inlay hint beside the broken total.
    let r = c
        .request(
            "textDocument/inlayHint",
            json!({"textDocument": {"uri": doc.uri},
                   "range": {"start": {"line": 0, "character": 0}, "end": {"line": 99, "character": 0}}}),
        )
        .await;
    let hints = r["result"].as_array().unwrap();
    assert_eq!(hints.len(), 1);
    assert_eq!(hints[0]["label"], "应为 12");
    let j = doc.text.find("总计11").unwrap() + "总计11".len();
    let (l, col) = pos_of(&doc.text, j, unit);
    assert_eq!(hints[0]["position"], json!({"line": l, "character": col}));

    // Hover on the remaining residue: the rule's doc page.
    let first = diags.iter().find(|d| d["code"] == "GX503").unwrap();
    let r = c
        .request(
            "textDocument/hover",
            json!({"textDocument": {"uri": doc.uri}, "position": first["range"]["start"]}),
        )
        .await;
    let value = r["result"]["contents"]["value"].as_str().unwrap();
    assert!(value.contains("GX503 web-residue"), "{value}");
    assert_eq!(r["result"]["range"], first["range"]);

    // Fix all: the library's safe fixes as one edit.
    let r = c
        .request(
            "textDocument/codeAction",
            json!({"textDocument": {"uri": doc.uri},
                   "range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}},
                   "context": {"diagnostics": [], "only": ["source.fixAll"]}}),
        )
        .await;
    let actions = r["result"].as_array().unwrap();
    assert_eq!(actions.len(), 1);
    assert_eq!(actions[0]["kind"], "source.fixAll.gxlint");
    let e = actions[0]["edit"]["changes"][&doc.uri][0].clone();
    let before = doc.text.clone();
    doc.change(&mut c, e["range"].clone(), e["newText"].as_str().unwrap())
        .await;
    assert_eq!(doc.text, before.replace(RESIDUE, ""));
    let diags = doc.diagnostics(&mut c).await;
    assert_eq!(got_ranges(&diags), expected_ranges(&doc.text, unit));
    assert_eq!(diags.len(), 1);

    assert_eq!(c.shutdown().await["result"], Value::Null);
    assert!(server.await.unwrap(), "shutdown before exit");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn session_utf16_default() {
    whole_session(Unit::Utf16).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn session_utf8_offered() {
    whole_session(Unit::Utf8).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn versioned_edits_when_client_supports_document_changes() {
    let (mut c, _server) = in_memory(standin());
    c.initialize(json!({"workspace": {"workspaceEdit": {"documentChanges": true}}}))
        .await;
    let doc = Doc::open(&mut c, "v.md", "x扫一扫在手机打开当前页\n", Unit::Utf16).await;
    let diags = doc.diagnostics(&mut c).await;
    let r = c
        .request(
            "textDocument/codeAction",
            json!({"textDocument": {"uri": doc.uri}, "range": diags[0]["range"],
                   "context": {"diagnostics": [diags[0]]}}),
        )
        .await;
    let dc = &r["result"][0]["edit"]["documentChanges"][0];
    assert_eq!(dc["textDocument"], json!({"uri": doc.uri, "version": 1}));
    assert_eq!(dc["edits"][0]["range"]["start"]["character"], 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pull_diagnostics_for_clients_that_ask() {
    let (mut c, _server) = in_memory(standin());
    let init = c
        .initialize(json!({"textDocument": {"diagnostic": {"dynamicRegistration": false}}}))
        .await;
    assert_eq!(
        init["result"]["capabilities"]["diagnosticProvider"]["identifier"],
        "gxlint"
    );
    let mut doc = Doc::open(&mut c, "pull.md", "甲\n", Unit::Utf16).await;
    doc.type_at_end(&mut c, "𠮷扫一扫在手机打开当前页").await;
    let r = c
        .request(
            "textDocument/diagnostic",
            json!({"textDocument": {"uri": doc.uri}}),
        )
        .await;
    assert_eq!(r["result"]["kind"], "full");
    let items = r["result"]["items"].as_array().unwrap();
    assert_eq!(got_ranges(items), expected_ranges(&doc.text, Unit::Utf16));
    assert_eq!(
        items[0]["range"]["start"],
        json!({"line": 1, "character": 2})
    );
    // A client that pulls gets no pushed diagnostics.
    c.request(
        "textDocument/diagnostic",
        json!({"textDocument": {"uri": doc.uri}}),
    )
    .await;
    assert!(
        !c.buffered
            .iter()
            .any(|m| m["method"] == "textDocument/publishDiagnostics")
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn malformed_and_out_of_order_messages() {
    let (mut c, server) = in_memory(standin());
    // A request before initialize: "server not initialized".
    let r = c
        .request(
            "textDocument/hover",
            json!({"textDocument": {"uri": "file:///a"}, "position": {"line": 0, "character": 0}}),
        )
        .await;
    assert_eq!(r["error"]["code"], -32002);
    // Garbage JSON in a valid frame: a parse error, id null.
    c.send_raw(&gxlint::lsp::wire::frame("{not json")).await;
    let e = c
        .wait_for(|m| m.get("error").is_some() && m["id"].is_null())
        .await
        .unwrap();
    assert_eq!(e["error"]["code"], -32700);
    // JSON that is not JSON-RPC, keeping its id; headers without Content-Length.
    c.send_raw(&gxlint::lsp::wire::frame(r#"{"id": 41, "params": []}"#))
        .await;
    let e = c.wait_for(|m| m["id"] == 41).await.unwrap();
    assert_eq!(e["error"]["code"], -32600);
    c.send_raw(b"X-Nonsense: 1\r\n\r\n").await;
    let e = c
        .wait_for(|m| m.get("error").is_some() && m["id"].is_null())
        .await
        .unwrap();
    assert_eq!(e["error"]["code"], -32700);
    c.initialize(json!({})).await;
    // A second initialize is refused, the session goes on.
    let r = c.request("initialize", json!({"capabilities": {}})).await;
    assert!(r.get("error").is_some());
    // Changes to a document never opened, and requests about it.
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": "file:///nowhere.md", "version": 2},
               "contentChanges": [{"range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}}, "text": "x"}]}),
    )
    .await;
    let r = c.request("textDocument/hover", json!({"textDocument": {"uri": "file:///nowhere.md"}, "position": {"line": 0, "character": 0}})).await;
    assert_eq!(r["result"], Value::Null);
    let r = c.request("textDocument/codeAction", json!({"textDocument": {"uri": "file:///nowhere.md"},
        "range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}}, "context": {"diagnostics": []}})).await;
    assert_eq!(r["result"], Value::Null);
    // Unknown method, and params of the wrong shape.
    let r = c.request("gxlint/nonsense", json!({})).await;
    assert_eq!(r["error"]["code"], -32601);
    let r = c.request("textDocument/hover", json!({"nope": 1})).await;
    assert_eq!(r["error"]["code"], -32602);

    // Bad ranges: past the last line, inside a surrogate pair, reversed. The server clamps,
    // logs, and its copy stays what a clamping client would have.
    let mut doc = Doc::open(&mut c, "bad.md", "𠮷\n", Unit::Utf16).await;
    doc.diagnostics(&mut c).await;
    let bad = [
        (
            json!({"start": {"line": 9, "character": 0}, "end": {"line": 12, "character": 3}}),
            "扫一扫",
        ),
        (
            json!({"start": {"line": 0, "character": 1}, "end": {"line": 0, "character": 1}}),
            "【",
        ),
        (
            json!({"start": {"line": 1, "character": 3}, "end": {"line": 1, "character": 0}}),
            "在手机打开当前页",
        ),
    ];
    for (range, t) in bad {
        doc.version += 1;
        c.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": doc.uri, "version": doc.version},
                   "contentChanges": [{"range": range, "text": t}]}),
        )
        .await;
    }
    // 1: appended at the end; 2: inside 𠮷 → before it; 3: reversed → swapped (replaces 扫一扫).
    doc.text = "【𠮷\n在手机打开当前页".to_string();
    let diags = doc.diagnostics(&mut c).await;
    assert!(diags.is_empty(), "{diags:?}");
    let log = c
        .wait_for(|m| {
            m["method"] == "window/logMessage"
                && m["params"]["message"]
                    .as_str()
                    .unwrap()
                    .contains("编辑范围无效")
        })
        .await;
    assert!(log.is_some());
    // Then a normal edit: the server's copy is right.
    doc.change(
        &mut c,
        json!({"start": {"line": 1, "character": 0}, "end": {"line": 1, "character": 0}}),
        "扫一扫",
    )
    .await;
    let diags = doc.diagnostics(&mut c).await;
    assert_eq!(got_ranges(&diags), expected_ranges(&doc.text, Unit::Utf16));
    assert_eq!(diags.len(), 1);
    // Full-text replacement still works.
    doc.version += 1;
    doc.text = "全新内容\r\n".to_string();
    c.notify("textDocument/didChange", json!({"textDocument": {"uri": doc.uri, "version": doc.version}, "contentChanges": [{"text": doc.text}]})).await;
    assert!(doc.diagnostics(&mut c).await.is_empty());
    // Close clears the diagnostics.
    c.notify(
        "textDocument/didClose",
        json!({"textDocument": {"uri": doc.uri}}),
    )
    .await;
    let cleared = c
        .wait_for(|m| {
            m["method"] == "textDocument/publishDiagnostics" && m["params"].get("version").is_none()
        })
        .await
        .unwrap();
    assert_eq!(cleared["params"]["diagnostics"], json!([]));

    assert_eq!(c.shutdown().await["result"], Value::Null);
    assert!(server.await.unwrap());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn exit_without_shutdown_is_reported() {
    let (mut c, server) = in_memory(standin());
    c.initialize(json!({})).await;
    c.notify("exit", Value::Null).await;
    assert!(!server.await.unwrap());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn config_watcher_registered_and_reload_relints() {
    let (mut c, _server) = in_memory(standin());
    c.initialize(json!({"workspace": {"didChangeWatchedFiles": {"dynamicRegistration": true}}}))
        .await;
    let reg = c
        .wait_for(|m| m["method"] == "client/registerCapability")
        .await
        .unwrap();
    let r = &reg["params"]["registrations"][0];
    assert_eq!(r["method"], "workspace/didChangeWatchedFiles");
    assert_eq!(
        r["registerOptions"]["watchers"][0]["globPattern"],
        "**/gxlint.toml"
    );
    let doc = Doc::open(&mut c, "cfg.md", "扫一扫在手机打开当前页", Unit::Utf16).await;
    assert_eq!(doc.diagnostics(&mut c).await.len(), 1);
    c.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": "file:///tmp/gxlint-lsp-test/gxlint.toml", "type": 2}]}),
    )
    .await;
    // Re-linted and published again for the same version.
    assert_eq!(doc.diagnostics(&mut c).await.len(), 1);
}

fn seeds_dir() -> PathBuf {
    let candidates = [
        std::env::var_os("GXLINT_SEEDS").map(PathBuf::from),
        Some(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/seeds")),
        Some(PathBuf::from("/work/shared/seeds")),
    ];
    candidates
        .into_iter()
        .flatten()
        .find(|p| p.is_dir())
        .expect("seeds not found: set GXLINT_SEEDS or provide ../shared/seeds")
}

fn seeds() -> Vec<(String, String)> {
    let mut v: Vec<(String, String)> = std::fs::read_dir(seeds_dir())
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .map(|p| {
            (
                p.file_name().unwrap().to_string_lossy().into_owned(),
                std::fs::read_to_string(&p).unwrap(),
            )
        })
        .collect();
    v.sort();
    assert!(v.len() >= 5, "expected the five seeds");
    v
}

/// (code, start, end, message), positions as (line, char column).
type Found = (String, (u32, u32), (u32, u32), String);

/// (code, line, char column) → as `gxlint check --format json` reports them.
fn char_pos(text: &str, line: u32, utf16_col: u32) -> (u32, u32) {
    let off = offset_of(text, line, utf16_col, Unit::Utf16);
    let (l, _) = pos_of(text, off, Unit::Utf16);
    let start = offset_of(text, l, 0, Unit::Utf16);
    (l, text[start..off].chars().count() as u32)
}

/// Every seed: the server's diagnostics, position for position (converted from UTF-16 to char
/// columns), are those of `gxlint check` (the library, columns from LineIndex in chars).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn seeds_match_library() {
    use gxlint::line_index::{ColumnUnit, LineIndex};
    let (mut c, _server) = in_memory(Engine::default());
    c.initialize(json!({})).await;
    for (name, text) in seeds() {
        let doc = Doc::open(&mut c, &name, &text, Unit::Utf16).await;
        let got: Vec<Found> = doc
            .diagnostics(&mut c)
            .await
            .iter()
            .map(|d| {
                let r = &d["range"];
                let p = |v: &Value| {
                    char_pos(
                        &text,
                        v["line"].as_u64().unwrap() as u32,
                        v["character"].as_u64().unwrap() as u32,
                    )
                };
                (
                    d["code"].as_str().unwrap().to_string(),
                    p(&r["start"]),
                    p(&r["end"]),
                    d["message"].as_str().unwrap().to_string(),
                )
            })
            .collect();
        let li = LineIndex::new(&text);
        let want: Vec<_> = gxlint::check(&text, &Settings::default())
            .diagnostics
            .iter()
            .map(|d| {
                let p = |o| {
                    let (l, c) = li.position(&text, o, ColumnUnit::Char);
                    (l as u32, c as u32)
                };
                (
                    d.code.to_string(),
                    p(d.span.start),
                    p(d.span.end),
                    d.message.clone(),
                )
            })
            .collect();
        assert_eq!(got, want, "{name}");
        eprintln!("{name}: {} diagnostics agree", want.len());
    }
}

/// The outline follows the library's sections and tables, for every seed.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn seeds_outline_is_the_documents() {
    let (mut c, _server) = in_memory(Engine::default());
    c.initialize(json!({})).await;
    for (name, text) in seeds() {
        let doc = Doc::open(&mut c, &name, &text, Unit::Utf16).await;
        let r = c
            .request(
                "textDocument/documentSymbol",
                json!({"textDocument": {"uri": doc.uri}}),
            )
            .await;
        let syms = r["result"].as_array().unwrap().clone();
        let parsed = gxlint::document::Document::parse(&text, &Settings::default().parse_options());
        assert_eq!(syms.len(), parsed.sections.len(), "{name}");
        for (s, sec) in syms.iter().zip(&parsed.sections) {
            let (l, _) = pos_of(&text, sec.line.start, Unit::Utf16);
            assert_eq!(s["selectionRange"]["start"]["line"], l, "{name}");
            let tables = parsed
                .tables
                .iter()
                .filter(|t| t.kind.section() == sec.number)
                .count();
            assert_eq!(
                s["children"].as_array().map_or(0, |a| a.len()),
                tables,
                "{name}"
            );
        }
    }
}

/// (code, range) of the library's diagnostics, positions computed on the client side.
fn library_ranges(text: &str, unit: Unit) -> Vec<(String, Value)> {
    gxlint::check(text, &Settings::default())
        .diagnostics
        .into_iter()
        .map(|d| (d.code.to_string(), range_json(text, d.span, unit)))
        .collect()
}

/// The whole session with the real rules: a real report (seed 001) in CRLF with 𠮷, typed
/// residue (GX503, safe delete), then the missing period sentence of seed 003 (GX402).
async fn real_library_session(unit: Unit) {
    let seeds = seeds();
    let (mut c, server) = in_memory(Engine::default());
    c.initialize(caps(unit)).await;
    let base = seeds[1].1.replace("\r\n", "\n").replace('\n', "\r\n");
    let mut doc = Doc::open(&mut c, "real.md", &format!("𠮷{base}"), unit).await;
    let before = doc.diagnostics(&mut c).await;
    assert_eq!(got_ranges(&before), library_ranges(&doc.text, unit));
    let residues = |d: &[Value]| d.iter().filter(|d| d["code"] == "GX503").count();
    let n503 = residues(&before);
    doc.type_at_end(&mut c, "\r\n𠮷：扫一扫在手机打开当前页\r\n")
        .await;
    let diags = doc.diagnostics(&mut c).await;
    assert_eq!(got_ranges(&diags), library_ranges(&doc.text, unit));
    assert_eq!(residues(&diags), n503 + 1);
    let (l, _) = pos_of(&doc.text, doc.text.rfind(RESIDUE).unwrap(), unit);
    let target = diags
        .iter()
        .find(|d| d["code"] == "GX503" && d["range"]["start"]["line"] == l)
        .expect("GX503 on the typed line")
        .clone();
    assert_eq!(target["range"]["start"]["character"], width("𠮷：", unit));
    let r = c
        .request(
            "textDocument/codeAction",
            json!({"textDocument": {"uri": doc.uri}, "range": target["range"],
                   "context": {"diagnostics": [target]}}),
        )
        .await;
    let actions = r["result"].as_array().unwrap();
    let safe = actions
        .iter()
        .find(|a| a["isPreferred"] == true)
        .expect("a safe fix");
    for e in safe["edit"]["changes"][&doc.uri]
        .as_array()
        .unwrap()
        .iter()
        .rev()
    {
        doc.change(&mut c, e["range"].clone(), e["newText"].as_str().unwrap())
            .await;
    }
    let diags = doc.diagnostics(&mut c).await;
    assert_eq!(residues(&diags), n503);
    assert!(
        !diags
            .iter()
            .any(|d| d["range"]["start"]["line"] == l && d["code"] == "GX503")
    );
    assert_eq!(got_ranges(&diags), library_ranges(&doc.text, unit));

    // Seed 003 has no period sentence: GX402's safe fix inserts it.
    let mut doc = Doc::open(&mut c, "003.md", &seeds[3].1, unit).await;
    let diags = doc.diagnostics(&mut c).await;
    let missing = diags
        .iter()
        .find(|d| d["code"] == "GX402")
        .expect("GX402 on seed 003")
        .clone();
    let r = c
        .request(
            "textDocument/codeAction",
            json!({"textDocument": {"uri": doc.uri}, "range": missing["range"],
                   "context": {"diagnostics": [missing], "only": ["quickfix"]}}),
        )
        .await;
    let fix = r["result"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["isPreferred"] == true)
        .unwrap()
        .clone();
    let e = fix["edit"]["changes"][&doc.uri][0].clone();
    doc.change(&mut c, e["range"].clone(), e["newText"].as_str().unwrap())
        .await;
    let diags = doc.diagnostics(&mut c).await;
    assert!(!diags.iter().any(|d| d["code"] == "GX402"), "{diags:#?}");
    assert_eq!(got_ranges(&diags), library_ranges(&doc.text, unit));

    c.shutdown().await;
    assert!(server.await.unwrap());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn real_library_session_utf16() {
    real_library_session(Unit::Utf16).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn real_library_session_utf8() {
    real_library_session(Unit::Utf8).await;
}

/// Every seed: the server's diagnostics and fixes, position for position, are what
/// `gxlint check --format json` prints (1-based char columns; LSP UTF-16 converted).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn seeds_match_check_json() {
    let (mut c, _server) = in_memory(Engine::default());
    c.initialize(json!({})).await;
    let dir = seeds_dir().canonicalize().unwrap();
    for (name, text) in seeds() {
        let path = dir.join(&name);
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_gxlint"))
            .args(["check", "--format", "json"])
            .arg(&path)
            .output()
            .unwrap();
        let report: Value = serde_json::from_slice(&out.stdout).expect("check --format json");
        let want: Vec<Value> = report["files"][0]["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| {
                let pos = |p: &Value| {
                    json!([
                        p["line"].as_u64().unwrap() - 1,
                        p["column"].as_u64().unwrap() - 1
                    ])
                };
                let edits: Vec<Value> = d["fixes"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|f| {
                        json!([
                            f["title"],
                            f["applicability"] == "safe",
                            f["edits"]
                                .as_array()
                                .unwrap()
                                .iter()
                                .map(|e| json!([e["byte_range"], e["new_text"]]))
                                .collect::<Vec<_>>()
                        ])
                    })
                    .collect();
                json!([
                    d["code"],
                    d["message"],
                    pos(&d["range"]["start"]),
                    pos(&d["range"]["end"]),
                    edits
                ])
            })
            .collect();
        let uri = format!("file://{}", path.display());
        c.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": "markdown", "version": 1, "text": text}}),
        )
        .await;
        let diags = c.diagnostics(&uri, 1).await.unwrap();
        let byte = |p: &Value| {
            offset_of(
                &text,
                p["line"].as_u64().unwrap() as u32,
                p["character"].as_u64().unwrap() as u32,
                Unit::Utf16,
            )
        };
        let got: Vec<Value> = diags
            .as_array()
            .unwrap()
            .iter()
            .map(|d| {
                let p = |v: &Value| {
                    let (l, col) = char_pos(
                        &text,
                        v["line"].as_u64().unwrap() as u32,
                        v["character"].as_u64().unwrap() as u32,
                    );
                    json!([l, col])
                };
                let edits: Vec<Value> = d["data"]["fixes"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|f| {
                        json!([
                            f["title"],
                            f["safe"],
                            f["edits"]
                                .as_array()
                                .unwrap()
                                .iter()
                                .map(|e| json!([
                                    [byte(&e["range"]["start"]), byte(&e["range"]["end"])],
                                    e["newText"]
                                ]))
                                .collect::<Vec<_>>()
                        ])
                    })
                    .collect();
                json!([
                    d["code"],
                    d["message"],
                    p(&d["range"]["start"]),
                    p(&d["range"]["end"]),
                    edits
                ])
            })
            .collect();
        assert_eq!(got, want, "{name}");
        assert!(
            !want.is_empty() || name.starts_with("001"),
            "{name}: no diagnostics at all?"
        );
    }
}

/// Hover on a value of table 三 in a correct report: its labels and identities, all holding.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn hover_on_table_value_shows_identities() {
    use gxlint::document::{Document, TableKind};
    let (mut c, _server) = in_memory(Engine::default());
    c.initialize(json!({})).await;
    let seeds = seeds();
    let text = &seeds[1].1;
    let parsed = Document::parse(text, &Settings::default().parse_options());
    let table = parsed
        .table(TableKind::Requests)
        .expect("table 三 in seed 001");
    let row = table.row("new").expect("row 一");
    let total = row.values.last().unwrap().clone();
    let doc = Doc::open(&mut c, "hover.md", text, Unit::Utf16).await;
    doc.diagnostics(&mut c).await;
    let (l, col) = pos_of(text, total.span.start, Unit::Utf16);
    let r = c
        .request(
            "textDocument/hover",
            json!({"textDocument": {"uri": doc.uri}, "position": {"line": l, "character": col}}),
        )
        .await;
    let value = r["result"]["contents"]["value"]
        .as_str()
        .expect("hover text");
    assert!(
        value.contains("一、本年新收政府信息公开申请数量"),
        "{value}"
    );
    assert!(value.contains("列：总计"), "{value}");
    assert!(
        value.contains("GX301") && value.contains("GX303"),
        "{value}"
    );
    let n = total.value.as_int().unwrap();
    assert!(value.contains(&format!("本格应为 {n}，相符")), "{value}");
    assert_eq!(
        r["result"]["range"],
        range_json(text, total.span.clone(), Unit::Utf16)
    );

    // Break the total: the hover gives the value it should have.
    let mut doc = doc;
    let wrong = (n + 1).to_string();
    doc.change(
        &mut c,
        range_json(text, total.span.clone(), Unit::Utf16),
        &wrong,
    )
    .await;
    doc.diagnostics(&mut c).await;
    let r = c
        .request(
            "textDocument/hover",
            json!({"textDocument": {"uri": doc.uri}, "position": {"line": l, "character": col}}),
        )
        .await;
    let value = r["result"]["contents"]["value"].as_str().unwrap();
    assert!(
        value.contains(&format!("本格应为 {n}，实为 {wrong}")),
        "{value}"
    );
    // and the broken total has an inlay hint with the expected value, if the rule gives one
    let r = c
        .request(
            "textDocument/inlayHint",
            json!({"textDocument": {"uri": doc.uri},
                   "range": {"start": {"line": 0, "character": 0}, "end": {"line": 9999, "character": 0}}}),
        )
        .await;
    let hints = r["result"].as_array().unwrap();
    assert!(
        hints.iter().any(|h| h["label"] == format!("应为 {n}")),
        "{hints:#?}"
    );
}
