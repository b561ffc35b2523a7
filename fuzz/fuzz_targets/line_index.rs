//! The line index: offset → position → offset round trips in chars, UTF-16 and UTF-8, and
//! positions agree with a plain model of the lines (`\n`, `\r\n`, `\r`).
#![no_main]

use gxlint::line_index::{ColumnUnit, LineIndex};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some(text) = gxlint_fuzz::input_text(data) else {
        return;
    };
    let index = LineIndex::new(&text);
    let lines = gxlint_fuzz::model_lines(&text);
    assert_eq!(index.line_count(), lines.len());
    let units: [(ColumnUnit, fn(char) -> usize); 3] = [
        (ColumnUnit::Char, |_| 1),
        (ColumnUnit::Utf16, char::len_utf16),
        (ColumnUnit::Utf8, char::len_utf8),
    ];
    // At most ~128 offsets (every k-th character, and the end): each check is O(line).
    let chars = text.chars().count();
    let step = chars / 128 + 1;
    for (offset, _) in text
        .char_indices()
        .step_by(step)
        .chain(std::iter::once((text.len(), ' ')))
    {
        for (unit, width) in units {
            let (line, col) = index.position(&text, offset, unit);
            let (s, e) = lines[line];
            assert!(s <= offset, "line of {offset}");
            if offset <= e {
                let expect: usize = text[s..offset].chars().map(width).sum();
                assert_eq!(col, expect, "column of {offset} in {unit:?}");
                assert_eq!(
                    index.offset(&text, line, col, unit),
                    Some(offset),
                    "round trip of {offset} in {unit:?}"
                );
            }
        }
    }
    // Positions inside a character or past a line's end clamp to boundaries within the line.
    for (line, &(s, e)) in lines.iter().enumerate().take(64) {
        for col in [0, 1, 2, 3, 1000] {
            for (unit, _) in units {
                let o = index.offset(&text, line, col, unit).expect("line exists");
                assert!(s <= o && o <= e && text.is_char_boundary(o));
            }
        }
    }
    assert_eq!(index.offset(&text, lines.len(), 0, ColumnUnit::Utf16), None);
});
