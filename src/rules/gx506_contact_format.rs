//! GX506 contact-format: 邮编、电子邮箱或电话格式不正确.
//!
//! Looks at the value after a contact-field label (rules/patterns.toml `[fields]`): a 邮编 must be
//! 6 digits; an e-mail address must be `name@domain.tld` in half-width characters; a phone number
//! must be an area code plus a 7–8 digit number (`0736-3222916`, `（0795）2521996`), a mobile
//! number, or a short service number (`12345`). Empty values are GX501's.

use std::sync::LazyLock;

use regex::Regex;

use crate::data::FieldKind;
use crate::rules::prelude::*;

declare_rule!(
    "GX506",
    "contact-format",
    Info,
    "邮编、电子邮箱或电话格式不正确"
);

static EMAIL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}$")
        .expect("valid regex")
});

static PHONE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"^(?:",
        // area code + local number (+ extension)
        r"(?:\+?86-?)?(?:\(0[0-9]{2,3}\)-?|0[0-9]{2,3}-?)?[1-9][0-9]{6,7}(?:(?:-|转)[0-9]{1,6})?",
        // mobile
        r"|(?:\+?86-?)?1[3-9][0-9](?:-?[0-9]{4}){2}",
        // service numbers: 12345, 110, 95xxx, 400/800
        r"|1[0-9]{2,4}|9[0-9]{4}|[48]00-?[0-9]{3}-?[0-9]{4}",
        r")$"
    ))
    .expect("valid regex")
});

fn is_hblank(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\u{3000}' | '\u{a0}')
}

fn normalize_phone(s: &str) -> String {
    s.chars()
        .filter(|&c| !is_hblank(c))
        .map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
            '－' | '—' | '–' | '‐' | '−' => '-',
            '（' => '(',
            '）' => ')',
            '＋' => '+',
            _ => c,
        })
        .collect()
}

/// The value after a label: from `pos`, the longest run of characters `keep` accepts, with
/// trailing blanks and `trim` characters removed.
fn value_span(text: &str, pos: usize, keep: impl Fn(char) -> bool, trim: &[char]) -> Span {
    let rest = &text[pos..];
    let len = rest
        .char_indices()
        .find(|&(_, c)| !keep(c))
        .map_or(rest.len(), |(i, _)| i);
    let mut v = rest[..len].trim_end_matches(|c: char| is_hblank(c) || trim.contains(&c));
    // A closing bracket with no opening one in the value closes the sentence around it:
    // `（…联系电话：0746-7222035）。`
    while let Some(last) = v.chars().last().filter(|c| matches!(c, ')' | '）')) {
        let opens = v.matches(['(', '（']).count();
        let closes = v.matches([')', '）']).count();
        if closes <= opens {
            break;
        }
        v = v[..v.len() - last.len_utf8()].trim_end_matches(is_hblank);
    }
    pos..pos + v.len()
}

fn check(cx: &mut Checker) {
    let text = cx.text();
    for (full, label) in cx.data.fields.find(text) {
        let name = &text[label.clone()];
        let kind = cx.data.fields.kind(name);
        let rest = &text[full.end..];
        let pos = full.end + (rest.len() - rest.trim_start_matches(is_hblank).len());
        match kind {
            FieldKind::Postcode => {
                let span = value_span(
                    text,
                    pos,
                    |c| c.is_ascii_digit() || ('０'..='９').contains(&c),
                    &[],
                );
                if span.is_empty() {
                    continue;
                }
                let n = text[span.clone()].chars().count();
                if n != 6 {
                    cx.report(
                        span.clone(),
                        format!("{name}“{}”应为 6 位数字，实为 {n} 位", &text[span]),
                    );
                }
            }
            FieldKind::Email => {
                let span = value_span(
                    text,
                    pos,
                    |c| {
                        (c.is_ascii_graphic() && !matches!(c, ',' | ';' | ')' | ']' | '(' | '['))
                            || c == '＠'
                            || c == '．'
                    },
                    &['.'],
                );
                if span.is_empty() {
                    continue;
                }
                let v = &text[span.clone()];
                if EMAIL.is_match(v) {
                    continue;
                }
                let why = if v.contains('＠') || v.contains('．') {
                    "含全角字符“＠”或“．”，应使用半角字符".to_string()
                } else if !v.contains('@') {
                    "缺少“@”".to_string()
                } else {
                    "格式不正确，应为“用户名@域名”（如 name@163.com）".to_string()
                };
                cx.report(span, format!("{name}“{v}”{why}"));
            }
            FieldKind::Phone => {
                let keep = |c: char| {
                    c.is_ascii_digit()
                        || ('０'..='９').contains(&c)
                        || is_hblank(c)
                        || "-－—–‐−()（）+＋转、/".contains(c)
                };
                let span = value_span(text, pos, keep, &['、', '/', '-', '(', '（', '转']);
                if span.is_empty() {
                    continue;
                }
                let v = &text[span.clone()];
                if !v
                    .chars()
                    .next()
                    .is_some_and(|c| c.is_ascii_digit() || "（(+０１２３４５６７８９".contains(c))
                {
                    continue;
                }
                // Several numbers: check each.
                let mut from = 0;
                let seps = v.char_indices().filter(|&(_, c)| c == '、' || c == '/');
                for (i, c) in seps.chain(std::iter::once((v.len(), ' '))) {
                    let part = &v[from..i];
                    let lead = part.len() - part.trim_start_matches(is_hblank).len();
                    let trimmed = part.trim_matches(is_hblank);
                    let p_start = span.start + from + lead;
                    from = i + c.len_utf8();
                    if trimmed.is_empty() || PHONE.is_match(&normalize_phone(trimmed)) {
                        continue;
                    }
                    cx.report(
                        p_start..p_start + trimmed.len(),
                        format!(
                            "{name}“{trimmed}”格式不正确：应为区号加 7～8 位号码（如 0736-3222916、（0795）2521996）、11 位手机号或服务号码（如 12345）"
                        ),
                    );
                }
            }
            FieldKind::Other => {}
        }
    }
}
