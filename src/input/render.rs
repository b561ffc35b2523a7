//! Blocks (paragraphs, tables) read from a `.docx` or a web page → one markdown draft, with a
//! map from the draft back to paragraphs and table cells.
//!
//! The draft: a heading paragraph as an ATX heading (`## 一、总体情况`), any other paragraph as
//! one line (a line break inside it as a new line), a table as a GFM table (its first row, a
//! delimiter row, the other rows) with one cell per grid column: a cell merged across columns
//! (`gridSpan`, `colspan`) or rows (`vMerge`, `rowspan`) is written once, in its first grid
//! position, the positions it covers as empty cells. Blocks are separated by blank lines.

use std::fmt;
use std::ops::Range;

/// A grid position covered by a cell spanning columns (`gridSpan`, `colspan`) to its left:
/// not written (the cell is written once, so a row has as many cells as it shows).
pub const SPANNED: &str = "\u{0}";

/// A paragraph or a table of the original document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    /// A paragraph's text (may hold `\n` for a line break) and its heading level (1–6).
    Para { text: String, heading: Option<u8> },
    /// A table: rows of grid cells; `None` is a position covered by a cell merged from the row
    /// above (written as an empty cell), `Some(SPANNED)` one covered from the left (not
    /// written).
    Table { rows: Vec<Vec<Option<String>>> },
}

/// Where a piece of the rendering is in the original document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Place {
    /// The n-th non-empty paragraph outside tables (1-based), as counted in document order.
    Paragraph(usize),
    /// A cell: `table` names the table (`表三`, `第2个表格`), `row`/`col` 1-based grid
    /// positions (row as in the table, column counting merged columns separately).
    Cell {
        table: String,
        row: usize,
        col: usize,
    },
}

impl fmt::Display for Place {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Place::Paragraph(n) => write!(f, "第{n}段"),
            Place::Cell { table, row, col } => write!(f, "{table} 第{row}行 第{col}列"),
        }
    }
}

/// Offsets of the rendering → places in the original.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SourceMap {
    /// Sorted, non-overlapping.
    entries: Vec<(Range<usize>, Place)>,
}

impl SourceMap {
    /// The place holding `offset` (an offset at the end of a piece belongs to it).
    pub fn locate(&self, offset: usize) -> Option<&Place> {
        let i = self.entries.partition_point(|(r, _)| r.end < offset);
        self.entries
            .get(i)
            .filter(|(r, _)| r.start <= offset)
            .map(|(_, p)| p)
    }

    pub fn entries(&self) -> &[(Range<usize>, Place)] {
        &self.entries
    }
}

const NUMERALS: [&str; 6] = ["一", "二", "三", "四", "五", "六"];

/// The section numeral a paragraph starts (`三、收到和处理…` → 2), if it looks like one of the
/// six section headings.
fn section_of(text: &str) -> Option<usize> {
    let t = text.trim_start_matches(|c: char| c.is_whitespace() || c == '*' || c == '#');
    NUMERALS.iter().position(|n| {
        t.strip_prefix(n)
            .is_some_and(|r| r.starts_with(['、', '，', '.', '．', ' ', '　']))
    })
}

/// A cell's text as one GFM cell: lines joined, pipes made full-width, trimmed.
fn cell_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for (i, line) in s.split('\n').enumerate() {
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        if i > 0 && !out.is_empty() {
            let prev = out.chars().last().unwrap_or(' ');
            let next = line.chars().next().unwrap_or(' ');
            if prev.is_ascii_alphanumeric() && next.is_ascii_alphanumeric() {
                out.push(' ');
            }
        }
        out.push_str(line);
    }
    out.replace('|', "｜").replace('\t', " ")
}

/// Render blocks into the markdown draft and its map.
pub fn render_blocks(blocks: &[Block]) -> (String, SourceMap) {
    // Names of tables: the only table of section 三 is 表三; several in a section are
    // 表二（第2个表格）; a table outside the six sections is 第N个表格 (N counting all tables).
    let mut section = None;
    let mut per_section: Vec<(Option<usize>, usize)> = Vec::new(); // (section, index in it)
    let mut counts = [0usize; 6];
    for b in blocks {
        match b {
            Block::Para { text, .. } => {
                if let Some(s) = section_of(text) {
                    section = Some(s);
                }
            }
            Block::Table { .. } => {
                let k = section.map(|s| {
                    counts[s] += 1;
                    counts[s]
                });
                per_section.push((section, k.unwrap_or(0)));
            }
        }
    }
    let names: Vec<String> = per_section
        .iter()
        .enumerate()
        .map(|(i, &(s, k))| match s {
            Some(s) if counts[s] == 1 => format!("表{}", NUMERALS[s]),
            Some(s) => format!("表{}（第{k}个表格）", NUMERALS[s]),
            None => format!("第{}个表格", i + 1),
        })
        .collect();

    let mut out = String::new();
    let mut map = SourceMap::default();
    let mut para = 0;
    let mut table = 0;
    for b in blocks {
        match b {
            Block::Para { text, heading } => {
                let text = text.trim_end();
                if text.trim().is_empty() {
                    continue;
                }
                para += 1;
                if !out.is_empty() {
                    out.push('\n');
                }
                let start = out.len();
                match heading {
                    Some(level) => {
                        let level = (*level).clamp(1, 6) as usize;
                        out.push_str(&"#".repeat(level));
                        out.push(' ');
                        out.push_str(&text.trim().replace('\n', " "));
                    }
                    None => {
                        let lines: Vec<&str> = text.split('\n').map(str::trim_end).collect();
                        out.push_str(&lines.join("\n"));
                    }
                }
                map.entries.push((start..out.len(), Place::Paragraph(para)));
                out.push('\n');
            }
            Block::Table { rows } => {
                let name = &names[table];
                table += 1;
                let width = rows.iter().map(Vec::len).max().unwrap_or(0);
                if width == 0 {
                    continue;
                }
                if !out.is_empty() {
                    out.push('\n');
                }
                for (r, row) in rows.iter().enumerate() {
                    out.push('|');
                    for c in 0..width {
                        if row.get(c).is_some_and(|x| x.as_deref() == Some(SPANNED)) {
                            continue;
                        }
                        out.push(' ');
                        let start = out.len();
                        if let Some(Some(t)) = row.get(c) {
                            out.push_str(&cell_text(t));
                        }
                        map.entries.push((
                            start..out.len(),
                            Place::Cell {
                                table: name.clone(),
                                row: r + 1,
                                col: c + 1,
                            },
                        ));
                        out.push_str(" |");
                    }
                    out.push('\n');
                    if r == 0 {
                        out.push('|');
                        let shown = row.iter().filter(|x| x.as_deref() != Some(SPANNED)).count()
                            + width.saturating_sub(row.len());
                        for _ in 0..shown {
                            out.push_str(" --- |");
                        }
                        out.push('\n');
                    }
                }
            }
        }
    }
    (out, map)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(t: &str) -> Block {
        Block::Para {
            text: t.into(),
            heading: None,
        }
    }

    #[test]
    fn paragraphs_headings_tables_and_places() {
        let blocks = vec![
            Block::Para {
                text: "某局2024年政府信息公开工作年度报告".into(),
                heading: Some(1),
            },
            p(""),
            p("三、收到和处理政府信息公开申请情况"),
            Block::Table {
                rows: vec![
                    vec![Some("a".into()), None, Some("b".into())],
                    vec![
                        Some("商业\n企业".into()),
                        Some("1".into()),
                        Some("x|y".into()),
                    ],
                ],
            },
            p("四、政府信息公开行政复议、行政诉讼情况"),
        ];
        let (text, map) = render_blocks(&blocks);
        assert_eq!(
            text,
            "# 某局2024年政府信息公开工作年度报告\n\n三、收到和处理政府信息公开申请情况\n\n\
             | a |  | b |\n| --- | --- | --- |\n| 商业企业 | 1 | x｜y |\n\n\
             四、政府信息公开行政复议、行政诉讼情况\n"
        );
        let at = text.find("1 |").unwrap();
        assert_eq!(map.locate(at).unwrap().to_string(), "表三 第2行 第2列");
        let at = text.find("四、").unwrap();
        assert_eq!(map.locate(at).unwrap().to_string(), "第3段");
        assert_eq!(map.locate(2).unwrap().to_string(), "第1段");
    }
}
