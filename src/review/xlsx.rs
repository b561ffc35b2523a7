//! `gxlint review -o review.xlsx`: a workbook with a summary sheet (概况), one row per report
//! (报告) and one row per finding (问题), built with `rust_xlsxwriter`.

use rust_xlsxwriter::{Format, Workbook, Worksheet, XlsxError};

use super::{Batch, Report};

fn header(ws: &mut Worksheet, names: &[&str], bold: &Format) -> Result<(), XlsxError> {
    for (c, n) in names.iter().enumerate() {
        ws.write_string_with_format(0, c as u16, *n, bold)?;
    }
    ws.set_freeze_panes(1, 0)?;
    Ok(())
}

fn num(ws: &mut Worksheet, row: u32, col: u16, v: Option<i64>) -> Result<(), XlsxError> {
    if let Some(v) = v {
        ws.write_number(row, col, v as f64)?;
    }
    Ok(())
}

fn report_cells(ws: &mut Worksheet, row: u32, r: &Report) -> Result<u16, XlsxError> {
    ws.write_string(row, 0, &r.path)?;
    ws.write_string(row, 1, r.agency.as_deref().unwrap_or(""))?;
    num(ws, row, 2, r.year.map(i64::from))?;
    ws.write_string(row, 3, r.format)?;
    ws.write_string(row, 4, r.published.as_deref().unwrap_or(""))?;
    Ok(5)
}

/// The workbook's bytes.
pub fn render(batch: &Batch) -> Result<Vec<u8>, XlsxError> {
    let s = batch.summary();
    let mut wb = Workbook::new();
    let bold = Format::new().set_bold();

    let ws = wb.add_worksheet().set_name("概况")?;
    ws.set_column_width(0, 34)?;
    ws.set_column_width(1, 14)?;
    ws.write_string_with_format(0, 0, "政府信息公开工作年度报告评议（gxlint）", &bold)?;
    let rows: [(&str, usize); 10] = [
        ("文件数", s.files),
        ("已检查的年报", s.reports),
        ("有错误的年报", s.with_errors),
        ("仅有警告的年报", s.with_warnings),
        ("未发现问题的年报", s.clean),
        ("逾期发布", s.late),
        ("使用旧模板", s.stale),
        ("跨年核对的相邻年度报告对数", s.pairs),
        ("不是年报（已跳过）的文件", s.skipped),
        ("无法读取的文件", s.unreadable),
    ];
    let mut r = 2u32;
    for (k, v) in rows {
        ws.write_string(r, 0, k)?;
        ws.write_number(r, 1, v as f64)?;
        r += 1;
    }
    r += 1;
    ws.write_string_with_format(r, 0, "格式版本", &bold)?;
    ws.write_string_with_format(r, 1, "报告数", &bold)?;
    for (k, v) in &s.by_format {
        r += 1;
        ws.write_string(r, 0, k)?;
        ws.write_number(r, 1, *v as f64)?;
    }
    r += 2;
    ws.write_string_with_format(r, 0, "报告年度", &bold)?;
    ws.write_string_with_format(r, 1, "报告数", &bold)?;
    for (k, v) in &s.by_year {
        r += 1;
        ws.write_string(r, 0, k)?;
        ws.write_number(r, 1, *v as f64)?;
    }
    r += 2;
    ws.write_string_with_format(r, 0, "最常见的问题", &bold)?;
    ws.write_string_with_format(r, 1, "条数", &bold)?;
    ws.write_string_with_format(r, 2, "涉及报告", &bold)?;
    for (code, name, n, reports) in &s.top {
        r += 1;
        ws.write_string(r, 0, format!("{code} {name}"))?;
        ws.write_number(r, 1, *n as f64)?;
        ws.write_number(r, 2, *reports as f64)?;
    }

    let ws = wb.add_worksheet().set_name("报告")?;
    let names = [
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
        "说明",
    ];
    header(ws, &names, &bold)?;
    ws.set_column_width(0, 40)?;
    ws.set_column_width(1, 28)?;
    for (i, rep) in batch.reports.iter().enumerate() {
        let row = i as u32 + 1;
        let c = report_cells(ws, row, rep)?;
        ws.write_string(row, c, rep.status.label())?;
        ws.write_number(row, c + 1, rep.errors as f64)?;
        ws.write_number(row, c + 2, rep.warnings as f64)?;
        ws.write_number(row, c + 3, rep.infos as f64)?;
        ws.write_string(row, c + 4, if rep.late { "是" } else { "" })?;
        ws.write_string(row, c + 5, if rep.stale { "是" } else { "" })?;
        let f = &rep.figures;
        for (k, v) in [
            f.new,
            f.carry,
            f.results,
            f.next,
            f.review,
            f.suit_direct,
            f.suit_after,
        ]
        .into_iter()
        .enumerate()
        {
            num(ws, row, c + 6 + k as u16, v)?;
        }
        if let Some(e) = &rep.error {
            ws.write_string(row, c + 13, e)?;
        }
    }
    ws.autofilter(0, 0, batch.reports.len() as u32, names.len() as u16 - 1)?;

    let ws = wb.add_worksheet().set_name("问题")?;
    let names = [
        "文件",
        "机关",
        "年度",
        "格式",
        "发布日期",
        "代码",
        "规则",
        "级别",
        "行",
        "列",
        "消息",
        "应为",
        "实为",
    ];
    header(ws, &names, &bold)?;
    ws.set_column_width(0, 40)?;
    ws.set_column_width(1, 28)?;
    ws.set_column_width(10, 80)?;
    let mut row = 0u32;
    for rep in &batch.reports {
        for f in &rep.findings {
            row += 1;
            let c = report_cells(ws, row, rep)?;
            ws.write_string(row, c, f.code)?;
            ws.write_string(row, c + 1, f.name)?;
            ws.write_string(row, c + 2, f.severity.as_str())?;
            ws.write_number(row, c + 3, f.line as f64)?;
            ws.write_number(row, c + 4, f.column as f64)?;
            ws.write_string(row, c + 5, &f.message)?;
            ws.write_string(row, c + 6, f.expected.as_deref().unwrap_or(""))?;
            ws.write_string(row, c + 7, f.actual.as_deref().unwrap_or(""))?;
        }
    }
    ws.autofilter(0, 0, row.max(1), names.len() as u16 - 1)?;
    wb.save_to_buffer()
}
