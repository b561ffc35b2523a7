//! The template-driven table reader (forms.md "Reading tables by the template").
//!
//! A section body is split into cells (`cells::split_cells`, any of the four forms), every cell is
//! folded (NFKC, no white space or quotes, numbering separators `1、`/`1．` → `1.`) and matched
//! against a lexicon built from the templates of both format versions and from the label variants
//! of `rules/labels.toml`. A cell may hold several labels (`（三）不予公开1.属于国家秘密`); the last
//! row label of a cell owns the value cells that follow it, up to the next label or, in
//! row-structured forms, the end of the physical row.

use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

use serde::Deserialize;

use super::cells::{RawCell, parse_amount, parse_value, split_cells};
use super::{
    Cell, CellValue, ForeignLabel, Format, RowRead, Section, Table, TableForm, TableKind,
    VariantLabel,
};
use crate::diagnostic::Span;
use crate::fold::Folded;
use crate::templates::{self, Template};

// ---------------------------------------------------------------------------------------------
// Label variants (rules/labels.toml)

#[derive(Debug, Deserialize)]
struct LabelsFile {
    variant: Vec<VariantDef>,
}

#[derive(Debug, Deserialize)]
struct VariantDef {
    canonical: String,
    variants: Vec<String>,
    #[serde(default)]
    contains: bool,
    #[serde(default)]
    formats: Vec<String>,
}

static LABELS: LazyLock<LabelsFile> = LazyLock::new(|| {
    toml::from_str(include_str!("../../rules/labels.toml")).expect("rules/labels.toml")
});

// ---------------------------------------------------------------------------------------------
// Folding labels

const CJK_NUMERALS: &str = "一二三四五六七八九十";

/// Folded text of a source slice with numbering separators normalised (`1、` `1．` → `1.`,
/// `一.` → `一、`), keeping a map back to source offsets.
pub struct LabelFold {
    pub text: String,
    folded: Folded,
    /// For each byte of `text`: the byte range in `folded.text` of the character it came from.
    map: Vec<(usize, usize)>,
}

impl LabelFold {
    /// The fold of nothing (no allocation).
    fn empty() -> LabelFold {
        LabelFold {
            text: String::new(),
            folded: Folded::default(),
            map: Vec::new(),
        }
    }

    pub fn new(src: &str, base: usize) -> LabelFold {
        let folded = Folded::new(src, base);
        let mut text = String::with_capacity(folded.text.len());
        let mut map = Vec::with_capacity(folded.text.len());
        let mut prev: Option<char> = None;
        let mut skip_to = 0;
        for (i, c) in folded.text.char_indices() {
            if i < skip_to {
                continue;
            }
            // A line break written as HTML inside a markdown cell (`（三）不予公开<br>1.属于…`).
            if c == '<' {
                let rest = &folded.text[i..];
                if let Some(n) = ["<br>", "<br/>"].iter().find_map(|t| {
                    rest.get(..t.len())
                        .filter(|h| h.eq_ignore_ascii_case(t))
                        .map(|_| t.len())
                }) {
                    skip_to = i + n;
                    continue;
                }
            }
            let range = (i, i + c.len_utf8());
            let out = match (prev, c) {
                // `，`/`,` written for `、` (NFKC has made `，` a `,`): `1,属于…`, `一，本年…`.
                (Some(p), '、' | ',') if p.is_ascii_digit() => '.',
                (_, ',') => '、',
                (Some(p), '.') if CJK_NUMERALS.contains(p) => '、',
                _ => c,
            };
            text.push(out);
            for _ in 0..out.len_utf8() {
                map.push(range);
            }
            prev = Some(c);
        }
        LabelFold { text, folded, map }
    }

    /// Source span of the byte range `a..b` of `text`.
    pub fn span(&self, a: usize, b: usize) -> Span {
        if self.map.is_empty() {
            return self.folded.source_span(0, 0);
        }
        if a >= b || a >= self.map.len() {
            let p = self
                .map
                .get(a)
                .map(|r| r.0)
                .unwrap_or(self.folded.text.len());
            return self.folded.source_span(p, p);
        }
        let fa = self.map[a].0;
        let fb = self.map[(b - 1).min(self.map.len() - 1)].1;
        self.folded.source_span(fa, fb)
    }
}

/// Fold a label for comparison (see [`LabelFold`]).
pub fn fold_label(s: &str) -> String {
    LabelFold::new(s, 0).text
}

/// Byte length of a leading numbering prefix of folded text: `(一)`, `(1)`, `1.`, `一、`.
fn numbering_prefix_len(s: &str) -> usize {
    let is_num = |c: char| c.is_ascii_digit() || CJK_NUMERALS.contains(c);
    if let Some(rest) = s.strip_prefix('(') {
        let n: usize = rest
            .chars()
            .take_while(|c| is_num(*c))
            .map(char::len_utf8)
            .sum();
        if n > 0 && rest[n..].starts_with(')') {
            return 1 + n + 1;
        }
        return 0;
    }
    let n: usize = s
        .chars()
        .take_while(|c| c.is_ascii_digit())
        .map(char::len_utf8)
        .sum();
    if n > 0 && s[n..].starts_with('.') {
        return n + 1;
    }
    let n: usize = s
        .chars()
        .take_while(|c| CJK_NUMERALS.contains(*c))
        .map(char::len_utf8)
        .sum();
    if n > 0 && s[n..].starts_with('、') {
        return n + '、'.len_utf8();
    }
    0
}

// ---------------------------------------------------------------------------------------------
// Lexicon

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Target {
    Row(&'static str),
    Block(&'static str),
    Header,
}

#[derive(Debug, Clone)]
struct Entry {
    text: String,
    target: Target,
    /// The template version this label belongs to.
    version: Format,
    /// Label of the other format version (not in the document's template): GX201.
    foreign: Option<&'static str>,
    /// A known variant: (byte offset, byte length) of the variant part in `text`, canonical.
    variant: Option<(usize, usize, &'static str)>,
    /// The template label this entry reads as.
    label: &'static str,
}

struct Lexicon {
    entries: Vec<Entry>,
    /// Entry indices by text length, longest first.
    by_len: Vec<usize>,
    exact: HashMap<String, usize>,
}

impl Lexicon {
    fn push(&mut self, e: Entry) {
        if e.text.is_empty() || self.exact.contains_key(&e.text) {
            return;
        }
        self.exact.insert(e.text.clone(), self.entries.len());
        self.entries.push(e);
    }

    fn add(&mut self, label: &'static str, target: Target, version: Format, doc: Format) {
        let text = fold_label(label);
        let foreign = if version != doc { Some(label) } else { None };
        self.push(Entry {
            text,
            target,
            version,
            foreign,
            variant: None,
            label,
        });
    }

    /// Numbering-less alias (`予以公开` for `（一）予以公开`) and an alias without a trailing
    /// parenthetical (`（二）部分公开`).
    fn add_row_aliases(
        &mut self,
        label: &'static str,
        target: Target,
        version: Format,
        doc: Format,
    ) {
        let full = fold_label(label);
        let foreign = if version != doc { Some(label) } else { None };
        let p = numbering_prefix_len(&full);
        if p > 0 && full[p..].chars().count() >= 4 {
            self.push(Entry {
                text: full[p..].to_string(),
                target,
                version,
                foreign,
                variant: None,
                label,
            });
        }
        if full.ends_with(')') {
            if let Some(open) = full[p..].find('(') {
                let short = &full[..p + open];
                if short[p..].chars().count() >= 2 {
                    self.push(Entry {
                        text: short.to_string(),
                        target,
                        version,
                        foreign,
                        variant: None,
                        label,
                    });
                }
            }
        }
    }

    fn add_variants(&mut self, doc: Format) {
        let base: Vec<Entry> = self.entries.clone();
        for vd in &LABELS.variant {
            let canonical: &'static str = vd.canonical.as_str();
            let c = fold_label(canonical);
            for v in &vd.variants {
                let vf = fold_label(v);
                for e in &base {
                    if !vd.formats.is_empty() && !vd.formats.iter().any(|f| f == e.version.as_str())
                    {
                        continue;
                    }
                    let mut made: Vec<(String, usize)> = Vec::new();
                    if vd.contains {
                        for (i, _) in e.text.match_indices(c.as_str()) {
                            let t = format!("{}{}{}", &e.text[..i], vf, &e.text[i + c.len()..]);
                            made.push((t, i));
                        }
                    } else if e.text == c {
                        made.push((vf.clone(), 0));
                    } else {
                        let p = numbering_prefix_len(&e.text);
                        if p > 0 && e.text[p..] == c {
                            made.push((format!("{}{}", &e.text[..p], vf), p));
                        }
                    }
                    for (text, at) in made {
                        let variant = if e.foreign.is_some() || doc != e.version {
                            None
                        } else {
                            Some((at, vf.len(), canonical))
                        };
                        self.push(Entry {
                            text,
                            target: e.target,
                            version: e.version,
                            foreign: e.foreign,
                            variant,
                            label: e.label,
                        });
                    }
                }
            }
        }
    }

    fn finish(&mut self) {
        let mut idx: Vec<usize> = (0..self.entries.len()).collect();
        idx.sort_by_key(|&i| std::cmp::Reverse(self.entries[i].text.len()));
        self.by_len = idx;
    }

    fn new(kind: TableKind, doc: Format) -> Option<Lexicon> {
        let d = templates::template(doc)?;
        let o = templates::other(doc)?;
        let mut lx = Lexicon {
            entries: Vec::new(),
            by_len: Vec::new(),
            exact: HashMap::new(),
        };
        let versions: [(&'static Template, Format); 2] = [(d, doc), (o, other_format(doc))];
        match kind {
            TableKind::Active => {
                for (t, v) in versions {
                    lx.add(t.active.first_column.as_str(), Target::Header, v, doc);
                    for b in &t.active.block {
                        lx.add(b.header.as_str(), Target::Block(b.id.as_str()), v, doc);
                        for c in &b.columns {
                            lx.add(c.as_str(), Target::Header, v, doc);
                        }
                        for r in &b.rows {
                            lx.add(r.label.as_str(), Target::Row(r.id.as_str()), v, doc);
                        }
                    }
                }
            }
            TableKind::Requests => {
                for (t, v) in versions {
                    for r in &t.requests.row {
                        lx.add(r.label.as_str(), Target::Row(r.id.as_str()), v, doc);
                    }
                }
                for (t, v) in versions {
                    for r in &t.requests.row {
                        lx.add_row_aliases(r.label.as_str(), Target::Row(r.id.as_str()), v, doc);
                    }
                }
                for (t, v) in versions {
                    let note = t.requests.note.as_str();
                    lx.add(note, Target::Header, v, doc);
                    let bare = note
                        .trim_start_matches(['（', '('])
                        .trim_end_matches(['）', ')']);
                    lx.add(bare, Target::Header, v, doc);
                    for h in t.requests.header.iter().chain(&t.requests.columns) {
                        lx.add(h.as_str(), Target::Header, v, doc);
                    }
                }
            }
            TableKind::Appeals => {
                for (t, v) in versions {
                    let a = &t.appeals;
                    for h in a.header.iter().chain(&a.groups).chain(&a.columns) {
                        lx.add(h.as_str(), Target::Header, v, doc);
                    }
                }
            }
        }
        lx.add_variants(doc);
        lx.finish();
        Some(lx)
    }

    /// Split folded cell text into a sequence of whole labels.
    fn decompose(&self, t: &str) -> Option<Vec<(usize, usize, usize)>> {
        if t.is_empty() || t.len() > 600 {
            return None;
        }
        if let Some(&i) = self.exact.get(t) {
            return Some(vec![(0, t.len(), i)]);
        }
        let mut out = Vec::new();
        if self.dfs(t, 0, &mut out, 0) {
            Some(out)
        } else {
            None
        }
    }

    fn dfs(&self, t: &str, pos: usize, out: &mut Vec<(usize, usize, usize)>, depth: usize) -> bool {
        if pos == t.len() {
            return true;
        }
        if depth >= 4 {
            return false;
        }
        let rest = &t[pos..];
        for &i in &self.by_len {
            let e = &self.entries[i].text;
            if rest.starts_with(e.as_str()) {
                out.push((pos, pos + e.len(), i));
                if self.dfs(t, pos + e.len(), out, depth + 1) {
                    return true;
                }
                out.pop();
            }
        }
        false
    }

    /// A numbered row label of the document's template that folded text `t` is a typo of
    /// (`2.其他法律行政止公开`): the same numbering prefix, and the rest within a small edit
    /// distance of only one label's rest. Returns the entry.
    fn typo_of(&self, t: &str) -> Option<usize> {
        let p = numbering_prefix_len(t);
        let n = t.chars().count();
        if p == 0 || !(5..=60).contains(&n) {
            return None;
        }
        let rest = &t[p..];
        let mut best: Option<(f64, usize)> = None;
        let mut tie = false;
        for (i, e) in self.entries.iter().enumerate() {
            if !matches!(e.target, Target::Row(_)) || e.foreign.is_some() || e.variant.is_some() {
                continue;
            }
            if numbering_prefix_len(&e.text) != p || !e.text.starts_with(&t[..p]) {
                continue;
            }
            let sim = strsim::normalized_levenshtein(rest, &e.text[p..]);
            if sim < 0.7 {
                continue;
            }
            match best {
                Some((b, _)) if (sim - b).abs() < f64::EPSILON => tie = true,
                Some((b, _)) if sim < b => {}
                _ => {
                    best = Some((sim, i));
                    tie = false;
                }
            }
        }
        best.filter(|_| !tie).map(|(_, i)| i)
    }

    /// Whether folded text is a piece of a header label (`商业`, `企业`, `结果`).
    fn is_header_fragment(&self, t: &str) -> bool {
        let n = t.chars().count();
        if !(2..=40).contains(&n) || t.chars().any(|c| c.is_ascii_digit()) {
            return false;
        }
        self.entries
            .iter()
            .any(|e| e.target == Target::Header && e.text.contains(t))
    }
}

fn other_format(f: Format) -> Format {
    match f {
        Format::V2021 => Format::V2019,
        _ => Format::V2021,
    }
}

// ---------------------------------------------------------------------------------------------
// Tokens

#[derive(Debug, Clone)]
struct Piece {
    /// Folded byte range within the cell's folded text.
    a: usize,
    b: usize,
    entry: usize,
    /// A typo of the entry's label (GX204 with the template wording), not the label itself.
    typo: bool,
}

#[derive(Debug, Clone)]
enum Tok {
    Value(CellValue),
    Text,
    /// Header cell; no pieces for a fragment (`商业`).
    Header(Vec<Piece>),
    /// A cell holding at least one row or block label.
    Labels(Vec<Piece>),
}

impl Tok {
    fn is_value_like(&self) -> bool {
        matches!(
            self,
            Tok::Value(CellValue::Number(_) | CellValue::NotApplicable)
        )
    }
}

/// A row label split over two table rows, as PDF copies have it (`| | （四）无 | 1.本机关… |` then
/// `| | 法提供 | 2.没有… |`): a text cell that is no label, joined with the next text cell (in the
/// next physical row, or nearby in cell per line), that makes a whole row label, is that label;
/// the second part is a fragment.
fn join_split_labels(cells: &[RawCell], folds: &[LabelFold], toks: &mut [Tok], lex: &Lexicon) {
    for i in 0..toks.len() {
        if !matches!(toks[i], Tok::Text) || folds[i].text.chars().count() > 20 {
            continue;
        }
        let j = match cells[i].row {
            Some(row) => (i + 1..toks.len())
                .take_while(|&j| cells[j].row.is_some_and(|r| r <= row + 1))
                .find(|&j| cells[j].row == Some(row + 1) && matches!(toks[j], Tok::Text)),
            None => (i + 1..toks.len().min(i + 12))
                .take_while(|&j| cells[j].row.is_none())
                .find(|&j| matches!(toks[j], Tok::Text)),
        };
        let Some(j) = j else { continue };
        let joined = format!("{}{}", folds[i].text, folds[j].text);
        let Some(&entry) = lex.exact.get(&joined) else {
            continue;
        };
        let e = &lex.entries[entry];
        if !matches!(e.target, Target::Row(_)) || e.variant.is_some() {
            continue;
        }
        toks[i] = Tok::Labels(vec![Piece {
            a: 0,
            b: folds[i].text.len(),
            entry,
            typo: false,
        }]);
        toks[j] = Tok::Header(Vec::new());
    }
}

struct Reader<'t> {
    text: &'t str,
    lex: &'static Lexicon,
    cells: Vec<RawCell>,
    folds: Vec<LabelFold>,
    toks: Vec<Tok>,
}

impl<'t> Reader<'t> {
    fn new(text: &'t str, body: Span, kind: TableKind, lex: &'static Lexicon) -> Reader<'t> {
        let cells = split_cells(text, body);
        let mut folds = Vec::with_capacity(cells.len());
        let mut toks = Vec::with_capacity(cells.len());
        for c in &cells {
            let src = &text[c.span.clone()];
            let value = if kind == TableKind::Active {
                parse_amount(src)
            } else {
                parse_value(src)
            };
            // Only text cells are read as labels (value cells have no pieces).
            let f = if value == CellValue::Text {
                LabelFold::new(src, c.span.start)
            } else {
                LabelFold::empty()
            };
            let tok = match value {
                v @ (CellValue::Empty | CellValue::Number(_) | CellValue::NotApplicable) => {
                    Tok::Value(v)
                }
                CellValue::Text => match lex.decompose(&f.text) {
                    Some(parts) => {
                        let pieces: Vec<Piece> = parts
                            .into_iter()
                            .map(|(a, b, entry)| Piece {
                                a,
                                b,
                                entry,
                                typo: false,
                            })
                            .collect();
                        if pieces.iter().any(|p| {
                            matches!(
                                lex.entries[p.entry].target,
                                Target::Row(_) | Target::Block(_)
                            )
                        }) {
                            Tok::Labels(pieces)
                        } else {
                            Tok::Header(pieces)
                        }
                    }
                    None if lex.is_header_fragment(&f.text) => Tok::Header(Vec::new()),
                    None => match lex.typo_of(&f.text) {
                        Some(entry) => Tok::Labels(vec![Piece {
                            a: 0,
                            b: f.text.len(),
                            entry,
                            typo: true,
                        }]),
                        None => Tok::Text,
                    },
                },
            };
            folds.push(f);
            toks.push(tok);
        }
        join_split_labels(&cells, &folds, &mut toks, lex);
        Reader {
            text,
            lex,
            cells,
            folds,
            toks,
        }
    }

    fn entry(&self, p: &Piece) -> &Entry {
        &self.lex.entries[p.entry]
    }

    /// Source span of a label piece; a piece that starts (ends) the cell starts (ends) with it,
    /// so dropped characters at the edges (a closing quote) belong to the label.
    fn piece_span(&self, i: usize, p: &Piece) -> Span {
        let mut s = self.folds[i].span(p.a, p.b);
        let cell = &self.cells[i].span;
        if p.a == 0 {
            s.start = cell.start;
        }
        if p.b == self.folds[i].text.len() {
            s.end = cell.end;
        }
        s
    }

    /// Record the foreign labels and variants of the pieces of cell `i`.
    fn note_pieces(&self, i: usize, pieces: &[Piece], table: &mut Table) {
        for p in pieces {
            let e = self.entry(p);
            if p.typo {
                // The part after the numbering, so the author's numbering style stays.
                let n = numbering_prefix_len(&self.folds[i].text[p.a..p.b]);
                let skip = e.text[..n].chars().count();
                let at = e.label.char_indices().nth(skip).map_or(0, |(k, _)| k);
                let mut span = self.piece_span(i, p);
                span.start = self.folds[i].span(p.a + n, p.b).start;
                table.variants.push(VariantLabel {
                    span,
                    canonical: &e.label[at..],
                });
                continue;
            }
            if let Some(label) = e.foreign {
                table.foreign.push(ForeignLabel {
                    span: self.piece_span(i, p),
                    label,
                });
            }
            if let Some((off, len, canonical)) = e.variant {
                let span = self.folds[i].span(p.a + off, p.a + off + len);
                table.variants.push(VariantLabel { span, canonical });
            }
        }
    }

    fn cell(&self, j: usize) -> Cell {
        let value = match &self.toks[j] {
            Tok::Value(v) => v.clone(),
            _ => CellValue::Text,
        };
        Cell {
            span: self.cells[j].span.clone(),
            value,
        }
    }

    /// The value cells after label cell `i`; `expected` is the template's count (0 for a group
    /// row). Returns the cells (trailing blanks beyond the count dropped in row forms) and the
    /// index of the last cell taken.
    fn collect(&self, i: usize, expected: usize, group_cols: usize) -> (Vec<Cell>, Option<usize>) {
        let row = self.cells[i].row;
        let mut taken: Vec<usize> = Vec::new();
        for j in i + 1..self.toks.len() {
            let c = &self.cells[j];
            if row.is_some() && c.row != row {
                break;
            }
            if row.is_none() && c.row.is_some() {
                break;
            }
            match &self.toks[j] {
                Tok::Labels(_) => break,
                Tok::Header(_) => {
                    if row.is_none() && !taken.is_empty() {
                        break;
                    }
                    continue;
                }
                t => {
                    if row.is_none() {
                        let limit = if expected == 0 { 0 } else { expected };
                        if taken.len() >= limit && !t.is_value_like() {
                            break;
                        }
                        if matches!(t, Tok::Text) && self.text[c.span.clone()].chars().count() > 20
                        {
                            break;
                        }
                    }
                    taken.push(j);
                }
            }
        }
        let mut cells: Vec<Cell> = taken.iter().map(|&j| self.cell(j)).collect();
        let want = if expected == 0 {
            if cells.iter().any(|c| c.value != CellValue::Empty) {
                group_cols
            } else {
                0
            }
        } else {
            expected
        };
        while cells.len() > want && cells.last().is_some_and(|c| c.value == CellValue::Empty) {
            cells.pop();
            taken.pop();
        }
        // A label cell merged over two columns (`| 一、本年新收… |  | 6 | …`, a docx table converted
        // to markdown with a group column): in row forms, blank cells directly after the label
        // beyond the template's count belong to the label, not to the values.
        if row.is_some() {
            let extra = cells.len().saturating_sub(want);
            let lead = cells
                .iter()
                .take_while(|c| c.value == CellValue::Empty)
                .count()
                .min(extra);
            if lead > 0 {
                cells.drain(..lead);
                taken.drain(..lead);
            }
        }
        (cells, taken.last().copied())
    }
}

// ---------------------------------------------------------------------------------------------
// Reading

struct Found {
    row: RowRead,
    /// Line start of the row (for inserting a missing row before it).
    start: usize,
    /// Source order.
    order: usize,
}

/// Read the tables of sections 二/三/四 by the template of `format` (none for pre-2019).
pub fn read_tables(text: &str, sections: &[Section], format: Format) -> Vec<Table> {
    if templates::template(format).is_none() {
        return Vec::new();
    }
    let mut out = Vec::new();
    for kind in [TableKind::Active, TableKind::Requests, TableKind::Appeals] {
        let Some(section) = sections.iter().find(|s| s.number == kind.section()) else {
            continue;
        };
        if let Some(t) = read_table(text, section.body.clone(), kind, format) {
            out.push(t);
        }
    }
    out
}

/// The lexicons of (table 二/三/四) × (2021, 2019), built once.
static LEXICONS: LazyLock<Vec<Option<Lexicon>>> = LazyLock::new(|| {
    let mut v = Vec::new();
    for kind in [TableKind::Active, TableKind::Requests, TableKind::Appeals] {
        for f in [Format::V2021, Format::V2019] {
            v.push(Lexicon::new(kind, f));
        }
    }
    v
});

fn lexicon(kind: TableKind, format: Format) -> Option<&'static Lexicon> {
    let k = match kind {
        TableKind::Active => 0,
        TableKind::Requests => 2,
        TableKind::Appeals => 4,
    };
    let f = match format {
        Format::V2021 => 0,
        Format::V2019 => 1,
        Format::Pre2019 => return None,
    };
    LEXICONS.get(k + f).and_then(Option::as_ref)
}

/// Read the table of `kind` in `text[body]`; `None` when there is no recognisable table.
pub fn read_table(text: &str, body: Span, kind: TableKind, format: Format) -> Option<Table> {
    let lex = lexicon(kind, format)?;
    let reader = Reader::new(text, body, kind, lex);
    match kind {
        TableKind::Appeals => read_appeals(&reader, format),
        _ => read_rows(&reader, kind, format),
    }
}

fn empty_table(kind: TableKind, form: TableForm, span: Span) -> Table {
    Table {
        kind,
        form,
        span,
        rows: Vec::new(),
        missing: Vec::new(),
        missing_at: Vec::new(),
        foreign: Vec::new(),
        variants: Vec::new(),
    }
}

fn read_rows(r: &Reader, kind: TableKind, format: Format) -> Option<Table> {
    let d = templates::template(format)?;
    let o = templates::other(format)?;
    let other = other_format(format);
    let ncols = d.requests.columns.len();

    let first = r.toks.iter().position(|t| matches!(t, Tok::Labels(_)))?;
    let start_tok = r.toks[..first]
        .iter()
        .rposition(|t| !matches!(t, Tok::Header(_) | Tok::Value(CellValue::Empty)))
        .map(|p| p + 1)
        .unwrap_or(0);
    let start_tok = (start_tok..first)
        .find(|&i| matches!(&r.toks[i], Tok::Header(p) if !p.is_empty()))
        .unwrap_or(first);
    let mut table = empty_table(kind, r.cells[first].form, r.cells[start_tok].span.clone());
    let mut end = r.cells[first].span.end;

    let mut found: Vec<Found> = Vec::new();
    let mut seen: HashSet<&'static str> = HashSet::new();
    let mut current_block: Option<&'static str> = None;
    let mut block_stale: HashSet<&'static str> = HashSet::new();
    let mut block_seen: HashSet<&'static str> = HashSet::new();
    let mut pending_stale = false;
    // Offset after the header rows of each block (table 二).
    let mut block_head_end: HashMap<&'static str, usize> = HashMap::new();

    for i in start_tok..r.toks.len() {
        let pieces = match &r.toks[i] {
            Tok::Header(p) | Tok::Labels(p) => p,
            _ => continue,
        };
        r.note_pieces(i, pieces, &mut table);
        end = end.max(r.cells[i].span.end);
        let last_row_piece = pieces
            .iter()
            .rposition(|p| matches!(r.entry(p).target, Target::Row(_)));
        for (k, p) in pieces.iter().enumerate() {
            let e = r.entry(p);
            match e.target {
                Target::Block(id) => {
                    current_block = Some(id);
                    block_seen.insert(id);
                    if e.foreign.is_some() || std::mem::take(&mut pending_stale) {
                        block_stale.insert(id);
                    }
                    block_head_end.insert(id, r.cells[i].row_end);
                }
                Target::Header => {
                    if current_block.is_none() && e.foreign.is_some() {
                        // Column headers written before the first block header.
                        pending_stale = true;
                    }
                    if let Some(b) = current_block {
                        if e.foreign.is_some() {
                            block_stale.insert(b);
                        }
                        if kind == TableKind::Active {
                            block_head_end.insert(b, r.cells[i].row_end);
                        }
                    }
                }
                Target::Row(id) => {
                    if !seen.insert(id) {
                        continue;
                    }
                    // Which template reads this row, and how many values it wants.
                    let (version, expected, group) = match kind {
                        TableKind::Active => {
                            let block = id.split('.').next().unwrap_or(id);
                            // The version of the block's columns: the other one when its
                            // header or column headers are the other version's (or the block
                            // exists only there).
                            let in_d = d.active.block.iter().any(|b| b.id == block);
                            let in_o = o.active.block.iter().any(|b| b.id == block);
                            let v = if (block_stale.contains(block) && in_o) || !in_d {
                                other
                            } else {
                                format
                            };
                            let t = if v == format { d } else { o };
                            let n = t
                                .active
                                .block
                                .iter()
                                .find(|b| b.id == block)
                                .map(|b| b.columns.len())
                                .unwrap_or(0);
                            (v, n, false)
                        }
                        _ => {
                            let t = if e.version == format { d } else { o };
                            let values = t.requests.find(id).map(|x| x.values).unwrap_or(true);
                            (e.version, if values { ncols } else { 0 }, !values)
                        }
                    };
                    let (values, last) = if Some(k) == last_row_piece {
                        r.collect(i, expected, ncols)
                    } else {
                        (Vec::new(), None)
                    };
                    let expected = if group {
                        if values.is_empty() { 0 } else { ncols }
                    } else {
                        expected
                    };
                    let row_end = match (last, r.cells[i].row) {
                        (_, Some(_)) => r.cells[i].row_end,
                        (Some(j), None) => r.cells[j].row_end,
                        (None, None) => r.cells[i].row_end,
                    };
                    if let Some(j) = last {
                        end = end.max(r.cells[j].span.end);
                    }
                    found.push(Found {
                        row: RowRead {
                            id,
                            label: r.piece_span(i, p),
                            values,
                            expected,
                            end: row_end,
                            version,
                        },
                        start: r.cells[i].line_start,
                        order: found.len(),
                    });
                }
            }
        }
    }
    let _ = &block_seen;

    // Table 三 of the other version: a 2019 （六）其他处理 row with its own values and no sub-rows
    // in a 2021 report; 2021 sub-rows in a 2019 report make （六） a group row there.
    if kind == TableKind::Requests {
        let subs = ["r6.1", "r6.2", "r6.3"];
        let has_subs = found.iter().any(|f| subs.contains(&f.row.id));
        if let Some(f) = found.iter_mut().find(|f| f.row.id == "r6") {
            match format {
                Format::V2021 if !has_subs && !f.row.values.is_empty() => {
                    let label = o
                        .requests
                        .find("r6")
                        .map(|x| x.label.as_str())
                        .unwrap_or("");
                    table.foreign.push(ForeignLabel {
                        span: f.row.label.clone(),
                        label,
                    });
                    f.row.version = other;
                    f.row.expected = ncols;
                }
                Format::V2019 if has_subs => {
                    f.row.version = other;
                    f.row.expected = if f.row.values.is_empty() { 0 } else { ncols };
                }
                _ => {}
            }
        }
    }
    table.foreign.sort_by_key(|f| f.span.start);
    table.variants.sort_by_key(|v| v.span.start);

    // Template order: the document template's order, foreign rows after the row before them.
    let order: Vec<&'static str> = template_ids(kind, d);
    let pos_of = |id: &str| order.iter().position(|x| *x == id);
    let mut keyed: Vec<((usize, usize, usize), Found)> = Vec::new();
    let mut last_doc: usize = 0;
    let mut by_source: Vec<Found> = found;
    by_source.sort_by_key(|f| f.order);
    for f in by_source {
        let key = match pos_of(f.row.id) {
            Some(p) => {
                last_doc = p;
                (p, 0, f.order)
            }
            None => (last_doc, 1, f.order),
        };
        keyed.push((key, f));
    }
    keyed.sort_by_key(|(k, _)| *k);

    // Missing rows (and, for table 二, whole blocks) and where each would go.
    let found_pos: HashMap<&'static str, (usize, usize)> = keyed
        .iter()
        .map(|(_, f)| (f.row.id, (f.start, f.row.end)))
        .collect();
    let insert_at = |idx: usize, block: Option<&str>| -> usize {
        for id in order[..idx].iter().rev() {
            if let Some(&(_, e)) = found_pos.get(id) {
                if let Some(b) = block {
                    if !id.starts_with(&format!("{b}.")) {
                        if let Some(&h) = block_head_end.get(b) {
                            return h;
                        }
                    }
                }
                return e;
            }
        }
        if let Some(b) = block {
            if let Some(&h) = block_head_end.get(b) {
                return h;
            }
        }
        for id in &order[idx..] {
            if let Some(&(s, _)) = found_pos.get(id) {
                return s;
            }
        }
        table.span.start
    };
    match kind {
        TableKind::Active => {
            for b in &d.active.block {
                let bid: &'static str = b.id.as_str();
                let present = block_head_end.contains_key(bid)
                    || b.rows
                        .iter()
                        .any(|row| found_pos.contains_key(row.id.as_str()));
                let first_idx = pos_of(b.rows[0].id.as_str()).unwrap_or(0);
                if !present {
                    table.missing.push(bid);
                    table.missing_at.push(insert_at(first_idx, None));
                    continue;
                }
                for row in &b.rows {
                    let id: &'static str = row.id.as_str();
                    if !found_pos.contains_key(id) {
                        let idx = pos_of(id).unwrap_or(0);
                        table.missing.push(id);
                        table.missing_at.push(insert_at(idx, Some(bid)));
                    }
                }
            }
        }
        _ => {
            for (idx, id) in order.iter().enumerate() {
                if !found_pos.contains_key(id) {
                    table.missing.push(id);
                    table.missing_at.push(insert_at(idx, None));
                }
            }
        }
    }

    table.rows = keyed.into_iter().map(|(_, f)| f.row).collect();
    table.span = table.span.start..end.max(table.span.start);
    Some(table)
}

fn template_ids(kind: TableKind, t: &'static Template) -> Vec<&'static str> {
    match kind {
        TableKind::Active => t
            .active
            .block
            .iter()
            .flat_map(|b| b.rows.iter().map(|r| r.id.as_str()))
            .collect(),
        TableKind::Requests => t.requests.row.iter().map(|r| r.id.as_str()).collect(),
        TableKind::Appeals => vec!["appeals"],
    }
}

fn read_appeals(r: &Reader, format: Format) -> Option<Table> {
    let d = templates::template(format)?;
    let expected = d.appeals.value_count();
    let anchor = r
        .toks
        .iter()
        .position(|t| matches!(t, Tok::Header(p) if !p.is_empty()))?;
    let mut last_header = anchor;
    let mut j = anchor + 1;
    while j < r.toks.len() {
        match &r.toks[j] {
            Tok::Header(_) => last_header = j,
            Tok::Value(CellValue::Empty) => {}
            _ => break,
        }
        j += 1;
    }
    let label = r.cells[anchor].span.start..r.cells[last_header].span.end;
    let mut table = empty_table(TableKind::Appeals, r.cells[anchor].form, label.clone());
    for i in anchor..=last_header {
        if let Tok::Header(p) = &r.toks[i] {
            r.note_pieces(i, p, &mut table);
        }
    }
    let mut taken: Vec<usize> = Vec::new();
    if j < r.toks.len() && !matches!(r.toks[j], Tok::Labels(_)) {
        match r.cells[j].row {
            Some(row) => {
                for k in last_header + 1..r.toks.len() {
                    if r.cells[k].row == Some(row) && !matches!(r.toks[k], Tok::Header(_)) {
                        taken.push(k);
                    } else if k > j && r.cells[k].row.is_none_or(|x| x > row) {
                        break;
                    }
                }
                let empty = |k: &usize| matches!(r.toks[*k], Tok::Value(CellValue::Empty));
                while taken.len() > expected && taken.last().is_some_and(empty) {
                    taken.pop();
                }
                while taken.len() > expected && taken.first().is_some_and(empty) {
                    taken.remove(0);
                }
                // Table 四 as three small tables (行政复议 / 未经复议直接起诉 / 复议后起诉, each
                // with its header rows and one value row of five): the value rows after
                // further header rows continue the row.
                let mut k = taken.last().map_or(j, |&t| t + 1);
                while taken.len() < expected && k < r.toks.len() {
                    let mut headers = false;
                    while k < r.toks.len() {
                        match &r.toks[k] {
                            Tok::Header(p) => headers |= !p.is_empty(),
                            Tok::Value(CellValue::Empty) => {}
                            _ => break,
                        }
                        k += 1;
                    }
                    let Some(row) = r.cells.get(k).and_then(|c| c.row) else {
                        break;
                    };
                    if !headers || !r.toks[k].is_value_like() {
                        break;
                    }
                    let first = (0..k)
                        .rev()
                        .take_while(|&x| r.cells[x].row == Some(row))
                        .last();
                    let mut seg: Vec<usize> = (first.unwrap_or(k)..r.toks.len())
                        .take_while(|&x| r.cells[x].row == Some(row))
                        .filter(|&x| !matches!(r.toks[x], Tok::Header(_)))
                        .collect();
                    while taken.len() + seg.len() > expected && seg.last().is_some_and(empty) {
                        seg.pop();
                    }
                    k = seg.last().map_or(k + 1, |&t| t + 1);
                    taken.extend(seg);
                }
            }
            None => {
                for k in j..r.toks.len() {
                    let t = &r.toks[k];
                    if matches!(t, Tok::Header(_) | Tok::Labels(_)) || r.cells[k].row.is_some() {
                        break;
                    }
                    if taken.len() >= expected && !t.is_value_like() {
                        break;
                    }
                    if matches!(t, Tok::Text)
                        && r.text[r.cells[k].span.clone()].chars().count() > 20
                    {
                        break;
                    }
                    taken.push(k);
                }
            }
        }
    }
    let values: Vec<Cell> = taken.iter().map(|&k| r.cell(k)).collect();
    let (end, row_end) = match taken.last() {
        Some(&k) => (r.cells[k].span.end, r.cells[k].row_end),
        None => (label.end, r.cells[last_header].row_end),
    };
    table.span = label.start..end;
    table.rows.push(RowRead {
        id: "appeals",
        label,
        values,
        expected,
        end: row_end,
        version: format,
    });
    Some(table)
}

// ---------------------------------------------------------------------------------------------
// Helpers for the rules

/// How a value column is to be read (template `kinds`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ValueKind {
    /// Non-negative integer.
    Count,
    /// Integer, may be negative (`本年增/减`).
    Signed,
    /// Non-negative, may be decimal (金额).
    Amount,
}

/// The kind of value column `col` of `row`.
pub fn value_kind(kind: TableKind, row: &RowRead, col: usize) -> ValueKind {
    if kind != TableKind::Active {
        return ValueKind::Count;
    }
    let Some(t) = templates::template(row.version) else {
        return ValueKind::Count;
    };
    let block = row.id.split('.').next().unwrap_or(row.id);
    match t
        .active
        .block
        .iter()
        .find(|b| b.id == block)
        .and_then(|b| b.kinds.get(col))
        .map(String::as_str)
    {
        Some("signed") => ValueKind::Signed,
        Some("amount") => ValueKind::Amount,
        _ => ValueKind::Count,
    }
}

/// The canonical label of a row id (in its reading version's template).
pub fn row_label(kind: TableKind, row: &RowRead) -> &'static str {
    label_of(kind, row.version, row.id)
}

/// The canonical label of a row id, or the block header for a block id of table 二 (from the
/// other version's template when `version`'s has no such id).
pub fn label_of(kind: TableKind, version: Format, id: &str) -> &'static str {
    let l = label_in(kind, version, id);
    if l.is_empty() {
        return label_in(kind, other_format(version), id);
    }
    l
}

fn label_in(kind: TableKind, version: Format, id: &str) -> &'static str {
    let Some(t) = templates::template(version) else {
        return "";
    };
    match kind {
        TableKind::Active => {
            for b in &t.active.block {
                if b.id == id {
                    return b.header.as_str();
                }
                if let Some(r) = b.rows.iter().find(|r| r.id == id) {
                    return r.label.as_str();
                }
            }
            ""
        }
        TableKind::Requests => t.requests.find(id).map(|r| r.label.as_str()).unwrap_or(""),
        TableKind::Appeals => "政府信息公开行政复议、行政诉讼情况",
    }
}

/// The name of value column `col` of `row` (`自然人`, `行政复议结果维持`, `本年制发件数`).
pub fn column_name(kind: TableKind, row: &RowRead, col: usize) -> String {
    let Some(t) = templates::template(row.version) else {
        return String::new();
    };
    match kind {
        TableKind::Requests => t.requests.columns.get(col).cloned().unwrap_or_default(),
        TableKind::Appeals => {
            let n = t.appeals.columns.len().max(1);
            match (
                t.appeals.groups.get(col / n),
                t.appeals.columns.get(col % n),
            ) {
                (Some(g), Some(c)) => format!("{g}{c}"),
                _ => String::new(),
            }
        }
        TableKind::Active => {
            let block = row.id.split('.').next().unwrap_or(row.id);
            t.active
                .block
                .iter()
                .find(|b| b.id == block)
                .and_then(|b| b.columns.get(col))
                .cloned()
                .unwrap_or_default()
        }
    }
}

/// Whether a missing row (or block) of a table with labels of the other format version is
/// explained by that: the id does not exist in the other version's template.
pub fn explained_by_stale(table: &Table, format: Format, id: &str) -> bool {
    if table.foreign.is_empty() {
        return false;
    }
    let Some(o) = templates::other(format) else {
        return false;
    };
    match table.kind {
        TableKind::Active => !o
            .active
            .block
            .iter()
            .any(|b| b.id == id || b.rows.iter().any(|r| r.id == id)),
        TableKind::Requests => o.requests.find(id).is_none(),
        TableKind::Appeals => false,
    }
}

/// The row's values as whole numbers, when it has exactly the expected count and every cell is
/// a whole number (the arithmetic rules skip rows that cannot be read).
pub fn ints(row: &RowRead) -> Option<Vec<i64>> {
    if row.expected == 0 || row.values.len() != row.expected {
        return None;
    }
    row.values.iter().map(|c| c.value.as_int()).collect()
}

/// Whole-number values of row `id` of `table` (see [`ints`]).
pub fn row_ints(table: &Table, id: &str) -> Option<Vec<i64>> {
    table.row(id).and_then(ints)
}

/// A cell's place in messages: `表三「（一）予以公开」行「自然人」栏`.
pub fn cell_place(kind: TableKind, row: &RowRead, col: usize) -> String {
    let name = column_name(kind, row, col);
    let col = if name.is_empty() {
        format!("第{}个数值单元格", col + 1)
    } else {
        format!("「{name}」栏")
    };
    match kind {
        TableKind::Appeals => format!("{}{col}", short_table_name(kind)),
        _ => format!(
            "{}「{}」行{col}",
            short_table_name(kind),
            row_label(kind, row)
        ),
    }
}

/// `表二` / `表三` / `表四`.
pub fn short_table_name(kind: TableKind) -> &'static str {
    match kind {
        TableKind::Active => "表二",
        TableKind::Requests => "表三",
        TableKind::Appeals => "表四",
    }
}

/// A number as written in messages (`12`, `1.5`).
pub fn fmt_num(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 9.0e15 {
        format!("{}", v as i64)
    } else {
        format!("{v}")
    }
}

/// The table's name in messages (`表二`).
pub fn table_name(kind: TableKind) -> &'static str {
    match kind {
        TableKind::Active => "表二（主动公开政府信息情况）",
        TableKind::Requests => "表三（收到和处理政府信息公开申请情况）",
        TableKind::Appeals => "表四（政府信息公开行政复议、行政诉讼情况）",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn label_fold_numbering() {
        assert_eq!(fold_label("1、属于国家秘密"), "1.属于国家秘密");
        assert_eq!(fold_label("１．属于国家秘密"), "1.属于国家秘密");
        assert_eq!(fold_label("一.本年新收"), "一、本年新收");
        let src = "x 1、属于";
        let f = LabelFold::new(src, 100);
        assert_eq!(f.text, "x1.属于");
        assert_eq!(f.span(1, f.text.len()), 102..100 + src.len());
        assert_eq!(f.span(1, 3), 102..102 + "1、".len());
    }

    #[test]
    fn label_fold_drops_html_line_breaks() {
        assert_eq!(
            fold_label("（三）不予公开<br>1、属于国家秘密"),
            "(三)不予公开1.属于国家秘密"
        );
        assert_eq!(fold_label("商业<BR />企业"), "商业企业");
        let src = "x<br/>规章";
        let f = LabelFold::new(src, 10);
        let p = f.text.find("规章").unwrap();
        assert_eq!(f.span(p, p + "规章".len()), 10 + 6..10 + src.len());
    }

    #[test]
    fn numbering_prefixes() {
        assert_eq!(numbering_prefix_len("(七)总计"), "(七)".len());
        assert_eq!(numbering_prefix_len("12.其他"), 3);
        assert_eq!(numbering_prefix_len("三、本年"), "三、".len());
        assert_eq!(numbering_prefix_len("总计"), 0);
    }

    #[test]
    fn lexicon_exact_foreign() {
        let lx = Lexicon::new(TableKind::Active, Format::V2021).unwrap();
        let e = &lx.entries[lx.exact["规范性文件"]];
        assert_eq!(e.foreign, Some("规范性文件"));
        let e = &lx.entries[lx.exact["行政规范性文件"]];
        assert_eq!(e.foreign, None);
        let e = &lx.entries[lx.exact["本年增/"]];
        assert_eq!(e.foreign, Some("本年增/减"));
        let lx = Lexicon::new(TableKind::Active, Format::V2019).unwrap();
        let e = &lx.entries[lx.exact["本年增/"]];
        assert_eq!(e.foreign, None);
        assert_eq!(e.variant.map(|v| v.2), Some("本年增/减"));
    }
}
