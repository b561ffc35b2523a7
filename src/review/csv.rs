//! `gxlint review --format csv`: one CSV table with one row per report (`记录` = `报告`) and one
//! row per finding (`记录` = `问题`), the finding rows after their report. UTF-8 with a BOM, so
//! that spreadsheet programs read the Chinese text right.

use super::{Batch, Report};

const HEADER: &[&str] = &[
    "记录",
    "文件",
    "机关",
    "年度",
    "格式",
    "发布日期",
    "状态",
    "错误",
    "警告",
    "提示",
    "逾期发布",
    "旧模板",
    "新收总计",
    "上年结转总计",
    "办理结果总计",
    "结转下年总计",
    "复议总计",
    "直接起诉总计",
    "复议后起诉总计",
    "代码",
    "规则",
    "级别",
    "行",
    "列",
    "消息",
    "应为",
    "实为",
];

fn opt<T: ToString>(v: Option<T>) -> String {
    v.map(|x| x.to_string()).unwrap_or_default()
}

fn report_fields(r: &Report) -> Vec<String> {
    let f = &r.figures;
    vec![
        r.path.clone(),
        r.agency.clone().unwrap_or_default(),
        opt(r.year),
        r.format.to_string(),
        r.published.clone().unwrap_or_default(),
        r.status.label().to_string(),
        r.errors.to_string(),
        r.warnings.to_string(),
        r.infos.to_string(),
        if r.late { "是" } else { "" }.to_string(),
        if r.stale { "是" } else { "" }.to_string(),
        opt(f.new),
        opt(f.carry),
        opt(f.results),
        opt(f.next),
        opt(f.review),
        opt(f.suit_direct),
        opt(f.suit_after),
    ]
}

/// The CSV text of a batch.
pub fn render(batch: &Batch) -> String {
    let mut w = ::csv::WriterBuilder::new().from_writer(Vec::new());
    let _ = w.write_record(HEADER);
    for r in &batch.reports {
        let base = report_fields(r);
        let mut row = vec!["报告".to_string()];
        row.extend(base.iter().cloned());
        row.extend(std::iter::repeat_n(String::new(), 8));
        if let Some(e) = &r.error {
            row[HEADER.len() - 3] = e.clone();
        }
        let _ = w.write_record(&row);
        for f in &r.findings {
            let mut row = vec!["问题".to_string()];
            row.extend(base.iter().cloned());
            row.extend([
                f.code.to_string(),
                f.name.to_string(),
                f.severity.as_str().to_string(),
                f.line.to_string(),
                f.column.to_string(),
                f.message.clone(),
                f.expected.clone().unwrap_or_default(),
                f.actual.clone().unwrap_or_default(),
            ]);
            let _ = w.write_record(&row);
        }
    }
    let bytes = w.into_inner().unwrap_or_default();
    let mut out = String::from("\u{feff}");
    out.push_str(&String::from_utf8_lossy(&bytes));
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn header_and_rows_have_the_same_width() {
        assert_eq!(super::HEADER.len(), 1 + 18 + 8);
    }
}
