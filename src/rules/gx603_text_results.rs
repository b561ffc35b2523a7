//! GX603 text-results: 正文所述办理结果与表三不一致.
//!
//! Heuristic: prose such as `予以公开N件`, `部分公开N件`, `不予公开N件`, `无法提供N件`,
//! `不予处理N件`, `办结N件`, `结转下年度N件` compared with the 总计 column of table 三 (the sum of
//! the sub-rows where the template splits a result). Only cells read as numbers are compared.

use std::sync::LazyLock;

use regex::Regex;

use super::gx601_text_applications::{
    NUM, about_other_matter, about_other_period, in_table, parse_count, rows_total,
};
use crate::rules::prelude::*;

declare_rule!(
    "GX603",
    "text-results",
    Warning,
    "正文所述办理结果与表三不一致"
);

static RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(予以公开|部分公开|不予公开|无法提供|不予处理|其他处理|已办结|办结|结转(?:至|到)?下一?年度?(?:继续办理)?)(?:的|有|共计|共|计|为|了|：|:|\s)*{NUM}(?:件|个|条)"
    ))
    .expect("valid regex")
});

/// The table 三 rows whose 总计 a result word stands for.
fn rows_for(word: &str) -> (&'static str, &'static [&'static str]) {
    match word {
        "予以公开" => ("予以公开", &["r1"]),
        "部分公开" => ("部分公开", &["r2"]),
        "不予公开" => (
            "不予公开",
            &[
                "r3.1", "r3.2", "r3.3", "r3.4", "r3.5", "r3.6", "r3.7", "r3.8",
            ],
        ),
        "无法提供" => ("无法提供", &["r4.1", "r4.2", "r4.3"]),
        "不予处理" => ("不予处理", &["r5.1", "r5.2", "r5.3", "r5.4", "r5.5"]),
        "其他处理" => ("其他处理", &["r6.1", "r6.2", "r6.3"]),
        "已办结" | "办结" => ("办理结果总计", &["r7"]),
        _ => ("结转下年度继续办理", &["next"]),
    }
}

fn check(cx: &mut Checker) {
    let doc = cx.doc;
    let text = doc.text;
    let Some(table) = doc.table(TableKind::Requests) else {
        return;
    };
    for c in RE.captures_iter(text) {
        let (Some(m), Some(word), Some(num)) = (c.get(0), c.get(1), c.get(2)) else {
            continue;
        };
        if in_table(doc, m.start()) || about_other_period(doc, m.start()) {
            continue;
        }
        // `办结` of 提案, 信访 … is not about applications: look at the clause before it.
        let clause_start = text[..m.start()]
            .char_indices()
            .rev()
            .find(|&(_, c)| matches!(c, '。' | '；' | ';' | '，' | ',' | '\n' | '\r'))
            .map_or(0, |(i, c)| i + c.len_utf8());
        if about_other_matter(&text[clause_start..m.end()]) {
            continue;
        }
        let (label, ids) = rows_for(word.as_str());
        // The 2019/pre-2019 templates may lack some rows (r6): then nothing is compared.
        let Some((total, spans)) = rows_total(table, ids) else {
            continue;
        };
        let Some(n) = parse_count(num.as_str()) else {
            continue;
        };
        if n == total {
            continue;
        }
        let d = cx.report(
            num.range(),
            format!(
                "正文称{} {n} 件，但表三“{label}”总计为 {total}",
                word.as_str()
            ),
        );
        for s in spans {
            d.with_related(s, format!("表三{label}"));
        }
        d.with_expected(total.to_string());
    }
}
