//! Helpers for the reader's rule tests (rules_structure, rules_period): seeds and a report fixture.
#![allow(dead_code)]

use gxlint::config::Settings;
use gxlint::diagnostic::{Applicability, Diagnostic};

pub fn seeds_dir() -> std::path::PathBuf {
    let candidates = [
        std::env::var("GXLINT_SEEDS")
            .ok()
            .map(std::path::PathBuf::from),
        Some(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/seeds")),
        Some(std::path::PathBuf::from("/work/shared/seeds")),
    ];
    for c in candidates.into_iter().flatten() {
        if c.is_dir() {
            return c;
        }
    }
    panic!("seed directory not found (set GXLINT_SEEDS)");
}

pub fn seed(prefix: &str) -> String {
    let dir = seeds_dir();
    for e in std::fs::read_dir(&dir).expect("read seeds") {
        let p = e.expect("entry").path();
        if p.file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| n.starts_with(prefix))
        {
            return std::fs::read_to_string(p).expect("read seed");
        }
    }
    panic!("seed {prefix} not found in {}", dir.display());
}

/// Diagnostics of the reader's rules (GX1xx, GX4xx) only: the table rules belong to others.
pub fn mine(text: &str, settings: &Settings) -> Vec<Diagnostic> {
    gxlint::check(text, settings)
        .diagnostics
        .into_iter()
        .filter(|d| d.code.starts_with("GX1") || d.code.starts_with("GX4"))
        .collect()
}

pub fn codes(text: &str) -> Vec<&'static str> {
    mine(text, &Settings::default())
        .iter()
        .map(|d| d.code)
        .collect()
}

pub fn only<'a>(ds: &'a [Diagnostic], code: &str) -> Vec<&'a Diagnostic> {
    ds.iter().filter(|d| d.code == code).collect()
}

/// Apply the first fix of `d` to `text`.
pub fn apply(text: &str, d: &Diagnostic, want: Applicability) -> String {
    let fix = d
        .fixes
        .first()
        .unwrap_or_else(|| panic!("{} has no fix", d.code));
    assert_eq!(fix.applicability, want, "{}: {}", d.code, fix.title);
    gxlint::fix::apply_edits(text, &fix.edits).expect("edits apply")
}

pub struct Report {
    pub year: i32,
    pub title: String,
    pub opening: String,
    pub sections: Vec<(String, String)>,
    pub closing: String,
}

impl Report {
    /// A correct report for `year` (tables left as a placeholder line: not this helper's rules).
    pub fn new(year: i32) -> Report {
        let y = year;
        Report {
            year,
            title: format!("某某市科学技术局{y}年政府信息公开工作年度报告"),
            opening: format!(
                "本报告根据《中华人民共和国政府信息公开条例》编制。本年度报告中所列数据的统计期限自{y}年1月1日起至{y}年12月31日止。"
            ),
            sections: vec![
                (
                    "一、总体情况".into(),
                    format!("{y}年，我局认真贯彻落实《条例》。"),
                ),
                ("二、主动公开政府信息情况".into(), "（表格）".into()),
                (
                    "三、收到和处理政府信息公开申请情况".into(),
                    "（表格）".into(),
                ),
                (
                    "四、政府信息公开行政复议、行政诉讼情况".into(),
                    "（表格）".into(),
                ),
                (
                    "五、存在的主要问题及改进情况".into(),
                    "主要问题是公开形式单一。下一步将丰富解读形式。".into(),
                ),
                (
                    "六、其他需要报告的事项".into(),
                    "本年度未收取信息处理费。".into(),
                ),
            ],
            closing: format!("发布日期：{}年1月20日", y + 1),
        }
    }

    /// Render with heading markup `h` (e.g. `|s| format!("## {s}")`) and line ending `eol`.
    pub fn render_with(&self, h: impl Fn(&str) -> String, eol: &str) -> String {
        let mut out = String::new();
        out.push_str(&self.title);
        out.push_str(eol);
        out.push_str(eol);
        if !self.opening.is_empty() {
            out.push_str(&self.opening);
            out.push_str(eol);
            out.push_str(eol);
        }
        for (head, body) in &self.sections {
            out.push_str(&h(head));
            out.push_str(eol);
            if !body.is_empty() {
                out.push_str(body);
                out.push_str(eol);
            }
            out.push_str(eol);
        }
        out.push_str(&self.closing);
        out.push_str(eol);
        out
    }

    pub fn render(&self) -> String {
        self.render_with(|s| s.to_string(), "\n")
    }
}
