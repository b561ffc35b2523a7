//! GX502 placeholder: 模板占位符未替换.
//!
//! The patterns are data (rules/patterns.toml `[placeholders]`, `[placeholder_values]`); the code
//! only rules out look-alikes: a match glued to Latin letters or digits (`XXL`, `0xXX`), inside a
//! URL or e-mail address, `〇〇`/`○○` inside a Chinese numeral (`二〇〇九年`), and `()` after a
//! markdown link text or a function name.

use crate::rules::prelude::*;

declare_rule!("GX502", "placeholder", Warning, "模板占位符未替换");

fn is_word(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}

fn is_cn_numeral(c: char) -> bool {
    "一二三四五六七八九十〇○零".contains(c)
}

/// Whether the match at `span` sits inside a URL, a path, a domain or an e-mail address: the run
/// of non-blank ASCII characters around it holds `://`, `www.`, `@`, `/` or `.`.
fn in_url(text: &str, span: &Span) -> bool {
    let before = &text[..span.start];
    let token_start = before
        .char_indices()
        .rev()
        .find(|&(_, c)| !c.is_ascii_graphic())
        .map_or(0, |(i, c)| i + c.len_utf8());
    let after = &text[span.end..];
    let token_end = span.end
        + after
            .char_indices()
            .find(|&(_, c)| !c.is_ascii_graphic())
            .map_or(after.len(), |(i, _)| i);
    let token = &text[token_start..token_end];
    token.contains("://") || token.contains("www.") || token.contains(['@', '/', '.'])
}

fn looks_real(text: &str, span: &Span) -> bool {
    let m = &text[span.clone()];
    let (Some(first), Some(last)) = (m.chars().next(), m.chars().next_back()) else {
        return false;
    };
    let prev = text[..span.start].chars().next_back();
    let next = text[span.end..].chars().next();
    if is_word(first) && prev.is_some_and(is_word) {
        return false;
    }
    if is_word(last) && next.is_some_and(is_word) {
        return false;
    }
    if (first.is_ascii() || last.is_ascii()) && in_url(text, span) {
        return false;
    }
    if m.chars().all(|c| c == '〇' || c == '○')
        && (prev.is_some_and(is_cn_numeral) || next.is_some_and(is_cn_numeral))
    {
        return false;
    }
    if (first == '(' || first == '（')
        && m.chars().count() <= 2
        && prev.is_some_and(|c| is_word(c) || c == ']')
    {
        return false;
    }
    true
}

fn check(cx: &mut Checker) {
    let text = cx.text();
    let mut found: Vec<Span> = cx
        .data
        .placeholders
        .find_iter(text)
        .filter(|s| !s.is_empty() && looks_real(text, s))
        .collect();
    for span in cx.data.placeholder_values.find_groups(text) {
        let rest = &text[span.end..];
        let next = rest
            .chars()
            .find(|&c| c != ' ' && c != '\u{3000}' && c != '\u{a0}');
        let ends_cell = match next {
            None => true,
            Some(c) => matches!(
                c,
                '\n' | '\r' | '|' | '\t' | '，' | ',' | '；' | ';' | '。' | '、'
            ),
        };
        if ends_cell {
            found.push(span);
        }
    }
    found.sort_by_key(|s| (s.start, s.end));
    for span in found {
        let m = &text[span.clone()];
        let msg = if matches!(
            m,
            "None" | "null" | "NULL" | "Null" | "undefined" | "NaN" | "nan"
        ) {
            format!("“{m}”是程序的空值，不是填报内容：应填写实际数值或文字")
        } else {
            format!("模板占位符“{m}”未替换为实际内容")
        };
        cx.report(span, msg);
    }
}
