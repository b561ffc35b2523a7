//! Property: on random edits of the seeds (lines deleted, duplicated, inserted; numbers
//! perturbed), applying every fix never panics, keeps every line no fix touched exactly where it
//! was (in order, byte for byte), keeps the line-end style, and reaches a fixed point.

use gxlint::config::Settings;
use gxlint::diagnostic::Edit;
use gxlint::fix::{self, FixMode};
use proptest::prelude::*;

fn seeds_dir() -> std::path::PathBuf {
    let candidates = [
        std::env::var_os("GXLINT_SEEDS").map(std::path::PathBuf::from),
        Some(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/seeds")),
        Some(std::path::PathBuf::from("/work/shared/seeds")),
    ];
    candidates
        .into_iter()
        .flatten()
        .find(|p| p.is_dir())
        .expect("seeds not found: set GXLINT_SEEDS or provide ../shared/seeds")
}

fn seeds() -> &'static [String] {
    static SEEDS: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
    SEEDS.get_or_init(|| {
        let mut paths: Vec<_> = std::fs::read_dir(seeds_dir())
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "txt"))
            .collect();
        paths.sort();
        assert!(paths.len() >= 5, "five seeds expected");
        paths
            .iter()
            .map(|p| std::fs::read_to_string(p).unwrap())
            .collect()
    })
}

/// Lines a random edit may insert: headings, table rows, residue, spam, odd characters.
const POOL: &[&str] = &[
    "三、收到和处理政府信息公开申请情况",
    "## 四、政府信息公开行政复议、行政诉讼情况",
    "（七）总计 | 1 | 0 | 0 | 0 | 0 | 0 | 2 |",
    "\t规范性文件",
    "本年新\n制作数量",
    "第二十条第(九)项",
    "扫一扫在手机打开当前页",
    "365体育官网",
    "本年度报告中所列数据的统计期限自202020年12月31日止。",
    "联系电话：",
    "𠮷野家 　\u{a0}|||",
    "<!-- gxlint-disable GX206 -->",
    "",
    "１２，３４５",
];

#[derive(Debug, Clone)]
enum Op {
    Delete(usize),
    Duplicate(usize),
    Insert(usize, usize),
    Perturb(usize, i64),
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        any::<usize>().prop_map(Op::Delete),
        any::<usize>().prop_map(Op::Duplicate),
        (any::<usize>(), 0..POOL.len()).prop_map(|(a, b)| Op::Insert(a, b)),
        (any::<usize>(), -3i64..50).prop_map(|(a, d)| Op::Perturb(a, d)),
    ]
}

fn mutate(text: &str, ops: &[Op]) -> String {
    let mut lines: Vec<String> = text.split('\n').map(str::to_string).collect();
    for op in ops {
        let n = lines.len().max(1);
        match op {
            Op::Delete(i) => {
                if lines.len() > 1 {
                    lines.remove(i % n);
                }
            }
            Op::Duplicate(i) => {
                let l = lines[i % n].clone();
                lines.insert(i % n, l);
            }
            Op::Insert(i, k) => {
                lines.insert(i % (n + 1).min(lines.len() + 1), POOL[*k].to_string())
            }
            Op::Perturb(i, d) => {
                // Change the (i mod count)-th run of ASCII digits.
                let joined = lines.join("\n");
                let runs: Vec<(usize, usize)> = {
                    let b = joined.as_bytes();
                    let mut v = Vec::new();
                    let mut k = 0;
                    while k < b.len() {
                        if b[k].is_ascii_digit() {
                            let s = k;
                            while k < b.len() && b[k].is_ascii_digit() {
                                k += 1;
                            }
                            v.push((s, k));
                        } else {
                            k += 1;
                        }
                    }
                    v
                };
                if runs.is_empty() {
                    continue;
                }
                let (s, e) = runs[i % runs.len()];
                let old: i64 = joined[s..e].parse().unwrap_or(0);
                let new = format!("{}{}{}", &joined[..s], old.saturating_add(*d), &joined[e..]);
                lines = new.split('\n').map(str::to_string).collect();
            }
        }
    }
    lines.join("\n")
}

/// Follow the line at `range` through the passes: None when an edit touched it, else its range
/// in the final text.
fn follow(
    mut range: std::ops::Range<usize>,
    passes: &[Vec<Edit>],
) -> Option<std::ops::Range<usize>> {
    for edits in passes {
        let mut shift: isize = 0;
        for e in edits {
            let r = &e.range;
            let touches = if r.is_empty() {
                range.start < r.start && r.start < range.end
            } else {
                r.start < range.end && range.start < r.end
            };
            if touches {
                return None;
            }
            if r.end <= range.start {
                shift += e.new_text.len() as isize - (r.end - r.start) as isize;
            }
        }
        let len = range.end - range.start;
        let start = (range.start as isize + shift) as usize;
        range = start..start + len;
    }
    Some(range)
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: std::env::var("PROPTEST_CASES").ok().and_then(|s| s.parse().ok()).unwrap_or(32),
        ..ProptestConfig::default()
    })]

    #[test]
    fn fixing_random_edits_of_the_seeds_keeps_untouched_lines(
        which in 0usize..5,
        ops in proptest::collection::vec(op(), 0..8),
        crlf in any::<bool>(),
    ) {
        let settings = Settings::default();
        let mut text = mutate(&seeds()[which], &ops);
        if crlf {
            text = text.replace("\r\n", "\n").replace('\n', "\r\n");
        }
        let (out, passes) = fix::fix_text_traced(&text, &settings, FixMode::Unsafe);
        prop_assert!(passes.len() <= fix::MAX_PASSES);
        let mut pos = 0;
        let mut last_end = 0;
        for line in text.split_inclusive('\n') {
            let content = line.trim_end_matches(['\n', '\r']);
            let range = pos..pos + content.len();
            pos += line.len();
            if content.trim().is_empty() {
                continue;
            }
            if let Some(r) = follow(range, &passes) {
                prop_assert_eq!(out.text.get(r.clone()), Some(content), "untouched line moved or changed");
                prop_assert!(r.start >= last_end, "untouched lines keep their order");
                last_end = r.end;
            }
        }
        if crlf {
            prop_assert!(!out.text.replace("\r\n", "").contains('\n'), "CRLF kept");
        }
        let again = fix::fix_text(&out.text, &settings, FixMode::Unsafe);
        prop_assert_eq!(again.applied, 0, "fixed point reached");
        prop_assert_eq!(&again.text, &out.text);
    }
}
