//! The editor's settings (`gxlint.enable`, `gxlint.run`, `gxlint.select`, `gxlint.ignore`): sent
//! as `initializationOptions`, pulled by `workspace/configuration`, pushed with
//! `workspace/didChangeConfiguration`, and merged under `gxlint.toml`.

use std::time::Duration;

use gxlint::config::Settings;
use gxlint::diagnostic::{Diagnostic, Severity};
use gxlint::lsp::Engine;
use gxlint::lsp::settings::{EditorSettings, Run};
use gxlint::lsp::wire::{WireClient, in_memory};
use serde_json::{Value, json};

const URI: &str = "file:///tmp/gxlint-settings-test/draft.md";

fn diag(code: &str, span: std::ops::Range<usize>) -> Diagnostic {
    let rule = gxlint::rules::find(code).expect("rule");
    Diagnostic {
        code: rule.code,
        name: rule.name,
        severity: Severity::Warning,
        message: "x".into(),
        span,
        fixes: Vec::new(),
        related: Vec::new(),
        expected: None,
    }
}

/// `残留` is a GX503 finding, `总计` a GX303 one — each only when the settings enable the rule.
fn standin() -> Engine {
    Engine {
        check: |text, settings: &Settings| {
            let mut out = Vec::new();
            for (word, code) in [("残留", "GX503"), ("总计", "GX303")] {
                let rule = gxlint::rules::find(code).unwrap();
                if settings.enabled(rule) {
                    out.extend(
                        text.match_indices(word)
                            .map(|(i, w)| diag(code, i..i + w.len())),
                    );
                }
            }
            out
        },
        fix_all: |text, _| text.to_string(),
    }
}

async fn start(options: Value, capabilities: Value) -> WireClient {
    let (mut c, _server) = in_memory(standin());
    c.request(
        "initialize",
        json!({"processId": null, "rootUri": null, "capabilities": capabilities,
               "initializationOptions": options}),
    )
    .await;
    c.notify("initialized", json!({})).await;
    c
}

async fn open(c: &mut WireClient, text: &str) {
    c.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": URI, "languageId": "markdown", "version": 1, "text": text}}),
    )
    .await;
}

async fn codes(c: &mut WireClient, version: i64) -> Vec<String> {
    let d = c.diagnostics(URI, version).await.expect("diagnostics");
    d.as_array()
        .unwrap()
        .iter()
        .map(|d| d["code"].as_str().unwrap().to_string())
        .collect()
}

/// The diagnostics of `version` settle at `want` (settings arriving while a lint runs cause a
/// second publication of the same version).
async fn settles_at(c: &mut WireClient, version: i64, want: &[&str]) {
    let mut last = Vec::new();
    for _ in 0..5 {
        last = codes(c, version).await;
        if last == want {
            return;
        }
    }
    panic!("diagnostics {last:?}, want {want:?}");
}

#[tokio::test]
async fn initialization_options_select_and_ignore() {
    let mut c = start(json!({"gxlint": {"ignore": ["GX503"]}}), json!({})).await;
    open(&mut c, "残留 总计").await;
    assert_eq!(codes(&mut c, 1).await, ["GX303"]);

    let mut c = start(json!({"select": ["web-residue"]}), json!({})).await;
    open(&mut c, "残留 总计").await;
    assert_eq!(codes(&mut c, 1).await, ["GX503"]);
}

#[tokio::test]
async fn disabled_means_no_diagnostics() {
    let mut c = start(json!({"enable": false}), json!({})).await;
    open(&mut c, "残留 总计").await;
    assert!(codes(&mut c, 1).await.is_empty());
    // Turned on again by a pushed change.
    c.notify(
        "workspace/didChangeConfiguration",
        json!({"settings": {"gxlint": {"enable": true}}}),
    )
    .await;
    assert_eq!(codes(&mut c, 1).await, ["GX503", "GX303"]);
}

#[tokio::test]
async fn run_on_save_checks_when_saved_only() {
    let mut c = start(json!({"run": "onSave"}), json!({})).await;
    open(&mut c, "残留").await;
    assert_eq!(codes(&mut c, 1).await, ["GX503"]);
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": URI, "version": 2},
               "contentChanges": [{"text": "总计"}]}),
    )
    .await;
    c.timeout = Duration::from_millis(500);
    assert!(
        c.diagnostics(URI, 2).await.is_none(),
        "checked while typing"
    );
    c.timeout = Duration::from_secs(20);
    c.notify(
        "textDocument/didSave",
        json!({"textDocument": {"uri": URI}}),
    )
    .await;
    assert_eq!(codes(&mut c, 2).await, ["GX303"]);
}

#[tokio::test]
async fn on_type_is_the_default() {
    let mut c = start(Value::Null, json!({})).await;
    open(&mut c, "残留").await;
    assert_eq!(codes(&mut c, 1).await, ["GX503"]);
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": URI, "version": 2},
               "contentChanges": [{"text": "总计"}]}),
    )
    .await;
    assert_eq!(codes(&mut c, 2).await, ["GX303"]);
}

#[tokio::test]
async fn workspace_configuration_is_pulled() {
    let (mut c, _server) = in_memory(standin());
    c.replies.insert(
        "workspace/configuration".into(),
        json!([{"ignore": ["GX3"]}]),
    );
    c.initialize(json!({"workspace": {"configuration": true}}))
        .await;
    let req = c
        .wait_for(|m| m["method"] == "workspace/configuration")
        .await
        .expect("server asks for its settings");
    assert_eq!(req["params"]["items"][0]["section"], "gxlint");
    open(&mut c, "残留 总计").await;
    settles_at(&mut c, 1, &["GX503"]).await;
    // A change notification without settings: the server asks again.
    c.replies
        .insert("workspace/configuration".into(), json!([{"ignore": []}]));
    c.notify(
        "workspace/didChangeConfiguration",
        json!({"settings": null}),
    )
    .await;
    settles_at(&mut c, 1, &["GX503", "GX303"]).await;
}

#[test]
fn merged_under_gxlint_toml() {
    let (editor, errors) = EditorSettings::from_json(&json!({
        "select": ["GX5", "nonsense"], "ignore": ["GX503"], "run": "onSave", "enable": true,
        "unknownKey": 1
    }));
    assert_eq!(editor.run, Run::OnSave);
    assert_eq!(editor.select, ["GX5"]);
    assert_eq!(errors.len(), 1);
    assert!(errors[0].contains("“nonsense”不是已知的规则"), "{errors:?}");

    // No select in gxlint.toml: the editor's applies; ignore lists are joined.
    let mut s = gxlint::config::parse_config("ignore = [\"GX303\"]\n", "gxlint.toml".as_ref())
        .expect("config");
    editor.apply(&mut s);
    assert_eq!(s.select, ["GX5"]);
    assert_eq!(s.ignore, ["GX303", "GX503"]);
    // gxlint.toml's select wins.
    let mut s = gxlint::config::parse_config("select = [\"GX3\"]\n", "gxlint.toml".as_ref())
        .expect("config");
    editor.apply(&mut s);
    assert_eq!(s.select, ["GX3"]);

    let (bad, errors) = EditorSettings::from_json(&json!({"run": "sometimes", "enable": "yes"}));
    assert_eq!(bad, EditorSettings::default());
    assert_eq!(errors.len(), 2, "{errors:?}");
}
