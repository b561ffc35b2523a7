//! GX501 empty-field: 字段标签后没有内容.
//!
//! A contact-field label from rules/patterns.toml `[fields]` (`地址：`, `联系电话：` …) followed by
//! nothing: the end of the line, a closing bracket, `；`/`，`/`。`, or the next label. A label that
//! ends its line is not reported when the next line holds a value (a table pasted one cell per
//! line puts the value there).

use crate::rules::prelude::*;

declare_rule!("GX501", "empty-field", Warning, "字段标签后没有内容");

fn is_hblank(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\u{3000}' | '\u{a0}')
}

fn check(cx: &mut Checker) {
    let text = cx.text();
    let found = cx.data.fields.find(text);
    let starts: Vec<usize> = found.iter().map(|(full, _)| full.start).collect();
    for (full, label) in &found {
        let rest = &text[full.end..];
        let skipped = rest.len() - rest.trim_start_matches(is_hblank).len();
        let pos = full.end + skipped;
        let empty = match text[pos..].chars().next() {
            None => true,
            Some('\n' | '\r') => {
                // The value may stand on the next line.
                let next_start = crate::data::after_line_break(text, pos);
                let next_end = crate::data::line_end(text, next_start);
                let line = &text[next_start..next_end];
                let lead = line.len() - line.trim_start_matches(is_hblank).len();
                line.trim_matches(is_hblank).is_empty()
                    || starts.binary_search(&(next_start + lead)).is_ok()
            }
            Some(c) => {
                matches!(
                    c,
                    ')' | '）' | '】' | ']' | '」' | '〕' | '；' | ';' | '，' | ',' | '。' | '、'
                ) || starts.binary_search(&pos).is_ok()
            }
        };
        if empty {
            let name = &text[label.clone()];
            cx.report(
                full.clone(),
                format!("“{name}”后没有填写内容：应填写{name}，或删除该字段"),
            );
        }
    }
}
