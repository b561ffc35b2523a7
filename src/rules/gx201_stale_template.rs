//! GX201 stale-template: 表格使用了另一版本格式的标签.

use crate::document::tables::table_name;
use crate::rules::prelude::*;

declare_rule!(
    "GX201",
    "stale-template",
    Error,
    "表格使用了另一版本格式的标签"
);

fn check(cx: &mut Checker) {
    let doc = cx.doc;
    let Some(tmpl) = crate::templates::template(doc.format) else {
        return;
    };
    for table in &doc.tables {
        let Some(first) = table.foreign.iter().min_by_key(|f| f.span.start) else {
            continue;
        };
        let mut labels: Vec<&str> = Vec::new();
        for f in &table.foreign {
            if !labels.contains(&f.label) {
                labels.push(f.label);
            }
        }
        let list = labels
            .iter()
            .map(|l| format!("「{l}」"))
            .collect::<Vec<_>>()
            .join("、");
        let message = match doc.format {
            Format::V2021 => format!(
                "{}使用了2019年版格式（国办公开办函〔2019〕60号）的标签{}；{}年度报告应使用{}规定的2021年版格式",
                table_name(table.kind),
                list,
                doc.year
                    .map(|y| y.to_string())
                    .unwrap_or_else(|| "本".into()),
                tmpl.basis
            ),
            _ => format!(
                "{}出现了2021年版格式（国办公开办函〔2021〕30号）的标签{}，而2019、2020年度报告应使用{}规定的格式；请核对报告年度是否正确",
                table_name(table.kind),
                list,
                tmpl.basis
            ),
        };
        let fix = crate::canonical::stale_table_replacement(doc, table);
        let d = cx.report(first.span.clone(), message);
        if let Some(edit) = fix {
            d.with_fix(Fix::unsafe_(
                format!(
                    "替换为{}年版格式的表格（保留含义未变的数字）",
                    doc.format.as_str()
                ),
                vec![edit],
            ));
        }
    }
}
