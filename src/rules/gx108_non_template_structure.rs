//! GX108 non-template-structure: 报告结构不是模板的六个部分.
//!
//! Two places show that a report was organised another way than the template's six sections:
//!
//! - a numbered top-level heading whose wording is none of the six (`二、工作机制保障`). A heading
//!   is top-level when its numeral continues the numbering of the headings around it (greater
//!   than the last top-level numeral, smaller than the next recognised section's), so a list
//!   `一、… 二、…` inside a section body and the numbered rows of table 三 are not headings;
//! - an opening sentence that lists the report's parts (`报告全文包括…`, `…等六个部分组成`) and
//!   names parts that are not the template's, or leaves some of them out.
//!
//! Wordings that are pre-2019 fingerprints are GX107's, not reported again here.

use crate::document::meta::looks_like_report;
use crate::document::sections::{
    SECTIONS, is_space, numeral, parse_heading_line, section_of_wording,
};
use crate::fold::fold;
use crate::rules::gx107_legacy_structure::is_legacy_heading;
use crate::rules::prelude::*;
use crate::templates;

declare_rule!(
    "GX108",
    "non-template-structure",
    Warning,
    "报告结构不是模板的六个部分"
);

/// Longest wording (chars) read as a heading rather than a sentence.
const MAX_HEADING: usize = 30;

fn six() -> String {
    SECTIONS
        .iter()
        .map(|d| format!("{}、{}", d.numeral, d.canonical))
        .collect::<Vec<_>>()
        .join(" ")
}

/// Whether folded `w` is a numbered row label of table 三 (`四、结转下年度继续办理`).
fn is_table_row(w: &str) -> bool {
    [Format::V2021, Format::V2019].iter().any(|&f| {
        templates::template(f).is_some_and(|t| {
            t.requests.row.iter().any(|r| {
                let l = fold(&r.label);
                let core = l.split_once('、').map(|x| x.1).unwrap_or(&l);
                !core.is_empty() && (w.starts_with(core) || core.starts_with(w))
            })
        })
    })
}

fn check(cx: &mut Checker) {
    let doc = cx.doc;
    if doc.format == Format::Pre2019 || !looks_like_report(doc) {
        return;
    }
    headings(cx);
    opening_list(cx);
}

fn headings(cx: &mut Checker) {
    let doc = cx.doc;
    // Recognised section headings: (line start, numeral written).
    let known: Vec<(usize, u8)> = doc
        .sections
        .iter()
        .map(|s| {
            let n = parse_heading_line(doc.text, s.line.clone())
                .map(|h| h.numeral)
                .unwrap_or(s.number);
            (s.line.start, n)
        })
        .collect();
    let mut last = 0u8;
    let mut found: Vec<(Span, String)> = Vec::new();
    for line in doc.line_spans().iter().cloned() {
        if let Some(&(_, n)) = known.iter().find(|(s, _)| *s == line.start) {
            last = last.max(n);
            continue;
        }
        let Some(h) = parse_heading_line(doc.text, line.clone()) else {
            continue;
        };
        let wording = doc.slice(&h.wording);
        let folded = fold(wording);
        if folded.chars().count() > MAX_HEADING
            || folded.contains(['。', ';', '；', ',', '，', '、', ':', '：'])
            || section_of_wording(wording).is_some()
            || is_legacy_heading(wording)
            || is_table_row(&folded)
            || doc
                .tables
                .iter()
                .any(|t| t.span.start <= line.start && line.start < t.span.end)
        {
            continue;
        }
        let next = known
            .iter()
            .find(|(s, _)| *s > line.start)
            .map(|&(_, n)| n)
            .unwrap_or(u8::MAX);
        if h.numeral > last && h.numeral < next {
            last = h.numeral;
            found.push((
                h.wording.clone(),
                wording.trim_end_matches(is_space).to_string(),
            ));
        }
    }
    for (span, w) in found {
        cx.report(
            span,
            format!(
                "标题“{w}”不是模板的部分：年度报告应按模板的六个部分编写（{}），请将其内容并入相应部分",
                six()
            ),
        );
    }
}

/// Words that introduce the list of the report's parts in the opening.
const LIST_MARKERS: &[&str] = &["包括", "分为", "包含", "共分", "分别是", "分别为"];

/// `wording` as a key for the opening list: folded, without 的/和/及/与/、 and spaces.
fn loose(s: &str) -> String {
    fold(s)
        .replace("工作", "")
        .chars()
        .filter(|c| !matches!(c, '的' | '和' | '及' | '与' | '、' | '以'))
        .collect()
}

fn loose_section(item: &str) -> Option<u8> {
    if let Some(n) = section_of_wording(item) {
        return Some(n);
    }
    let k = loose(item);
    SECTIONS
        .iter()
        .find(|d| loose(&d.canonical) == k || d.variants.iter().any(|v| loose(v) == k))
        .map(|d| d.number)
}

/// Strip a numbering prefix and list filler from one item (`（一）`, `一是`, `1.`).
fn item_core(s: &str) -> &str {
    let s = s.trim_matches(|c: char| is_space(c) || "“”\"《》".contains(c));
    let s =
        s.trim_start_matches(|c: char| "（()）一二三四五六七八九十0123456789.．、是".contains(c));
    s.trim_end_matches(|c: char| is_space(c) || "“”\"".contains(c))
}

fn opening_list(cx: &mut Checker) {
    let doc = cx.doc;
    let from = doc.title.as_ref().map(|t| t.span.end).unwrap_or(0);
    let until = doc
        .sections
        .first()
        .map(|s| s.line.start)
        .unwrap_or(doc.text.len())
        .min(doc.opening_end.max(from));
    if from >= until {
        return;
    }
    let text = doc.text;
    let opening = &text[from..until];
    for (s_off, sent) in split_keep(opening, &['。', '；', ';', '\n']) {
        let Some((m_off, m)) = LIST_MARKERS
            .iter()
            .filter_map(|m| sent.find(m).map(|p| (p, *m)))
            .min()
        else {
            continue;
        };
        let list_start = m_off + m.len();
        let mut list = &sent[list_start..];
        for end in [
            "等六个部分",
            "等六部分",
            "六个部分",
            "等部分",
            "等内容",
            "等方面",
            "等",
        ] {
            if let Some(p) = list.rfind(end) {
                list = &list[..p];
                break;
            }
        }
        let list = list.trim_start_matches([':', '：']);
        let lead =
            sent[list_start..].len() - sent[list_start..].trim_start_matches([':', '：']).len();
        let base = from + s_off + list_start + lead;
        // Pieces split at 、 (with their offsets), merged where a wording holds a 、 itself.
        let pieces: Vec<(usize, &str)> = split_keep(list, &['、', '，', ','])
            .into_iter()
            .filter(|(_, p)| !p.trim_matches(is_space).is_empty())
            .collect();
        if pieces.len() < 4 {
            continue;
        }
        let mut items: Vec<(Span, String, Option<u8>)> = Vec::new();
        let mut i = 0;
        while i < pieces.len() {
            let mut took = None;
            for j in (i + 1..=(i + 3).min(pieces.len())).rev() {
                let a = pieces[i].0;
                let b = pieces[j - 1].0 + pieces[j - 1].1.len();
                let joined = &list[a..b];
                if let Some(n) = loose_section(item_core(joined)) {
                    took = Some((j, a, b, Some(n)));
                    break;
                }
            }
            let (j, a, b, n) =
                took.unwrap_or((i + 1, pieces[i].0, pieces[i].0 + pieces[i].1.len(), None));
            let core = item_core(&list[a..b]);
            items.push((base + a..base + b, core.to_string(), n));
            i = j;
        }
        let matched = items.iter().filter(|x| x.2.is_some()).count();
        // A list of the report's parts: most of its items are sections.
        if matched < 2 || matched * 2 < items.len() {
            continue;
        }
        let others: Vec<&str> = items
            .iter()
            .filter(|x| x.2.is_none())
            .map(|x| x.1.as_str())
            .collect();
        let missing: Vec<String> = (1..=6u8)
            .filter(|n| !items.iter().any(|x| x.2 == Some(*n)))
            .map(|n| {
                let d = SECTIONS.iter().find(|d| d.number == n).expect("six");
                format!("{}、{}", numeral(n), d.canonical)
            })
            .collect();
        if others.is_empty() && missing.is_empty() {
            continue;
        }
        let span = items.first().map(|x| x.0.start).unwrap_or(base)
            ..items.last().map(|x| x.0.end).unwrap_or(base);
        if legacy_inside(doc, &span) {
            continue;
        }
        let mut parts = Vec::new();
        if !others.is_empty() {
            parts.push(format!("列出了模板以外的部分“{}”", others.join("”“")));
        }
        if !missing.is_empty() {
            parts.push(format!("缺少“{}”", missing.join("”“")));
        }
        let d = cx.report(
            span,
            format!(
                "开头所列的报告结构与模板不一致：{}；模板的六个部分是 {}",
                parts.join("，"),
                six()
            ),
        );
        for (s, w, n) in &items {
            if n.is_none() {
                d.with_related(s.clone(), format!("“{w}”不是模板的部分"));
            }
        }
        return;
    }
}

/// Whether a pre-2019 phrase (GX107's) lies inside `span`.
fn legacy_inside(doc: &Document, span: &Span) -> bool {
    crate::rules::gx107_legacy_structure::legacy_phrase_in(doc.slice(span))
}

/// Split `s` at any of `seps`, each piece with its byte offset (separators dropped).
fn split_keep<'s>(s: &'s str, seps: &[char]) -> Vec<(usize, &'s str)> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, c) in s.char_indices() {
        if seps.contains(&c) {
            out.push((start, &s[start..i]));
            start = i + c.len_utf8();
        }
    }
    out.push((start, &s[start..]));
    out
}
