//! GX601 text-applications: 正文所述申请数量与表三不一致.
//!
//! Heuristic: prose saying no application was received (`未收到…政府信息公开申请`) while table 三's
//! row 一 总计 is above zero, or prose giving a count (`收到政府信息公开申请N件`) equal to neither
//! row 一 nor 一 + 二. Only cells read as numbers are compared; text inside the tables is skipped.
//! The helpers here are shared with GX602 and GX603.

use std::sync::LazyLock;

use regex::Regex;

use crate::document::{Document, Table};
use crate::rules::prelude::*;

declare_rule!(
    "GX601",
    "text-applications",
    Warning,
    "正文所述申请数量与表三不一致"
);

/// A count as written in prose: ASCII or full-width digits, or a small Chinese numeral.
pub(crate) const NUM: &str = r"([0-9０-９]{1,6}|[零〇一二两三四五六七八九十]{1,3})";

pub(crate) fn parse_count(s: &str) -> Option<i64> {
    if s.chars()
        .all(|c| c.is_ascii_digit() || ('０'..='９').contains(&c))
    {
        let ascii: String = s
            .chars()
            .map(|c| {
                if c.is_ascii_digit() {
                    c
                } else {
                    char::from_u32(c as u32 - 0xFF10 + 0x30).unwrap_or('0')
                }
            })
            .collect();
        return ascii.parse().ok();
    }
    let digit = |c: char| {
        "零一二三四五六七八九"
            .find(c)
            .map(|i| (i / '零'.len_utf8()) as i64)
    };
    let digit = |c: char| match c {
        '〇' => Some(0),
        '两' => Some(2),
        _ => digit(c),
    };
    let chars: Vec<char> = s.chars().collect();
    match chars.as_slice() {
        [d] if *d == '十' => Some(10),
        [d] => digit(*d),
        ['十', u] => Some(10 + digit(*u)?),
        [t, '十'] => Some(digit(*t)? * 10),
        [t, '十', u] => Some(digit(*t)? * 10 + digit(*u)?),
        _ => None,
    }
}

/// Whether `offset` lies inside a table read from the document.
pub(crate) fn in_table(doc: &Document, offset: usize) -> bool {
    doc.tables.iter().any(|t| t.span.contains(&offset))
}

static OTHER_YEAR: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"((?:19|20)[0-9]{2})年").expect("valid regex"));

/// Whether the clause before `start` is about another year than the report's (`上年`, `2020年`
/// in a 2021 report) or about several years (`累计`), where the table cannot be compared.
pub(crate) fn about_other_period(doc: &Document, start: usize) -> bool {
    let text = doc.text;
    let sentence_start = text[..start]
        .char_indices()
        .rev()
        .find(|&(_, c)| matches!(c, '。' | '！' | '？' | '；' | ';' | '\n' | '\r'))
        .map_or(0, |(i, c)| i + c.len_utf8());
    let before = &text[sentence_start..start];
    if ["上年", "去年", "上一年", "同比", "累计", "历年", "以来"]
        .iter()
        .any(|w| before.contains(w))
    {
        return true;
    }
    // With the report year unknown, a clause naming any year is not compared.
    OTHER_YEAR
        .captures_iter(before)
        .any(|c| doc.year.is_none() || c[1].parse::<i32>().ok() != doc.year)
}

/// The 总计 (index 6) of a row of table 三, with its span, when read as a whole number.
pub(crate) fn row_total(table: &Table, id: &str) -> Option<(i64, Span)> {
    let cell = table.row(id)?.values.get(6)?;
    Some((cell.value.as_int()?, cell.span.clone()))
}

/// The sum of the 总计 of several rows of table 三 (all must be read as numbers).
pub(crate) fn rows_total(table: &Table, ids: &[&str]) -> Option<(i64, Vec<Span>)> {
    let mut sum = 0;
    let mut spans = Vec::new();
    for id in ids {
        let (v, s) = row_total(table, id)?;
        sum += v;
        spans.push(s);
    }
    Some((sum, spans))
}

/// Words that make a clause about something else than 政府信息公开申请.
pub(crate) fn about_other_matter(s: &str) -> bool {
    [
        "复议", "诉讼", "信访", "提案", "建议", "议案", "举报", "投诉", "咨询", "诉求", "热线",
        "留言", "来信", "12345",
    ]
    .iter()
    .any(|w| s.contains(w))
}

static NONE_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:未|没有)(?:收到|受理|接到|发生|出现|有)[^。；;，,！!？?\r\n]{0,24}?申请(?:[^。；;，,！!？?\r\n]{0,12}申请)?")
        .expect("valid regex")
});

static COUNT_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        concat!(
            r"(?:(收到|受理|接到|新收)[^。；;，,！!？?\r\n0-9０-９]{{0,16}}?申请(?:共计|共|合计|总计|总数|数量|数|为|了|：|:|\s)*{n}(?:件|个|份|条)",
            r"|(收到|受理|接到|新收)(?:了)?(?:共计|共|合计)?{n}(?:件|个|份|条)[^。；;，,！!？?\r\n]{{0,16}}?申请)"
        ),
        n = NUM
    ))
    .expect("valid regex")
});

fn check(cx: &mut Checker) {
    let doc = cx.doc;
    let text = doc.text;
    let Some(table) = doc.table(TableKind::Requests) else {
        return;
    };
    let Some((new, new_span)) = row_total(table, "new") else {
        return;
    };
    let carry = row_total(table, "carry");

    for m in NONE_RE.find_iter(text) {
        let s = m.as_str();
        if !s.contains("公开") || about_other_matter(s) || in_table(doc, m.start()) {
            continue;
        }
        if about_other_period(doc, m.start()) || new == 0 {
            continue;
        }
        cx.report(
            m.range(),
            format!(
                "正文称未收到政府信息公开申请，但表三“本年新收政府信息公开申请数量”总计为 {new}"
            ),
        )
        .with_related(new_span.clone(), format!("表三本年新收总计 {new}"))
        .with_expected("0");
    }

    for c in COUNT_RE.captures_iter(text) {
        let Some(m) = c.get(0) else { continue };
        let s = m.as_str();
        if !s.contains("公开") || about_other_matter(s) || in_table(doc, m.start()) {
            continue;
        }
        if about_other_period(doc, m.start()) {
            continue;
        }
        let verb = c.get(1).or(c.get(3)).map_or("", |v| v.as_str());
        let Some(num) = c.get(2).or(c.get(4)) else {
            continue;
        };
        let Some(n) = parse_count(num.as_str()) else {
            continue;
        };
        let with_carry = carry.as_ref().map(|(v, _)| new + v);
        if n == new || (verb != "新收" && with_carry == Some(n)) {
            continue;
        }
        let detail = match (&carry, with_carry) {
            (Some((cv, _)), Some(total)) if *cv != 0 && verb != "新收" => {
                format!("表三本年新收总计为 {new}，连同上年结转 {cv} 共 {total}")
            }
            _ => format!("表三“本年新收政府信息公开申请数量”总计为 {new}"),
        };
        cx.report(
            num.range(),
            format!("正文称收到政府信息公开申请 {n} 件，但{detail}"),
        )
        .with_related(new_span.clone(), format!("表三本年新收总计 {new}"))
        .with_expected(new.to_string());
    }
}

#[cfg(test)]
mod tests {
    use super::parse_count;

    #[test]
    fn counts() {
        assert_eq!(parse_count("12"), Some(12));
        assert_eq!(parse_count("１２"), Some(12));
        assert_eq!(parse_count("两"), Some(2));
        assert_eq!(parse_count("十"), Some(10));
        assert_eq!(parse_count("十二"), Some(12));
        assert_eq!(parse_count("二十"), Some(20));
        assert_eq!(parse_count("三十五"), Some(35));
        assert_eq!(parse_count("零"), Some(0));
        assert_eq!(parse_count("九"), Some(9));
        assert_eq!(parse_count("十十"), None);
    }
}
