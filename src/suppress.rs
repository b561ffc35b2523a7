//! Suppression comments: `<!-- gxlint-disable GX206 -->` … `<!-- gxlint-enable GX206 -->`,
//! `<!-- gxlint-disable-line GX503 -->` (the comment's own line),
//! `<!-- gxlint-disable-next-line GX303 -->`, `<!-- gxlint-disable-file GX405 -->` — markdownlint's
//! spellings. A comment `<!-- gxlint-… -->` with any other directive (`gxlint-disabel`,
//! `gxlint-disable-lines`) suppresses nothing and is kept in [`Suppressions::unknown`] (GX001
//! reports it as an error).
//!
//! Codes are given by code (`GX206`), name (`empty-cell`) or code prefix (`GX2`), separated by
//! spaces or commas; no code means every rule. Each selector records whether it suppressed a
//! diagnostic (`suppresses` is called by `gxlint::lint`), so that GX001 can report the ones that
//! suppressed nothing. Usage is kept in atomics: a `Suppressions` stays `Send + Sync`.
//!
//! This module sits below the rule registry: it matches selectors against a diagnostic's own
//! code and name, and the caller (`gxlint::lint`) hands `parse` the registry's name → code
//! lookup (`rules::code_of`) so that `enable empty-cell` closes `disable GX206`.

use std::sync::LazyLock;
use std::sync::atomic::{AtomicBool, Ordering};

use regex::Regex;

use crate::diagnostic::{Diagnostic, Span};
use crate::line_index::LineIndex;

/// Resolves a selector written in a comment (a code or a name) to a rule's code, when it names
/// exactly one rule (the registry's `rules::code_of`).
pub type CodeOf = fn(&str) -> Option<&'static str>;

/// Whether `selector` (a code, a name, a code prefix such as `GX3`, or `ALL`) names the rule
/// whose code and name are given.
pub fn selector_names(selector: &str, code: &str, name: &str) -> bool {
    let s = selector.trim();
    if s.eq_ignore_ascii_case("ALL") {
        return true;
    }
    name.eq_ignore_ascii_case(s)
        || (s.len() >= 2 && code.len() >= s.len() && code[..s.len()].eq_ignore_ascii_case(s))
}

/// What a suppression comment covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DirectiveKind {
    /// `gxlint-disable`: from the comment to the matching `gxlint-enable` (or the end of file).
    Disable,
    /// `gxlint-disable-line`: the comment's own line.
    Line,
    /// `gxlint-disable-next-line`: the line after the comment.
    NextLine,
    /// `gxlint-disable-file`: the whole file.
    File,
}

impl DirectiveKind {
    pub fn keyword(self) -> &'static str {
        match self {
            DirectiveKind::Disable => "gxlint-disable",
            DirectiveKind::Line => "gxlint-disable-line",
            DirectiveKind::NextLine => "gxlint-disable-next-line",
            DirectiveKind::File => "gxlint-disable-file",
        }
    }
}

/// One code (or name, or prefix) written in a comment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Selector {
    pub text: String,
    pub span: Span,
}

/// One disable comment.
#[derive(Debug)]
pub struct Directive {
    pub kind: DirectiveKind,
    /// The whole comment `<!-- … -->`.
    pub span: Span,
    /// 0-based line of the comment's start.
    pub line: usize,
    /// Empty = every rule.
    pub selectors: Vec<Selector>,
    /// For `Disable`: where each selector's region ends (the start of the enable comment that
    /// names it, or `usize::MAX` when none does); one entry when there are no selectors.
    pub ends: Vec<usize>,
    /// One flag per selector (one flag when there are none).
    used: Vec<AtomicBool>,
}

impl Clone for Directive {
    fn clone(&self) -> Self {
        Directive {
            kind: self.kind,
            span: self.span.clone(),
            line: self.line,
            selectors: self.selectors.clone(),
            ends: self.ends.clone(),
            used: self
                .used
                .iter()
                .map(|u| AtomicBool::new(u.load(Ordering::Relaxed)))
                .collect(),
        }
    }
}

/// A selector (or a selector-less comment) that suppressed nothing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unused {
    pub kind: DirectiveKind,
    /// The selector as written; `None` for a comment without codes.
    pub selector: Option<String>,
    /// The selector's span, or the comment's span when it has no codes.
    pub span: Span,
    /// The whole comment.
    pub comment: Span,
    /// Whether every selector of this comment is unused (the comment can go).
    pub whole_comment: bool,
}

/// A `<!-- gxlint-… -->` comment whose directive is none of [`DIRECTIVES`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownDirective {
    /// The directive as written, `gxlint-disabel`.
    pub keyword: String,
    /// The directive's span (from `gxlint-` to its end).
    pub span: Span,
    /// The whole comment.
    pub comment: Span,
    /// The known directive it is most likely a misspelling of.
    pub suggestion: Option<&'static str>,
}

#[derive(Debug, Clone, Default)]
pub struct Suppressions {
    pub directives: Vec<Directive>,
    /// Comments `<!-- gxlint-… -->` with an unknown directive: they suppress nothing.
    pub unknown: Vec<UnknownDirective>,
}

/// The directives a comment may give, as written after `<!--`.
pub const DIRECTIVES: &[&str] = &[
    "gxlint-disable",
    "gxlint-enable",
    "gxlint-disable-line",
    "gxlint-disable-next-line",
    "gxlint-disable-file",
];

/// `<!-- gxlint-WORD args -->` on one line: the directive runs to the first space (or `-->`).
static COMMENT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"<!--[ \t]*(gxlint-[^\s>]*?)((?:[ \t\u{3000}][^\r\n]*?)?)-->").expect("valid regex")
});

/// The known directive closest to a misspelt one (at most two edits away).
fn suggest(keyword: &str) -> Option<&'static str> {
    let k = keyword.to_ascii_lowercase();
    DIRECTIVES
        .iter()
        .map(|d| (strsim::damerau_levenshtein(&k, d), *d))
        .filter(|(n, _)| *n <= 2)
        .min_by_key(|(n, _)| *n)
        .map(|(_, d)| d)
}

static TOKEN: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"[^\s,，、]+").expect("valid regex"));

fn selectors_of(text: &str, base: usize) -> Vec<Selector> {
    TOKEN
        .find_iter(text)
        .map(|m| Selector {
            text: m.as_str().to_string(),
            span: base + m.start()..base + m.end(),
        })
        .collect()
}

/// Whether two selectors written in comments mean the same rules (for matching enable to
/// disable): equal ignoring case, or naming the same rule by code and by name.
fn same_selector(a: &str, b: &str, code_of: CodeOf) -> bool {
    if a.eq_ignore_ascii_case(b) {
        return true;
    }
    match (code_of(a), code_of(b)) {
        (Some(x), Some(y)) => x == y,
        _ => false,
    }
}

impl Suppressions {
    /// The suppression comments of `text`; `code_of` resolves a selector to a rule code (for
    /// matching an `enable` to its `disable` when one names the rule by code, the other by name).
    pub fn parse(text: &str, lines: &LineIndex, code_of: CodeOf) -> Suppressions {
        let mut directives: Vec<Directive> = Vec::new();
        let mut unknown = Vec::new();
        // Indices of open `Disable` directives.
        let mut open: Vec<usize> = Vec::new();
        for caps in COMMENT.captures_iter(text) {
            let (Some(whole), Some(kw), Some(args)) = (caps.get(0), caps.get(1), caps.get(2))
            else {
                continue;
            };
            let selectors = selectors_of(args.as_str(), args.start());
            let kind = match kw.as_str() {
                "gxlint-disable" => DirectiveKind::Disable,
                "gxlint-disable-line" => DirectiveKind::Line,
                "gxlint-disable-next-line" => DirectiveKind::NextLine,
                "gxlint-disable-file" => DirectiveKind::File,
                "gxlint-enable" => {
                    // enable: close the open selectors it names (all of them when bare).
                    for &i in &open {
                        let d = &mut directives[i];
                        for (k, end) in d.ends.iter_mut().enumerate() {
                            if *end != usize::MAX {
                                continue;
                            }
                            let closes = selectors.is_empty()
                                || d.selectors.get(k).is_some_and(|s| {
                                    selectors
                                        .iter()
                                        .any(|e| same_selector(&s.text, &e.text, code_of))
                                });
                            if closes {
                                *end = whole.start();
                            }
                        }
                    }
                    open.retain(|&i| directives[i].ends.contains(&usize::MAX));
                    continue;
                }
                other => {
                    unknown.push(UnknownDirective {
                        keyword: other.to_string(),
                        span: kw.start()..kw.end(),
                        comment: whole.start()..whole.end(),
                        suggestion: suggest(other),
                    });
                    continue;
                }
            };
            let n = selectors.len().max(1);
            if kind == DirectiveKind::Disable {
                open.push(directives.len());
            }
            directives.push(Directive {
                kind,
                span: whole.start()..whole.end(),
                line: lines.line_of(whole.start()),
                selectors,
                ends: vec![usize::MAX; n],
                used: (0..n).map(|_| AtomicBool::new(false)).collect(),
            });
        }
        Suppressions {
            directives,
            unknown,
        }
    }

    /// Whether `diag` is suppressed; records the use of the comment that suppressed it.
    /// Every comment that covers the diagnostic records the use.
    pub fn suppresses(&self, diag: &Diagnostic, lines: &LineIndex) -> bool {
        let mut hit = false;
        let line = lines.line_of(diag.span.start);
        let start = diag.span.start;
        for d in &self.directives {
            // Whether slot `k` (a selector, or the whole comment) covers the diagnostic's place.
            let covers = |k: usize| match d.kind {
                DirectiveKind::File => true,
                DirectiveKind::Line => line == d.line,
                DirectiveKind::NextLine => line == d.line + 1,
                DirectiveKind::Disable => {
                    start >= d.span.end && d.ends.get(k).is_some_and(|&e| start < e)
                }
            };
            if d.selectors.is_empty() {
                if covers(0) {
                    d.used[0].store(true, Ordering::Relaxed);
                    hit = true;
                }
                continue;
            }
            for (i, s) in d.selectors.iter().enumerate() {
                if !covers(i) {
                    continue;
                }
                if selector_names(&s.text, diag.code, diag.name) {
                    d.used[i].store(true, Ordering::Relaxed);
                    hit = true;
                }
            }
        }
        hit
    }

    /// Forget recorded usage (before linting the same document again).
    pub fn reset_usage(&self) {
        for d in &self.directives {
            for u in &d.used {
                u.store(false, Ordering::Relaxed);
            }
        }
    }

    /// Selectors (or selector-less comments) that have suppressed nothing so far.
    pub fn unused(&self) -> Vec<Unused> {
        let mut out = Vec::new();
        for d in &self.directives {
            let whole = d.used.iter().all(|u| !u.load(Ordering::Relaxed));
            if d.selectors.is_empty() {
                if whole {
                    out.push(Unused {
                        kind: d.kind,
                        selector: None,
                        span: d.span.clone(),
                        comment: d.span.clone(),
                        whole_comment: true,
                    });
                }
                continue;
            }
            for (s, u) in d.selectors.iter().zip(&d.used) {
                if !u.load(Ordering::Relaxed) {
                    out.push(Unused {
                        kind: d.kind,
                        selector: Some(s.text.clone()),
                        span: s.span.clone(),
                        comment: d.span.clone(),
                        whole_comment: whole,
                    });
                }
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Severity;

    fn code_of(s: &str) -> Option<&'static str> {
        [("GX206", "empty-cell"), ("GX303", "row-total")]
            .into_iter()
            .find(|(c, n)| c.eq_ignore_ascii_case(s) || n.eq_ignore_ascii_case(s))
            .map(|(c, _)| c)
    }

    fn diag(code: &'static str, name: &'static str, span: Span) -> Diagnostic {
        Diagnostic {
            code,
            name,
            severity: Severity::Warning,
            message: String::new(),
            span,
            fixes: Vec::new(),
            related: Vec::new(),
            expected: None,
        }
    }

    #[test]
    fn regions_next_line_and_file() {
        let t = "a\n<!-- gxlint-disable GX206, GX303 -->\nb\n<!-- gxlint-enable GX206 -->\nc\n\
                 <!-- gxlint-disable-next-line row-total -->\nd\ne\n<!-- gxlint-disable-file GX4 -->\n";
        let li = LineIndex::new(t);
        let s = Suppressions::parse(t, &li, code_of);
        assert_eq!(s.directives.len(), 3);
        let b = t.find("b\n").unwrap();
        let c = t.find("c\n").unwrap();
        let d = t.find("d\n").unwrap();
        let e = t.find("e\n").unwrap();
        assert!(s.suppresses(&diag("GX206", "empty-cell", b..b + 1), &li));
        assert!(!s.suppresses(&diag("GX206", "empty-cell", c..c + 1), &li));
        assert!(!s.suppresses(&diag("GX206", "empty-cell", e..e + 1), &li));
        assert!(!s.suppresses(&diag("GX206", "empty-cell", 0..1), &li));
        assert!(s.suppresses(&diag("GX303", "row-total", d..d + 1), &li));
        assert!(!s.suppresses(&diag("GX501", "empty-field", e..e + 1), &li));
        assert!(s.suppresses(&diag("GX405", "late-publication", 0..1), &li));
        // GX303 stays disabled after `enable GX206`: e is inside its region.
        assert!(s.suppresses(&diag("GX303", "row-total", e..e + 1), &li));
        assert!(s.unused().is_empty(), "{:?}", s.unused());
    }

    #[test]
    fn unused_selectors() {
        let t = "<!-- gxlint-disable-next-line GX303 GX206 -->\nx\n";
        let li = LineIndex::new(t);
        let s = Suppressions::parse(t, &li, code_of);
        let x = t.rfind('x').unwrap();
        assert!(s.suppresses(&diag("GX206", "empty-cell", x..x + 1), &li));
        let unused = s.unused();
        assert_eq!(unused.len(), 1);
        assert_eq!(unused[0].selector.as_deref(), Some("GX303"));
        assert_eq!(&t[unused[0].span.clone()], "GX303");
        assert!(!unused[0].whole_comment);
        s.reset_usage();
        assert_eq!(s.unused().len(), 2);
    }
}
