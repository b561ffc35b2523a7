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

/// A character of a URL, path, domain or e-mail address token (`://` and `www.` hold one too).
fn is_url_mark(b: u8) -> bool {
    matches!(b, b'@' | b'/' | b'.')
}

/// Whether the matches sit inside a URL, a path, a domain or an e-mail address: the run of
/// non-blank ASCII characters around a match holds `://`, `www.`, `@`, `/` or `.`.
///
/// Asked about matches in order (non-overlapping, by start), it reads each byte of the text a
/// bounded number of times: many matches in one long token (`f()f()f()…`) take linear time.
struct UrlScan<'t> {
    bytes: &'t [u8],
    /// Bytes before `left` are read: `mark` is one past the last URL mark seen, `token` one past
    /// the last byte that is not ASCII graphic.
    left: usize,
    mark: usize,
    token: usize,
    /// The last forward search: from `from`, the first non-graphic byte is at `end` (or the
    /// end of the text) and the first URL mark at `mark_at` (`usize::MAX`: none before `end`).
    right: Option<(usize, usize, usize)>,
}

impl<'t> UrlScan<'t> {
    fn new(text: &'t str) -> Self {
        UrlScan {
            bytes: text.as_bytes(),
            left: 0,
            mark: 0,
            token: 0,
            right: None,
        }
    }

    fn in_url(&mut self, span: &Span) -> bool {
        let bytes = self.bytes;
        // Left part: the token's bytes before the match.
        if span.start < self.left {
            // Out of order: start again (never happens with find_iter's matches).
            self.left = 0;
            self.mark = 0;
            self.token = 0;
        }
        for (i, &b) in bytes[self.left..span.start].iter().enumerate() {
            let i = self.left + i;
            if !b.is_ascii_graphic() {
                self.token = i + 1;
            } else if is_url_mark(b) {
                self.mark = i + 1;
            }
        }
        self.left = span.start;
        if self.mark > self.token {
            return true;
        }
        // The match itself.
        if bytes[span.clone()].iter().copied().any(is_url_mark) {
            return true;
        }
        // Right part: the token's bytes after the match.
        let q = span.end;
        let (end, mark_at) = match self.right {
            Some((from, end, mark_at)) if from <= q && q <= end => (end, mark_at),
            _ => {
                let rest = &bytes[q..];
                let end = q + rest
                    .iter()
                    .position(|b| !b.is_ascii_graphic())
                    .unwrap_or(rest.len());
                let mark_at = bytes[q..end]
                    .iter()
                    .position(|&b| is_url_mark(b))
                    .map_or(usize::MAX, |i| q + i);
                self.right = Some((q, end, mark_at));
                (end, mark_at)
            }
        };
        // The first mark at or after `q`: the cached one, or none when it lies before `q`
        // (then search the bytes between `q` and the token's end again, at most once per match
        // after the one that found it).
        if mark_at != usize::MAX && mark_at >= q {
            return true;
        }
        if mark_at == usize::MAX {
            return false;
        }
        match bytes[q..end].iter().position(|&b| is_url_mark(b)) {
            Some(i) => {
                self.right = Some((q, end, q + i));
                true
            }
            None => {
                self.right = Some((q, end, usize::MAX));
                false
            }
        }
    }
}

fn looks_real(text: &str, span: &Span, urls: &mut UrlScan) -> bool {
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
    if (first.is_ascii() || last.is_ascii()) && urls.in_url(span) {
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
    let mut urls = UrlScan::new(text);
    let mut found: Vec<Span> = cx
        .data
        .placeholders
        .find_iter(text)
        .filter(|s| !s.is_empty() && looks_real(text, s, &mut urls))
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
