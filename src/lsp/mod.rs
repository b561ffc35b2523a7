//! `gxlint lsp`: a thin adapter over the library (tower-lsp-server). No domain logic here.
//!
//! - `store`: open documents (ropey), incremental edits in LSP positions, the last analysis;
//! - `convert`: byte spans → LSP ranges, diagnostics with their fixes in `data`;
//! - `actions`: quick fixes, "disable for this line", `source.fixAll.gxlint`;
//! - `features`: hover, document symbols, inlay hints;
//! - `settings`: the `gxlint.toml` that applies to a document (as the CLI finds it);
//! - `wire`: a raw JSON-RPC client over any byte stream (protocol tests, the latency example).
//!
//! Linting runs in `spawn_blocking`, at most one lint per document at a time; a change made
//! while a lint runs makes it lint again when done, and results of a stale version are dropped.

pub mod actions;
pub mod convert;
pub mod features;
pub mod guard;
pub mod settings;
pub mod store;
pub mod wire;

use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};

use tokio::io::{AsyncRead, AsyncWrite};
use tower_lsp_server::jsonrpc::Result as RpcResult;
use tower_lsp_server::ls_types as lsp;
use tower_lsp_server::{Client, LanguageServer, LspService, Server};

use crate::config::Settings;
use crate::diagnostic::Diagnostic;
use crate::line_index::{ColumnUnit, LineIndex};
use store::{Analysis, Change, DocState, Pos};

/// The library functions the server calls. `Engine::default()` is the library itself; tests may
/// pass a stand-in to exercise the protocol independently of which rules exist.
#[derive(Clone, Copy)]
pub struct Engine {
    /// All diagnostics of a text (as `gxlint check`).
    pub check: fn(&str, &Settings) -> Vec<Diagnostic>,
    /// The text with every safe fix applied (as `gxlint check --fix`).
    pub fix_all: fn(&str, &Settings) -> String,
}

impl Default for Engine {
    fn default() -> Self {
        Engine {
            check: |text, settings| crate::check(text, settings).diagnostics,
            fix_all: |text, settings| {
                crate::fix::fix_text(text, settings, crate::fix::FixMode::Safe).text
            },
        }
    }
}

/// Serve the language server protocol on stdin/stdout until `exit` (or the end of stdin).
/// `Ok(true)` when `shutdown` came first (exit code 0), `Ok(false)` otherwise (exit code 1,
/// as the LSP specification asks for `exit` without `shutdown`).
pub fn run_stdio() -> std::io::Result<bool> {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()?;
    let clean = rt.block_on(serve(
        tokio::io::stdin(),
        tokio::io::stdout(),
        Engine::default(),
    ));
    // Do not wait for blocked stdin readers: the protocol is over.
    rt.shutdown_background();
    Ok(clean)
}

/// Serve on any pair of byte streams until `exit` (or the input ends). Returns whether the
/// session ended cleanly: `shutdown`, then `exit` (the exit code LSP asks for).
pub async fn serve<I, O>(input: I, output: O, engine: Engine) -> bool
where
    I: AsyncRead + Unpin + Send + 'static,
    O: AsyncWrite + Unpin + Send + 'static,
{
    let shutdown = Arc::new(AtomicBool::new(false));
    let flag = shutdown.clone();
    let max_body = Arc::new(AtomicUsize::new(guard::DEFAULT_MAX_BODY));
    let body_limit = max_body.clone();
    let (service, socket) = LspService::new(move |client| Backend {
        client,
        shared: Arc::new(Shared {
            engine,
            docs: Mutex::new(HashMap::new()),
            caps: Mutex::new(Caps::default()),
            settings: settings::SettingsCache::default(),
            shutdown: flag,
            max_size: AtomicU64::new(crate::files::DEFAULT_MAX_SIZE),
            max_body: body_limit,
        }),
    });
    // input → guard → server → one writer → output (see `guard`).
    let (to_server, server_in) = tokio::io::duplex(1 << 16);
    let (server_out, from_server) = tokio::io::duplex(1 << 16);
    let (tx, rx) = tokio::sync::mpsc::unbounded_channel();
    let exit_seen = Arc::new(AtomicBool::new(false));
    let input_pump = tokio::spawn(guard::pump_input(
        input,
        to_server,
        tx.clone(),
        max_body,
        exit_seen.clone(),
    ));
    let output_pump = tokio::spawn(guard::pump_server_output(from_server, tx));
    let writer = tokio::spawn(guard::write_all(output, rx));
    Server::new(server_in, server_out, socket)
        .serve(service)
        .await;
    input_pump.abort();
    let _ = output_pump.await;
    let _ = writer.await;
    shutdown.load(Ordering::SeqCst) && exit_seen.load(Ordering::SeqCst)
}

/// What the client said it supports, and what was negotiated.
#[derive(Debug, Clone, Copy)]
pub struct Caps {
    pub unit: ColumnUnit,
    /// The client pulls diagnostics (`textDocument/diagnostic`): do not push them too.
    pub pull: bool,
    pub document_changes: bool,
    pub watch_registration: bool,
    pub markdown_hover: bool,
    /// The client answers `workspace/configuration`.
    pub configuration: bool,
}

impl Default for Caps {
    fn default() -> Self {
        Caps {
            unit: ColumnUnit::Utf16,
            pull: false,
            document_changes: false,
            watch_registration: false,
            markdown_hover: true,
            configuration: false,
        }
    }
}

pub struct Shared {
    pub engine: Engine,
    pub docs: Mutex<HashMap<lsp::Uri, DocState>>,
    pub caps: Mutex<Caps>,
    pub settings: settings::SettingsCache,
    shutdown: Arc<AtomicBool>,
    /// Documents larger than this (bytes) are not kept nor analysed (`maxSize`).
    pub max_size: AtomicU64,
    /// The frame limit of the input guard (follows `max_size`).
    max_body: Arc<AtomicUsize>,
}

/// Lock, recovering from a poisoned lock (a panic elsewhere must not stop the server).
pub(crate) fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

impl Shared {
    pub fn max_size(&self) -> u64 {
        self.max_size.load(Ordering::Relaxed)
    }

    /// Take `maxSize` from initialization options or settings, when given; an invalid value
    /// is returned as an error message (the limit is kept).
    fn set_max_size(&self, options: Option<&serde_json::Value>) -> Option<String> {
        let n = match settings::max_size_option(options?)? {
            Ok(n) => n,
            Err(e) => {
                return Some(format!(
                    "设置 maxSize 无效：{e}；仍按 {} 限制",
                    crate::files::human_size(self.max_size())
                ));
            }
        };
        self.max_size.store(n, Ordering::Relaxed);
        self.max_body
            .store(guard::body_limit_for(n), Ordering::Relaxed);
        None
    }

    pub fn caps(&self) -> Caps {
        *lock(&self.caps)
    }

    /// The engine that produces diagnostics: none at all when the editor says `gxlint.enable`
    /// is off.
    pub fn checking_engine(&self) -> Engine {
        if self.settings.editor().enable {
            self.engine
        } else {
            Engine {
                check: |_, _| Vec::new(),
                fix_all: self.engine.fix_all,
            }
        }
    }

    /// The current text of a document and its version (`None`: not open).
    pub fn snapshot(&self, uri: &lsp::Uri) -> Option<(Arc<String>, i32)> {
        let docs = lock(&self.docs);
        let d = docs.get(uri)?;
        if d.oversized {
            return None; // not analysed: no feature works on it
        }
        match d.current_analysis() {
            Some(a) => Some((a.text.clone(), d.version)),
            None => Some((Arc::new(d.rope.to_string()), d.version)),
        }
    }

    pub fn current_analysis(&self, uri: &lsp::Uri) -> Option<Arc<Analysis>> {
        lock(&self.docs).get(uri)?.current_analysis()
    }
}

struct Backend {
    client: Client,
    shared: Arc<Shared>,
}

async fn log(client: &Client, typ: lsp::MessageType, msg: impl std::fmt::Display) {
    eprintln!("gxlint lsp: {msg}");
    client.log_message(typ, msg).await;
}

/// Lint `text` and convert the result (runs on a blocking thread).
fn analyse(
    engine: Engine,
    settings: &Settings,
    uri: &lsp::Uri,
    text: Arc<String>,
    version: i32,
    unit: ColumnUnit,
) -> Analysis {
    // A file that gxlint.toml's include/exclude leaves out gets no diagnostics, as in the CLI.
    let excluded = uri
        .to_file_path()
        .is_some_and(|p| settings.skip_reason(&p).is_some());
    let diagnostics = if excluded {
        Vec::new()
    } else {
        (engine.check)(&text, settings)
    };
    let index = LineIndex::new(&text);
    let cx = convert::Ctx {
        uri,
        text: &text,
        index: &index,
        unit,
        version,
        docs_base: None,
    };
    let published = diagnostics
        .iter()
        .map(|d| convert::diagnostic(&cx, d))
        .collect();
    Analysis {
        version,
        text,
        index,
        diagnostics,
        published,
    }
}

/// Lint the latest version of `uri` until no change arrived during the lint, then publish.
async fn lint_loop(shared: Arc<Shared>, client: Client, uri: lsp::Uri) {
    loop {
        let snapshot = {
            let mut docs = lock(&shared.docs);
            let Some(d) = docs.get_mut(&uri) else { return };
            if d.oversized {
                d.linting = false;
                Err(d.version)
            } else {
                Ok((Arc::new(d.rope.to_string()), d.version, d.generation))
            }
        };
        let (text, version, generation) = match snapshot {
            Ok(s) => s,
            Err(version) => {
                // Over the size limit: not analysed, its diagnostics cleared.
                if !shared.caps().pull {
                    client
                        .publish_diagnostics(uri.clone(), Vec::new(), Some(version))
                        .await;
                }
                return;
            }
        };
        let caps = shared.caps();
        let settings = shared.settings.for_uri(&uri);
        for e in shared.settings.take_errors() {
            client.show_message(lsp::MessageType::WARNING, &e).await;
            log(&client, lsp::MessageType::WARNING, e).await;
        }
        let engine = shared.checking_engine();
        let u = uri.clone();
        let t = text.clone();
        let result = tokio::task::spawn_blocking(move || {
            analyse(engine, &settings, &u, t, version, caps.unit)
        })
        .await;
        let analysis = match result {
            Ok(a) => Arc::new(a),
            Err(e) => {
                log(
                    &client,
                    lsp::MessageType::ERROR,
                    format!("检查 {} 时出错：{e}", uri.as_str()),
                )
                .await;
                let index = LineIndex::new(&text);
                Arc::new(Analysis {
                    version,
                    text,
                    index,
                    diagnostics: Vec::new(),
                    published: Vec::new(),
                })
            }
        };
        {
            let mut docs = lock(&shared.docs);
            let Some(d) = docs.get_mut(&uri) else { return };
            if d.generation != generation {
                continue; // stale: lint the newer text
            }
            d.analysis = Some(analysis.clone());
        }
        if !caps.pull {
            client
                .publish_diagnostics(uri.clone(), analysis.published.clone(), Some(version))
                .await;
        } else if shared.settings.editor().run == settings::Run::OnSave {
            // Checked on save: a pulling client asks again only when told to.
            let _ = client.workspace_diagnostic_refresh().await;
        }
        let mut docs = lock(&shared.docs);
        let Some(d) = docs.get_mut(&uri) else { return };
        if d.generation == generation {
            d.linting = false;
            return;
        }
    }
}

impl Backend {
    /// Start linting `uri` unless a lint loop for it already runs (it will see the change).
    fn schedule(&self, uri: &lsp::Uri) {
        let start = {
            let mut docs = lock(&self.shared.docs);
            match docs.get_mut(uri) {
                Some(d) if !d.linting => {
                    d.linting = true;
                    true
                }
                _ => false,
            }
        };
        if start {
            tokio::spawn(lint_loop(
                self.shared.clone(),
                self.client.clone(),
                uri.clone(),
            ));
        }
    }

    /// Tell the user a document is over the size limit and will not be checked.
    async fn too_large(&self, uri: &lsp::Uri, size: u64) {
        let msg = format!(
            "文档过大（约 {}，上限 {}），未检查：{}；可用设置 maxSize 调整上限",
            crate::files::human_size(size),
            crate::files::human_size(self.shared.max_size()),
            uri.as_str()
        );
        self.client
            .show_message(lsp::MessageType::WARNING, &msg)
            .await;
        log(&self.client, lsp::MessageType::WARNING, msg).await;
    }

    /// Re-lint every open document (configuration changed).
    /// Ask the client for the `gxlint` section (`workspace/configuration`) when it can answer;
    /// whether new settings came.
    async fn pull_editor_settings(&self) -> bool {
        if !self.shared.caps().configuration {
            return false;
        }
        let item = lsp::ConfigurationItem {
            scope_uri: None,
            section: Some("gxlint".to_string()),
        };
        match self.client.configuration(vec![item]).await {
            Ok(values) => match values.first() {
                Some(v) if v.is_object() => {
                    self.shared.settings.set_editor(v);
                    true
                }
                _ => false,
            },
            Err(e) => {
                log(
                    &self.client,
                    lsp::MessageType::WARNING,
                    format!("无法读取编辑器设置（workspace/configuration）：{e}"),
                )
                .await;
                false
            }
        }
    }

    fn relint_all(&self) {
        let uris: Vec<lsp::Uri> = {
            let mut docs = lock(&self.shared.docs);
            for d in docs.values_mut() {
                d.generation += 1;
            }
            docs.keys().cloned().collect()
        };
        for uri in &uris {
            self.schedule(uri);
        }
    }

    /// The analysis of the current version, linting now when none is ready.
    async fn analysis_now(&self, uri: &lsp::Uri) -> Option<Arc<Analysis>> {
        if let Some(a) = self.shared.current_analysis(uri) {
            return Some(a);
        }
        // Checked on save only: while typing, the last check stands.
        if self.shared.settings.editor().run == settings::Run::OnSave {
            let last = lock(&self.shared.docs)
                .get(uri)
                .and_then(|d| d.analysis.clone());
            if last.is_some() {
                return last;
            }
        }
        let (text, version) = self.shared.snapshot(uri)?;
        let caps = self.shared.caps();
        let settings = self.shared.settings.for_uri(uri);
        let engine = self.shared.checking_engine();
        let u = uri.clone();
        let a = tokio::task::spawn_blocking(move || {
            analyse(engine, &settings, &u, text, version, caps.unit)
        })
        .await
        .ok()?;
        Some(Arc::new(a))
    }
}

fn client_caps(params: &lsp::InitializeParams) -> Caps {
    let c = &params.capabilities;
    let utf8 = c
        .general
        .as_ref()
        .and_then(|g| g.position_encodings.as_ref())
        .is_some_and(|v| v.contains(&lsp::PositionEncodingKind::UTF8));
    let td = c.text_document.as_ref();
    let pull = td.and_then(|t| t.diagnostic.as_ref()).is_some();
    let markdown_hover = td
        .and_then(|t| t.hover.as_ref())
        .and_then(|h| h.content_format.as_ref())
        .is_none_or(|f| f.contains(&lsp::MarkupKind::Markdown));
    let ws = c.workspace.as_ref();
    let document_changes = ws
        .and_then(|w| w.workspace_edit.as_ref())
        .and_then(|e| e.document_changes)
        .unwrap_or(false);
    let watch_registration = ws
        .and_then(|w| w.did_change_watched_files.as_ref())
        .and_then(|d| d.dynamic_registration)
        .unwrap_or(false);
    let configuration = ws.and_then(|w| w.configuration).unwrap_or(false);
    Caps {
        unit: if utf8 {
            ColumnUnit::Utf8
        } else {
            ColumnUnit::Utf16
        },
        pull,
        document_changes,
        watch_registration,
        markdown_hover,
        configuration,
    }
}

fn to_change(e: lsp::TextDocumentContentChangeEvent) -> Change {
    Change {
        range: e.range.map(|r| {
            (
                Pos {
                    line: r.start.line,
                    col: r.start.character,
                },
                Pos {
                    line: r.end.line,
                    col: r.end.character,
                },
            )
        }),
        text: e.text,
    }
}

impl LanguageServer for Backend {
    async fn initialize(&self, params: lsp::InitializeParams) -> RpcResult<lsp::InitializeResult> {
        let caps = client_caps(&params);
        *lock(&self.shared.caps) = caps;
        if let Some(e) = self
            .shared
            .set_max_size(params.initialization_options.as_ref())
        {
            self.client
                .show_message(lsp::MessageType::WARNING, &e)
                .await;
            log(&self.client, lsp::MessageType::WARNING, e).await;
        }
        let mut roots = Vec::new();
        if let Some(folders) = &params.workspace_folders {
            roots.extend(
                folders
                    .iter()
                    .filter_map(|f| f.uri.to_file_path().map(|p| p.into_owned())),
            );
        }
        self.shared.settings.set_roots(roots);
        if let Some(options) = &params.initialization_options {
            self.shared.settings.set_editor(options);
        }
        let encoding = match caps.unit {
            ColumnUnit::Utf8 => lsp::PositionEncodingKind::UTF8,
            _ => lsp::PositionEncodingKind::UTF16,
        };
        Ok(lsp::InitializeResult {
            capabilities: lsp::ServerCapabilities {
                position_encoding: Some(encoding),
                text_document_sync: Some(lsp::TextDocumentSyncCapability::Options(
                    lsp::TextDocumentSyncOptions {
                        open_close: Some(true),
                        change: Some(lsp::TextDocumentSyncKind::INCREMENTAL),
                        save: Some(lsp::TextDocumentSyncSaveOptions::Supported(true)),
                        ..Default::default()
                    },
                )),
                hover_provider: Some(lsp::HoverProviderCapability::Simple(true)),
                code_action_provider: Some(lsp::CodeActionProviderCapability::Options(
                    lsp::CodeActionOptions {
                        code_action_kinds: Some(vec![
                            lsp::CodeActionKind::QUICKFIX,
                            actions::fix_all_kind(),
                        ]),
                        ..Default::default()
                    },
                )),
                document_symbol_provider: Some(lsp::OneOf::Left(true)),
                inlay_hint_provider: Some(lsp::OneOf::Left(true)),
                diagnostic_provider: Some(lsp::DiagnosticServerCapabilities::Options(
                    lsp::DiagnosticOptions {
                        identifier: Some(convert::SOURCE.to_string()),
                        inter_file_dependencies: false,
                        workspace_diagnostics: false,
                        ..Default::default()
                    },
                )),
                ..Default::default()
            },
            server_info: Some(lsp::ServerInfo {
                name: "gxlint".to_string(),
                version: Some(env!("CARGO_PKG_VERSION").to_string()),
            }),
            offset_encoding: None,
        })
    }

    async fn initialized(&self, _: lsp::InitializedParams) {
        if self.pull_editor_settings().await {
            self.relint_all();
        }
        if self.shared.caps().watch_registration {
            let options = lsp::DidChangeWatchedFilesRegistrationOptions {
                watchers: vec![lsp::FileSystemWatcher {
                    glob_pattern: lsp::GlobPattern::String("**/gxlint.toml".to_string()),
                    kind: None,
                }],
            };
            let reg = lsp::Registration {
                id: "gxlint-config-watcher".to_string(),
                method: "workspace/didChangeWatchedFiles".to_string(),
                register_options: serde_json::to_value(options).ok(),
            };
            if let Err(e) = self.client.register_capability(vec![reg]).await {
                log(
                    &self.client,
                    lsp::MessageType::WARNING,
                    format!("无法注册 gxlint.toml 监视：{e}"),
                )
                .await;
            }
        }
        log(
            &self.client,
            lsp::MessageType::INFO,
            "gxlint 语言服务器已启动",
        )
        .await;
    }

    async fn shutdown(&self) -> RpcResult<()> {
        self.shared.shutdown.store(true, Ordering::SeqCst);
        Ok(())
    }

    async fn did_open(&self, params: lsp::DidOpenTextDocumentParams) {
        let td = params.text_document;
        let limit = self.shared.max_size();
        let doc = if td.text.len() as u64 > limit {
            DocState::refused(td.version)
        } else {
            DocState::new(&td.text, td.version)
        };
        let oversized = doc.oversized;
        lock(&self.shared.docs).insert(td.uri.clone(), doc);
        if oversized {
            self.too_large(&td.uri, td.text.len() as u64).await;
        }
        self.schedule(&td.uri);
    }

    async fn did_change(&self, params: lsp::DidChangeTextDocumentParams) {
        // Applied before any `.await`: changes are handled in arrival order.
        let uri = params.text_document.uri;
        let unit = self.shared.caps().unit;
        let changes: Vec<Change> = params.content_changes.into_iter().map(to_change).collect();
        let limit = self.shared.max_size();
        let mut became_oversized = None;
        let problems = {
            let mut docs = lock(&self.shared.docs);
            match docs.get_mut(&uri) {
                Some(d) => {
                    let was = d.oversized;
                    let size: u64 = match changes.iter().rposition(|c| c.range.is_none()) {
                        Some(i) => changes[i].text.len() as u64,
                        None => d.rope.len_bytes() as u64,
                    };
                    let p = d.apply_limited(&changes, unit, limit);
                    if d.oversized && !was {
                        became_oversized = Some(size.max(limit + 1));
                    }
                    d.version = params.text_document.version;
                    d.generation += 1;
                    Some(p)
                }
                None => None,
            }
        };
        if let Some(size) = became_oversized {
            self.too_large(&uri, size).await;
        }
        match problems {
            None => {
                log(
                    &self.client,
                    lsp::MessageType::WARNING,
                    format!("didChange 的文档未打开，已忽略：{}", uri.as_str()),
                )
                .await;
            }
            Some(problems) => {
                if self.shared.settings.editor().run == settings::Run::OnType {
                    self.schedule(&uri);
                }
                for p in problems {
                    log(
                        &self.client,
                        lsp::MessageType::WARNING,
                        format!("{} 的编辑范围无效：{p}", uri.as_str()),
                    )
                    .await;
                }
            }
        }
    }

    async fn did_save(&self, params: lsp::DidSaveTextDocumentParams) {
        if self.shared.settings.editor().run == settings::Run::OnSave {
            self.schedule(&params.text_document.uri);
        }
    }

    async fn did_close(&self, params: lsp::DidCloseTextDocumentParams) {
        let uri = params.text_document.uri;
        let was_open = lock(&self.shared.docs).remove(&uri).is_some();
        if was_open && !self.shared.caps().pull {
            self.client.publish_diagnostics(uri, Vec::new(), None).await;
        }
    }

    async fn did_change_watched_files(&self, params: lsp::DidChangeWatchedFilesParams) {
        let config_changed = params
            .changes
            .iter()
            .any(|c| c.uri.as_str().ends_with(settings::CONFIG_FILE));
        if config_changed {
            self.shared.settings.clear();
            log(
                &self.client,
                lsp::MessageType::INFO,
                "gxlint.toml 已变更，重新检查打开的文档",
            )
            .await;
            self.relint_all();
        }
    }

    async fn did_change_configuration(&self, params: lsp::DidChangeConfigurationParams) {
        if let Some(e) = self.shared.set_max_size(Some(&params.settings)) {
            self.client
                .show_message(lsp::MessageType::WARNING, &e)
                .await;
            log(&self.client, lsp::MessageType::WARNING, e).await;
        }
        // Settings pushed with the notification, else pulled (`workspace/configuration`).
        if params.settings.get("gxlint").is_some_and(|v| v.is_object()) {
            self.shared.settings.set_editor(&params.settings);
        } else {
            self.pull_editor_settings().await;
        }
        self.shared.settings.clear();
        self.relint_all();
    }

    async fn diagnostic(
        &self,
        params: lsp::DocumentDiagnosticParams,
    ) -> RpcResult<lsp::DocumentDiagnosticReportResult> {
        let items = match self.analysis_now(&params.text_document.uri).await {
            Some(a) => a.published.clone(),
            None => Vec::new(),
        };
        Ok(lsp::DocumentDiagnosticReportResult::Report(
            lsp::DocumentDiagnosticReport::Full(lsp::RelatedFullDocumentDiagnosticReport {
                related_documents: None,
                full_document_diagnostic_report: lsp::FullDocumentDiagnosticReport {
                    result_id: None,
                    items,
                },
            }),
        ))
    }

    async fn code_action(
        &self,
        params: lsp::CodeActionParams,
    ) -> RpcResult<Option<lsp::CodeActionResponse>> {
        Ok(actions::code_actions(&self.shared, params).await)
    }

    async fn hover(&self, params: lsp::HoverParams) -> RpcResult<Option<lsp::Hover>> {
        let uri = params.text_document_position_params.text_document.uri;
        let Some(a) = self.analysis_now(&uri).await else {
            return Ok(None);
        };
        let pos = params.text_document_position_params.position;
        Ok(features::hover(&self.shared, &uri, a, pos).await)
    }

    async fn document_symbol(
        &self,
        params: lsp::DocumentSymbolParams,
    ) -> RpcResult<Option<lsp::DocumentSymbolResponse>> {
        let uri = params.text_document.uri;
        let Some(a) = self.analysis_now(&uri).await else {
            return Ok(None);
        };
        Ok(features::document_symbols(&self.shared, &uri, a).await)
    }

    async fn inlay_hint(
        &self,
        params: lsp::InlayHintParams,
    ) -> RpcResult<Option<Vec<lsp::InlayHint>>> {
        let uri = params.text_document.uri;
        let Some(a) = self.analysis_now(&uri).await else {
            return Ok(None);
        };
        Ok(Some(features::inlay_hints(&self.shared, &a, params.range)))
    }
}
