//! Byte offset <-> (line, column) conversion in the three column units a client may want.
//! Line ends are `\n`, `\r\n` and a lone `\r` (as LSP defines them); U+2028 and form feed are not.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColumnUnit {
    /// Unicode scalar values (the CLI's JSON `column`).
    Char,
    /// UTF-16 code units (LSP default).
    Utf16,
    /// Bytes (LSP `utf-8` position encoding).
    Utf8,
}

#[derive(Debug, Clone)]
pub struct LineIndex {
    /// Byte offset at which each line starts.
    starts: Vec<usize>,
    len: usize,
}

impl LineIndex {
    pub fn new(text: &str) -> LineIndex {
        let bytes = text.as_bytes();
        let mut starts = vec![0];
        let mut i = 0;
        while i < bytes.len() {
            match bytes[i] {
                b'\n' => starts.push(i + 1),
                b'\r' => {
                    if bytes.get(i + 1) == Some(&b'\n') {
                        i += 1;
                    }
                    starts.push(i + 1);
                }
                _ => {}
            }
            i += 1;
        }
        LineIndex {
            starts,
            len: text.len(),
        }
    }

    pub fn line_count(&self) -> usize {
        self.starts.len()
    }

    /// Start offset of line `line` (0-based); `None` past the last line.
    pub fn line_start(&self, line: usize) -> Option<usize> {
        self.starts.get(line).copied()
    }

    /// End of line `line`'s content (before its line break).
    pub fn line_end(&self, text: &str, line: usize) -> Option<usize> {
        let start = self.line_start(line)?;
        let next = self.starts.get(line + 1).copied().unwrap_or(self.len);
        let s = &text[start..next];
        let trimmed = s.trim_end_matches(['\n', '\r']);
        Some(start + trimmed.len())
    }

    /// 0-based line containing `offset` (clamped to the text).
    pub fn line_of(&self, offset: usize) -> usize {
        let offset = offset.min(self.len);
        match self.starts.binary_search(&offset) {
            Ok(l) => l,
            Err(l) => l - 1,
        }
    }

    /// 0-based (line, column) of a byte offset, column counted in `unit`.
    /// An offset inside a character is moved back to its start.
    pub fn position(&self, text: &str, offset: usize, unit: ColumnUnit) -> (usize, usize) {
        let mut offset = offset.min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.line_of(offset);
        let start = self.starts[line];
        let seg = &text[start..offset];
        let col = match unit {
            ColumnUnit::Utf8 => seg.len(),
            ColumnUnit::Char => seg.chars().count(),
            ColumnUnit::Utf16 => seg.chars().map(char::len_utf16).sum(),
        };
        (line, col)
    }

    /// Byte offset of a 0-based (line, column). A column past the line's end clamps to the end
    /// of the line; a column inside a character (half a surrogate pair) clamps to its start.
    /// Returns `None` for a line past the end of the text.
    pub fn offset(&self, text: &str, line: usize, col: usize, unit: ColumnUnit) -> Option<usize> {
        let start = self.line_start(line)?;
        let end = self.line_end(text, line)?;
        let seg = &text[start..end];
        let mut acc = 0usize;
        for (i, ch) in seg.char_indices() {
            if acc >= col {
                return Some(start + i);
            }
            let w = match unit {
                ColumnUnit::Utf8 => ch.len_utf8(),
                ColumnUnit::Char => 1,
                ColumnUnit::Utf16 => ch.len_utf16(),
            };
            if acc + w > col {
                return Some(start + i);
            }
            acc += w;
        }
        Some(end)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn astral_and_crlf() {
        let t = "a𠮷b\r\n第二行\rx";
        let li = LineIndex::new(t);
        assert_eq!(li.line_count(), 3);
        let b = t.find('b').unwrap();
        assert_eq!(li.position(t, b, ColumnUnit::Utf16), (0, 3));
        assert_eq!(li.position(t, b, ColumnUnit::Char), (0, 2));
        assert_eq!(li.position(t, b, ColumnUnit::Utf8), (0, 5));
        assert_eq!(li.offset(t, 0, 3, ColumnUnit::Utf16), Some(b));
        assert_eq!(li.offset(t, 0, 2, ColumnUnit::Utf16), Some(1)); // inside the pair
        let x = t.find('x').unwrap();
        assert_eq!(li.position(t, x, ColumnUnit::Char), (2, 0));
        assert_eq!(li.offset(t, 1, 99, ColumnUnit::Char), li.line_end(t, 1));
        assert_eq!(li.offset(t, 9, 0, ColumnUnit::Char), None);
    }
}
