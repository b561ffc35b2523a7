//! The CLI in Chinese and its small conveniences: help texts (snapshots under
//! tests/snapshots/), clap's errors, `lsp --stdio`, `new --year 2018`, shell completions.
//! Regenerate the snapshots with `INSTA_UPDATE=always cargo test --test cli_zh`.

use std::process::{Command, Output, Stdio};

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_gxlint"))
        .args(args)
        .stdin(Stdio::null())
        .env("NO_COLOR", "1")
        .output()
        .expect("run gxlint")
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("UTF-8 stdout")
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).expect("UTF-8 stderr")
}

const SUBCOMMANDS: &[&str] = &[
    "check",
    "convert",
    "review",
    "rules",
    "explain",
    "lsp",
    "new",
    "docs",
    "completions",
];

/// English that clap writes on its own and that must not reach the user.
const ENGLISH: &[&str] = &[
    "Usage:",
    "Options:",
    "Commands:",
    "Arguments:",
    "Print help",
    "Print version",
    "[default:",
    "[possible values:",
    "error:",
    "For more information",
    "tip:",
];

fn assert_chinese(text: &str) {
    for e in ENGLISH {
        assert!(!text.contains(e), "English “{e}” in:\n{text}");
    }
}

#[test]
fn help_of_every_subcommand_is_chinese() {
    let top = run(&["--help"]);
    assert_eq!(top.status.code(), Some(0));
    let top = stdout(&top);
    assert_chinese(&top);
    assert!(top.contains("用法：gxlint <COMMAND>") && top.contains("命令:"));
    insta::assert_snapshot!("help", top);
    for sub in SUBCOMMANDS {
        let o = run(&[sub, "--help"]);
        assert_eq!(o.status.code(), Some(0), "{sub} --help");
        let text = stdout(&o);
        assert_chinese(&text);
        assert!(text.contains("用法："), "{text}");
        assert!(
            text.contains("-h, --help") && text.contains("打印帮助"),
            "{text}"
        );
        // `gxlint help SUB` prints the same help.
        if *sub != "help" {
            assert_eq!(stdout(&run(&["help", sub])), text, "help {sub}");
        }
        insta::assert_snapshot!(format!("help_{sub}"), text);
    }
    let help = stdout(&run(&["help", "help"]));
    assert_chinese(&help);
    insta::assert_snapshot!("help_help", help);
    // The short help shares the texts.
    assert_chinese(&stdout(&run(&["check", "-h"])));
}

#[test]
fn clap_errors_are_chinese_with_exit_2() {
    let cases: &[(&[&str], &str)] = &[
        (&["check", "--bogus"], "不认识的参数“--bogus”"),
        (&["chek"], "不认识的子命令“chek”"),
        (
            &["rules", "--format", "xml"],
            "“--format <FORMAT>”的值“xml”无效",
        ),
        (&["new"], "缺少必需的参数：--year <YEAR>"),
        (&["new", "--year"], "“--year <YEAR>”需要一个值"),
        (&["new", "--year", "abc"], "“--year <YEAR>”的值“abc”无效"),
        (
            &["check", "--max-size", "lots"],
            "“--max-size <SIZE>”的值“lots”无效",
        ),
    ];
    for (args, want) in cases {
        let o = run(args);
        let err = stderr(&o);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {err}");
        assert!(err.starts_with("错误："), "{args:?}: {err}");
        assert!(err.contains(want), "{args:?}: want {want} in {err}");
        assert!(err.contains("更多信息请用“--help”。"), "{err}");
        assert_chinese(&err);
        assert!(o.stdout.is_empty());
    }
    // No subcommand: the help, on standard error, exit 2.
    let o = run(&[]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("用法：gxlint <COMMAND>"));
    assert_chinese(&stderr(&o));
    // A near miss is suggested.
    let err = stderr(&run(&["chek"]));
    assert!(err.contains("提示：有相近的子命令“check”"), "{err}");
    let err = stderr(&run(&["check", "--fixx"]));
    assert!(err.contains("提示：有相近的参数“--fix”"), "{err}");
}

#[test]
fn version_is_printed() {
    let o = run(&["--version"]);
    assert_eq!(o.status.code(), Some(0));
    assert!(stdout(&o).starts_with("gxlint 0."), "{}", stdout(&o));
}

#[test]
fn lsp_accepts_stdio() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_gxlint"))
        .args(["lsp", "--stdio"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    use std::io::{Read, Write};
    let mut stdin = child.stdin.take().expect("stdin");
    let mut send = |body: &str| {
        write!(stdin, "Content-Length: {}\r\n\r\n{body}", body.len()).expect("write");
        stdin.flush().expect("flush");
    };
    let mut out = child.stdout.take().expect("stdout");
    let mut seen = Vec::new();
    let mut wait_for = |id: &str, seen: &mut Vec<u8>| {
        let mut buf = [0u8; 4096];
        while !String::from_utf8_lossy(seen).contains(&format!(r#""id":{id}"#)) {
            let n = out.read(&mut buf).expect("read");
            assert!(n > 0, "server closed: {}", String::from_utf8_lossy(seen));
            seen.extend_from_slice(&buf[..n]);
        }
    };
    send(r#"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"capabilities":{}}}"#);
    wait_for("1", &mut seen);
    send(r#"{"jsonrpc":"2.0","method":"initialized","params":{}}"#);
    send(r#"{"jsonrpc":"2.0","id":2,"method":"shutdown"}"#);
    wait_for("2", &mut seen);
    send(r#"{"jsonrpc":"2.0","method":"exit"}"#);
    assert!(String::from_utf8_lossy(&seen).contains("\"capabilities\""));
    // stdin stays open: the server stops on `exit` by itself.
    let status = child.wait().expect("wait");
    drop(stdin);
    let mut err = String::new();
    child
        .stderr
        .take()
        .expect("stderr")
        .read_to_string(&mut err)
        .expect("stderr");
    assert_eq!(status.code(), Some(0), "{err}");
}

#[test]
fn new_refuses_a_year_without_national_format_unless_forced() {
    let o = run(&["new", "--year", "2018"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(o.stdout.is_empty());
    let err = stderr(&o);
    assert!(
        err.starts_with("错误：2018年没有全国统一的年度报告格式"),
        "{err}"
    );
    assert!(
        err.contains("国务院令第492号") && err.contains("--force"),
        "{err}"
    );

    let o = run(&["new", "--year", "2018", "--force"]);
    assert_eq!(o.status.code(), Some(0));
    let text = stdout(&o);
    assert!(
        text.starts_with("<!-- 注：") && text.contains("# XX单位2018年"),
        "{text}"
    );

    let err = stderr(&run(&["new", "--year", "2006"]));
    assert!(err.contains("2008年5月1日起施行"), "{err}");

    let o = run(&["new", "--year", "2019"]);
    assert_eq!(o.status.code(), Some(0));
    assert!(stdout(&o).contains("国办公开办函〔2019〕60号"));
}

#[test]
fn completions_for_every_shell() {
    for shell in ["bash", "zsh", "fish", "powershell"] {
        let o = run(&["completions", shell]);
        assert_eq!(o.status.code(), Some(0), "{shell}");
        let script = stdout(&o);
        for word in ["check", "explain", "fail-on", "stdin-filename"] {
            assert!(script.contains(word), "{shell}: {word}");
        }
    }
    let script = run(&["completions", "bash"]).stdout;
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("gxlint.bash");
    std::fs::write(&path, &script).expect("write");
    let o = Command::new("bash")
        .arg("-n")
        .arg(&path)
        .output()
        .expect("bash");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(String::from_utf8_lossy(&script).contains("complete -F _gxlint"));
    let err = stderr(&run(&["completions", "tcsh"]));
    assert!(
        err.contains("[可选值：bash、elvish、fish、powershell、zsh]"),
        "{err}"
    );
}

#[test]
fn configuration_errors_are_chinese() {
    let cases = [
        (
            "yeer = 2021\n",
            "gxlint.toml:1: 配置错误：不认识的键“yeer”；可用的键：year、format、select、ignore、severity、extra",
        ),
        ("year = \"x\"\n", "值的类型不对：应为整数，实为字符串 \"x\""),
        ("select = \"GX1\"\n", "值的类型不对：应为数组"),
        (
            "[extra]\nfoo = []\n",
            "gxlint.toml:2: 配置错误：不认识的键“foo”；可用的键：residue、placeholders、spam",
        ),
        ("year = 2021\nyear = 2022\n", "键重复出现"),
        ("[severity\n", "表名缺少右方括号"),
    ];
    for (toml, want) in cases {
        let dir = tempfile::tempdir().expect("tempdir");
        std::fs::write(dir.path().join("gxlint.toml"), toml).expect("write");
        std::fs::write(dir.path().join("a.md"), "# 笔记\n").expect("write");
        let o = Command::new(env!("CARGO_BIN_EXE_gxlint"))
            .current_dir(dir.path())
            .args(["check", "a.md"])
            .output()
            .expect("run");
        let err = stderr(&o);
        assert_eq!(o.status.code(), Some(2), "{toml}: {err}");
        assert!(err.contains(want), "{toml}: want {want} in {err}");
        for en in ["unknown field", "expected", "invalid type", "duplicate"] {
            assert!(!err.contains(en), "{toml}: {err}");
        }
    }
}
