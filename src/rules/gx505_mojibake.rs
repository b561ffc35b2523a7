//! GX505 mojibake: 乱码.
//!
//! Three kinds: known mis-decoding sequences from rules/patterns.toml (`锟斤拷`, U+FFFD …);
//! runs of two or more `?` next to Chinese text (characters lost in a GBK → ASCII conversion);
//! UTF-8 bytes read as Latin-1/Windows-1252 (`Ã©`, `ä¸­æ–‡`, `ï»¿`).

use crate::rules::prelude::*;

declare_rule!("GX505", "mojibake", Warning, "乱码");

fn is_cjk(c: char) -> bool {
    matches!(c as u32, 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x3FFFF)
}

/// The byte a character stands for when UTF-8 was decoded as Windows-1252 (or Latin-1).
fn cp1252_byte(c: char) -> Option<u8> {
    let b = match c {
        '\u{80}'..='\u{FF}' => c as u32 as u8,
        '€' => 0x80,
        '‚' => 0x82,
        'ƒ' => 0x83,
        '„' => 0x84,
        '…' => 0x85,
        '†' => 0x86,
        '‡' => 0x87,
        'ˆ' => 0x88,
        '‰' => 0x89,
        'Š' => 0x8A,
        '‹' => 0x8B,
        'Œ' => 0x8C,
        'Ž' => 0x8E,
        '‘' => 0x91,
        '’' => 0x92,
        '“' => 0x93,
        '”' => 0x94,
        '•' => 0x95,
        '–' => 0x96,
        '—' => 0x97,
        '˜' => 0x98,
        '™' => 0x99,
        'š' => 0x9A,
        '›' => 0x9B,
        'œ' => 0x9C,
        'ž' => 0x9E,
        'Ÿ' => 0x9F,
        _ => return None,
    };
    Some(b)
}

/// How many continuation bytes a UTF-8 lead byte wants (None: not a lead byte we consider).
fn continuation_count(lead: u8) -> Option<usize> {
    match lead {
        0xD7 | 0xF7 => None, // × ÷ are common on their own
        0xC2..=0xDF => Some(1),
        0xE0..=0xEF => Some(2),
        0xF0..=0xF4 => Some(3),
        _ => None,
    }
}

/// One encoded character at the start of `s`: its length in bytes of `s`, and whether it was a
/// three- or four-byte character.
fn encoded_unit(s: &str) -> Option<(usize, bool)> {
    let mut it = s.chars();
    let lead = it.next()?;
    let n = continuation_count(cp1252_byte(lead)?)?;
    let mut len = lead.len_utf8();
    for _ in 0..n {
        let c = it.next()?;
        if !cp1252_byte(c).is_some_and(|b| (0x80..=0xBF).contains(&b)) {
            return None;
        }
        len += c.len_utf8();
    }
    Some((len, n >= 2))
}

/// Spans of UTF-8-read-as-Latin-1 sequences: two or more encoded characters in a row, or one
/// three-byte character, or one `Ã`/`Â` pair.
fn latin1_mojibake(text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    // Every such sequence starts with a character in U+00C2..U+00F4 (UTF-8 lead byte 0xC3).
    let bytes = text.as_bytes();
    let mut from = 0;
    while let Some(p) = bytes[from..].iter().position(|&b| b == 0xC3) {
        let start = from + p;
        let mut end = start;
        let mut units = 0;
        let mut long = false;
        while let Some((len, three)) = text.get(end..).and_then(encoded_unit) {
            units += 1;
            long |= three;
            end += len;
        }
        from = if end > start { end } else { start + 1 };
        if units == 0 {
            continue;
        }
        let first = text[start..].chars().next();
        if units >= 2 || long || matches!(first, Some('Ã' | 'Â')) {
            out.push(start..end);
        }
    }
    out
}

/// Runs of two or more ASCII `?` with Chinese text right before or after.
fn question_runs(text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let bytes = text.as_bytes();
    let mut i = 0;
    while let Some(p) = bytes[i..].iter().position(|&b| b == b'?') {
        let a = i + p;
        let mut b = a;
        while b < bytes.len() && bytes[b] == b'?' {
            b += 1;
        }
        i = b;
        if b - a < 2 {
            continue;
        }
        let before = text[..a].chars().next_back();
        let after = text[b..].chars().next();
        if before.is_some_and(is_cjk) || after.is_some_and(is_cjk) {
            out.push(a..b);
        }
    }
    out
}

fn check(cx: &mut Checker) {
    let text = cx.text();
    // Known sequences; adjacent matches (a run of U+FFFD) are reported once.
    let mut known: Vec<Span> = Vec::new();
    for s in cx.data.mojibake.find_iter(text) {
        match known.last_mut() {
            Some(last) if last.end == s.start => last.end = s.end,
            _ => known.push(s),
        }
    }
    for span in known {
        let found = &text[span.clone()];
        let msg = if found.chars().all(|c| c == '\u{FFFD}') {
            format!(
                "乱码：{} 个替换字符 U+FFFD（�），原文字符在编码转换中丢失，应按原件补正",
                found.chars().count()
            )
        } else {
            format!("乱码“{found}”：文本曾以错误的字符编码读写，应按原件补正")
        };
        cx.report(span, msg);
    }
    for span in question_runs(text) {
        let n = span.len();
        cx.report(
            span,
            format!("乱码：连续 {n} 个“?”夹在中文之间，原文字符在编码转换中丢失，应按原件补正"),
        );
    }
    for span in latin1_mojibake(text) {
        let found = &text[span.clone()];
        let hint = std::str::from_utf8(&found.chars().filter_map(cp1252_byte).collect::<Vec<u8>>())
            .ok()
            .map(|s| format!("，原文可能是“{s}”"))
            .unwrap_or_default();
        cx.report(
            span,
            format!("乱码“{found}”：UTF-8 文本被按 Latin-1/Windows-1252 解码{hint}"),
        );
    }
}
