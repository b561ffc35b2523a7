//! The figures the prose states about tables 三 and 四 (GX601–GX603), read once.
//!
//! Each statement becomes a [`Fact`]: the number as written, and the cells of the table whose sum
//! it should equal (several alternatives where the wording allows: `收到…申请N件` may count the
//! applications carried over). The rules GX601–GX603 report the facts that disagree with the
//! tables; the solver (`crate::solver`) treats them with the identities of `crate::identities`
//! as one system, so that a prose figure agreeing with the value a mistyped cell should have is
//! not blamed.
//!
//! Only cells read as whole numbers are compared; text inside the tables is not prose.

use std::sync::LazyLock;

use regex::Regex;

use crate::diagnostic::Span;
use crate::document::{Document, Table, TableKind};
use crate::identities::CellRef;

/// A count as written in prose: ASCII or full-width digits, or a small Chinese numeral.
pub const NUM: &str = r"([0-9０-９]{1,6}|[零〇一二两三四五六七八九十]{1,3})";

/// A figure the prose states.
#[derive(Debug, Clone)]
pub struct Fact {
    /// The rule reporting it when the prose disagrees with the table (GX601 … GX603).
    pub code: &'static str,
    /// The number in the prose, or the phrase saying "none".
    pub span: Span,
    pub table: TableKind,
    /// The figure stated (0 for "none").
    pub stated: i64,
    /// The fact holds when the cells of any alternative add up to `stated`. The first is what
    /// the prose is compared with in messages.
    pub alts: Vec<Vec<CellRef>>,
    /// The message when the fact does not hold (built with the table's figures).
    pub message: String,
    /// The table cells to look at (the totals compared with).
    pub related: Vec<(Span, String)>,
    /// What the prose should say by the table.
    pub expected: i64,
}

pub fn parse_count(s: &str) -> Option<i64> {
    if s.chars()
        .all(|c| c.is_ascii_digit() || ('０'..='９').contains(&c))
    {
        let ascii: String = s
            .chars()
            .map(|c| {
                if c.is_ascii_digit() {
                    c
                } else {
                    char::from_u32(c as u32 - 0xFF10 + 0x30).unwrap_or('0')
                }
            })
            .collect();
        return ascii.parse().ok();
    }
    let digit = |c: char| {
        "零一二三四五六七八九"
            .find(c)
            .map(|i| (i / '零'.len_utf8()) as i64)
    };
    let digit = |c: char| match c {
        '〇' => Some(0),
        '两' => Some(2),
        _ => digit(c),
    };
    let chars: Vec<char> = s.chars().collect();
    match chars.as_slice() {
        [d] if *d == '十' => Some(10),
        [d] => digit(*d),
        ['十', u] => Some(10 + digit(*u)?),
        [t, '十'] => Some(digit(*t)? * 10),
        [t, '十', u] => Some(digit(*t)? * 10 + digit(*u)?),
        _ => None,
    }
}

/// Whether `offset` lies inside a table read from the document.
pub fn in_table(doc: &Document, offset: usize) -> bool {
    doc.tables.iter().any(|t| t.span.contains(&offset))
}

static OTHER_YEAR: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"((?:19|20)[0-9]{2})年").expect("valid regex"));

fn sentence_start(text: &str, at: usize) -> usize {
    text[..at]
        .char_indices()
        .rev()
        .find(|&(_, c)| matches!(c, '。' | '！' | '？' | '；' | ';' | '\n' | '\r'))
        .map_or(0, |(i, c)| i + c.len_utf8())
}

/// Whether the clause before `start` is about another year than the report's (`上年`, `2020年`
/// in a 2021 report) or about several years (`累计`), where the table cannot be compared.
pub fn about_other_period(doc: &Document, start: usize) -> bool {
    let text = doc.text;
    let before = &text[sentence_start(text, start)..start];
    if ["上年", "去年", "上一年", "同比", "累计", "历年", "以来"]
        .iter()
        .any(|w| before.contains(w))
    {
        return true;
    }
    // With the report year unknown, a clause naming any year is not compared.
    OTHER_YEAR
        .captures_iter(before)
        .any(|c| doc.year.is_none() || c[1].parse::<i32>().ok() != doc.year)
}

/// Words that make a clause about something else than 政府信息公开申请.
pub fn about_other_matter(s: &str) -> bool {
    [
        "复议", "诉讼", "信访", "提案", "建议", "议案", "举报", "投诉", "咨询", "诉求", "热线",
        "留言", "来信", "12345",
    ]
    .iter()
    .any(|w| s.contains(w))
}

/// The rest of the clause after `end` (up to the next clause punctuation).
fn clause_after(text: &str, end: usize) -> &str {
    let rest = &text[end..];
    let stop = rest
        .char_indices()
        .find(|&(_, c)| {
            matches!(
                c,
                '。' | '；' | ';' | '，' | ',' | '！' | '？' | '\n' | '\r'
            )
        })
        .map_or(rest.len(), |(i, _)| i);
    &rest[..stop]
}

/// A cell's whole-number value as read (prose is compared with any cell read as a number).
pub fn cell_value(table: &Table, c: CellRef) -> Option<i64> {
    table.row(c.row)?.values.get(c.col)?.value.as_int()
}

fn cell_span(table: &Table, c: CellRef) -> Option<Span> {
    Some(table.row(c.row)?.values.get(c.col)?.span.clone())
}

fn sum(table: &Table, cells: &[CellRef]) -> Option<i64> {
    cells
        .iter()
        .try_fold(0i64, |a, &c| a.checked_add(cell_value(table, c)?))
}

impl Fact {
    /// Whether the fact holds with `value` giving each cell's figure.
    pub fn holds_with(&self, value: impl Fn(CellRef) -> Option<i64>) -> bool {
        self.alts.iter().any(|alt| {
            alt.iter()
                .try_fold(0i64, |a, &c| a.checked_add(value(c)?))
                .is_some_and(|s| s == self.stated)
        })
    }
}

/// Every figure the prose states about tables 三 and 四, in text order.
pub fn facts(doc: &Document<'_>) -> Vec<Fact> {
    let mut out = Vec::new();
    if let Some(t) = doc.table(TableKind::Requests) {
        applications(doc, t, &mut out);
        results(doc, t, &mut out);
    }
    if let Some(t) = doc.table(TableKind::Appeals) {
        appeals(doc, t, &mut out);
    }
    out.sort_by_key(|f| f.span.start);
    out
}

fn total(id: &'static str) -> CellRef {
    CellRef { row: id, col: 6 }
}

// ---------------------------------------------------------------------------------------------
// GX601: applications

static APP_NONE_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:未|没有)(?:收到|受理|接到|发生|出现|有)[^。；;，,！!？?\r\n]{0,24}?申请(?:[^。；;，,！!？?\r\n]{0,12}申请)?")
        .expect("valid regex")
});

static APP_COUNT_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        concat!(
            r"(?:(收到|受理|接到|新收)[^。；;，,！!？?\r\n0-9０-９]{{0,16}}?申请(?:共计|共|合计|总计|总数|数量|数|为|了|：|:|\s)*{n}(?:件|个|份|条)",
            r"|(收到|受理|接到|新收)(?:了)?(?:共计|共|合计)?{n}(?:件|个|份|条)[^。；;，,！!？?\r\n]{{0,16}}?申请)"
        ),
        n = NUM
    ))
    .expect("valid regex")
});

fn applications(doc: &Document<'_>, t: &Table, out: &mut Vec<Fact>) {
    let text = doc.text;
    let (Some(new), Some(new_span)) = (cell_value(t, total("new")), cell_span(t, total("new")))
    else {
        return;
    };
    let carry = cell_value(t, total("carry"));
    for m in APP_NONE_RE.find_iter(text) {
        let s = m.as_str();
        if !s.contains("公开") || about_other_matter(s) || in_table(doc, m.start()) {
            continue;
        }
        // `未发生因政府信息公开工作被申请行政复议`: 申请 of a review, not an application.
        if s.ends_with("被申请") || about_other_matter(clause_after(text, m.end())) {
            continue;
        }
        if about_other_period(doc, m.start()) {
            continue;
        }
        out.push(Fact {
            code: "GX601",
            span: m.range(),
            table: TableKind::Requests,
            stated: 0,
            alts: vec![vec![total("new")]],
            message: format!(
                "正文称未收到政府信息公开申请，但表三“本年新收政府信息公开申请数量”总计为 {new}"
            ),
            related: vec![(new_span.clone(), format!("表三本年新收总计 {new}"))],
            expected: 0,
        });
    }
    for c in APP_COUNT_RE.captures_iter(text) {
        let Some(m) = c.get(0) else { continue };
        let s = m.as_str();
        if !s.contains("公开") || about_other_matter(s) || in_table(doc, m.start()) {
            continue;
        }
        if about_other_period(doc, m.start()) {
            continue;
        }
        let verb = c.get(1).or(c.get(3)).map_or("", |v| v.as_str());
        let Some(num) = c.get(2).or(c.get(4)) else {
            continue;
        };
        let Some(n) = parse_count(num.as_str()) else {
            continue;
        };
        let mut alts = vec![vec![total("new")]];
        let with_carry = carry.map(|v| new + v);
        if verb != "新收" && carry.is_some() {
            alts.push(vec![total("new"), total("carry")]);
        }
        let detail = match (carry, with_carry) {
            (Some(cv), Some(all)) if cv != 0 && verb != "新收" => {
                format!("表三本年新收总计为 {new}，连同上年结转 {cv} 共 {all}")
            }
            _ => format!("表三“本年新收政府信息公开申请数量”总计为 {new}"),
        };
        out.push(Fact {
            code: "GX601",
            span: num.range(),
            table: TableKind::Requests,
            stated: n,
            alts,
            message: format!("正文称收到政府信息公开申请 {n} 件，但{detail}"),
            related: vec![(new_span.clone(), format!("表三本年新收总计 {new}"))],
            expected: new,
        });
    }
}

// ---------------------------------------------------------------------------------------------
// GX603: results

static RESULTS_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(予以公开(?:和|及|与|、)部分公开|予以公开|部分公开|不予公开|无法提供|不予处理|其他处理|已办结|办结|结转(?:至|到)?下一?年度?(?:继续办理)?)(?:的|有|共计|共|计|为|了|：|:|\s)*{NUM}(?:件|个|条)"
    ))
    .expect("valid regex")
});

/// The table 三 rows whose 总计 a result word stands for (sub-rows where present, else the
/// group row when it carries numbers).
fn rows_for(t: &Table, word: &str) -> Option<(&'static str, Vec<&'static str>)> {
    let group = |g: &str| -> Option<Vec<&'static str>> {
        crate::identities::group_rows(t, g).map(|rows| rows.iter().map(|r| r.id).collect())
    };
    Some(match word {
        "予以公开" => ("予以公开", vec!["r1"]),
        "部分公开" => ("部分公开", vec!["r2"]),
        w if w.starts_with("予以公开") => ("予以公开和部分公开", vec!["r1", "r2"]),
        "不予公开" => ("不予公开", group("r3")?),
        "无法提供" => ("无法提供", group("r4")?),
        "不予处理" => ("不予处理", group("r5")?),
        "其他处理" => ("其他处理", group("r6")?),
        "已办结" | "办结" => ("办理结果总计", vec!["r7"]),
        _ => ("结转下年度继续办理", vec!["next"]),
    })
}

fn results(doc: &Document<'_>, t: &Table, out: &mut Vec<Fact>) {
    let text = doc.text;
    for c in RESULTS_RE.captures_iter(text) {
        let (Some(m), Some(word), Some(num)) = (c.get(0), c.get(1), c.get(2)) else {
            continue;
        };
        if in_table(doc, m.start()) || about_other_period(doc, m.start()) {
            continue;
        }
        // `办结` of 提案, 信访 … is not about applications: look at the clause before it.
        let clause_start = text[..m.start()]
            .char_indices()
            .rev()
            .find(|&(_, c)| matches!(c, '。' | '；' | ';' | '，' | ',' | '\n' | '\r'))
            .map_or(0, |(i, c)| i + c.len_utf8());
        if about_other_matter(&text[clause_start..m.end()]) {
            continue;
        }
        let Some((label, ids)) = rows_for(t, word.as_str()) else {
            continue;
        };
        let cells: Vec<CellRef> = ids.iter().map(|&id| total(id)).collect();
        // The 2019/pre-2019 templates may lack some rows: then nothing is compared.
        let Some(sum) = sum(t, &cells) else {
            continue;
        };
        let Some(n) = parse_count(num.as_str()) else {
            continue;
        };
        let related = cells
            .iter()
            .filter_map(|&c| cell_span(t, c))
            .map(|s| (s, format!("表三{label}")))
            .collect();
        out.push(Fact {
            code: "GX603",
            span: num.range(),
            table: TableKind::Requests,
            stated: n,
            alts: vec![cells],
            message: format!(
                "正文称{} {n} 件，但表三“{label}”总计为 {sum}",
                word.as_str()
            ),
            related,
            expected: sum,
        });
    }
}

// ---------------------------------------------------------------------------------------------
// GX602: appeals

static APPEAL_NONE_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?:未|没有)(?:因|发生|收到|接到|出现|产生|引发|提起|涉及|受理|存在|被|有)[^。；;，,！!？?\r\n]{0,24}?(?:行政复议|行政诉讼)[^。；;，,！!？?\r\n]{0,16}",
    )
    .expect("valid regex")
});

static APPEAL_COUNT_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(行政复议|行政诉讼|诉讼)(?:案件|申请)?([^。；;，,！!？?\r\n0-9０-９]{{0,6}}?){NUM}(?:件|起|宗|次|个)"
    ))
    .expect("valid regex")
});

/// `均获维持`, `全部维持`: every case of the clause ended with 结果维持.
static ALL_UPHELD_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[，,、]?\s*(?:均|全部|都|皆)(?:获|被|已|予)?(?:得到)?(?:维持|胜诉)")
        .expect("valid regex")
});

/// Words saying the negation is about an outcome (纠错, 败诉), not about the cases themselves.
const OUTCOME_WORDS: &[&str] = &[
    "纠错",
    "纠正",
    "败诉",
    "撤销",
    "确认违法",
    "责令",
    "被改变",
    "改变",
    "追究",
];

fn appeals(doc: &Document<'_>, t: &Table, out: &mut Vec<Fact>) {
    let text = doc.text;
    let at = |i: usize| CellRef {
        row: "appeals",
        col: i,
    };
    let (Some(rv), Some(rs)) = (cell_value(t, at(4)), cell_span(t, at(4))) else {
        return;
    };
    let review_cells = vec![at(4)];
    let lawsuit_cells = vec![at(9), at(14)];
    let lawsuit = sum(t, &lawsuit_cells);
    let ls = cell_span(t, at(9));

    for m in APPEAL_NONE_RE.find_iter(text) {
        let s = m.as_str();
        if in_table(doc, m.start()) || about_other_period(doc, m.start()) {
            continue;
        }
        // `尚未审结`, `未经复议直接起诉` are table wording, not a statement of "none".
        if s.contains("审结") || s.contains("未经") {
            continue;
        }
        if OUTCOME_WORDS.iter().any(|w| s.contains(w)) {
            outcome_none(doc, t, m.range(), s, out);
            continue;
        }
        if s.contains("复议") && rv >= 0 {
            out.push(Fact {
                code: "GX602",
                span: m.range(),
                table: TableKind::Appeals,
                stated: 0,
                alts: vec![review_cells.clone()],
                message: format!("正文称未发生行政复议，但表四行政复议总计为 {rv}"),
                related: vec![(rs.clone(), format!("表四行政复议总计 {rv}"))],
                expected: 0,
            });
        }
        if s.contains("诉讼")
            && let (Some(v), Some(span)) = (lawsuit, &ls)
        {
            out.push(Fact {
                code: "GX602",
                span: m.range(),
                table: TableKind::Appeals,
                stated: 0,
                alts: vec![lawsuit_cells.clone()],
                message: format!("正文称未发生行政诉讼，但表四行政诉讼总计为 {v}"),
                related: vec![(span.clone(), format!("表四行政诉讼总计 {v}"))],
                expected: 0,
            });
        }
    }

    for c in APPEAL_COUNT_RE.captures_iter(text) {
        let (Some(m), Some(kind), Some(gap), Some(num)) = (c.get(0), c.get(1), c.get(2), c.get(3))
        else {
            continue;
        };
        if in_table(doc, m.start()) || about_other_period(doc, m.start()) {
            continue;
        }
        // A bare `诉讼` counts only right after a 行政复议 count (`行政复议7件，诉讼9件`).
        if kind.as_str() == "诉讼" {
            let before = &text[sentence_start(text, m.start())..m.start()];
            if !before.contains("复议") || before.ends_with("行政") {
                continue;
            }
        }
        // A breakdown (`行政复议结果维持1件`) is not the total.
        let g = gap.as_str();
        if [
            "维持",
            "纠正",
            "其他",
            "尚未",
            "审结",
            "直接",
            "复议后",
            "后",
        ]
        .iter()
        .any(|w| g.contains(w))
        {
            continue;
        }
        let Some(n) = parse_count(num.as_str()) else {
            continue;
        };
        let review = kind.as_str() == "行政复议";
        let (label, cells, v, span) = if review {
            ("行政复议", review_cells.clone(), rv, rs.clone())
        } else {
            let (Some(v), Some(span)) = (lawsuit, ls.clone()) else {
                continue;
            };
            ("行政诉讼", lawsuit_cells.clone(), v, span)
        };
        out.push(Fact {
            code: "GX602",
            span: num.range(),
            table: TableKind::Appeals,
            stated: n,
            alts: vec![cells],
            message: format!("正文称{label} {n} 件，但表四{label}总计为 {v}"),
            related: vec![(span, format!("表四{label}总计 {v}"))],
            expected: v,
        });
        // `…，均获维持`: nothing is 尚未审结 (nor corrected): 结果维持 equals the 总计.
        if ALL_UPHELD_RE.is_match(clause_after_list(text, m.end())) {
            all_upheld(t, m.range(), review, out);
        }
    }
}

/// After `行政复议7件，诉讼9件`, the text after the last count of the list.
fn clause_after_list(text: &str, end: usize) -> &str {
    let rest = &text[end..];
    // Skip further counts of the same list (`，诉讼9件`).
    static NEXT: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(&format!(
            r"^(?:[，,、]\s*(?:行政)?(?:复议|诉讼)(?:案件)?{NUM}(?:件|起|宗|次|个))*"
        ))
        .expect("valid regex")
    });
    let skip = NEXT.find(rest).map_or(0, |m| m.end());
    &rest[skip..]
}

/// `均获维持` after a count of reviews or lawsuits: the 尚未审结 cells of those groups are 0.
fn all_upheld(t: &Table, span: Span, review: bool, out: &mut Vec<Fact>) {
    let groups: &[(usize, &str)] = if review {
        &[(0, "行政复议")]
    } else {
        &[
            (1, "行政诉讼（未经复议直接起诉）"),
            (2, "行政诉讼（复议后起诉）"),
        ]
    };
    for &(g, name) in groups {
        let base = g * 5;
        // 结果纠正, 其他结果, 尚未审结 of the group: all 0 when every case was upheld.
        let cells: Vec<CellRef> = (base + 1..base + 4)
            .map(|col| CellRef {
                row: "appeals",
                col,
            })
            .collect();
        let Some(v) = sum(t, &cells) else { continue };
        let spans: Vec<(Span, String)> = cells
            .iter()
            .filter_map(|&c| Some((cell_span(t, c)?, cell_value(t, c)?)))
            .filter(|(_, x)| *x != 0)
            .map(|(s, x)| (s, format!("表四{name}：{x}")))
            .collect();
        out.push(Fact {
            code: "GX602",
            span: span.clone(),
            table: TableKind::Appeals,
            stated: 0,
            alts: vec![cells],
            message: format!(
                "正文称{name}案件均获维持，但表四{name}的结果纠正、其他结果、尚未审结共 {v} 件"
            ),
            related: spans,
            expected: 0,
        });
    }
}

/// `未发生…被行政复议纠错或行政诉讼败诉`: no 结果纠正, said of reviews and/or lawsuits.
fn outcome_none(doc: &Document<'_>, t: &Table, span: Span, s: &str, out: &mut Vec<Fact>) {
    let _ = doc;
    let at = |i: usize| CellRef {
        row: "appeals",
        col: i,
    };
    let mut push = |label: &str, cells: Vec<CellRef>| {
        let Some(v) = sum(t, &cells) else { return };
        let related = cells
            .iter()
            .filter_map(|&c| Some((cell_span(t, c)?, cell_value(t, c)?)))
            .map(|(s, x)| (s, format!("表四{label}结果纠正 {x}")))
            .collect();
        out.push(Fact {
            code: "GX602",
            span: span.clone(),
            table: TableKind::Appeals,
            stated: 0,
            alts: vec![cells],
            message: format!("正文称未发生{label}纠错（结果纠正），但表四{label}结果纠正为 {v}"),
            related,
            expected: 0,
        });
    };
    if s.contains("复议") {
        push("行政复议", vec![at(1)]);
    }
    if s.contains("诉讼") {
        push("行政诉讼", vec![at(6), at(11)]);
    }
}

#[cfg(test)]
mod tests {
    use super::parse_count;

    #[test]
    fn counts() {
        assert_eq!(parse_count("12"), Some(12));
        assert_eq!(parse_count("１２"), Some(12));
        assert_eq!(parse_count("两"), Some(2));
        assert_eq!(parse_count("十"), Some(10));
        assert_eq!(parse_count("十二"), Some(12));
        assert_eq!(parse_count("二十"), Some(20));
        assert_eq!(parse_count("三十五"), Some(35));
        assert_eq!(parse_count("零"), Some(0));
        assert_eq!(parse_count("九"), Some(9));
        assert_eq!(parse_count("十十"), None);
    }
}
