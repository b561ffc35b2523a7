//! Word `.docx` (Word, WPS, LibreOffice, python-docx): the main document part read with `zip`
//! and `quick-xml` into [`Block`]s, then rendered as a markdown draft.
//!
//! What is read, as Word shows the document **with all tracked changes accepted**:
//! - body paragraphs (`w:p`), in content controls (`w:sdt`) and custom XML too; runs, tabs
//!   (`w:tab` → tab), line breaks (`w:br`, `w:cr` → new line), non-breaking hyphens;
//!   hidden text (`w:vanish`) is left out;
//! - tracked changes: insertions (`w:ins`, `w:moveTo`) are kept, deletions (`w:del`,
//!   `w:delText`, `w:moveFrom`) left out, a deleted paragraph mark joins the paragraph with the
//!   next one, a deleted table row is left out;
//! - fields: the shown result is kept, the instruction (`w:instrText`) left out; a table of
//!   contents (`TOC` field) is left out entirely (it repeats the headings);
//! - text boxes (`w:txbxContent`, once: `mc:Fallback` copies are skipped): their paragraphs
//!   come after the paragraph that anchors them;
//! - headings: the paragraph's outline level or its style (`heading N`, `标题 N`, `Title`),
//!   following `basedOn`; automatic numbering (`一、`, `（一）`, `1.`) written out as Word shows it;
//! - tables (`w:tbl`): rows, cells with `gridSpan`, `gridBefore`/`gridAfter`, `vMerge`,
//!   `hMerge`; a cell's paragraphs, breaks and nested tables joined into its text.
//!
//! Headers, footers, footnotes and comments are not part of the report's text.

use std::collections::HashMap;
use std::io::{Cursor, Read};

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};

#[cfg(test)]
use super::render::SPANNED;
use super::render::{Block, render_blocks};
use super::{Input, InputError, InputErrorKind, InputKind, TextEncoding};

/// The largest XML part read (uncompressed): a guard against zip bombs.
const MAX_PART: u64 = 512 * 1024 * 1024;
/// The deepest element nesting followed (deeper content is skipped).
const MAX_DEPTH: usize = 200;

fn corrupt(name: &str, detail: impl std::fmt::Display) -> InputError {
    InputError::new(
        InputErrorKind::Corrupt,
        name,
        format!(
            "不是有效的 .docx 文件（{detail}）；文件可能已损坏，请在 Word/WPS 中打开后另存为 .docx"
        ),
    )
}

fn read_part(
    zip: &mut zip::ZipArchive<Cursor<&[u8]>>,
    part: &str,
) -> Result<Option<Vec<u8>>, String> {
    let mut f = match zip.by_name(part) {
        Ok(f) => f,
        Err(zip::result::ZipError::FileNotFound) => return Ok(None),
        Err(e) => return Err(e.to_string()),
    };
    if f.encrypted() {
        return Err("encrypted".into());
    }
    let mut buf = Vec::with_capacity(f.size().min(MAX_PART) as usize);
    (&mut f)
        .take(MAX_PART)
        .read_to_end(&mut buf)
        .map_err(|e| e.to_string())?;
    Ok(Some(buf))
}

/// The main document part named by `_rels/.rels` (`word/document.xml` as a rule).
fn main_part(rels: &[u8]) -> Option<String> {
    let mut r = Reader::from_reader(rels);
    loop {
        match r.read_event() {
            Ok(Event::Start(e) | Event::Empty(e)) if e.local_name().as_ref() == b"Relationship" => {
                let ty = attr(&e, b"Type")?;
                if ty.ends_with("/officeDocument") {
                    let t = attr(&e, b"Target")?;
                    return Some(t.trim_start_matches('/').to_string());
                }
            }
            Ok(Event::Eof) | Err(_) => return None,
            _ => {}
        }
    }
}

/// Read a `.docx` file's bytes.
pub fn read(name: &str, bytes: &[u8]) -> Result<Input, InputError> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| corrupt(name, e))?;
    let part = match read_part(&mut zip, "_rels/.rels") {
        Ok(Some(rels)) => main_part(&rels).unwrap_or_else(|| "word/document.xml".into()),
        _ => "word/document.xml".into(),
    };
    let doc = match read_part(&mut zip, &part) {
        Ok(Some(d)) => d,
        Ok(None) => {
            let what = if zip.index_for_name("content.xml").is_some() {
                "这是 OpenDocument（.odt）文档，gxlint 无法读取；请在 Word/WPS/LibreOffice 中另存为 .docx"
                    .to_string()
            } else {
                return Err(corrupt(name, format!("缺少 {part}")));
            };
            return Err(InputError::new(InputErrorKind::Unsupported, name, what));
        }
        Err(e) if e == "encrypted" => {
            return Err(InputError::new(
                InputErrorKind::Encrypted,
                name,
                "文档已加密，gxlint 无法读取；请在 Word/WPS 中取消密码后另存为 .docx",
            ));
        }
        Err(e) => return Err(corrupt(name, e)),
    };
    let styles = read_part(&mut zip, "word/styles.xml")
        .ok()
        .flatten()
        .map(|s| Styles::parse(&s))
        .unwrap_or_default();
    let numbering = read_part(&mut zip, "word/numbering.xml")
        .ok()
        .flatten()
        .map(|s| Numbering::parse(&s))
        .unwrap_or_default();
    let blocks = blocks_of(&doc, &styles, &numbering).map_err(|e| corrupt(name, e))?;
    let (text, map) = render_blocks(&blocks);
    Ok(Input {
        text,
        source: super::Source {
            kind: InputKind::Docx,
            encoding: TextEncoding::Utf8,
            map: Some(map),
        },
    })
}

fn attr(e: &BytesStart, key: &[u8]) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.as_ref() == key)
        .map(|a| String::from_utf8_lossy(&a.value).into_owned())
}

fn val(e: &BytesStart) -> Option<String> {
    attr(e, b"w:val")
}

/// `w:val` of an on/off property: absent, `true`, `1`, `on` mean on.
fn on(e: &BytesStart) -> bool {
    !matches!(val(e).as_deref(), Some("false" | "0" | "off" | "none"))
}

// ---------------------------------------------------------------------------------------------
// Styles and numbering

#[derive(Debug, Default, Clone)]
struct Style {
    name: String,
    based_on: Option<String>,
    outline: Option<u8>,
    num: Option<(String, u8)>,
}

#[derive(Debug, Default)]
struct Styles {
    by_id: HashMap<String, Style>,
}

impl Styles {
    fn parse(xml: &[u8]) -> Styles {
        let mut r = Reader::from_reader(xml);
        let mut by_id = HashMap::new();
        let mut cur: Option<(String, Style)> = None;
        let mut num_id = None;
        let mut ilvl = 0u8;
        loop {
            let ev = match r.read_event() {
                Ok(Event::Eof) | Err(_) => break,
                Ok(ev) => ev,
            };
            match ev {
                Event::Start(e) | Event::Empty(e) => match e.name().as_ref() {
                    b"w:style" => {
                        let id = attr(&e, b"w:styleId").unwrap_or_default();
                        cur = Some((id, Style::default()));
                        num_id = None;
                        ilvl = 0;
                    }
                    b"w:name" => {
                        if let Some((_, s)) = &mut cur {
                            s.name = val(&e).unwrap_or_default().to_lowercase();
                        }
                    }
                    b"w:basedOn" => {
                        if let Some((_, s)) = &mut cur {
                            s.based_on = val(&e);
                        }
                    }
                    b"w:outlineLvl" => {
                        if let Some((_, s)) = &mut cur {
                            s.outline = val(&e).and_then(|v| v.parse().ok());
                        }
                    }
                    b"w:numId" => num_id = val(&e),
                    b"w:ilvl" => ilvl = val(&e).and_then(|v| v.parse().ok()).unwrap_or(0),
                    _ => {}
                },
                Event::End(e) if e.name().as_ref() == b"w:style" => {
                    if let Some((id, mut s)) = cur.take() {
                        if let Some(n) = num_id.take() {
                            s.num = Some((n, ilvl));
                        }
                        by_id.insert(id, s);
                    }
                }
                _ => {}
            }
        }
        Styles { by_id }
    }

    /// The heading level (1–6) of a paragraph style, following `basedOn`.
    fn heading(&self, id: &str) -> Option<u8> {
        let mut id = id;
        for _ in 0..10 {
            let s = self.by_id.get(id)?;
            let n = s.name.replace(' ', "");
            if n == "title" || n == "标题" {
                return Some(1);
            }
            for p in ["heading", "标题"] {
                if let Some(l) = n.strip_prefix(p).and_then(|d| d.parse::<u8>().ok()) {
                    return Some(l.clamp(1, 6));
                }
            }
            if let Some(o) = s.outline {
                return (o < 9).then_some((o + 1).min(6));
            }
            id = s.based_on.as_deref()?;
        }
        None
    }

    /// The numbering a paragraph style carries, following `basedOn`.
    fn num(&self, id: &str) -> Option<(String, u8)> {
        let mut id = id;
        for _ in 0..10 {
            let s = self.by_id.get(id)?;
            if let Some(n) = &s.num {
                return Some(n.clone());
            }
            id = s.based_on.as_deref()?;
        }
        None
    }
}

#[derive(Debug, Default, Clone)]
struct Level {
    start: u32,
    fmt: String,
    text: String,
}

#[derive(Debug, Default)]
struct Numbering {
    /// abstractNumId → levels.
    abstracts: HashMap<String, Vec<Level>>,
    /// numId → abstractNumId.
    nums: HashMap<String, String>,
}

impl Numbering {
    fn parse(xml: &[u8]) -> Numbering {
        let mut r = Reader::from_reader(xml);
        let mut n = Numbering::default();
        let mut abs: Option<(String, Vec<Level>)> = None;
        let mut lvl: Option<(usize, Level)> = None;
        let mut num: Option<String> = None;
        loop {
            let ev = match r.read_event() {
                Ok(Event::Eof) | Err(_) => break,
                Ok(ev) => ev,
            };
            match ev {
                Event::Start(e) | Event::Empty(e) => match e.name().as_ref() {
                    b"w:abstractNum" => {
                        abs = Some((attr(&e, b"w:abstractNumId").unwrap_or_default(), vec![]));
                    }
                    b"w:lvl" if abs.is_some() => {
                        let i = attr(&e, b"w:ilvl")
                            .and_then(|v| v.parse().ok())
                            .unwrap_or(0usize)
                            .min(8);
                        lvl = Some((
                            i,
                            Level {
                                start: 1,
                                ..Level::default()
                            },
                        ));
                    }
                    b"w:start" => {
                        if let Some((_, l)) = &mut lvl {
                            l.start = val(&e).and_then(|v| v.parse().ok()).unwrap_or(1);
                        }
                    }
                    b"w:numFmt" => {
                        if let Some((_, l)) = &mut lvl {
                            l.fmt = val(&e).unwrap_or_default();
                        }
                    }
                    b"w:lvlText" => {
                        if let Some((_, l)) = &mut lvl {
                            l.text = val(&e).unwrap_or_default();
                        }
                    }
                    b"w:num" => num = attr(&e, b"w:numId"),
                    b"w:abstractNumId" => {
                        if let (Some(id), Some(a)) = (&num, val(&e)) {
                            n.nums.insert(id.clone(), a);
                        }
                    }
                    _ => {}
                },
                Event::End(e) => match e.name().as_ref() {
                    b"w:lvl" => {
                        if let (Some((i, l)), Some((_, levels))) = (lvl.take(), &mut abs) {
                            if levels.len() <= i {
                                levels.resize(i + 1, Level::default());
                            }
                            levels[i] = l;
                        }
                    }
                    b"w:abstractNum" => {
                        if let Some((id, levels)) = abs.take() {
                            n.abstracts.insert(id, levels);
                        }
                    }
                    b"w:num" => num = None,
                    _ => {}
                },
                _ => {}
            }
        }
        n
    }

    fn levels(&self, num_id: &str) -> Option<&[Level]> {
        self.abstracts
            .get(self.nums.get(num_id)?)
            .map(Vec::as_slice)
    }
}

fn chinese(n: u32) -> String {
    const D: [&str; 10] = ["〇", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    match n {
        0..=9 => D[n as usize].into(),
        10..=19 => format!("十{}", if n == 10 { "" } else { D[(n - 10) as usize] }),
        20..=99 => format!(
            "{}十{}",
            D[(n / 10) as usize],
            if n % 10 == 0 {
                ""
            } else {
                D[(n % 10) as usize]
            }
        ),
        _ => n.to_string(),
    }
}

fn letters(n: u32, upper: bool) -> String {
    if n == 0 {
        return String::new();
    }
    let c = (b'a' + ((n - 1) % 26) as u8) as char;
    let s = c.to_string().repeat(((n - 1) / 26 + 1) as usize);
    if upper { s.to_uppercase() } else { s }
}

fn roman(mut n: u32, upper: bool) -> String {
    const R: [(u32, &str); 13] = [
        (1000, "m"),
        (900, "cm"),
        (500, "d"),
        (400, "cd"),
        (100, "c"),
        (90, "xc"),
        (50, "l"),
        (40, "xl"),
        (10, "x"),
        (9, "ix"),
        (5, "v"),
        (4, "iv"),
        (1, "i"),
    ];
    let mut s = String::new();
    for (v, r) in R {
        while n >= v {
            s.push_str(r);
            n -= v;
        }
    }
    if upper { s.to_uppercase() } else { s }
}

fn format_number(n: u32, fmt: &str) -> String {
    match fmt {
        "chineseCounting"
        | "chineseCountingThousand"
        | "chineseLegalSimplified"
        | "japaneseCounting"
        | "ideographDigital"
        | "taiwaneseCounting" => chinese(n),
        "ideographTraditional" => ["甲", "乙", "丙", "丁", "戊", "己", "庚", "辛", "壬", "癸"]
            .get((n as usize).wrapping_sub(1))
            .map(|s| s.to_string())
            .unwrap_or_else(|| n.to_string()),
        "decimalFullWidth" | "decimalFullWidth2" => n
            .to_string()
            .chars()
            .map(|c| char::from_u32(c as u32 - '0' as u32 + 0xFF10).unwrap_or(c))
            .collect(),
        "decimalEnclosedCircle" | "decimalEnclosedCircleChinese" if (1..=20).contains(&n) => {
            char::from_u32(0x2460 + n - 1)
                .map(String::from)
                .unwrap_or_default()
        }
        "lowerLetter" => letters(n, false),
        "upperLetter" => letters(n, true),
        "lowerRoman" => roman(n, false),
        "upperRoman" => roman(n, true),
        "none" => String::new(),
        _ => n.to_string(),
    }
}

/// The running counters of automatic numbering, per numId.
#[derive(Default)]
struct Counters {
    by_num: HashMap<String, [u32; 9]>,
}

impl Counters {
    /// The label Word shows before a numbered paragraph (`一、`, `（二）`, `3.`); `None` for a
    /// bullet or an unknown list.
    fn next(&mut self, numbering: &Numbering, num_id: &str, ilvl: u8) -> Option<String> {
        if num_id == "0" {
            return None;
        }
        let levels = numbering.levels(num_id)?;
        let i = (ilvl as usize).min(8);
        let level = levels.get(i)?;
        let c = self.by_num.entry(num_id.to_string()).or_insert([0; 9]);
        c[i] = if c[i] == 0 { level.start } else { c[i] + 1 };
        for (j, deeper) in c.iter_mut().enumerate().skip(i + 1) {
            *deeper = 0;
            let _ = j;
        }
        if level.fmt == "bullet" {
            return None;
        }
        let mut s = level.text.clone();
        for k in (0..=i).rev() {
            let fmt = levels.get(k).map(|l| l.fmt.as_str()).unwrap_or("decimal");
            let v = if c[k] == 0 {
                levels.get(k).map(|l| l.start).unwrap_or(1)
            } else {
                c[k]
            };
            s = s.replace(&format!("%{}", k + 1), &format_number(v, fmt));
        }
        Some(s)
    }
}

// ---------------------------------------------------------------------------------------------
// The document part

/// An open complex field: its instruction so far, and whether its result has begun.
struct Field {
    instr: String,
    result: bool,
}

#[derive(Default)]
struct Para {
    text: String,
    style: Option<String>,
    outline: Option<u8>,
    num: Option<(String, u8)>,
    mark_deleted: bool,
    /// Paragraphs of text boxes anchored in this paragraph.
    boxes: Vec<Block>,
}

struct Parser<'a> {
    r: Reader<&'a [u8]>,
    styles: &'a Styles,
    numbering: &'a Numbering,
    counters: Counters,
    fields: Vec<Field>,
    depth: usize,
}

type R<T> = Result<T, String>;

fn err(e: impl std::fmt::Display) -> String {
    format!("XML 错误：{e}")
}

impl<'a> Parser<'a> {
    fn next(&mut self) -> R<Event<'a>> {
        self.r.read_event().map_err(err)
    }

    fn skip(&mut self, e: &BytesStart) -> R<()> {
        let end = e.to_end().into_owned();
        self.r.read_to_end(end.name()).map(|_| ()).map_err(err)
    }

    /// Whether field results are being shown (not inside an instruction or a TOC).
    fn showing(&self) -> bool {
        self.fields
            .iter()
            .all(|f| f.result && !f.instr.trim_start().to_ascii_uppercase().starts_with("TOC"))
    }

    /// Block-level content up to the end of the current element.
    fn body(&mut self, out: &mut Vec<Block>) -> R<()> {
        // A paragraph whose mark was deleted joins the next one.
        let mut carry: Option<Para> = None;
        loop {
            match self.next()? {
                Event::Start(e) => {
                    if self.depth > MAX_DEPTH {
                        self.skip(&e)?;
                        continue;
                    }
                    self.depth += 1;
                    match e.name().as_ref() {
                        b"w:p" => {
                            let mut p = self.paragraph()?;
                            if let Some(mut c) = carry.take() {
                                c.text.push_str(&p.text);
                                c.boxes.append(&mut p.boxes);
                                c.mark_deleted = p.mark_deleted;
                                p = c;
                            }
                            if p.mark_deleted {
                                carry = Some(p);
                            } else {
                                self.emit(p, out);
                            }
                        }
                        b"w:tbl" => {
                            if let Some(c) = carry.take() {
                                self.emit(c, out);
                            }
                            self.table(out)?;
                        }
                        b"w:body" | b"w:sdt" | b"w:sdtContent" | b"w:customXml" | b"w:ins"
                        | b"w:moveTo" | b"w:smartTag" => self.body(out)?,
                        _ => self.skip(&e)?,
                    }
                    self.depth -= 1;
                }
                Event::End(_) | Event::Eof => break,
                _ => {}
            }
        }
        if let Some(c) = carry.take() {
            self.emit(c, out);
        }
        Ok(())
    }

    fn emit(&mut self, p: Para, out: &mut Vec<Block>) {
        let num = p
            .num
            .clone()
            .or_else(|| p.style.as_deref().and_then(|s| self.styles.num(s)));
        let mut text = p.text;
        if !text.trim().is_empty()
            && let Some((id, ilvl)) = num
            && let Some(label) = self.counters.next(self.numbering, &id, ilvl)
        {
            text.insert_str(0, &label);
        }
        let heading = match p.outline {
            Some(o) if o < 9 => Some((o + 1).min(6)),
            Some(_) => None,
            None => p.style.as_deref().and_then(|s| self.styles.heading(s)),
        };
        out.push(Block::Para { text, heading });
        out.extend(p.boxes);
    }

    fn paragraph(&mut self) -> R<Para> {
        let mut p = Para::default();
        self.inline(&mut p, false)?;
        Ok(p)
    }

    /// Paragraph properties: style, outline level, numbering, a deleted paragraph mark.
    fn ppr(&mut self, p: &mut Para) -> R<()> {
        let mut depth = 0usize;
        let mut in_rpr = false;
        loop {
            match self.next()? {
                Event::Start(e) => {
                    match e.name().as_ref() {
                        b"w:pPrChange" => {
                            self.skip(&e)?;
                            continue;
                        }
                        b"w:rPr" => in_rpr = true,
                        _ => {}
                    }
                    self.prop(&e, p, in_rpr);
                    depth += 1;
                }
                Event::Empty(e) => self.prop(&e, p, in_rpr),
                Event::End(e) => {
                    if e.name().as_ref() == b"w:rPr" {
                        in_rpr = false;
                    }
                    if depth == 0 {
                        return Ok(());
                    }
                    depth -= 1;
                }
                Event::Eof => return Ok(()),
                _ => {}
            }
        }
    }

    fn prop(&self, e: &BytesStart, p: &mut Para, in_rpr: bool) {
        match e.name().as_ref() {
            b"w:pStyle" => p.style = val(e),
            b"w:outlineLvl" => p.outline = val(e).and_then(|v| v.parse().ok()),
            b"w:numId" => {
                let id = val(e).unwrap_or_default();
                let ilvl = p.num.as_ref().map(|n| n.1).unwrap_or(0);
                p.num = Some((id, ilvl));
            }
            b"w:ilvl" => {
                let l = val(e).and_then(|v| v.parse().ok()).unwrap_or(0);
                match &mut p.num {
                    Some(n) => n.1 = l,
                    None => p.num = Some((String::new(), l)),
                }
            }
            b"w:del" | b"w:moveFrom" if in_rpr => p.mark_deleted = true,
            _ => {}
        }
    }

    /// Inline content up to the end of the current element.
    fn inline(&mut self, p: &mut Para, hidden: bool) -> R<()> {
        let mut hidden = hidden;
        loop {
            match self.next()? {
                Event::Start(e) => {
                    if self.depth > MAX_DEPTH {
                        self.skip(&e)?;
                        continue;
                    }
                    self.depth += 1;
                    match e.name().as_ref() {
                        b"w:pPr" => self.ppr(p)?,
                        b"w:rPr" => {
                            if self.rpr_hidden()? {
                                hidden = true;
                            }
                        }
                        b"w:t" => self.text(p, hidden)?,
                        b"w:instrText" => self.instr()?,
                        b"w:txbxContent" => {
                            let mut boxes = Vec::new();
                            self.body(&mut boxes)?;
                            p.boxes.extend(boxes);
                        }
                        b"w:fldSimple" => {
                            let instr = attr(&e, b"w:instr").unwrap_or_default();
                            self.fields.push(Field {
                                instr,
                                result: true,
                            });
                            self.inline(p, hidden)?;
                            self.fields.pop();
                        }
                        b"w:r"
                        | b"w:hyperlink"
                        | b"w:ins"
                        | b"w:moveTo"
                        | b"w:smartTag"
                        | b"w:sdt"
                        | b"w:sdtContent"
                        | b"w:customXml"
                        | b"w:dir"
                        | b"w:bdo"
                        | b"mc:AlternateContent"
                        | b"mc:Choice"
                        | b"w:drawing"
                        | b"wp:anchor"
                        | b"wp:inline"
                        | b"a:graphic"
                        | b"a:graphicData"
                        | b"wps:wsp"
                        | b"wps:txbx"
                        | b"wpg:wgp"
                        | b"wpg:grpSp"
                        | b"w:pict"
                        | b"v:shape"
                        | b"v:rect"
                        | b"v:roundrect"
                        | b"v:group"
                        | b"v:textbox" => {
                            // A run's hidden property ends with the run.
                            let h = hidden;
                            self.inline(p, hidden)?;
                            hidden = h;
                        }
                        _ => self.skip(&e)?,
                    }
                    self.depth -= 1;
                }
                Event::Empty(e) => {
                    let show = !hidden && self.showing();
                    match e.name().as_ref() {
                        b"w:tab" | b"w:ptab" if show => p.text.push('\t'),
                        b"w:br" | b"w:cr" if show => p.text.push('\n'),
                        b"w:noBreakHyphen" if show => p.text.push('-'),
                        b"w:fldChar" => match attr(&e, b"w:fldCharType").as_deref() {
                            Some("begin") => self.fields.push(Field {
                                instr: String::new(),
                                result: false,
                            }),
                            Some("separate") => {
                                if let Some(f) = self.fields.last_mut() {
                                    f.result = true;
                                }
                            }
                            Some("end") => {
                                self.fields.pop();
                            }
                            _ => {}
                        },
                        b"w:pStyle" | b"w:outlineLvl" | b"w:numId" | b"w:ilvl" => {}
                        _ => {}
                    }
                }
                Event::End(_) | Event::Eof => return Ok(()),
                _ => {}
            }
        }
    }

    /// Run properties: whether the run is hidden (`w:vanish`).
    fn rpr_hidden(&mut self) -> R<bool> {
        let mut hidden = false;
        let mut depth = 0usize;
        loop {
            match self.next()? {
                Event::Start(e) => {
                    if e.name().as_ref() == b"w:rPrChange" {
                        self.skip(&e)?;
                        continue;
                    }
                    depth += 1;
                }
                Event::Empty(e) if e.name().as_ref() == b"w:vanish" && on(&e) => {
                    hidden = true;
                }
                Event::End(_) => {
                    if depth == 0 {
                        return Ok(hidden);
                    }
                    depth -= 1;
                }
                Event::Eof => return Ok(hidden),
                _ => {}
            }
        }
    }

    fn raw_text(&mut self) -> R<String> {
        let mut s = String::new();
        loop {
            match self.next()? {
                Event::Text(t) => s.push_str(&t.xml10_content().map_err(err)?),
                Event::CData(t) => s.push_str(&String::from_utf8_lossy(&t)),
                Event::GeneralRef(r) => match r.resolve_char_ref() {
                    Ok(Some(c)) => s.push(c),
                    _ => match r.decode().map_err(err)?.as_ref() {
                        "amp" => s.push('&'),
                        "lt" => s.push('<'),
                        "gt" => s.push('>'),
                        "quot" => s.push('"'),
                        "apos" => s.push('\''),
                        _ => {}
                    },
                },
                Event::Start(e) => self.skip(&e)?,
                Event::End(_) | Event::Eof => return Ok(s),
                _ => {}
            }
        }
    }

    fn text(&mut self, p: &mut Para, hidden: bool) -> R<()> {
        let s = self.raw_text()?;
        if !hidden && self.showing() {
            p.text.push_str(&s);
        }
        Ok(())
    }

    fn instr(&mut self) -> R<()> {
        let s = self.raw_text()?;
        if let Some(f) = self.fields.last_mut()
            && !f.result
        {
            f.instr.push_str(&s);
        }
        Ok(())
    }

    fn table(&mut self, out: &mut Vec<Block>) -> R<()> {
        let mut rows = Vec::new();
        self.table_rows(&mut rows)?;
        out.push(Block::Table { rows });
        Ok(())
    }

    fn table_rows(&mut self, rows: &mut Vec<Vec<Option<String>>>) -> R<()> {
        loop {
            match self.next()? {
                Event::Start(e) => {
                    if self.depth > MAX_DEPTH {
                        self.skip(&e)?;
                        continue;
                    }
                    self.depth += 1;
                    match e.name().as_ref() {
                        b"w:tr" => {
                            if let Some(r) = self.row()? {
                                rows.push(r);
                            }
                        }
                        b"w:sdt" | b"w:sdtContent" | b"w:customXml" | b"w:ins" | b"w:moveTo" => {
                            self.table_rows(rows)?
                        }
                        _ => self.skip(&e)?,
                    }
                    self.depth -= 1;
                }
                Event::End(_) | Event::Eof => return Ok(()),
                _ => {}
            }
        }
    }

    /// A row's grid cells; `None` for a deleted row.
    fn row(&mut self) -> R<Option<Vec<Option<String>>>> {
        let mut cells: Vec<Option<String>> = Vec::new();
        let mut after = 0usize;
        let mut deleted = false;
        self.row_content(&mut cells, &mut after, &mut deleted)?;
        cells.extend(std::iter::repeat_n(None, after.min(64)));
        Ok((!deleted).then_some(cells))
    }

    fn row_content(
        &mut self,
        cells: &mut Vec<Option<String>>,
        after: &mut usize,
        deleted: &mut bool,
    ) -> R<()> {
        loop {
            match self.next()? {
                Event::Start(e) => {
                    if self.depth > MAX_DEPTH {
                        self.skip(&e)?;
                        continue;
                    }
                    self.depth += 1;
                    match e.name().as_ref() {
                        b"w:trPr" => {
                            let (before, a, del) = self.trpr()?;
                            cells.extend(std::iter::repeat_n(None, before.min(64)));
                            *after = a;
                            *deleted |= del;
                        }
                        b"w:tc" => self.cell(cells)?,
                        b"w:sdt" | b"w:sdtContent" | b"w:customXml" | b"w:ins" | b"w:moveTo" => {
                            self.row_content(cells, after, deleted)?
                        }
                        _ => self.skip(&e)?,
                    }
                    self.depth -= 1;
                }
                Event::End(_) | Event::Eof => return Ok(()),
                _ => {}
            }
        }
    }

    /// Row properties: (gridBefore, gridAfter, deleted).
    fn trpr(&mut self) -> R<(usize, usize, bool)> {
        let (mut before, mut after, mut del) = (0, 0, false);
        let mut depth = 0usize;
        loop {
            match self.next()? {
                Event::Start(e) => {
                    if e.name().as_ref() == b"w:trPrChange" {
                        self.skip(&e)?;
                        continue;
                    }
                    depth += 1;
                }
                Event::Empty(e) => match e.name().as_ref() {
                    b"w:gridBefore" => before = val(&e).and_then(|v| v.parse().ok()).unwrap_or(0),
                    b"w:gridAfter" => after = val(&e).and_then(|v| v.parse().ok()).unwrap_or(0),
                    b"w:del" => del = true,
                    _ => {}
                },
                Event::End(_) => {
                    if depth == 0 {
                        return Ok((before, after, del));
                    }
                    depth -= 1;
                }
                Event::Eof => return Ok((before, after, del)),
                _ => {}
            }
        }
    }

    fn cell(&mut self, cells: &mut Vec<Option<String>>) -> R<()> {
        let mut span = 1usize;
        let mut merged = false;
        let mut blocks = Vec::new();
        loop {
            match self.next()? {
                Event::Start(e) => {
                    if self.depth > MAX_DEPTH {
                        self.skip(&e)?;
                        continue;
                    }
                    self.depth += 1;
                    match e.name().as_ref() {
                        b"w:tcPr" => {
                            let (s, m) = self.tcpr()?;
                            span = s;
                            merged = m;
                        }
                        b"w:p" => {
                            let p = self.paragraph()?;
                            self.emit(p, &mut blocks);
                        }
                        b"w:tbl" => self.table(&mut blocks)?,
                        b"w:sdt" | b"w:sdtContent" | b"w:customXml" | b"w:ins" | b"w:moveTo" => {
                            self.body(&mut blocks)?
                        }
                        _ => self.skip(&e)?,
                    }
                    self.depth -= 1;
                }
                Event::End(_) | Event::Eof => break,
                _ => {}
            }
        }
        let span = span.clamp(1, 64);
        let spanned = || Some(super::render::SPANNED.to_string());
        if merged {
            cells.push(None);
            cells.extend(std::iter::repeat_n(spanned(), span - 1));
        } else {
            let mut text = String::new();
            for b in &blocks {
                let t = match b {
                    Block::Para { text, .. } => text.clone(),
                    Block::Table { rows } => rows
                        .iter()
                        .flatten()
                        .flatten()
                        .map(String::as_str)
                        .collect::<Vec<_>>()
                        .join("\n"),
                };
                if t.trim().is_empty() {
                    continue;
                }
                if !text.is_empty() {
                    text.push('\n');
                }
                text.push_str(&t);
            }
            cells.push(Some(text));
            cells.extend(std::iter::repeat_n(spanned(), span - 1));
        }
        Ok(())
    }

    /// Cell properties: (gridSpan, continues a merge).
    fn tcpr(&mut self) -> R<(usize, bool)> {
        let (mut span, mut merged) = (1, false);
        let mut depth = 0usize;
        loop {
            match self.next()? {
                Event::Start(e) => {
                    if e.name().as_ref() == b"w:tcPrChange" {
                        self.skip(&e)?;
                        continue;
                    }
                    depth += 1;
                }
                Event::Empty(e) => match e.name().as_ref() {
                    b"w:gridSpan" => span = val(&e).and_then(|v| v.parse().ok()).unwrap_or(1),
                    b"w:vMerge" | b"w:hMerge" => {
                        merged = !matches!(val(&e).as_deref(), Some("restart"));
                    }
                    _ => {}
                },
                Event::End(_) => {
                    if depth == 0 {
                        return Ok((span, merged));
                    }
                    depth -= 1;
                }
                Event::Eof => return Ok((span, merged)),
                _ => {}
            }
        }
    }
}

fn blocks_of(doc: &[u8], styles: &Styles, numbering: &Numbering) -> R<Vec<Block>> {
    let mut r = Reader::from_reader(doc);
    r.config_mut().check_end_names = false;
    let mut p = Parser {
        r,
        styles,
        numbering,
        counters: Counters::default(),
        fields: Vec::new(),
        depth: 0,
    };
    let mut out = Vec::new();
    // Down to w:body.
    loop {
        match p.next()? {
            Event::Start(e) if e.name().as_ref() == b"w:body" => {
                p.body(&mut out)?;
                return Ok(out);
            }
            Event::Eof => return Err("没有 w:body".into()),
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(body: &str) -> Vec<Block> {
        let xml = format!(
            r#"<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="w"><w:body>{body}</w:body></w:document>"#
        );
        blocks_of(xml.as_bytes(), &Styles::default(), &Numbering::default()).unwrap()
    }

    fn texts(b: &[Block]) -> Vec<String> {
        b.iter()
            .map(|b| match b {
                Block::Para { text, .. } => text.clone(),
                Block::Table { rows } => format!("{rows:?}"),
            })
            .collect()
    }

    #[test]
    fn tracked_changes_are_accepted() {
        let b = doc(
            r#"<w:p><w:r><w:t>总计</w:t></w:r><w:del><w:r><w:delText>7</w:delText></w:r></w:del><w:ins><w:r><w:t>6</w:t></w:r></w:ins><w:r><w:t xml:space="preserve"> 件 &amp; </w:t></w:r></w:p>"#,
        );
        assert_eq!(texts(&b), ["总计6 件 & "]);
    }

    #[test]
    fn deleted_paragraph_mark_joins_paragraphs() {
        let b = doc(
            r#"<w:p><w:pPr><w:rPr><w:del w:id="1"/></w:rPr></w:pPr><w:r><w:t>本年度报告中所列数据的统计期限自2024年1月1日起</w:t></w:r></w:p><w:p><w:r><w:t>至2024年12月31日止。</w:t></w:r></w:p>"#,
        );
        assert_eq!(
            texts(&b),
            ["本年度报告中所列数据的统计期限自2024年1月1日起至2024年12月31日止。"]
        );
    }

    #[test]
    fn fields_show_their_result_and_toc_is_left_out() {
        let b = doc(
            r#"<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText>DATE \@ "yyyy"</w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>2024</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r><w:r><w:t>年</w:t></w:r></w:p>
               <w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText>TOC \o "1-3"</w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>一、总体情况 1</w:t></w:r></w:p>
               <w:p><w:r><w:t>二、主动公开 2</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>
               <w:p><w:r><w:t>一、总体情况</w:t></w:r></w:p>"#,
        );
        assert_eq!(texts(&b), ["2024年", "", "", "一、总体情况"]);
    }

    #[test]
    fn text_boxes_once_hidden_text_never() {
        let b = doc(
            r#"<w:p><w:r><w:t>前</w:t></w:r><w:r><mc:AlternateContent><mc:Choice><w:drawing><wp:anchor><a:graphic><a:graphicData><wps:wsp><wps:txbx><w:txbxContent><w:p><w:r><w:t>框内文字</w:t></w:r></w:p></w:txbxContent></wps:txbx></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice><mc:Fallback><w:pict><v:shape><v:textbox><w:txbxContent><w:p><w:r><w:t>框内文字</w:t></w:r></w:p></w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r><w:r><w:rPr><w:vanish/></w:rPr><w:t>隐藏</w:t></w:r><w:r><w:t>后</w:t></w:r></w:p>"#,
        );
        assert_eq!(texts(&b), ["前后", "框内文字"]);
    }

    #[test]
    fn merged_cells_tabs_breaks_and_deleted_rows() {
        let b = doc(
            r#"<w:tbl><w:tblGrid><w:gridCol/><w:gridCol/><w:gridCol/></w:tblGrid>
               <w:tr><w:tc><w:tcPr><w:gridSpan w:val="2"/></w:tcPr><w:p><w:r><w:t>申请人</w:t></w:r></w:p></w:tc><w:tc><w:p/></w:tc></w:tr>
               <w:tr><w:tc><w:tcPr><w:vMerge w:val="restart"/></w:tcPr><w:p><w:r><w:t>商业</w:t><w:br/><w:t>企业</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>1</w:t><w:tab/></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>2</w:t></w:r></w:p></w:tc></w:tr>
               <w:tr><w:trPr><w:del w:id="3"/></w:trPr><w:tc><w:p><w:r><w:t>删除的行</w:t></w:r></w:p></w:tc></w:tr>
               <w:tr><w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc><w:tc><w:p><w:r><w:t>3</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>4</w:t></w:r></w:p></w:tc></w:tr>
               </w:tbl>"#,
        );
        let Block::Table { rows } = &b[0] else {
            panic!()
        };
        assert_eq!(rows.len(), 3);
        assert_eq!(
            rows[0],
            [Some("申请人".into()), Some(SPANNED.into()), Some("".into())]
        );
        assert_eq!(
            rows[1],
            [
                Some("商业\n企业".into()),
                Some("1\t".into()),
                Some("2".into())
            ]
        );
        assert_eq!(rows[2], [None, Some("3".into()), Some("4".into())]);
        let (text, _) = render_blocks(&b);
        assert!(text.contains("| 商业企业 | 1 | 2 |"), "{text}");
    }

    #[test]
    fn numbering_is_written_out() {
        let numbering = Numbering::parse(
            r#"<w:numbering><w:abstractNum w:abstractNumId="5"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl><w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/></w:lvl></w:abstractNum><w:num w:numId="3"><w:abstractNumId w:val="5"/></w:num></w:numbering>"#
                .as_bytes(),
        );
        let p = |l: u8, t: &str| {
            format!(
                r#"<w:p><w:pPr><w:numPr><w:ilvl w:val="{l}"/><w:numId w:val="3"/></w:numPr></w:pPr><w:r><w:t>{t}</w:t></w:r></w:p>"#
            )
        };
        let xml = format!(
            r#"<w:document><w:body>{}{}{}{}</w:body></w:document>"#,
            p(0, "总体情况"),
            p(1, "主动公开"),
            p(1, "依申请公开"),
            p(0, "主动公开政府信息情况")
        );
        let b = blocks_of(xml.as_bytes(), &Styles::default(), &numbering).unwrap();
        assert_eq!(
            texts(&b),
            [
                "一、总体情况",
                "（一）主动公开",
                "（二）依申请公开",
                "二、主动公开政府信息情况"
            ]
        );
    }

    #[test]
    fn garbage_is_an_error_not_a_panic() {
        for bad in [&b"PK\x03\x04garbage"[..], b"PK\x05\x06", b""] {
            let _ = read("x.docx", bad);
        }
        assert!(
            blocks_of(
                b"<w:document><w:body><w:p><w:r><w:t>x",
                &Styles::default(),
                &Numbering::default()
            )
            .is_ok()
        );
        let deep = format!(
            "<w:document><w:body>{}<w:p><w:r><w:t>深</w:t></w:r></w:p>{}</w:body></w:document>",
            "<w:sdt><w:sdtContent>".repeat(5000),
            "</w:sdtContent></w:sdt>".repeat(5000)
        );
        assert!(blocks_of(deep.as_bytes(), &Styles::default(), &Numbering::default()).is_ok());
        let unclosed = "<w:document><w:body>".to_string() + &"<w:sdt>".repeat(5000);
        let _ = blocks_of(
            unclosed.as_bytes(),
            &Styles::default(),
            &Numbering::default(),
        );
    }
}
