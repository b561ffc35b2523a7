//! Where a rule's documentation page is: the link every diagnostic carries
//! (`codeDescription.href` in the language server, `helpUri` in SARIF).
//!
//! By default the page is the rule's Markdown file as stored in the repository
//! (`rules/docs/GX303.md`, shown by the forge). A configured base address (`docs-base-url`, or
//! `gxlint docs --base-url`) points at the static site that `gxlint docs` generates instead:
//! `BASE/GX303.html`, with the index at `BASE/index.html`.

/// The repository as `Cargo.toml` names it, without `.git`.
pub fn repository() -> &'static str {
    let r = env!("CARGO_PKG_REPOSITORY");
    r.strip_suffix(".git").unwrap_or(r)
}

/// The default address of a rule's page: its `rules/docs/CODE.md` in the repository.
pub fn default_rule_url(code: &str) -> String {
    format!("{}/blob/main/rules/docs/{code}.md", repository())
}

/// The address of the page of the rule `code`: under `base` (the generated site) when one is
/// configured, otherwise the page in the repository.
pub fn rule_url(base: Option<&str>, code: &str) -> String {
    match base.map(str::trim).filter(|b| !b.is_empty()) {
        Some(base) => format!("{}/{code}.html", base.trim_end_matches('/')),
        None => default_rule_url(code),
    }
}
