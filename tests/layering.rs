//! The modules form one straight flow (ARCHITECTURE.md): a module may name only modules of a
//! lower layer (or its own). This test reads every `crate::…` / `$crate::…` path in `src/` and
//! fails when a lower layer names a higher one — e.g. the document reader reaching for the
//! configuration or the rule registry. A new module must be given a layer here.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Layers, lowest first. `root` is `src/lib.rs` (`gxlint::check`, `gxlint::lint`, `Analysis`).
const LAYERS: &[&[&str]] = &[
    // plain types and text utilities
    &[
        "diagnostic",
        "docs",
        "line_index",
        "fold",
        "format",
        "input",
        "files",
    ],
    // data loaded from rules/*.toml; suppression comments
    &["templates", "data", "suppress"],
    // text → Document
    &["document"],
    // what the document means: canonical renderings, queries (hover)
    &["identities"],
    &["prose"],
    &["solver"],
    &["canonical", "query"],
    // the rule registry and the rules
    &["rules"],
    // gxlint.toml → Settings (names rules by selector)
    &["config"],
    // check/lint: settings + document + rules → diagnostics
    &["root"],
    // consumers of diagnostics
    &["fix", "new", "render"],
    &["review"],
    // the language server adapter
    &["lsp"],
];

fn layer_of(module: &str) -> Option<usize> {
    LAYERS.iter().position(|l| l.contains(&module))
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir).expect("read src") {
        let p = e.expect("dir entry").path();
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

/// The top-level module a file of `src/` belongs to (`None` for the binary's files).
fn module_of(rel: &Path) -> Option<String> {
    let parts: Vec<String> = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    match parts.as_slice() {
        [f] if f == "lib.rs" => Some("root".into()),
        [f] if f == "main.rs" => None,
        [d, ..] if d == "cli" => None,
        [f] => Some(f.trim_end_matches(".rs").to_string()),
        [d, ..] => Some(d.clone()),
        [] => None,
    }
}

/// Code without `//` comments (doc comments may mention any module).
fn strip_comments(src: &str) -> String {
    src.lines()
        .map(|l| match l.find("//") {
            Some(i) if l[..i].matches('"').count() % 2 == 0 => &l[..i],
            _ => l,
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The first path segments after every `crate::` (including `crate::{a, b::c}` groups).
fn crate_refs(code: &str) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    let ident = |s: &str| -> String {
        s.chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
            .collect()
    };
    for (i, _) in code.match_indices("crate::") {
        let before = code[..i].chars().next_back();
        if before.is_some_and(|c| c.is_ascii_alphanumeric() || c == '_') {
            continue;
        }
        let line = code[..i].matches('\n').count() + 1;
        let rest = &code[i + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            // Top-level items of the group.
            let mut depth = 0;
            let mut item_start = true;
            for (k, c) in group.char_indices() {
                match c {
                    '{' => depth += 1,
                    '}' if depth == 0 => break,
                    '}' => depth -= 1,
                    ',' if depth == 0 => item_start = true,
                    c if c.is_whitespace() => {}
                    _ if item_start && depth == 0 => {
                        item_start = false;
                        let name = ident(&group[k..]);
                        if !name.is_empty() {
                            out.push((line, name));
                        }
                    }
                    _ => {}
                }
            }
        } else {
            let name = ident(rest);
            if !name.is_empty() {
                out.push((line, name));
            }
        }
    }
    out
}

#[test]
fn lower_modules_never_name_higher_ones() {
    let src = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    files.sort();
    let top_modules: Vec<String> = std::fs::read_to_string(src.join("lib.rs"))
        .expect("lib.rs")
        .lines()
        .filter_map(|l| l.trim().strip_prefix("pub mod "))
        .map(|m| m.trim_end_matches(';').to_string())
        .collect();
    for m in &top_modules {
        assert!(
            layer_of(m).is_some(),
            "module `{m}` has no layer: add it to LAYERS in tests/layering.rs (and ARCHITECTURE.md)"
        );
    }
    let mut violations = Vec::new();
    let mut checked: BTreeMap<String, usize> = BTreeMap::new();
    for f in &files {
        let rel = f.strip_prefix(&src).expect("under src");
        let Some(module) = module_of(rel) else {
            continue;
        };
        let own = layer_of(&module).unwrap_or_else(|| {
            panic!(
                "{} belongs to `{module}`, which has no layer",
                rel.display()
            )
        });
        let code = strip_comments(&std::fs::read_to_string(f).expect("read source"));
        for (line, name) in crate_refs(&code) {
            *checked.entry(module.clone()).or_default() += 1;
            let target = if top_modules.contains(&name) {
                name.clone()
            } else {
                // An item of lib.rs itself (`crate::check`, `crate::Analysis`).
                "root".to_string()
            };
            if target == module {
                continue;
            }
            let Some(t) = layer_of(&target) else {
                violations.push(format!(
                    "{}:{line}: `crate::{name}` has no layer",
                    rel.display()
                ));
                continue;
            };
            if t >= own {
                violations.push(format!(
                    "{}:{line}: `{module}` (layer {own}) names `crate::{name}` (layer {t})",
                    rel.display()
                ));
            }
        }
    }
    assert!(
        violations.is_empty(),
        "imports against the flow:\n{}",
        violations.join("\n")
    );
    // The scan saw the imports it is meant to police.
    for m in ["document", "rules", "config", "fix", "lsp"] {
        assert!(
            checked.get(m).copied().unwrap_or(0) > 0,
            "no `crate::` paths found in {m}"
        );
    }
}

#[test]
fn the_scanner_sees_grouped_and_macro_paths() {
    let code = "use crate::{config::Settings, rules::{self, Rule}};\n\
                let r = $crate::rules::Rule {};\n\
                // crate::lsp in a comment\n\
                fn f() -> crate::Analysis {}\n";
    let refs: Vec<String> = crate_refs(&strip_comments(code))
        .into_iter()
        .map(|(_, n)| n)
        .collect();
    assert_eq!(refs, ["config", "rules", "rules", "Analysis"]);
}
