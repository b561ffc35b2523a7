//! `include` / `exclude` in gxlint.toml, `--exclude` and `--config PATH`: the files a project
//! leaves out get no diagnostics in the CLI (named or walked, stdin with --stdin-filename), in
//! the language server, and so in pre-commit (which names the files).

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use serde_json::{Value, json};

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

/// A draft with findings (GX300, GX501, GX503).
fn draft() -> String {
    std::fs::read_to_string(Path::new(ROOT).join("examples/draft-2024.md")).unwrap()
}

fn gxlint_in(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_gxlint"))
        .current_dir(dir)
        .args(args)
        .output()
        .expect("run gxlint")
}

/// The files the JSON output lists, each with its number of diagnostics, sorted.
fn checked(out: &Output) -> Vec<(String, usize)> {
    let v: Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "not JSON ({e}): {}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    });
    let mut files: Vec<(String, usize)> = v["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["path"].as_str().unwrap().replace('\\', "/"),
                f["diagnostics"].as_array().map_or(0, Vec::len),
            )
        })
        .collect();
    files.sort();
    files
}

/// A project: drafts at the top, in `old/`, in `notes/`, a Word-free `reports/x.report`.
fn project(config: &str) -> tempfile::TempDir {
    let d = tempfile::tempdir().unwrap();
    let p = d.path();
    for f in [
        "a.md",
        "b.md",
        "old/2019.md",
        "notes/n.md",
        "reports/x.report",
    ] {
        let f = p.join(f);
        std::fs::create_dir_all(f.parent().unwrap()).unwrap();
        std::fs::write(f, draft()).unwrap();
    }
    std::fs::write(p.join("gxlint.toml"), config).unwrap();
    d
}

#[test]
fn exclude_leaves_out_walked_and_named_files() {
    let d = project("exclude = [\"old/\", \"b.md\"]\n");
    // A directory walk.
    let out = gxlint_in(d.path(), &["check", "--format", "json", "."]);
    let files = checked(&out);
    assert_eq!(
        files.iter().map(|f| f.0.as_str()).collect::<Vec<_>>(),
        ["a.md", "notes/n.md"],
        "{files:?}"
    );
    assert!(files.iter().all(|f| f.1 > 0));
    // Named on the command line (as pre-commit and editors do): still left out.
    let out = gxlint_in(d.path(), &["check", "old/2019.md", "b.md"]);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(!stdout.contains("GX"), "{stdout}");
    // -v says which and why.
    let out = gxlint_in(d.path(), &["check", "-v", "old/2019.md", "a.md"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("跳过 old/2019.md：被 exclude 排除"),
        "{stderr}"
    );
    assert!(!stderr.contains("跳过 a.md"), "{stderr}");
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn include_chooses_the_files_whatever_their_extension() {
    let d = project("include = [\"reports/**\", \"a.md\"]\n");
    let out = gxlint_in(d.path(), &["check", "--format", "json"]);
    let names: Vec<String> = checked(&out).into_iter().map(|f| f.0).collect();
    assert_eq!(names, ["a.md", "reports/x.report"]);
    // A named file outside include is not checked either.
    let out = gxlint_in(d.path(), &["check", "-v", "b.md"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&out.stderr).contains("不在 gxlint.toml 的 include 之中"));
}

#[test]
fn negation_and_anchors_follow_gitignore() {
    let d = project("exclude = [\"*.md\", \"!/a.md\"]\n");
    let out = gxlint_in(d.path(), &["check", "--format", "json"]);
    let names: Vec<String> = checked(&out).into_iter().map(|f| f.0).collect();
    assert_eq!(names, ["a.md"]);
}

#[test]
fn exclude_on_the_command_line_adds_to_the_config() {
    let d = project("exclude = [\"old/\"]\n");
    let out = gxlint_in(
        d.path(),
        &[
            "check",
            "--format",
            "json",
            "--exclude",
            "notes/**",
            "--exclude",
            "b.md",
        ],
    );
    let names: Vec<String> = checked(&out).into_iter().map(|f| f.0).collect();
    assert_eq!(names, ["a.md"]);
    let out = gxlint_in(d.path(), &["check", "--exclude", "{a", "a.md"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("--exclude 的值“{a”：不是有效的匹配模式")
    );
}

#[test]
fn config_path_replaces_discovery_and_roots_its_globs() {
    let d = project("exclude = [\"a.md\"]\n");
    let other = tempfile::tempdir().unwrap();
    let cfg = other.path().join("ci.toml");
    std::fs::write(&cfg, "exclude = [\"b.md\"]\nignore = [\"GX503\"]\n").unwrap();
    let cfg = cfg.to_str().unwrap();
    // The project's gxlint.toml is not used: a.md is checked, b.md (a name anywhere) is not.
    let out = gxlint_in(
        d.path(),
        &["check", "--format", "json", "--config", cfg, "a.md", "b.md"],
    );
    assert_eq!(
        checked(&out),
        [("a.md".to_string(), 2)],
        "GX300 + GX501, no GX503"
    );
    // A missing or bad --config is an error, exit 2.
    let out = gxlint_in(d.path(), &["check", "--config", "nope.toml", "a.md"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("nope.toml"));
    std::fs::write(other.path().join("bad.toml"), "exclude = [\"\"]\n").unwrap();
    let bad = other.path().join("bad.toml");
    let out = gxlint_in(
        d.path(),
        &["check", "--config", bad.to_str().unwrap(), "a.md"],
    );
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("bad.toml:1: 配置错误：exclude 中的“”：空的匹配模式"),
        "{stderr}"
    );
}

#[test]
fn excluded_stdin_is_passed_through_unchanged_by_fix() {
    let d = project("exclude = [\"old/\"]\n");
    let text = draft();
    let run = |name: &str| {
        let mut child = Command::new(env!("CARGO_BIN_EXE_gxlint"))
            .current_dir(d.path())
            .args(["check", "--fix", "--stdin-filename", name, "-"])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        use std::io::Write;
        child
            .stdin
            .take()
            .unwrap()
            .write_all(text.as_bytes())
            .unwrap();
        child.wait_with_output().unwrap()
    };
    let out = run("old/2019.md");
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        text,
        "the text comes back unchanged"
    );
    // Not excluded: fixed (the residue line is removed).
    let out = run("a.md");
    assert_ne!(String::from_utf8(out.stdout).unwrap(), text);
}

/// The language server: an excluded file gets an empty diagnostics list, the others theirs.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn language_server_honours_exclude() {
    use gxlint::lsp::Engine;
    use gxlint::lsp::wire::in_memory;
    let d = project("exclude = [\"old/\"]\n");
    let root: PathBuf = d.path().canonicalize().unwrap();
    let (mut c, _server) = in_memory(Engine::default());
    c.initialize(json!({})).await;
    let text = draft();
    let mut counts = Vec::new();
    for rel in ["old/2019.md", "a.md", "README.md"] {
        let uri = format!("file://{}/{rel}", root.display());
        let body = if rel == "README.md" {
            std::fs::read_to_string(Path::new(ROOT).join("README.md")).unwrap()
        } else {
            text.clone()
        };
        c.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": "markdown", "version": 1, "text": body}}),
        )
        .await;
        let diags = c.diagnostics(&uri, 1).await.expect("published");
        counts.push(diags.as_array().unwrap().len());
    }
    assert_eq!(counts[0], 0, "excluded");
    assert!(counts[1] > 0, "checked: {counts:?}");
    assert_eq!(counts[2], 0, "a README is not a report");
}
