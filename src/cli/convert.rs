//! `gxlint convert FILE [-o OUT.md]`: the text gxlint checks for a file, as a markdown draft.
//!
//! For a `.docx` or a saved web page that is its rendering (ATX headings, GFM tables); for a
//! text file its text decoded to UTF-8 (without a BOM). The draft checks exactly as the
//! original does.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Args;

#[derive(Debug, Args)]
pub struct ConvertArgs {
    /// 要转换的文件（.docx、.html/.htm/.shtml 或文本文件）
    pub file: PathBuf,

    /// 输出的 Markdown 文件；缺省写到标准输出
    #[arg(short, long, value_name = "OUT.md")]
    pub output: Option<PathBuf>,
}

fn same_file(a: &Path, b: &Path) -> bool {
    match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
        (Ok(x), Ok(y)) => x == y,
        _ => false,
    }
}

/// Write `bytes` to `path` atomically (temp file in the same directory, then rename).
fn write_new(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let mut tmp = tempfile::Builder::new()
        .prefix(".gxlint-")
        .suffix(".tmp")
        .tempfile_in(&dir)?;
    tmp.write_all(bytes)?;
    tmp.as_file().sync_all()?;
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

pub fn run(args: ConvertArgs) -> ExitCode {
    let input = match gxlint::input::read_path(&args.file) {
        Ok(i) => i,
        Err(e) => {
            eprintln!("错误：{e}");
            return ExitCode::from(2);
        }
    };
    let text = input.text.strip_prefix('\u{feff}').unwrap_or(&input.text);
    match &args.output {
        None => {
            let r = std::io::stdout().lock().write_all(text.as_bytes());
            match r {
                Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
                    eprintln!("错误：无法写出：{e}");
                    ExitCode::from(2)
                }
                _ => ExitCode::SUCCESS,
            }
        }
        Some(out) => {
            if same_file(out, &args.file) {
                eprintln!(
                    "错误：输出文件 {} 就是输入文件；请用 -o 指定另一个文件",
                    out.display()
                );
                return ExitCode::from(2);
            }
            match write_new(out, text.as_bytes()) {
                Ok(()) => {
                    eprintln!("已把 {} 转换为 {}", args.file.display(), out.display());
                    ExitCode::SUCCESS
                }
                Err(e) => {
                    eprintln!("错误：无法写入 {}：{e}", out.display());
                    ExitCode::from(2)
                }
            }
        }
    }
}
