//! GX204 label-variant: 标签是模板标签的已知变体或笔误.

use crate::rules::prelude::*;

declare_rule!(
    "GX204",
    "label-variant",
    Warning,
    "标签是模板标签的已知变体或笔误"
);

fn check(cx: &mut Checker) {
    let doc = cx.doc;
    for table in &doc.tables {
        for v in &table.variants {
            let found = doc.slice(&v.span);
            let shown: String = found.chars().filter(|c| !c.is_whitespace()).collect();
            let message = format!("「{shown}」不是模板用语，应为「{}」", v.canonical);
            cx.report(v.span.clone(), message).with_fix(Fix::safe(
                format!("改为「{}」", v.canonical),
                vec![Edit::replace(v.span.clone(), v.canonical)],
            ));
        }
    }
}
