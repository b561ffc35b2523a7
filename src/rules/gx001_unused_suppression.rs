//! GX001 unused-suppression: 禁用注释没有抑制任何诊断.
//!
//! Also reports, at error level, a `<!-- gxlint-… -->` comment whose directive is unknown
//! (`gxlint-disabel`, `gxlint-disable-lines`): it suppresses nothing, which the author did not
//! mean (its codes are not reported again).
//!
//! Runs after every other rule and after suppression (see `gxlint::lint`): it reads the usage
//! that `Suppressions::suppresses` recorded. A selector naming only rules that are not enabled
//! under the current settings is not reported (they never had the chance to fire).

use crate::rules::prelude::*;
use crate::rules::selector_matches;

declare_rule!(
    "GX001",
    "unused-suppression",
    Info,
    "禁用注释没有抑制任何诊断"
);

fn check(cx: &mut Checker) {
    let doc = cx.doc;
    for u in &cx.context.suppressions.unknown {
        let known = crate::suppress::DIRECTIVES.join("、");
        let kw = &u.keyword;
        let message = match u.suggestion {
            Some(s) => format!(
                "未知的禁用指令“{kw}”（是不是 {s}？），这条注释不抑制任何诊断；可用的指令：{known}"
            ),
            None => format!("未知的禁用指令“{kw}”，这条注释不抑制任何诊断；可用的指令：{known}"),
        };
        let d = cx.report(u.span.clone(), message);
        d.severity = Severity::Error;
        if let Some(s) = u.suggestion {
            d.with_fix(Fix::unsafe_(
                format!("改为 {s}"),
                vec![Edit::replace(u.span.clone(), s)],
            ));
        }
    }
    for u in cx.context.suppressions.unused() {
        let kw = u.kind.keyword();
        let message = match &u.selector {
            None => format!("禁用注释 {kw} 没有抑制任何诊断，可以删除"),
            Some(sel) => {
                let named: Vec<_> = crate::rules::ALL
                    .iter()
                    .filter(|r| selector_matches(sel, r))
                    .collect();
                if named.is_empty() {
                    format!("禁用注释中的“{sel}”不是已知的规则代码、名称或代码前缀")
                } else if !named.iter().any(|r| cx.is_enabled(r)) {
                    continue;
                } else if u.whole_comment {
                    format!("禁用注释 {kw} 中的 {sel} 没有抑制任何诊断，可以删除该注释")
                } else {
                    format!("禁用注释 {kw} 中的 {sel} 没有抑制任何诊断，可以从注释中删去")
                }
            }
        };
        let fix = if u.whole_comment {
            Some(delete_comment(doc, &u.comment))
        } else {
            None
        };
        let d = cx.report(u.span.clone(), message);
        if let Some(fix) = fix {
            d.with_fix(fix);
        }
    }
}

/// Delete the comment; when it is alone on its line, delete the line with its line break.
fn delete_comment(doc: &Document, comment: &Span) -> Fix {
    let text = doc.text;
    let line = doc.lines.line_of(comment.start);
    let range = match (doc.lines.line_start(line), doc.lines.line_end(text, line)) {
        (Some(ls), Some(le))
            if le >= comment.end
                && text[ls..comment.start].trim().is_empty()
                && text[comment.end..le].trim().is_empty() =>
        {
            let next = doc.lines.line_start(line + 1).unwrap_or(text.len());
            ls..next
        }
        _ => comment.clone(),
    };
    Fix::safe("删除这条禁用注释", vec![Edit::delete(range)])
}
