//! GX104 heading-wording: 部分标题措辞与模板不一致.

use crate::document::sections::{canonical_wording, numeral, parse_heading_line};
use crate::rules::prelude::*;

declare_rule!(
    "GX104",
    "heading-wording",
    Warning,
    "部分标题措辞与模板不一致"
);

fn check(cx: &mut Checker) {
    let doc = cx.doc;
    if doc.format == Format::Pre2019 {
        return;
    }
    let mut max = 0u8;
    let mut seen = [false; 7];
    for s in &doc.sections {
        let canonical = canonical_wording(s.number);
        let numbered = parse_heading_line(doc.text, s.line.clone()).is_some();
        if !numbered {
            // `总体情况` on a line of its own: the wording is the template's, the numeral is missing.
            let expected = numeral(s.number);
            cx.report(
                s.wording.clone(),
                format!(
                    "第{expected}部分标题应为“{expected}、{canonical}”，缺少编号“{expected}、”"
                ),
            )
            .with_fix(Fix::safe(
                format!("加上编号“{expected}、”"),
                vec![Edit::insert(s.wording.start, format!("{expected}、"))],
            ));
        } else if !s.canonical {
            let actual = doc.slice(&s.wording);
            cx.report(
                s.wording.clone(),
                format!(
                    "第{}部分标题应为“{canonical}”，实为“{actual}”",
                    numeral(s.number)
                ),
            )
            .with_fix(Fix::safe(
                format!("改为“{canonical}”"),
                vec![Edit::replace(s.wording.clone(), canonical)],
            ));
        }
        // The numeral, for sections in template order (an out-of-order or repeated section is
        // GX102's / GX103's, and renumbering it would be a guess).
        let in_order = s.number > max && !seen[s.number as usize];
        seen[s.number as usize] = true;
        max = max.max(s.number);
        if !in_order {
            continue;
        }
        let Some(h) = parse_heading_line(doc.text, s.line.clone()) else {
            continue;
        };
        if h.numeral != s.number {
            let expected = numeral(s.number);
            cx.report(
                h.numeral_span.clone(),
                format!(
                    "“{canonical}”是第{expected}部分，编号应为“{expected}”，实为“{}”",
                    numeral(h.numeral)
                ),
            )
            .with_fix(Fix::safe(
                format!("编号改为“{expected}”"),
                vec![Edit::replace(h.numeral_span, expected)],
            ));
        }
    }
}
