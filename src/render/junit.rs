//! `--output-format junit`: JUnit XML (written with quick-xml). One `testsuite` per file, one
//! failing `testcase` per finding; a file without findings has one passing test case, a file
//! that is not a report one skipped test case, a file that could not be read one in error.

use std::io;

use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesText, Event};

use super::{FileResult, Positions};

/// Characters XML 1.0 cannot hold (control characters other than tab and line breaks).
fn xml_safe(s: &str) -> String {
    s.chars()
        .filter(|&c| {
            matches!(c, '\t' | '\n' | '\r')
                || ('\u{20}'..='\u{D7FF}').contains(&c)
                || ('\u{E000}'..='\u{FFFD}').contains(&c)
                || c >= '\u{10000}'
        })
        .collect()
}

fn write(files: &[FileResult]) -> io::Result<Vec<u8>> {
    let mut w = Writer::new_with_indent(Vec::new(), b' ', 2);
    w.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
    let findings: usize = files.iter().map(|f| f.diagnostics().len()).sum();
    let errors = files.iter().filter(|f| f.outcome.is_err()).count();
    let tests: usize = files
        .iter()
        .map(|f| f.diagnostics().len().max(1))
        .sum::<usize>();
    w.create_element("testsuites")
        .with_attribute(("name", "gxlint"))
        .with_attribute(("tests", tests.to_string().as_str()))
        .with_attribute(("failures", findings.to_string().as_str()))
        .with_attribute(("errors", errors.to_string().as_str()))
        .write_inner_content(|w| {
            for f in files {
                suite(w, f)?;
            }
            Ok(())
        })?;
    let mut out = w.into_inner();
    out.push(b'\n');
    Ok(out)
}

fn suite(w: &mut Writer<Vec<u8>>, f: &FileResult) -> io::Result<()> {
    let path = xml_safe(&f.path);
    let diags = f.diagnostics();
    let skipped = f.outcome.as_ref().ok().and_then(|a| a.skipped);
    let n = diags.len().max(1).to_string();
    let failures = diags.len().to_string();
    let errors = if f.outcome.is_err() { "1" } else { "0" };
    let skipped_n = if skipped.is_some() { "1" } else { "0" };
    w.create_element("testsuite")
        .with_attribute(("name", path.as_str()))
        .with_attribute(("tests", n.as_str()))
        .with_attribute(("failures", failures.as_str()))
        .with_attribute(("errors", errors))
        .with_attribute(("skipped", skipped_n))
        .write_inner_content(|w| {
            let case = |w: &mut Writer<Vec<u8>>, name: &str| {
                w.create_element("testcase")
                    .with_attribute(("name", name))
                    .with_attribute(("classname", path.as_str()))
                    .with_attribute(("file", path.as_str()))
                    .write_empty()
                    .map(|_| ())
            };
            match &f.outcome {
                Err(e) => {
                    let e = xml_safe(e);
                    w.create_element("testcase")
                        .with_attribute(("name", "读取文件"))
                        .with_attribute(("classname", path.as_str()))
                        .with_attribute(("file", path.as_str()))
                        .write_inner_content(|w| {
                            w.create_element("error")
                                .with_attribute(("message", e.as_str()))
                                .write_empty()
                                .map(|_| ())
                        })?;
                }
                Ok(_) if skipped.is_some() => {
                    let why = skipped.unwrap_or_default();
                    w.create_element("testcase")
                        .with_attribute(("name", "不是年度报告"))
                        .with_attribute(("classname", path.as_str()))
                        .with_attribute(("file", path.as_str()))
                        .write_inner_content(|w| {
                            w.create_element("skipped")
                                .with_attribute(("message", why))
                                .write_empty()
                                .map(|_| ())
                        })?;
                }
                Ok(_) if diags.is_empty() => case(w, "未发现问题")?,
                Ok(_) => {
                    let pos = Positions::new(&f.text);
                    for d in diags {
                        let (line, col) = pos.at(d.span.start);
                        let message = xml_safe(&d.message);
                        let name = format!("{} {} 第{line}行第{col}列", d.code, d.name);
                        let body = match f.locate(d.span.start) {
                            Some(p) => format!("{path}:{line}:{col}: {} {message}（{p}）", d.code),
                            None => format!("{path}:{line}:{col}: {} {message}", d.code),
                        };
                        let line_s = line.to_string();
                        w.create_element("testcase")
                            .with_attribute(("name", name.as_str()))
                            .with_attribute(("classname", path.as_str()))
                            .with_attribute(("file", path.as_str()))
                            .with_attribute(("line", line_s.as_str()))
                            .write_inner_content(|w| {
                                w.create_element("failure")
                                    .with_attribute(("message", message.as_str()))
                                    .with_attribute(("type", d.code))
                                    .write_text_content(BytesText::new(&body))
                                    .map(|_| ())
                            })?;
                    }
                }
            }
            Ok(())
        })?;
    Ok(())
}

pub fn render(files: &[FileResult]) -> String {
    // Writing into a Vec cannot fail; the text is UTF-8 (quick-xml writes what it is given).
    write(files)
        .map(|b| String::from_utf8_lossy(&b).into_owned())
        .unwrap_or_default()
}
