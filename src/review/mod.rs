//! `gxlint review`: a reviewer's batch of many agencies' reports, as data for one page.
//!
//! The flow is the check's, widened to a batch: every input is read and checked in parallel
//! ([`review`]), each report reduced to a [`Report`] (agency, year, format, publication date, the
//! key figures, its findings with source excerpts); then the reports of one agency in consecutive
//! years are checked against each other (GX701, [`cross`]). The renderers ([`html`], [`csv`],
//! [`xlsx`]) only read the [`Batch`].

pub mod cross;
pub mod csv;
pub mod html;
pub mod xlsx;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use serde::Serialize;

use crate::config::Settings;
use crate::diagnostic::{Diagnostic, Severity};
use crate::document::{Date, Document, TableKind};
use crate::line_index::ColumnUnit;
use crate::rules::gx701_carry_over::Facts;

/// Where an input's text comes from.
#[derive(Debug, Clone)]
pub enum Source {
    File(PathBuf),
    /// Already in memory (tests, standard input).
    Text(String),
    /// Could not be listed (a walk error, a missing path): the message.
    Failed(String),
}

/// One input of a batch: its name in the output, its text, and the settings that apply to it.
#[derive(Debug, Clone)]
pub struct Input {
    pub display: String,
    pub source: Source,
    pub settings: Settings,
}

/// Reads one file's text: the one place where `gxlint review` turns a file into text, through
/// the same layers as `gxlint check` (a regular file within the size limit, then the input
/// layer: UTF-8, GBK/GB18030, UTF-16, `.docx`, saved pages). The error names the file.
pub fn read_text(path: &Path, display: &str) -> Result<String, String> {
    let bytes = crate::files::read_regular(path, crate::files::DEFAULT_MAX_SIZE)
        .map_err(|e| format!("无法读取 {display}：{e}"))?;
    crate::input::from_bytes(display, &bytes)
        .map(|input| input.text)
        .map_err(|e| e.to_string())
}

/// What became of a report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// No finding.
    Clean,
    /// Infos only.
    Info,
    Warning,
    Error,
    /// Not recognisable as a report (no title, no section heading): skipped.
    Skipped,
    /// Could not be read.
    Unreadable,
}

impl Status {
    pub fn label(self) -> &'static str {
        match self {
            Status::Clean => "通过",
            Status::Info => "提示",
            Status::Warning => "警告",
            Status::Error => "错误",
            Status::Skipped => "非年报",
            Status::Unreadable => "无法读取",
        }
    }
}

/// One finding, ready to show: position, message, expected value and a source excerpt.
#[derive(Debug, Clone, Serialize)]
pub struct Finding {
    pub code: &'static str,
    pub name: &'static str,
    pub severity: Severity,
    pub message: String,
    pub expected: Option<String>,
    /// The figure as written at the finding (when it is one cell).
    pub actual: Option<String>,
    /// 1-based line and column (characters).
    pub line: usize,
    pub column: usize,
    /// The line before, the line, the line after (each cut to a window around the span).
    pub before: String,
    pub text: String,
    pub after: String,
    /// The highlighted part of `text`, in characters: [start, end).
    pub mark: (usize, usize),
    pub related: Vec<String>,
}

/// The figures a reviewer compares across reports (totals column).
#[derive(Debug, Clone, Default, Serialize)]
pub struct Figures {
    /// 表三 一、本年新收 总计.
    pub new: Option<i64>,
    /// 表三 二、上年结转 总计.
    pub carry: Option<i64>,
    /// 表三 （七）总计 总计.
    pub results: Option<i64>,
    /// 表三 四、结转下年度继续办理 总计.
    pub next: Option<i64>,
    /// 表四 行政复议 总计.
    pub review: Option<i64>,
    /// 表四 行政诉讼 未经复议直接起诉 总计.
    pub suit_direct: Option<i64>,
    /// 表四 行政诉讼 复议后起诉 总计.
    pub suit_after: Option<i64>,
}

/// One input of the batch, reduced to what the page shows.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    pub path: String,
    /// The agency named in the title (folded: no spaces, half-width punctuation).
    pub agency: Option<String>,
    pub year: Option<i32>,
    pub format: &'static str,
    /// The publication date (`YYYY-MM-DD`).
    pub published: Option<String>,
    pub status: Status,
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
    /// A GX405 finding.
    pub late: bool,
    /// A GX201 finding.
    pub stale: bool,
    pub figures: Figures,
    pub findings: Vec<Finding>,
    /// Why the file could not be read.
    pub error: Option<String>,
}

impl Report {
    fn recount(&mut self) {
        let n = |s| self.findings.iter().filter(|f| f.severity == s).count();
        (self.errors, self.warnings, self.infos) =
            (n(Severity::Error), n(Severity::Warning), n(Severity::Info));
        self.late = self.findings.iter().any(|f| f.code == "GX405");
        self.stale = self.findings.iter().any(|f| f.code == "GX201");
        if matches!(self.status, Status::Skipped | Status::Unreadable) {
            return;
        }
        self.status = if self.errors > 0 {
            Status::Error
        } else if self.warnings > 0 {
            Status::Warning
        } else if self.infos > 0 {
            Status::Info
        } else {
            Status::Clean
        };
    }
}

/// The reviewed batch, sorted by path.
#[derive(Debug, Clone, Default)]
pub struct Batch {
    pub reports: Vec<Report>,
    /// Pairs of one agency's reports in consecutive years that were checked against each other.
    pub pairs: usize,
}

/// The agency named in a report's title: the text before the year (`XX局2024年…`), or between
/// the year and `政府信息公开` (`2024年度XX局政府信息公开…`), folded.
pub fn agency_name(doc: &Document) -> Option<String> {
    agency_from_title(doc.text, doc.title.as_ref()?)
}

/// [`agency_name`] from a title found in `text`.
pub fn agency_from_title(text: &str, title: &crate::document::Title) -> Option<String> {
    let line = text.get(title.span.clone())?;
    let name = match &title.year_span {
        Some(y) if y.start > title.span.start => text.get(title.span.start..y.start)?,
        Some(y) => {
            let after = text.get(y.end..title.span.end)?;
            let after = after.trim_start_matches(['年', '度', ' ', '　']);
            after.split("政府信息公开").next().unwrap_or("")
        }
        None => line.split("政府信息公开").next().unwrap_or(""),
    };
    let name = crate::fold::fold(name);
    let name = name.trim_end_matches(['(', ')', '[', ']', '-', '_', ':', '|']);
    (!name.is_empty() && name.chars().count() <= 60).then(|| name.to_string())
}

fn figures(doc: &Document) -> Figures {
    let total = |id: &str| {
        let row = doc.table(TableKind::Requests)?.row(id)?;
        row.values.get(6)?.value.as_int()
    };
    let appeal = |i: usize| {
        let row = doc.table(TableKind::Appeals)?.row("appeals")?;
        row.values.get(i)?.value.as_int()
    };
    Figures {
        new: total("new"),
        carry: total("carry"),
        results: total("r7"),
        next: total("next"),
        review: appeal(4),
        suit_direct: appeal(9),
        suit_after: appeal(14),
    }
}

/// The publication date: as GX405 reads it, the earliest date after the report year, else the
/// first date found.
fn publication(doc: &Document) -> Option<Date> {
    let dates = &doc.publication_dates;
    let after = doc.year.and_then(|n| {
        dates
            .iter()
            .filter(|d| d.date.year > n)
            .map(|d| d.date)
            .min()
    });
    after.or_else(|| dates.first().map(|d| d.date))
}

const EXCERPT_CHARS: usize = 120;

/// A window of at most `EXCERPT_CHARS` characters of `line` around [a, b) (character offsets);
/// returns the window and the mark within it.
fn window(line: &str, a: usize, b: usize) -> (String, (usize, usize)) {
    let chars: Vec<char> = line.chars().collect();
    let n = chars.len();
    let (a, b) = (a.min(n), b.clamp(a.min(n), n));
    if n <= EXCERPT_CHARS {
        return (line.to_string(), (a, b));
    }
    let width = EXCERPT_CHARS.max(b - a);
    let start = a.saturating_sub((width - (b - a)) / 2).min(n - width);
    let end = (start + width).min(n);
    let mut s = String::new();
    let mut off = 0;
    if start > 0 {
        s.push('…');
        off = 1;
    }
    s.extend(&chars[start..end]);
    if end < n {
        s.push('…');
    }
    (s, (a - start + off, b.min(end) - start + off))
}

fn line_text<'t>(doc: &Document<'t>, line: usize) -> &'t str {
    let (Some(a), Some(b)) = (
        doc.lines.line_start(line),
        doc.lines.line_end(doc.text, line),
    ) else {
        return "";
    };
    doc.text
        .get(a..b)
        .unwrap_or("")
        .trim_end_matches(['\r', '\n'])
}

fn short(s: &str) -> String {
    window(s, 0, 0).0
}

/// A diagnostic as a [`Finding`] of `doc`.
pub fn finding(doc: &Document, d: &Diagnostic) -> Finding {
    let text = doc.text;
    let start = d.span.start.min(text.len());
    let (line, col) = doc.lines.position(text, start, ColumnUnit::Char);
    let line_str = line_text(doc, line);
    let line_start = doc.lines.line_start(line).unwrap_or(0);
    // The mark ends at the span's end or the line's end, whichever comes first.
    let end = d.span.end.clamp(start, line_start + line_str.len());
    let mark_end = text
        .get(line_start..end)
        .map(|s| s.chars().count())
        .unwrap_or(col);
    let (excerpt, mark) = window(line_str, col, mark_end.max(col));
    let actual = text
        .get(start..d.span.end.min(text.len()))
        .filter(|s| !s.is_empty() && s.chars().count() <= 20 && !s.contains('\n'))
        .map(str::to_string);
    let bom = line == 0 && text.starts_with('\u{feff}');
    Finding {
        code: d.code,
        name: d.name,
        severity: d.severity,
        message: d.message.clone(),
        expected: d.expected.clone(),
        actual: d.expected.as_ref().and(actual),
        line: line + 1,
        column: if bom { col } else { col + 1 },
        before: if line > 0 {
            short(line_text(doc, line - 1))
        } else {
            String::new()
        },
        text: excerpt,
        after: short(line_text(doc, line + 1)),
        mark,
        related: d.related.iter().map(|r| r.message.clone()).collect(),
    }
}

/// Everything the parallel pass keeps of one input.
struct Read {
    report: Report,
    text: Option<String>,
    facts: Option<Facts>,
}

fn read_one(input: &Input) -> Read {
    let unreadable = |message: String| Read {
        report: Report {
            path: input.display.clone(),
            agency: None,
            year: None,
            format: "",
            published: None,
            status: Status::Unreadable,
            errors: 0,
            warnings: 0,
            infos: 0,
            late: false,
            stale: false,
            figures: Figures::default(),
            findings: Vec::new(),
            error: Some(message),
        },
        text: None,
        facts: None,
    };
    let text = match &input.source {
        Source::File(p) => match read_text(p, &input.display) {
            Ok(t) => t,
            Err(m) => return unreadable(m),
        },
        Source::Text(t) => t.clone(),
        Source::Failed(m) => return unreadable(m.clone()),
    };
    let doc = Document::parse(&text, &input.settings.parse_options());
    let is_report = crate::document::meta::looks_like_report(&doc);
    let diagnostics = if is_report {
        crate::lint(&doc, &input.settings)
    } else {
        Vec::new()
    };
    let mut report = Report {
        path: input.display.clone(),
        agency: agency_name(&doc),
        year: doc.year,
        format: doc.format.as_str(),
        published: publication(&doc).map(|d| format!("{:04}-{:02}-{:02}", d.year, d.month, d.day)),
        status: if is_report {
            Status::Clean
        } else {
            Status::Skipped
        },
        errors: 0,
        warnings: 0,
        infos: 0,
        late: false,
        stale: false,
        figures: figures(&doc),
        findings: diagnostics.iter().map(|d| finding(&doc, d)).collect(),
        error: None,
    };
    report.recount();
    let facts = if is_report
        && report.agency.is_some()
        && input
            .settings
            .enabled(&crate::rules::gx701_carry_over::RULE)
    {
        Facts::from_document(&doc)
    } else {
        None
    };
    drop(doc);
    Read {
        report,
        text: facts.is_some().then_some(text),
        facts,
    }
}

/// Reviews a batch: every input read and checked in parallel (`tick` is called once per input
/// done, from any thread), then the cross-year checks; reports sorted by path.
pub fn review(inputs: &[Input], tick: &(dyn Fn() + Sync)) -> Batch {
    let mut reads: Vec<(usize, Read)> = inputs
        .par_iter()
        .enumerate()
        .map(|(i, input)| {
            let r = read_one(input);
            tick();
            (i, r)
        })
        .collect();
    reads.sort_by(|a, b| a.1.report.path.cmp(&b.1.report.path).then(a.0.cmp(&b.0)));

    // Cross-year: the reports of one agency in consecutive years.
    let keys: Vec<Option<(String, i32)>> = reads
        .iter()
        .map(|(_, r)| {
            r.facts.as_ref()?;
            Some((r.report.agency.clone()?, r.report.year?))
        })
        .collect();
    let pairs = cross::pairs(&keys);
    let mut by_cur: BTreeMap<usize, Vec<Diagnostic>> = BTreeMap::new();
    for &(p, c) in &pairs {
        let (Some(pf), Some(cf)) = (&reads[p].1.facts, &reads[c].1.facts) else {
            continue;
        };
        let found = crate::rules::gx701_carry_over::check_pair(pf, &reads[p].1.report.path, cf);
        if !found.is_empty() {
            by_cur.entry(c).or_default().extend(found);
        }
    }
    for (c, diags) in by_cur {
        let (i, read) = &mut reads[c];
        let Some(text) = &read.text else { continue };
        let settings = &inputs[*i].settings;
        let doc = Document::parse(text, &settings.parse_options());
        let kept = cross::finish(diags, &doc, settings);
        read.report
            .findings
            .extend(kept.iter().map(|d| finding(&doc, d)));
        read.report
            .findings
            .sort_by(|a, b| (a.line, a.column, a.code).cmp(&(b.line, b.column, b.code)));
        read.report.recount();
    }
    Batch {
        reports: reads.into_iter().map(|(_, r)| r.report).collect(),
        pairs: pairs.len(),
    }
}

/// Summary figures of a batch (for the page, the CSV and the workbook).
#[derive(Debug, Clone, Default, Serialize)]
pub struct Summary {
    pub files: usize,
    /// Reports checked (not skipped, not unreadable).
    pub reports: usize,
    pub skipped: usize,
    pub unreadable: usize,
    pub with_errors: usize,
    pub with_warnings: usize,
    pub clean: usize,
    pub findings: usize,
    /// Reports by format version, by year.
    pub by_format: BTreeMap<String, usize>,
    pub by_year: BTreeMap<String, usize>,
    /// (code, name, findings, reports), most findings first.
    pub top: Vec<(String, String, usize, usize)>,
    pub late: usize,
    pub stale: usize,
    pub pairs: usize,
}

impl Batch {
    pub fn summary(&self) -> Summary {
        let mut s = Summary {
            files: self.reports.len(),
            pairs: self.pairs,
            ..Summary::default()
        };
        let mut top: BTreeMap<&str, (&str, usize, usize)> = BTreeMap::new();
        for r in &self.reports {
            match r.status {
                Status::Skipped => s.skipped += 1,
                Status::Unreadable => s.unreadable += 1,
                _ => {
                    s.reports += 1;
                    *s.by_format.entry(r.format.to_string()).or_default() += 1;
                    let y = r
                        .year
                        .map(|y| y.to_string())
                        .unwrap_or_else(|| "未知".into());
                    *s.by_year.entry(y).or_default() += 1;
                }
            }
            match r.status {
                Status::Error => s.with_errors += 1,
                Status::Warning => s.with_warnings += 1,
                Status::Clean => s.clean += 1,
                _ => {}
            }
            s.late += usize::from(r.late);
            s.stale += usize::from(r.stale);
            s.findings += r.findings.len();
            let mut seen = Vec::new();
            for f in &r.findings {
                let e = top.entry(f.code).or_insert((f.name, 0, 0));
                e.1 += 1;
                if !seen.contains(&f.code) {
                    seen.push(f.code);
                    e.2 += 1;
                }
            }
        }
        let mut top: Vec<_> = top
            .into_iter()
            .map(|(c, (n, f, r))| (c.to_string(), n.to_string(), f, r))
            .collect();
        top.sort_by(|a, b| b.2.cmp(&a.2).then(a.0.cmp(&b.0)));
        s.top = top;
        s
    }
}
