//! `--format github`: GitHub Actions workflow commands
//! (`::error file=…,line=…,col=…,endLine=…,endColumn=…,title=GX303 row-total::message`).

use super::{FileResult, Positions};
use crate::diagnostic::Severity;

fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

pub fn render(files: &[FileResult]) -> String {
    let mut out = String::new();
    for f in files {
        let file = escape_property(&f.path);
        if let Some(e) = &f.write_error {
            out.push_str(&format!(
                "::error file={file},title=gxlint::{}\n",
                escape_data(e)
            ));
        }
        match &f.outcome {
            Err(e) => {
                out.push_str(&format!(
                    "::error file={file},title=gxlint::{}\n",
                    escape_data(e)
                ));
            }
            Ok(a) => {
                let pos = Positions::new(&f.text);
                for d in &a.diagnostics {
                    let level = match d.severity {
                        Severity::Error => "error",
                        Severity::Warning => "warning",
                        Severity::Info => "notice",
                    };
                    let (sl, sc) = pos.at(d.span.start);
                    let (el, ec) = pos.at(d.span.end);
                    let title = escape_property(&format!("{} {}", d.code, d.name));
                    let message = match f.locate(d.span.start) {
                        Some(p) => format!("{}（{p}）", d.message),
                        None => d.message.clone(),
                    };
                    out.push_str(&format!(
                        "::{level} file={file},line={sl},col={sc},endLine={el},endColumn={ec},title={title}::{}\n",
                        escape_data(&message)
                    ));
                }
            }
        }
    }
    out
}
