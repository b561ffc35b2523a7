//! `gxlint new`: a complete draft skeleton for year N in the right format version.
//!
//! N ≥ 2021 gets the 2021 format, 2019–2020 the 2019 format. For N ≤ 2018 there is no national
//! template (those reports followed the old 条例, 国务院令第492号, and provincial formats), so
//! [`try_skeleton`] refuses with an error; [`skeleton`], which cannot fail, then returns the 2019
//! structure with a note at the top saying so. The CLI should call `try_skeleton`.
//!
//! The skeleton checks clean except for GX5xx: the placeholders the author must replace
//! (`【请填写…】`, `XX单位`) and the empty contact fields (`地址：`, `联系电话：`).

use crate::canonical::{self, Fill};
use crate::document::{Format, TableForm, TableKind};
use crate::templates;

/// The placeholder agency name when none is given.
pub const PLACEHOLDER_AGENCY: &str = "XX单位";

/// The skeleton text for `year`, for `agency` (a placeholder name when `None`), tables in `form`.
/// For N ≤ 2018 (no national template) the 2019 structure with a note; see [`try_skeleton`].
pub fn skeleton(year: i32, agency: Option<&str>, form: TableForm) -> String {
    match try_skeleton(year, agency, form) {
        Ok(s) => s,
        Err(e) => {
            let mut s = format!("<!-- 注：{e} 以下按2019年格式生成，仅供参考。 -->\n");
            s.push_str(&build(year, agency, form, Format::V2019));
            s
        }
    }
}

/// The skeleton for `year`, or an error for a year without a national format (N ≤ 2018).
pub fn try_skeleton(year: i32, agency: Option<&str>, form: TableForm) -> Result<String, String> {
    match Format::for_year(year) {
        Format::Pre2019 if year < 2008 => Err(format!(
            "{year}年没有政府信息公开工作年度报告：《中华人民共和国政府信息公开条例》（国务院令第492号）自2008年5月1日起施行，第一份年度报告是2008年度的；gxlint new 只生成2019年及以后年度的报告。"
        )),
        Format::Pre2019 => Err(format!(
            "{year}年没有全国统一的年度报告格式：{year}年度报告适用的是2008年施行的《中华人民共和国政府信息公开条例》（国务院令第492号），报告格式由各地规定；全国统一格式从2019年度起（国办公开办函〔2019〕60号），gxlint new 只生成2019年及以后年度的报告。"
        )),
        f => Ok(build(year, agency, form, f)),
    }
}

fn build(year: i32, agency: Option<&str>, form: TableForm, format: Format) -> String {
    let agency = agency
        .map(str::trim)
        .filter(|a| !a.is_empty())
        .unwrap_or(PLACEHOLDER_AGENCY);
    let basis = templates::template(format)
        .map(|t| t.basis.as_str())
        .unwrap_or_default();
    let mut s = String::new();
    s.push_str(&format!("# {agency}{year}年政府信息公开工作年度报告\n\n"));
    s.push_str(&format!(
        "本报告根据《中华人民共和国政府信息公开条例》（国务院令第711号，以下简称《条例》）和《国务院办公厅政府信息与政务公开办公室关于印发〈中华人民共和国政府信息公开工作年度报告格式〉的通知》（{basis}）要求编制。{}\n\n",
        canonical::period_sentence(year)
    ));
    for number in 1..=6u8 {
        let heading = canonical::section_heading(number).unwrap_or_default();
        s.push_str(&format!("## {heading}\n\n"));
        let kind = match number {
            2 => Some(TableKind::Active),
            3 => Some(TableKind::Requests),
            4 => Some(TableKind::Appeals),
            _ => None,
        };
        match (number, kind) {
            (_, Some(kind)) => {
                s.push_str(&canonical::render_table(kind, format, form, Fill::Zero));
                s.push('\n');
            }
            (1, _) => s.push_str(
                "【请填写：本年度主动公开、依申请公开、政府信息管理、政府信息公开平台建设、监督保障等方面的情况。】\n\n",
            ),
            (5, _) => s.push_str("【请填写：存在的主要问题及改进情况。】\n\n"),
            _ => {
                s.push_str(&format!("本机关{year}年未收取信息处理费。\n\n"));
                s.push_str("地址：\n\n联系电话：\n");
            }
        }
    }
    s
}
