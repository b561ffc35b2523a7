//! Title and report year, agency kind, statistics period, publication dates.
//!
//! Everything is matched on folded text (`crate::fold::Folded`: NFKC, no white space, no quote
//! marks), so full-width digits and stray spaces do not matter, and mapped back to exact source
//! spans.

use std::sync::LazyLock;

use regex::{Captures, Regex};

use super::sections::{is_blank, line_spans, nonempty_lines, strip_markup};
use super::{AgencyKind, Date, Period, PublicationDate, Section, Title};
use crate::diagnostic::Span;
use crate::fold::{Folded, fold};

/// How many non-empty lines from the top may hold the title.
const TITLE_WINDOW: usize = 20;

fn re(s: &str) -> Regex {
    Regex::new(s).expect("built-in pattern")
}

static TITLE_YEAR: LazyLock<Regex> = LazyLock::new(|| re(r"(\d+)年"));

/// Whether a folded line reads as the report's title.
fn title_like(folded: &str) -> bool {
    let chars = folded.chars().count();
    chars <= 80
        && !folded.contains('。')
        && folded.contains("政府信息公开")
        && ends_as_report_title(folded)
        && !has_latin_word(folded)
        && ![
            "根据",
            "依据",
            "按照",
            "本报告",
            "本年度报告",
            "现发布",
            "现将",
        ]
        .iter()
        .any(|p| folded.trim_start_matches(['#', '*']).starts_with(p))
}

/// Whether the line's wording ends with the report's name (`…年度报告`, `…年报`): what may
/// follow is markup, punctuation or a site-name suffix after a separator (`_`, `-`, `|`, a
/// bracket), not more wording — `关于做好…年度报告编制工作的通知` is a notice, not a report.
fn ends_as_report_title(folded: &str) -> bool {
    let Some(at) = ["报告", "年报"]
        .iter()
        .filter_map(|k| folded.rfind(k).map(|i| i + k.len()))
        .max()
    else {
        return false;
    };
    let rest = folded[at..].trim_start_matches(|c: char| {
        c.is_whitespace() || matches!(c, '*' | '#' | '”' | '"' | '》' | '」' | '』')
    });
    rest.is_empty() || rest.starts_with(['_', '-', '|', '—', '(', '（', '[', '【', '<', '〈', '　'])
}

/// Whether a line carries a Latin word of three or more letters (English prose such as a
/// README's `gxlint checks drafts of …`); agency names and titles do not.
fn has_latin_word(folded: &str) -> bool {
    let mut run = 0;
    for c in folded.chars() {
        if c.is_ascii_alphabetic() {
            run += 1;
            if run >= 3 {
                return true;
            }
        } else {
            run = 0;
        }
    }
    false
}

/// The report's title: the first title-like line with a year among the first non-empty lines,
/// else the first title-like line (residue and metadata lines such as `365体育官网` or
/// `发布时间:…` are not title-like and are skipped; a yearless breadcrumb such as
/// `首页 > 政务公开 > 政府信息公开年报` does not hide the real title below it).
pub fn find_title(text: &str) -> Option<Title> {
    find_title_in(text, &line_spans(text))
}

/// `find_title` with the text's `line_spans` already made.
pub fn find_title_in(text: &str, lines: &[Span]) -> Option<Title> {
    let mut yearless: Option<Title> = None;
    let nonempty = nonempty_lines(text, lines);
    let window = &nonempty[..nonempty.len().min(TITLE_WINDOW)];
    for (i, line) in window.iter().enumerate() {
        let stripped = strip_markup(text, line.clone());
        let f = Folded::new(&text[stripped.clone()], stripped.start);
        let span = if title_like(&f.text) {
            stripped
        } else if let Some(next) = window.get(i + 1)
            && let Some(span) = wrapped_title(text, lines, line, next, &f.text)
        {
            // A title wrapped over two lines (PDF copies, narrow Word layouts).
            span
        } else {
            continue;
        };
        let title = with_year(text, span);
        if title.year.is_some() {
            return Some(title);
        }
        yearless.get_or_insert(title);
    }
    yearless
}

/// The span of a title wrapped over `line` and `next`: the first part is not a title by itself
/// and has no sentence end, at most one blank line lies between, and together they read as one.
fn wrapped_title(
    text: &str,
    lines: &[Span],
    line: &Span,
    next: &Span,
    first: &str,
) -> Option<Span> {
    if first.is_empty() || first.contains(['。', '，', ':', '：']) || ends_as_report_title(first)
    {
        return None;
    }
    let between = lines
        .iter()
        .filter(|l| l.start > line.start && l.start < next.start)
        .count();
    if between > 1 {
        return None;
    }
    let a = strip_markup(text, line.clone());
    let b = strip_markup(text, next.clone());
    let second = fold(&text[b.clone()]);
    let joined = format!("{first}{second}");
    // The second part may read as a title by itself (`政府信息公开工作年度报告`) when the first
    // holds the agency and the year.
    let year = |s: &str| TITLE_YEAR.is_match(s);
    let joins = !title_like(&second) || (year(first) && !year(&second));
    (title_like(&joined) && joins).then_some(a.start..b.end)
}

/// The title at `span` with the year it names (`2024年`, full-width digits too), found line by
/// line.
fn with_year(text: &str, span: Span) -> Title {
    let mut title = Title {
        span,
        year: None,
        year_span: None,
    };
    for part in line_spans(&text[title.span.clone()]) {
        let part = title.span.start + part.start..title.span.start + part.end;
        let f = Folded::new(&text[part.clone()], part.start);
        for c in TITLE_YEAR.captures_iter(&f.text) {
            let m = c.get(1).expect("group");
            if m.as_str().len() != 4 {
                continue;
            }
            let Ok(y) = m.as_str().parse::<i32>() else {
                continue;
            };
            if (1990..=2100).contains(&y) {
                title.year = Some(y);
                title.year_span = Some(f.source_span(m.start(), m.end()));
                return title;
            }
        }
    }
    title
}

const DEPARTMENT_SUFFIXES: &[&str] = &[
    "局",
    "委",
    "办",
    "厅",
    "中心",
    "办公室",
    "委员会",
    "署",
    "院",
    "所",
    "站",
    "馆",
    "队",
    "会",
    "部",
    "处",
    "室",
    "社",
    "司",
    "团",
    "行",
    "监狱",
    "公司",
    "学校",
    "大学",
];

/// What kind of body publishes the report, from the agency name in the title (the text before
/// the year, or between the year and `政府信息公开` when the title starts with the year).
pub fn agency_kind(text: &str, title: Option<&Title>) -> AgencyKind {
    let Some(title) = title else {
        return AgencyKind::Unknown;
    };
    let Some(line) = text.get(title.span.clone()) else {
        return AgencyKind::Unknown;
    };
    let folded = fold(line);
    let folded = folded.trim_start_matches(['#', '*']);
    let before_year = match TITLE_YEAR.find(folded) {
        Some(m) => &folded[..m.start()],
        None => folded.split("政府信息公开").next().unwrap_or(""),
    };
    let name = if before_year.is_empty() {
        // `2021年度XX局政府信息公开工作年度报告`
        let after = TITLE_YEAR
            .find(folded)
            .map(|m| &folded[m.end()..])
            .unwrap_or("");
        let after = after.strip_prefix('度').unwrap_or(after);
        after.split("政府信息公开").next().unwrap_or("")
    } else {
        before_year
    };
    classify_agency(name)
}

fn classify_agency(name: &str) -> AgencyKind {
    let name = name.trim_end_matches(['(', ')', '（', '）']);
    if name.is_empty() {
        return AgencyKind::Unknown;
    }
    if let Some(place) = name.strip_suffix("人民政府") {
        if place.ends_with('乡') || place.ends_with('镇') || place.ends_with("街道") {
            return AgencyKind::Township;
        }
        return AgencyKind::Government;
    }
    if name.ends_with("街道办事处") || name.ends_with("街道") || name.ends_with("街道办")
    {
        return AgencyKind::Township;
    }
    if name.ends_with('乡') || name.ends_with('镇') {
        return AgencyKind::Township;
    }
    if name.ends_with("人民政府办公室") || name.ends_with("人民政府办公厅") {
        return AgencyKind::Department;
    }
    if DEPARTMENT_SUFFIXES.iter().any(|s| name.ends_with(s)) {
        return AgencyKind::Department;
    }
    if ["县", "市", "区", "省", "州", "旗", "盟", "自治区"]
        .iter()
        .any(|s| name.ends_with(s))
    {
        return AgencyKind::Government;
    }
    AgencyKind::Unknown
}

/// Words that announce the statistics period within a sentence.
const PERIOD_KEYWORDS: &[&str] = &[
    "统计期限",
    "统计时间",
    "统计数据",
    "统计期",
    "统计时限",
    "统计区间",
    "统计时段",
    "统计周期",
    "统计范围",
    "所列数据",
    "报告期",
    "数据期限",
    "数据时间",
    // `本报告内容涵盖2019年1月1日至12月31日期间…`
    "涵盖",
];

/// How far (folded bytes) after its keyword a period's first date may start.
const PERIOD_PROXIMITY: usize = 90;

const DATE_A: &str =
    r"(?:(?P<ay>\d+)年)?(?P<am>\d+)月(?P<ad>\d+)日|(?P<ay2>\d+)[-/.](?P<am2>\d+)[-/.](?P<ad2>\d+)";
const DATE_B: &str =
    r"(?:(?P<by>\d+)年)?(?P<bm>\d+)月(?P<bd>\d+)日|(?P<by2>\d+)[-/.](?P<bm2>\d+)[-/.](?P<bd2>\d+)";
const CONNECTOR: &str = r"(?:起|开始)?(?:至|到|~|-+|—+|–+)";

static PERIOD_STRICT: LazyLock<Regex> =
    LazyLock::new(|| re(&format!("(?P<a>{DATE_A}){CONNECTOR}(?P<b>{DATE_B})")));
static PERIOD_LOOSE: LazyLock<Regex> = LazyLock::new(|| {
    re(r"(?P<a>\d[0-9年月日号./]*)(?:起|开始)?(?:至|到|~|—+)(?P<b>\d[0-9年月日号./]*)")
});

static PERIOD_MONTHS: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"^(?:为|是|:|自|从)?(?:(?P<ay>\d+)年)?(?P<am>\d+)月份?(?:起|开始)?(?:至|到|~|-+|—+)(?:(?P<by>\d+)年)?(?P<bm>\d+)月份?(?:止|底)?(?:[,(]|$)",
    )
});
static PERIOD_YEAR: LazyLock<Regex> =
    LazyLock::new(|| re(r"^(?:为|是|:)(?P<y>\d+)年度?(?:全年)?(?:[,(]|$)"));

/// A period stated by months (`2021年1月至12月`) or as a whole year (`统计期限为2021年度`),
/// right after its keyword.
fn coarse_period(f: &Folded, from: usize, tail: &str) -> Option<Period> {
    let num = |m: Option<regex::Match>| m.and_then(|m| m.as_str().parse::<u32>().ok());
    if let Some(c) = PERIOD_MONTHS.captures(tail) {
        let first = c.name("ay").or(c.name("am"))?;
        let last = c.name("bm")?;
        let span = f.source_span(from + first.start(), from + last.end() + '月'.len_utf8());
        let ya = c.name("ay").map(|m| parse_year(m.as_str()));
        let yb = c.name("by").map(|m| parse_year(m.as_str()));
        let (ya, yb) = match (ya, yb) {
            (Some(Some(a)), Some(Some(b))) => (a, b),
            (Some(Some(a)), None) => (a, a),
            (None, Some(Some(b))) => (b, b),
            (None, None) => {
                return Some(Period {
                    span,
                    start: None,
                    end: None,
                    malformed: false,
                });
            }
            _ => {
                return Some(Period {
                    span,
                    start: None,
                    end: None,
                    malformed: true,
                });
            }
        };
        let (ma, mb) = (num(c.name("am"))?, num(c.name("bm"))?);
        let start = make_date(ya, ma, 1);
        let end = make_date(yb, mb, days_in_month(yb, mb).max(1));
        return Some(match (start, end) {
            (Some(s), Some(e)) => Period {
                span,
                start: Some(s),
                end: Some(e),
                malformed: false,
            },
            _ => Period {
                span,
                start: None,
                end: None,
                malformed: true,
            },
        });
    }
    let c = PERIOD_YEAR.captures(tail)?;
    let y = c.name("y")?;
    let mut end = y.end() + '年'.len_utf8();
    if tail[end..].starts_with('度') {
        end += '度'.len_utf8();
    }
    let span = f.source_span(from + y.start(), from + end);
    Some(
        match parse_year(y.as_str()).and_then(|y| make_date(y, 1, 1).map(|s| (y, s))) {
            Some((y, s)) => Period {
                span,
                start: Some(s),
                end: make_date(y, 12, 31),
                malformed: false,
            },
            None => Period {
                span,
                start: None,
                end: None,
                malformed: true,
            },
        },
    )
}

/// A date as written: the year may be omitted; values not yet validated.
struct RawDate {
    year: Option<String>,
    month: String,
    day: String,
}

fn raw_date(c: &Captures, p: char) -> Option<RawDate> {
    let g = |n: &str| c.name(&format!("{p}{n}")).map(|m| m.as_str().to_string());
    if let (Some(m), Some(d)) = (g("m"), g("d")) {
        return Some(RawDate {
            year: g("y"),
            month: m,
            day: d,
        });
    }
    Some(RawDate {
        year: g("y2"),
        month: g("m2")?,
        day: g("d2")?,
    })
}

fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => 0,
    }
}

/// A valid date, or None when a part is unreadable (`202020年`, `13月`).
pub fn make_date(year: i32, month: u32, day: u32) -> Option<Date> {
    ((1900..=2100).contains(&year)
        && (1..=12).contains(&month)
        && day >= 1
        && day <= days_in_month(year, month))
    .then_some(Date { year, month, day })
}

fn parse_year(s: &str) -> Option<i32> {
    if s.len() != 4 {
        return None;
    }
    s.parse().ok()
}

/// Read a strict match: Ok(Some((start, end))) when readable, Ok(None) when it names no year at
/// all, Err(()) when malformed.
#[allow(clippy::type_complexity)]
fn read_range(a: &RawDate, b: &RawDate) -> Result<Option<(Date, Date)>, ()> {
    let ya = match &a.year {
        Some(y) => Some(parse_year(y).ok_or(())?),
        None => None,
    };
    let yb = match &b.year {
        Some(y) => Some(parse_year(y).ok_or(())?),
        None => None,
    };
    let (ya, yb) = match (ya, yb) {
        (Some(x), Some(y)) => (x, y),
        (Some(x), None) => (x, x),
        (None, Some(y)) => (y, y),
        (None, None) => {
            // Still check that month and day are plausible.
            let ok = |d: &RawDate| {
                let m: u32 = d.month.parse().unwrap_or(0);
                let dd: u32 = d.day.parse().unwrap_or(0);
                make_date(2000, m, dd).is_some()
            };
            return if ok(a) && ok(b) { Ok(None) } else { Err(()) };
        }
    };
    let num = |s: &str| s.parse::<u32>().map_err(|_| ());
    let start = make_date(ya, num(&a.month)?, num(&a.day)?).ok_or(())?;
    let end = make_date(yb, num(&b.month)?, num(&b.day)?).ok_or(())?;
    Ok(Some((start, end)))
}

/// Sentence ranges (folded byte offsets) of a folded line.
fn sentences(f: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, c) in f.char_indices() {
        if matches!(c, '。' | ';' | '!' | '?') {
            out.push((start, i));
            start = i + c.len_utf8();
        }
    }
    out.push((start, f.len()));
    out
}

/// The period statement in one folded line, if any.
fn period_in_line(f: &Folded) -> Option<Period> {
    for (s, e) in sentences(&f.text) {
        let sent = &f.text[s..e];
        let Some(kw) = PERIOD_KEYWORDS
            .iter()
            .filter_map(|k| sent.find(k).map(|p| p + k.len()))
            .min()
        else {
            continue;
        };
        let from = s + kw;
        let tail = &f.text[from..e];
        if let Some(c) = PERIOD_STRICT.captures(tail)
            && c.get(0).is_some_and(|m| m.start() <= PERIOD_PROXIMITY)
        {
            let a = c.name("a").expect("group");
            let b = c.name("b").expect("group");
            let span = f.source_span(from + a.start(), from + b.end());
            let (Some(ra), Some(rb)) = (raw_date(&c, 'a'), raw_date(&c, 'b')) else {
                continue;
            };
            return Some(match read_range(&ra, &rb) {
                Ok(Some((start, end))) => Period {
                    span,
                    start: Some(start),
                    end: Some(end),
                    malformed: false,
                },
                Ok(None) => Period {
                    span,
                    start: None,
                    end: None,
                    malformed: false,
                },
                Err(()) => Period {
                    span,
                    start: None,
                    end: None,
                    malformed: true,
                },
            });
        }
        for k in PERIOD_KEYWORDS {
            for (p, _) in sent.match_indices(k) {
                let at = s + p + k.len();
                if let Some(p) = coarse_period(f, at, &f.text[at..e]) {
                    return Some(p);
                }
            }
        }
        if let Some(c) = PERIOD_LOOSE.captures(tail)
            && c.get(0).is_some_and(|m| m.start() <= PERIOD_PROXIMITY)
        {
            let a = c.name("a").expect("group");
            let b = c.name("b").expect("group");
            let digits = |s: &str| s.chars().filter(|c| c.is_ascii_digit()).count();
            if digits(a.as_str()) >= 4 && digits(b.as_str()) >= 4 {
                let span = f.source_span(from + a.start(), from + b.end());
                return Some(Period {
                    span,
                    start: None,
                    end: None,
                    malformed: true,
                });
            }
        }
    }
    None
}

/// Whether a short line is page metadata or residue rather than report prose.
fn is_metadata(folded: &str) -> bool {
    const MARKERS: &[&str] = &[
        "发布时间",
        "发布日期",
        "成文日期",
        "生成日期",
        "来源:",
        "浏览量",
        "浏览次数",
        "字体",
        "字号",
        "保护视力色",
        "索引号",
        "文号",
        "扫一扫",
        "分享到",
        "打印",
        "关闭窗口",
        "本站已启用",
        "无障碍",
        "所属分类",
        "责任部门",
        "归档时间",
        "点击数",
        "作者:",
    ];
    (folded.chars().count() <= 60 && MARKERS.iter().any(|m| folded.contains(m)))
        || date_only(folded).is_some()
}

/// The statistics-period statement and the end of the opening paragraph.
///
/// The opening paragraph ends at the last non-empty, non-metadata line after the title and before
/// section 一's heading (the first recognised heading when 一 is missing); when there is no such
/// line, at the end of the title line; with neither title nor such a line, at 0.
pub fn find_period(text: &str, sections: &[Section]) -> (Option<Period>, usize) {
    let lines = line_spans(text);
    find_period_in(text, &lines, sections, find_title_in(text, &lines).as_ref())
}

/// `find_period` with the text's `line_spans` and title (`find_title`) already made.
pub fn find_period_in(
    text: &str,
    lines: &[Span],
    sections: &[Section],
    title: Option<&Title>,
) -> (Option<Period>, usize) {
    let mut period = None;
    for line in lines.iter().cloned() {
        let Some(src) = text.get(line.clone()) else {
            continue;
        };
        if src.is_empty() {
            continue;
        }
        let f = Folded::new(src, line.start);
        if let Some(p) = period_in_line(&f) {
            period = Some(p);
            break;
        }
    }
    // A statement broken by a hard line wrap (`…统计期限为2025` / `年1月1日至12月31日`): read
    // each paragraph (lines up to a blank line) as one.
    if period.as_ref().is_none_or(|p| p.malformed) {
        let whole = paragraphs(text, lines)
            .filter(|p| p.1 > 1)
            .find_map(|(span, _)| period_in_line(&Folded::new(&text[span.clone()], span.start)));
        if whole.as_ref().is_some_and(|p| !p.malformed) || period.is_none() {
            period = whole;
        }
    }
    (period, opening_end(text, lines, sections, title))
}

/// The paragraphs of the text: runs of non-blank lines, as (span, number of lines).
fn paragraphs<'t>(text: &'t str, lines: &'t [Span]) -> impl Iterator<Item = (Span, usize)> + 't {
    let blank = |l: &Span| is_blank(text, l);
    let mut i = 0;
    std::iter::from_fn(move || {
        while i < lines.len() && blank(&lines[i]) {
            i += 1;
        }
        let first = lines.get(i)?.start;
        let mut n = 0;
        let mut end = first;
        while i < lines.len() && !blank(&lines[i]) {
            end = lines[i].end;
            n += 1;
            i += 1;
        }
        Some((first..end, n))
    })
}

/// End of the title's line, without trailing white space (after a closing `**`, if any).
pub fn title_line_end(text: &str, title: &Title) -> usize {
    title_line_end_in(text, &line_spans(text), title)
}

fn title_line_end_in(text: &str, lines: &[Span], title: &Title) -> usize {
    let end = lines
        .iter()
        .find(|l| l.start <= title.span.start && title.span.end <= l.end)
        .map(|l| l.end)
        .unwrap_or(title.span.end);
    let line = text.get(title.span.start..end).unwrap_or("");
    title.span.start + line.trim_end_matches(super::sections::is_space).len()
}

fn opening_end(text: &str, lines: &[Span], sections: &[Section], title: Option<&Title>) -> usize {
    let title_end = title.map(|t| title_line_end_in(text, lines, t));
    let from = title_end.unwrap_or(0);
    let until = sections
        .iter()
        .find(|s| s.number == 1)
        .or(sections.first())
        .map(|s| s.line.start);
    let mut last = None;
    for line in nonempty_lines(text, lines) {
        if line.start < from {
            continue;
        }
        match until {
            Some(u) if line.start >= u => break,
            None if last.is_some() => break,
            _ => {}
        }
        if is_metadata(&fold(&text[line.clone()])) {
            continue;
        }
        let trimmed = text[line.clone()].trim_end_matches(super::sections::is_space);
        last = Some(line.start + trimmed.len());
    }
    last.or(title_end).unwrap_or(0)
}

static LABELLED_DATE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?:发布时间|发布日期|成文日期|公开日期|印发日期|发文日期|生成日期|公布日期|发布于):?(?P<y>\d{4})[-/.年](?P<m>\d{1,2})[-/.月](?P<d>\d{1,2})",
    )
});
static DATE_LINE: LazyLock<Regex> =
    LazyLock::new(|| re(r"^[(\[【]?(?P<y>\d{4})年(?P<m>\d{1,2})月(?P<d>\d{1,2})日[)\]】]?$"));
static CN_DATE_LINE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"^[(\[【]?(?P<y>[〇○零O0一二三四五六七八九]{4})年(?P<m>[一二三四五六七八九十]{1,3})月(?P<d>[一二三四五六七八九十]{1,3})日[)\]】]?$",
    )
});

fn cn_digit(c: char) -> Option<u32> {
    "〇一二三四五六七八九"
        .chars()
        .position(|d| d == c)
        .map(|p| p as u32)
        .or(matches!(c, '○' | '零' | 'O' | '0').then_some(0))
}

/// `一` … `三十一` → 1 … 31.
fn cn_number(s: &str) -> Option<u32> {
    let chars: Vec<char> = s.chars().collect();
    match chars.as_slice() {
        [c] if *c == '十' => Some(10),
        [c] => cn_digit(*c).filter(|&d| d > 0),
        ['十', u] => Some(10 + cn_digit(*u)?),
        [t, '十'] => Some(cn_digit(*t)? * 10),
        [t, '十', u] => Some(cn_digit(*t)? * 10 + cn_digit(*u)?),
        _ => None,
    }
}

/// The date of a folded line that is only a date (`2022年1月25日`, `（二〇二二年一月二十五日）`),
/// with the folded byte range of the date.
fn date_only(folded: &str) -> Option<(Date, usize, usize)> {
    if let Some(c) = DATE_LINE.captures(folded) {
        let n = |k: &str| c.name(k).and_then(|m| m.as_str().parse::<u32>().ok());
        let date = make_date(n("y")? as i32, n("m")?, n("d")?)?;
        let a = c.name("y")?.start();
        let b = c.name("d")?.end() + '日'.len_utf8();
        return Some((date, a, b));
    }
    if let Some(c) = CN_DATE_LINE.captures(folded) {
        let y = c
            .name("y")?
            .as_str()
            .chars()
            .try_fold(0u32, |acc, ch| Some(acc * 10 + cn_digit(ch)?))?;
        let date = make_date(
            y as i32,
            cn_number(c.name("m")?.as_str())?,
            cn_number(c.name("d")?.as_str())?,
        )?;
        let a = c.name("y")?.start();
        let b = c.name("d")?.end() + '日'.len_utf8();
        return Some((date, a, b));
    }
    None
}

/// Publication dates: labelled (`发布时间:2022-01-25 09:25`, `发布日期：`, `成文日期：`; not
/// `归档时间`) anywhere, and date-only lines (`2022年1月25日`) among the first 20 or last 10
/// non-empty lines. In document order.
pub fn find_publication_dates(text: &str) -> Vec<PublicationDate> {
    find_publication_dates_in(text, &line_spans(text), &Folded::new(text, 0))
}

/// `find_publication_dates` with the text's `line_spans` and its fold already made.
pub fn find_publication_dates_in(
    text: &str,
    lines: &[Span],
    folded: &Folded,
) -> Vec<PublicationDate> {
    let lines = nonempty_lines(text, lines);
    let n = lines.len();
    let mut out = Vec::new();
    for (i, line) in lines.into_iter().enumerate() {
        let f = folded.slice(line);
        let mut found = false;
        for c in LABELLED_DATE.captures_iter(f.text) {
            let num = |k: &str| c.name(k).and_then(|m| m.as_str().parse::<u32>().ok());
            let (Some(y), Some(m), Some(d)) = (num("y"), num("m"), num("d")) else {
                continue;
            };
            let Some(date) = make_date(y as i32, m, d) else {
                continue;
            };
            let (Some(a), Some(b)) = (c.name("y"), c.name("d")) else {
                continue;
            };
            let mut end = b.end();
            if f.text[end..].starts_with('日') {
                end += '日'.len_utf8();
            }
            out.push(PublicationDate {
                span: f.source_span(a.start(), end),
                date,
            });
            found = true;
        }
        if !found
            && (i < TITLE_WINDOW || i + 10 >= n)
            && let Some((date, a, b)) = date_only(f.text)
        {
            out.push(PublicationDate {
                span: f.source_span(a, b),
                date,
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn title_and_year() {
        let t = "365体育官网\n\n# 衡阳市科技局２０２１年政府信息公开年度报告\n";
        let title = find_title(t).expect("title");
        assert_eq!(
            &t[title.span.clone()],
            "衡阳市科技局２０２１年政府信息公开年度报告"
        );
        assert_eq!(title.year, Some(2021));
        assert_eq!(&t[title.year_span.clone().expect("span")], "２０２１");
        assert!(find_title("根据条例，现发布《XX局2021年政府信息公开工作年度报告》。\n").is_none());
    }

    #[test]
    fn a_yearless_breadcrumb_does_not_hide_the_title() {
        let t =
            "首页 > 政务公开 > 政府信息公开年报\n\n某县农业农村局2024年政府信息公开工作年度报告\n";
        let title = find_title(t).expect("title");
        assert_eq!(title.year, Some(2024));
        assert!(t[title.span.clone()].starts_with("某县"));
        // With no dated title-like line, the first title-like line still is the title.
        let t = "某县农业农村局政府信息公开工作年度报告\n\n一、总体情况\n";
        let title = find_title(t).expect("title");
        assert_eq!(title.year, None);
        assert_eq!(title.span, 0..t.find('\n').unwrap());
    }

    #[test]
    fn agency() {
        let k = |t: &str| agency_kind(t, find_title(t).as_ref());
        assert_eq!(
            k("衡阳市科技局2021年政府信息公开年度报告"),
            AgencyKind::Department
        );
        assert_eq!(
            k("岳阳市人民政府2021年政府信息公开工作年度报告"),
            AgencyKind::Government
        );
        assert_eq!(
            k("城关镇人民政府2021年政府信息公开工作年度报告"),
            AgencyKind::Township
        );
        assert_eq!(
            k("南湖街道办事处2021年政府信息公开工作年度报告"),
            AgencyKind::Township
        );
        assert_eq!(
            k("2021年度XX县人民政府办公室政府信息公开工作年度报告"),
            AgencyKind::Department
        );
        assert_eq!(k("2021年政府信息公开工作年度报告"), AgencyKind::Unknown);
    }

    fn period(t: &str) -> Period {
        find_period(t, &[]).0.expect("period")
    }

    #[test]
    fn periods() {
        let t = "本年度报告中所列数据的统计期限自2021年1月1日起至2021年12月31日止。";
        let p = period(t);
        assert_eq!(&t[p.span.clone()], "2021年1月1日起至2021年12月31日");
        assert_eq!(
            p.start,
            Some(Date {
                year: 2021,
                month: 1,
                day: 1
            })
        );
        assert_eq!(
            p.end,
            Some(Date {
                year: 2021,
                month: 12,
                day: 31
            })
        );
        let p = period("本报告统计数据从２０２４年１月１日至２０２４年１２月３１日。");
        assert_eq!(
            p.end,
            Some(Date {
                year: 2024,
                month: 12,
                day: 31
            })
        );
        let p = period("统计时间为自2020年1月1日至12月31日");
        assert_eq!(
            p.end,
            Some(Date {
                year: 2020,
                month: 12,
                day: 31
            })
        );
        let p = period("数据统计期为2022年1月1日-12月31日。");
        assert_eq!(
            p.start,
            Some(Date {
                year: 2022,
                month: 1,
                day: 1
            })
        );
        let p = period("统计期限自201311日起至20131231日止。");
        assert!(p.malformed);
        let t = "统计期限自2020年1月1日起至202020年12月31日止。";
        let p = period(t);
        assert!(p.malformed);
        assert_eq!(&t[p.span.clone()], "2020年1月1日起至202020年12月31日");
        assert!(
            find_period("2021年1月1日至12月31日共收到申请3件。", &[])
                .0
                .is_none()
        );
    }

    #[test]
    fn dates() {
        let t = "归档时间:2020-01-01\n发布时间:2022-01-25 09:25\n（二〇二二年一月二十五日）\n";
        let d = find_publication_dates(t);
        assert_eq!(d.len(), 2);
        assert_eq!(&t[d[0].span.clone()], "2022-01-25");
        assert_eq!(
            d[1].date,
            Date {
                year: 2022,
                month: 1,
                day: 25
            }
        );
        assert_eq!(&t[d[1].span.clone()], "二〇二二年一月二十五日");
    }
}

/// How one date of a period statement is written (so a fix keeps the wording).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateStyle {
    /// `2021年1月1日`; `year: false` for `12月31日` (year omitted).
    Cn { year: bool },
    /// `2021-01-01`, `2021.1.1`, `2021/01/01`.
    Numeric { sep: char, pad: bool },
}

/// One date of a period statement: its exact source span and style.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DatePart {
    pub span: Span,
    pub style: DateStyle,
}

impl DateStyle {
    /// Write `d` in this style.
    pub fn render(self, d: Date) -> String {
        match self {
            DateStyle::Cn { year: true } => format!("{}年{}月{}日", d.year, d.month, d.day),
            DateStyle::Cn { year: false } => format!("{}月{}日", d.month, d.day),
            DateStyle::Numeric { sep, pad: true } => {
                format!("{}{sep}{:02}{sep}{:02}", d.year, d.month, d.day)
            }
            DateStyle::Numeric { sep, pad: false } => {
                format!("{}{sep}{}{sep}{}", d.year, d.month, d.day)
            }
        }
    }
}

/// The two dates of a period statement (start, end), for a fix that rewrites them in place.
/// A malformed statement's parts are written `2013年1月1日` style.
pub fn period_parts(text: &str, period: &Period) -> Option<[DatePart; 2]> {
    let src = text.get(period.span.clone())?;
    let f = Folded::new(src, period.span.start);
    if let Some(c) = PERIOD_STRICT.captures(&f.text) {
        let part = |p: char| -> Option<DatePart> {
            let whole = c.name(&p.to_string())?;
            let span = f.source_span(whole.start(), whole.end());
            let style = if let Some(y) = c.name(&format!("{p}y2")) {
                let sep = f.text[y.end()..].chars().next().unwrap_or('-');
                let pad = c
                    .name(&format!("{p}m2"))
                    .is_some_and(|m| m.as_str().len() == 2);
                DateStyle::Numeric { sep, pad }
            } else {
                DateStyle::Cn {
                    year: c.name(&format!("{p}y")).is_some(),
                }
            };
            Some(DatePart { span, style })
        };
        return Some([part('a')?, part('b')?]);
    }
    if !period.malformed {
        return None; // a month range or a whole year: no day-level dates to rewrite
    }
    let c = PERIOD_LOOSE.captures(&f.text)?;
    let (a, b) = (c.name("a")?, c.name("b")?);
    let style = DateStyle::Cn { year: true };
    Some([
        DatePart {
            span: f.source_span(a.start(), a.end()),
            style,
        },
        DatePart {
            span: f.source_span(b.start(), b.end()),
            style,
        },
    ])
}

/// Whether a source line is page metadata or residue (for rules that look for prose).
pub fn is_metadata_line(line: &str) -> bool {
    is_metadata(&fold(line))
}

/// Whether the text is recognisable as a report at all: it has a title or one of the six
/// section headings. Rules that would report on everything a stray file lacks (GX101, GX404)
/// stay silent on other texts (a README in a checked directory, a snippet).
pub fn looks_like_report(doc: &super::Document) -> bool {
    doc.title.is_some() || !doc.sections.is_empty() || flattened_report(doc.text)
}

/// A report flattened onto one line (a web page saved as text): the report's name with its year
/// and a numbered section heading run into the text (`…2023年政府信息公开工作年度报告 一、总体情况 …`).
/// A notice about preparing the report names it too, but has none of the six numbered headings.
fn flattened_report(text: &str) -> bool {
    static NAME: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"\d{4}\s*年度?\s*政府信息公开(?:工作)?(?:年度)?(?:报告|年报)")
            .expect("valid regex")
    });
    static HEADING: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"(?:^|\s)[一二三四五六]\s*[、.．]\s*(?:\d{4}\s*年度?)?(?:政府信息公开工作的?)?(?:总体情况|主动公开政府信息情况|收到和处理政府信息公开申请情况|政府信息公开行政复议、行政诉讼情况|存在的主要问题及改进情况|其他需要报告的事项)",
        )
        .expect("valid regex")
    });
    NAME.is_match(text) && HEADING.is_match(text)
}

static BODY_YEAR: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?:^|[^0-9])((?:19|20)\d\d)年度?,(?:我|本|全|各)"));
static BODY_YEAR_DU: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?:^|[^0-9])((?:19|20)\d\d)年度(?:政府信息公开|,|的政府信息公开)"));

/// The year the narrative speaks of when the title names none: the first `2020年，我局…` (or
/// `2020年度，本机关…`), else the first `2020年度政府信息公开…`.
pub fn body_year(folded: &Folded) -> Option<i32> {
    [&*BODY_YEAR, &*BODY_YEAR_DU].iter().find_map(|r| {
        r.captures(&folded.text)
            .and_then(|c| c.get(1))
            .and_then(|m| m.as_str().parse().ok())
    })
}
