//! clap in Chinese: the help's headings (`用法`, `命令`, `参数`, `选项`), the built-in `-h`/`-V`/`help`
//! texts, the `[缺省：…]`/`[可选值：…]` notes, and the parse errors. clap keeps these strings in
//! English in its own code; they are replaced here on the finished `Command` (every subcommand) and
//! by formatting `clap::Error` from its kind and context. Codes and flags stay ASCII.

use std::fmt::Write as _;

use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{Arg, Command};

/// The help layout: clap's default with the usage heading in Chinese.
const TEMPLATE: &str = "\
{before-help}{about-with-newline}
用法：{usage}

{all-args}{after-help}";

/// `cmd` (and every subcommand) with its help in Chinese.
pub fn localize(mut cmd: Command) -> Command {
    // Build first so that the generated `--help`, `--version` and `help` exist to be rewritten.
    cmd.build();
    localize_built(cmd)
}

fn localize_built(cmd: Command) -> Command {
    let names: Vec<String> = cmd
        .get_subcommands()
        .map(|s| s.get_name().to_string())
        .collect();
    let mut cmd = cmd
        .help_template(TEMPLATE)
        .subcommand_help_heading("命令")
        .mut_args(localize_arg);
    if cmd.get_name() == "help" {
        cmd = cmd.about("打印本帮助，或给定子命令的帮助");
    }
    for name in names {
        cmd = cmd.mut_subcommand(name, localize_built);
    }
    cmd
}

fn localize_arg(arg: Arg) -> Arg {
    let mut arg = match arg.get_id().as_str() {
        "help" if arg.get_long() == Some("help") => {
            arg.help("打印帮助").long_help("打印帮助（-h 只显示摘要）")
        }
        "version" if arg.get_long() == Some("version") => arg.help("打印版本"),
        "subcommand" if arg.is_positional() => arg.help("要查看帮助的子命令"),
        _ => arg,
    };
    let mut notes = Vec::new();
    if !arg.is_hide_default_value_set()
        && arg.get_action().takes_values()
        && !arg.get_default_values().is_empty()
    {
        let values: Vec<_> = arg
            .get_default_values()
            .iter()
            .map(|v| v.to_string_lossy().into_owned())
            .collect();
        notes.push(format!("[缺省：{}]", values.join("，")));
        arg = arg.hide_default_value(true);
    }
    if !arg.is_hide_possible_values_set() && arg.get_action().takes_values() {
        let values: Vec<_> = arg
            .get_possible_values()
            .iter()
            .filter(|v| !v.is_hide_set())
            .map(|v| v.get_name().to_string())
            .collect();
        if !values.is_empty() {
            notes.push(format!("[可选值：{}]", values.join("、")));
            arg = arg.hide_possible_values(true);
        }
    }
    if !notes.is_empty() {
        let notes = notes.join(" ");
        let help = arg.get_help().map(|h| h.to_string()).unwrap_or_default();
        let long = arg.get_long_help().map(|h| h.to_string());
        arg = arg.help(join(&help, &notes));
        if let Some(long) = long {
            arg = arg.long_help(format!("{long}\n\n{notes}"));
        }
    }
    let heading = if arg.is_positional() {
        "参数"
    } else {
        "选项"
    };
    if arg.get_help_heading().is_none() {
        arg = arg.help_heading(heading);
    }
    arg
}

fn join(help: &str, notes: &str) -> String {
    if help.is_empty() {
        notes.to_string()
    } else {
        format!("{help} {notes}")
    }
}

/// Print `e` (help, version or a usage error) and exit: help and version on standard output with
/// status 0, errors in Chinese on standard error with status 2.
pub fn exit(e: clap::Error) -> ! {
    match e.kind() {
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => e.exit(),
        ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            let _ = e.print();
            std::process::exit(2)
        }
        _ => {
            eprint!("{}", message(&e));
            std::process::exit(2)
        }
    }
}

fn string(e: &clap::Error, kind: ContextKind) -> Option<String> {
    match e.get(kind)? {
        ContextValue::String(s) => Some(s.clone()),
        ContextValue::Strings(v) => Some(v.join("、")),
        ContextValue::StyledStr(s) => Some(s.to_string()),
        ContextValue::StyledStrs(v) => Some(
            v.iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join("；"),
        ),
        ContextValue::Number(n) => Some(n.to_string()),
        ContextValue::Bool(b) => Some(b.to_string()),
        ContextValue::None => None,
        _ => None,
    }
}

/// The Chinese text of a parse error: what is wrong, a suggestion, the usage, where to look.
pub fn message(e: &clap::Error) -> String {
    let arg = string(e, ContextKind::InvalidArg).unwrap_or_default();
    let value = string(e, ContextKind::InvalidValue).unwrap_or_default();
    let mut out = String::from("错误：");
    match e.kind() {
        ErrorKind::UnknownArgument => {
            let _ = write!(out, "不认识的参数“{arg}”");
        }
        ErrorKind::InvalidSubcommand => {
            let sub = string(e, ContextKind::InvalidSubcommand).unwrap_or_default();
            let _ = write!(out, "不认识的子命令“{sub}”");
        }
        ErrorKind::InvalidValue if value.is_empty() => {
            let _ = write!(out, "“{arg}”需要一个值，但没有给出");
        }
        ErrorKind::InvalidValue => {
            let _ = write!(out, "“{arg}”的值“{value}”无效");
            if let Some(valid) = string(e, ContextKind::ValidValue) {
                let _ = write!(out, "\n  [可选值：{valid}]");
            }
        }
        ErrorKind::ValueValidation => {
            let _ = write!(out, "“{arg}”的值“{value}”无效");
            if let Some(source) = std::error::Error::source(e) {
                let _ = write!(out, "：{source}");
            }
        }
        ErrorKind::MissingRequiredArgument => {
            let _ = write!(out, "缺少必需的参数：{arg}");
        }
        ErrorKind::MissingSubcommand => {
            let sub = string(e, ContextKind::InvalidSubcommand).unwrap_or_default();
            let _ = write!(out, "“{sub}”需要一个子命令");
            if let Some(valid) = string(e, ContextKind::ValidSubcommand) {
                let _ = write!(out, "\n  [子命令：{valid}]");
            }
        }
        ErrorKind::ArgumentConflict => {
            let prior = string(e, ContextKind::PriorArg).unwrap_or_default();
            if prior == arg {
                let _ = write!(out, "参数“{arg}”不能重复使用");
            } else if prior.is_empty() {
                let _ = write!(out, "参数“{arg}”不能与其他参数同时使用");
            } else {
                let _ = write!(out, "参数“{arg}”不能与“{prior}”同时使用");
            }
        }
        ErrorKind::TooManyValues => {
            let _ = write!(out, "“{arg}”多出了值“{value}”");
        }
        ErrorKind::TooFewValues | ErrorKind::WrongNumberOfValues => {
            let _ = write!(out, "“{arg}”的值的个数不对");
        }
        ErrorKind::NoEquals => {
            let _ = write!(out, "给“{arg}”赋值时需要等号（{arg}=值）");
        }
        ErrorKind::InvalidUtf8 => out.push_str("参数不是有效的 UTF-8 文本"),
        _ => match std::error::Error::source(e) {
            Some(source) => {
                let _ = write!(out, "{source}");
            }
            None => out.push_str("命令行参数有误"),
        },
    }
    for (kind, what) in [
        (ContextKind::SuggestedSubcommand, "子命令"),
        (ContextKind::SuggestedArg, "参数"),
        (ContextKind::SuggestedValue, "值"),
    ] {
        if let Some(s) = string(e, kind) {
            let _ = write!(out, "\n\n  提示：有相近的{what}“{s}”");
        }
    }
    if let Some(usage) = string(e, ContextKind::Usage) {
        let usage = usage.trim_start();
        let usage = usage.strip_prefix("Usage:").unwrap_or(usage).trim();
        let _ = write!(out, "\n\n用法：{usage}");
    }
    out.push_str("\n\n更多信息请用“--help”。\n");
    out
}
