//! `gxlint review DIR… -o review.html`: a batch of reports as one page (or CSV, or a workbook).

use std::collections::BTreeSet;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use clap::{Args, ValueEnum};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use gxlint::config::ConfigCache;
use gxlint::review::{self, Input, Source};

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReviewFormat {
    Html,
    Csv,
    Xlsx,
}

#[derive(Debug, Args)]
pub struct ReviewArgs {
    /// 要评议的文件或目录（目录下递归查找与 check 相同的文件类型，遵循 .gitignore）。缺省为当前目录
    pub paths: Vec<PathBuf>,

    /// 输出文件（缺省 review.html；`-` 表示标准输出，xlsx 除外）
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// 输出格式：html、csv 或 xlsx（缺省按输出文件的扩展名，否则 html）
    #[arg(long, value_enum)]
    pub format: Option<ReviewFormat>,

    /// 页面标题
    #[arg(long, default_value = "政府信息公开工作年度报告评议")]
    pub title: String,
}

fn display(p: &Path) -> String {
    let s = p.to_string_lossy();
    s.strip_prefix("./")
        .map(str::to_string)
        .unwrap_or_else(|| s.into_owned())
}

/// The files to review: directories walked (as `gxlint check` walks them), files as given.
fn collect(paths: &[PathBuf]) -> Vec<(String, Source, PathBuf)> {
    let mut out = Vec::new();
    let mut seen = BTreeSet::new();
    for p in paths {
        if p.is_dir() {
            let mut walker = ignore::WalkBuilder::new(p);
            walker.require_git(false);
            for entry in walker.build() {
                match entry {
                    Ok(e) => {
                        let is_file = e.file_type().is_some_and(|t| t.is_file());
                        if is_file
                            && super::check::wanted_extension(e.path())
                            && seen.insert(e.path().to_path_buf())
                        {
                            let path = e.path().to_path_buf();
                            out.push((display(&path), Source::File(path.clone()), path));
                        }
                    }
                    Err(e) => out.push((
                        display(p),
                        Source::Failed(format!("无法遍历目录 {}：{e}", display(p))),
                        p.clone(),
                    )),
                }
            }
        } else if p.exists() {
            if seen.insert(p.clone()) {
                out.push((display(p), Source::File(p.clone()), p.clone()));
            }
        } else {
            out.push((
                display(p),
                Source::Failed(format!("无法读取 {}：文件或目录不存在", display(p))),
                p.clone(),
            ));
        }
    }
    out
}

pub fn run(args: ReviewArgs) -> ExitCode {
    let output = args
        .output
        .clone()
        .unwrap_or_else(|| PathBuf::from("review.html"));
    let format = args.format.unwrap_or_else(|| {
        match output
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase)
            .as_deref()
        {
            Some("csv") => ReviewFormat::Csv,
            Some("xlsx") => ReviewFormat::Xlsx,
            _ => ReviewFormat::Html,
        }
    });
    let to_stdout = output.as_os_str() == "-";
    if to_stdout && format == ReviewFormat::Xlsx && std::io::stdout().is_terminal() {
        eprintln!("错误：xlsx 工作簿不能写到终端，请用 -o FILE.xlsx");
        return ExitCode::from(2);
    }
    let paths = if args.paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        args.paths.clone()
    };
    let mut cache = ConfigCache::new();
    let mut inputs = Vec::new();
    for (display, source, path) in collect(&paths) {
        let settings = match &source {
            Source::Failed(_) => Default::default(),
            _ => match cache.settings_for(&path) {
                Ok((s, _)) => s,
                Err(e) => {
                    eprintln!("错误：{e}");
                    return ExitCode::from(2);
                }
            },
        };
        inputs.push(Input {
            display,
            source,
            settings,
        });
    }

    // A progress bar on a terminal, shown once the batch has taken more than a second.
    let bar =
        ProgressBar::with_draw_target(Some(inputs.len() as u64), ProgressDrawTarget::hidden());
    if let Ok(style) =
        ProgressStyle::with_template("{bar:40} {pos}/{len} 份 {elapsed} 剩余约 {eta}")
    {
        bar.set_style(style);
    }
    let terminal = std::io::stderr().is_terminal();
    let shown = AtomicBool::new(false);
    let started = Instant::now();
    let tick = || {
        bar.inc(1);
        if terminal
            && started.elapsed() > Duration::from_secs(1)
            && !shown.swap(true, Ordering::Relaxed)
        {
            bar.set_draw_target(ProgressDrawTarget::stderr());
        }
    };
    let batch = review::review(&inputs, &tick);
    bar.finish_and_clear();

    let bytes = match format {
        ReviewFormat::Html => review::html::render(&batch, &args.title).into_bytes(),
        ReviewFormat::Csv => review::csv::render(&batch).into_bytes(),
        ReviewFormat::Xlsx => match review::xlsx::render(&batch) {
            Ok(b) => b,
            Err(e) => {
                eprintln!("错误：无法生成工作簿：{e}");
                return ExitCode::from(2);
            }
        },
    };
    let written = if to_stdout {
        let mut out = std::io::stdout().lock();
        out.write_all(&bytes).and_then(|()| out.flush())
    } else {
        write_file(&output, &bytes)
    };
    if let Err(e) = written {
        if e.kind() == std::io::ErrorKind::BrokenPipe {
            return ExitCode::SUCCESS;
        }
        eprintln!("错误：无法写出 {}：{e}", display(&output));
        return ExitCode::from(2);
    }
    let s = batch.summary();
    if !to_stdout {
        eprintln!(
            "已评议 {} 份年报（{} 份有错误，{} 份仅有警告，{} 份未发现问题；跳过 {} 个非年报文件，{} 个文件无法读取），用时 {:.1} 秒：{}",
            s.reports,
            s.with_errors,
            s.with_warnings,
            s.clean,
            s.skipped,
            s.unreadable,
            started.elapsed().as_secs_f64(),
            display(&output)
        );
    }
    ExitCode::SUCCESS
}

/// Writes the output atomically: a temporary file beside it, then renamed over it.
fn write_file(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let mut tmp = tempfile::NamedTempFile::new_in(&dir)?;
    tmp.write_all(bytes)?;
    tmp.as_file().sync_all()?;
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}
