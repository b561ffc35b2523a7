//! The output options of `gxlint check` (`--output-format`, `--statistics`, `--show-fixes`,
//! `--output-file`, `-q`, `--color`, `--exit-zero`, `--report-format`) as snapshots (`insta`,
//! tests/snapshots/), and the GitLab, JUnit and rdjson outputs checked against their schemas
//! or parsers.

use std::path::Path;
use std::process::{Command, Output};

use serde_json::Value;

fn run(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_gxlint"))
        .current_dir(dir)
        .args(args)
        .env_remove("NO_COLOR")
        .env_remove("CLICOLOR_FORCE")
        .output()
        .expect("run gxlint")
}

fn out(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("utf-8 stdout")
}

fn err(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).expect("utf-8 stderr")
}

fn code(o: &Output) -> i32 {
    o.status.code().expect("exit code")
}

const CLEAN: &str = include_str!("../examples/clean-2024.md");
const DRAFT: &str = include_str!("../examples/draft-2024.md");

/// A directory with `draft.md` (deliberate defects) and `clean.md`.
fn project() -> tempfile::TempDir {
    let d = tempfile::tempdir().expect("tempdir");
    std::fs::write(d.path().join("draft.md"), DRAFT).expect("write");
    std::fs::write(d.path().join("clean.md"), CLEAN).expect("write");
    d
}

/// stdout, then stderr and the exit code, as one snapshot text.
fn shot(o: &Output) -> String {
    format!(
        "{}\n--- stderr ---\n{}--- exit {} ---\n",
        out(o),
        err(o),
        code(o)
    )
}

fn json_of(o: &Output) -> Value {
    serde_json::from_slice(&o.stdout).unwrap_or_else(|e| panic!("JSON ({e}):\n{}", out(o)))
}

#[test]
fn concise_is_one_line_per_finding() {
    let d = project();
    let o = run(
        d.path(),
        &[
            "check",
            "draft.md",
            "clean.md",
            "--output-format",
            "concise",
        ],
    );
    insta::assert_snapshot!("concise", shot(&o));
    // As many lines as findings, each `path:line:col: CODE message`.
    let j = json_of(&run(
        d.path(),
        &["check", "draft.md", "--output-format", "json"],
    ));
    let n = j["files"][0]["diagnostics"]
        .as_array()
        .expect("diags")
        .len();
    let text = out(&o);
    let lines: Vec<&str> = text
        .lines()
        .filter(|l| l.starts_with("draft.md:"))
        .collect();
    assert_eq!(lines.len(), n);
    let re = regex::Regex::new(r"^draft\.md:\d+:\d+: GX\d{3} \S").expect("regex");
    assert!(lines.iter().all(|l| re.is_match(l)), "{text}");
    assert!(!text.contains('\u{1b}'), "no colour into a pipe");
}

#[test]
fn format_is_an_alias_of_output_format_and_report_format_is_split_off() {
    let d = project();
    let a = run(d.path(), &["check", "draft.md", "--output-format", "json"]);
    let b = run(d.path(), &["check", "draft.md", "--format", "json"]);
    assert_eq!(out(&a), out(&b));
    let c = run(d.path(), &["check", "draft.md", "--format", "concise"]);
    let e = run(
        d.path(),
        &["check", "draft.md", "--output-format", "concise"],
    );
    assert_eq!(out(&c), out(&e));
    // human / text: the old names of full.
    let f = run(d.path(), &["check", "draft.md", "--output-format", "full"]);
    let h = run(d.path(), &["check", "draft.md", "--format", "human"]);
    assert_eq!(out(&f), out(&h));
    let r = run(
        d.path(),
        &[
            "check",
            "clean.md",
            "--output-format",
            "json",
            "--report-format",
            "2019",
        ],
    );
    assert_eq!(json_of(&r)["files"][0]["format"], "2019");
    let old = run(
        d.path(),
        &["check", "clean.md", "--format", "json", "--format", "2019"],
    );
    assert_eq!(out(&old), out(&r));
    // Contradictions and bad values are usage errors (exit 2).
    for args in [
        &[
            "check",
            "clean.md",
            "--format",
            "json",
            "--output-format",
            "sarif",
        ][..],
        &[
            "check",
            "clean.md",
            "--format",
            "2021",
            "--report-format",
            "2019",
        ],
        &["check", "clean.md", "--format", "xml"],
        &["check", "clean.md", "--report-format", "2018"],
        &[
            "check",
            "clean.md",
            "--output-format",
            "gitlab",
            "--statistics",
        ],
        &[
            "check",
            "clean.md",
            "--output-format",
            "json",
            "--show-fixes",
        ],
    ] {
        let o = run(d.path(), args);
        assert_eq!(code(&o), 2, "{args:?}: {}", err(&o));
        assert!(out(&o).is_empty());
    }
    insta::assert_snapshot!(
        "usage_errors",
        [
            &[
                "check",
                "clean.md",
                "--format",
                "json",
                "--output-format",
                "sarif"
            ][..],
            &["check", "clean.md", "--format", "xml"],
            &[
                "check",
                "clean.md",
                "--output-format",
                "gitlab",
                "--statistics"
            ],
            &[
                "check",
                "clean.md",
                "--output-format",
                "json",
                "--show-fixes"
            ],
        ]
        .iter()
        .map(|a| err(&run(d.path(), a)))
        .collect::<String>()
    );
}

#[test]
fn statistics_counts_per_rule_and_fixable() {
    let d = project();
    let o = run(d.path(), &["check", "draft.md", "clean.md", "--statistics"]);
    insta::assert_snapshot!("statistics", shot(&o));
    let o = run(
        d.path(),
        &[
            "check",
            "draft.md",
            "--statistics",
            "--output-format",
            "json",
        ],
    );
    let stats = json_of(&o);
    insta::assert_snapshot!("statistics_json", out(&o));
    // The counts agree with the JSON report.
    let j = json_of(&run(
        d.path(),
        &["check", "draft.md", "--output-format", "json"],
    ));
    let diags = j["files"][0]["diagnostics"].as_array().expect("diags");
    for row in stats.as_array().expect("rows") {
        let c = row["code"].as_str().expect("code");
        let of: Vec<&Value> = diags.iter().filter(|d| d["code"] == c).collect();
        assert_eq!(row["count"], of.len(), "{c}");
        let safe = of
            .iter()
            .filter(|d| {
                d["fixes"]
                    .as_array()
                    .is_some_and(|f| f.iter().any(|f| f["applicability"] == "safe"))
            })
            .count();
        assert_eq!(row["fixable"], safe, "{c}");
    }
    let total: u64 = stats
        .as_array()
        .expect("rows")
        .iter()
        .map(|r| r["count"].as_u64().expect("count"))
        .sum();
    assert_eq!(total as usize, diags.len());
}

#[test]
fn show_fixes_lists_what_was_and_what_can_be_fixed() {
    let d = project();
    let o = run(
        d.path(),
        &[
            "check",
            "draft.md",
            "--output-format",
            "concise",
            "--show-fixes",
        ],
    );
    insta::assert_snapshot!("show_fixes_available", shot(&o));
    let o = run(
        d.path(),
        &[
            "check",
            "draft.md",
            "--output-format",
            "concise",
            "--show-fixes",
            "--fix",
        ],
    );
    insta::assert_snapshot!("show_fixes_applied", shot(&o));
    assert_ne!(
        std::fs::read_to_string(d.path().join("draft.md")).expect("read"),
        DRAFT,
        "--fix wrote the file"
    );
}

#[test]
fn quiet_levels() {
    let d = project();
    let normal = run(
        d.path(),
        &["check", "draft.md", "--output-format", "concise"],
    );
    let q = run(
        d.path(),
        &["check", "draft.md", "--output-format", "concise", "-q"],
    );
    insta::assert_snapshot!("quiet", shot(&q));
    // -q drops the summary line only.
    let normal = out(&normal);
    let mut lines: Vec<&str> = normal.lines().collect();
    let summary = lines.pop().expect("summary");
    assert!(summary.starts_with("发现 "), "{summary}");
    assert_eq!(out(&q).lines().collect::<Vec<_>>(), lines);
    assert_eq!(code(&q), 1);
    let qq = run(d.path(), &["check", "draft.md", "-qq"]);
    assert_eq!(
        (out(&qq).as_str(), err(&qq).as_str(), code(&qq)),
        ("", "", 1)
    );
    let qq = run(
        d.path(),
        &["check", "draft.md", "--quiet", "--quiet", "--fix"],
    );
    assert_eq!((out(&qq).as_str(), err(&qq).as_str()), ("", ""));
}

#[test]
fn color_always_never_and_no_color() {
    let d = project();
    let plain = run(
        d.path(),
        &["check", "draft.md", "--output-format", "concise"],
    );
    let never = run(
        d.path(),
        &[
            "check",
            "draft.md",
            "--output-format",
            "concise",
            "--color",
            "never",
        ],
    );
    let always = run(
        d.path(),
        &[
            "check",
            "draft.md",
            "--output-format",
            "concise",
            "--color",
            "always",
        ],
    );
    assert_eq!(out(&plain), out(&never));
    assert!(!out(&plain).contains('\u{1b}'));
    assert!(out(&always).contains("\u{1b}["), "{}", out(&always));
    let full = run(d.path(), &["check", "draft.md", "--color", "always"]);
    assert!(out(&full).contains("\u{1b}["));
    // NO_COLOR: auto gives no colour (here also a pipe); always still colours.
    let o = Command::new(env!("CARGO_BIN_EXE_gxlint"))
        .current_dir(d.path())
        .args([
            "check",
            "draft.md",
            "--output-format",
            "concise",
            "--color",
            "always",
        ])
        .env("NO_COLOR", "1")
        .output()
        .expect("run");
    assert!(out(&o).contains("\u{1b}["));
    // Stripped of its escapes, the coloured output is the plain one.
    let stripped = regex::Regex::new("\u{1b}\\[[0-9;]*m")
        .expect("regex")
        .replace_all(&out(&always), "")
        .into_owned();
    assert_eq!(stripped, out(&plain));
    let bad = run(d.path(), &["check", "draft.md", "--color", "sometimes"]);
    assert_eq!(code(&bad), 2);
}

#[test]
fn exit_zero_and_output_file() {
    let d = project();
    let o = run(d.path(), &["check", "draft.md", "--exit-zero"]);
    assert_eq!(code(&o), 0);
    assert!(out(&o).contains("发现 "));
    // Unreadable input: still 2.
    let o = run(
        d.path(),
        &["check", "draft.md", "missing.md", "--exit-zero"],
    );
    assert_eq!(code(&o), 2);

    let stdout = out(&run(
        d.path(),
        &["check", "draft.md", "--output-format", "json"],
    ));
    let o = run(
        d.path(),
        &[
            "check",
            "draft.md",
            "--output-format",
            "json",
            "--output-file",
            "out/r.json",
        ],
    );
    // The directory does not exist: the report cannot be written (exit 2).
    assert_eq!(code(&o), 2, "{}", err(&o));
    assert!(err(&o).contains("无法写入 out/r.json"), "{}", err(&o));
    std::fs::create_dir(d.path().join("out")).expect("mkdir");
    std::fs::write(d.path().join("out/r.json"), "old").expect("write");
    let o = run(
        d.path(),
        &[
            "check",
            "draft.md",
            "--output-format",
            "json",
            "--output-file",
            "out/r.json",
        ],
    );
    assert_eq!(code(&o), 1);
    assert_eq!(out(&o), "");
    assert_eq!(
        std::fs::read_to_string(d.path().join("out/r.json")).expect("read"),
        stdout
    );
    // No temporary file left behind.
    let names: Vec<_> = std::fs::read_dir(d.path().join("out"))
        .expect("ls")
        .map(|e| e.expect("entry").file_name())
        .collect();
    assert_eq!(names, ["r.json"]);
    // Human output into a file: no colour even with --color always? No: never colour a file.
    let o = run(
        d.path(),
        &[
            "check",
            "draft.md",
            "--color",
            "always",
            "--output-file",
            "out/r.txt",
        ],
    );
    assert_eq!(code(&o), 1);
    let txt = std::fs::read_to_string(d.path().join("out/r.txt")).expect("read");
    assert!(!txt.contains('\u{1b}') && txt.contains("发现 "), "{txt}");
}

#[test]
fn unreadable_files_do_not_read_as_no_problems() {
    let d = project();
    let o = run(d.path(), &["check", "clean.md", "missing.md"]);
    assert_eq!(code(&o), 2);
    let summary = out(&o).lines().last().unwrap_or_default().to_string();
    assert!(!summary.starts_with("未发现问题"), "{summary}");
    insta::assert_snapshot!("unreadable_summary", shot(&o));
}

#[test]
fn help_names_the_new_flags_in_chinese() {
    let d = project();
    let help = out(&run(d.path(), &["check", "--help"]));
    let flags = [
        "--output-format",
        "--format",
        "--report-format",
        "--statistics",
        "--show-fixes",
        "--output-file",
        "--quiet",
        "--color",
        "--exit-zero",
    ];
    // The lines of the new flags (the rest of the help is another test's business).
    let mut lines = Vec::new();
    let all: Vec<&str> = help.lines().collect();
    for (i, l) in all.iter().enumerate() {
        let t = l.trim_start();
        if flags.iter().any(|f| {
            t.starts_with(&format!("{f} ")) || t.starts_with(&format!("-q, {f}")) || *t == **f
        }) {
            lines.push(l.trim_end().to_string());
            // The help text and possible values that follow, up to the next option.
            for n in &all[i + 1..] {
                // The next option (`--x` or `-x,`), not a possible value (`- full: …`).
                let t = n.trim_start();
                if t.starts_with('-') && !t.starts_with("- ")
                    || !n.starts_with(' ') && !n.is_empty()
                {
                    break;
                }
                lines.push(n.trim_end().to_string());
            }
        }
    }
    while lines.last().is_some_and(|l| l.is_empty()) {
        lines.pop();
    }
    insta::assert_snapshot!("help_new_flags", lines.join("\n"));
    for f in flags {
        assert!(lines.iter().any(|l| l.contains(f)), "{f} in the help");
    }
    assert!(
        lines.iter().any(|l| l.contains("rdjson")),
        "the possible values are listed"
    );
}

// ---- formats: GitLab, JUnit, rdjson ----

#[test]
fn gitlab_code_quality_has_the_required_fields() {
    let d = project();
    let o = run(
        d.path(),
        &["check", "draft.md", "clean.md", "--output-format", "gitlab"],
    );
    insta::assert_snapshot!("gitlab", shot(&o));
    let v = json_of(&o);
    let issues = v.as_array().expect("a JSON array");
    let j = json_of(&run(
        d.path(),
        &["check", "draft.md", "--output-format", "json"],
    ));
    let diags = j["files"][0]["diagnostics"].as_array().expect("diags");
    assert_eq!(issues.len(), diags.len());
    let mut prints = std::collections::BTreeSet::new();
    for (i, dg) in issues.iter().zip(diags) {
        assert!(i["description"].as_str().is_some_and(|s| !s.is_empty()));
        assert_eq!(i["check_name"], dg["code"]);
        assert!(
            ["info", "minor", "major", "critical", "blocker"]
                .contains(&i["severity"].as_str().expect("severity"))
        );
        assert_eq!(i["location"]["path"], "draft.md");
        assert_eq!(
            i["location"]["lines"]["begin"],
            dg["range"]["start"]["line"]
        );
        assert!(i["location"]["lines"]["begin"].as_u64().expect("begin") >= 1);
        let f = i["fingerprint"].as_str().expect("fingerprint");
        assert!(prints.insert(f.to_string()), "fingerprints are unique: {f}");
    }
    // Stable when lines move: a line added at the top changes lines, not fingerprints.
    std::fs::write(d.path().join("draft.md"), format!("\n{DRAFT}")).expect("write");
    let moved = json_of(&run(
        d.path(),
        &["check", "draft.md", "--output-format", "gitlab"],
    ));
    let moved_prints: std::collections::BTreeSet<String> = moved
        .as_array()
        .expect("array")
        .iter()
        .map(|i| i["fingerprint"].as_str().expect("fp").to_string())
        .collect();
    assert_eq!(moved_prints, prints);
}

#[test]
fn rdjson_validates_against_reviewdogs_schema() {
    let schema: Value =
        serde_json::from_str(include_str!("schemas/rdjson-DiagnosticResult.json")).expect("schema");
    let validator = jsonschema::validator_for(&schema).expect("a valid schema");
    let d = project();
    let o = run(
        d.path(),
        &["check", "draft.md", "clean.md", "--output-format", "rdjson"],
    );
    insta::assert_snapshot!("rdjson", shot(&o));
    let v = json_of(&o);
    let errors: Vec<String> = validator.iter_errors(&v).map(|e| e.to_string()).collect();
    assert!(errors.is_empty(), "{errors:#?}");
    // The validator does reject a wrong document (a severity the format does not know).
    let mut bad = v.clone();
    bad["diagnostics"][0]["severity"] = "FATAL".into();
    assert!(!validator.is_valid(&bad));
    // Columns are UTF-8 bytes: the JSON report's char columns differ on Chinese lines.
    let j = json_of(&run(
        d.path(),
        &["check", "draft.md", "--output-format", "json"],
    ));
    let diags = j["files"][0]["diagnostics"].as_array().expect("diags");
    let rd = v["diagnostics"].as_array().expect("diagnostics");
    assert_eq!(rd.len(), diags.len());
    for (r, dg) in rd.iter().zip(diags) {
        let [start, _] = [dg["byte_range"][0].as_u64().expect("start"), 0];
        let line_start = DRAFT[..start as usize].rfind('\n').map_or(0, |i| i + 1);
        assert_eq!(
            r["location"]["range"]["start"]["column"].as_u64(),
            Some(start - line_start as u64 + 1)
        );
        assert_eq!(
            r["location"]["range"]["start"]["line"],
            dg["range"]["start"]["line"]
        );
        assert_eq!(r["code"]["value"], dg["code"]);
    }
}

/// (testcases, failures) of a JUnit document, read with quick-xml.
fn junit_counts(xml: &str) -> (usize, usize, Vec<String>) {
    use quick_xml::events::Event;
    let mut r = quick_xml::Reader::from_str(xml);
    let (mut cases, mut failures, mut types) = (0, 0, Vec::new());
    loop {
        match r.read_event().expect("well-formed XML") {
            Event::Start(e) | Event::Empty(e) => match e.name().as_ref() {
                b"testcase" => cases += 1,
                b"failure" => {
                    failures += 1;
                    let t = e
                        .try_get_attribute("type")
                        .expect("attr")
                        .expect("type attribute");
                    types.push(String::from_utf8(t.value.to_vec()).expect("utf-8"));
                }
                _ => {}
            },
            Event::Eof => break,
            _ => {}
        }
    }
    (cases, failures, types)
}

#[test]
fn junit_parses_and_counts_one_failure_per_finding() {
    let d = project();
    std::fs::write(d.path().join("notes.md"), "# 会议纪要\n\n随便写写。\n").expect("write");
    let o = run(
        d.path(),
        &[
            "check",
            "draft.md",
            "clean.md",
            "notes.md",
            "missing.md",
            "--output-format",
            "junit",
        ],
    );
    insta::assert_snapshot!("junit", shot(&o));
    let xml = out(&o);
    let j = json_of(&run(
        d.path(),
        &["check", "draft.md", "--output-format", "json"],
    ));
    let diags = j["files"][0]["diagnostics"].as_array().expect("diags");
    let (cases, failures, types) = junit_counts(&xml);
    assert_eq!(failures, diags.len());
    // One per finding, plus one each for the clean file, the non-report and the missing file.
    assert_eq!(cases, diags.len() + 3);
    let codes: Vec<String> = diags
        .iter()
        .map(|d| d["code"].as_str().expect("code").to_string())
        .collect();
    assert_eq!(types, codes);

    // The real tool: python's junitparser, when it is installed.
    let file = d.path().join("junit.xml");
    std::fs::write(&file, &xml).expect("write");
    let script = "import sys, junitparser\n\
        x = junitparser.JUnitXml.fromfile(sys.argv[1])\n\
        cases = [c for s in x for c in s]\n\
        fails = [r for c in cases for r in c.result if isinstance(r, junitparser.Failure)]\n\
        print(len(cases), len(fails), x.failures, x.errors)\n";
    match Command::new("python3")
        .args(["-c", script])
        .arg(&file)
        .output()
    {
        Ok(p) if p.status.success() => {
            let got = String::from_utf8_lossy(&p.stdout).trim().to_string();
            assert_eq!(
                got,
                format!("{} {} {} 1", diags.len() + 3, diags.len(), diags.len())
            );
        }
        Ok(p) if String::from_utf8_lossy(&p.stderr).contains("No module named 'junitparser'") => {
            eprintln!(
                "\n!!!!!!!! SKIPPED: python junitparser check: junitparser is not installed \
                 (pip install junitparser)\n"
            )
        }
        Ok(p) => panic!(
            "junitparser rejects the output:\n{}",
            String::from_utf8_lossy(&p.stderr)
        ),
        Err(e) => eprintln!("\n!!!!!!!! SKIPPED: python junitparser check: no python3 ({e})\n"),
    }
}
