//! The language server's document size limit (`maxSize`, default 32 MB as `--max-size`): a
//! larger document is not kept nor analysed, the user is told once, its diagnostics are empty;
//! a full change under the limit brings it back.

use gxlint::config::Settings;
use gxlint::diagnostic::{Diagnostic, Severity};
use gxlint::lsp::Engine;
use gxlint::lsp::wire::in_memory;
use serde_json::{Value, json};

/// One finding on any non-empty text: an analysed document always has a diagnostic.
fn always(text: &str, _: &Settings) -> Vec<Diagnostic> {
    if text.is_empty() {
        return Vec::new();
    }
    let rule = gxlint::rules::find("GX503").unwrap();
    vec![Diagnostic {
        code: rule.code,
        name: rule.name,
        severity: Severity::Warning,
        message: "x".to_string(),
        span: 0..0,
        fixes: Vec::new(),
        related: Vec::new(),
        expected: None,
    }]
}

fn engine() -> Engine {
    Engine {
        check: always,
        fix_all: |t, _| t.to_string(),
    }
}

fn open(uri: &str, text: &str) -> Value {
    json!({"textDocument": {"uri": uri, "languageId": "markdown", "version": 1, "text": text}})
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn oversized_documents_are_refused() {
    let (mut c, server) = in_memory(engine());
    let r = c
        .request(
            "initialize",
            json!({"processId": null, "rootUri": null, "capabilities": {},
                   "initializationOptions": {"maxSize": 1000}}),
        )
        .await;
    assert!(r["result"]["capabilities"].is_object());
    c.notify("initialized", json!({})).await;

    let (a, b) = ("file:///tmp/big.md", "file:///tmp/small.md");
    c.notify("textDocument/didOpen", open(a, &"一".repeat(400)))
        .await;
    let m = c.notification("window/showMessage").await.unwrap();
    let msg = m["params"]["message"].as_str().unwrap();
    assert!(msg.contains("文档过大") && msg.contains("big.md"), "{msg}");
    assert_eq!(c.diagnostics(a, 1).await.unwrap(), json!([]));
    // Not analysed: features answer as for a document that is not open.
    let h = c
        .request(
            "textDocument/documentSymbol",
            json!({"textDocument": {"uri": a}}),
        )
        .await;
    assert!(h["result"].is_null(), "{h}");

    c.notify("textDocument/didOpen", open(b, "小")).await;
    assert_eq!(
        c.diagnostics(b, 1).await.unwrap().as_array().unwrap().len(),
        1
    );

    // An incremental edit of the refused document is ignored; a full change under the limit
    // brings it back.
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": a, "version": 2}, "contentChanges": [
            {"range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}},
             "text": "x"}]}),
    )
    .await;
    assert_eq!(c.diagnostics(a, 2).await.unwrap(), json!([]));
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": a, "version": 3}, "contentChanges": [{"text": "小"}]}),
    )
    .await;
    assert_eq!(
        c.diagnostics(a, 3).await.unwrap().as_array().unwrap().len(),
        1
    );

    // Growing over the limit: refused from then on, told once.
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": b, "version": 2}, "contentChanges": [
            {"range": {"start": {"line": 0, "character": 1}, "end": {"line": 0, "character": 1}},
             "text": "x".repeat(1200)}]}),
    )
    .await;
    let m = c.notification("window/showMessage").await.unwrap();
    assert!(
        m["params"]["message"]
            .as_str()
            .unwrap()
            .contains("small.md")
    );
    assert_eq!(c.diagnostics(b, 2).await.unwrap(), json!([]));

    // The limit from settings, too.
    c.notify(
        "workspace/didChangeConfiguration",
        json!({"settings": {"gxlint": {"maxSize": "1M"}}}),
    )
    .await;
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": b, "version": 3},
               "contentChanges": [{"text": "x".repeat(5000)}]}),
    )
    .await;
    assert_eq!(
        c.diagnostics(b, 3).await.unwrap().as_array().unwrap().len(),
        1
    );

    c.shutdown().await;
    assert!(server.await.unwrap());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn invalid_max_size_is_reported() {
    let (mut c, server) = in_memory(engine());
    c.request(
        "initialize",
        json!({"processId": null, "capabilities": {}, "initializationOptions": {"maxSize": "lots"}}),
    )
    .await;
    let m = c.notification("window/showMessage").await.unwrap();
    assert!(
        m["params"]["message"].as_str().unwrap().contains("maxSize"),
        "{m}"
    );
    c.notify("initialized", json!({})).await;
    c.shutdown().await;
    assert!(server.await.unwrap());
}
