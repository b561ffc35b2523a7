//! Human output: codespan-reporting snippets (it measures wide characters, so carets line up
//! under Chinese text), the fix titles as notes, and a summary line.
//!
//! A long line is not printed whole for every label: each snippet shows a window of about
//! [`WINDOW`] characters either side of the label's ends, with `…` where the line is cut, and the
//! header keeps the exact line and column in the whole text (as ruff and rustc do). The severity
//! is shown in Chinese (错误/警告/提示).

use std::cell::Cell;
use std::collections::BTreeMap;
use std::ops::Range;

use codespan_reporting::diagnostic::{Diagnostic as CsDiagnostic, Label, Severity as CsSeverity};
use codespan_reporting::files::{Error as FilesError, Files};
use codespan_reporting::term::termcolor::{ColorSpec, HyperlinkSpec, WriteColor};
use codespan_reporting::term::{self, Config};

use super::{FileResult, counts};
use crate::diagnostic::{Applicability, Diagnostic, Severity, Span};

/// A span moved onto character boundaries inside `text`.
fn clamp(text: &str, span: &Span) -> Span {
    let fix = |mut o: usize| {
        o = o.min(text.len());
        while !text.is_char_boundary(o) {
            o -= 1;
        }
        o
    };
    let s = fix(span.start);
    let e = fix(span.end).max(s);
    s..e
}

fn to_codespan(d: &Diagnostic, snippet: &Snippet, place: Option<String>) -> CsDiagnostic<()> {
    let sev = match d.severity {
        Severity::Error => CsSeverity::Error,
        Severity::Warning => CsSeverity::Warning,
        Severity::Info => CsSeverity::Note,
    };
    let primary = Label::primary((), snippet.label(0)).with_message(
        d.expected
            .as_ref()
            .map(|e| format!("应为 {e}"))
            .unwrap_or_default(),
    );
    let mut labels = vec![primary];
    for (i, r) in d.related.iter().enumerate() {
        labels.push(Label::secondary((), snippet.label(i + 1)).with_message(r.message.clone()));
    }
    let notes = place
        .map(|p| format!("位置：{p}"))
        .into_iter()
        .chain(d.fixes.iter().map(|f| match f.applicability {
            Applicability::Safe => format!("修复：{}（安全，--fix 可自动应用）", f.title),
            Applicability::Unsafe => {
                format!("修复：{}（需确认，--fix --unsafe-fixes 才会应用）", f.title)
            }
        }))
        .collect::<Vec<String>>();
    CsDiagnostic::new(sev)
        .with_code(format!("{} {}", d.code, d.name))
        .with_message(d.message.clone())
        .with_labels(labels)
        .with_notes(notes)
}

/// Characters shown either side of a label's start and end on a long line.
pub const WINDOW: usize = 60;
/// Lines up to this many bytes (about 200 Chinese characters: a long paragraph) are shown whole.
const LONG_LINE: usize = 600;

/// One file's text and line starts, measured once for all its diagnostics.
struct Source<'t> {
    text: &'t str,
    line_starts: Vec<usize>,
    /// The last column measured (byte, its 0-based column in chars) on the line starting at
    /// the first value: the next one on that line is counted from there.
    column: Cell<(usize, usize, usize)>,
}

impl<'t> Source<'t> {
    fn new(text: &'t str) -> Self {
        let mut line_starts = vec![0];
        line_starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1));
        Source {
            text,
            line_starts,
            column: Cell::new((usize::MAX, 0, 0)),
        }
    }

    fn line_of(&self, byte: usize) -> usize {
        self.line_starts.partition_point(|&s| s <= byte) - 1
    }

    /// Content of line `i` without its line break.
    fn line(&self, i: usize) -> Range<usize> {
        let start = self.line_starts[i];
        let end = self
            .line_starts
            .get(i + 1)
            .map_or(self.text.len(), |&n| n - 1);
        let end = if end > start && self.text.as_bytes()[end - 1] == b'\r' {
            end - 1
        } else {
            end
        };
        start..end.max(start)
    }

    /// 0-based column in chars of `byte` on the line starting at `line_start`.
    fn column(&self, line_start: usize, byte: usize) -> usize {
        let (ls, b, c) = self.column.get();
        let col = if ls == line_start && b <= byte {
            c + self.text[b..byte].chars().count()
        } else {
            self.text[line_start..byte].chars().count()
        };
        self.column.set((line_start, byte, col));
        col
    }
}

/// A shown line of a [`Snippet`]: its range in the snippet's source, and the pieces of the
/// original line it shows (snippet offset, original offset, length).
struct ShownLine {
    range: Range<usize>,
    pieces: Vec<(usize, usize, usize)>,
}

/// What codespan-reporting sees of a file for one diagnostic: only the lines it shows, each cut
/// to windows around the labels when long. Line numbers and header columns are the original ones.
struct Snippet<'s, 't> {
    file: &'s Source<'t>,
    name: &'s str,
    source: String,
    /// Original line index → its shown form.
    lines: BTreeMap<usize, ShownLine>,
    /// The labels' spans in `source`.
    labels: Vec<Range<usize>>,
}

/// `at` moved back (or on) by `n` characters, not before `floor`.
fn back_chars(text: &str, at: usize, n: usize, floor: usize) -> usize {
    text[floor..at]
        .char_indices()
        .rev()
        .nth(n.saturating_sub(1))
        .map_or(floor, |(i, _)| floor + i)
}

/// `at` moved forward by `n` characters, not past `ceil`.
fn forward_chars(text: &str, at: usize, n: usize, ceil: usize) -> usize {
    text[at..ceil]
        .char_indices()
        .nth(n)
        .map_or(ceil, |(i, _)| at + i)
}

impl<'s, 't> Snippet<'s, 't> {
    fn new(file: &'s Source<'t>, name: &'s str, spans: &[Range<usize>]) -> Self {
        let text = file.text;
        let last_line = file.line_starts.len() - 1;
        // Points of interest per line (offsets in the text), and the lines codespan-reporting
        // may print: each label's first and last line, the context it shows of a multi-line
        // label (3 lines after the start, 1 before the end), and one line either side (it
        // prints a single line between two shown ones).
        let mut points: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
        for sp in spans {
            let (a, b) = (file.line_of(sp.start), file.line_of(sp.end));
            points
                .entry(a)
                .or_default()
                .extend([sp.start, sp.end.min(file.line(a).end)]);
            points
                .entry(b)
                .or_default()
                .extend([sp.end, sp.start.max(file.line_starts[b])]);
            for l in (a + 1..=(a + 4).min(b)).chain(b.saturating_sub(2).max(a)..b) {
                points.entry(l).or_default();
            }
        }
        let mut wanted: Vec<usize> = points.keys().copied().collect();
        for &l in points.keys() {
            wanted.extend([l.saturating_sub(1), (l + 1).min(last_line)]);
        }
        wanted.sort_unstable();
        wanted.dedup();
        let mut source = String::new();
        let mut lines = BTreeMap::new();
        for l in wanted {
            let line = file.line(l);
            let start = source.len();
            let mut pieces = Vec::new();
            if line.len() <= LONG_LINE {
                pieces.push((start, line.start, line.len()));
                source.push_str(&text[line.clone()]);
            } else {
                let mut pts: Vec<usize> = points.get(&l).cloned().unwrap_or_default();
                if pts.is_empty() {
                    pts.push(line.start);
                }
                let mut windows: Vec<Range<usize>> = pts
                    .iter()
                    .map(|&p| {
                        let p = p.clamp(line.start, line.end);
                        back_chars(text, p, WINDOW, line.start)
                            ..forward_chars(text, p, WINDOW, line.end)
                    })
                    .collect();
                windows.sort_by_key(|w| w.start);
                let mut merged: Vec<Range<usize>> = Vec::new();
                for w in windows {
                    match merged.last_mut() {
                        Some(m) if w.start <= m.end => m.end = m.end.max(w.end),
                        _ => merged.push(w),
                    }
                }
                let mut prev = line.start;
                for w in &merged {
                    if w.start > prev {
                        source.push('…');
                    }
                    pieces.push((source.len(), w.start, w.len()));
                    source.push_str(&text[w.clone()]);
                    prev = w.end;
                }
                if prev < line.end {
                    source.push('…');
                }
            }
            let range = start..source.len();
            source.push('\n');
            lines.insert(l, ShownLine { range, pieces });
        }
        let mut snippet = Snippet {
            file,
            name,
            source,
            lines,
            labels: Vec::new(),
        };
        snippet.labels = spans
            .iter()
            .map(|sp| {
                let s = snippet.to_shown(sp.start);
                s..snippet.to_shown(sp.end).max(s)
            })
            .collect();
        snippet
    }

    /// The label `i` (0: the primary span, then the related ones) in the snippet's source.
    fn label(&self, i: usize) -> Range<usize> {
        self.labels.get(i).cloned().unwrap_or(0..0)
    }

    /// An offset of the text in the snippet's source (the nearest shown one).
    fn to_shown(&self, offset: usize) -> usize {
        let l = self.file.line_of(offset);
        let Some(line) = self.lines.get(&l) else {
            return 0;
        };
        let mut best = line.range.start;
        for &(at, orig, len) in &line.pieces {
            if offset < orig {
                break;
            }
            best = at + (offset - orig).min(len);
        }
        best
    }

    /// A snippet offset back in the text.
    fn to_original(&self, line: &ShownLine, at: usize) -> usize {
        let mut best = line.pieces.first().map_or(0, |p| p.1);
        for &(s, orig, len) in &line.pieces {
            if at < s {
                break;
            }
            best = orig + (at - s).min(len);
        }
        best
    }
}

impl<'a> Files<'a> for Snippet<'_, '_> {
    type FileId = ();
    type Name = &'a str;
    type Source = &'a str;

    fn name(&'a self, (): ()) -> Result<&'a str, FilesError> {
        Ok(self.name)
    }

    fn source(&'a self, (): ()) -> Result<&'a str, FilesError> {
        Ok(&self.source)
    }

    fn line_index(&'a self, (): (), byte_index: usize) -> Result<usize, FilesError> {
        self.lines
            .iter()
            .find(|(_, l)| byte_index <= l.range.end)
            .map(|(&i, _)| i)
            .ok_or(FilesError::IndexTooLarge {
                given: byte_index,
                max: self.source.len(),
            })
    }

    fn column_number(
        &'a self,
        (): (),
        line_index: usize,
        byte_index: usize,
    ) -> Result<usize, FilesError> {
        let Some(line) = self.lines.get(&line_index) else {
            return Ok(1);
        };
        let orig = self.to_original(line, byte_index);
        Ok(self.file.column(self.file.line_starts[line_index], orig) + 1)
    }

    fn line_range(&'a self, (): (), line_index: usize) -> Result<Range<usize>, FilesError> {
        // A line not shown (inside a long multi-line label) is empty: codespan-reporting asks
        // for it but does not print it.
        Ok(self
            .lines
            .get(&line_index)
            .map_or(0..0, |l| l.range.clone()))
    }
}

/// Writes codespan-reporting's severity name (`error`, `warning`, `note`: the first text of a
/// diagnostic) in Chinese.
struct ChineseSeverity<'w> {
    inner: &'w mut dyn WriteColor,
    pending: bool,
}

impl std::io::Write for ChineseSeverity<'_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if self.pending && !buf.is_empty() {
            self.pending = false;
            let zh: Option<&str> = match buf {
                b"error" => Some("错误"),
                b"warning" => Some("警告"),
                b"note" => Some("提示"),
                b"help" => Some("帮助"),
                b"bug" => Some("缺陷"),
                _ => None,
            };
            if let Some(zh) = zh {
                self.inner.write_all(zh.as_bytes())?;
                return Ok(buf.len());
            }
        }
        self.inner.write(buf)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

impl WriteColor for ChineseSeverity<'_> {
    fn supports_color(&self) -> bool {
        self.inner.supports_color()
    }

    fn set_color(&mut self, spec: &ColorSpec) -> std::io::Result<()> {
        self.inner.set_color(spec)
    }

    fn reset(&mut self) -> std::io::Result<()> {
        self.inner.reset()
    }

    fn is_synchronous(&self) -> bool {
        self.inner.is_synchronous()
    }

    fn set_hyperlink(&mut self, link: &HyperlinkSpec) -> std::io::Result<()> {
        self.inner.set_hyperlink(link)
    }

    fn supports_hyperlinks(&self) -> bool {
        self.inner.supports_hyperlinks()
    }
}

/// Diagnostics of every readable file, then a summary line.
pub fn render(files: &[FileResult], out: &mut dyn WriteColor) -> std::io::Result<()> {
    render_diagnostics(files, out)?;
    writeln!(out, "{}", summary(files))
}

/// Diagnostics of every readable file, without the summary line (`--quiet`).
pub fn render_diagnostics(files: &[FileResult], out: &mut dyn WriteColor) -> std::io::Result<()> {
    let config = Config::default();
    for f in files {
        if f.outcome.is_err() {
            continue;
        }
        let file = Source::new(f.text.as_str());
        if !f.diagnostics().is_empty()
            && let Some(src) = &f.source
            && (src.kind != crate::input::InputKind::Text || src.encoding_name().is_some())
        {
            writeln!(out, "{}：{}", f.path, src.describe())?;
        }
        for d in f.diagnostics() {
            let place = f.locate(d.span.start);
            let mut spans = vec![clamp(&f.text, &d.span)];
            spans.extend(d.related.iter().map(|r| clamp(&f.text, &r.span)));
            let snippet = Snippet::new(&file, f.path.as_str(), &spans);
            let mut zh = ChineseSeverity {
                inner: &mut *out,
                pending: true,
            };
            term::emit_to_write_style(&mut zh, &config, &snippet, &to_codespan(d, &snippet, place))
                .map_err(std::io::Error::other)?;
        }
    }
    Ok(())
}

/// Read errors, one line each.
pub fn render_errors(files: &[FileResult], out: &mut dyn WriteColor) -> std::io::Result<()> {
    for f in files {
        if let Err(e) = &f.outcome {
            writeln!(out, "错误：{e}")?;
        }
        if let Some(e) = &f.write_error {
            writeln!(out, "错误：{e}")?;
        }
    }
    Ok(())
}

/// `发现 3 个问题（错误 1，警告 1，提示 1），检查了 2 个文件`.
pub fn summary(files: &[FileResult]) -> String {
    let (e, w, i) = counts(files);
    let read = files.iter().filter(|f| f.outcome.is_ok()).count();
    let failed = files.len() - read;
    let skipped = files
        .iter()
        .filter(|f| f.outcome.as_ref().is_ok_and(|a| a.skipped.is_some()))
        .count();
    let checked = read - skipped;
    let mut s = if e + w + i == 0 && failed > 0 {
        // Not "no problems": some files were not checked at all.
        if checked > 0 {
            format!("{failed} 个文件无法读取；检查了 {checked} 个文件，未发现问题")
        } else {
            format!("{failed} 个文件无法读取；检查了 0 个文件")
        }
    } else if e + w + i == 0 {
        format!("未发现问题，检查了 {checked} 个文件")
    } else {
        format!(
            "发现 {} 个问题（错误 {e}，警告 {w}，提示 {i}），检查了 {checked} 个文件",
            e + w + i
        )
    };
    if skipped > 0 {
        s.push_str(&format!("，跳过 {skipped} 个非年报文件"));
    }
    if failed > 0 && e + w + i > 0 {
        s.push_str(&format!("，{failed} 个文件无法读取"));
    }
    let unwritten = files.iter().filter(|f| f.write_error.is_some()).count();
    if unwritten > 0 {
        s.push_str(&format!("，{unwritten} 个文件无法写回"));
    }
    s
}
