//! The report format versions (report-format §1): a plain type shared by every layer, kept at
//! the bottom so that the templates, the document reader and the configuration can all name it.

use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub enum Format {
    #[serde(rename = "2021")]
    V2021,
    #[serde(rename = "2019")]
    V2019,
    #[serde(rename = "pre-2019")]
    Pre2019,
}

impl Format {
    /// The format a report year falls under (report-format §1).
    pub fn for_year(year: i32) -> Format {
        if year >= 2021 {
            Format::V2021
        } else if year >= 2019 {
            Format::V2019
        } else {
            Format::Pre2019
        }
    }
    pub fn as_str(self) -> &'static str {
        match self {
            Format::V2021 => "2021",
            Format::V2019 => "2019",
            Format::Pre2019 => "pre-2019",
        }
    }
    pub fn parse(s: &str) -> Option<Format> {
        match s {
            "2021" => Some(Format::V2021),
            "2019" => Some(Format::V2019),
            "pre-2019" | "pre2019" => Some(Format::Pre2019),
            _ => None,
        }
    }
}
