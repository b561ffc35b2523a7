//! Inputs for the fuzz targets: reports built from pieces of real ones (headings, table rows in
//! every form, period sentences, numbers, `𠮷`, CRLF, BOM), and a plain `String` model of an
//! LSP document for the store target.

use arbitrary::{Arbitrary, Unstructured};

/// Inputs are kept small: fast executions explore more.
pub const MAX_INPUT: usize = 4096;

/// The lines of a complete clean report: the pool most pieces come from.
const CLEAN: &str = include_str!("../../examples/clean-2024.md");

const HEADINGS: &[&str] = &[
    "一、总体情况",
    "二、主动公开政府信息情况",
    "三、收到和处理政府信息公开申请情况",
    "四、政府信息公开行政复议、行政诉讼情况",
    "五、存在的主要问题及改进情况",
    "六、其他需要报告的事项",
    "一、概述",
    "二、主动公开政府信息的情况",
];

const LABELS: &[&str] = &[
    "一、本年新收政府信息公开申请数量",
    "二、上年结转政府信息公开申请数量",
    "三、本年度办理结果 （一）予以公开",
    "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
    "（三）不予公开 1.属于国家秘密",
    "（四）无法提供 1.本机关不掌握相关政府信息",
    "（七）总计",
    "四、结转下年度继续办理",
    "规章",
    "行政规范性文件",
    "行政许可",
    "行政处罚",
    "行政事业性收费",
    "信息内容",
    "自然人",
    "商业企业",
    "总计",
    "维持",
    "纠正",
    "尚未审结",
];

const WORDS: &[&str] = &[
    "𠮷",
    "\r\n",
    "\r",
    "\n",
    "\u{feff}",
    "\t",
    "|",
    "：",
    "地址：",
    "XX",
    "×××",
    "（此处填写）",
    "扫一扫在手机打开当前页",
    "<!-- gxlint-disable GX303 -->",
    "<!-- gxlint-disable-next-line -->",
    "件",
    "万元",
    "——",
    "-",
    "１２",
    "年",
    "月",
    "日",
    "本报告中所列数据的统计期限自",
    "起至",
    "止",
    "国办公开办函〔2021〕30号",
    "国务院令第492号",
    "2024年政府信息公开工作年度报告",
];

#[derive(Debug, Arbitrary)]
pub enum Form {
    Gfm,
    Pipe,
    Tabs,
    CellPerLine,
}

#[derive(Debug, Arbitrary)]
pub enum Piece {
    /// A line of the clean report (index modulo its line count).
    Line(u16),
    /// A run of consecutive lines of the clean report.
    Lines(u16, u8),
    Heading(u8, bool),
    Row(Form, u8, Vec<i32>),
    Period(u16, u8, u8, u16, u8, u8),
    Title(u16),
    Number(i64),
    Word(u8),
    Text(String),
}

/// The clean report's lines, split once (not once per piece: that made every target slow).
fn clean_lines() -> &'static [&'static str] {
    static LINES: std::sync::OnceLock<Vec<&'static str>> = std::sync::OnceLock::new();
    LINES.get_or_init(|| CLEAN.lines().collect())
}

fn pick<'a>(list: &[&'a str], i: usize) -> &'a str {
    list[i % list.len()]
}

fn cell(n: i32) -> String {
    match n {
        i32::MIN..=-1000 => String::new(),
        -999..=-990 => "—".to_string(),
        -989..=-1 => n.to_string(),
        _ => (n % 100_000).to_string(),
    }
}

impl Piece {
    pub fn render(&self, out: &mut String) {
        let lines = clean_lines();
        match self {
            Piece::Line(i) => {
                out.push_str(lines[*i as usize % lines.len()]);
                out.push('\n');
            }
            Piece::Lines(i, n) => {
                let start = *i as usize % lines.len();
                for l in lines.iter().skip(start).take(*n as usize % 24 + 1) {
                    out.push_str(l);
                    out.push('\n');
                }
            }
            Piece::Heading(i, hashes) => {
                if *hashes {
                    out.push_str("## ");
                }
                out.push_str(pick(HEADINGS, *i as usize));
                out.push('\n');
            }
            Piece::Row(form, label, values) => {
                let label = pick(LABELS, *label as usize);
                let cells: Vec<String> = values.iter().take(10).map(|v| cell(*v)).collect();
                match form {
                    Form::Gfm => {
                        out.push_str("| ");
                        out.push_str(label);
                        for c in &cells {
                            out.push_str(" | ");
                            out.push_str(c);
                        }
                        out.push_str(" |\n");
                    }
                    Form::Pipe => {
                        out.push_str(label);
                        for c in &cells {
                            out.push('|');
                            out.push_str(c);
                        }
                        out.push('\n');
                    }
                    Form::Tabs => {
                        out.push_str(label);
                        for c in &cells {
                            out.push('\t');
                            out.push_str(c);
                        }
                        out.push('\n');
                    }
                    Form::CellPerLine => {
                        out.push_str(label);
                        out.push('\n');
                        for c in &cells {
                            out.push_str(c);
                            out.push('\n');
                        }
                    }
                }
            }
            Piece::Period(y1, m1, d1, y2, m2, d2) => {
                out.push_str(&format!(
                    "本报告中所列数据的统计期限自{}年{}月{}日起至{}年{}月{}日止。\n",
                    2000 + y1 % 40,
                    m1 % 14,
                    d1 % 33,
                    2000 + y2 % 40,
                    m2 % 14,
                    d2 % 33
                ));
            }
            Piece::Title(y) => {
                out.push_str(&format!(
                    "# 青山市科学技术局{}年政府信息公开工作年度报告\n",
                    2000 + y % 40
                ));
            }
            Piece::Number(n) => out.push_str(&n.to_string()),
            Piece::Word(i) => out.push_str(pick(WORDS, *i as usize)),
            Piece::Text(s) => out.push_str(s),
        }
    }
}

/// A report-like text (at most [`MAX_INPUT`] bytes), built from pieces.
#[derive(Debug)]
pub struct Report(pub String);

impl<'a> Arbitrary<'a> for Report {
    fn arbitrary(u: &mut Unstructured<'a>) -> arbitrary::Result<Self> {
        let mut out = String::new();
        if u.arbitrary::<bool>()? {
            out.push('\u{feff}');
        }
        let crlf: bool = u.arbitrary()?;
        while !u.is_empty() && out.len() < MAX_INPUT {
            let p: Piece = u.arbitrary()?;
            p.render(&mut out);
        }
        if crlf {
            out = out.replace('\n', "\r\n");
        }
        let mut end = out.len().min(MAX_INPUT);
        while !out.is_char_boundary(end) {
            end -= 1;
        }
        out.truncate(end);
        Ok(Report(out))
    }
}

/// `text` cut to at most `max` bytes, on a character boundary.
pub fn truncate(mut text: String, max: usize) -> String {
    let mut end = text.len().min(max);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    text.truncate(end);
    text
}

/// The text a target checks: raw UTF-8 (lossy) when the first byte is even, else a report
/// built from pieces.
pub fn input_text(data: &[u8]) -> Option<String> {
    let (&mode, rest) = data.split_first()?;
    if mode % 2 == 0 {
        let rest = &rest[..rest.len().min(MAX_INPUT)];
        Some(String::from_utf8_lossy(rest).into_owned())
    } else {
        Report::arbitrary_take_rest(Unstructured::new(rest))
            .ok()
            .map(|r| r.0)
    }
}

// ---------------------------------------------------------------------------------------------
// A String model of an LSP document (for the store target and the soak test's cross-check)
// ---------------------------------------------------------------------------------------------

/// Byte ranges of each line's content (without its break), splitting on `\r\n`, `\n`, `\r`.
pub fn model_lines(text: &str) -> Vec<(usize, usize)> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'\n' => {
                out.push((start, i));
                i += 1;
                start = i;
            }
            b'\r' => {
                out.push((start, i));
                i += if b.get(i + 1) == Some(&b'\n') { 2 } else { 1 };
                start = i;
            }
            _ => i += 1,
        }
    }
    out.push((start, b.len()));
    out
}

/// Byte offset of an LSP position in `text` by the same rules as the store: a line past the
/// end is the end of the text, a column past the line's end is the end of the line, a column
/// inside a character moves to its start. `units` counts a character's width.
pub fn model_offset(text: &str, line: u32, col: u32, units: fn(char) -> usize) -> usize {
    let lines = model_lines(text);
    let Some(&(s, e)) = lines.get(line as usize) else {
        return text.len();
    };
    let mut acc = 0usize;
    for (i, ch) in text[s..e].char_indices() {
        let w = units(ch);
        if acc >= col as usize || acc + w > col as usize {
            return s + i;
        }
        acc += w;
    }
    e
}

/// Apply one LSP change to the model (`None` range: replace everything).
pub fn model_apply(
    text: &mut String,
    range: Option<((u32, u32), (u32, u32))>,
    new: &str,
    units: fn(char) -> usize,
) {
    match range {
        None => *text = new.to_string(),
        Some(((l1, c1), (l2, c2))) => {
            let mut a = model_offset(text, l1, c1, units);
            let mut b = model_offset(text, l2, c2, units);
            if b < a {
                std::mem::swap(&mut a, &mut b);
            }
            text.replace_range(a..b, new);
        }
    }
}

pub fn utf16_units(c: char) -> usize {
    c.len_utf16()
}

pub fn utf8_units(c: char) -> usize {
    c.len_utf8()
}
