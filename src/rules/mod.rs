//! The rule registry. One rule per file, each declared with `declare_rule!` and a
//! `fn check(cx: &mut Checker)`; its doc page is `rules/docs/CODE.md`.
//! To add a rule: add the file, add its module and `RULE` to the two lists below, add the doc page.
//!
//! The registry sits above the document layer and below the configuration: a rule sees the
//! parsed document, the pattern data and what the caller passes in a [`Context`], never
//! `gxlint.toml` itself (`gxlint::lint` turns the settings into a `Context`).

use crate::data::Data;
use crate::diagnostic::{Diagnostic, Severity, Span};
use crate::document::Document;
use crate::suppress::Suppressions;

pub struct Rule {
    pub code: &'static str,
    pub name: &'static str,
    pub severity: Severity,
    pub summary: &'static str,
    /// The doc page (rules/docs/CODE.md), printed by `gxlint explain`.
    pub doc: &'static str,
    pub check: fn(&mut Checker),
}

impl std::fmt::Debug for Rule {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} {}", self.code, self.name)
    }
}

/// Declares the `RULE` static of a rule module.
macro_rules! declare_rule {
    ($code:literal, $name:literal, $sev:ident, $summary:literal) => {
        pub static RULE: $crate::rules::Rule = $crate::rules::Rule {
            code: $code,
            name: $name,
            severity: $crate::diagnostic::Severity::$sev,
            summary: $summary,
            doc: include_str!(concat!("../../rules/docs/", $code, ".md")),
            check,
        };
    };
}
pub(crate) use declare_rule;

pub mod prelude {
    pub use super::Checker;
    #[allow(unused_imports)]
    pub(crate) use super::declare_rule;
    pub use crate::diagnostic::{Applicability, Diagnostic, Edit, Fix, Severity, Span};
    pub use crate::document::{CellValue, Document, Format, TableForm, TableKind};
}

/// What a check run gets besides the document: plain inputs built by the caller.
#[derive(Debug, Clone, Copy)]
pub struct Context<'a> {
    /// The pattern data (built-in phrases plus a project's extra ones).
    pub data: &'a Data,
    /// The document's suppression comments (GX001 reads their recorded usage).
    pub suppressions: &'a Suppressions,
    /// Codes of the rules that run in this check (GX001 does not report a comment that names
    /// only rules that never had the chance to fire).
    pub enabled: &'a [&'static str],
}

/// What a rule's `check` gets: the document, the pattern data, the run's context, and a sink.
pub struct Checker<'a, 'd> {
    pub doc: &'a Document<'d>,
    pub data: &'a Data,
    pub context: Context<'a>,
    rule: &'static Rule,
    out: &'a mut Vec<Diagnostic>,
    shared: Option<&'a Shared>,
    own: std::cell::OnceCell<std::rc::Rc<crate::solver::Solution>>,
}

/// What the rules of one run compute once and share (the solver's result).
#[derive(Default)]
pub struct Shared {
    solution: std::cell::OnceCell<std::rc::Rc<crate::solver::Solution>>,
}

impl<'a, 'd> Checker<'a, 'd> {
    pub fn new(
        doc: &'a Document<'d>,
        context: Context<'a>,
        rule: &'static Rule,
        out: &'a mut Vec<Diagnostic>,
    ) -> Self {
        Checker {
            doc,
            data: context.data,
            context,
            rule,
            out,
            shared: None,
            own: std::cell::OnceCell::new(),
        }
    }

    /// Whether `rule` runs in this check.
    pub fn is_enabled(&self, rule: &Rule) -> bool {
        self.context.enabled.contains(&rule.code)
    }

    /// A checker sharing what the rules compute once per document (see [`Shared`]).
    pub fn with_shared(
        doc: &'a Document<'d>,
        context: Context<'a>,
        rule: &'static Rule,
        out: &'a mut Vec<Diagnostic>,
        shared: &'a Shared,
    ) -> Self {
        let mut cx = Checker::new(doc, context, rule, out);
        cx.shared = Some(shared);
        cx
    }

    /// The identities and prose figures solved together (`crate::solver`), once per document.
    pub fn solution(&self) -> std::rc::Rc<crate::solver::Solution> {
        let cell = self.shared.map_or(&self.own, |s| &s.solution);
        cell.get_or_init(|| std::rc::Rc::new(crate::solver::solve(self.doc)))
            .clone()
    }

    /// Whether GX300 reports the cells the solver finds (so that the identities they explain
    /// are not reported again).
    pub fn root_causes_reported(&self) -> bool {
        self.is_enabled(&gx300_mistyped_figure::RULE)
    }

    /// Report a diagnostic of this rule at `span`; returns it to attach fixes or related spans.
    pub fn report(&mut self, span: Span, message: impl Into<String>) -> &mut Diagnostic {
        self.out.push(Diagnostic {
            code: self.rule.code,
            name: self.rule.name,
            severity: self.rule.severity,
            message: message.into(),
            span,
            fixes: Vec::new(),
            related: Vec::new(),
            expected: None,
        });
        self.out.last_mut().expect("just pushed")
    }

    pub fn text(&self) -> &'d str {
        self.doc.text
    }
}

pub mod gx001_unused_suppression;
pub mod gx101_missing_section;
pub mod gx102_section_order;
pub mod gx103_duplicate_section;
pub mod gx104_heading_wording;
pub mod gx105_empty_section;
pub mod gx106_fee_statement_missing;
pub mod gx107_legacy_structure;
pub mod gx108_non_template_structure;
pub mod gx201_stale_template;
pub mod gx202_missing_table;
pub mod gx203_missing_row;
pub mod gx204_label_variant;
pub mod gx205_cell_count;
pub mod gx206_empty_cell;
pub mod gx207_non_numeric_cell;
pub mod gx208_invalid_number;
pub mod gx300_mistyped_figure;
pub mod gx301_balance;
pub mod gx302_results_total;
pub mod gx303_row_total;
pub mod gx304_group_total;
pub mod gx305_appeal_total;
pub mod gx401_period_mismatch;
pub mod gx402_period_missing;
pub mod gx403_period_malformed;
pub mod gx404_year_unknown;
pub mod gx405_late_publication;
pub mod gx406_stale_citation;
pub mod gx407_stale_year;
pub mod gx501_empty_field;
pub mod gx502_placeholder;
pub mod gx503_web_residue;
pub mod gx504_spam_injection;
pub mod gx505_mojibake;
pub mod gx506_contact_format;
pub mod gx601_text_applications;
pub mod gx602_text_appeals;
pub mod gx603_text_results;
pub mod gx701_carry_over;

/// Every rule, in code order.
pub static ALL: &[&Rule] = &[
    &gx001_unused_suppression::RULE,
    &gx101_missing_section::RULE,
    &gx102_section_order::RULE,
    &gx103_duplicate_section::RULE,
    &gx104_heading_wording::RULE,
    &gx105_empty_section::RULE,
    &gx106_fee_statement_missing::RULE,
    &gx107_legacy_structure::RULE,
    &gx108_non_template_structure::RULE,
    &gx201_stale_template::RULE,
    &gx202_missing_table::RULE,
    &gx203_missing_row::RULE,
    &gx204_label_variant::RULE,
    &gx205_cell_count::RULE,
    &gx206_empty_cell::RULE,
    &gx207_non_numeric_cell::RULE,
    &gx208_invalid_number::RULE,
    &gx300_mistyped_figure::RULE,
    &gx301_balance::RULE,
    &gx302_results_total::RULE,
    &gx303_row_total::RULE,
    &gx304_group_total::RULE,
    &gx305_appeal_total::RULE,
    &gx401_period_mismatch::RULE,
    &gx402_period_missing::RULE,
    &gx403_period_malformed::RULE,
    &gx404_year_unknown::RULE,
    &gx405_late_publication::RULE,
    &gx406_stale_citation::RULE,
    &gx407_stale_year::RULE,
    &gx501_empty_field::RULE,
    &gx502_placeholder::RULE,
    &gx503_web_residue::RULE,
    &gx504_spam_injection::RULE,
    &gx505_mojibake::RULE,
    &gx506_contact_format::RULE,
    &gx601_text_applications::RULE,
    &gx602_text_appeals::RULE,
    &gx603_text_results::RULE,
    &gx701_carry_over::RULE,
];

/// Look a rule up by code (`GX303`) or name (`row-total`), case-insensitively.
pub fn find(key: &str) -> Option<&'static Rule> {
    ALL.iter()
        .copied()
        .find(|r| r.code.eq_ignore_ascii_case(key) || r.name.eq_ignore_ascii_case(key))
}

/// The code of the rule named by `key` (code or name): what `Suppressions::parse` takes.
pub fn code_of(key: &str) -> Option<&'static str> {
    find(key).map(|r| r.code)
}

/// Whether `selector` (a code, a name, or a code prefix such as `GX3`) names `rule`.
pub fn selector_matches(selector: &str, rule: &Rule) -> bool {
    crate::suppress::selector_names(selector, rule.code, rule.name)
}
