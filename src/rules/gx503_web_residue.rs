//! GX503 web-residue: 从网页或 Word 导出带入的残留文字.

use crate::data::{Deleter, merge_spans};
use crate::rules::prelude::*;

declare_rule!(
    "GX503",
    "web-residue",
    Warning,
    "从网页或 Word 导出带入的残留文字"
);

fn check(cx: &mut Checker) {
    let text = cx.text();
    let data = cx.data;
    let residue: Vec<Span> = data
        .residue
        .find_iter(text)
        .filter(|s| !s.is_empty())
        .collect();
    if residue.is_empty() {
        return;
    }
    let removable = merge_spans(
        residue
            .iter()
            .cloned()
            .chain(data.spam.find_iter(text))
            .collect(),
    );
    let mut deleter = Deleter::new(text, &removable);
    for span in residue {
        let found = text[span.clone()].trim_end();
        let (edit, whole_line) = deleter.deletion(&span);
        let title = if whole_line {
            "删除残留文字所在的整行"
        } else {
            "删除残留文字"
        };
        cx.report(
            span,
            format!("网页或 Word 导出残留文字“{found}”，不属于报告内容，应删除"),
        )
        .with_fix(Fix::safe(title, vec![edit]));
    }
}
