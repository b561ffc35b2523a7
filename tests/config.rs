//! `gxlint.toml`: parsing, errors with lines, discovery.

use std::path::Path;

use gxlint::config::{ConfigCache, load_for_dir, load_for_path, parse_config};
use gxlint::diagnostic::Severity;
use gxlint::document::Format;
use gxlint::rules::find;

fn write(dir: &Path, rel: &str, text: &str) {
    let p = dir.join(rel);
    std::fs::create_dir_all(p.parent().expect("parent")).expect("mkdir");
    std::fs::write(p, text).expect("write");
}

#[test]
fn a_full_configuration() {
    let text = r#"
year = 2022
format = "2019"
select = ["GX3", "empty-field", "GX001"]
ignore = ["GX305"]

[severity]
GX206 = "info"
row-total = "warning"

[extra]
residue = ["本页由青山站群系统生成"]
placeholders = ["某某某"]
spam = ["某娱乐"]
"#;
    let s = parse_config(text, Path::new("gxlint.toml")).expect("valid");
    assert_eq!(s.year, Some(2022));
    assert_eq!(s.format, Some(Format::V2019));
    assert_eq!(s.select, ["GX3", "empty-field", "GX001"]);
    assert_eq!(s.ignore, ["GX305"]);
    assert_eq!(s.severity.get("GX206"), Some(&Severity::Info));
    // Keyed by code even when written by name.
    assert_eq!(s.severity.get("GX303"), Some(&Severity::Warning));
    assert_eq!(s.severity.len(), 2);
    let on = |k: &str| s.enabled(find(k).expect("rule"));
    assert!(on("GX303") && on("GX501") && on("GX001"));
    assert!(!on("GX305") && !on("GX206") && !on("GX401"));
}

#[test]
fn empty_configuration_is_the_default() {
    let s = parse_config("", Path::new("gxlint.toml")).expect("valid");
    assert_eq!(s.year, None);
    assert_eq!(s.format, None);
    assert!(s.select.is_empty() && s.ignore.is_empty() && s.severity.is_empty());
}

#[test]
fn errors_carry_file_and_line() {
    let p = Path::new("/some/where/gxlint.toml");
    let cases: &[(&str, usize, &str)] = &[
        ("year = 2024\nformatt = \"2021\"\n", 2, "formatt"),
        ("\n\n[severity]\nGX3 = \"info\"\n", 4, "GX3"),
        ("[severity]\nGX206 = \"loud\"\n", 2, "loud"),
        ("ignore = [\"GX206\", \"nonsense\"]\n", 1, "nonsense"),
        ("year = \"2024\"\n", 1, ""),
        ("format = \"2020\"\n", 1, "2020"),
        ("[extra]\nresidue = \"not a list\"\n", 2, ""),
        ("[unknown]\n", 1, "unknown"),
    ];
    for (text, line, needle) in cases {
        let e = parse_config(text, p).expect_err(text);
        assert_eq!(e.path, p);
        assert_eq!(e.line, Some(*line), "{text:?}: {e}");
        let shown = e.to_string();
        assert!(
            shown.starts_with(&format!("/some/where/gxlint.toml:{line}: ")),
            "{shown}"
        );
        assert!(shown.contains(needle), "{shown}");
    }
}

#[test]
fn discovery_walks_up_and_stops_at_the_first() {
    let d = tempfile::tempdir().expect("tempdir");
    let root = d.path();
    write(root, "gxlint.toml", "year = 2021\n");
    write(root, "a/b/draft.md", "# x\n");
    write(root, "a/c/gxlint.toml", "ignore = [\"GX206\"]\n");
    write(root, "a/c/draft.md", "# x\n");
    let s = load_for_path(&root.join("a/b/draft.md")).expect("ok");
    assert_eq!(s.year, Some(2021));
    let s = load_for_path(&root.join("a/c/draft.md")).expect("ok");
    assert_eq!(s.year, None, "the outer file is not merged in");
    assert_eq!(s.ignore, ["GX206"]);
    // A directory is its own starting point; a file that does not exist yet uses its parent.
    assert_eq!(
        load_for_dir(&root.join("a/c")).expect("ok").ignore,
        ["GX206"]
    );
    assert_eq!(
        load_for_path(&root.join("a/c/new.md")).expect("ok").ignore,
        ["GX206"]
    );

    let mut cache = ConfigCache::new();
    let (s, from) = cache.settings_for(&root.join("a/b/draft.md")).expect("ok");
    assert_eq!(s.year, Some(2021));
    assert_eq!(
        from.as_deref(),
        Some(
            std::path::absolute(root.join("gxlint.toml"))
                .expect("abs")
                .as_path()
        )
    );
    // Cached per directory: a config file created later in a/b is not seen by this cache…
    write(root, "a/b/gxlint.toml", "year = 2019\n");
    assert_eq!(
        cache
            .settings_for(&root.join("a/b/draft.md"))
            .expect("ok")
            .0
            .year,
        Some(2021)
    );
    // …but a fresh lookup sees it.
    assert_eq!(
        load_for_path(&root.join("a/b/draft.md")).expect("ok").year,
        Some(2019)
    );
}

#[test]
fn a_broken_file_is_an_error_of_that_file() {
    let d = tempfile::tempdir().expect("tempdir");
    write(d.path(), "gxlint.toml", "year = [\n");
    write(d.path(), "x.md", "# x\n");
    let e = load_for_path(&d.path().join("x.md")).expect_err("broken");
    assert!(e.path.ends_with("gxlint.toml"));
    assert!(e.line.is_some());
}

#[test]
fn extra_phrases_reach_the_rules() {
    let clean = include_str!("../examples/clean-2024.md");
    let text = format!("{clean}\n本页由青山站群系统生成\n");
    let codes = |s: &gxlint::config::Settings| -> Vec<&'static str> {
        gxlint::check(&text, s)
            .diagnostics
            .iter()
            .map(|d| d.code)
            .collect()
    };
    assert!(codes(&gxlint::config::Settings::default()).is_empty());
    let s = parse_config(
        "[extra]\nresidue = [\"本页由青山站群系统生成\"]\n",
        Path::new("gxlint.toml"),
    )
    .expect("valid");
    assert_eq!(codes(&s), ["GX503"]);
}
