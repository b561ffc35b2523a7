//! The reader and every rule: any text, never a panic; every span on character boundaries
//! within the text; every fix's edits inside the text and not overlapping.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some(text) = gxlint_fuzz::input_text(data) else {
        return;
    };
    let settings = gxlint::config::Settings::default();
    let analysis = gxlint::check(&text, &settings);
    for d in &analysis.diagnostics {
        assert!(
            d.span.start <= d.span.end && d.span.end <= text.len(),
            "{d:?}"
        );
        assert!(text.is_char_boundary(d.span.start) && text.is_char_boundary(d.span.end));
        for f in &d.fixes {
            let mut edits: Vec<_> = f.edits.iter().map(|e| e.range.clone()).collect();
            edits.sort_by_key(|r| (r.start, r.end));
            for e in &edits {
                assert!(e.start <= e.end && e.end <= text.len(), "{d:?}");
                assert!(text.is_char_boundary(e.start) && text.is_char_boundary(e.end));
            }
            for w in edits.windows(2) {
                assert!(
                    w[0].end <= w[1].start,
                    "overlapping edits in one fix: {d:?}"
                );
            }
        }
    }
});
