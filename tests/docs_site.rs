//! Every rule has a documentation page and every diagnostic links to it: the committed site under
//! docs/rules/ is what `gxlint docs` generates (regenerate with
//! `cargo run -- docs --out docs/rules`), and the language server's `codeDescription.href` names
//! the rule's page.

use std::path::PathBuf;
use std::process::Command;

use gxlint::diagnostic::{Diagnostic, Severity};
use gxlint::line_index::{ColumnUnit, LineIndex};
use gxlint::lsp::convert;
use gxlint::rules::ALL;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn committed_site_is_up_to_date_and_has_every_rule() {
    let dir = tempfile::tempdir().expect("tempdir");
    let o = Command::new(env!("CARGO_BIN_EXE_gxlint"))
        .args(["docs", "--out"])
        .arg(dir.path())
        .output()
        .expect("run gxlint docs");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let committed = root().join("docs/rules");
    let mut names: Vec<String> = std::fs::read_dir(dir.path())
        .expect("read generated")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    let mut want: Vec<String> = ALL.iter().map(|r| format!("{}.html", r.code)).collect();
    want.push("index.html".into());
    want.sort();
    assert_eq!(names, want, "one page per rule plus the index");
    for name in &names {
        let generated = std::fs::read_to_string(dir.path().join(name)).expect("generated page");
        let stored = std::fs::read_to_string(committed.join(name)).unwrap_or_default();
        assert!(
            generated == stored,
            "docs/rules/{name} is stale: run `cargo run -- docs --out docs/rules`"
        );
    }
    let index = std::fs::read_to_string(committed.join("index.html")).expect("index");
    for r in ALL {
        assert!(index.contains(&format!("<a href=\"{0}.html\">{0}</a>", r.code)));
        let page = std::fs::read_to_string(committed.join(format!("{}.html", r.code))).unwrap();
        assert!(
            page.contains(&format!("<h1>{} {}</h1>", r.code, r.name)),
            "{}",
            r.code
        );
    }
}

#[test]
fn base_url_gives_canonical_links() {
    let dir = tempfile::tempdir().expect("tempdir");
    let o = Command::new(env!("CARGO_BIN_EXE_gxlint"))
        .args([
            "docs",
            "--base-url",
            "https://gxlint.example/rules/",
            "--out",
        ])
        .arg(dir.path())
        .output()
        .expect("run gxlint docs");
    assert!(o.status.success());
    let page = std::fs::read_to_string(dir.path().join("GX303.html")).expect("page");
    assert!(
        page.contains(r#"<link rel="canonical" href="https://gxlint.example/rules/GX303.html">"#)
    );
}

#[test]
fn every_diagnostic_links_to_its_rule_page() {
    let text = "x";
    let index = LineIndex::new(text);
    let uri: tower_lsp_server::ls_types::Uri = "file:///tmp/a.md".parse().unwrap();
    for base in [None, Some("https://gxlint.example/site/rules")] {
        let cx = convert::Ctx {
            uri: &uri,
            text,
            index: &index,
            unit: ColumnUnit::Utf16,
            version: 1,
            docs_base: base,
        };
        for r in ALL {
            let d = Diagnostic {
                code: r.code,
                name: r.name,
                severity: Severity::Warning,
                message: String::new(),
                span: 0..1,
                fixes: Vec::new(),
                related: Vec::new(),
                expected: None,
            };
            let lsp = convert::diagnostic(&cx, &d);
            let href = lsp.code_description.expect("codeDescription").href;
            let href = href.as_str();
            match base {
                None => {
                    assert_eq!(
                        href,
                        format!(
                            "{}/blob/main/rules/docs/{}.md",
                            gxlint::docs::repository(),
                            r.code
                        )
                    );
                    assert!(root().join(format!("rules/docs/{}.md", r.code)).is_file());
                }
                Some(b) => assert_eq!(href, format!("{b}/{}.html", r.code)),
            }
        }
    }
}

#[test]
fn sarif_rules_carry_help_uri() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join("a.md"), "# 笔记\n").expect("write");
    let o = Command::new(env!("CARGO_BIN_EXE_gxlint"))
        .current_dir(dir.path())
        .args(["check", "--format", "sarif", "a.md"])
        .output()
        .expect("run gxlint check");
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("SARIF JSON");
    let rules = v["runs"][0]["tool"]["driver"]["rules"]
        .as_array()
        .expect("rules");
    assert_eq!(rules.len(), ALL.len());
    for r in rules {
        let code = r["id"].as_str().unwrap();
        assert_eq!(r["helpUri"], gxlint::docs::default_rule_url(code), "{code}");
    }
}
