//! Saved web pages (`.html`, `.htm`, `.shtml`), as published on government sites: decoded by
//! BOM, `<meta charset>` or detection, parsed with `scraper` (html5ever), the report's body
//! found, and rendered as a markdown draft like a `.docx`.
//!
//! **The body** is the smallest element holding the report's title and the most of its six
//! section headings; of its children, those before the title and after the last section are
//! left out. So navigation, breadcrumbs, the site's footer, share and print links and scripts
//! around the report are not read (they are the site, not the report); whatever the body
//! element holds is read, residue and injected text included. A page without a report title
//! and sections is read whole (it is then not a report, and gives no findings).
//!
//! Inside the body: `script`, `style`, forms and media are skipped; headings `h1`–`h6` become
//! ATX headings; `p`, `div`, `li`, … paragraphs; `br` a line break; a table holding no other
//! table is a data table (a GFM table, `rowspan`/`colspan` written as empty cells), a table
//! holding tables is layout and read as paragraphs.

use std::collections::HashMap;

use ego_tree::NodeRef;
use encoding_rs::Encoding;
use scraper::{Html, Node};

use super::render::{Block, render_blocks};
use super::{Input, InputError, InputKind, TextEncoding};

const MAX_DEPTH: usize = 256;
/// Larger spans are clamped (a guard against `colspan=100000`).
const MAX_SPAN: usize = 64;

/// Whether bytes start like an HTML document (`<!DOCTYPE html`, `<html`), after a BOM and
/// white space.
pub fn looks_like_html(bytes: &[u8]) -> bool {
    let b = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let start = b
        .iter()
        .position(|c| !c.is_ascii_whitespace())
        .unwrap_or(b.len());
    let head: Vec<u8> = b[start..]
        .iter()
        .take(14)
        .map(u8::to_ascii_lowercase)
        .collect();
    head.starts_with(b"<!doctype html") || head.starts_with(b"<html")
}

/// The charset a page declares in its first 4 KB (`<meta charset=…>` or `content="…;
/// charset=…"`).
fn declared_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let head: Vec<u8> = bytes
        .iter()
        .take(4096)
        .map(u8::to_ascii_lowercase)
        .collect();
    let mut from = 0;
    while let Some(i) = memchr::memmem::find(&head[from..], b"<meta") {
        let tag_start = from + i;
        let tag_end = head[tag_start..]
            .iter()
            .position(|&c| c == b'>')
            .map(|e| tag_start + e)
            .unwrap_or(head.len());
        let tag = &head[tag_start..tag_end];
        if let Some(j) = memchr::memmem::find(tag, b"charset") {
            let rest = &tag[j + 7..];
            let rest = rest
                .iter()
                .skip_while(|c| {
                    c.is_ascii_whitespace() || **c == b'=' || **c == b'"' || **c == b'\''
                })
                .copied()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == b'-' || *c == b'_')
                .collect::<Vec<u8>>();
            if let Some(e) = Encoding::for_label(&rest) {
                // A page cannot declare UTF-16 in itself (HTML: treat as UTF-8).
                if e == encoding_rs::UTF_16LE || e == encoding_rs::UTF_16BE {
                    return Some(encoding_rs::UTF_8);
                }
                return Some(e);
            }
        }
        from = tag_end.max(tag_start + 5);
        if from >= head.len() {
            break;
        }
    }
    None
}

/// A page's text and encoding: BOM, then valid UTF-8, then the declared charset, then
/// detection.
fn decode(bytes: &[u8]) -> (String, TextEncoding) {
    if let Some((enc, bom)) = Encoding::for_bom(bytes) {
        let (t, _) = enc.decode_without_bom_handling(&bytes[bom..]);
        return (t.into_owned(), TextEncoding::from_encoding(enc, bytes));
    }
    if let Ok(t) = std::str::from_utf8(bytes) {
        return (t.to_string(), TextEncoding::Utf8);
    }
    let enc = declared_charset(bytes).unwrap_or_else(|| {
        let mut d = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
        d.feed(bytes, true);
        d.guess(None, chardetng::Utf8Detection::Deny)
    });
    let (t, _) = enc.decode_without_bom_handling(bytes);
    (t.into_owned(), TextEncoding::from_encoding(enc, bytes))
}

/// Read a saved web page.
pub fn read(_name: &str, bytes: &[u8]) -> Result<Input, InputError> {
    let (text, encoding) = decode(bytes);
    let doc = Html::parse_document(&text);
    let blocks = page_blocks(&doc);
    let (text, map) = render_blocks(&blocks);
    Ok(Input {
        text,
        source: super::Source {
            kind: InputKind::Html,
            encoding,
            map: Some(map),
        },
    })
}

// ---------------------------------------------------------------------------------------------
// Finding the body

const TITLE: u8 = 1;
const SECTION_WORDS: [&[&str]; 6] = [
    &["总体情况"],
    &["主动公开政府信息情况", "主动公开政府信息"],
    &["收到和处理政府信息公开申请"],
    &[
        "行政复议、行政诉讼",
        "行政复议和行政诉讼",
        "行政复议,行政诉讼",
        "复议、诉讼",
    ],
    &["存在的主要问题"],
    &["其他需要报告的事项"],
];

/// The title and section bits of one text node: only short ones (a heading, a title), not a
/// paragraph that mentions the sections (`报告全文包括总体情况、…`).
fn bits_of(text: &str) -> u8 {
    let mut b = 0;
    if text.trim().chars().count() > 60 {
        return 0;
    }
    // A title has a year (`2021年度`, `2021年`): a breadcrumb `政府信息公开年度报告` has none.
    let digits_before = |i: usize| {
        text[..i]
            .chars()
            .rev()
            .take(4)
            .filter(char::is_ascii_digit)
            .count()
    };
    let has_year = text
        .char_indices()
        .any(|(i, c)| c == '年' && digits_before(i) == 4);
    if has_year && text.contains("报告") && (text.contains("信息公开") || text.contains("政务公开"))
    {
        b |= TITLE;
    }
    for (i, words) in SECTION_WORDS.iter().enumerate() {
        if words.iter().any(|w| text.contains(w)) {
            b |= 2 << i;
        }
    }
    b
}

fn is_skipped(name: &str) -> bool {
    matches!(
        name,
        "script"
            | "style"
            | "noscript"
            | "template"
            | "head"
            | "title"
            | "iframe"
            | "object"
            | "embed"
            | "svg"
            | "math"
            | "select"
            | "button"
            | "input"
            | "textarea"
            | "canvas"
            | "video"
            | "audio"
            | "map"
    )
}

fn element_name<'a>(n: &NodeRef<'a, Node>) -> Option<&'a str> {
    match n.value() {
        Node::Element(e) => Some(e.name()),
        _ => None,
    }
}

/// The blocks of the page's report body.
fn page_blocks(doc: &Html) -> Vec<Block> {
    let root = doc.tree.root();
    let body = root
        .descendants()
        .find(|n| element_name(n) == Some("body"))
        .unwrap_or(root);
    // Bits (title, six sections) and text length of every node, children before parents.
    let order: Vec<NodeRef<Node>> = body.descendants().collect();
    let mut info: HashMap<ego_tree::NodeId, (u8, usize)> = HashMap::with_capacity(order.len());
    for n in order.iter().rev() {
        let own = match n.value() {
            Node::Text(t) => (bits_of(t), t.trim().len()),
            Node::Element(e) if is_skipped(e.name()) => {
                info.insert(n.id(), (0, 0));
                continue;
            }
            _ => (0, 0),
        };
        let mut acc = own;
        for c in n.children() {
            if let Some(&(b, l)) = info.get(&c.id()) {
                acc.0 |= b;
                acc.1 += l;
            }
        }
        info.insert(n.id(), acc);
    }
    let score = |n: &NodeRef<Node>| info.get(&n.id()).map(|&(b, _)| b.count_ones()).unwrap_or(0);
    let best_score = order.iter().map(&score).max().unwrap_or(0);
    let mut ctx = Ctx::default();
    if best_score < 3 {
        walk(body, &mut ctx, 0);
        return ctx.finish();
    }
    // The smallest such element; of elements with the same text (a wrapper and its only
    // child) the innermost: descendants come before their ancestors in reverse order.
    let best = order
        .iter()
        .rev()
        .filter(|n| matches!(n.value(), Node::Element(_)) && score(n) == best_score)
        .min_by_key(|n| info.get(&n.id()).map(|&(_, l)| l).unwrap_or(usize::MAX))
        .copied()
        .unwrap_or(body);
    let bits = |n: &NodeRef<Node>| info.get(&n.id()).map(|&(b, _)| b).unwrap_or(0);
    let children: Vec<NodeRef<Node>> = best.children().collect();
    let first = if bits(&best) & TITLE != 0 {
        children.iter().position(|c| bits(c) & TITLE != 0)
    } else {
        children.iter().position(|c| bits(c) != 0)
    }
    .unwrap_or(0);
    let last = children
        .iter()
        .rposition(|c| bits(c) & !TITLE != 0)
        .unwrap_or(children.len().saturating_sub(1))
        .max(first);
    for c in children.iter().take(last + 1).skip(first) {
        walk(*c, &mut ctx, 1);
    }
    ctx.finish()
}

// ---------------------------------------------------------------------------------------------
// Rendering the body into blocks

#[derive(Default)]
struct Ctx {
    blocks: Vec<Block>,
    cur: String,
}

impl Ctx {
    fn push_text(&mut self, t: &str) {
        for c in t.chars() {
            if matches!(c, ' ' | '\t' | '\n' | '\r' | '\u{c}') {
                if !(self.cur.is_empty() || self.cur.ends_with([' ', '\n'])) {
                    self.cur.push(' ');
                }
            } else {
                self.cur.push(c);
            }
        }
    }

    fn line_break(&mut self) {
        while self.cur.ends_with(' ') {
            self.cur.pop();
        }
        self.cur.push('\n');
    }

    fn flush(&mut self, heading: Option<u8>) {
        let text = std::mem::take(&mut self.cur);
        let lines: Vec<&str> = text.split('\n').map(|l| l.trim_matches(' ')).collect();
        let text = lines.join("\n").trim_matches('\n').to_string();
        if !text.trim().is_empty() {
            self.blocks.push(Block::Para { text, heading });
        }
    }

    fn finish(mut self) -> Vec<Block> {
        self.flush(None);
        self.blocks
    }
}

fn is_block(name: &str) -> bool {
    matches!(
        name,
        "p" | "div"
            | "section"
            | "article"
            | "main"
            | "header"
            | "footer"
            | "nav"
            | "aside"
            | "blockquote"
            | "pre"
            | "ul"
            | "ol"
            | "li"
            | "dl"
            | "dt"
            | "dd"
            | "form"
            | "fieldset"
            | "address"
            | "center"
            | "figure"
            | "figcaption"
            | "hr"
            | "table"
            | "caption"
            | "thead"
            | "tbody"
            | "tfoot"
            | "tr"
            | "td"
            | "th"
            | "body"
            | "html"
    )
}

fn walk(n: NodeRef<Node>, ctx: &mut Ctx, depth: usize) {
    match n.value() {
        Node::Text(t) => ctx.push_text(t),
        Node::Element(e) => {
            let name = e.name();
            if is_skipped(name) {
                return;
            }
            if depth > MAX_DEPTH {
                for d in n.descendants() {
                    if let Node::Text(t) = d.value() {
                        ctx.push_text(t);
                    }
                }
                return;
            }
            match name {
                "br" => ctx.line_break(),
                "table"
                    if !n
                        .descendants()
                        .skip(1)
                        .any(|d| element_name(&d) == Some("table")) =>
                {
                    ctx.flush(None);
                    ctx.blocks.push(table(n, depth));
                }
                "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
                    ctx.flush(None);
                    for c in n.children() {
                        walk(c, ctx, depth + 1);
                    }
                    let level = name.as_bytes()[1] - b'0';
                    let t = ctx.cur.replace('\n', " ");
                    ctx.cur = t;
                    ctx.flush(Some(level));
                }
                _ if is_block(name) => {
                    ctx.flush(None);
                    for c in n.children() {
                        walk(c, ctx, depth + 1);
                    }
                    ctx.flush(None);
                }
                _ => {
                    for c in n.children() {
                        walk(c, ctx, depth + 1);
                    }
                }
            }
        }
        _ => {}
    }
}

fn span_attr(n: &NodeRef<Node>, key: &str) -> usize {
    match n.value() {
        Node::Element(e) => e
            .attr(key)
            .and_then(|v| v.trim().parse::<usize>().ok())
            .unwrap_or(1)
            .clamp(1, MAX_SPAN),
        _ => 1,
    }
}

/// A data table: its grid, `rowspan`/`colspan` positions as `None`.
fn table(t: NodeRef<Node>, depth: usize) -> Block {
    let rows: Vec<NodeRef<Node>> = t
        .descendants()
        .filter(|d| element_name(d) == Some("tr"))
        .collect();
    let mut grid: Vec<Vec<Option<String>>> = vec![Vec::new(); rows.len()];
    // Positions taken by rowspans from rows above.
    let mut taken: Vec<Vec<bool>> = vec![Vec::new(); rows.len()];
    for (r, row) in rows.iter().enumerate() {
        let mut col = 0;
        for cell in row.children() {
            if !matches!(element_name(&cell), Some("td" | "th")) {
                continue;
            }
            while taken[r].get(col).copied().unwrap_or(false) {
                col += 1;
            }
            let cs = span_attr(&cell, "colspan");
            let rs = span_attr(&cell, "rowspan").min(rows.len() - r);
            let mut sub = Ctx::default();
            for c in cell.children() {
                walk(c, &mut sub, depth + 1);
            }
            let text = sub
                .finish()
                .into_iter()
                .filter_map(|b| match b {
                    Block::Para { text, .. } => Some(text),
                    Block::Table { .. } => None,
                })
                .collect::<Vec<_>>()
                .join("\n");
            for dr in 0..rs {
                let line = &mut grid[r + dr];
                let tk = &mut taken[r + dr];
                if line.len() < col + cs {
                    line.resize(col + cs, None);
                }
                if tk.len() < col + cs {
                    tk.resize(col + cs, false);
                }
                for dc in 0..cs {
                    tk[col + dc] = true;
                }
            }
            for (dr, line) in grid.iter_mut().skip(r).take(rs).enumerate() {
                for (dc, slot) in line.iter_mut().skip(col).take(cs).enumerate() {
                    if dc > 0 {
                        *slot = Some(super::render::SPANNED.to_string());
                    } else if dr > 0 {
                        *slot = None;
                    }
                }
            }
            grid[r][col] = Some(text);
            col += cs;
        }
    }
    Block::Table { rows: grid }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn body_is_found_and_site_chrome_left_out() {
        let page = r#"<!DOCTYPE html><html><head><meta charset="gbk"><title>某局2024年政府信息公开工作年度报告</title><script>var x = "打印本页";</script></head>
<body><div class="nav"><a href="/">首页</a> <a>政府信息公开</a></div>
<div class="crumb">当前位置：首页 &gt; 政府信息公开 &gt; 年度报告</div>
<div class="article"><h1>某局2024年政府信息公开工作年度报告</h1>
<div class="content"><p>一、总体情况</p><p>2024年，我局……</p><p>二、主动公开政府信息情况</p>
<table><tr><td colspan="2">第二十条第（一）项</td></tr><tr><td rowspan="2">规章</td><td>0</td></tr><tr><td>1</td></tr></table>
<p>三、收到和处理政府信息公开申请情况</p><p>四、政府信息公开行政复议、行政诉讼情况</p><p>五、存在的主要问题及改进情况</p><p>六、其他需要报告的事项</p><p>本机关无其他需要报告的事项。</p></div>
<div class="tools">【打印本页】【关闭窗口】</div></div>
<div class="footer">主办单位：某局 网站标识码 1234</div></body></html>"#;
        let doc = Html::parse_document(page);
        let (text, map) = render_blocks(&page_blocks(&doc));
        assert!(
            text.starts_with("# 某局2024年政府信息公开工作年度报告\n"),
            "{text}"
        );
        assert!(!text.contains("首页"), "{text}");
        assert!(!text.contains("打印本页"), "{text}");
        assert!(!text.contains("主办单位"), "{text}");
        assert!(
            text.contains("| 第二十条第（一）项 |\n| --- |\n| 规章 | 0 |\n|  | 1 |\n"),
            "{text}"
        );
        let at = text.find("| 1 |").unwrap() + 2;
        assert_eq!(map.locate(at).unwrap().to_string(), "表二 第3行 第2列");
    }

    #[test]
    fn gbk_meta_charset() {
        let page = "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=gb2312\"></head><body><p>一、总体情况</p></body></html>";
        let bytes = encoding_rs::GBK.encode(page).0.into_owned();
        let input = read("a.html", &bytes).unwrap();
        assert_eq!(input.source.encoding, TextEncoding::Gbk);
        assert_eq!(input.text, "一、总体情况\n");
    }

    #[test]
    fn not_a_report_is_read_whole() {
        let doc = Html::parse_document("<p>通知</p><div>关于做好年度报告编制工作的通知</div>");
        let (text, _) = render_blocks(&page_blocks(&doc));
        assert_eq!(text, "通知\n\n关于做好年度报告编制工作的通知\n");
    }
}
