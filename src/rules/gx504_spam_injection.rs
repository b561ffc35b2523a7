//! GX504 spam-injection: 网页中被注入的博彩、色情网站名称.

use crate::data::{Deleter, merge_spans};
use crate::rules::prelude::*;

declare_rule!(
    "GX504",
    "spam-injection",
    Error,
    "网页中被注入的博彩、色情网站名称"
);

fn check(cx: &mut Checker) {
    let text = cx.text();
    let data = cx.data;
    let spam: Vec<Span> = data
        .spam
        .find_iter(text)
        .filter(|s| !s.is_empty())
        .collect();
    if spam.is_empty() {
        return;
    }
    let removable = merge_spans(
        spam.iter()
            .cloned()
            .chain(data.residue.find_iter(text))
            .collect(),
    );
    let mut deleter = Deleter::new(text, &removable);
    for span in spam {
        let found = &text[span.clone()];
        let (edit, whole_line) = deleter.deletion(&span);
        let title = if whole_line {
            "删除注入文字所在的整行"
        } else {
            "删除注入文字"
        };
        cx.report(
            span,
            format!("疑似被注入的博彩或色情网站名称“{found}”，应删除"),
        )
        .with_fix(Fix::safe(title, vec![edit]));
    }
}
