//! GX404 year-unknown: 无法确定报告年度.

use crate::document::YearSource;
use crate::document::meta::looks_like_report;
use crate::rules::prelude::*;

declare_rule!("GX404", "year-unknown", Info, "无法确定报告年度");

fn check(cx: &mut Checker) {
    let doc = cx.doc;
    if doc.year_source != YearSource::Unknown || !looks_like_report(doc) {
        return;
    }
    let span = doc
        .title
        .as_ref()
        .map(|t| t.span.clone())
        .or_else(|| {
            doc.line_spans()
                .iter()
                .find(|l| !doc.slice(l).trim().is_empty())
                .cloned()
        })
        .unwrap_or(0..0);
    let how = if doc.options.format.is_some() {
        format!("已按配置的 {} 格式检查", doc.format.as_str())
    } else {
        format!("已假定为最新的 {} 格式", doc.format.as_str())
    };
    cx.report(
        span,
        format!(
            "无法确定报告年度：标题中没有“XXXX年…政府信息公开工作年度报告”式的年份，配置中也未指定 year；{how}"
        ),
    );
}
