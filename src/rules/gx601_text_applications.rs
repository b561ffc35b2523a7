//! GX601 text-applications: 正文所述申请数量与表三不一致.
//!
//! The prose figures are read by `crate::prose` (see there for the wordings); this rule reports
//! those that disagree with the table, except where the solver found the table cell to be the
//! mistyped one (the prose then agrees with the value the cell should have: GX300).

use crate::rules::prelude::*;

declare_rule!(
    "GX601",
    "text-applications",
    Warning,
    "正文所述申请数量与表三不一致"
);

fn check(cx: &mut Checker) {
    report_facts(cx, "GX601");
}

/// Report the prose figures of `code` that disagree with the tables and are not explained by a
/// mistyped table cell.
pub(crate) fn report_facts(cx: &mut Checker, code: &str) {
    let sol = cx.solution();
    for (f, fact) in sol.facts.iter().enumerate() {
        if fact.code != code || sol.fact_holds[f] || sol.fact_culprit[f].is_some() {
            continue;
        }
        let d = cx.report(fact.span.clone(), fact.message.clone());
        for (s, m) in &fact.related {
            d.with_related(s.clone(), m.clone());
        }
        d.with_expected(fact.expected.to_string());
    }
}
