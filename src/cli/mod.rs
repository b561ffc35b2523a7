//! The subcommands behind `src/main.rs`.

pub mod check;
pub mod convert;
pub mod docs;
pub mod review;
pub mod zh;

use std::io::Write;
use std::process::ExitCode;

use gxlint::rules::ALL;

/// `gxlint --version`: the version and the commit it was built from, `0.1.0 (b0f63db 2026-11-23)`
/// (see build.rs; only the version when built without git).
pub const VERSION: &str = concat!(env!("CARGO_PKG_VERSION"), env!("GXLINT_COMMIT_INFO"));

/// `gxlint rules [--format json]`.
pub fn rules(json: bool) -> ExitCode {
    let mut out = std::io::stdout().lock();
    let r = if json {
        let list: Vec<_> = ALL
            .iter()
            .map(|r| {
                serde_json::json!({
                    "code": r.code,
                    "name": r.name,
                    "severity": r.severity,
                    "summary": r.summary,
                })
            })
            .collect();
        let v = serde_json::json!({"version": 1, "rules": list});
        writeln!(
            out,
            "{}",
            serde_json::to_string_pretty(&v).unwrap_or_default()
        )
    } else {
        let width = ALL.iter().map(|r| r.name.len()).max().unwrap_or(0);
        ALL.iter().try_for_each(|r| {
            writeln!(
                out,
                "{}  {:width$}  {:7}  {}",
                r.code,
                r.name,
                r.severity.as_str(),
                r.summary
            )
        })
    };
    match r {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("错误：无法写出：{e}");
            ExitCode::from(2)
        }
    }
}

/// `gxlint explain GX303` / `gxlint explain row-total`.
pub fn explain(key: &str) -> ExitCode {
    match gxlint::rules::find(key.trim()) {
        Some(rule) => {
            let mut doc = rule.doc.to_string();
            if !doc.ends_with('\n') {
                doc.push('\n');
            }
            let _ = std::io::stdout().lock().write_all(doc.as_bytes());
            ExitCode::SUCCESS
        }
        None => {
            eprintln!("错误：未知的规则“{key}”（用 `gxlint rules` 列出所有规则的代码和名称）");
            ExitCode::from(2)
        }
    }
}
