//! A guard in front of tower-lsp-server's transport: its decoder ends the whole session at the
//! first frame that is not JSON-RPC (tokio-util's `FramedRead` stops after a decode error).
//! Here every frame is read and checked first; a bad one is answered with a JSON-RPC error
//! (`-32700` parse error, `-32600` invalid request) and the session goes on. Valid frames are
//! passed on unchanged, in order; all output goes through one writer, frame by frame.

use serde_json::{Value, json};
use tokio::io::{AsyncBufReadExt, AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt, BufReader};
use tokio::sync::mpsc;
use tower_lsp_server::jsonrpc::{Request, Response};

/// Largest body accepted (a 500 KB report is far below).
const MAX_BODY: usize = 64 << 20;

pub enum Frame {
    Body(Vec<u8>),
    /// Headers without a usable `Content-Length` (the bytes were skipped).
    BadHeader,
}

fn header_frame(body: &[u8]) -> Vec<u8> {
    let mut v = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
    v.extend_from_slice(body);
    v
}

/// Read one frame; `None` at the end of the input.
pub async fn read_frame<R: AsyncRead + Unpin>(r: &mut BufReader<R>) -> Option<Frame> {
    let mut len: Option<usize> = None;
    let mut saw_header = false;
    loop {
        let mut line = Vec::new();
        if r.read_until(b'\n', &mut line).await.ok()? == 0 {
            return None;
        }
        let text = String::from_utf8_lossy(&line);
        let text = text.trim();
        if text.is_empty() {
            if saw_header {
                break;
            }
            continue; // stray blank line between frames
        }
        saw_header = true;
        if let Some((k, v)) = text.split_once(':') {
            if k.trim().eq_ignore_ascii_case("content-length") {
                len = v.trim().parse().ok();
            }
        }
    }
    match len {
        Some(n) if n <= MAX_BODY => {
            let mut body = vec![0u8; n];
            r.read_exact(&mut body).await.ok()?;
            Some(Frame::Body(body))
        }
        _ => Some(Frame::BadHeader),
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

/// Pass valid frames from `input` to `to_server`; answer bad ones through `out`.
pub async fn pump_input<I, W>(input: I, mut to_server: W, out: mpsc::UnboundedSender<Vec<u8>>)
where
    I: AsyncRead + Unpin,
    W: AsyncWrite + Unpin,
{
    let mut r = BufReader::new(input);
    while let Some(frame) = read_frame(&mut r).await {
        match frame {
            Frame::Body(body) => match check(&body) {
                None => {
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
            Frame::BadHeader => {
                eprintln!("gxlint lsp: 消息头缺少 Content-Length，已跳过");
                let err = json!({"jsonrpc": "2.0", "id": null,
                    "error": {"code": -32700, "message": "Parse error: 缺少 Content-Length"}});
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
    let mut r = BufReader::new(from_server);
    while let Some(frame) = read_frame(&mut r).await {
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
