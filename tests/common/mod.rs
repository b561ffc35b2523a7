//! Shared test helpers: the seed corpus in ../shared/seeds.
#![allow(dead_code)]

use std::path::PathBuf;

/// The seed folder: `$GXLINT_SEEDS`, else `../shared/seeds` beside the crate. Panics (fails
/// loudly, never skips) when it is missing: CI must have it.
pub fn seeds_dir() -> PathBuf {
    let mut candidates = Vec::new();
    if let Ok(p) = std::env::var("GXLINT_SEEDS") {
        candidates.push(PathBuf::from(p));
    }
    candidates.push(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/seeds"));
    candidates.push(PathBuf::from("/work/shared/seeds"));
    candidates.into_iter().find(|p| p.is_dir()).expect(
        "seed corpus ../shared/seeds is missing (set GXLINT_SEEDS): the corpus tests cannot run",
    )
}

/// The text of the seed whose file name starts with `prefix` (`"000"`).
pub fn seed(prefix: &str) -> String {
    let dir = seeds_dir();
    let entry = std::fs::read_dir(&dir)
        .expect("read seed folder")
        .filter_map(Result::ok)
        .find(|e| e.file_name().to_string_lossy().starts_with(prefix))
        .unwrap_or_else(|| panic!("seed {prefix} missing in {}", dir.display()));
    std::fs::read_to_string(entry.path()).expect("seed is UTF-8")
}

/// All seeds as (file name, text), sorted by name.
pub fn all_seeds() -> Vec<(String, String)> {
    let dir = seeds_dir();
    let mut v: Vec<(String, String)> = std::fs::read_dir(&dir)
        .expect("read seed folder")
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "txt"))
        .map(|e| {
            (
                e.file_name().to_string_lossy().into_owned(),
                std::fs::read_to_string(e.path()).expect("seed is UTF-8"),
            )
        })
        .collect();
    v.sort();
    assert!(v.len() >= 5, "expected the five seeds in {}", dir.display());
    v
}
