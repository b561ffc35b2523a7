//! `--output-format concise`: one line per finding, `path:line:col: CODE message` (as ruff's
//! concise output), then the summary line. Columns are 1-based characters, as in the JSON output.

use codespan_reporting::term::termcolor::{Color, ColorSpec, WriteColor};

use super::{FileResult, Positions};
use crate::diagnostic::Severity;

/// The finding lines of every readable file (no summary).
pub fn render(files: &[FileResult], out: &mut dyn WriteColor) -> std::io::Result<()> {
    for f in files {
        if f.outcome.is_err() {
            continue;
        }
        let pos = Positions::new(&f.text);
        for d in f.diagnostics() {
            let (line, col) = pos.at(d.span.start);
            out.set_color(ColorSpec::new().set_bold(true))?;
            write!(out, "{}:{line}:{col}:", f.path)?;
            out.reset()?;
            write!(out, " ")?;
            let color = match d.severity {
                Severity::Error => Color::Red,
                Severity::Warning => Color::Yellow,
                Severity::Info => Color::Cyan,
            };
            out.set_color(ColorSpec::new().set_fg(Some(color)).set_bold(true))?;
            write!(out, "{}", d.code)?;
            out.reset()?;
            // One line per finding: a line break inside a message would split it.
            let message = d.message.replace(['\r', '\n'], " ");
            match f.locate(d.span.start) {
                Some(place) => writeln!(out, " {message}（{place}）")?,
                None => writeln!(out, " {message}")?,
            }
        }
    }
    Ok(())
}
