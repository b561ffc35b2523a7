//! Pattern data from rules/patterns.toml (web residue, spam names, placeholders, contact-field
//! labels, mojibake), merged with the extra phrases of a gxlint.toml.
//!
//! Each category is compiled into ONE regex (an alternation), so a rule scans a document once per
//! category whatever the number of phrases. Adding a phrase is a data change in the TOML file.

use regex::Regex;
use serde::Deserialize;

use crate::diagnostic::{Edit, Span};

/// Extra phrases a project adds to the built-in patterns (`[extra]` of gxlint.toml).
#[derive(Debug, Clone, Default, serde::Deserialize)]
pub struct ExtraPatterns {
    #[serde(default)]
    pub residue: Vec<String>,
    #[serde(default)]
    pub placeholders: Vec<String>,
    #[serde(default)]
    pub spam: Vec<String>,
}

const PATTERNS_TOML: &str = include_str!("../rules/patterns.toml");

/// What `{S}` stands for in a pattern: one horizontal blank.
const BLANK: &str = r"[ \t\u{3000}\u{00A0}]";

#[derive(Debug, Default, Deserialize)]
struct CategoryFile {
    #[serde(default)]
    phrases: Vec<String>,
    #[serde(default)]
    patterns: Vec<String>,
    #[serde(default)]
    suffixes: Vec<String>,
}

#[derive(Debug, Default, Deserialize)]
struct FieldsFile {
    #[serde(default)]
    labels: Vec<String>,
    #[serde(default)]
    postcode: Vec<String>,
    #[serde(default)]
    email: Vec<String>,
    #[serde(default)]
    phone: Vec<String>,
}

#[derive(Debug, Default, Deserialize)]
struct PatternsFile {
    #[serde(default)]
    residue: CategoryFile,
    #[serde(default)]
    spam: CategoryFile,
    #[serde(default)]
    placeholders: CategoryFile,
    #[serde(default)]
    placeholder_values: CategoryFile,
    #[serde(default)]
    fields: FieldsFile,
    #[serde(default)]
    mojibake: CategoryFile,
}

/// One category of patterns compiled into a single regex (`None` when the category is empty).
///
/// The regex is compiled on first use: a run compiles only the categories of the rules that run
/// (compiling was most of a single-file `check`'s CPU time).
#[derive(Debug, Clone, Default)]
pub struct Patterns {
    src: Option<String>,
    re: std::sync::OnceLock<Option<Regex>>,
}

fn build_regex(src: &str) -> Result<Regex, regex::Error> {
    regex::RegexBuilder::new(src)
        .size_limit(64 << 20)
        .dfa_size_limit(64 << 20)
        .build()
}

impl Patterns {
    /// Compile literal `phrases` (longest first) and regex `patterns` into one alternation,
    /// with an optional `prefix` (flags) and `suffix` (appended to the whole alternation).
    fn compile(
        what: &str,
        phrases: &[String],
        patterns: &[String],
        flags: &str,
        suffix: &str,
        eager: bool,
    ) -> Result<Patterns, String> {
        let mut phrases: Vec<&String> = phrases.iter().filter(|p| !p.trim().is_empty()).collect();
        phrases.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
        phrases.dedup();
        let mut alts: Vec<String> = phrases.iter().map(|p| regex::escape(p)).collect();
        for p in patterns {
            alts.push(p.replace("{S}", BLANK));
        }
        if alts.is_empty() {
            return Ok(Patterns::default());
        }
        let body = alts
            .iter()
            .map(|a| format!("(?:{a})"))
            .collect::<Vec<_>>()
            .join("|");
        let src = format!("(?m{flags}:(?:{body}){suffix})");
        if !eager {
            return Ok(Patterns::lazy(src));
        }
        if let Err(e) = build_regex(&src) {
            // Name the faulty pattern when one is.
            for p in patterns {
                let p = p.replace("{S}", BLANK);
                Regex::new(&p)
                    .map_err(|e| format!("rules/patterns.toml [{what}] 模式 `{p}` 无效：{e}"))?;
            }
            return Err(format!("rules/patterns.toml [{what}] 无法编译：{e}"));
        }
        Ok(Patterns::lazy(src))
    }

    fn lazy(src: String) -> Patterns {
        Patterns {
            src: Some(src),
            re: std::sync::OnceLock::new(),
        }
    }

    /// The compiled regex (compiled now if not yet). The built-in patterns are known to compile
    /// (`all_built_in_patterns_compile`); extra phrases are checked when they are added.
    fn re(&self) -> Option<&Regex> {
        self.re
            .get_or_init(|| self.src.as_deref().and_then(|s| build_regex(s).ok()))
            .as_ref()
    }

    /// Byte spans of the non-overlapping matches in `text`.
    pub fn find_iter<'t>(&'t self, text: &'t str) -> impl Iterator<Item = Span> + 't {
        self.re()
            .into_iter()
            .flat_map(move |re| re.find_iter(text).map(|m| m.range()))
    }

    /// The spans of the first capture group (or of the whole match when it has none).
    pub fn find_groups(&self, text: &str) -> Vec<Span> {
        let Some(re) = self.re() else {
            return Vec::new();
        };
        re.captures_iter(text)
            .filter_map(|c| {
                c.iter()
                    .skip(1)
                    .flatten()
                    .next()
                    .or_else(|| c.get(0))
                    .map(|m| m.range())
            })
            .collect()
    }

    pub fn is_match(&self, text: &str) -> bool {
        self.re().is_some_and(|re| re.is_match(text))
    }
}

/// What kind of value a contact-field label introduces (GX506).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldKind {
    Postcode,
    Email,
    Phone,
    Other,
}

/// Labels of a contact block (`地址：`, `联系电话：` …).
#[derive(Debug, Clone, Default)]
pub struct Fields {
    /// A label followed by its colon; group 1 is the label.
    pub label: Patterns,
    postcode: Vec<String>,
    email: Vec<String>,
    phone: Vec<String>,
}

impl Fields {
    pub fn kind(&self, label: &str) -> FieldKind {
        if self.postcode.iter().any(|l| l == label) {
            FieldKind::Postcode
        } else if self.email.iter().any(|l| l == label) {
            FieldKind::Email
        } else if self.phone.iter().any(|l| l == label) {
            FieldKind::Phone
        } else {
            FieldKind::Other
        }
    }

    /// All `label：` occurrences: (span of label and colon, span of the label).
    pub fn find(&self, text: &str) -> Vec<(Span, Span)> {
        let Some(re) = self.label.re() else {
            return Vec::new();
        };
        re.captures_iter(text)
            .filter_map(|c| Some((c.get(0)?.range(), c.get(1)?.range())))
            .collect()
    }
}

#[derive(Debug, Clone, Default)]
pub struct Data {
    /// GX503: web-page and Word-export residue.
    pub residue: Patterns,
    /// GX504: injected spam site names (with their suffixes).
    pub spam: Patterns,
    /// GX502: unfilled template placeholders.
    pub placeholders: Patterns,
    /// GX502: `None`/`null`/… as a value (group 1 is the value).
    pub placeholder_values: Patterns,
    /// GX501/GX506: contact-field labels.
    pub fields: Fields,
    /// GX505: known mis-decoding sequences.
    pub mojibake: Patterns,
}

impl Data {
    /// The built-in data with `extra` phrases added.
    pub fn build(extra: &ExtraPatterns) -> Result<Data, String> {
        let file: PatternsFile = toml::from_str(PATTERNS_TOML)
            .map_err(|e| format!("rules/patterns.toml 无法解析：{e}"))?;
        let join = |a: &[String], b: &[String]| -> Vec<String> {
            a.iter().chain(b.iter()).cloned().collect()
        };

        let residue = Patterns::compile(
            "residue",
            &join(&file.residue.phrases, &extra.residue),
            &file.residue.patterns,
            "",
            "",
            !extra.residue.is_empty(),
        )?;

        let mut suffixes: Vec<String> = file
            .spam
            .suffixes
            .iter()
            .map(|s| regex::escape(s))
            .collect();
        suffixes.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
        let spam_suffix = if suffixes.is_empty() {
            String::new()
        } else {
            format!("(?:{})*", suffixes.join("|"))
        };
        let spam = Patterns::compile(
            "spam",
            &join(&file.spam.phrases, &extra.spam),
            &file.spam.patterns,
            "i",
            &spam_suffix,
            !extra.spam.is_empty(),
        )?;

        let placeholders = Patterns::compile(
            "placeholders",
            &join(&file.placeholders.phrases, &extra.placeholders),
            &file.placeholders.patterns,
            "",
            "",
            !extra.placeholders.is_empty(),
        )?;
        let placeholder_values = Patterns::compile(
            "placeholder_values",
            &file.placeholder_values.phrases,
            &file.placeholder_values.patterns,
            "",
            "",
            false,
        )?;

        let mut labels = file.fields.labels.clone();
        labels.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
        labels.dedup();
        let label = if labels.is_empty() {
            Patterns::default()
        } else {
            let alts = labels
                .iter()
                .map(|l| regex::escape(l))
                .collect::<Vec<_>>()
                .join("|");
            let src = format!("({alts}){BLANK}*[:：]");
            Patterns::lazy(src)
        };
        let fields = Fields {
            label,
            postcode: file.fields.postcode,
            email: file.fields.email,
            phone: file.fields.phone,
        };

        let mojibake = Patterns::compile(
            "mojibake",
            &file.mojibake.phrases,
            &file.mojibake.patterns,
            "",
            "",
            false,
        )?;

        Ok(Data {
            residue,
            spam,
            placeholders,
            placeholder_values,
            fields,
            mojibake,
        })
    }
}

/// Whether a character carries no content (white space, punctuation, symbols).
pub fn is_blank_char(c: char) -> bool {
    !c.is_alphanumeric()
}

/// Start of the line containing `offset` (after a `\n` or `\r`).
pub fn line_start(text: &str, offset: usize) -> usize {
    text.as_bytes()[..offset.min(text.len())]
        .iter()
        .rposition(|&b| b == b'\n' || b == b'\r')
        .map_or(0, |i| i + 1)
}

/// End of the content of the line containing `offset` (before its line break).
pub fn line_end(text: &str, offset: usize) -> usize {
    let from = offset.min(text.len());
    text.as_bytes()[from..]
        .iter()
        .position(|&b| b == b'\n' || b == b'\r')
        .map_or(text.len(), |i| from + i)
}

/// The end of the line break at `end` (`\r\n`, `\n` or `\r`), or `end` at the end of the text.
pub fn after_line_break(text: &str, end: usize) -> usize {
    let b = text.as_bytes();
    match b.get(end) {
        Some(b'\r') if b.get(end + 1) == Some(&b'\n') => end + 2,
        Some(b'\r') | Some(b'\n') => end + 1,
        _ => end,
    }
}

/// The edit that deletes `span` (a residue or spam match): the whole line with its line break
/// when nothing but blanks and punctuation is left on it once every span of `removable` (sorted,
/// non-overlapping) on that line is gone; otherwise exactly `span`. The bool says "whole line".
///
/// For many spans of one text, use a [`Deleter`]: it measures each line once.
pub fn deletion(text: &str, span: &Span, removable: &[Span]) -> (Edit, bool) {
    Deleter::new(text, removable).deletion(span)
}

/// [`deletion`] for the spans of one text in order: each line's bounds and whether it is blank
/// once its removable spans are gone are computed once, so that many matches on one long line
/// take linear time.
pub struct Deleter<'t> {
    text: &'t str,
    removable: &'t [Span],
    /// The last line measured: its start, the end of its content, and whether it is blank
    /// once its removable spans are gone.
    line: Option<(usize, usize, bool)>,
}

impl<'t> Deleter<'t> {
    pub fn new(text: &'t str, removable: &'t [Span]) -> Deleter<'t> {
        Deleter {
            text,
            removable,
            line: None,
        }
    }

    /// The line holding `offset`: (start, end of content, blank once its removable spans are gone).
    fn line_of(&mut self, offset: usize) -> (usize, usize, bool) {
        if let Some(l @ (ls, le, _)) = self.line
            && ls <= offset
            && offset <= le
        {
            return l;
        }
        let text = self.text;
        let ls = line_start(text, offset);
        let le = line_end(text, offset);
        let removable = self.removable;
        let first = removable.partition_point(|r| r.end <= ls);
        let mut pos = ls;
        let mut blank = true;
        let only_blanks = |p: Span| text.get(p).is_none_or(|s| s.chars().all(is_blank_char));
        for r in &removable[first..] {
            if r.start >= le {
                break;
            }
            let (a, b) = (r.start.max(ls), r.end.min(le));
            if a > pos && !only_blanks(pos..a) {
                blank = false;
                break;
            }
            pos = pos.max(b);
        }
        if blank && le > pos && !only_blanks(pos..le) {
            blank = false;
        }
        let l = (ls, le, blank);
        self.line = Some(l);
        l
    }

    /// The edit that deletes `span`, as [`deletion`] says.
    pub fn deletion(&mut self, span: &Span) -> (Edit, bool) {
        let (ls, le, blank) = self.line_of(span.start);
        // A span that runs past the end of its first line never takes a whole line.
        if blank && span.end <= le {
            (Edit::delete(ls..after_line_break(self.text, le)), true)
        } else {
            (Edit::delete(span.clone()), false)
        }
    }
}

/// Residue and spam spans of `text`, merged, sorted and non-overlapping (what the GX503/GX504
/// fixes may delete together).
pub fn removable_spans(data: &Data, text: &str) -> Vec<Span> {
    merge_spans(
        data.residue
            .find_iter(text)
            .chain(data.spam.find_iter(text))
            .collect(),
    )
}

/// Sort spans and merge the overlapping ones.
pub fn merge_spans(mut v: Vec<Span>) -> Vec<Span> {
    v.sort_by_key(|s| (s.start, s.end));
    let mut out: Vec<Span> = Vec::with_capacity(v.len());
    for s in v {
        match out.last_mut() {
            Some(last) if s.start <= last.end => last.end = last.end.max(s.end),
            _ => out.push(s),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builds_and_adds_extra_phrases() {
        let d = Data::build(&ExtraPatterns::default()).unwrap();
        assert!(!d.residue.is_match("自定义残留短语"));
        let extra = ExtraPatterns {
            residue: vec!["自定义残留短语(".into()],
            placeholders: vec!["[某某]".into()],
            spam: vec!["某某娱乐".into()],
        };
        let d = Data::build(&extra).unwrap();
        assert!(d.residue.is_match("前自定义残留短语(后"));
        assert!(d.placeholders.is_match("某[某某]某"));
        assert!(d.spam.is_match("某某娱乐官网"));
        let spans: Vec<_> = d.spam.find_iter("x某某娱乐官网y").collect();
        assert_eq!(spans, vec![1..1 + "某某娱乐官网".len()]);
    }

    #[test]
    fn all_built_in_patterns_compile() {
        let d = Data::build(&ExtraPatterns::default()).unwrap();
        for p in [
            &d.residue,
            &d.spam,
            &d.placeholders,
            &d.placeholder_values,
            &d.fields.label,
            &d.mojibake,
        ] {
            assert!(p.src.is_some() && p.re().is_some(), "{:?}", p.src);
        }
    }

    #[test]
    fn deletion_takes_the_line_only_when_blank() {
        let text = "a\n字体: \nb 字体:\nc";
        let d = Data::build(&ExtraPatterns::default()).unwrap();
        let rem = removable_spans(&d, text);
        assert_eq!(rem.len(), 2);
        let (e, whole) = deletion(text, &rem[0], &rem);
        assert!(whole);
        assert_eq!(e.range, 2..2 + "字体: \n".len());
        let (e, whole) = deletion(text, &rem[1], &rem);
        assert!(!whole);
        assert_eq!(&text[e.range], "字体:");
    }
}
