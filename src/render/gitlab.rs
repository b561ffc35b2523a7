//! `--output-format gitlab`: a GitLab Code Quality report (a JSON array of issues with
//! `description`, `check_name`, `fingerprint`, `severity`, `location.path`, `location.lines`).
//!
//! The fingerprint is stable across runs and line moves: SipHash-1-3 (fixed keys) of the path,
//! the code, the message and the finding's rank among identical ones of the same file.
//! A file that could not be read has no place in the format: the CLI reports it on stderr.

use std::collections::HashMap;
use std::hash::Hasher;

use serde::Serialize;

use super::{FileResult, Positions};
use crate::diagnostic::Severity;

#[derive(Debug, Serialize)]
pub struct Issue {
    #[serde(rename = "type")]
    pub kind: &'static str,
    pub description: String,
    pub check_name: String,
    pub fingerprint: String,
    pub severity: &'static str,
    pub categories: [&'static str; 1],
    pub location: Location,
}

#[derive(Debug, Serialize)]
pub struct Location {
    pub path: String,
    pub lines: Lines,
}

#[derive(Debug, Serialize)]
pub struct Lines {
    pub begin: usize,
    pub end: usize,
}

fn severity(s: Severity) -> &'static str {
    match s {
        Severity::Error => "major",
        Severity::Warning => "minor",
        Severity::Info => "info",
    }
}

fn fingerprint(path: &str, code: &str, message: &str, rank: usize) -> String {
    let mut h = siphasher::sip128::SipHasher13::new();
    for part in [path, code, message] {
        h.write(part.as_bytes());
        h.write_u8(0);
    }
    h.write_usize(rank);
    format!(
        "{:032x}",
        siphasher::sip128::Hasher128::finish128(&h).as_u128()
    )
}

pub fn issues(files: &[FileResult]) -> Vec<Issue> {
    let mut out = Vec::new();
    for f in files {
        let pos = Positions::new(&f.text);
        let mut seen: HashMap<(&str, &str), usize> = HashMap::new();
        for d in f.diagnostics() {
            let rank = seen.entry((d.code, d.message.as_str())).or_insert(0);
            let (begin, _) = pos.at(d.span.start);
            let (end, _) = pos.at(d.span.end);
            let description = match f.locate(d.span.start) {
                Some(p) => format!("{} {}：{}（{p}）", d.code, d.name, d.message),
                None => format!("{} {}：{}", d.code, d.name, d.message),
            };
            out.push(Issue {
                kind: "issue",
                description,
                check_name: d.code.to_string(),
                fingerprint: fingerprint(&f.path, d.code, &d.message, *rank),
                severity: severity(d.severity),
                categories: ["Style"],
                location: Location {
                    path: f.path.replace('\\', "/"),
                    lines: Lines { begin, end },
                },
            });
            *rank += 1;
        }
    }
    out
}

pub fn render(files: &[FileResult]) -> String {
    let mut s = serde_json::to_string_pretty(&issues(files)).unwrap_or_default();
    s.push('\n');
    s
}
