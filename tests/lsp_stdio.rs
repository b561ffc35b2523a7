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
    assert!(status.success());
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
    assert!(!status.success());
    assert!(msgs.iter().any(|m| m["id"] == 1));
}
