//! The six section headings (markdown, bold and plain; `、` `.` `．` numbering; wording variants
//! from rules/sections.toml).
//!
//! A heading is a line of its own: optional ATX `#{1,6} `, optional `**…**` bold, optional leading
//! white space (U+00A0, U+3000 and a BOM included), a numeral `一`…`十` and a separator (`、` `.`
//! `．`), then the wording and optional trailing `：`/spaces. The line is a heading when its
//! *folded* wording is the canonical wording of a section or a known variant (rules/sections.toml);
//! the section number comes from the wording, not the numeral. Because the wording must match as a
//! whole, the rows of table 三 (`一、本年新收政府信息公开申请数量`, `三、本年度办理结果`) and section
//! names listed inside a paragraph are not headings.
//!
//! A heading may carry its content on the same line after `：`/`:`/`。`
//! (`六、其他需要报告的事项：无`); its body then starts after that punctuation.

use std::sync::LazyLock;

use serde::Deserialize;

use super::{Format, HeadingMarkup, Section};
use crate::diagnostic::Span;
use crate::fold::fold;

/// One entry of rules/sections.toml.
#[derive(Debug, Deserialize)]
pub struct SectionDef {
    pub number: u8,
    pub numeral: String,
    pub canonical: String,
    #[serde(default)]
    pub variants: Vec<String>,
}

#[derive(Deserialize)]
struct SectionsFile {
    section: Vec<SectionDef>,
}

/// The six sections of rules/sections.toml, in order.
pub static SECTIONS: LazyLock<Vec<SectionDef>> = LazyLock::new(|| {
    let file: SectionsFile = toml::from_str(include_str!("../../rules/sections.toml"))
        .expect("rules/sections.toml is valid");
    file.section
});

/// Folded wording (punctuation-insensitive key) → (section number, the folded canonical wording).
static KEYS: LazyLock<Vec<(String, u8)>> = LazyLock::new(|| {
    let mut keys = Vec::new();
    for def in SECTIONS.iter() {
        keys.push((key(&def.canonical), def.number));
        for v in &def.variants {
            keys.push((key(v), def.number));
        }
    }
    keys
});

/// The template wording of section `number` (1..=6); empty for another number.
pub fn canonical_wording(number: u8) -> &'static str {
    SECTIONS
        .iter()
        .find(|d| d.number == number)
        .map(|d| d.canonical.as_str())
        .unwrap_or("")
}

/// The numeral of `number` (1..=10): `一` … `十`.
pub fn numeral(number: u8) -> &'static str {
    const N: [&str; 10] = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];
    N.get((number as usize).wrapping_sub(1))
        .copied()
        .unwrap_or("")
}

fn numeral_value(c: char) -> Option<u8> {
    "一二三四五六七八九十"
        .chars()
        .position(|n| n == c)
        .map(|p| p as u8 + 1)
}

/// Folded and stripped of in-heading punctuation and of a leading year (`2019年政府信息公开工作
/// 的总体情况`), for recognising a wording.
fn key(s: &str) -> String {
    let f = fold(s);
    let digits = f.len() - f.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    let f = match f[digits..].strip_prefix('年') {
        Some(rest) if digits == 4 => rest.strip_prefix('度').unwrap_or(rest),
        _ => &f,
    };
    f.chars()
        .filter(|c| !matches!(c, '、' | ',' | '，' | '。' | '.' | ';' | ':' | '的'))
        .collect()
}

/// Section number of a heading wording (canonical or variant), if recognised.
pub fn section_of_wording(wording: &str) -> Option<u8> {
    let k = key(wording);
    if k.is_empty() {
        return None;
    }
    KEYS.iter().find(|(w, _)| *w == k).map(|(_, n)| *n)
}

/// Whether `wording` is the template wording of section `number` (folded comparison).
pub fn is_canonical(number: u8, wording: &str) -> bool {
    fold(wording) == fold(canonical_wording(number))
}

/// Line spans (start, end without the line break) of `text`; breaks are `\n`, `\r\n`, `\r`.
pub fn line_spans(text: &str) -> Vec<Span> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len() / 40 + 1);
    let mut start = 0;
    for i in memchr::memchr2_iter(b'\n', b'\r', bytes) {
        if i < start {
            // The `\n` of a `\r\n` already taken.
            continue;
        }
        out.push(start..i);
        start = if bytes[i] == b'\r' && bytes.get(i + 1) == Some(&b'\n') {
            i + 2
        } else {
            i + 1
        };
    }
    if start < bytes.len() {
        out.push(start..bytes.len());
    }
    out
}

/// White space as a heading may carry it: Unicode white space (U+00A0, U+3000…), BOM, ZWSP.
pub fn is_space(c: char) -> bool {
    c.is_whitespace() || c == '\u{feff}' || c == '\u{200b}'
}

/// Whether a line is blank (white space only, as a heading may carry it).
pub fn is_blank(text: &str, line: &Span) -> bool {
    text[line.clone()].trim_matches(is_space).is_empty()
}

/// Non-blank lines with their spans.
pub fn nonempty_lines(text: &str, lines: &[Span]) -> Vec<Span> {
    lines
        .iter()
        .filter(|l| !is_blank(text, l))
        .cloned()
        .collect()
}

/// The line without surrounding white space, markdown heading markers and bold markers.
pub fn strip_markup(text: &str, line: Span) -> Span {
    let s = &text[line.clone()];
    let lead = s.len() - s.trim_start_matches(is_space).len();
    let mut a = lead;
    let mut b = s.trim_end_matches(is_space).len();
    if b <= a {
        return line.start + a..line.start + a;
    }
    let inner = &s[a..b];
    let hashes = inner.chars().take_while(|&c| c == '#').count();
    if hashes > 0 && hashes <= 6 {
        a += hashes;
        a += s[a..b].len() - s[a..b].trim_start_matches(is_space).len();
    }
    if s[a..b].starts_with("**") && s[a..b].ends_with("**") && b - a >= 4 {
        a += 2;
        b -= 2;
    }
    line.start + a..line.start + b
}

/// A line shaped like a numbered heading (`## 一、…`, `**二．…**`, `三.…`), whatever its wording.
#[derive(Debug, Clone)]
pub struct HeadingLine {
    /// The line without its line break.
    pub line: Span,
    /// 1..=10 from the numeral `一` … `十`.
    pub numeral: u8,
    pub numeral_span: Span,
    /// The wording after the separator, without markup, trailing `：` and spaces.
    pub wording: Span,
    pub markup: HeadingMarkup,
}

/// Parse one line (`line` excludes the line break) as a numbered heading.
pub fn parse_heading_line(text: &str, line: Span) -> Option<HeadingLine> {
    let s = text.get(line.clone())?;
    let base = line.start;
    let mut pos = skip(s, 0, is_space);
    let mut markup = HeadingMarkup::Plain;
    // ATX markers.
    let hashes = s[pos..].chars().take_while(|&c| c == '#').count();
    if hashes > 0 {
        let after = pos + hashes;
        if hashes > 6 || !s[after..].starts_with([' ', '\t', '\u{3000}']) {
            return None;
        }
        markup = HeadingMarkup::Atx;
        pos = skip(s, after, is_space);
    }
    let mut bold = false;
    if s[pos..].starts_with("**") {
        bold = true;
        if markup == HeadingMarkup::Plain {
            markup = HeadingMarkup::Bold;
        }
        pos = skip(s, pos + 2, is_space);
    }
    let c = s[pos..].chars().next()?;
    let number = numeral_value(c)?;
    let numeral_span = base + pos..base + pos + c.len_utf8();
    pos += c.len_utf8();
    pos = skip(s, pos, |c| c == ' ' || c == '\u{3000}');
    let sep = s[pos..].chars().next()?;
    if !matches!(sep, '、' | '.' | '．') {
        return None;
    }
    pos = skip(s, pos + sep.len_utf8(), is_space);
    // Bold wording after the numbering: `一、**总体情况**`.
    if !bold && s[pos..].starts_with("**") {
        bold = true;
        if markup == HeadingMarkup::Plain {
            markup = HeadingMarkup::Bold;
        }
        pos = skip(s, pos + 2, is_space);
    }
    // Trailing markup and punctuation.
    let mut end = s.len();
    loop {
        let t = s[pos..end].trim_end_matches(is_space);
        end = pos + t.len();
        if markup == HeadingMarkup::Atx && t.ends_with('#') {
            let stripped = t.trim_end_matches('#');
            // A closing sequence must be preceded by a space.
            if stripped.ends_with(is_space) {
                end = pos + stripped.len();
                continue;
            }
        }
        if bold && t.ends_with("**") {
            end -= 2;
            bold = false;
            continue;
        }
        if t.ends_with('：') || t.ends_with(':') {
            end -= t.chars().next_back().map(char::len_utf8).unwrap_or(0);
            continue;
        }
        break;
    }
    if end <= pos {
        return None;
    }
    Some(HeadingLine {
        line,
        numeral: number,
        numeral_span,
        wording: base + pos..base + end,
        markup,
    })
}

fn skip(s: &str, mut pos: usize, pred: impl Fn(char) -> bool) -> usize {
    while let Some(c) = s[pos..].chars().next() {
        if !pred(c) {
            break;
        }
        pos += c.len_utf8();
    }
    pos
}

/// A recognised section heading before bodies are known.
struct Found {
    number: u8,
    line: Span,
    wording: Span,
    canonical: bool,
    markup: HeadingMarkup,
    /// Where the body starts (line end, or after inline `：` content marker).
    body_start: usize,
}

fn recognise(text: &str, line: Span) -> Option<Found> {
    let h = parse_heading_line(text, line.clone())?;
    let wording = &text[h.wording.clone()];
    if let Some(number) = section_of_wording(wording) {
        return Some(Found {
            number,
            canonical: is_canonical(number, wording),
            line: h.line,
            wording: h.wording,
            markup: h.markup,
            body_start: line.end,
        });
    }
    if let Some(f) = run_in(text, &h) {
        return Some(f);
    }
    // `六、其他需要报告的事项：无` — wording, then content on the same line.
    for (i, c) in wording.char_indices() {
        if matches!(c, '：' | ':' | '。') {
            let head = wording[..i].trim_end_matches(is_space);
            if let Some(number) = section_of_wording(head) {
                let w = h.wording.start..h.wording.start + head.len();
                return Some(Found {
                    number,
                    canonical: is_canonical(number, head),
                    line: h.line,
                    wording: w,
                    markup: h.markup,
                    body_start: h.wording.start + i + c.len_utf8(),
                });
            }
            break;
        }
    }
    None
}

/// A heading run into its body on the same line (`　　一、总体情况　　2023年，本局坚持…`, or
/// `一、总体情况2023年…`): the longest start of the wording that is a section's, followed by white
/// space or a digit, and then by body text rather than the next numbered heading (a list of the
/// sections, `一、总体情况 二、主动公开政府信息情况 …`, is not a heading).
fn run_in(text: &str, h: &HeadingLine) -> Option<Found> {
    let wording = &text[h.wording.clone()];
    // Cheap gate: the start of the wording, folded once, must begin with a section's wording.
    let start_len = wording
        .char_indices()
        .nth(48)
        .map_or(wording.len(), |(i, _)| i);
    let start = key(&wording[..start_len]);
    if !KEYS.iter().any(|(k, _)| start.starts_with(k.as_str())) {
        return None;
    }
    let mut best = None;
    for (i, c) in wording.char_indices().take(40) {
        if i == 0 || !(is_space(c) || c.is_ascii_digit() || ('０'..='９').contains(&c)) {
            continue;
        }
        // `**一、总体情况**　　2023年…`: the bold ends before the body.
        let head = wording[..i].trim_end_matches(is_space);
        let head = head.strip_suffix("**").unwrap_or(head);
        if head.is_empty() {
            continue;
        }
        if let Some(number) = section_of_wording(head) {
            best = Some((number, head.len(), i));
        }
    }
    let (number, head_len, split) = best?;
    let rest = wording[split..].trim_start_matches(is_space);
    let mut chars = rest.chars();
    let next_is_heading = chars.next().and_then(numeral_value).is_some()
        && chars.next().is_some_and(|c| matches!(c, '、' | '.' | '．'));
    if rest.is_empty() || next_is_heading {
        return None;
    }
    let head = &wording[..head_len];
    Some(Found {
        number,
        canonical: is_canonical(number, head),
        line: h.line.clone(),
        wording: h.wording.start..h.wording.start + head_len,
        markup: h.markup,
        body_start: h.wording.end - rest.len(),
    })
}

/// Numbered headings inside a long line (a web page flattened to one line): `…。二、主动公开
/// 政府信息情况　　…`, after a sentence end or white space, run into their body.
fn mid_line(text: &str, line: &Span) -> Vec<Found> {
    let s = &text[line.clone()];
    let mut out = Vec::new();
    if s.len() < 200 {
        return out;
    }
    // At each `、`/`.`/`．` with a numeral before it and a break before the numeral.
    for (sep, _) in s.match_indices(['、', '.', '．']) {
        let Some(c) = s[..sep].chars().next_back() else {
            continue;
        };
        let i = sep - c.len_utf8();
        let after_break = s[..i]
            .chars()
            .next_back()
            .is_some_and(|p| is_space(p) || matches!(p, '。' | '；' | ';'));
        if i == 0 || !after_break || numeral_value(c).is_none() {
            continue;
        }
        let sub = line.start + i..line.end;
        if let Some(h) = parse_heading_line(text, sub)
            && let Some(f) = run_in(text, &h)
        {
            out.push(Found {
                line: line.start + i..f.wording.end,
                ..f
            });
        }
    }
    out
}

/// A line that is exactly a section's template wording without its numeral (`总体情况`,
/// `**主动公开政府信息情况**`): a heading whose numbering is missing (GX104), taken only for a
/// section that has no numbered heading.
fn bare(text: &str, line: &Span) -> Option<Found> {
    let s = &text[line.clone()];
    // The longest template wording is 15 characters (45 bytes); with markup and spaces, short.
    if s.len() > 96 || s.is_empty() {
        return None;
    }
    let inner = strip_markup(text, line.clone());
    let trimmed = s.trim_start_matches(is_space);
    let markup = if trimmed.starts_with('#') {
        HeadingMarkup::Atx
    } else if trimmed.starts_with("**") && !text[inner.clone()].starts_with("**") {
        HeadingMarkup::Bold
    } else {
        HeadingMarkup::Plain
    };
    let wording = text[inner.clone()].trim_end_matches(['：', ':']);
    // Every template wording ends with 情况 or 事项 (情況/事項 in traditional characters).
    if !wording.ends_with(['况', '況', '项', '項']) {
        return None;
    }
    let number = (1..=6).find(|&n| is_canonical(n, wording))?;
    Some(Found {
        number,
        canonical: false,
        line: line.clone(),
        wording: inner.start..inner.start + wording.len(),
        markup,
        body_start: line.end,
    })
}

/// Find the section headings of the report, in document order.
///
/// Every format gets the headings that are recognised; whether the structure is judged (GX1xx) is
/// the rules' decision (pre-2019 reports are not judged).
pub fn find_sections(text: &str, format: Format) -> Vec<Section> {
    find_sections_in(text, &line_spans(text), format)
}

/// `find_sections` with the text's `line_spans` already made.
pub fn find_sections_in(text: &str, lines: &[Span], _format: Format) -> Vec<Section> {
    let mut found: Vec<Found> = Vec::new();
    let mut bare_found: Vec<Found> = Vec::new();
    for l in lines {
        match recognise(text, l.clone()) {
            Some(f) => {
                let from = f.body_start - l.start;
                found.push(f);
                // The rest of a flattened page may hold the next headings.
                let rest = l.start + from..l.end;
                found.extend(mid_line(text, &rest));
            }
            None => {
                let m = mid_line(text, l);
                if m.is_empty() {
                    bare_found.extend(bare(text, l));
                }
                found.extend(m);
            }
        }
    }
    // Numeral-less headings only stand in for sections with no numbered heading.
    for b in bare_found {
        if !found.iter().any(|f| f.number == b.number) {
            found.push(b);
        }
    }
    found.sort_by_key(|f| f.line.start);
    let mut out = Vec::with_capacity(found.len());
    for (i, f) in found.iter().enumerate() {
        let end = found.get(i + 1).map(|n| n.line.start).unwrap_or(text.len());
        let start = f.body_start.min(end);
        out.push(Section {
            number: f.number,
            line: f.line.clone(),
            wording: f.wording.clone(),
            canonical: f.canonical,
            markup: f.markup,
            body: start..end,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_spans_all_breaks() {
        let t = "a\nb\r\nc\rd\r\r\ne\n\n一";
        let lines: Vec<&str> = line_spans(t).into_iter().map(|l| &t[l]).collect();
        assert_eq!(lines, ["a", "b", "c", "d", "", "e", "", "一"]);
        assert_eq!(
            line_spans("x\r\n"),
            vec![(0, 1)]
                .into_iter()
                .map(|(a, b)| a..b)
                .collect::<Vec<_>>()
        );
        assert_eq!(
            line_spans("\r"),
            vec![(0, 0)]
                .into_iter()
                .map(|(a, b)| a..b)
                .collect::<Vec<_>>()
        );
        assert!(line_spans("").is_empty());
    }

    fn numbers(text: &str) -> Vec<u8> {
        find_sections(text, Format::V2021)
            .iter()
            .map(|s| s.number)
            .collect()
    }

    #[test]
    fn heading_forms() {
        let t = "## 一、总体情况\n正文\n**二．主动公开政府信息情况**\n\u{a0}\u{3000}三.收到和处理政府信息公开申请情况：\n";
        let s = find_sections(t, Format::V2021);
        assert_eq!(s.len(), 3);
        assert_eq!(s[0].markup, HeadingMarkup::Atx);
        assert_eq!(&t[s[0].wording.clone()], "总体情况");
        assert_eq!(&t[s[0].body.clone()], "\n正文\n");
        assert_eq!(s[1].markup, HeadingMarkup::Bold);
        assert_eq!(&t[s[1].wording.clone()], "主动公开政府信息情况");
        assert_eq!(&t[s[2].wording.clone()], "收到和处理政府信息公开申请情况");
        assert!(s.iter().all(|s| s.canonical));
    }

    #[test]
    fn bold_wording_after_the_numbering() {
        let t = "一、**总体情况**\n正文\n## 二、**主动公开政府信息情况**\n";
        let s = find_sections(t, Format::V2021);
        assert_eq!(s.len(), 2);
        assert_eq!(s[0].markup, HeadingMarkup::Bold);
        assert_eq!(&t[s[0].wording.clone()], "总体情况");
        assert_eq!(s[1].markup, HeadingMarkup::Atx);
        assert_eq!(&t[s[1].wording.clone()], "主动公开政府信息情况");
        assert!(s.iter().all(|s| s.canonical));
    }

    #[test]
    fn not_headings() {
        assert!(
            numbers(
                "一、本年新收政府信息公开申请数量\n三、本年度办理结果\n四、结转下年度继续办理\n"
            )
            .is_empty()
        );
        assert!(numbers("内容包括：一、总体情况、二、主动公开政府信息情况\n").is_empty());
        assert!(numbers("###### 一 总体情况\n").is_empty());
    }

    #[test]
    fn variants_and_numeral_mismatch() {
        let t =
            "四、因政府信息公开工作被申请行政复议、提起行政诉讼情况\n五、其他需要报告的事项：无\n";
        let s = find_sections(t, Format::V2021);
        assert_eq!(s.iter().map(|s| s.number).collect::<Vec<_>>(), vec![4, 6]);
        assert!(!s[0].canonical);
        assert!(s[1].canonical);
        assert_eq!(&t[s[1].body.clone()], "无\n");
    }
}
