//! Benchmark of `gxlint review`: generates a batch of reports (tests/common/batch.rs: many
//! agencies × three years, with planted defects and carry-over breaks), writes it to a folder,
//! then times what `gxlint review DIR -o review.html` does — read every file, check it, the
//! cross-year checks, render the page — and prints the figures.
//!
//! ```sh
//! cargo run --release --example review_bench             # 10,000 reports in a temporary folder
//! cargo run --release --example review_bench -- 2000 --keep /tmp/batch   # keep batch and page
//! ```

#[path = "../tests/common/batch.rs"]
mod batch;

use std::path::PathBuf;
use std::time::Instant;

use gxlint::config::Settings;
use gxlint::review::{self, Input, Source};

fn main() {
    let mut n = 10_000usize;
    let mut keep: Option<PathBuf> = None;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--keep" => keep = args.next().map(PathBuf::from),
            "--bench" => {}
            s => match s.parse() {
                Ok(v) => n = v,
                Err(_) => {
                    eprintln!("usage: review_bench [N] [--keep DIR]");
                    std::process::exit(2);
                }
            },
        }
    }
    let tmp;
    let dir = match &keep {
        Some(d) => {
            std::fs::create_dir_all(d).expect("create folder");
            d.clone()
        }
        None => {
            tmp = tempfile::tempdir().expect("temporary folder");
            tmp.path().to_path_buf()
        }
    };
    let t = Instant::now();
    let agencies = n.div_ceil(3);
    let mut generated = batch::generate(agencies, 42);
    generated.truncate(n);
    batch::write(&dir, &generated);
    let bytes: usize = generated.iter().map(|g| g.text.len()).sum();
    println!(
        "generated {} reports of {} agencies ({:.1} MB) in {:.2} s",
        generated.len(),
        agencies,
        bytes as f64 / 1e6,
        t.elapsed().as_secs_f64()
    );

    let t = Instant::now();
    let inputs: Vec<Input> = generated
        .iter()
        .map(|g| Input {
            display: g.path.clone(),
            source: Source::File(dir.join(&g.path)),
            settings: Settings::default(),
        })
        .collect();
    let result = review::review(&inputs, &|| {});
    let t_review = t.elapsed();
    let t = Instant::now();
    let page = review::html::render(&result, "政府信息公开工作年度报告评议");
    let t_render = t.elapsed();
    let out = dir.join("review.html");
    std::fs::write(&out, &page).expect("write page");
    let s = result.summary();
    println!(
        "reviewed {} reports ({} findings, {} cross-year pairs) on {} threads: read + check + cross-year {:.2} s, page {:.2} s, total {:.2} s",
        s.reports,
        s.findings,
        s.pairs,
        rayon::current_num_threads(),
        t_review.as_secs_f64(),
        t_render.as_secs_f64(),
        (t_review + t_render).as_secs_f64()
    );
    println!(
        "page: {} ({:.1} MB)",
        out.display(),
        page.len() as f64 / 1e6
    );
}
