//! Input formats: `.docx` written by python-docx and by LibreOffice, saved web pages, GBK and
//! GB18030 text (tests/fixtures/inputs, written by its gen.py from the clean drafts and from
//! drafts with known defects). Each gives the same findings (codes and messages, which name
//! the rows and numbers) as the markdown draft it was made from; each clean one none.

use std::path::{Path, PathBuf};
use std::process::Command;

use gxlint::config::Settings;
use gxlint::input::{self, InputKind};

const DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/inputs");

fn gxlint() -> Command {
    Command::new(env!("CARGO_BIN_EXE_gxlint"))
}

fn files(ends: &[&str]) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(DIR)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            let n = p.file_name().unwrap().to_string_lossy();
            ends.iter().any(|e| n.ends_with(e))
        })
        .collect();
    v.sort();
    v
}

/// The markdown draft a fixture was made from.
fn draft_of(p: &Path) -> PathBuf {
    let name = p.file_name().unwrap().to_string_lossy();
    let stem = name.split('.').next().unwrap();
    let stem = stem.trim_end_matches("_split").trim_end_matches("_tracked");
    Path::new(DIR).join(format!("{stem}.md"))
}

fn findings(text: &str) -> Vec<(String, String)> {
    let mut v: Vec<(String, String)> = gxlint::check(text, &Settings::default())
        .diagnostics
        .into_iter()
        .map(|d| (d.code.to_string(), d.message))
        .collect();
    v.sort();
    v
}

#[test]
fn docx_and_pages_check_as_their_drafts() {
    let all = files(&[".docx", ".html"]);
    assert!(all.len() >= 19, "{} fixtures", all.len());
    let mut clean = 0;
    for p in &all {
        let input = input::read_path(p).unwrap_or_else(|e| panic!("{e}"));
        let want = findings(&std::fs::read_to_string(draft_of(p)).unwrap());
        let got = findings(&input.text);
        assert_eq!(got, want, "{}:\n{}", p.display(), input.text);
        // Its tables were read as tables: the map has cells of table 三.
        let map = input.source.map.as_ref().expect("a rendering has a map");
        assert!(
            map.entries()
                .iter()
                .any(|(_, pl)| pl.to_string().starts_with("表三")),
            "{}",
            p.display()
        );
        let kind = if p.extension().unwrap() == "docx" {
            InputKind::Docx
        } else {
            InputKind::Html
        };
        assert_eq!(input.source.kind, kind);
        if p.to_string_lossy().contains("_clean") {
            clean += 1;
            assert!(got.is_empty(), "{}: {got:?}", p.display());
        } else {
            assert!(!want.is_empty());
        }
    }
    assert!(clean >= 12);
}

#[test]
fn every_finding_in_a_docx_says_where_it_is_in_word_terms() {
    let p = Path::new(DIR).join("2024_row_total.lo.docx");
    let out = gxlint()
        .args(["check", "--format", "json"])
        .arg(&p)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let f = &v["files"][0];
    assert_eq!(f["source"], "docx");
    let diags = f["diagnostics"].as_array().unwrap();
    assert!(!diags.is_empty());
    for d in diags {
        assert!(d["location"].as_str().is_some(), "{d}");
    }
    let row_total = diags.iter().find(|d| d["code"] == "GX300").unwrap();
    // 一、本年新收… is the 4th row of table 三; its 总计 the last of 8 grid columns.
    assert_eq!(row_total["location"], "表三 第4行 第8列");
    // Human output carries the place too.
    let out = gxlint().arg("check").arg(&p).output().unwrap();
    let s = String::from_utf8_lossy(&out.stdout);
    assert!(s.contains("位置：表三 第4行 第8列"), "{s}");
    assert!(s.contains("Word 文档"), "{s}");
}

#[test]
fn tracked_changes_are_read_as_accepted() {
    // The deletion holds the wrong year: read, it would be a period finding.
    for f in [
        "2021_clean_tracked.pydocx.docx",
        "2021_clean_tracked.lo.docx",
    ] {
        let input = input::read_path(&Path::new(DIR).join(f)).unwrap();
        assert!(input.text.contains("统计期限自2021年1月1日"), "{f}");
        assert!(!input.text.contains("2020年1月1日"), "{f}");
        assert!(findings(&input.text).is_empty(), "{f}");
    }
}

#[test]
fn gbk_and_gb18030_drafts_give_zero() {
    let all = files(&[".gbk.txt", ".gb18030.txt"]);
    assert!(all.len() >= 5);
    for p in &all {
        let input = input::read_path(p).unwrap_or_else(|e| panic!("{e}"));
        assert!(input.source.encoding_name().is_some(), "{}", p.display());
        assert_eq!(
            input.text,
            std::fs::read_to_string(draft_of(p)).unwrap(),
            "{}",
            p.display()
        );
        assert!(findings(&input.text).is_empty(), "{}", p.display());
    }
}

#[test]
fn fix_on_gbk_keeps_it_gbk_and_byte_exact_outside_the_edit() {
    let src = std::fs::read(Path::new(DIR).join("2021_clean.gbk.txt")).unwrap();
    let (text, _, bad) = encoding_rs::GBK.decode(&src);
    assert!(!bad);
    // An unused suppression: its safe fix deletes the comment.
    let comment = "<!-- gxlint-disable-next-line GX300 -->\n";
    let at = text.find("**一、总体情况**").unwrap();
    let with = format!("{}{comment}{}", &text[..at], &text[at..]);
    let bytes = encoding_rs::GBK.encode(&with).0.into_owned();
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("draft.txt");
    std::fs::write(&p, &bytes).unwrap();
    let out = gxlint()
        .args(["check", "--format", "json"])
        .arg(&p)
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["files"][0]["encoding"], "GBK");
    assert_eq!(v["files"][0]["diagnostics"][0]["code"], "GX001");
    let out = gxlint().args(["check", "--fix"]).arg(&p).output().unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        std::fs::read(&p).unwrap(),
        src,
        "back to the original bytes"
    );
    // Twice changes nothing.
    let out = gxlint().args(["check", "--fix"]).arg(&p).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(std::fs::read(&p).unwrap(), src);
}

#[test]
fn convert_checks_identically() {
    let dir = tempfile::tempdir().unwrap();
    for p in files(&[".docx", ".html", ".gbk.txt"]) {
        let out = dir.path().join("out.md");
        let r = gxlint()
            .arg("convert")
            .arg(&p)
            .arg("-o")
            .arg(&out)
            .output()
            .unwrap();
        assert!(r.status.success(), "{}", String::from_utf8_lossy(&r.stderr));
        let md = std::fs::read_to_string(&out).unwrap();
        let orig = input::read_path(&p).unwrap();
        assert_eq!(findings(&md), findings(&orig.text), "{}", p.display());
        // Same diagnostics through the CLI, codes and messages.
        let j = |path: &Path| -> Vec<(String, String)> {
            let o = gxlint()
                .args(["check", "--format", "json"])
                .arg(path)
                .output()
                .unwrap();
            let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
            let mut d: Vec<(String, String)> = v["files"][0]["diagnostics"]
                .as_array()
                .unwrap()
                .iter()
                .map(|d| (d["code"].to_string(), d["message"].to_string()))
                .collect();
            d.sort();
            d
        };
        assert_eq!(j(&out), j(&p), "{}", p.display());
    }
}

#[test]
fn unreadable_formats_get_one_clear_message_each_and_others_are_still_checked() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let mut ole = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    ole.extend(vec![0u8; 600]);
    std::fs::write(d.join("a.doc"), &ole).unwrap();
    std::fs::write(d.join("b.wps"), &ole).unwrap();
    let mut enc = ole.clone();
    enc.extend("EncryptionInfo".encode_utf16().flat_map(u16::to_le_bytes));
    std::fs::write(d.join("c.docx"), &enc).unwrap();
    std::fs::write(d.join("d.pdf"), b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n").unwrap();
    std::fs::write(d.join("e.docx"), b"not a zip at all").unwrap();
    let good = std::fs::read(Path::new(DIR).join("2021_clean.pydocx.docx")).unwrap();
    std::fs::write(d.join("f.docx"), &good[..good.len() / 2]).unwrap();
    std::fs::copy(
        Path::new(DIR).join("2021_clean.pydocx.docx"),
        d.join("g.docx"),
    )
    .unwrap();
    let out = gxlint()
        .arg("check")
        .args([
            "a.doc", "b.wps", "c.docx", "d.pdf", "e.docx", "f.docx", "g.docx",
        ])
        .current_dir(d)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    let lines: Vec<&str> = err.lines().filter(|l| l.starts_with("错误：")).collect();
    assert_eq!(lines.len(), 6, "{err}");
    for (name, says) in [
        ("a.doc", "另存为 .docx"),
        ("b.wps", "另存为 .docx"),
        ("c.docx", "加密"),
        ("d.pdf", "PDF"),
        ("e.docx", "另存为 .docx"),
        ("f.docx", "另存为 .docx"),
    ] {
        assert!(
            lines.iter().any(|l| l.contains(name) && l.contains(says)),
            "{name}: {err}"
        );
    }
    let s = String::from_utf8_lossy(&out.stdout);
    assert!(s.contains("检查了 1 个文件"), "{s}");
}

#[test]
fn fix_on_docx_is_refused_and_diff_shows_the_rendering() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("r.docx");
    std::fs::copy(Path::new(DIR).join("2024_row_total.pydocx.docx"), &p).unwrap();
    let before = std::fs::read(&p).unwrap();
    let out = gxlint()
        .args(["check", "--fix", "--unsafe-fixes"])
        .arg(&p)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("不改写 Word 文件"), "{err}");
    assert_eq!(std::fs::read(&p).unwrap(), before);
    let out = gxlint()
        .args(["check", "--diff", "--unsafe-fixes"])
        .arg(&p)
        .output()
        .unwrap();
    let diff = String::from_utf8_lossy(&out.stdout);
    assert!(
        diff.contains("-| 一、本年新收政府信息公开申请数量"),
        "{diff}"
    );
    assert_eq!(std::fs::read(&p).unwrap(), before);
}

#[test]
fn directory_walks_pick_up_docx_and_html_only_when_asked() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::copy(
        Path::new(DIR).join("2024_row_total.pydocx.docx"),
        d.join("a.docx"),
    )
    .unwrap();
    std::fs::copy(
        Path::new(DIR).join("2024_row_total.gbk.html"),
        d.join("b.html"),
    )
    .unwrap();
    let count = |extra: &[&str]| {
        let o = gxlint()
            .args(["check", "--format", "json"])
            .args(extra)
            .arg(d)
            .output()
            .unwrap();
        let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
        v["files"].as_array().unwrap().len()
    };
    assert_eq!(count(&[]), 0);
    assert_eq!(count(&["--docx"]), 1);
    assert_eq!(count(&["--docx", "--html"]), 2);
}
