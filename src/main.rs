//! The `gxlint` command line: `check`, `convert`, `rules`, `explain`, `new`, `lsp`.

mod cli;

use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

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
    Lsp,
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
    let cli = Cli::parse();
    match cli.command {
        Command::Check(args) => cli::check::run(args),
        Command::Convert(args) => cli::convert::run(args),
        Command::Review(args) => cli::review::run(args),
        Command::Rules { format } => cli::rules(matches!(format, ListFormat::Json)),
        Command::Explain { rule } => cli::explain(&rule),
        // LSP: 0 after shutdown and exit, 1 for exit (or the end of stdin) without shutdown.
        Command::Lsp => match gxlint::lsp::run_stdio() {
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
        Command::New { year, agency, form } => {
            let form = match form {
                FormArg::Markdown => gxlint::document::TableForm::Markdown,
                FormArg::Pipe => gxlint::document::TableForm::Pipe,
            };
            print!("{}", gxlint::new::skeleton(year, agency.as_deref(), form));
            ExitCode::SUCCESS
        }
    }
}
