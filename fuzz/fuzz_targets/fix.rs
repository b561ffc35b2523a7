//! The fix engine: applying edits changes no byte outside them; fixing twice changes nothing
//! the second time (safe and unsafe modes).
#![no_main]

use gxlint::fix::{FixMode, apply_edits, fix_text, select_fixes};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // Three analyses per run: a smaller input keeps the target fast.
    let Some(text) = gxlint_fuzz::input_text(data).map(|t| gxlint_fuzz::truncate(t, 2048)) else {
        return;
    };
    let settings = gxlint::config::Settings::default();
    let mode = if data.len() % 3 == 0 {
        FixMode::Unsafe
    } else {
        FixMode::Safe
    };
    // One pass by hand: bytes outside the chosen edits are kept, in order.
    let diagnostics = gxlint::check(&text, &settings).diagnostics;
    let chosen = select_fixes(&text, &diagnostics, mode);
    let mut edits: Vec<_> = chosen
        .iter()
        .flat_map(|f| f.edits.iter().cloned())
        .collect();
    let fixed = apply_edits(&text, &edits).expect("selected fixes do not overlap");
    edits.sort_by_key(|e| (e.range.start, e.range.end));
    let mut rebuilt = String::new();
    let mut at = 0;
    for e in &edits {
        rebuilt.push_str(&text[at..e.range.start]);
        rebuilt.push_str(&e.new_text);
        at = e.range.end;
    }
    rebuilt.push_str(&text[at..]);
    assert_eq!(fixed, rebuilt, "bytes outside the edits changed");

    // The whole loop: idempotent, and what it leaves has no fix it would still apply.
    let once = fix_text(&text, &settings, mode);
    let twice = fix_text(&once.text, &settings, mode);
    assert_eq!(
        twice.text, once.text,
        "fixing twice changed the text the second time"
    );
});
