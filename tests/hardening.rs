//! Hardening (issue 12): non-regular inputs, size limits, write errors, read-only files,
//! configuration mistakes that used to pass silently.

use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_gxlint"))
}

/// Run with a deadline: a hang is a failure, not a stuck test.
fn run(dir: &Path, args: &[&str]) -> Output {
    let child = bin()
        .current_dir(dir)
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    let id = child.id();
    let start = Instant::now();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(child.wait_with_output());
    });
    match rx.recv_timeout(Duration::from_secs(20)) {
        Ok(o) => o.expect("wait"),
        Err(_) => {
            let _ = Command::new("kill").arg("-9").arg(id.to_string()).status();
            panic!("gxlint {args:?} hung ({:?})", start.elapsed());
        }
    }
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn draft() -> String {
    std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/examples/draft-2024.md"
    ))
    .expect("example")
}

#[cfg(unix)]
#[test]
fn a_fifo_is_refused_without_waiting() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("pipe.md");
    assert!(
        Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    for args in [
        &["check", "pipe.md"][..],
        &["check", "--fix", "pipe.md"][..],
    ] {
        let o = run(dir.path(), args);
        assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
        assert!(
            stderr(&o).contains("不是普通文件（命名管道 FIFO）"),
            "{}",
            stderr(&o)
        );
    }
}

#[cfg(unix)]
#[test]
fn a_device_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let o = run(dir.path(), &["check", "/dev/zero"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("字符设备"), "{}", stderr(&o));
}

#[test]
fn oversized_file_and_stdin_are_errors() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("big.md"), vec![b'a'; 3000]).unwrap();
    std::fs::write(dir.path().join("ok.md"), "无关的文字\n").unwrap();
    let o = run(
        dir.path(),
        &["check", "--max-size", "2K", "big.md", "ok.md"],
    );
    assert_eq!(o.status.code(), Some(2));
    let e = stderr(&o);
    assert!(
        e.contains("big.md") && e.contains("文件过大") && e.contains("上限 2 KB"),
        "{e}"
    );
    let out = String::from_utf8_lossy(&o.stdout);
    // ok.md is read but is not a report: skipped, not checked.
    assert!(
        out.contains("1 个文件无法读取；检查了 0 个文件，跳过 1 个非年报文件"),
        "{out}"
    );

    // An endless stdin stops at the limit.
    let o = Command::new("sh")
        .arg("-c")
        .arg(format!(
            "head -c 100000000 /dev/zero | {} check --max-size 1M -",
            env!("CARGO_BIN_EXE_gxlint")
        ))
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("标准输入"), "{}", stderr(&o));
}

#[cfg(unix)]
#[test]
fn read_only_files_are_not_written_unless_allowed() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("draft.md");
    std::fs::write(&p, draft()).unwrap();
    std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o444)).unwrap();
    let o = run(
        dir.path(),
        &["check", "--fix", "--format", "json", "draft.md"],
    );
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(std::fs::read_to_string(&p).unwrap(), draft());
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let f = &v["files"][0];
    assert!(f["write_error"].as_str().unwrap().contains("只读"), "{f}");
    // The file was read: its diagnostics are there (those of the unchanged text).
    assert!(!f["diagnostics"].as_array().unwrap().is_empty());
    assert!(f.get("error").is_none());

    let o = run(dir.path(), &["check", "--fix", "draft.md"]);
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(out.contains("1 个文件无法写回"), "{out}");
    assert!(!out.contains("无法读取"), "{out}");

    let o = run(
        dir.path(),
        &["check", "--fix", "--allow-readonly", "draft.md"],
    );
    assert_ne!(o.status.code(), Some(2), "{}", stderr(&o));
    assert_ne!(std::fs::read_to_string(&p).unwrap(), draft());
    let mode = std::fs::metadata(&p).unwrap().permissions().mode();
    assert_eq!(mode & 0o777, 0o444);
}

/// As another user, a root-owned file in a world-writable directory is never replaced.
#[cfg(unix)]
#[test]
fn another_users_file_is_never_replaced() {
    use std::os::unix::fs::{MetadataExt, PermissionsExt};
    use std::os::unix::process::CommandExt;
    let dir = tempfile::tempdir().unwrap();
    if std::fs::metadata(dir.path()).unwrap().uid() != 0 {
        eprintln!("not root: skipped");
        return;
    }
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o777)).unwrap();
    let p = dir.path().join("draft.md");
    // The other user must be able to run the binary: the build folder may be private (a clone
    // under a 0700 directory), so run a copy from the world-writable temporary directory.
    let exe = dir.path().join("gxlint-copy");
    std::fs::copy(env!("CARGO_BIN_EXE_gxlint"), &exe).unwrap();
    std::fs::set_permissions(&exe, std::fs::Permissions::from_mode(0o755)).unwrap();
    for mode in [0o444, 0o644] {
        std::fs::write(&p, draft()).unwrap();
        std::fs::set_permissions(&p, std::fs::Permissions::from_mode(mode)).unwrap();
        let o = std::process::Command::new(&exe)
            .current_dir(dir.path())
            .args(["check", "--fix", "--allow-readonly", "draft.md"])
            .uid(65534)
            .gid(65534)
            .output()
            .unwrap();
        assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
        assert!(stderr(&o).contains("另一个用户"), "{}", stderr(&o));
        let m = std::fs::metadata(&p).unwrap();
        assert_eq!(m.uid(), 0);
        assert_eq!(std::fs::read_to_string(&p).unwrap(), draft());
    }
}

#[test]
fn empty_extra_phrase_is_a_config_error() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("gxlint.toml"),
        "[extra]\nresidue = [\"x\", \"  \"]\n",
    )
    .unwrap();
    std::fs::write(dir.path().join("a.md"), "无关\n").unwrap();
    let o = run(dir.path(), &["check", "a.md"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("空短语"), "{}", stderr(&o));
}

#[test]
fn a_directory_named_gxlint_toml_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("gxlint.toml")).unwrap();
    std::fs::write(dir.path().join("a.md"), "无关\n").unwrap();
    let o = run(dir.path(), &["check", "a.md"]);
    assert_eq!(o.status.code(), Some(2));
    let e = stderr(&o);
    assert!(e.contains("gxlint.toml") && e.contains("目录"), "{e}");
}
