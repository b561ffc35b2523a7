//! Pattern data from rules/*.toml (placeholders, residue, spam, field labels, legacy
//! fingerprints, label variants), merged with the extra phrases of a gxlint.toml.

#[derive(Debug, Default)]
pub struct Data {}

impl Data {
    /// The built-in data with `extra` phrases added.
    pub fn build(_extra: &crate::config::ExtraPatterns) -> Result<Data, String> {
        Ok(Data {})
    }
}
