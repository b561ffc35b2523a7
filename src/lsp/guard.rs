//! A guard in front of tower-lsp-server's transport: its decoder ends the whole session at the
//! first frame that is not JSON-RPC (tokio-util's `FramedRead` stops after a decode error).
//! Here every frame is read and checked first; a bad one is answered with a JSON-RPC error
//! (`-32700` parse error, `-32600` invalid request) and the session goes on. Valid frames are
//! passed on unchanged, in order; all output goes through one writer, frame by frame.
//!
//! A malformed frame loses only itself. After a header without a usable `Content-Length`
//! (`abc`, empty, too large), or a body that is not JSON (the length was short or long), the
//! reader resynchronises on the next `Content-Length:` in the bytes it kept, even inside the
//! bad body: a valid JSON body never holds a raw `Content-Length: N` line (a JSON string cannot
//! contain a raw line break). One error answers a run of bad bytes. While a body is still
//! incomplete, a complete `Content-Length: N` header line inside it proves the length was too
//! long: the reader stops waiting, so a client that waits for an answer is not deadlocked.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use serde_json::{Value, json};
use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt};
use tokio::sync::mpsc;
use tower_lsp_server::jsonrpc::{Request, Response};

/// Largest body accepted by default: twice the default document limit (a document's JSON
/// escaping), raised when a larger document limit is configured (see [`body_limit_for`]).
pub const DEFAULT_MAX_BODY: usize = 2 * crate::files::DEFAULT_MAX_SIZE as usize;

/// The frame limit for a document limit of `max_size` bytes.
pub fn body_limit_for(max_size: u64) -> usize {
    (max_size as usize).saturating_mul(2).max(DEFAULT_MAX_BODY)
}

/// A header block longer than this is not a header.
const MAX_HEADER: usize = 4096;

const NAME: &[u8] = b"content-length:";

pub enum Frame {
    /// A JSON body (not yet checked to be JSON-RPC).
    Body(Vec<u8>),
    /// Bytes that are not a frame were skipped (the reason, for the error answer).
    Bad(&'static str),
}

fn header_frame(body: &[u8]) -> Vec<u8> {
    let mut v = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
    v.extend_from_slice(body);
    v
}

/// The offset of the first `Content-Length:` (any case) in `hay`.
fn find_name(hay: &[u8]) -> Option<usize> {
    let mut at = 0;
    while let Some(i) = memchr::memchr2(b'c', b'C', &hay[at..]) {
        let i = at + i;
        if hay.len() - i < NAME.len() {
            return None;
        }
        if hay[i..i + NAME.len()].eq_ignore_ascii_case(NAME) {
            return Some(i);
        }
        at = i + 1;
    }
    None
}

/// Whether `hay` holds a complete `Content-Length: N` line (never inside a valid JSON body).
fn has_header_line(hay: &[u8]) -> bool {
    let mut at = 0;
    while let Some(i) = find_name(&hay[at..]) {
        let rest = &hay[at + i + NAME.len()..];
        let rest = &rest[rest
            .iter()
            .take_while(|b| **b == b' ' || **b == b'\t')
            .count()..];
        let digits = rest.iter().take_while(|b| b.is_ascii_digit()).count();
        let after = &rest[digits..];
        if digits > 0 && (after.starts_with(b"\r\n") || after.starts_with(b"\n")) {
            return true;
        }
        at += i + 1;
    }
    false
}

/// The length of the header block at the start of `b` (through its blank line), if complete.
fn header_end(b: &[u8]) -> Option<usize> {
    let mut at = 0;
    while let Some(i) = memchr::memchr(b'\n', &b[at..]) {
        let nl = at + i;
        let rest = &b[nl + 1..];
        if rest.starts_with(b"\n") {
            return Some(nl + 2);
        }
        if rest.starts_with(b"\r\n") {
            return Some(nl + 3);
        }
        at = nl + 1;
    }
    None
}

/// The `Content-Length` of a header block: every line must be `Name: value`.
fn parse_header(block: &[u8]) -> Result<usize, &'static str> {
    let mut len = None;
    for line in block.split(|b| *b == b'\n') {
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        if line.is_empty() {
            continue;
        }
        let Some(colon) = memchr::memchr(b':', line) else {
            return Err("消息头无效");
        };
        let name = &line[..colon];
        if name.is_empty()
            || !name
                .iter()
                .all(|b| b.is_ascii_alphanumeric() || *b == b'-' || *b == b'_')
        {
            return Err("消息头无效");
        }
        if name.eq_ignore_ascii_case(&NAME[..NAME.len() - 1]) {
            let v = std::str::from_utf8(&line[colon + 1..]).unwrap_or("").trim();
            len = Some(v.parse::<usize>().map_err(|_| "Content-Length 无效")?);
        }
    }
    len.ok_or("缺少 Content-Length")
}

/// Reads frames from a byte stream, resynchronising after bad ones (see the module doc).
pub struct FrameReader<R> {
    input: R,
    buf: Vec<u8>,
    /// The next byte to look at in `buf`.
    pos: usize,
    /// Looking for the next `Content-Length:` after bad bytes.
    resync: bool,
    /// Bad bytes were reported since the last good frame (one error per run of bad bytes).
    reported: bool,
    /// Largest body accepted.
    pub max_body: Arc<AtomicUsize>,
}

impl<R: AsyncRead + Unpin> FrameReader<R> {
    pub fn new(input: R) -> Self {
        FrameReader {
            input,
            buf: Vec::new(),
            pos: 0,
            resync: false,
            reported: false,
            max_body: Arc::new(AtomicUsize::new(DEFAULT_MAX_BODY)),
        }
    }

    /// Read more bytes; `false` at the end of the input (or on a read error).
    async fn fill(&mut self) -> bool {
        let mut chunk = [0u8; 1 << 16];
        match self.input.read(&mut chunk).await {
            Ok(0) | Err(_) => false,
            Ok(n) => {
                self.buf.extend_from_slice(&chunk[..n]);
                true
            }
        }
    }

    /// Drop the bytes before `pos` once they are at least half of the buffer.
    fn compact(&mut self) {
        if self.pos > 0 && self.pos * 2 >= self.buf.len() {
            self.buf.drain(..self.pos);
            self.pos = 0;
        }
    }

    /// Bad bytes starting at `start`: look for the next header after them.
    fn bad(&mut self, start: usize, why: &'static str) -> Option<Frame> {
        self.pos = start + 1;
        self.resync = true;
        if self.reported {
            return None;
        }
        self.reported = true;
        Some(Frame::Bad(why))
    }

    /// The next frame; `None` at the end of the input.
    pub async fn next_frame(&mut self) -> Option<Frame> {
        loop {
            self.compact();
            if self.resync {
                match find_name(&self.buf[self.pos..]) {
                    Some(i) => {
                        self.pos += i;
                        self.resync = false;
                    }
                    None => {
                        // Keep only what could be the start of a header name.
                        self.pos = self.buf.len().saturating_sub(NAME.len()).max(self.pos);
                        if !self.fill().await {
                            return None;
                        }
                        continue;
                    }
                }
            }
            while self.pos < self.buf.len() && self.buf[self.pos].is_ascii_whitespace() {
                self.pos += 1;
            }
            if self.pos == self.buf.len() {
                if !self.fill().await {
                    return None;
                }
                continue;
            }
            let start = self.pos;
            let Some(hlen) = header_end(&self.buf[start..]) else {
                if self.buf.len() - start > MAX_HEADER {
                    if let Some(f) = self.bad(start, "消息头无效") {
                        return Some(f);
                    }
                } else if !self.fill().await {
                    return None;
                }
                continue;
            };
            if hlen > MAX_HEADER {
                if let Some(f) = self.bad(start, "消息头无效") {
                    return Some(f);
                }
                continue;
            }
            let n = match parse_header(&self.buf[start..start + hlen]) {
                Ok(n) if n > self.max_body.load(Ordering::Relaxed) => Err("消息过大"),
                r => r,
            };
            let n = match n {
                Ok(n) => n,
                Err(why) => {
                    if let Some(f) = self.bad(start, why) {
                        return Some(f);
                    }
                    continue;
                }
            };
            let body_start = start + hlen;
            let mut scanned = body_start;
            let mut too_long = false;
            while self.buf.len() < body_start + n {
                // Waiting for more: a whole header line inside means the length was too long.
                let from = scanned.saturating_sub(NAME.len() + 24).max(body_start);
                if has_header_line(&self.buf[from..]) {
                    too_long = true;
                    break;
                }
                scanned = self.buf.len();
                if !self.fill().await {
                    return None;
                }
            }
            let body = &self.buf[body_start..(body_start + n).min(self.buf.len())];
            if too_long || serde_json::from_slice::<serde::de::IgnoredAny>(body).is_err() {
                if let Some(f) = self.bad(start, "消息不是合法的 JSON") {
                    return Some(f);
                }
                continue;
            }
            let body = body.to_vec();
            self.pos = body_start + n;
            self.reported = false;
            return Some(Frame::Body(body));
        }
    }
}

/// The error answer for a body tower-lsp could not take, or `None` when it is fine.
fn check(body: &[u8]) -> Option<Value> {
    let value: Value = match serde_json::from_slice(body) {
        Ok(v) => v,
        Err(_) => {
            return Some(json!({"jsonrpc": "2.0", "id": null,
                "error": {"code": -32700, "message": "Parse error: 消息不是合法的 JSON"}}));
        }
    };
    let ok = serde_json::from_value::<Response>(value.clone()).is_ok()
        || serde_json::from_value::<Request>(value.clone()).is_ok();
    if ok {
        return None;
    }
    let id = match value.get("id") {
        Some(v @ (Value::Number(_) | Value::String(_))) => v.clone(),
        _ => Value::Null,
    };
    Some(json!({"jsonrpc": "2.0", "id": id,
        "error": {"code": -32600, "message": "Invalid request: 不是合法的 JSON-RPC 消息"}}))
}

/// Whether a (valid) body is the `exit` notification.
fn is_exit(body: &[u8]) -> bool {
    // `{"jsonrpc":"2.0","method":"exit"}` is short: do not parse large bodies again.
    body.len() < 512
        && memchr::memmem::find(body, b"exit").is_some()
        && serde_json::from_slice::<Value>(body).is_ok_and(|v| v["method"] == "exit")
}

/// Pass valid frames from `input` to `to_server`; answer bad ones through `out`.
pub async fn pump_input<I, W>(
    input: I,
    mut to_server: W,
    out: mpsc::UnboundedSender<Vec<u8>>,
    max_body: Arc<AtomicUsize>,
    exit_seen: Arc<AtomicBool>,
) where
    I: AsyncRead + Unpin,
    W: AsyncWrite + Unpin,
{
    let mut r = FrameReader::new(input);
    r.max_body = max_body;
    while let Some(frame) = r.next_frame().await {
        match frame {
            Frame::Body(body) => match check(&body) {
                None => {
                    if is_exit(&body) {
                        exit_seen.store(true, Ordering::SeqCst);
                    }
                    if to_server.write_all(&header_frame(&body)).await.is_err() {
                        break;
                    }
                    let _ = to_server.flush().await;
                }
                Some(err) => {
                    eprintln!("gxlint lsp: 收到无法解析的消息，已回复错误");
                    let _ = out.send(header_frame(err.to_string().as_bytes()));
                }
            },
            Frame::Bad(why) => {
                eprintln!("gxlint lsp: 消息格式错误（{why}），已跳到下一个消息头");
                let err = json!({"jsonrpc": "2.0", "id": null,
                    "error": {"code": -32700, "message": format!("Parse error: {why}")}});
                let _ = out.send(header_frame(err.to_string().as_bytes()));
            }
        }
    }
    // End of input: closing `to_server` ends the session.
    let _ = to_server.shutdown().await;
}

/// Copy the server's frames into `out`, whole.
pub async fn pump_server_output<R: AsyncRead + Unpin>(
    from_server: R,
    out: mpsc::UnboundedSender<Vec<u8>>,
) {
    let mut r = FrameReader::new(from_server);
    r.max_body.store(usize::MAX, Ordering::Relaxed);
    while let Some(frame) = r.next_frame().await {
        if let Frame::Body(body) = frame {
            if out.send(header_frame(&body)).is_err() {
                break;
            }
        }
    }
}

/// Write every frame to `output` until all senders are gone.
pub async fn write_all<O: AsyncWrite + Unpin>(
    mut output: O,
    mut rx: mpsc::UnboundedReceiver<Vec<u8>>,
) {
    while let Some(f) = rx.recv().await {
        if output.write_all(&f).await.is_err() {
            break;
        }
        if rx.is_empty() {
            let _ = output.flush().await;
        }
    }
    let _ = output.flush().await;
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The frames read from `bytes`: bodies as text, bad runs as `!`.
    fn frames(bytes: &[u8]) -> Vec<String> {
        let rt = tokio::runtime::Builder::new_current_thread()
            .build()
            .unwrap();
        rt.block_on(async {
            let mut r = FrameReader::new(bytes);
            let mut out = Vec::new();
            while let Some(f) = r.next_frame().await {
                out.push(match f {
                    Frame::Body(b) => String::from_utf8(b).unwrap(),
                    Frame::Bad(_) => "!".to_string(),
                });
            }
            out
        })
    }

    fn framed(len: &str, body: &str) -> Vec<u8> {
        format!("Content-Length: {len}\r\n\r\n{body}").into_bytes()
    }

    #[test]
    fn resynchronises() {
        let a = r#"{"id":1,"method":"a"}"#;
        let b = r#"{"id":2,"method":"b"}"#;
        let good = header_frame(b.as_bytes());
        for len in [
            "abc".to_string(),
            String::new(),
            (a.len() - 10).to_string(),
            (a.len() + 10).to_string(),
            (a.len() + 1000).to_string(),
            "99999999999999999999".to_string(),
        ] {
            let mut bytes = framed(&len, a);
            bytes.extend(&good);
            bytes.extend(&good);
            assert_eq!(frames(&bytes), ["!", b, b], "Content-Length: {len}");
        }
        let mut bytes = b"junk\r\n\r\nmore junk".to_vec();
        bytes.extend(&good);
        bytes.extend(b"}}");
        bytes.extend(&good);
        assert_eq!(frames(&bytes), ["!", b, "!", b]);
        // Headers in any case, other headers, `\n` line ends.
        let bytes = format!(
            "content-length: {}\r\nContent-Type: x\r\n\r\n{b}Content-Length: {}\n\n{b}",
            b.len(),
            b.len()
        );
        assert_eq!(frames(bytes.as_bytes()), [b, b]);
    }

    #[test]
    fn checks() {
        assert!(check(br#"{"jsonrpc":"2.0","id":1,"method":"x"}"#).is_none());
        assert!(check(br#"{"jsonrpc":"2.0","method":"x"}"#).is_none());
        assert!(check(br#"{"jsonrpc":"2.0","id":1,"result":null}"#).is_none());
        assert_eq!(check(b"{oops").unwrap()["error"]["code"], -32700);
        let e = check(br#"{"id":7,"method":"x"}"#).unwrap();
        assert_eq!(
            (e["id"].clone(), e["error"]["code"].clone()),
            (json!(7), json!(-32600))
        );
        assert_eq!(check(b"[1,2]").unwrap()["error"]["code"], -32600);
    }
}
