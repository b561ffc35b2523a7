//! End-to-end tests of the `gxlint` binary.

use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};

use serde_json::Value;

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_gxlint"))
}

fn run_in(dir: &Path, args: &[&str]) -> Output {
    bin()
        .current_dir(dir)
        .args(args)
        .output()
        .expect("run gxlint")
}

fn run_stdin(dir: &Path, args: &[&str], input: &[u8]) -> Output {
    let mut child = bin()
        .current_dir(dir)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn gxlint");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(input)
        .expect("write stdin");
    child.wait_with_output().expect("wait gxlint")
}

fn code(o: &Output) -> i32 {
    o.status.code().expect("exit code")
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("utf-8 stdout")
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).expect("utf-8 stderr")
}

fn json(o: &Output) -> Value {
    serde_json::from_slice(&o.stdout)
        .unwrap_or_else(|e| panic!("invalid JSON ({e}):\n{}", stdout(o)))
}

fn write(dir: &Path, rel: &str, text: impl AsRef<[u8]>) {
    let p = dir.join(rel);
    std::fs::create_dir_all(p.parent().expect("parent")).expect("mkdir");
    std::fs::write(p, text).expect("write");
}

fn tmp() -> tempfile::TempDir {
    tempfile::tempdir().expect("tempdir")
}

/// A correct 2024 report: gives no diagnostic at all.
const CLEAN: &str = include_str!("../examples/clean-2024.md");
/// The same report with deliberate defects (see README).
const DRAFT: &str = include_str!("../examples/draft-2024.md");

/// A line with Chinese text and a character outside the BMP before an unused suppression
/// comment: GX001 reports the selector `GX303` (the next line holds no table).
const WIDE_LINE: &str = "𠮷字<!-- gxlint-disable-next-line GX303 -->\n";

/// The clean report with `WIDE_LINE` and a line of text appended.
fn wide() -> String {
    format!("{CLEAN}\n{WIDE_LINE}以上。\n")
}

/// 1-based line of the first occurrence of `needle`.
fn line_of(text: &str, needle: &str) -> usize {
    text[..text.find(needle).expect("needle")]
        .matches('\n')
        .count()
        + 1
}

/// Byte range of `needle` in `text`.
fn range_of(text: &str, needle: &str) -> [u64; 2] {
    let s = text.find(needle).expect("needle");
    [s as u64, (s + needle.len()) as u64]
}

fn diags(file: &Value) -> &Vec<Value> {
    file["diagnostics"].as_array().expect("diagnostics array")
}

fn codes(v: &Value) -> Vec<String> {
    v["files"]
        .as_array()
        .expect("files")
        .iter()
        .flat_map(|f| f["diagnostics"].as_array().cloned().unwrap_or_default())
        .map(|d| d["code"].as_str().expect("code").to_string())
        .collect()
}

#[test]
fn json_schema_with_char_columns() {
    let d = tmp();
    let text = wide();
    write(d.path(), "wide.md", &text);
    let o = run_in(d.path(), &["check", "wide.md", "--format", "json"]);
    assert_eq!(code(&o), 0, "info does not fail by default: {}", stderr(&o));
    let v = json(&o);
    assert_eq!(v["version"], 1);
    let files = v["files"].as_array().expect("files");
    assert_eq!(files.len(), 1);
    let f = &files[0];
    assert_eq!(f["path"], "wide.md");
    assert_eq!(f["year"], 2024);
    assert_eq!(f["format"], "2021");
    assert!(f.get("error").is_none());
    let ds = diags(f);
    assert_eq!(ds.len(), 1, "{ds:?}");
    let g = &ds[0];
    assert_eq!(g["code"], "GX001");
    assert_eq!(g["name"], "unused-suppression");
    assert_eq!(g["severity"], "info");
    assert!(g["message"].as_str().expect("message").contains("GX303"));
    // `𠮷字` + `<!-- gxlint-disable-next-line ` = 2 + 30 characters before GX303.
    let line = line_of(&text, "𠮷");
    assert_eq!(g["range"]["start"]["line"], line);
    assert_eq!(g["range"]["start"]["column"], 33);
    assert_eq!(g["range"]["end"]["line"], line);
    assert_eq!(g["range"]["end"]["column"], 38);
    let br = range_of(&text, "GX303");
    assert_eq!(g["byte_range"], serde_json::json!(br));
    let fix = &g["fixes"][0];
    assert_eq!(fix["applicability"], "safe");
    assert!(fix["title"].is_string());
    // The comment shares its line with text: only the comment is deleted.
    let comment = range_of(&text, "<!-- gxlint-disable-next-line GX303 -->");
    assert_eq!(fix["edits"][0]["byte_range"], serde_json::json!(comment));

    // A report with real defects: several rules, sorted by position, fixes with applicability.
    write(d.path(), "draft.md", DRAFT);
    let v = json(&run_in(
        d.path(),
        &["check", "draft.md", "--format", "json"],
    ));
    let ds = diags(&v["files"][0]);
    let starts: Vec<u64> = ds
        .iter()
        .map(|g| g["byte_range"][0].as_u64().expect("start"))
        .collect();
    assert!(starts.windows(2).all(|w| w[0] <= w[1]), "{starts:?}");
    let row = ds
        .iter()
        .find(|g| g["code"] == "GX300")
        .expect("GX300 in the draft");
    assert_eq!(row["name"], "mistyped-figure");
    assert_eq!(row["severity"], "error");
    let [s0, e0] = [
        row["byte_range"][0].as_u64().expect("s"),
        row["byte_range"][1].as_u64().expect("e"),
    ];
    assert_eq!(&DRAFT[s0 as usize..e0 as usize], "7");
    assert_eq!(
        row["range"]["start"]["line"],
        line_of(DRAFT, "| 一、本年新收")
    );
    assert_eq!(row["fixes"][0]["applicability"], "unsafe");
    assert_eq!(row["fixes"][0]["edits"][0]["new_text"], "6");
    let empty = ds
        .iter()
        .find(|g| g["code"] == "GX501")
        .expect("GX501 in the draft");
    assert_eq!(empty["severity"], "warning");
    assert_eq!(fix["edits"][0]["new_text"], "");
}

#[test]
fn year_and_format_overrides_reach_json() {
    let d = tmp();
    write(d.path(), "a.md", "# 报告\n");
    let o = run_in(
        d.path(),
        &["check", "a.md", "--format", "json", "--year", "2019"],
    );
    let v = json(&o);
    assert_eq!(v["files"][0]["year"], 2019);
    assert_eq!(v["files"][0]["format"], "2019");
    let o = run_in(
        d.path(),
        &[
            "check", "a.md", "--format", "json", "--year", "2024", "--format", "pre-2019",
        ],
    );
    let v = json(&o);
    assert_eq!(v["files"][0]["year"], 2024);
    assert_eq!(v["files"][0]["format"], "pre-2019");
    let o = run_in(d.path(), &["check", "a.md", "--format", "yaml"]);
    assert_eq!(code(&o), 2);
    assert!(stderr(&o).contains("yaml"));
}

#[test]
fn bom_is_not_a_column_but_counts_in_bytes() {
    let d = tmp();
    // Only GX001 runs (and GX405, which finds no date): the comment is unused.
    let text = "\u{feff}<!-- gxlint-disable-file GX405 -->\n\n# 某县财政局2024年政府信息公开工作年度报告\n";
    write(d.path(), "bom.md", text);
    let v = json(&run_in(
        d.path(),
        &[
            "check",
            "bom.md",
            "--format",
            "json",
            "--select",
            "GX0,GX405",
        ],
    ));
    assert_eq!(diags(&v["files"][0]).len(), 1);
    let g = &diags(&v["files"][0])[0];
    assert_eq!(g["range"]["start"]["column"], 26);
    assert_eq!(g["byte_range"], serde_json::json!(range_of(text, "GX405")));
}

#[test]
fn human_output_shows_code_name_location_fix_and_summary() {
    let d = tmp();
    let text = wide();
    write(d.path(), "wide.md", &text);
    let o = run_in(d.path(), &["check", "wide.md"]);
    let out = stdout(&o);
    assert!(out.contains("GX001 unused-suppression"), "{out}");
    let loc = format!("wide.md:{}:33", line_of(&text, "𠮷"));
    assert!(out.contains(&loc), "{out}");
    assert!(out.contains("删除这条禁用注释"), "{out}");
    assert!(
        out.contains("发现 1 个问题（错误 0，警告 0，提示 1），检查了 1 个文件"),
        "{out}"
    );
    // The carets sit under `GX303`: 𠮷 and 字 are two columns wide each.
    let src = out
        .lines()
        .find(|l| l.contains("𠮷字"))
        .expect("source line");
    let carets = out.lines().find(|l| l.contains('^')).expect("caret line");
    let prefix = src.find("𠮷").expect("𠮷");
    let width_before = 4 + "<!-- gxlint-disable-next-line ".len();
    assert_eq!(
        carets.find('^'),
        Some(prefix + width_before),
        "\n{src}\n{carets}"
    );
    assert_eq!(carets.matches('^').count(), 5);

    write(d.path(), "clean.md", CLEAN);
    let o = run_in(d.path(), &["check", "clean.md", "--fail-on", "info"]);
    assert_eq!(code(&o), 0, "{}", stdout(&o));
    assert!(
        stdout(&o).contains("未发现问题，检查了 1 个文件"),
        "{}",
        stdout(&o)
    );
}

#[test]
fn sarif_output() {
    let d = tmp();
    let text = wide();
    write(d.path(), "wide.md", &text);
    let line = line_of(&text, "𠮷");
    let o = run_in(d.path(), &["check", "wide.md", "--format", "sarif"]);
    assert_eq!(code(&o), 0);
    let v = json(&o);
    assert_eq!(v["version"], "2.1.0");
    let run = &v["runs"][0];
    assert_eq!(run["columnKind"], "unicodeCodePoints");
    let rules = run["tool"]["driver"]["rules"].as_array().expect("rules");
    assert_eq!(rules.len(), gxlint::rules::ALL.len());
    for r in rules {
        // The rule's page (its rules/docs/CODE.md in the repository named by Cargo.toml); the
        // page's text travels in `help` too (`gxlint explain`).
        assert_eq!(
            r["helpUri"],
            gxlint::docs::default_rule_url(r["id"].as_str().unwrap())
        );
        assert!(
            r["help"]["text"]
                .as_str()
                .expect("help")
                .contains(r["id"].as_str().unwrap())
        );
        assert!(
            !r["fullDescription"]["text"]
                .as_str()
                .expect("fullDescription")
                .is_empty()
        );
    }
    let res = &run["results"][0];
    assert_eq!(res["ruleId"], "GX001");
    assert_eq!(res["level"], "note");
    assert_eq!(
        rules[res["ruleIndex"].as_u64().expect("ruleIndex") as usize]["id"],
        "GX001"
    );
    let region = &res["locations"][0]["physicalLocation"]["region"];
    assert_eq!(region["startLine"], line);
    assert_eq!(region["startColumn"], 33);
    assert_eq!(region["endLine"], line);
    assert_eq!(region["endColumn"], 38);
    assert_eq!(
        res["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
        "wide.md"
    );
    let rep = &res["fixes"][0]["artifactChanges"][0]["replacements"][0];
    let comment = range_of(&text, "<!-- gxlint-disable-next-line GX303 -->");
    assert_eq!(rep["deletedRegion"]["byteOffset"], comment[0]);
    assert_eq!(rep["deletedRegion"]["byteLength"], comment[1] - comment[0]);
    assert_eq!(run["invocations"][0]["executionSuccessful"], true);
}

#[test]
fn github_output() {
    let d = tmp();
    let text = wide();
    write(d.path(), "wide.md", &text);
    let o = run_in(d.path(), &["check", "wide.md", "--format", "github"]);
    let out = stdout(&o);
    let line = out.lines().next().expect("one annotation");
    let n = line_of(&text, "𠮷");
    let expected = format!(
        "::notice file=wide.md,line={n},col=33,endLine={n},endColumn=38,title=GX001 unused-suppression::"
    );
    assert!(line.starts_with(&expected), "{line}");
    assert_eq!(out.lines().count(), 1);
    // Errors and warnings of the draft.
    write(d.path(), "draft.md", DRAFT);
    let out = stdout(&run_in(
        d.path(),
        &["check", "draft.md", "--format", "github"],
    ));
    let n = line_of(DRAFT, "| 一、本年新收");
    assert!(
        out.lines().any(|l| l.starts_with(&format!(
            "::error file=draft.md,line={n},col=46,endLine={n},endColumn=47,title=GX300 mistyped-figure::"
        ))),
        "{out}"
    );
    assert!(
        out.lines()
            .any(|l| l.starts_with("::warning file=draft.md,") && l.contains("GX501"))
    );
}

#[test]
fn exit_codes_and_fail_on() {
    let d = tmp();
    write(d.path(), "wide.md", wide());
    write(d.path(), "clean.md", CLEAN);
    write(d.path(), "draft.md", DRAFT);
    // The draft has an error (GX300) and warnings (GX501, GX503).
    let rc = |args: &[&str]| code(&run_in(d.path(), args));
    assert_eq!(rc(&["check", "draft.md"]), 1);
    assert_eq!(rc(&["check", "draft.md", "--fail-on", "error"]), 1);
    assert_eq!(
        rc(&["check", "draft.md", "--fail-on", "error", "--ignore", "GX3"]),
        0
    );
    assert_eq!(rc(&["check", "draft.md", "--ignore", "GX3"]), 1);
    assert_eq!(
        rc(&["check", "draft.md", "--select", "GX3", "--fail-on", "error"]),
        1
    );
    assert_eq!(rc(&["check", "draft.md", "--fail-on", "never"]), 0);
    assert_eq!(
        rc(&["check", "draft.md", "clean.md", "--fail-on", "never"]),
        0
    );
    assert_eq!(
        rc(&["check", "draft.md", "missing.md", "--fail-on", "never"]),
        2
    );
    assert_eq!(
        code(&run_in(
            d.path(),
            &["check", "clean.md", "--fail-on", "info"]
        )),
        0
    );
    assert_eq!(code(&run_in(d.path(), &["check", "wide.md"])), 0);
    assert_eq!(
        code(&run_in(
            d.path(),
            &["check", "wide.md", "--fail-on", "info"]
        )),
        1
    );
    assert_eq!(
        code(&run_in(
            d.path(),
            &["check", "wide.md", "--fail-on", "warning"]
        )),
        0
    );
    assert_eq!(
        code(&run_in(
            d.path(),
            &["check", "wide.md", "--fail-on", "never"]
        )),
        0
    );
    // Raised to an error by the configuration: fails by default, not with --fail-on never.
    write(
        d.path(),
        "gxlint.toml",
        "[severity]\nunused-suppression = \"error\"\n",
    );
    let o = run_in(d.path(), &["check", "wide.md", "--format", "json"]);
    assert_eq!(code(&o), 1);
    assert_eq!(diags(&json(&o)["files"][0])[0]["severity"], "error");
    assert_eq!(
        code(&run_in(
            d.path(),
            &["check", "wide.md", "--fail-on", "error"]
        )),
        1
    );
    assert_eq!(
        code(&run_in(
            d.path(),
            &["check", "wide.md", "--fail-on", "never"]
        )),
        0
    );
    // Usage and I/O errors.
    assert_eq!(
        code(&run_in(
            d.path(),
            &["check", "wide.md", "--fail-on", "sometimes"]
        )),
        2
    );
    assert_eq!(code(&run_in(d.path(), &["check", "missing.md"])), 2);
    assert_eq!(code(&run_in(d.path(), &["frobnicate"])), 2);
    assert_eq!(
        code(&run_in(d.path(), &["check", "clean.md", "--unsafe-fixes"])),
        2
    );
}

#[test]
fn directory_recursion_only_takes_report_extensions_and_respects_gitignore() {
    let d = tmp();
    for f in [
        "a.md",
        "sub/b.markdown",
        "sub/deep/c.txt",
        "sub/D.MD",
        "ignored/e.md",
    ] {
        write(d.path(), f, CLEAN);
    }
    write(d.path(), "sub/code.rs", "fn main() {}\n");
    write(d.path(), "sub/data.json", "{}\n");
    write(d.path(), ".gitignore", "ignored/\n");
    let o = run_in(d.path(), &["check", ".", "--format", "json"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let v = json(&o);
    let paths: Vec<&str> = v["files"]
        .as_array()
        .expect("files")
        .iter()
        .map(|f| f["path"].as_str().expect("path"))
        .collect();
    assert_eq!(
        paths,
        ["a.md", "sub/D.MD", "sub/b.markdown", "sub/deep/c.txt"]
    );
    // No path at all means the current directory.
    let v = json(&run_in(d.path(), &["check", "--format", "json"]));
    assert_eq!(v["files"].as_array().expect("files").len(), 4);
    // An explicit file is checked whatever its extension.
    let v = json(&run_in(
        d.path(),
        &["check", "sub/code.rs", "--format", "json"],
    ));
    assert_eq!(v["files"][0]["path"], "sub/code.rs");
}

#[test]
fn stdin_with_stdin_filename_and_config_from_its_directory() {
    let d = tmp();
    write(
        d.path(),
        "proj/gxlint.toml",
        "[severity]\nGX001 = \"warning\"\n",
    );
    let o = run_stdin(
        d.path(),
        &[
            "check",
            "-",
            "--stdin-filename",
            "proj/draft.md",
            "--format",
            "json",
        ],
        wide().as_bytes(),
    );
    assert_eq!(code(&o), 1, "a warning now: {}", stderr(&o));
    let v = json(&o);
    let f = &v["files"][0];
    assert_eq!(f["path"], "proj/draft.md");
    assert_eq!(f["year"], 2024);
    assert_eq!(f["format"], "2021");
    assert_eq!(diags(f).len(), 1);
    assert_eq!(diags(f)[0]["severity"], "warning");
    assert_eq!(diags(f)[0]["range"]["start"]["column"], 33);
    // Without a name it is `-`.
    let v = json(&run_stdin(
        d.path(),
        &["check", "-", "--format", "json"],
        b"# x\n",
    ));
    assert_eq!(v["files"][0]["path"], "-");
}

#[test]
fn non_utf8_file_is_reported_and_the_others_still_checked() {
    let d = tmp();
    write(d.path(), "a_good.md", wide());
    // GBK for 报告.
    write(d.path(), "b_gbk.md", b"# \xb1\xa8\xb8\xe6\n");
    let o = run_in(d.path(), &["check", ".", "--format", "json"]);
    assert_eq!(code(&o), 2);
    let v = json(&o);
    let files = v["files"].as_array().expect("files");
    assert_eq!(files.len(), 2);
    assert_eq!(files[0]["path"], "a_good.md");
    assert_eq!(diags(&files[0]).len(), 1);
    assert_eq!(files[1]["path"], "b_gbk.md");
    let err = files[1]["error"].as_str().expect("error field");
    assert!(err.contains("b_gbk.md") && err.contains("UTF-8"), "{err}");
    assert!(files[1].get("diagnostics").is_none());
    // Human: the error on stderr, the other file's diagnostics on stdout.
    let o = run_in(d.path(), &["check", "."]);
    assert_eq!(code(&o), 2);
    assert!(stderr(&o).contains("b_gbk.md"), "{}", stderr(&o));
    let loc = format!("a_good.md:{}:33", line_of(&wide(), "𠮷"));
    assert!(stdout(&o).contains(&loc), "{}", stdout(&o));
}

#[test]
fn select_and_ignore_by_code_name_and_prefix() {
    let d = tmp();
    write(d.path(), "wide.md", wide());
    let count = |args: &[&str]| {
        let mut a = vec!["check", "wide.md", "--format", "json"];
        a.extend_from_slice(args);
        let o = run_in(d.path(), &a);
        assert_eq!(code(&o), 0, "{args:?}: {}", stderr(&o));
        codes(&json(&o)).len()
    };
    assert_eq!(count(&[]), 1);
    assert_eq!(count(&["--ignore", "GX001"]), 0);
    assert_eq!(count(&["--ignore", "unused-suppression"]), 0);
    assert_eq!(count(&["--ignore", "gx0"]), 0);
    assert_eq!(count(&["--ignore", "GX5,GX0"]), 0);
    assert_eq!(count(&["--ignore", "GX5", "--ignore", "GX0"]), 0);
    assert_eq!(count(&["--ignore", "GX5"]), 1);
    assert_eq!(count(&["--select", "GX3"]), 0);
    // GX001 alone: the comment names GX303, which does not run, so it is not "unused".
    assert_eq!(count(&["--select", "GX0"]), 0);
    assert_eq!(count(&["--select", "GX3,unused-suppression"]), 1);
    assert_eq!(count(&["--select", "GX0", "--select", "row-total"]), 1);
    let o = run_in(d.path(), &["check", "wide.md", "--select", "GX999"]);
    assert_eq!(code(&o), 2);
    assert!(stderr(&o).contains("GX999"));
}

#[test]
fn select_and_ignore_on_a_draft_with_real_defects() {
    let d = tmp();
    write(d.path(), "draft.md", DRAFT);
    let found = |args: &[&str]| {
        let mut a = vec!["check", "draft.md", "--format", "json"];
        a.extend_from_slice(args);
        let mut c = codes(&json(&run_in(d.path(), &a)));
        c.sort();
        c.dedup();
        c
    };
    let all = found(&[]);
    // One mistyped total: one GX300 (not GX301 + GX303 + GX601).
    assert!(!all.iter().any(|c| c == "GX301" || c == "GX601"), "{all:?}");
    for code in ["GX300", "GX501", "GX503"] {
        assert!(all.iter().any(|c| c == code), "{code} missing from {all:?}");
    }
    assert_eq!(found(&["--select", "GX303"]), ["GX303"]);
    assert_eq!(found(&["--select", "row-total"]), ["GX303"]);
    // Without GX300 each broken identity is reported by its rule.
    assert_eq!(found(&["--select", "GX301,GX303"]), ["GX301", "GX303"]);
    assert_eq!(found(&["--select", "GX30"]), ["GX300"]);
    assert_eq!(
        found(&["--ignore", "mistyped-figure", "--select", "GX3"]),
        ["GX301", "GX303"]
    );
    // The prose "6件" agrees with what the total should be: never blamed.
    assert_eq!(
        found(&["--select", "GX5,text-applications"]),
        ["GX501", "GX503"]
    );
    assert_eq!(
        found(&["--ignore", "GX3", "--ignore", "web-residue,GX6"]),
        ["GX501"]
    );
    assert_eq!(
        found(&["--select", "GX3", "--ignore", "balance"]),
        ["GX300"]
    );
}

#[test]
fn suppression_of_a_disabled_rule_is_not_reported_unused() {
    // A comment about GX303 cannot be "unused" when GX303 did not run.
    let d = tmp();
    write(d.path(), "wide.md", wide());
    let v = json(&run_in(
        d.path(),
        &["check", "wide.md", "--format", "json", "--ignore", "GX3"],
    ));
    assert!(codes(&v).is_empty(), "{v}");
}

#[test]
fn all_three_kinds_of_unused_suppression_are_reported() {
    let d = tmp();
    let text = format!(
        "{CLEAN}\n<!-- gxlint-disable GX206, empty-field -->\n正文\n<!-- gxlint-enable -->\n\
         <!-- gxlint-disable-next-line GX303 -->\n正文\n<!-- gxlint-disable-file late-publication -->\n\
         <!-- gxlint-disable NOPE -->\n"
    );
    let text = text.as_str();
    write(d.path(), "s.md", text);
    let v = json(&run_in(d.path(), &["check", "s.md", "--format", "json"]));
    let ds = diags(&v["files"][0]);
    let spans: Vec<Value> = ds.iter().map(|g| g["byte_range"].clone()).collect();
    let expect: Vec<Value> = ["GX206", "empty-field", "GX303", "late-publication", "NOPE"]
        .iter()
        .map(|n| serde_json::json!(range_of(text, n)))
        .collect();
    assert_eq!(spans, expect);
    assert!(ds.iter().all(|g| g["code"] == "GX001"));
    assert!(
        ds[4]["message"]
            .as_str()
            .expect("msg")
            .contains("不是已知的规则")
    );
    // An enable comment alone is not a suppression.
    write(
        d.path(),
        "e.md",
        format!("{CLEAN}<!-- gxlint-enable GX206 -->\n"),
    );
    assert!(
        codes(&json(&run_in(
            d.path(),
            &["check", "e.md", "--format", "json"]
        )))
        .is_empty()
    );
}

/// `DRAFT` with `comment` inserted as a line before the line starting with `before`.
fn draft_with(before: &str, comment: &str) -> String {
    let at = DRAFT.find(before).expect("anchor");
    assert!(
        at == 0 || DRAFT.as_bytes()[at - 1] == b'\n',
        "anchor at a line start"
    );
    format!("{}{comment}\n{}", &DRAFT[..at], &DRAFT[at..])
}

#[test]
fn suppression_comments_of_all_three_kinds_suppress() {
    let d = tmp();
    let contact = "本报告电子版";
    let mut text = draft_with(contact, "<!-- gxlint-disable-next-line empty-field -->");
    let residue = text.find("附件下载").expect("residue");
    text.insert_str(residue, "<!-- gxlint-disable GX503 -->\n");
    text.push_str("<!-- gxlint-disable-file mistyped-figure -->\n");
    write(d.path(), "s.md", &text);
    let o = run_in(d.path(), &["check", "s.md", "--format", "json"]);
    let v = json(&o);
    assert_eq!(codes(&v), Vec::<String>::new(), "{v}");
    assert_eq!(code(&o), 0);
    let text = text.replace("mistyped-figure", "row-total");
    write(d.path(), "s.md", &text);
    let o = run_in(d.path(), &["check", "s.md", "--format", "json"]);
    let v = json(&o);
    // row-total has nothing left to suppress (GX300 reports the cell): GX001 says so.
    assert_eq!(codes(&v), ["GX300", "GX001"], "{v}");
    assert_eq!(code(&o), 1);

    // A block closed before the residue suppresses nothing; the next-line comment one line
    // too early neither: both come back, and GX001 reports the comments.
    let mut text = draft_with(contact, "<!-- gxlint-disable-next-line empty-field -->\n");
    let residue = text.find("附件下载").expect("residue");
    text.insert_str(
        residue,
        "<!-- gxlint-disable web-residue --><!-- gxlint-enable web-residue -->\n",
    );
    write(d.path(), "t.md", &text);
    let v = json(&run_in(
        d.path(),
        &["check", "t.md", "--format", "json", "--select", "GX0,GX5"],
    ));
    let mut got = codes(&v);
    got.sort();
    assert_eq!(got, ["GX001", "GX001", "GX501", "GX503", "GX503"], "{v}");
    let g: Vec<&Value> = diags(&v["files"][0])
        .iter()
        .filter(|g| g["code"] == "GX001")
        .collect();
    assert_eq!(
        g[0]["byte_range"],
        serde_json::json!(range_of(&text, "empty-field"))
    );
    assert_eq!(
        g[1]["byte_range"],
        serde_json::json!(range_of(&text, "web-residue"))
    );
}

#[test]
fn config_discovery_walks_up_and_stops_at_the_first() {
    let d = tmp();
    write(
        d.path(),
        "root/gxlint.toml",
        "year = 2024\n[severity]\nGX001 = \"warning\"\n",
    );
    write(d.path(), "root/top.md", wide());
    write(d.path(), "root/a/b/deep.md", wide());
    write(
        d.path(),
        "root/c/gxlint.toml",
        "[severity]\nrow-total = \"info\"\n",
    );
    write(d.path(), "root/c/d/inner.md", wide());
    let o = run_in(d.path(), &["check", "root", "--format", "json"]);
    assert_eq!(code(&o), 1, "warnings fail: {}", stderr(&o));
    let v = json(&o);
    let files = v["files"].as_array().expect("files");
    let by_path = |p: &str| files.iter().find(|f| f["path"] == p).expect(p).clone();
    for p in ["root/a/b/deep.md", "root/top.md"] {
        let f = by_path(p);
        assert_eq!(f["year"], 2024, "{p}");
        assert_eq!(diags(&f)[0]["severity"], "warning", "{p}");
    }
    // The nearer file wins and the outer one is not merged in: GX001 keeps its default.
    let inner = by_path("root/c/d/inner.md");
    assert_eq!(diags(&inner).len(), 1);
    assert_eq!(diags(&inner)[0]["severity"], "info");
    // CLI flags override the file (--year); --ignore adds to the configured ignore list.
    let v = json(&run_in(
        d.path(),
        &["check", "root/top.md", "--format", "json", "--year", "2018"],
    ));
    assert_eq!(v["files"][0]["year"], 2018);
    assert_eq!(v["files"][0]["format"], "pre-2019");
    let v = json(&run_in(
        d.path(),
        &[
            "check",
            "root/top.md",
            "--format",
            "json",
            "--ignore",
            "GX001",
        ],
    ));
    assert!(codes(&v).is_empty());
}

#[test]
fn config_errors_name_file_and_line() {
    let cases: &[(&str, usize, &str)] = &[
        ("year = 2024\n\ncolour = \"red\"\n", 3, "colour"),
        (
            "year = 2024\n[severity]\nGX206 = \"info\"\nGX999 = \"info\"\n",
            4,
            "GX999",
        ),
        ("[severity]\nrow-total = \"fatal\"\n", 2, "fatal"),
        ("select = [\n  \"GX3\",\n  \"GX77\",\n]\n", 3, "GX77"),
        ("format = \"2022\"\n", 1, "2022"),
        ("year = 1066\n", 1, "1066"),
        ("year = \n", 1, ""),
        ("[extra]\nresidue = [\"x\"]\nbogus = 1\n", 3, "bogus"),
    ];
    for (toml, line, needle) in cases {
        let d = tmp();
        write(d.path(), "proj/gxlint.toml", toml);
        write(d.path(), "proj/x.md", "# 报告\n");
        let o = run_in(d.path(), &["check", "proj/x.md"]);
        assert_eq!(code(&o), 2, "{toml}");
        let err = stderr(&o);
        assert!(
            err.contains(&format!("gxlint.toml:{line}:")),
            "{toml:?} → {err}"
        );
        assert!(err.contains(needle), "{toml:?} → {err}");
    }
}

#[test]
fn rules_lists_every_rule() {
    let o = run_in(Path::new("."), &["rules"]);
    assert_eq!(code(&o), 0);
    let out = stdout(&o);
    assert_eq!(out.lines().count(), gxlint::rules::ALL.len());
    let l = out
        .lines()
        .find(|l| l.starts_with("GX303"))
        .expect("GX303 line");
    assert!(l.contains("row-total") && l.contains("error"), "{l}");
    let v = json(&run_in(Path::new("."), &["rules", "--format", "json"]));
    let rules = v["rules"].as_array().expect("rules");
    assert_eq!(rules.len(), gxlint::rules::ALL.len());
    let r = rules.iter().find(|r| r["code"] == "GX001").expect("GX001");
    assert_eq!(r["name"], "unused-suppression");
    assert_eq!(r["severity"], "info");
    assert!(r["summary"].as_str().expect("summary").contains("禁用注释"));
}

#[test]
fn explain_by_code_and_by_name() {
    let by_code = run_in(Path::new("."), &["explain", "GX303"]);
    let by_name = run_in(Path::new("."), &["explain", "row-total"]);
    assert_eq!(code(&by_code), 0);
    assert_eq!(stdout(&by_code), stdout(&by_name));
    assert!(stdout(&by_code).starts_with("# GX303 row-total"));
    assert_eq!(
        stdout(&run_in(Path::new("."), &["explain", "gx001"])).trim_end(),
        gxlint::rules::find("GX001").expect("GX001").doc.trim_end()
    );
    let o = run_in(Path::new("."), &["explain", "GX999"]);
    assert_eq!(code(&o), 2);
    assert!(stderr(&o).contains("GX999"));
}

#[test]
fn new_prints_the_skeleton() {
    let o = run_in(
        Path::new("."),
        &["new", "--year", "2024", "--agency", "某某局"],
    );
    assert_eq!(code(&o), 0);
    assert_eq!(
        stdout(&o),
        gxlint::new::skeleton(2024, Some("某某局"), gxlint::document::TableForm::Markdown)
    );
    let o = run_in(Path::new("."), &["new", "--year", "2024", "--form", "pipe"]);
    assert_eq!(
        stdout(&o),
        gxlint::new::skeleton(2024, None, gxlint::document::TableForm::Pipe)
    );
}

#[test]
fn fix_on_stdin_writes_text_to_stdout_and_report_to_stderr() {
    let d = tmp();
    let o = run_stdin(
        d.path(),
        &[
            "check",
            "-",
            "--fix",
            "--format",
            "json",
            "--stdin-filename",
            "draft.md",
        ],
        DRAFT.as_bytes(),
    );
    assert_eq!(code(&o), 1, "errors remain: {}", stderr(&o));
    let fixed = stdout(&o);
    assert!(
        fixed.starts_with("# 青山市农业农村局2024年政府信息公开工作年度报告\n"),
        "{fixed}"
    );
    // Safe fixes never touch a figure: the broken total is still there.
    assert!(fixed.contains("| 5 | 1 | 0 | 0 | 0 | 0 | 7 |"));
    let report: Value = serde_json::from_slice(&o.stderr).expect("JSON report on stderr");
    let f = &report["files"][0];
    assert_eq!(f["path"], "draft.md");
    let applied = f["fixes_applied"].as_u64().expect("fixes_applied");
    // The report is about the fixed text: its ranges index into what stdout holds.
    for g in diags(f) {
        let [s, e] = [
            g["byte_range"][0].as_u64().expect("s"),
            g["byte_range"][1].as_u64().expect("e"),
        ];
        assert!(fixed.get(s as usize..e as usize).is_some(), "{g}");
    }
    assert!(codes(&report).contains(&"GX300".to_string()));
    assert_eq!(
        applied == 0,
        fixed == DRAFT,
        "fixes_applied agrees with the text"
    );
}

#[test]
fn diff_writes_nothing_and_fix_reports_a_count() {
    let d = tmp();
    write(d.path(), "draft.md", DRAFT);
    let o = run_in(d.path(), &["check", "draft.md", "--diff", "--unsafe-fixes"]);
    assert_ne!(code(&o), 2, "{}", stderr(&o));
    assert!(stderr(&o).contains("未写入任何文件"), "{}", stderr(&o));
    assert_eq!(
        std::fs::read_to_string(d.path().join("draft.md")).expect("read"),
        DRAFT
    );
    let o = run_in(d.path(), &["check", "draft.md", "--fix"]);
    assert_ne!(code(&o), 2, "{}", stderr(&o));
    assert!(stderr(&o).contains("已应用"), "{}", stderr(&o));
    // A clean file is left byte for byte as it was.
    write(d.path(), "clean.md", CLEAN);
    let o = run_in(d.path(), &["check", "clean.md", "--fix", "--unsafe-fixes"]);
    assert_eq!(code(&o), 0, "{}", stdout(&o));
    assert!(stderr(&o).contains("已应用 0 处修复"), "{}", stderr(&o));
    assert_eq!(
        std::fs::read_to_string(d.path().join("clean.md")).expect("read"),
        CLEAN
    );
}
