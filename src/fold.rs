//! Label folding (report-format §6): NFKC (full/half width), no white space or line breaks,
//! no quote marks. Folded text keeps a map back to source offsets so every match has an exact span.

use std::sync::LazyLock;

use unicode_normalization::UnicodeNormalization;

/// First code point of the CJK blocks the traditional table covers (extension A, then the
/// unified ideographs: U+3400..=U+9FFF).
const CJK_FIRST: u32 = 0x3400;
const CJK_LAST: u32 = 0x9FFF;

/// Traditional → simplified for the CJK ideographs (rules/traditional.tsv): the simplified
/// character for each traditional one, `0` for the others. A report written in traditional
/// characters (`政府信息公開工作年度報告`) is matched like one in simplified characters; spans
/// stay exact because one character folds to one character.
static SIMPLIFIED: LazyLock<Vec<u16>> = LazyLock::new(|| {
    let mut table = vec![0u16; (CJK_LAST - CJK_FIRST + 1) as usize];
    for line in include_str!("../rules/traditional.tsv").lines() {
        if line.starts_with('#') {
            continue;
        }
        let mut chars = line.split('\t').map(|f| f.chars().next());
        if let (Some(Some(t)), Some(Some(s))) = (chars.next(), chars.next()) {
            let (t, s) = (u32::from(t), u32::from(s));
            if (CJK_FIRST..=CJK_LAST).contains(&t) && s <= 0xFFFF {
                table[(t - CJK_FIRST) as usize] = s as u16;
            }
        }
    }
    table
});

/// The simplified form of a CJK ideograph `u` (U+3400..=U+9FFF), if it is a traditional one.
#[inline]
fn simplified(u: u32) -> Option<char> {
    let s = *SIMPLIFIED.get(u.checked_sub(CJK_FIRST)? as usize)?;
    (s != 0).then(|| char::from_u32(u32::from(s))).flatten()
}

fn dropped(c: char) -> bool {
    c.is_whitespace()
        || matches!(
            c,
            '"' | '\''
                | '“'
                | '”'
                | '‘'
                | '’'
                | '「'
                | '」'
                | '『'
                | '』'
                | '\u{feff}'
                | '\u{200b}'
        )
}

/// How one source character folds.
enum CharFold {
    /// Dropped (white space, quote marks).
    Drop,
    /// Folds to exactly this one character (itself when NFKC leaves it unchanged).
    One(char),
    /// Anything else: run NFKC on it.
    Normalize,
}

#[inline]
fn ascii_dropped(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\r' | '\u{b}' | '\u{c}' | '"' | '\'')
}

/// The fold of one character, with fast paths for what reports are made of (ASCII, CJK
/// ideographs, full-width forms); `fast_paths_agree_with_nfkc` checks them against NFKC.
#[inline]
fn classify(c: char) -> CharFold {
    let u = u32::from(c);
    if u < 0x80 {
        // ASCII is NFKC already.
        return if ascii_dropped(c) {
            CharFold::Drop
        } else {
            CharFold::One(c)
        };
    }
    // CJK Unified Ideographs (and extension A): no decomposition, not white space; a
    // traditional character folds to its simplified one.
    if (0x4E00..=0x9FFF).contains(&u) || (0x3400..=0x4DBF).contains(&u) {
        return CharFold::One(simplified(u).unwrap_or(c));
    }
    // CJK punctuation (U+3001..U+3035: 、。〈〉《》【】…) is NFKC already; 「」『』 are dropped.
    if (0x3001..=0x3035).contains(&u) {
        return if (0x300C..=0x300F).contains(&u) {
            CharFold::Drop
        } else {
            CharFold::One(c)
        };
    }
    // Full-width ASCII (U+FF01..U+FF5E): NFKC gives the ASCII character.
    if (0xFF01..=0xFF5E).contains(&u) {
        let a = char::from((u - 0xFEE0) as u8);
        return if ascii_dropped(a) {
            CharFold::Drop
        } else {
            CharFold::One(a)
        };
    }
    if dropped(c) {
        return CharFold::Drop;
    }
    // A single character that passes the NFKC quick check is its own normal form.
    if unicode_normalization::is_nfkc_quick(std::iter::once(c))
        == unicode_normalization::IsNormalized::Yes
    {
        CharFold::One(c)
    } else {
        CharFold::Normalize
    }
}

/// Whether the UTF-8 sequence at `bytes[i]` is a CJK ideograph (U+3400..U+4DBF, U+4E00..U+9FFF)
/// that folds to itself (not a traditional one): decoded straight from the bytes, the commonest
/// case of a report.
#[inline]
fn is_cjk_ideograph(bytes: &[u8], i: usize) -> bool {
    let (Some(&b0), Some(&b1), Some(&b2)) = (bytes.get(i), bytes.get(i + 1), bytes.get(i + 2))
    else {
        return false;
    };
    if !(0xE3..=0xE9).contains(&b0) || b1 & 0xC0 != 0x80 || b2 & 0xC0 != 0x80 {
        return false;
    }
    let u = (u32::from(b0 & 0x0F) << 12) | (u32::from(b1 & 0x3F) << 6) | u32::from(b2 & 0x3F);
    ((0x4E00..=0x9FFF).contains(&u) || (0x3400..=0x4DBF).contains(&u)) && simplified(u).is_none()
}

/// Fold a string for comparison.
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let bytes = s.as_bytes();
    // Characters that fold to themselves are copied in runs.
    let mut run = 0;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b < 0x80 {
            i += 1;
            if ascii_dropped(char::from(b)) {
                out.push_str(s.get(run..i - 1).unwrap_or(""));
                run = i;
            }
            continue;
        }
        if is_cjk_ideograph(bytes, i) {
            i += 3;
            continue;
        }
        let Some(c) = s.get(i..).and_then(|s| s.chars().next()) else {
            break;
        };
        let folding = classify(c);
        if matches!(folding, CharFold::One(n) if n == c) {
            i += c.len_utf8();
            continue;
        }
        out.push_str(s.get(run..i).unwrap_or(""));
        match folding {
            CharFold::Drop => {}
            CharFold::One(n) => out.push(n),
            CharFold::Normalize => {
                for n in std::iter::once(c).nfkc() {
                    if !dropped(n) {
                        out.push(simplified(u32::from(n)).unwrap_or(n));
                    }
                }
            }
        }
        i += c.len_utf8();
        run = i;
    }
    out.push_str(s.get(run..).unwrap_or(""));
    out
}

/// Folded text of a source slice, with a map back to source offsets.
///
/// The map is kept as segments of the folded text, in order: a *run* of characters copied
/// unchanged from the source (byte `k` of the run is source byte `src + k`), or the folded
/// character(s) of *one* source character (`src..src + len`). Dropped characters are the gaps.
#[derive(Debug, Clone, Default)]
pub struct Folded {
    pub text: String,
    segs: Vec<Seg>,
    /// End of the source slice.
    src_end: usize,
}

#[derive(Debug, Clone, Copy)]
struct Seg {
    /// First folded byte of the segment.
    fold: usize,
    /// Source offset of its first character.
    src: usize,
    /// 0 for a run of unchanged characters; else the byte length of the one source character.
    len: u8,
}

impl Folded {
    /// Fold `src`, which starts at byte `base` of the document.
    pub fn new(src: &str, base: usize) -> Folded {
        let mut f = Folded {
            text: String::with_capacity(src.len()),
            segs: Vec::new(),
            src_end: base + src.len(),
        };
        // Characters that fold to themselves are copied in runs; the others one by one.
        let bytes = src.as_bytes();
        let mut run = 0;
        let mut i = 0;
        while i < bytes.len() {
            let b = bytes[i];
            if b < 0x80 {
                i += 1;
                if ascii_dropped(char::from(b)) {
                    f.push_run(src, base, run, i - 1);
                    run = i;
                }
                continue;
            }
            if is_cjk_ideograph(bytes, i) {
                i += 3;
                continue;
            }
            let Some(c) = src.get(i..).and_then(|s| s.chars().next()) else {
                break;
            };
            let len = c.len_utf8();
            let folding = classify(c);
            if matches!(folding, CharFold::One(n) if n == c) {
                i += len;
                continue;
            }
            f.push_run(src, base, run, i);
            let seg = Seg {
                fold: f.text.len(),
                src: base + i,
                len: len as u8,
            };
            match folding {
                CharFold::Drop => {}
                CharFold::One(n) => f.text.push(n),
                CharFold::Normalize => {
                    for n in std::iter::once(c).nfkc() {
                        if !dropped(n) {
                            f.text.push(simplified(u32::from(n)).unwrap_or(n));
                        }
                    }
                }
            }
            if f.text.len() > seg.fold {
                f.segs.push(seg);
            }
            i += len;
            run = i;
        }
        f.push_run(src, base, run, bytes.len());
        f
    }

    /// Append `src[a..b]`, characters that fold to themselves.
    fn push_run(&mut self, src: &str, base: usize, a: usize, b: usize) {
        let Some(run) = src.get(a..b).filter(|r| !r.is_empty()) else {
            return;
        };
        self.segs.push(Seg {
            fold: self.text.len(),
            src: base + a,
            len: 0,
        });
        self.text.push_str(run);
    }

    /// End (folded byte) of segment `k`.
    fn seg_end(&self, k: usize) -> usize {
        self.segs.get(k + 1).map_or(self.text.len(), |s| s.fold)
    }

    /// Index of the segment holding folded byte `i` (`i < text.len()`).
    fn seg_of(&self, i: usize) -> usize {
        self.segs.partition_point(|s| s.fold <= i).saturating_sub(1)
    }

    /// Source offset of the character that produced folded byte `i`; the end of the source for
    /// `i >= text.len()`.
    fn start_of(&self, i: usize) -> usize {
        if i >= self.text.len() {
            return self.src_end;
        }
        let Some(seg) = self.segs.get(self.seg_of(i)) else {
            return self.src_end;
        };
        if seg.len != 0 {
            return seg.src;
        }
        let mut k = i;
        while k > seg.fold && !self.text.is_char_boundary(k) {
            k -= 1;
        }
        seg.src + (k - seg.fold)
    }

    /// Source end offset of the character that produced folded byte `i` (`i < text.len()`).
    fn end_of(&self, i: usize) -> usize {
        let k = self.seg_of(i);
        let Some(seg) = self.segs.get(k) else {
            return self.src_end;
        };
        if seg.len != 0 {
            return seg.src + usize::from(seg.len);
        }
        let mut e = i + 1;
        while e < self.text.len() && !self.text.is_char_boundary(e) {
            e += 1;
        }
        seg.src + (e - seg.fold)
    }

    /// The first folded byte whose character starts at or after source offset `p`.
    fn fold_pos(&self, p: usize) -> usize {
        let k = self.segs.partition_point(|s| s.src < p);
        if k > 0 {
            let prev = self.segs[k - 1];
            let end = self.seg_end(k - 1);
            if prev.len == 0 && prev.src + (end - prev.fold) > p {
                let mut i = prev.fold + (p - prev.src);
                while i < end && !self.text.is_char_boundary(i) {
                    i += 1;
                }
                return i;
            }
        }
        self.segs.get(k).map_or(self.text.len(), |s| s.fold)
    }

    /// The fold of the source range `src` (a range of the slice this was built from, on
    /// character boundaries), without folding again: exactly what `Folded::new(&text[src],
    /// src.start)` gives, as a view into this one.
    pub fn slice(&self, src: std::ops::Range<usize>) -> FoldedSlice<'_> {
        let a = self.fold_pos(src.start);
        let b = self.fold_pos(src.end).max(a);
        FoldedSlice {
            text: self.text.get(a..b).unwrap_or(""),
            whole: self,
            offset: a,
            src_end: src.end,
        }
    }

    /// Source span of folded byte range `a..b` (`a < b`); an empty span at the source of `a`
    /// otherwise.
    pub fn source_span(&self, a: usize, b: usize) -> std::ops::Range<usize> {
        if a >= b || self.text.is_empty() {
            let p = self.start_of(a);
            return p..p;
        }
        self.start_of(a)..self.end_of(b.min(self.text.len()) - 1)
    }
}

/// A view of part of a `Folded` (see `Folded::slice`), with the same `text` and `source_span`.
#[derive(Debug, Clone, Copy)]
pub struct FoldedSlice<'f> {
    pub text: &'f str,
    whole: &'f Folded,
    offset: usize,
    src_end: usize,
}

impl FoldedSlice<'_> {
    /// Source span of folded byte range `a..b` of `text` (as `Folded::source_span`).
    pub fn source_span(&self, a: usize, b: usize) -> std::ops::Range<usize> {
        if a >= b || b > self.text.len() {
            let p = if a < self.text.len() {
                self.whole.start_of(self.offset + a)
            } else {
                self.src_end
            };
            return p..p;
        }
        self.whole.source_span(self.offset + a, self.offset + b)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn folds_width_space_quotes() {
        assert_eq!(fold("（一） 本年新\n制作数量"), "(一)本年新制作数量");
        assert_eq!(fold("危及“三安全一稳定”"), "危及三安全一稳定");
        assert_eq!(fold("１２：３"), "12:3");
        let src = "x 商业\n企业";
        let f = Folded::new(src, 10);
        assert_eq!(f.text, "x商业企业");
        let a = f.text.find('商').unwrap();
        assert_eq!(f.source_span(a, f.text.len()), 12..10 + src.len());
    }

    /// A slice of the whole fold is the fold of the slice.
    #[test]
    fn slices_equal_folding_again() {
        let text = "365体育官网\r\n\n# 衡阳市科技局２０２１年 “政府信息公开” 年度报告\n\u{3000}发布时间：２０２２-０１-２５\n\nx";
        let whole = Folded::new(text, 0);
        let mut cuts: Vec<usize> = (0..=text.len())
            .filter(|&i| text.is_char_boundary(i))
            .collect();
        cuts.dedup();
        for (k, &a) in cuts.iter().enumerate() {
            for &b in &cuts[k..] {
                let one = Folded::new(&text[a..b], a);
                let view = whole.slice(a..b);
                assert_eq!(view.text, one.text, "{a}..{b}");
                let n = one.text.len();
                for x in 0..=n {
                    for y in x..=n {
                        if one.text.is_char_boundary(x) && one.text.is_char_boundary(y) {
                            assert_eq!(
                                view.source_span(x, y),
                                one.source_span(x, y),
                                "{a}..{b} {x}..{y}"
                            );
                        }
                    }
                }
            }
        }
    }

    /// The fast paths of `classify` give exactly what per-character NFKC (then traditional →
    /// simplified) gives, for every char.
    #[test]
    fn fast_paths_agree_with_nfkc() {
        let reference = |c: char| -> String {
            if dropped(c) {
                return String::new();
            }
            std::iter::once(c)
                .nfkc()
                .filter(|n| !dropped(*n))
                .map(|n| simplified(u32::from(n)).unwrap_or(n))
                .collect()
        };
        let mut kept = 0;
        // Planes 0–3 and 14 (planes 4–13 are unassigned, 15–16 private use).
        let chars = (0..=0x3FFFFu32).chain(0xE0000..=0xEFFFF);
        for c in chars.filter_map(char::from_u32) {
            let mut buf = [0u8; 4];
            let s = c.encode_utf8(&mut buf);
            let want = reference(c);
            assert_eq!(fold(s), want, "U+{:04X}", u32::from(c));
            let f = Folded::new(s, 3);
            assert_eq!(f.text, want, "U+{:04X}", u32::from(c));
            if matches!(classify(c), CharFold::One(_)) {
                kept += 1;
            }
        }
        // Runs of mixed characters: the same text, and every folded character maps back to the
        // character it came from.
        let all: String = (0..=0xFFFFu32)
            .chain(0x1F100..=0x1F2FF)
            .filter_map(char::from_u32)
            .collect();
        let f = Folded::new(&all, 7);
        let mut want = String::new();
        let mut spans = Vec::new();
        for (i, c) in all.char_indices() {
            for n in reference(c).chars() {
                spans.push((
                    want.len(),
                    want.len() + n.len_utf8(),
                    7 + i..7 + i + c.len_utf8(),
                ));
                want.push(n);
            }
        }
        assert_eq!(f.text, want);
        assert_eq!(fold(&all), want);
        for (a, b, src) in spans {
            assert_eq!(f.source_span(a, b), src);
            // Inside a multi-byte character: still that character.
            if b - a > 1 {
                assert_eq!(f.source_span(a + 1, b), src);
                assert_eq!(f.source_span(a, b - 1), src);
            }
        }
        // The fast paths are taken for most characters.
        assert!(kept > 250_000, "{kept}");
    }

    #[test]
    fn traditional_folds_to_simplified_with_exact_spans() {
        let t = "𠮷政府信息公開工作年度報告　參加或舉辦";
        assert_eq!(fold(t), "𠮷政府信息公开工作年度报告参加或举办");
        let f = Folded::new(t, 0);
        assert_eq!(f.text, fold(t));
        let at = f.text.find("公开").unwrap();
        assert_eq!(&t[f.source_span(at, at + "公开".len())], "公開");
        // Simplified text is left as it is.
        assert_eq!(fold("政府信息公开"), "政府信息公开");
    }
}
