//! GX102 section-order: 六个部分顺序不对.

use crate::document::sections::{canonical_wording, numeral};
use crate::rules::prelude::*;

declare_rule!("GX102", "section-order", Warning, "六个部分顺序不对");

fn check(cx: &mut Checker) {
    let doc = cx.doc;
    if doc.format == Format::Pre2019 {
        return;
    }
    let mut seen = [false; 7];
    let mut max: Option<(u8, std::ops::Range<usize>)> = None;
    for s in &doc.sections {
        let n = s.number as usize;
        if seen[n] {
            continue; // a duplicate is GX103's
        }
        seen[n] = true;
        match &max {
            Some((m, line)) if *m > s.number => {
                let (m, line) = (*m, line.clone());
                cx.report(
                    s.line.clone(),
                    format!(
                        "第{}部分“{}”应在第{}部分“{}”之前，实在其后",
                        numeral(s.number),
                        canonical_wording(s.number),
                        numeral(m),
                        canonical_wording(m)
                    ),
                )
                .with_related(line, format!("第{}部分在此", numeral(m)));
            }
            _ => max = Some((s.number, s.line.clone())),
        }
    }
}
