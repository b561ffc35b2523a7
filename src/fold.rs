//! Label folding (report-format §6): NFKC (full/half width), no white space or line breaks,
//! no quote marks. Folded text keeps a map back to source offsets so every match has an exact span.

use unicode_normalization::UnicodeNormalization;

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

/// Fold a string for comparison.
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if dropped(c) {
            continue;
        }
        for n in std::iter::once(c).nfkc() {
            if !dropped(n) {
                out.push(n);
            }
        }
    }
    out
}

/// Folded text of a source slice, with the source offset of every folded byte.
#[derive(Debug, Clone, Default)]
pub struct Folded {
    pub text: String,
    /// `map[i]` = source byte offset of the character that produced folded byte `i`;
    /// `map[text.len()]` = end of the source slice.
    map: Vec<usize>,
    /// Source end offset of the character that produced folded byte `i`.
    ends: Vec<usize>,
}

impl Folded {
    /// Fold `src`, which starts at byte `base` of the document.
    pub fn new(src: &str, base: usize) -> Folded {
        let mut f = Folded::default();
        for (i, c) in src.char_indices() {
            if dropped(c) {
                continue;
            }
            let start = base + i;
            let end = start + c.len_utf8();
            for n in std::iter::once(c).nfkc() {
                if dropped(n) {
                    continue;
                }
                f.text.push(n);
                for _ in 0..n.len_utf8() {
                    f.map.push(start);
                    f.ends.push(end);
                }
            }
        }
        f.map.push(base + src.len());
        f
    }

    /// Source span of folded byte range `a..b` (`a < b`).
    pub fn source_span(&self, a: usize, b: usize) -> std::ops::Range<usize> {
        if a >= b || self.ends.is_empty() {
            let p = self.map[a.min(self.map.len() - 1)];
            return p..p;
        }
        self.map[a]..self.ends[b - 1]
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
}
