//! `gxlint lsp` as a process: only protocol frames on stdout, clean shutdown/exit (code 0),
//! exit without shutdown gives a non-zero code.

use std::io::{BufRead, Write};
use std::process::{Command, Stdio};

use gxlint::lsp::wire::frame;

/// Send `messages`; before each message given as `(Some(id), _)`, wait until the response
/// with that id has come (as a client waits for the `shutdown` answer before `exit`).
fn run(messages: &[(Option<i64>, &str)]) -> (std::process::ExitStatus, Vec<serde_json::Value>) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_gxlint"))
        .arg("lsp")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let mut stdout = std::io::BufReader::new(child.stdout.take().unwrap());
    let mut got = Vec::new();
    for (wait, m) in messages {
        if let Some(id) = wait {
            while !got.iter().any(|v: &serde_json::Value| v["id"] == *id) {
                got.push(read_frame(&mut stdout).expect("a frame before the end"));
            }
        }
        stdin.write_all(&frame(m)).unwrap();
        stdin.flush().unwrap();
    }
    // stdin stays open: the server must stop on `exit` by itself
    while let Some(v) = read_frame(&mut stdout) {
        got.push(v);
    }
    let status = child.wait().unwrap();
    drop(stdin);
    (status, got)
}

/// One frame from stdout; panics on anything that is not a frame, `None` at the end.
fn read_frame(r: &mut impl BufRead) -> Option<serde_json::Value> {
    let mut line = String::new();
    if r.read_line(&mut line).unwrap() == 0 {
        return None;
    }
    let len: usize = line
        .strip_prefix("Content-Length: ")
        .unwrap_or_else(|| panic!("not a header: {line:?}"))
        .trim()
        .parse()
        .unwrap();
    let mut blank = String::new();
    r.read_line(&mut blank).unwrap();
    assert_eq!(blank, "\r\n");
    let mut body = vec![0; len];
    r.read_exact(&mut body).unwrap();
    Some(serde_json::from_slice(&body).expect("JSON body"))
}

const INIT: &str = r#"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"capabilities":{}}}"#;
const OPEN: &str = r#"{"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":"file:///tmp/x.md","languageId":"markdown","version":1,"text":"扫一扫在手机打开当前页"}}}"#;

#[test]
fn clean_session_over_stdio() {
    let (status, msgs) = run(&[
        (None, INIT),
        (
            Some(1),
            r#"{"jsonrpc":"2.0","method":"initialized","params":{}}"#,
        ),
        (None, OPEN),
        (None, r#"{"jsonrpc":"2.0","id":2,"method":"shutdown"}"#),
        (Some(2), r#"{"jsonrpc":"2.0","method":"exit"}"#),
    ]);
    assert_eq!(status.code(), Some(0));
    assert!(
        msgs.iter()
            .any(|m| m["id"] == 1 && m["result"]["capabilities"].is_object())
    );
    assert!(msgs.iter().any(|m| m["id"] == 2 && m["result"].is_null()));
}

#[test]
fn exit_without_shutdown_fails() {
    let (status, msgs) = run(&[
        (None, INIT),
        (Some(1), r#"{"jsonrpc":"2.0","method":"exit"}"#),
    ]);
    assert_eq!(
        status.code(),
        Some(1),
        "LSP: exit without shutdown is exit code 1"
    );
    assert!(msgs.iter().any(|m| m["id"] == 1));
}

/// The input closed without `exit` (the client died): exit code 1, as LSP asks.
#[test]
fn stdin_closed_without_exit_gives_1() {
    for shutdown in [false, true] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_gxlint"))
            .arg("lsp")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let mut stdin = child.stdin.take().unwrap();
        let mut stdout = std::io::BufReader::new(child.stdout.take().unwrap());
        stdin.write_all(&frame(INIT)).unwrap();
        if shutdown {
            stdin
                .write_all(&frame(r#"{"jsonrpc":"2.0","id":2,"method":"shutdown"}"#))
                .unwrap();
        }
        stdin.flush().unwrap();
        let want = if shutdown { 2 } else { 1 };
        while read_frame(&mut stdout).is_some_and(|v| v["id"] != want) {}
        drop(stdin);
        while read_frame(&mut stdout).is_some() {}
        let status = child.wait().unwrap();
        assert_eq!(status.code(), Some(1), "shutdown={shutdown}");
    }
}

/// Send `bytes` as they are, then `shutdown` (id 99) and `exit`; every frame received.
fn run_raw(bytes: &[u8]) -> (std::process::ExitStatus, Vec<serde_json::Value>) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_gxlint"))
        .arg("lsp")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let mut stdout = std::io::BufReader::new(child.stdout.take().unwrap());
    stdin.write_all(&frame(INIT)).unwrap();
    stdin.flush().unwrap();
    let init = read_frame(&mut stdout).expect("the initialize answer");
    assert_eq!(init["id"], 1);
    stdin
        .write_all(&frame(
            r#"{"jsonrpc":"2.0","method":"initialized","params":{}}"#,
        ))
        .unwrap();
    stdin.write_all(bytes).unwrap();
    stdin
        .write_all(&frame(r#"{"jsonrpc":"2.0","id":99,"method":"shutdown"}"#))
        .unwrap();
    stdin.flush().unwrap();
    let mut got = vec![init];
    // A server that lost the shutdown request never answers: give up after a while.
    let (tx, rx) = std::sync::mpsc::channel();
    let reader = std::thread::spawn(move || {
        while let Some(v) = read_frame(&mut stdout) {
            let done = v["id"] == 99;
            tx.send(v).unwrap();
            if done {
                break;
            }
        }
        stdout
    });
    while let Ok(v) = rx.recv_timeout(std::time::Duration::from_secs(20)) {
        let done = v["id"] == 99;
        got.push(v);
        if done {
            break;
        }
    }
    if !got.iter().any(|v| v["id"] == 99) {
        let _ = child.kill();
        let _ = child.wait();
        return (child.wait().unwrap(), got);
    }
    let mut stdout = reader.join().unwrap();
    stdin
        .write_all(&frame(r#"{"jsonrpc":"2.0","method":"exit"}"#))
        .unwrap();
    stdin.flush().unwrap();
    while let Some(v) = read_frame(&mut stdout) {
        got.push(v);
    }
    (child.wait().unwrap(), got)
}

fn hover(id: i64) -> String {
    format!(
        r#"{{"jsonrpc":"2.0","id":{id},"method":"textDocument/hover","params":{{"textDocument":{{"uri":"file:///tmp/none.md"}},"position":{{"line":0,"character":0}}}}}}"#
    )
}

/// A frame whose `Content-Length` is `header` (a number or anything else), then its body.
fn bad_frame(header: &str, body: &str) -> Vec<u8> {
    let mut v = format!("Content-Length: {header}\r\n\r\n").into_bytes();
    v.extend_from_slice(body.as_bytes());
    v
}

/// After one malformed frame the next valid requests are all answered (only that frame is
/// lost), and the session ends cleanly.
#[test]
fn a_malformed_frame_loses_only_itself() {
    let body = hover(10);
    let cases = [
        ("abc".to_string(), "Content-Length: abc"),
        ((body.len() - 10).to_string(), "10 bytes short"),
        ((body.len() + 10).to_string(), "10 bytes long"),
        (String::new(), "empty Content-Length"),
        ("-5".to_string(), "negative"),
        ("99999999999999".to_string(), "huge"),
    ];
    for (header, what) in cases {
        let mut bytes = bad_frame(&header, &body);
        for id in 2..=4 {
            bytes.extend(frame(&hover(id)));
        }
        let (status, msgs) = run_raw(&bytes);
        for id in [1, 2, 3, 4, 99] {
            assert!(
                msgs.iter()
                    .any(|m| m["id"] == id && m.get("error").is_none()),
                "{what}: request {id} not answered: {msgs:?}"
            );
        }
        let errors = msgs.iter().filter(|m| m.get("error").is_some()).count();
        assert!(errors <= 1, "{what}: one error at most: {msgs:?}");
        assert_eq!(status.code(), Some(0), "{what}");
    }
}

/// Garbage between frames (a stray body, text without a header) is skipped too.
#[test]
fn garbage_between_frames_is_skipped() {
    let mut bytes = b"}}} garbage without a header\r\n\r\n".to_vec();
    bytes.extend(frame(&hover(2)));
    bytes.extend(b"xyz");
    bytes.extend(frame(&hover(3)));
    bytes.extend(bad_frame("12", "{\"short\":"));
    bytes.extend(frame(&hover(4)));
    let (status, msgs) = run_raw(&bytes);
    for id in [2, 3, 4, 99] {
        assert!(
            msgs.iter().any(|m| m["id"] == id),
            "request {id} not answered: {msgs:?}"
        );
    }
    assert_eq!(status.code(), Some(0));
}
