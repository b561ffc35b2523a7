//! text → document: the one reading of a draft that every rule, fix and server feature uses.
//!
//! `Document::parse` finds the title and report year, chooses the format, finds the six sections,
//! the statistics-period sentence and publication dates, and reads the tables of 二/三/四 by the
//! template (all four forms of `forms.md`). Every piece keeps its exact byte span.

pub mod cells;
pub mod meta;
pub mod sections;
pub mod tables;

use std::sync::OnceLock;

use serde::Serialize;

use crate::diagnostic::Span;
use crate::fold::Folded;
pub use crate::format::Format;
use crate::line_index::LineIndex;

/// The plain inputs of a parse besides the text: what a caller (the configuration, the command
/// line, a test) knows about the report. The document layer knows nothing of `gxlint.toml` or of
/// the rule registry; `config::Settings::parse_options` builds these.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ParseOptions {
    /// The report year N (overrides the title's).
    pub year: Option<i32>,
    /// The format version (overrides the one the year implies).
    pub format: Option<Format>,
}

/// Where the report year came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum YearSource {
    Title,
    /// Given by the caller (`ParseOptions::year`: gxlint.toml or `--year`).
    Config,
    /// No year known: the newest format was assumed (GX404).
    Unknown,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Date {
    pub year: i32,
    pub month: u32,
    pub day: u32,
}

impl std::fmt::Display for Date {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}年{}月{}日", self.year, self.month, self.day)
    }
}

#[derive(Debug, Clone)]
pub struct Title {
    /// The title line's text (trimmed).
    pub span: Span,
    pub year: Option<i32>,
    pub year_span: Option<Span>,
}

/// What kind of body publishes the report (decides the deadline, report-format §2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum AgencyKind {
    /// 县级以上人民政府部门: deadline (N+1)-01-31.
    Department,
    /// 本级政府 (XX市人民政府): deadline (N+1)-03-31.
    Government,
    /// 乡镇/街道: no statutory date.
    Township,
    Unknown,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HeadingMarkup {
    /// `## 一、总体情况`
    Atx,
    /// `**一、总体情况**`
    Bold,
    /// a plain line
    Plain,
}

#[derive(Debug, Clone)]
pub struct Section {
    /// 1..=6 (一 … 六).
    pub number: u8,
    /// The whole heading line, without its line break.
    pub line: Span,
    /// The heading's wording after the numbering (`总体情况`), excluding markup.
    pub wording: Span,
    /// Whether the wording is the template's (folded comparison).
    pub canonical: bool,
    pub markup: HeadingMarkup,
    /// From the end of the heading line to the start of the next recognised heading (or EOF).
    pub body: Span,
}

/// The declared statistics period (report-format §2).
#[derive(Debug, Clone)]
pub struct Period {
    /// The part of the sentence that states the dates (what a fix rewrites).
    pub span: Span,
    pub start: Option<Date>,
    pub end: Option<Date>,
    /// The statement was recognised but its dates cannot be read (`自201311日起`, `202020年`).
    pub malformed: bool,
}

#[derive(Debug, Clone)]
pub struct PublicationDate {
    pub span: Span,
    pub date: Date,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum TableKind {
    /// 二、主动公开政府信息情况
    Active,
    /// 三、收到和处理政府信息公开申请情况
    Requests,
    /// 四、政府信息公开行政复议、行政诉讼情况
    Appeals,
}

impl TableKind {
    pub fn section(self) -> u8 {
        match self {
            TableKind::Active => 2,
            TableKind::Requests => 3,
            TableKind::Appeals => 4,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum TableForm {
    Markdown,
    Pipe,
    Tab,
    CellPerLine,
}

#[derive(Debug, Clone, PartialEq)]
pub enum CellValue {
    /// Blank cell.
    Empty,
    /// `/`, `-`, `—`: not applicable.
    NotApplicable,
    /// A number as written (full-width digits and thousands separators accepted).
    Number(f64),
    /// Anything else.
    Text,
}

impl CellValue {
    /// The value as a count, when it is a whole number.
    pub fn as_int(&self) -> Option<i64> {
        match self {
            CellValue::Number(v) if v.fract() == 0.0 && v.abs() < 9.0e15 => Some(*v as i64),
            _ => None,
        }
    }
}

#[derive(Debug, Clone)]
pub struct Cell {
    /// The cell's text without surrounding white space; an empty span at the cell's place when blank.
    pub span: Span,
    pub value: CellValue,
}

/// A template row found in the draft.
#[derive(Debug, Clone)]
pub struct RowRead {
    /// Template row id (`r3.1`, `a1.docs`, `appeals`, …); see rules/templates/*.toml.
    pub id: &'static str,
    /// The label cell(s) as found (for table 四: the span of the header region).
    pub label: Span,
    /// Value cells in order (blank cells included as `CellValue::Empty`).
    pub values: Vec<Cell>,
    /// How many value cells the template wants; for a group row (`values = false` in the
    /// template, e.g. （三）不予公开) 0 when it has no numbers of its own, 7 when it carries some.
    pub expected: usize,
    /// Byte offset just after this row (where a following missing row is inserted).
    pub end: usize,
    /// The format version whose template this row was read by: the document's, or the other
    /// one for a row of the other version (a foreign label, or a block whose column headers are
    /// the other version's). Column names and kinds come from that template.
    pub version: Format,
}

/// A label of the other format version found in a table (GX201).
#[derive(Debug, Clone)]
pub struct ForeignLabel {
    pub span: Span,
    /// The label as in the other template.
    pub label: &'static str,
}

/// A known variant of a canonical label (GX204).
#[derive(Debug, Clone)]
pub struct VariantLabel {
    /// Exactly the characters to replace.
    pub span: Span,
    pub canonical: &'static str,
}

#[derive(Debug, Clone)]
pub struct Table {
    pub kind: TableKind,
    pub form: TableForm,
    /// The region read as this table.
    pub span: Span,
    /// Template rows found, in template order; for table 二 also the block header rows are not
    /// included (blocks are identified by their rows' ids `a1.*`).
    pub rows: Vec<RowRead>,
    /// Template row ids (or block ids for table 二) not found.
    pub missing: Vec<&'static str>,
    /// Where a missing row id would be inserted (byte offset), same order as `missing`.
    pub missing_at: Vec<usize>,
    pub foreign: Vec<ForeignLabel>,
    pub variants: Vec<VariantLabel>,
}

impl Table {
    pub fn row(&self, id: &str) -> Option<&RowRead> {
        self.rows.iter().find(|r| r.id == id)
    }
}

#[derive(Debug, Clone)]
pub struct Document<'a> {
    pub text: &'a str,
    pub lines: LineIndex,
    pub title: Option<Title>,
    /// The report year N (config overrides the title).
    pub year: Option<i32>,
    pub year_source: YearSource,
    pub format: Format,
    pub agency: AgencyKind,
    pub sections: Vec<Section>,
    pub period: Option<Period>,
    /// End of the opening paragraph (where GX402's fix inserts the period sentence).
    pub opening_end: usize,
    pub publication_dates: Vec<PublicationDate>,
    pub tables: Vec<Table>,
    /// The inputs this document was parsed with.
    pub options: ParseOptions,
    /// The whole text folded (`crate::fold::Folded`), see `folded()`.
    folded: OnceLock<Folded>,
    /// `sections::line_spans(text)`, see `line_spans()`.
    line_spans: Vec<Span>,
}

impl<'a> Document<'a> {
    pub fn parse(text: &'a str, options: &ParseOptions) -> Document<'a> {
        let lines = LineIndex::new(text);
        let folded = Folded::new(text, 0);
        let line_spans = sections::line_spans(text);
        let title = meta::find_title_in(text, &line_spans);
        let (year, year_source) = match (options.year, title.as_ref().and_then(|t| t.year)) {
            (Some(y), _) => (Some(y), YearSource::Config),
            (None, Some(y)) => (Some(y), YearSource::Title),
            (None, None) => (None, YearSource::Unknown),
        };
        let format = options
            .format
            .or(year.map(Format::for_year))
            .unwrap_or(Format::V2021);
        let agency = meta::agency_kind(text, title.as_ref());
        let sections = sections::find_sections_in(text, &line_spans, format);
        let (period, opening_end) =
            meta::find_period_in(text, &line_spans, &sections, title.as_ref());
        let publication_dates = meta::find_publication_dates_in(text, &line_spans, &folded);
        let tables = tables::read_tables(text, &sections, format);
        Document {
            text,
            lines,
            title,
            year,
            year_source,
            format,
            agency,
            sections,
            period,
            opening_end,
            publication_dates,
            tables,
            options: options.clone(),
            folded: OnceLock::from(folded),
            line_spans,
        }
    }

    pub fn section(&self, number: u8) -> Option<&Section> {
        self.sections.iter().find(|s| s.number == number)
    }

    pub fn table(&self, kind: TableKind) -> Option<&Table> {
        self.tables.iter().find(|t| t.kind == kind)
    }

    /// The whole text folded (NFKC, no white space, no quote marks), with its map back to source
    /// offsets; computed once per document and shared by the rules that match on folded text.
    pub fn folded(&self) -> &Folded {
        self.folded.get_or_init(|| Folded::new(self.text, 0))
    }

    /// The lines of the text without their line breaks (`sections::line_spans`), computed once.
    pub fn line_spans(&self) -> &[Span] {
        &self.line_spans
    }

    pub fn slice(&self, span: &Span) -> &'a str {
        &self.text[span.clone()]
    }
}
