//! Reading and checking a 100-page `.docx` (`cargo bench --bench docx`).
//!
//! Builds a Word document of about 200 KB of text (the body of the LibreOffice-written clean
//! 2024 draft in tests/fixtures/inputs, repeated) with the `zip` writer, then times
//! `input::from_bytes` (unzip, XML, rendering) plus `gxlint::check` on it, single-threaded.
//! Prints the median and the slowest of 30 runs; the target is under 50 ms.

use std::io::{Cursor, Read, Write};
use std::time::{Duration, Instant};

use gxlint::config::Settings;

fn big_docx() -> Vec<u8> {
    let src = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/inputs/2024_clean.lo.docx"
    ))
    .expect("fixture");
    let mut zin = zip::ZipArchive::new(Cursor::new(&src)).expect("zip");
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for i in 0..zin.len() {
        let mut f = zin.by_index(i).expect("entry");
        let name = f.name().to_string();
        let mut data = Vec::new();
        f.read_to_end(&mut data).expect("read");
        if name == "word/document.xml" {
            let s = String::from_utf8(data).expect("utf-8");
            let start = s.find("<w:body>").expect("body") + "<w:body>".len();
            let end = s
                .rfind("<w:sectPr")
                .unwrap_or_else(|| s.rfind("</w:body>").expect("end"));
            let body = &s[start..end];
            let mut big = String::from(&s[..start]);
            for _ in 0..30 {
                big.push_str(body);
            }
            big.push_str(&s[end..]);
            data = big.into_bytes();
        }
        out.start_file(name, opts).expect("start");
        out.write_all(&data).expect("write");
    }
    out.finish().expect("finish").into_inner()
}

fn main() {
    let bytes = big_docx();
    let settings = Settings::default();
    let input = gxlint::input::from_bytes("big.docx", &bytes).expect("read");
    println!(
        "docx: {} KB file, {} KB of rendered text, {} lines",
        bytes.len() / 1024,
        input.text.len() / 1024,
        input.text.lines().count()
    );
    let mut times: Vec<Duration> = (0..30)
        .map(|_| {
            let t = Instant::now();
            let input = gxlint::input::from_bytes("big.docx", &bytes).expect("read");
            let a = gxlint::check(&input.text, &settings);
            std::hint::black_box(a.diagnostics.len());
            t.elapsed()
        })
        .collect();
    times.sort();
    println!(
        "read + check: median {:.1} ms, max {:.1} ms (target < 50 ms)",
        times[times.len() / 2].as_secs_f64() * 1e3,
        times[times.len() - 1].as_secs_f64() * 1e3
    );
}
