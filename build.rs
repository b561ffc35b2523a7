//! Records the commit gxlint is built from, for `gxlint --version`.
//!
//! `GXLINT_COMMIT_INFO` becomes ` (COMMIT DATE)` — the abbreviated commit hash and its date — read
//! from git when the source is a git checkout. Without git (a source archive, a crate tarball) it
//! comes from the `GXLINT_COMMIT` environment variable if set (`HASH` or `HASH DATE`), else it is
//! empty and `--version` prints the version alone.

use std::path::PathBuf;
use std::process::Command;

fn git(args: &[&str]) -> Option<String> {
    let out = Command::new("git")
        .args(args)
        .current_dir(env_dir())
        .output()
        .ok()?;
    if !out.status.success() {
        return None;
    }
    let s = String::from_utf8(out.stdout).ok()?.trim().to_string();
    (!s.is_empty()).then_some(s)
}

/// `cargo:rerun-if-changed` for a git file, if it exists (a missing one would rerun every build).
fn watch_git_path(p: &str) {
    if let Some(path) = git(&["rev-parse", "--git-path", p]) {
        let path = env_dir().join(path);
        if path.exists() {
            println!("cargo:rerun-if-changed={}", path.display());
        }
    }
}

fn env_dir() -> PathBuf {
    PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").unwrap_or_else(|| ".".into()))
}

fn main() {
    println!("cargo:rerun-if-env-changed=GXLINT_COMMIT");
    println!("cargo:rerun-if-changed=build.rs");

    let info = if let Some(given) = std::env::var("GXLINT_COMMIT")
        .ok()
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
    {
        format!(" ({given})")
    } else if let Some(line) = git(&["log", "-1", "--no-show-signature", "--format=%h %cs"]) {
        // Rebuild when HEAD moves: HEAD itself, the branch it points to, and packed refs.
        watch_git_path("HEAD");
        watch_git_path("packed-refs");
        if let Some(r) = git(&["symbolic-ref", "-q", "HEAD"]) {
            watch_git_path(&r);
        }
        format!(" ({line})")
    } else {
        String::new()
    };
    println!("cargo:rustc-env=GXLINT_COMMIT_INFO={info}");
}
