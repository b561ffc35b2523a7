//! A file that is not a report draft gets no diagnostics in any output: READMEs, notes, a
//! notice about preparing the report, minutes. Decided from the document itself.

use std::path::Path;
use std::process::Command;

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

fn gxlint(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_gxlint"))
        .current_dir(ROOT)
        .args(args)
        .output()
        .expect("run gxlint")
}

const NOT_REPORTS: &[&str] = &[
    "README.md",
    "ARCHITECTURE.md",
    "editors/vscode/README.md",
    "editors/nvim/README.md",
    "tests/fixtures/not_reports/notice.md",
    "tests/fixtures/not_reports/minutes.txt",
    "tests/fixtures/not_reports/notes.md",
];

#[test]
fn non_reports_give_no_diagnostics_and_are_reported_as_skipped() {
    let out = gxlint(&[&["check", "--format", "json"], NOT_REPORTS].concat());
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let files = v["files"].as_array().unwrap();
    assert_eq!(files.len(), NOT_REPORTS.len());
    for f in files {
        assert_eq!(f["diagnostics"].as_array().unwrap().len(), 0, "{f}");
        assert!(
            f["skipped"].as_str().unwrap().contains("不是年度报告"),
            "{f}"
        );
    }
}

#[test]
fn verbose_says_which_files_were_skipped_and_the_summary_counts_them() {
    let out = gxlint(&[
        "check",
        "-v",
        "README.md",
        "tests/fixtures/not_reports/notice.md",
    ]);
    assert_eq!(out.status.code(), Some(0));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("跳过 README.md：不是年度报告"), "{err}");
    assert!(
        err.contains("跳过 tests/fixtures/not_reports/notice.md："),
        "{err}"
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("检查了 0 个文件，跳过 2 个非年报文件"),
        "{stdout}"
    );
}

#[test]
fn the_library_skips_them_too() {
    let settings = gxlint::config::Settings::default();
    for p in NOT_REPORTS {
        let text = std::fs::read_to_string(Path::new(ROOT).join(p)).unwrap();
        let a = gxlint::check(&text, &settings);
        assert!(a.diagnostics.is_empty(), "{p}: {:?}", a.diagnostics);
        assert_eq!(a.skipped, Some(gxlint::NOT_A_REPORT), "{p}");
    }
}

#[test]
fn reports_are_still_reports() {
    let settings = gxlint::config::Settings::default();
    let seeds = std::env::var("GXLINT_SEEDS").unwrap_or_else(|_| format!("{ROOT}/../shared/seeds"));
    let mut n = 0;
    for e in std::fs::read_dir(&seeds).expect("the seed reports (../shared/seeds) are missing") {
        let text = std::fs::read_to_string(e.unwrap().path()).unwrap();
        assert_eq!(gxlint::check(&text, &settings).skipped, None);
        n += 1;
    }
    assert_eq!(n, 5, "five seeds");
    for p in ["examples/clean-2024.md", "examples/draft-2024.md"] {
        let text = std::fs::read_to_string(Path::new(ROOT).join(p)).unwrap();
        assert_eq!(gxlint::check(&text, &settings).skipped, None, "{p}");
    }
    // A wrapped title: the agency on one line, the report's name on the next.
    let text = std::fs::read_to_string(Path::new(ROOT).join("examples/draft-2024.md")).unwrap();
    let wrapped = text.replacen("青山市农业农村局2024年", "青山市农业农村局\n\n2024年", 1);
    assert_ne!(wrapped, text);
    let a = gxlint::check(&wrapped, &settings);
    assert_eq!(a.skipped, None);
    assert!(a.diagnostics.iter().any(|d| d.code == "GX300"));
}
