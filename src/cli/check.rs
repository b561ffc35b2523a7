//! `gxlint check [PATH…]`.

use std::collections::BTreeSet;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{ArgAction, Args, ValueEnum};
use codespan_reporting::term::termcolor::{Buffer, ColorChoice, StandardStream, WriteColor};
use rayon::prelude::*;

use gxlint::config::{ConfigCache, GlobSet, Settings, selector_is_known};
use gxlint::diagnostic::Severity;
use gxlint::document::{Document, Format};
use gxlint::fix::{FixMode, WriteOptions};
use gxlint::render::{self, FileResult};

/// File extensions a directory walk picks up.
const EXTENSIONS: &[&str] = &["md", "markdown", "txt"];

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// 要检查的文件或目录（目录下递归查找 *.md、*.markdown、*.txt，遵循 .gitignore）；`-` 表示标准输入。缺省为当前目录
    pub paths: Vec<PathBuf>,

    /// 输出格式（缺省 full）
    #[arg(long, value_enum, value_name = "FORMAT")]
    pub output_format: Option<OutputFormat>,

    /// 同 --output-format（旧写法）；也仍接受报告格式版本 2021、2019、pre-2019（请改用 --report-format）
    #[arg(long = "format", value_name = "FORMAT")]
    pub formats: Vec<String>,

    /// 报告格式版本：2021、2019 或 pre-2019（覆盖按报告年度推断的版本和配置文件）
    #[arg(long, value_name = "VERSION", value_parser = parse_report_format)]
    pub report_format: Option<Format>,

    /// 按规则统计问题数量和其中可自动修复的数量，代替逐条列出（与 full、concise 或 json 一起使用）
    #[arg(long)]
    pub statistics: bool,

    /// 按文件和规则列出修复了哪些问题（与 --fix、--diff 一起使用），不修复时列出可自动修复的问题
    #[arg(long)]
    pub show_fixes: bool,

    /// 把报告写入这个文件而不是标准输出（先写临时文件再改名，不会留下写了一半的文件）
    #[arg(long, value_name = "PATH")]
    pub output_file: Option<PathBuf>,

    /// 安静：-q 只列出问题，不输出汇总行和修复计数；-qq 什么也不输出（看退出码；--output-file 仍写入）
    #[arg(short, long, action = ArgAction::Count)]
    pub quiet: u8,

    /// 何时使用颜色：auto（输出到终端且未设置 NO_COLOR 时）、always、never
    #[arg(long, value_enum, value_name = "WHEN", default_value_t = ColorArg::Auto)]
    pub color: ColorArg,

    /// 发现问题时退出码也为 0（无法读取或写回文件时仍为 2）
    #[arg(long)]
    pub exit_zero: bool,

    /// 达到这一级别的诊断使退出码为 1
    #[arg(long, value_enum, default_value_t = FailOn::Warning)]
    pub fail_on: FailOn,

    /// 只运行这些规则（代码、名称或代码前缀，逗号分隔，可重复）；替换配置文件中的 select
    #[arg(long, value_delimiter = ',', value_name = "RULES")]
    pub select: Vec<String>,

    /// 不运行这些规则（代码、名称或代码前缀，逗号分隔，可重复）；与配置文件中的 ignore 合并
    #[arg(long, value_delimiter = ',', value_name = "RULES")]
    pub ignore: Vec<String>,

    /// 报告年度（覆盖标题中的年份和配置文件）
    #[arg(long)]
    pub year: Option<i32>,

    /// 标准输入内容的文件名（用于输出和查找 gxlint.toml）
    #[arg(long, value_name = "PATH")]
    pub stdin_filename: Option<PathBuf>,

    /// 应用安全修复并写回文件（标准输入时把修复后的文本写到标准输出）
    #[arg(long)]
    pub fix: bool,

    /// 与 --fix 或 --diff 一起使用：也应用不安全修复（会改动数字或需要猜测）
    #[arg(long)]
    pub unsafe_fixes: bool,

    /// 打印修复会做的改动（unified diff），不写文件
    #[arg(long)]
    pub diff: bool,

    /// 在标准错误上列出跳过的文件（不是年度报告的文件）及原因
    #[arg(short, long)]
    pub verbose: bool,

    /// 遍历目录时也检查 Word 文档（*.docx）
    #[arg(long)]
    pub docx: bool,

    /// 遍历目录时也检查保存的网页（*.html、*.htm、*.shtml）
    #[arg(long)]
    pub html: bool,

    /// 与 --fix 一起使用：也写回只读文件（保留其权限）；属于其他用户的文件仍不替换
    #[arg(long)]
    pub allow_readonly: bool,

    /// 每个输入（文件或标准输入）的大小上限，如 32M、512K；超过的输入报错（退出码 2）
    #[arg(long, value_name = "SIZE", default_value = "32M", value_parser = gxlint::files::parse_size)]
    pub max_size: u64,

    /// 不检查与这些模式匹配的文件（.gitignore 语法，相对当前目录，可重复）；与配置文件中的 exclude 合并，对命令行直接给出的文件同样有效
    #[arg(long, value_name = "GLOB")]
    pub exclude: Vec<String>,

    /// 使用这个配置文件（不再向上查找 gxlint.toml）；其中的 include/exclude 相对它所在的目录
    #[arg(long, value_name = "PATH")]
    pub config: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FailOn {
    Error,
    Warning,
    Info,
    Never,
}

impl FailOn {
    fn fails(self, s: Severity) -> bool {
        match self {
            FailOn::Error => s >= Severity::Error,
            FailOn::Warning => s >= Severity::Warning,
            FailOn::Info => true,
            FailOn::Never => false,
        }
    }
}

/// `--output-format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    /// 带原文片段和修复提示的完整输出（缺省；旧名 human、text）
    #[value(alias = "human", alias = "text")]
    Full,
    /// 每个问题一行：路径:行:列: 代码 说明
    Concise,
    /// 稳定的 JSON 格式（见 README）
    Json,
    /// SARIF 2.1.0
    Sarif,
    /// GitHub Actions 注释
    Github,
    /// GitLab 代码质量报告（Code Quality）
    Gitlab,
    /// JUnit XML
    Junit,
    /// reviewdog 的 rdjson
    Rdjson,
}

/// `--color`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorArg {
    /// 输出到终端且未设置 NO_COLOR 时使用颜色
    Auto,
    /// 总是使用颜色
    Always,
    /// 不使用颜色
    Never,
}

fn parse_report_format(s: &str) -> Result<Format, String> {
    Format::parse(&s.to_ascii_lowercase())
        .ok_or_else(|| format!("“{s}”不是报告格式版本：应为 2021、2019 或 pre-2019"))
}

/// Whether output to a stream is coloured: `--color`, then `NO_COLOR`, `TERM=dumb` and
/// whether the stream is a terminal.
fn use_color(choice: ColorArg, terminal: bool) -> bool {
    match choice {
        ColorArg::Always => true,
        ColorArg::Never => false,
        ColorArg::Auto => {
            terminal
                && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                && std::env::var_os("TERM").is_none_or(|t| t != "dumb")
        }
    }
}

fn buffer(color: bool) -> Buffer {
    if color {
        Buffer::ansi()
    } else {
        Buffer::no_color()
    }
}

/// One thing to check.
#[derive(Debug)]
enum Input {
    File {
        display: String,
        path: PathBuf,
        /// Found by walking a directory (not named on the command line): picked up only when
        /// its name is wanted (`include`, or the text extensions).
        walked: bool,
    },
    Stdin {
        display: String,
        bytes: Vec<u8>,
    },
    /// Could not even be listed (walk error, missing path).
    Failed {
        display: String,
        message: String,
    },
}

impl Input {
    fn display(&self) -> &str {
        match self {
            Input::File { display, .. }
            | Input::Stdin { display, .. }
            | Input::Failed { display, .. } => display,
        }
    }
}

fn usage_error(msg: impl std::fmt::Display) -> ExitCode {
    eprintln!("错误：{msg}");
    ExitCode::from(2)
}

fn path_display(p: &Path) -> String {
    let s = p.to_string_lossy();
    s.strip_prefix("./")
        .map(str::to_string)
        .unwrap_or_else(|| s.into_owned())
}

fn wanted_extension_for(p: &Path, args: &CheckArgs) -> bool {
    p.extension().and_then(|e| e.to_str()).is_some_and(|e| {
        let any = |list: &[&str]| list.iter().any(|x| x.eq_ignore_ascii_case(e));
        any(EXTENSIONS)
            || (args.docx && any(gxlint::input::DOCX_EXTENSIONS))
            || (args.html && any(gxlint::input::HTML_EXTENSIONS))
    })
}

/// Whether a directory walk picks up `p` by default (text formats).
pub fn wanted_extension(p: &Path) -> bool {
    p.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| EXTENSIONS.iter().any(|x| x.eq_ignore_ascii_case(e)))
}

/// Expand the command line's paths into inputs (directories walked, `-` read from stdin).
fn collect_inputs(args: &CheckArgs) -> Result<Vec<Input>, String> {
    let paths = if args.paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        args.paths.clone()
    };
    let mut inputs = Vec::new();
    let mut seen = BTreeSet::new();
    let mut stdin_used = false;
    for p in paths {
        if p.as_os_str() == "-" {
            if stdin_used {
                return Err("标准输入 `-` 只能给一次".into());
            }
            stdin_used = true;
            let display = args
                .stdin_filename
                .as_deref()
                .map(path_display)
                .unwrap_or_else(|| "-".into());
            match gxlint::files::read_bounded(std::io::stdin().lock(), args.max_size) {
                Ok(bytes) => inputs.push(Input::Stdin { display, bytes }),
                Err(e) => inputs.push(Input::Failed {
                    message: format!("无法读取标准输入 {display}：{e}"),
                    display,
                }),
            }
        } else if p.is_dir() {
            let mut walker = ignore::WalkBuilder::new(&p);
            walker.require_git(false);
            for entry in walker.build() {
                match entry {
                    Ok(e) => {
                        // Whether the file's name is wanted is decided with its settings
                        // (`include`), once they are known.
                        let is_file = e.file_type().is_some_and(|t| t.is_file());
                        if is_file {
                            let path = e.path().to_path_buf();
                            if seen.insert(path.clone()) {
                                inputs.push(Input::File {
                                    display: path_display(&path),
                                    path,
                                    walked: true,
                                });
                            }
                        }
                    }
                    Err(e) => inputs.push(Input::Failed {
                        display: path_display(&p),
                        message: format!("无法遍历目录 {}：{e}", path_display(&p)),
                    }),
                }
            }
        } else if p.exists() {
            if seen.insert(p.clone()) {
                inputs.push(Input::File {
                    display: path_display(&p),
                    path: p,
                    walked: false,
                });
            }
        } else {
            inputs.push(Input::Failed {
                display: path_display(&p),
                message: format!("无法读取 {}：文件或目录不存在", path_display(&p)),
            });
        }
    }
    Ok(inputs)
}

struct Job {
    input: Input,
    settings: Settings,
    max_size: u64,
}

struct Checked {
    result: FileResult,
    /// The unified diff (`--diff`), or the fixed text for stdin (`--fix`, in its encoding).
    extra_output: Option<Vec<u8>>,
    /// A write failed (exit status 2) — already in `result.outcome` when the file is lost.
    io_error: bool,
    /// `--show-fixes` with `--fix`/`--diff`: per rule, how many findings the fixes removed.
    fixed: Vec<RuleFixed>,
}

/// (code, name, count).
type RuleFixed = (&'static str, &'static str, usize);

/// Per rule, how many more findings `before` has than `after`.
fn fixed_counts(
    before: &[gxlint::diagnostic::Diagnostic],
    after: &[gxlint::diagnostic::Diagnostic],
) -> Vec<RuleFixed> {
    let mut m: std::collections::BTreeMap<&'static str, (&'static str, isize)> = Default::default();
    for d in before {
        m.entry(d.code).or_insert((d.name, 0)).1 += 1;
    }
    for d in after {
        m.entry(d.code).or_insert((d.name, 0)).1 -= 1;
    }
    m.into_iter()
        .filter(|(_, (_, n))| *n > 0)
        .map(|(c, (name, n))| (c, name, n.unsigned_abs()))
        .collect()
}

fn check_one(
    job: Job,
    fix: Option<FixMode>,
    diff: bool,
    write: WriteOptions,
    show_fixes: bool,
) -> Checked {
    let display = job.input.display().to_string();
    let fail = |message: String| Checked {
        result: FileResult {
            path: display.clone(),
            text: String::new(),
            outcome: Err(message),
            fixes_applied: None,
            source: None,
            write_error: None,
        },
        extra_output: None,
        io_error: true,
        fixed: Vec::new(),
    };
    let (path, bytes, is_stdin) = match job.input {
        Input::Failed { message, .. } => return fail(message),
        Input::Stdin { bytes, .. } => (None, bytes, true),
        Input::File { path, .. } => match gxlint::files::read_regular(&path, job.max_size) {
            Ok(b) => (Some(path), b, false),
            Err(e @ gxlint::files::ReadError::NotRegular(_)) => {
                return fail(format!(
                    "无法读取 {display}：{e}；要检查管道中的内容，请用 `-` 从标准输入读取"
                ));
            }
            Err(e) => return fail(format!("无法读取 {display}：{e}")),
        },
    };
    let original = bytes;
    let input = match gxlint::input::from_bytes(&display, &original) {
        Ok(i) => i,
        Err(e) => return fail(e.message),
    };
    if fix.is_some()
        && !diff
        && let Err(m) = input.source.writable()
    {
        return fail(format!("无法修复 {display}：{m}"));
    }
    let text = input.text.clone();
    let Some(mode) = fix else {
        let analysis = gxlint::check(&text, &job.settings);
        return Checked {
            result: FileResult {
                path: display,
                text,
                outcome: Ok(analysis),
                fixes_applied: None,
                source: Some(input.source),
                write_error: None,
            },
            extra_output: None,
            io_error: false,
            fixed: Vec::new(),
        };
    };
    let before = show_fixes.then(|| gxlint::check(&text, &job.settings).diagnostics);
    let outcome = gxlint::fix::fix_text(&text, &job.settings, mode);
    let doc = Document::parse(&outcome.text, &job.settings.parse_options());
    let analysis = gxlint::Analysis::of(&doc, outcome.remaining);
    drop(doc);
    let mut extra_output = None;
    let mut write_error = None;
    if diff {
        if outcome.text != text {
            extra_output =
                Some(gxlint::fix::unified_diff(&display, &text, &outcome.text).into_bytes());
        }
    } else {
        // Back in the file's own encoding, byte for byte the original outside the edits.
        match input.encode(&original, &outcome.text) {
            Err(e) => write_error = Some(format!("无法写回 {display}：{e}")),
            Ok(bytes) if is_stdin => extra_output = Some(bytes),
            Ok(bytes) => {
                if let Some(path) = &path
                    && outcome.text != text
                    && let Err(e) = gxlint::fix::write_atomic_with(path, &original, &bytes, write)
                {
                    write_error = Some(format!("无法写回 {display}：{e}"));
                }
            }
        }
    }
    if write_error.is_some() {
        // Nothing was written: the file keeps its text, and so its diagnostics.
        let analysis = gxlint::check(&text, &job.settings);
        return Checked {
            result: FileResult {
                path: display,
                text,
                outcome: Ok(analysis),
                fixes_applied: Some(0),
                source: Some(input.source),
                write_error,
            },
            extra_output,
            io_error: true,
            fixed: Vec::new(),
        };
    }
    let fixed = before
        .map(|b| fixed_counts(&b, &analysis.diagnostics))
        .unwrap_or_default();
    Checked {
        result: FileResult {
            path: display,
            text: outcome.text,
            outcome: Ok(analysis),
            fixes_applied: Some(outcome.applied),
            source: Some(input.source),
            write_error: None,
        },
        extra_output,
        io_error: false,
        fixed,
    }
}

/// Apply the command line's overrides to settings from a configuration file.
fn apply_overrides(
    mut s: Settings,
    args: &CheckArgs,
    format: Option<Format>,
    exclude: Option<&GlobSet>,
) -> Settings {
    if let Some(g) = exclude {
        s.files = std::sync::Arc::new(s.files.with_exclude(g));
    }
    if let Some(y) = args.year {
        s.year = Some(y);
    }
    if format.is_some() {
        s.format = format;
    }
    if !args.select.is_empty() {
        s.select = args.select.iter().map(|x| x.trim().to_string()).collect();
    }
    s.ignore
        .extend(args.ignore.iter().map(|x| x.trim().to_string()));
    s
}

pub fn run(args: CheckArgs) -> ExitCode {
    // --format (the old flag): an output format, or a report format version (disjoint values).
    let mut output = args.output_format;
    let mut report_format = args.report_format;
    for f in &args.formats {
        if let Ok(o) = OutputFormat::from_str(f, true) {
            if output.is_some_and(|x| x != o) {
                return usage_error(format!(
                    "--format {f} 与 --output-format 或另一个 --format 矛盾：只能选一种输出格式"
                ));
            }
            output = Some(o);
        } else if let Some(v) = Format::parse(&f.to_ascii_lowercase()) {
            if report_format.is_some_and(|x| x != v) {
                return usage_error(format!(
                    "--format {f} 与 --report-format 或另一个 --format 矛盾：只能选一个报告格式版本"
                ));
            }
            report_format = Some(v);
        } else {
            return usage_error(format!(
                "--format 的值“{f}”无效：应为 full、concise、json、sarif、github、gitlab、junit、rdjson\
                 （输出格式）或 2021、2019、pre-2019（报告格式版本，请改用 --report-format）"
            ));
        }
    }
    let output = output.unwrap_or(OutputFormat::Full);
    if args.statistics
        && !matches!(
            output,
            OutputFormat::Full | OutputFormat::Concise | OutputFormat::Json
        )
    {
        return usage_error("--statistics 只能与输出格式 full、concise 或 json 一起使用");
    }
    if args.show_fixes && !matches!(output, OutputFormat::Full | OutputFormat::Concise) {
        return usage_error("--show-fixes 只能与输出格式 full 或 concise 一起使用");
    }
    if args.diff && (args.statistics || args.output_file.is_some()) {
        return usage_error("--diff 只打印改动，不能与 --statistics 或 --output-file 一起使用");
    }
    for sel in args.select.iter().chain(&args.ignore) {
        if !selector_is_known(sel.trim()) {
            return usage_error(format!(
                "“{sel}”不是已知的规则代码、名称或代码前缀（用 `gxlint rules` 查看）"
            ));
        }
    }
    if let Some(y) = args.year
        && !(2000..=2100).contains(&y)
    {
        return usage_error(format!("--year 应为 2000–2100 之间的年份，实为 {y}"));
    }
    if args.allow_readonly && !args.fix {
        return usage_error("--allow-readonly 需要与 --fix 一起使用");
    }
    if args.unsafe_fixes && !args.fix && !args.diff {
        return usage_error("--unsafe-fixes 需要与 --fix 或 --diff 一起使用");
    }
    let fix_mode = (args.fix || args.diff).then_some(if args.unsafe_fixes {
        FixMode::Unsafe
    } else {
        FixMode::Safe
    });

    let inputs = match collect_inputs(&args) {
        Ok(i) => i,
        Err(e) => return usage_error(e),
    };

    // --exclude: globs relative to the working directory.
    let cli_exclude = if args.exclude.is_empty() {
        None
    } else {
        match GlobSet::parse(Path::new("."), args.exclude.iter().map(String::as_str)) {
            Ok(g) => Some(g),
            Err((i, m)) => {
                return usage_error(format!("--exclude 的值“{}”：{m}", args.exclude[i]));
            }
        }
    };
    // --config: one configuration file for every input, instead of the nearest gxlint.toml.
    let fixed_config = match &args.config {
        Some(p) => match gxlint::config::load_file(p) {
            Ok(s) => Some(s),
            Err(e) => return usage_error(e),
        },
        None => None,
    };

    // Settings per input: the nearest gxlint.toml walking up (cached per directory).
    let mut cache = ConfigCache::new();
    let mut jobs = Vec::with_capacity(inputs.len());
    // --fix on standard input that is excluded: the text goes back unchanged.
    let mut passthrough: Option<Vec<u8>> = None;
    for input in inputs {
        let base = match &input {
            Input::File { path, .. } => path.clone(),
            Input::Stdin { .. } => match &args.stdin_filename {
                Some(p) => p.clone(),
                None => PathBuf::from("."),
            },
            Input::Failed { .. } => {
                jobs.push(Job {
                    input,
                    settings: Settings::default(),
                    max_size: args.max_size,
                });
                continue;
            }
        };
        let found = match &fixed_config {
            Some(s) => Ok(s.clone()),
            None => cache.settings_for(&base).map(|(s, _)| s),
        };
        let found = match found {
            Ok(s) => s,
            Err(e) => return usage_error(e),
        };
        // A walked file whose name is not wanted (`include`, else the text extensions) is not
        // an input at all; the command line's overrides do not change which names are wanted.
        if let Input::File { path, walked, .. } = &input
            && *walked
            && !found.walk_wants(path, |p| wanted_extension_for(p, &args))
        {
            continue;
        }
        let settings = apply_overrides(found, &args, report_format, cli_exclude.as_ref());
        // include / exclude: a file that is not covered is not read at all.
        let skip = match &input {
            Input::File { path, .. } => settings.skip_reason(path),
            Input::Stdin { .. } => args
                .stdin_filename
                .as_deref()
                .and_then(|p| settings.skip_reason(p)),
            Input::Failed { .. } => None,
        };
        if let Some(why) = skip {
            if args.verbose {
                eprintln!("跳过 {}：{why}", input.display());
            }
            if let Input::Stdin { bytes, .. } = input
                && args.fix
                && !args.diff
            {
                passthrough = Some(bytes);
            }
            continue;
        }
        jobs.push(Job {
            input,
            settings,
            max_size: args.max_size,
        });
    }

    let cross_settings: std::collections::HashMap<String, Settings> = jobs
        .iter()
        .map(|j| (j.input.display().to_string(), j.settings.clone()))
        .collect();
    let diff = args.diff;
    let write = WriteOptions {
        allow_readonly: args.allow_readonly,
    };
    let mut checked: Vec<Checked> = jobs
        .into_par_iter()
        .map(|job| check_one(job, fix_mode, diff, write, args.show_fixes))
        .collect();
    checked.sort_by(|a, b| a.result.path.cmp(&b.result.path));

    let io_error = checked.iter().any(|c| c.io_error);
    let stdin_fix = args.fix && !diff && args.paths.iter().any(|p| p.as_os_str() == "-");
    let mut stdout = std::io::stdout().lock();
    // --diff: the diffs; --fix on stdin: the fixed text. Either goes to stdout.
    if let Some(bytes) = &passthrough {
        let _ = stdout.write_all(bytes);
    }
    for c in &checked {
        if let Some(extra) = &c.extra_output {
            let _ = stdout.write_all(extra);
        }
    }
    let _ = stdout.flush();
    drop(stdout);
    let mut fixed: Vec<(String, Vec<RuleFixed>)> = Vec::new();
    let mut results: Vec<FileResult> = Vec::with_capacity(checked.len());
    for c in checked {
        if !c.fixed.is_empty() {
            fixed.push((c.result.path.clone(), c.fixed));
        }
        results.push(c.result);
    }
    // Several years of one agency: the cross-year checks (GX701).
    gxlint::review::cross::add_to_results(&mut results, |p| cross_settings.get(p));
    let quiet = args.quiet;
    // The fix enumeration (--show-fixes): what the fixes removed, or what --fix could fix.
    let fixes_note = args.show_fixes.then(|| {
        if fix_mode.is_some() {
            show_fixes_text(&fixed, diff)
        } else {
            show_fixes_text(&fixable(&results), false).replace("已修复", "可用 --fix 自动修复")
        }
    });
    let mut io_error = io_error;
    // With --diff only the diff is printed; with --fix on stdin the report goes to stderr.
    if !diff {
        if args.verbose && quiet < 2 {
            for f in &results {
                if let Ok(gxlint::Analysis {
                    skipped: Some(why), ..
                }) = &f.outcome
                {
                    eprintln!("跳过 {}：{why}", f.path);
                }
            }
        }
        let opts = ReportOptions {
            output,
            statistics: args.statistics,
            summary: quiet == 0,
            fixes_note: fixes_note.as_deref(),
        };
        if quiet < 2 && shows_errors_apart(output) {
            let mut err = stderr_stream(args.color);
            let _ = render::terminal::render_errors(&results, &mut err);
        }
        if let Some(path) = &args.output_file {
            let mut buf = buffer(false);
            let _ = write_report(&results, &opts, &mut buf);
            if let Err(e) = write_file_atomic(path, buf.as_slice()) {
                eprintln!("错误：无法写入 {}：{e}", path_display(path));
                io_error = true;
            }
        } else if quiet < 2 {
            let terminal = if stdin_fix {
                std::io::stderr().is_terminal()
            } else {
                std::io::stdout().is_terminal()
            };
            let mut buf = buffer(use_color(args.color, terminal));
            let _ = write_report(&results, &opts, &mut buf);
            if stdin_fix {
                let _ = std::io::stderr().lock().write_all(buf.as_slice());
            } else {
                let mut out = std::io::stdout().lock();
                let _ = out.write_all(buf.as_slice());
                let _ = out.flush();
            }
        }
    } else if quiet < 2 {
        let mut err = stderr_stream(args.color);
        let _ = render::terminal::render_errors(&results, &mut err);
        if let Some(note) = &fixes_note {
            eprint!("{note}");
        }
    }
    if let Some(mode) = fix_mode {
        let n: usize = results.iter().filter_map(|r| r.fixes_applied).sum();
        if matches!(output, OutputFormat::Full | OutputFormat::Concise) && quiet == 0 {
            let unsafe_note = if mode == FixMode::Unsafe {
                "（含不安全修复）"
            } else {
                ""
            };
            if diff {
                eprintln!("可应用 {n} 处修复{unsafe_note}（--diff：未写入任何文件）");
            } else {
                eprintln!("已应用 {n} 处修复{unsafe_note}");
            }
        }
    }

    if io_error {
        return ExitCode::from(2);
    }
    let failing = results
        .iter()
        .flat_map(|r| r.diagnostics())
        .any(|d| args.fail_on.fails(d.severity));
    if failing && !args.exit_zero {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// Whether read errors are printed on stderr apart from the report (the formats that have no
/// place for them, and the human ones).
fn shows_errors_apart(output: OutputFormat) -> bool {
    !matches!(
        output,
        OutputFormat::Json | OutputFormat::Sarif | OutputFormat::Github | OutputFormat::Junit
    )
}

/// Per file, per rule, the findings a safe fix can fix (`--show-fixes` without `--fix`).
fn fixable(results: &[FileResult]) -> Vec<(String, Vec<RuleFixed>)> {
    results
        .iter()
        .filter_map(|f| {
            let rows: Vec<RuleFixed> = render::statistics::counts(std::slice::from_ref(f))
                .into_iter()
                .filter(|r| r.fixable > 0)
                .map(|r| (r.code, r.name, r.fixable))
                .collect();
            (!rows.is_empty()).then(|| (f.path.clone(), rows))
        })
        .collect()
}

/// `已修复 3 个问题：` then `  path：2 × GX503 web-residue` lines.
fn show_fixes_text(fixed: &[(String, Vec<RuleFixed>)], diff: bool) -> String {
    let total: usize = fixed.iter().flat_map(|(_, r)| r).map(|r| r.2).sum();
    let verb = if diff { "可修复" } else { "已修复" };
    if total == 0 {
        return format!("{verb} 0 个问题\n");
    }
    let mut s = format!("{verb} {total} 个问题：\n");
    for (path, rows) in fixed {
        s.push_str(&format!("  {path}：\n"));
        for (code, name, n) in rows {
            s.push_str(&format!("    {n} × {code} {name}\n"));
        }
    }
    s
}

struct ReportOptions<'a> {
    output: OutputFormat,
    statistics: bool,
    /// The summary line (not with `-q`).
    summary: bool,
    fixes_note: Option<&'a str>,
}

/// The report in the chosen format.
fn write_report(
    results: &[FileResult],
    opts: &ReportOptions,
    out: &mut dyn WriteColor,
) -> std::io::Result<()> {
    let text = match (opts.output, opts.statistics) {
        (OutputFormat::Json, true) => render::statistics::render_json(results),
        (_, true) => {
            out.write_all(render::statistics::render_text(results).as_bytes())?;
            if opts.summary {
                writeln!(out, "{}", render::terminal::summary(results))?;
            }
            if let Some(note) = opts.fixes_note {
                out.write_all(note.as_bytes())?;
            }
            return Ok(());
        }
        (OutputFormat::Full | OutputFormat::Concise, false) => {
            if opts.output == OutputFormat::Full {
                render::terminal::render_diagnostics(results, out)?;
            } else {
                render::concise::render(results, out)?;
            }
            if opts.summary {
                writeln!(out, "{}", render::terminal::summary(results))?;
            }
            if let Some(note) = opts.fixes_note {
                out.write_all(note.as_bytes())?;
            }
            return Ok(());
        }
        (OutputFormat::Json, false) => render::json::render(results),
        (OutputFormat::Sarif, _) => render::sarif::render(results),
        (OutputFormat::Github, _) => render::github::render(results),
        (OutputFormat::Gitlab, _) => render::gitlab::render(results),
        (OutputFormat::Junit, _) => render::junit::render(results),
        (OutputFormat::Rdjson, _) => render::rdjson::render(results),
    };
    out.write_all(text.as_bytes())
}

/// Write `bytes` to `path` through a temporary file in the same directory, renamed over it:
/// a reader never sees half a report. An existing file keeps its permissions.
fn write_file_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let mut tmp = tempfile::NamedTempFile::new_in(dir)?;
    tmp.write_all(bytes)?;
    tmp.as_file().sync_all()?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(path)
            .map(|m| m.permissions().mode() & 0o777)
            .unwrap_or(0o644);
        std::fs::set_permissions(tmp.path(), std::fs::Permissions::from_mode(mode))?;
    }
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

fn stderr_stream(choice: ColorArg) -> StandardStream {
    let color = if use_color(choice, std::io::stderr().is_terminal()) {
        ColorChoice::Always
    } else {
        ColorChoice::Never
    };
    StandardStream::stderr(color)
}
