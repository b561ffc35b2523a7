//! The LSP document store against a `String` model: any sequence of incremental and full
//! changes, in UTF-16 or UTF-8 positions, gives the same text.
#![no_main]

use arbitrary::Arbitrary;
use gxlint::line_index::ColumnUnit;
use gxlint::lsp::store::{Change, DocState, Pos};
use libfuzzer_sys::fuzz_target;

#[derive(Debug, Arbitrary)]
struct Edit {
    full: bool,
    start: (u8, u8),
    end: (u8, u8),
    text: EditText,
}

#[derive(Debug, Arbitrary)]
enum EditText {
    Empty,
    Piece(gxlint_fuzz::Piece),
    Raw(String),
}

#[derive(Debug, Arbitrary)]
struct Session {
    utf8: bool,
    initial: gxlint_fuzz::Report,
    edits: Vec<Edit>,
}

fuzz_target!(|s: Session| {
    let (unit, units): (ColumnUnit, fn(char) -> usize) = if s.utf8 {
        (ColumnUnit::Utf8, gxlint_fuzz::utf8_units)
    } else {
        (ColumnUnit::Utf16, gxlint_fuzz::utf16_units)
    };
    let mut model = s.initial.0.clone();
    let mut doc = DocState::new(&model, 0);
    for e in s.edits.iter().take(32) {
        let text = match &e.text {
            EditText::Empty => String::new(),
            EditText::Piece(p) => {
                let mut t = String::new();
                p.render(&mut t);
                t
            }
            EditText::Raw(r) => r.clone(),
        };
        if model.len() + text.len() > 2 * gxlint_fuzz::MAX_INPUT {
            break;
        }
        let range = (!e.full).then_some((
            (e.start.0 as u32, e.start.1 as u32),
            (e.end.0 as u32, e.end.1 as u32),
        ));
        gxlint_fuzz::model_apply(&mut model, range, &text, units);
        let change = Change {
            range: range
                .map(|((l1, c1), (l2, c2))| (Pos { line: l1, col: c1 }, Pos { line: l2, col: c2 })),
            text,
        };
        doc.apply(&[change], unit);
        assert_eq!(doc.rope.to_string(), model);
    }
});
