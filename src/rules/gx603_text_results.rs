//! GX603 text-results: 正文所述办理结果与表三不一致.
//!
//! The prose figures are read by `crate::prose` (see there for the wordings); this rule reports
//! those that disagree with the table, except where the solver found the table cell to be the
//! mistyped one (the prose then agrees with the value the cell should have: GX300).

use crate::rules::gx601_text_applications::report_facts;
use crate::rules::prelude::*;

declare_rule!(
    "GX603",
    "text-results",
    Warning,
    "正文所述办理结果与表三不一致"
);

fn check(cx: &mut Checker) {
    report_facts(cx, "GX603");
}
