//! `gxlint.toml`: found by walking up from each file; resolved into `Settings`.

use std::collections::HashMap;
use std::sync::{Arc, LazyLock};

use crate::data::Data;
pub use crate::data::ExtraPatterns;
use crate::diagnostic::Severity;
use crate::document::ParseOptions;
use crate::format::Format;
use crate::rules::Rule;
pub use crate::rules::selector_matches;

/// Everything a check needs besides the text.
#[derive(Debug, Clone)]
pub struct Settings {
    /// Report year N (overrides the title).
    pub year: Option<i32>,
    /// Format (overrides the one chosen by the year).
    pub format: Option<Format>,
    /// Rule selectors (code, name or code prefix); empty = all.
    pub select: Vec<String>,
    pub ignore: Vec<String>,
    /// Per-rule severity, keyed by code.
    pub severity: HashMap<String, Severity>,
    pub data: Arc<Data>,
    /// Which files the configuration covers (`include` / `exclude`).
    pub files: Arc<FileFilter>,
}

static DEFAULT_DATA: LazyLock<Arc<Data>> = LazyLock::new(|| {
    Arc::new(Data::build(&ExtraPatterns::default()).expect("built-in rules/ data"))
});

impl Default for Settings {
    fn default() -> Self {
        Settings {
            year: None,
            format: None,
            select: Vec::new(),
            ignore: Vec::new(),
            severity: HashMap::new(),
            data: DEFAULT_DATA.clone(),
            files: Arc::new(FileFilter::default()),
        }
    }
}

impl Settings {
    /// What the document reader takes from these settings.
    pub fn parse_options(&self) -> ParseOptions {
        ParseOptions {
            year: self.year,
            format: self.format,
        }
    }

    /// Why the file at `path` is not checked under these settings (`exclude`, or not in
    /// `include`), or `None` when it is.
    pub fn skip_reason(&self, path: &Path) -> Option<&'static str> {
        self.files.skip_reason(path)
    }

    /// Whether a directory walk picks up `path` by its name: `include` when the configuration
    /// sets it, else the `default` test (the text extensions).
    pub fn walk_wants(&self, path: &Path, default: impl Fn(&Path) -> bool) -> bool {
        match &self.files.include {
            Some(_) => self.files.included(path),
            None => default(path),
        }
    }

    /// Whether a rule runs under these settings (select, then ignore).
    pub fn enabled(&self, rule: &Rule) -> bool {
        let selected =
            self.select.is_empty() || self.select.iter().any(|s| selector_matches(s, rule));
        selected && !self.ignore.iter().any(|s| selector_matches(s, rule))
    }
}

// ---------------------------------------------------------------------------------------------
// gxlint.toml: discovery and parsing
// ---------------------------------------------------------------------------------------------

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use toml::Spanned;

/// The name of the configuration file.
pub const CONFIG_FILE: &str = "gxlint.toml";

/// A configuration file that cannot be used: names the file and, when known, the line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError {
    pub path: PathBuf,
    /// 1-based line of the offending key or value.
    pub line: Option<usize>,
    pub message: String,
}

impl std::fmt::Display for ConfigError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.line {
            Some(l) => write!(
                f,
                "{}:{}: 配置错误：{}",
                self.path.display(),
                l,
                self.message
            ),
            None => write!(f, "{}: 配置错误：{}", self.path.display(), self.message),
        }
    }
}

impl std::error::Error for ConfigError {}

#[derive(Debug, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    year: Option<Spanned<i64>>,
    format: Option<Spanned<String>>,
    select: Option<Vec<Spanned<String>>>,
    ignore: Option<Vec<Spanned<String>>>,
    severity: Option<BTreeMap<String, Spanned<String>>>,
    extra: Option<Spanned<RawExtra>>,
    include: Option<Vec<Spanned<String>>>,
    exclude: Option<Vec<Spanned<String>>>,
}

#[derive(Debug, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct RawExtra {
    #[serde(default)]
    residue: Vec<Spanned<String>>,
    #[serde(default)]
    placeholders: Vec<Spanned<String>>,
    #[serde(default)]
    spam: Vec<Spanned<String>>,
}

/// 1-based line of a byte offset.
fn line_at(text: &str, offset: usize) -> usize {
    let offset = offset.min(text.len());
    text.as_bytes()[..offset]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

/// Whether a selector (code, name, prefix or `ALL`) names at least one rule.
pub fn selector_is_known(selector: &str) -> bool {
    crate::rules::ALL
        .iter()
        .any(|r| selector_matches(selector, r))
}

/// Parse the text of a `gxlint.toml` (`path` is only used in errors) into settings.
pub fn parse_config(text: &str, path: &Path) -> Result<Settings, ConfigError> {
    let err = |span: Option<std::ops::Range<usize>>, message: String| ConfigError {
        path: path.to_path_buf(),
        line: span.map(|s| line_at(text, s.start)),
        message,
    };
    let raw: RawConfig = toml::from_str(text).map_err(|e| {
        let msg = toml_message_zh(e.message().trim());
        err(e.span(), msg)
    })?;
    let mut s = Settings::default();
    if let Some(y) = raw.year {
        let v = *y.get_ref();
        if !(2000..=2100).contains(&v) {
            return Err(err(
                Some(y.span()),
                format!("year 应为 2000–2100 之间的年份，实为 {v}"),
            ));
        }
        s.year = Some(v as i32);
    }
    if let Some(f) = raw.format {
        s.format = Some(Format::parse(f.get_ref()).ok_or_else(|| {
            err(
                Some(f.span()),
                format!(
                    "format 应为 \"2021\"、\"2019\" 或 \"pre-2019\"，实为 \"{}\"",
                    f.get_ref()
                ),
            )
        })?);
    }
    for (key, list, dst) in [
        ("select", raw.select, &mut s.select),
        ("ignore", raw.ignore, &mut s.ignore),
    ] {
        for sel in list.into_iter().flatten() {
            if !selector_is_known(sel.get_ref()) {
                return Err(err(
                    Some(sel.span()),
                    format!(
                        "{key} 中的“{}”不是已知的规则代码、名称或代码前缀",
                        sel.get_ref()
                    ),
                ));
            }
            dst.push(sel.into_inner());
        }
    }
    for (key, value) in raw.severity.into_iter().flatten() {
        let Some(rule) = crate::rules::find(&key) else {
            return Err(err(
                Some(value.span()),
                format!("[severity] 中的“{key}”不是已知的规则代码或名称"),
            ));
        };
        let Some(sev) = Severity::parse(value.get_ref()) else {
            return Err(err(
                Some(value.span()),
                format!(
                    "[severity] {key} 的级别应为 \"error\"、\"warning\" 或 \"info\"，实为 \"{}\"",
                    value.get_ref()
                ),
            ));
        };
        s.severity.insert(rule.code.to_string(), sev);
    }
    if let Some(extra) = raw.extra {
        let span = extra.span();
        let e = extra.into_inner();
        // An empty phrase would match everywhere (or, dropped, hide a typo): an error.
        let phrases = |key: &str, list: Vec<Spanned<String>>| {
            let mut out = Vec::with_capacity(list.len());
            for p in list {
                if p.get_ref().trim().is_empty() {
                    return Err(err(
                        Some(p.span()),
                        format!("[extra] {key} 中有空短语；删去它，或写上要查找的文字"),
                    ));
                }
                out.push(p.into_inner());
            }
            Ok(out)
        };
        let patterns = ExtraPatterns {
            residue: phrases("residue", e.residue)?,
            placeholders: phrases("placeholders", e.placeholders)?,
            spam: phrases("spam", e.spam)?,
        };
        let data = Data::build(&patterns).map_err(|m| err(Some(span), format!("[extra]：{m}")))?;
        s.data = Arc::new(data);
    }
    let root = absolute(path)
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_default();
    let globs = |key: &str, list: Option<Vec<Spanned<String>>>| -> Result<_, ConfigError> {
        let Some(list) = list else { return Ok(None) };
        GlobSet::parse(&root, list.iter().map(|g| g.get_ref().as_str()))
            .map(Some)
            .map_err(|(i, m)| {
                let g = &list[i];
                err(Some(g.span()), format!("{key} 中的“{}”：{m}", g.get_ref()))
            })
    };
    let include = globs("include", raw.include)?;
    let exclude = globs("exclude", raw.exclude)?;
    s.files = Arc::new(FileFilter {
        include,
        exclude: exclude.into_iter().collect(),
    });
    Ok(s)
}

// ---------------------------------------------------------------------------------------------
// include / exclude
// ---------------------------------------------------------------------------------------------

/// Why a file excluded by `exclude` (or `--exclude`) is not checked.
pub const EXCLUDED: &str = "被 exclude 排除（gxlint.toml 或 --exclude）";
/// Why a file outside `include` is not checked.
pub const NOT_INCLUDED: &str = "不在 gxlint.toml 的 include 之中";

/// Globs in `.gitignore` syntax, relative to a root folder (the configuration file's, or the
/// working folder for `--exclude`): `README.md` matches at any depth, `docs/` a folder and all
/// under it, `/notes.md` only at the root, `!keep.md` re-admits, `**` crosses folders.
#[derive(Debug, Clone)]
pub struct GlobSet {
    root: PathBuf,
    matcher: ignore::gitignore::Gitignore,
}

impl GlobSet {
    /// The globs rooted at `root`; an error names the index of the glob at fault and what is
    /// wrong with it.
    pub fn parse<'g>(
        root: &Path,
        globs: impl IntoIterator<Item = &'g str>,
    ) -> Result<GlobSet, (usize, String)> {
        let root = absolute(root);
        let mut builder = ignore::gitignore::GitignoreBuilder::new(&root);
        let mut last = 0;
        for (i, glob) in globs.into_iter().enumerate() {
            last = i;
            if glob.trim().is_empty() {
                return Err((i, "空的匹配模式；删去它，或写上要匹配的文件".into()));
            }
            builder
                .add_line(None, glob)
                .map_err(|e| (i, format!("不是有效的匹配模式（{e}）")))?;
        }
        let matcher = builder
            .build()
            .map_err(|e| (last, format!("不是有效的匹配模式（{e}）")))?;
        Ok(GlobSet { root, matcher })
    }

    /// Whether `path` (a file) or one of its folders up to the root matches the last glob that
    /// speaks of it positively (a later `!glob` re-admits).
    pub fn matches(&self, path: &Path) -> bool {
        let abs = absolute(path);
        let rel = match abs.strip_prefix(&self.root) {
            Ok(r) => r.to_path_buf(),
            // Outside the root only the globs that name a file anywhere can apply.
            Err(_) => match abs.file_name() {
                Some(n) => PathBuf::from(n),
                None => return false,
            },
        };
        let mut cur: &Path = &rel;
        let mut is_dir = false;
        loop {
            match self.matcher.matched(cur, is_dir) {
                ignore::Match::Ignore(_) => return true,
                ignore::Match::Whitelist(_) => return false,
                ignore::Match::None => {}
            }
            match cur.parent() {
                Some(p) if !p.as_os_str().is_empty() => {
                    cur = p;
                    is_dir = true;
                }
                _ => return false,
            }
        }
    }
}

/// The files a configuration covers.
#[derive(Debug, Clone, Default)]
pub struct FileFilter {
    /// `include`: when set, only the files it matches are checked (and a directory walk picks
    /// them up whatever their extension).
    pub include: Option<GlobSet>,
    /// `exclude` from gxlint.toml, then `--exclude` from the command line.
    pub exclude: Vec<GlobSet>,
}

impl FileFilter {
    fn included(&self, path: &Path) -> bool {
        self.include.as_ref().is_none_or(|g| g.matches(path))
    }

    pub fn skip_reason(&self, path: &Path) -> Option<&'static str> {
        if self.exclude.iter().any(|g| g.matches(path)) {
            Some(EXCLUDED)
        } else if !self.included(path) {
            Some(NOT_INCLUDED)
        } else {
            None
        }
    }

    /// This filter with `extra` excludes added (the command line's `--exclude`).
    pub fn with_exclude(&self, extra: &GlobSet) -> FileFilter {
        let mut f = self.clone();
        f.exclude.push(extra.clone());
        f
    }
}

/// Read and parse a `gxlint.toml`.
pub fn load_file(path: &Path) -> Result<Settings, ConfigError> {
    let bytes = crate::files::read_regular(path, 1 << 20).map_err(|e| ConfigError {
        path: path.to_path_buf(),
        line: None,
        message: format!("无法读取：{e}"),
    })?;
    let text = String::from_utf8(bytes).map_err(|e| ConfigError {
        path: path.to_path_buf(),
        line: None,
        message: format!(
            "不是有效的 UTF-8 文本（第 {} 字节处）",
            e.utf8_error().valid_up_to()
        ),
    })?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    parse_config(text, path)
}

fn absolute(p: &Path) -> PathBuf {
    std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf())
}

/// The nearest `gxlint.toml` in `dir` or one of its ancestors.
pub fn find_config(dir: &Path) -> Option<PathBuf> {
    absolute(dir)
        .ancestors()
        .map(|d| d.join(CONFIG_FILE))
        .find(|p| p.exists())
}

/// The directory whose configuration applies to `path` (its parent for a file).
fn dir_of(path: &Path) -> PathBuf {
    let abs = absolute(path);
    if abs.is_dir() {
        abs
    } else {
        abs.parent().map(Path::to_path_buf).unwrap_or(abs)
    }
}

/// The settings for the files of `dir`: the nearest `gxlint.toml` walking up, or the defaults.
pub fn load_for_dir(dir: &Path) -> Result<Settings, ConfigError> {
    match find_config(dir) {
        Some(p) => load_file(&p),
        None => Ok(Settings::default()),
    }
}

/// The settings for the file (or directory) `path`: the nearest `gxlint.toml` walking up from
/// its directory, or the defaults when there is none.
pub fn load_for_path(path: &Path) -> Result<Settings, ConfigError> {
    load_for_dir(&dir_of(path))
}

/// Configuration lookup with a cache per directory and per configuration file.
#[derive(Debug, Default)]
pub struct ConfigCache {
    dirs: HashMap<PathBuf, Option<PathBuf>>,
    files: HashMap<PathBuf, Result<Settings, ConfigError>>,
}

impl ConfigCache {
    pub fn new() -> ConfigCache {
        ConfigCache::default()
    }

    /// The configuration file that applies in `dir` (walking up, each directory looked at once).
    pub fn config_for_dir(&mut self, dir: &Path) -> Option<PathBuf> {
        let dir = absolute(dir);
        let mut visited = Vec::new();
        let mut found = None;
        for d in dir.ancestors() {
            if let Some(known) = self.dirs.get(d) {
                found = known.clone();
                break;
            }
            visited.push(d.to_path_buf());
            // Anything named gxlint.toml counts: a directory of that name is an error when
            // loaded, not silently skipped.
            let candidate = d.join(CONFIG_FILE);
            if candidate.exists() {
                found = Some(candidate);
                break;
            }
        }
        for d in visited {
            self.dirs.insert(d, found.clone());
        }
        found
    }

    /// Settings for the file or directory `path`, and the configuration file they came from.
    pub fn settings_for(
        &mut self,
        path: &Path,
    ) -> Result<(Settings, Option<PathBuf>), ConfigError> {
        let Some(cfg) = self.config_for_dir(&dir_of(path)) else {
            return Ok((Settings::default(), None));
        };
        let r = self
            .files
            .entry(cfg.clone())
            .or_insert_with(|| load_file(&cfg));
        r.clone().map(|s| (s, Some(cfg)))
    }
}

/// serde's and toml's messages (`unknown field … expected one of …`) in Chinese; a message not
/// recognised is kept, after a Chinese lead.
fn toml_message_zh(msg: &str) -> String {
    static PATTERNS: LazyLock<Vec<(regex::Regex, &'static str)>> = LazyLock::new(|| {
        [
            (
                r"^unknown field `([^`]*)`, expected one of (.*)$",
                "不认识的键“$1”；可用的键：$2",
            ),
            (
                r"^unknown field `([^`]*)`, expected (.*)$",
                "不认识的键“$1”；可用的键：$2",
            ),
            (
                r"^unknown field `([^`]*)`, there are no fields$",
                "不认识的键“$1”；这里不能有键",
            ),
            (r"^missing field `([^`]*)`$", "缺少键“$1”"),
            (r"^duplicate key$", "键重复出现"),
            (r"^duplicate key `([^`]*)`.*$", "键“$1”重复出现"),
            (
                r"^invalid type: (.*), expected (.*)$",
                "值的类型不对：应为$2，实为$1",
            ),
            (
                r"^invalid value: (.*), expected (.*)$",
                "值不对：应为$2，实为$1",
            ),
            (
                r"^string values must be quoted.*$",
                "字符串值要加引号，如 \"2021\"",
            ),
            (r"^unclosed table, expected `\]`$", "表名缺少右方括号“]”"),
            (r"^unclosed array, expected `\]`$", "数组缺少右方括号“]”"),
            (r"^key with no value, expected `=`$", "键后缺少“= 值”"),
            (
                r"^invalid string.*$",
                "字符串写法不对（引号不成对，或有未转义的字符）",
            ),
            (
                r"^invalid basic string.*$",
                "字符串写法不对（引号不成对，或有未转义的字符）",
            ),
        ]
        .into_iter()
        .map(|(p, r)| (regex::Regex::new(p).expect("pattern"), r))
        .collect()
    });
    static TYPES: &[(&str, &str)] = &[
        ("a sequence", "数组（如 [\"GX5\"]）"),
        ("i64", "整数"),
        ("a string", "字符串"),
        ("a map", "表"),
        ("a boolean", "true 或 false"),
        ("string ", "字符串 "),
        ("integer ", "整数 "),
        ("sequence", "数组"),
        ("map", "表"),
        ("boolean ", "布尔值 "),
    ];
    for (re, rep) in PATTERNS.iter() {
        if re.is_match(msg) {
            let mut out = re.replace(msg, *rep).into_owned();
            out = out.replace("`, `", "、").replace(['`'], "");
            for (en, zh) in TYPES {
                out = out.replace(en, zh);
            }
            return out;
        }
    }
    format!("TOML 写法有误（{msg}）")
}
