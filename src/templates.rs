//! The canonical tables of each format version, loaded from `rules/templates/*.toml`.

use serde::Deserialize;
use std::sync::LazyLock;

use crate::format::Format;

#[derive(Debug, Deserialize)]
pub struct Template {
    pub version: String,
    /// The basis document cited in the report (〔2021〕30号 / 〔2019〕60号).
    pub basis: String,
    pub active: ActiveTable,
    pub requests: RequestsTable,
    pub appeals: AppealsTable,
}

/// Table 二: blocks of 第二十条第（X）项.
#[derive(Debug, Deserialize)]
pub struct ActiveTable {
    pub first_column: String,
    pub block: Vec<ActiveBlock>,
}

#[derive(Debug, Deserialize)]
pub struct ActiveBlock {
    pub id: String,
    pub header: String,
    pub columns: Vec<String>,
    /// Per column: "count" (non-negative integer), "signed" (integer, may be negative),
    /// "amount" (non-negative, may be decimal).
    pub kinds: Vec<String>,
    pub rows: Vec<ActiveRow>,
}

#[derive(Debug, Deserialize)]
pub struct ActiveRow {
    pub id: String,
    pub label: String,
}

/// Table 三.
#[derive(Debug, Deserialize)]
pub struct RequestsTable {
    pub note: String,
    pub header: Vec<String>,
    pub columns: Vec<String>,
    pub row: Vec<RequestsRow>,
}

#[derive(Debug, Deserialize)]
pub struct RequestsRow {
    pub id: String,
    pub label: String,
    /// false for group rows that carry no numbers of their own.
    pub values: bool,
    pub parent: Option<String>,
}

/// Table 四: one value row of 3 groups x 5 columns.
#[derive(Debug, Deserialize)]
pub struct AppealsTable {
    pub header: Vec<String>,
    pub groups: Vec<String>,
    pub columns: Vec<String>,
}

impl AppealsTable {
    pub fn value_count(&self) -> usize {
        self.groups.len() * self.columns.len()
    }
}

impl RequestsTable {
    pub fn find(&self, id: &str) -> Option<&RequestsRow> {
        self.row.iter().find(|r| r.id == id)
    }
}

static T2021: LazyLock<Template> = LazyLock::new(|| {
    toml::from_str(include_str!("../rules/templates/2021.toml")).expect("rules/templates/2021.toml")
});
static T2019: LazyLock<Template> = LazyLock::new(|| {
    toml::from_str(include_str!("../rules/templates/2019.toml")).expect("rules/templates/2019.toml")
});

/// The template of a format version; `None` for pre-2019 (no national template).
pub fn template(format: Format) -> Option<&'static Template> {
    match format {
        Format::V2021 => Some(&T2021),
        Format::V2019 => Some(&T2019),
        Format::Pre2019 => None,
    }
}

/// The other format version's template (for stale-template detection).
pub fn other(format: Format) -> Option<&'static Template> {
    match format {
        Format::V2021 => Some(&T2019),
        Format::V2019 => Some(&T2021),
        Format::Pre2019 => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn templates_load() {
        let t = template(Format::V2021).unwrap();
        assert_eq!(t.requests.columns.len(), 7);
        assert_eq!(t.requests.row.iter().filter(|r| r.values).count(), 25);
        assert_eq!(t.appeals.value_count(), 15);
        let t = template(Format::V2019).unwrap();
        assert_eq!(t.requests.row.iter().filter(|r| r.values).count(), 23);
        assert_eq!(t.active.block.len(), 5);
    }
}
