//! A raw JSON-RPC client speaking LSP framing (`Content-Length` headers) over any byte stream:
//! the protocol tests and the latency example drive the real server through it, in process.

use std::collections::VecDeque;
use std::time::Duration;

use serde_json::{Value, json};
use tokio::io::{AsyncBufReadExt, AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt, BufReader};
use tokio::sync::mpsc;

use super::Engine;

/// `body` framed with its `Content-Length` header.
pub fn frame(body: &str) -> Vec<u8> {
    let mut v = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
    v.extend_from_slice(body.as_bytes());
    v
}

/// Read one framed message; `None` at the end of the stream or on a broken frame.
async fn read_frame<R: AsyncRead + Unpin>(r: &mut BufReader<R>) -> Option<Value> {
    let mut len: Option<usize> = None;
    loop {
        let mut line = String::new();
        if r.read_line(&mut line).await.ok()? == 0 {
            return None;
        }
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some((k, v)) = line.split_once(':') {
            if k.trim().eq_ignore_ascii_case("content-length") {
                len = v.trim().parse().ok();
            }
        }
    }
    let mut body = vec![0u8; len?];
    r.read_exact(&mut body).await.ok()?;
    serde_json::from_slice(&body).ok()
}

pub struct WireClient {
    writer: Box<dyn AsyncWrite + Unpin + Send>,
    incoming: mpsc::UnboundedReceiver<Value>,
    /// Messages received but not yet asked for.
    pub buffered: VecDeque<Value>,
    next_id: i64,
    /// How long a wait lasts before giving up.
    pub timeout: Duration,
    /// Every `publishDiagnostics` received: (uri, version).
    pub published: Vec<(String, Option<i64>)>,
    /// The result to answer a server→client request with, by method (`null` otherwise).
    pub replies: std::collections::HashMap<String, Value>,
}

impl WireClient {
    pub fn new<R, W>(reader: R, writer: W) -> WireClient
    where
        R: AsyncRead + Unpin + Send + 'static,
        W: AsyncWrite + Unpin + Send + 'static,
    {
        let (tx, rx) = mpsc::unbounded_channel();
        tokio::spawn(async move {
            let mut r = BufReader::new(reader);
            while let Some(v) = read_frame(&mut r).await {
                if tx.send(v).is_err() {
                    break;
                }
            }
        });
        WireClient {
            writer: Box::new(writer),
            incoming: rx,
            buffered: VecDeque::new(),
            next_id: 1,
            timeout: Duration::from_secs(20),
            published: Vec::new(),
            replies: std::collections::HashMap::new(),
        }
    }

    /// Send bytes as they are (garbage, broken frames).
    pub async fn send_raw(&mut self, bytes: &[u8]) {
        let _ = self.writer.write_all(bytes).await;
        let _ = self.writer.flush().await;
    }

    pub async fn send(&mut self, msg: &Value) {
        let f = frame(&msg.to_string());
        self.send_raw(&f).await;
    }

    pub async fn notify(&mut self, method: &str, params: Value) {
        self.send(&json!({"jsonrpc": "2.0", "method": method, "params": params}))
            .await;
    }

    /// Send a request and wait for its response (the whole response message).
    pub async fn request(&mut self, method: &str, params: Value) -> Value {
        let id = self.next_id;
        self.next_id += 1;
        self.send(&json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}))
            .await;
        self.response(json!(id)).await
    }

    /// Wait for the response with `id`.
    pub async fn response(&mut self, id: Value) -> Value {
        self.wait_for(|m| m.get("method").is_none() && m.get("id") == Some(&id))
            .await
            .unwrap_or_else(|| panic!("no response to request {id}"))
    }

    /// The next message (buffered first), answering server→client requests (`replies`, else
    /// `null`).
    async fn next_message(&mut self) -> Option<Value> {
        let m = tokio::time::timeout(self.timeout, self.incoming.recv())
            .await
            .ok()??;
        if m.get("method").is_some() && m.get("id").is_some() {
            let result = m["method"]
                .as_str()
                .and_then(|k| self.replies.get(k))
                .cloned()
                .unwrap_or(Value::Null);
            let reply = json!({"jsonrpc": "2.0", "id": m["id"], "result": result});
            self.send(&reply).await;
        }
        if m["method"] == "textDocument/publishDiagnostics" {
            let uri = m["params"]["uri"].as_str().unwrap_or_default().to_string();
            self.published.push((uri, m["params"]["version"].as_i64()));
        }
        Some(m)
    }

    /// Wait for the first message matching `pred` (buffered ones first); others are kept.
    pub async fn wait_for(&mut self, pred: impl Fn(&Value) -> bool) -> Option<Value> {
        if let Some(i) = self.buffered.iter().position(&pred) {
            return self.buffered.remove(i);
        }
        loop {
            let m = self.next_message().await?;
            if pred(&m) {
                return Some(m);
            }
            self.buffered.push_back(m);
        }
    }

    /// Wait for a notification `method`.
    pub async fn notification(&mut self, method: &str) -> Option<Value> {
        self.wait_for(|m| m["method"] == method && m.get("id").is_none())
            .await
    }

    /// Wait for the `publishDiagnostics` of `uri` at `version`, dropping older ones of `uri`.
    pub async fn diagnostics(&mut self, uri: &str, version: i64) -> Option<Value> {
        self.buffered.retain(|m| {
            !(m["method"] == "textDocument/publishDiagnostics"
                && m["params"]["uri"] == uri
                && m["params"]["version"].as_i64().is_some_and(|v| v < version))
        });
        let m = self
            .wait_for(|m| {
                m["method"] == "textDocument/publishDiagnostics"
                    && m["params"]["uri"] == uri
                    && m["params"]["version"].as_i64() == Some(version)
            })
            .await?;
        Some(m["params"]["diagnostics"].clone())
    }

    /// `initialize` with the given client capabilities, then `initialized`.
    pub async fn initialize(&mut self, capabilities: Value) -> Value {
        let r = self
            .request(
                "initialize",
                json!({"processId": null, "rootUri": null, "capabilities": capabilities}),
            )
            .await;
        self.notify("initialized", json!({})).await;
        r
    }

    /// `shutdown` then `exit`.
    pub async fn shutdown(&mut self) -> Value {
        let r = self.request("shutdown", Value::Null).await;
        self.notify("exit", Value::Null).await;
        r
    }
}

/// The real server on an in-memory pipe: the client and the server task (its result says
/// whether `shutdown` came before `exit`).
pub fn in_memory(engine: Engine) -> (WireClient, tokio::task::JoinHandle<bool>) {
    let (client_io, server_io) = tokio::io::duplex(1 << 20);
    let (sr, sw) = tokio::io::split(server_io);
    let server = tokio::spawn(super::serve(sr, sw, engine));
    let (cr, cw) = tokio::io::split(client_io);
    (WireClient::new(cr, cw), server)
}
