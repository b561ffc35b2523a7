//! The `gxlint` command line: `check`, `convert`, `review`, `rules`, `explain`, `new`, `lsp`,
//! `docs`, `completions`; clap's own texts in Chinese (`cli::zh`).

mod cli;

use std::process::ExitCode;

use clap::{CommandFactory, FromArgMatches, Parser, Subcommand, ValueEnum};

#[derive(Debug, Parser)]
#[command(
    name = "gxlint",
    version = cli::VERSION,
    about = "政府信息公开工作年度报告草稿检查工具（linter + language server）"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// 检查报告草稿（文件、目录，或 `-` 表示标准输入）
    Check(cli::check::CheckArgs),
    /// 把 .docx、网页或文本文件转换为 Markdown 草稿（检查结果与原文件相同）
    Convert(cli::convert::ConvertArgs),
    /// 评议一批报告：生成一个自包含的 HTML 页面（或 CSV、xlsx 工作簿），含概况、逐份问题和跨年度核对
    Review(cli::review::ReviewArgs),
    /// 列出所有规则（代码、名称、级别、说明）
    Rules {
        /// 输出格式：human 或 json
        #[arg(long, value_enum, default_value_t = ListFormat::Human)]
        format: ListFormat,
    },
    /// 打印一条规则的说明文档（按代码 GX303 或名称 row-total）
    Explain {
        /// 规则代码或名称
        rule: String,
    },
    /// 以标准输入输出运行 language server
    Lsp {
        /// 通过标准输入输出通信（缺省如此；为兼容编辑器的常见配置而接受）
        #[arg(long)]
        stdio: bool,
    },
    /// 生成某一年度报告的完整草稿骨架
    New {
        /// 报告年度
        #[arg(long)]
        year: i32,
        /// 机关名称
        #[arg(long)]
        agency: Option<String>,
        /// 表格形式
        #[arg(long, value_enum, default_value_t = FormArg::Markdown)]
        form: FormArg,
        /// 年度没有全国统一的报告格式（2018年及以前）时，仍按2019年格式生成（附说明）
        #[arg(long)]
        force: bool,
    },
    /// 生成规则说明的静态网站（规则索引和每条规则一页）
    Docs {
        /// 输出目录
        #[arg(long, value_name = "DIR", default_value = "docs/rules")]
        out: std::path::PathBuf,
        /// 规则页面的基础地址（写入每条诊断的链接）；缺省为仓库中 rules/docs/ 的地址
        #[arg(long, value_name = "URL")]
        base_url: Option<String>,
    },
    /// 打印 shell 补全脚本（bash、zsh、fish、powershell）
    Completions {
        /// shell 的种类
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum ListFormat {
    Human,
    Json,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum FormArg {
    Markdown,
    Pipe,
}

fn main() -> ExitCode {
    let matches = cli::zh::localize(Cli::command())
        .try_get_matches()
        .unwrap_or_else(|e| cli::zh::exit(e));
    let cli = Cli::from_arg_matches(&matches).unwrap_or_else(|e| cli::zh::exit(e));
    match cli.command {
        Command::Check(args) => cli::check::run(args),
        Command::Convert(args) => cli::convert::run(args),
        Command::Review(args) => cli::review::run(args),
        Command::Rules { format } => cli::rules(matches!(format, ListFormat::Json)),
        Command::Explain { rule } => cli::explain(&rule),
        // LSP: 0 after shutdown and exit, 1 for exit (or the end of stdin) without shutdown.
        Command::Lsp { stdio: _ } => match gxlint::lsp::run_stdio() {
            Ok(true) => ExitCode::SUCCESS,
            Ok(false) => {
                eprintln!("gxlint lsp：在 shutdown 之前收到 exit 或输入已关闭");
                ExitCode::from(1)
            }
            Err(e) => {
                eprintln!("gxlint lsp：{e}");
                ExitCode::from(2)
            }
        },
        Command::New {
            year,
            agency,
            form,
            force,
        } => {
            let form = match form {
                FormArg::Markdown => gxlint::document::TableForm::Markdown,
                FormArg::Pipe => gxlint::document::TableForm::Pipe,
            };
            match gxlint::new::try_skeleton(year, agency.as_deref(), form) {
                Ok(text) => print!("{text}"),
                Err(_) if force => {
                    print!("{}", gxlint::new::skeleton(year, agency.as_deref(), form))
                }
                Err(e) => {
                    eprintln!("错误：{e}\n  提示：仍要按2019年格式生成参考骨架，请加 --force");
                    return ExitCode::from(2);
                }
            }
            ExitCode::SUCCESS
        }
        Command::Docs { out, base_url } => cli::docs::run(&out, base_url.as_deref()),
        Command::Completions { shell } => {
            let mut cmd = cli::zh::localize(Cli::command());
            clap_complete::generate(shell, &mut cmd, "gxlint", &mut std::io::stdout());
            ExitCode::SUCCESS
        }
    }
}
