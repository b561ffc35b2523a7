//! `gxlint docs --out DIR [--base-url URL]`: the rule pages as a static site — `index.html` (every
//! rule: code, name, level, summary) and one `CODE.html` per rule, rendered from
//! `rules/docs/CODE.md` with pulldown-cmark. The site under `docs/rules/` is committed; the test
//! `docs_site` regenerates it and compares. With `--base-url` each page names its canonical address.

use std::fmt::Write as _;
use std::path::Path;
use std::process::ExitCode;

use gxlint::diagnostic::Severity;
use gxlint::rules::{ALL, Rule};

/// The level as the clerk reads it.
fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "错误",
        Severity::Warning => "警告",
        Severity::Info => "提示",
    }
}

const STYLE: &str = "body{font-family:system-ui,\"PingFang SC\",\"Microsoft YaHei\",sans-serif;\
max-width:52em;margin:2em auto;padding:0 1em;line-height:1.6;color:#222}\
code,pre{font-family:ui-monospace,Consolas,monospace;background:#f5f5f5}\
pre{padding:.6em;overflow-x:auto}table{border-collapse:collapse}\
td,th{border:1px solid #ccc;padding:.2em .6em;text-align:left}a{color:#0645ad}\
nav{margin-bottom:1em;font-size:.9em}";

/// Escape text for HTML.
fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

fn page(title: &str, canonical: Option<String>, body: &str) -> String {
    let mut s = String::new();
    s.push_str("<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n");
    s.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    let _ = writeln!(s, "<title>{}</title>", esc(title));
    if let Some(c) = canonical {
        let _ = writeln!(s, "<link rel=\"canonical\" href=\"{}\">", esc(&c));
    }
    let _ = writeln!(s, "<style>{STYLE}</style>\n</head>\n<body>");
    s.push_str(body);
    s.push_str("</body>\n</html>\n");
    s
}

/// The page of one rule.
pub fn rule_page(rule: &Rule, base: Option<&str>) -> String {
    let mut body = String::from("<nav><a href=\"index.html\">gxlint 规则索引</a></nav>\n");
    let _ = writeln!(
        body,
        "<p>级别：{}（<code>{}</code>）</p>",
        level(rule.severity),
        esc(rule.severity.as_str())
    );
    let parser = pulldown_cmark::Parser::new_ext(rule.doc, pulldown_cmark::Options::ENABLE_TABLES);
    pulldown_cmark::html::push_html(&mut body, parser);
    let canonical = base.map(|b| gxlint::docs::rule_url(Some(b), rule.code));
    page(
        &format!("{} {} — gxlint", rule.code, rule.name),
        canonical,
        &body,
    )
}

/// The index of all rules.
pub fn index_page(base: Option<&str>) -> String {
    let mut body = String::from("<h1>gxlint 规则</h1>\n");
    let _ = writeln!(
        body,
        "<p>共 {} 条规则。每条诊断都链接到其规则页面；也可用 <code>gxlint explain CODE</code> 在终端查看。</p>",
        ALL.len()
    );
    body.push_str("<table>\n<thead><tr><th>代码</th><th>名称</th><th>级别</th><th>说明</th></tr></thead>\n<tbody>\n");
    for r in ALL {
        let _ = writeln!(
            body,
            "<tr><td><a href=\"{code}.html\">{code}</a></td><td><code>{}</code></td><td>{}</td><td>{}</td></tr>",
            esc(r.name),
            level(r.severity),
            esc(r.summary),
            code = esc(r.code),
        );
    }
    body.push_str("</tbody>\n</table>\n");
    let canonical = base.map(|b| format!("{}/index.html", b.trim().trim_end_matches('/')));
    page("gxlint 规则", canonical, &body)
}

/// The site's files: (file name, contents), the index first.
pub fn site(base: Option<&str>) -> Vec<(String, String)> {
    let mut files = vec![("index.html".to_string(), index_page(base))];
    files.extend(
        ALL.iter()
            .map(|r| (format!("{}.html", r.code), rule_page(r, base))),
    );
    files
}

/// `gxlint docs`.
pub fn run(out: &Path, base: Option<&str>) -> ExitCode {
    if let Err(e) = std::fs::create_dir_all(out) {
        eprintln!("错误：无法创建目录 {}：{e}", out.display());
        return ExitCode::from(2);
    }
    let files = site(base);
    for (name, text) in &files {
        let path = out.join(name);
        if let Err(e) = std::fs::write(&path, text) {
            eprintln!("错误：无法写入 {}：{e}", path.display());
            return ExitCode::from(2);
        }
    }
    eprintln!("已生成 {} 个页面：{}", files.len(), out.display());
    ExitCode::SUCCESS
}
