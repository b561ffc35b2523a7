//! `gxlint.toml`: found by walking up from each file; resolved into `Settings`.

use std::collections::HashMap;
use std::sync::{Arc, LazyLock};

use crate::data::Data;
use crate::diagnostic::Severity;
use crate::document::Format;

/// Extra phrases a project adds to the built-in patterns.
#[derive(Debug, Clone, Default, serde::Deserialize)]
pub struct ExtraPatterns {
    #[serde(default)]
    pub residue: Vec<String>,
    #[serde(default)]
    pub placeholders: Vec<String>,
    #[serde(default)]
    pub spam: Vec<String>,
}

/// Everything a check needs besides the text.
#[derive(Debug, Clone)]
pub struct Settings {
    /// Report year N (overrides the title).
    pub year: Option<i32>,
    /// Format (overrides the one chosen by the year).
    pub format: Option<Format>,
    /// Rule selectors (code, name or code prefix); empty = all.
    pub select: Vec<String>,
    pub ignore: Vec<String>,
    /// Per-rule severity, keyed by code.
    pub severity: HashMap<String, Severity>,
    pub data: Arc<Data>,
}

static DEFAULT_DATA: LazyLock<Arc<Data>> = LazyLock::new(|| {
    Arc::new(Data::build(&ExtraPatterns::default()).expect("built-in rules/ data"))
});

impl Default for Settings {
    fn default() -> Self {
        Settings {
            year: None,
            format: None,
            select: Vec::new(),
            ignore: Vec::new(),
            severity: HashMap::new(),
            data: DEFAULT_DATA.clone(),
        }
    }
}

/// Whether `selector` (a code, a name, or a code prefix such as `GX3`) names `rule`.
pub fn selector_matches(selector: &str, rule: &crate::rules::Rule) -> bool {
    let s = selector.trim();
    if s.eq_ignore_ascii_case("ALL") {
        return true;
    }
    rule.name.eq_ignore_ascii_case(s)
        || (s.len() >= 2
            && rule.code.len() >= s.len()
            && rule.code[..s.len()].eq_ignore_ascii_case(s))
}

impl Settings {
    /// Whether a rule runs under these settings (select, then ignore).
    pub fn enabled(&self, rule: &crate::rules::Rule) -> bool {
        let selected =
            self.select.is_empty() || self.select.iter().any(|s| selector_matches(s, rule));
        selected && !self.ignore.iter().any(|s| selector_matches(s, rule))
    }
}
