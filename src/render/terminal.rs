//! Human output: codespan-reporting snippets (it measures wide characters, so carets line up
//! under Chinese text), the fix titles as notes, and a summary line.

use codespan_reporting::diagnostic::{Diagnostic as CsDiagnostic, Label, Severity as CsSeverity};
use codespan_reporting::files::SimpleFile;
use codespan_reporting::term::{self, Config, termcolor::WriteColor};

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

fn to_codespan(d: &Diagnostic, text: &str, place: Option<String>) -> CsDiagnostic<()> {
    let sev = match d.severity {
        Severity::Error => CsSeverity::Error,
        Severity::Warning => CsSeverity::Warning,
        Severity::Info => CsSeverity::Note,
    };
    let primary = Label::primary((), clamp(text, &d.span)).with_message(
        d.expected
            .as_ref()
            .map(|e| format!("应为 {e}"))
            .unwrap_or_default(),
    );
    let mut labels = vec![primary];
    for r in &d.related {
        labels.push(Label::secondary((), clamp(text, &r.span)).with_message(r.message.clone()));
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
        let file = SimpleFile::new(f.path.as_str(), f.text.as_str());
        if !f.diagnostics().is_empty()
            && let Some(src) = &f.source
            && (src.kind != crate::input::InputKind::Text || src.encoding_name().is_some())
        {
            writeln!(out, "{}：{}", f.path, src.describe())?;
        }
        for d in f.diagnostics() {
            let place = f.locate(d.span.start);
            term::emit_to_write_style(out, &config, &file, &to_codespan(d, &f.text, place))
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
