//! Title and report year, agency kind, statistics period, publication dates.

use super::{AgencyKind, Period, PublicationDate, Section, Title};

pub fn find_title(_text: &str) -> Option<Title> {
    None
}

pub fn agency_kind(_text: &str, _title: Option<&Title>) -> AgencyKind {
    AgencyKind::Unknown
}

/// The statistics-period statement and the end of the opening paragraph.
pub fn find_period(_text: &str, _sections: &[Section]) -> (Option<Period>, usize) {
    (None, 0)
}

pub fn find_publication_dates(_text: &str) -> Vec<PublicationDate> {
    Vec::new()
}
