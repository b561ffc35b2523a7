//! GX1xx (structure) and the section reader, on the seeds and on small fixtures.

use gxlint::config::Settings;
use gxlint::document::{Document, HeadingMarkup};

fn seeds_dir() -> std::path::PathBuf {
    let candidates = [
        std::env::var("GXLINT_SEEDS")
            .ok()
            .map(std::path::PathBuf::from),
        Some(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/seeds")),
        Some(std::path::PathBuf::from("/work/shared/seeds")),
    ];
    for c in candidates.into_iter().flatten() {
        if c.is_dir() {
            return c;
        }
    }
    panic!("seed directory not found (set GXLINT_SEEDS)");
}

fn seed(prefix: &str) -> String {
    let dir = seeds_dir();
    for e in std::fs::read_dir(&dir).expect("read seeds") {
        let p = e.expect("entry").path();
        if p.file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| n.starts_with(prefix))
        {
            return std::fs::read_to_string(p).expect("read seed");
        }
    }
    panic!("seed {prefix} not found in {}", dir.display());
}

fn section_numbers(text: &str) -> Vec<u8> {
    let settings = Settings::default();
    Document::parse(text, &settings)
        .sections
        .iter()
        .map(|s| s.number)
        .collect()
}

#[test]
fn seed_sections() {
    assert_eq!(section_numbers(&seed("000")), vec![1, 2, 3, 4, 5, 6]);
    assert_eq!(section_numbers(&seed("001")), vec![1, 2, 3, 4, 5, 6]);
    assert_eq!(section_numbers(&seed("003")), vec![1, 2, 3, 4, 5, 6]);
    assert_eq!(section_numbers(&seed("004")), vec![1, 2, 3, 4, 5, 6]);
    // 2013: only `一、概述` is one of the six (as a variant of 总体情况).
    assert_eq!(section_numbers(&seed("002")), vec![1]);
}

#[test]
fn seed_section_bodies() {
    let text = seed("003");
    let settings = Settings::default();
    let doc = Document::parse(&text, &settings);
    let six = doc.section(6).expect("六");
    assert_eq!(doc.slice(&six.wording), "其他需要报告的事项");
    assert_eq!(doc.slice(&six.body).trim(), "无");
    assert_eq!(six.markup, HeadingMarkup::Plain);
    let three = doc.section(3).expect("三");
    // The body of 三 runs to the heading of 四, past the table row `四、结转下年度继续办理`.
    assert!(doc.slice(&three.body).contains("四、结转下年度继续办理"));
    assert!(
        doc.slice(&three.body)
            .ends_with("| 0 | 0 | 0 | 0 | 0 | 0 | 0 |\n")
    );
}
