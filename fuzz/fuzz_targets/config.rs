//! The `gxlint.toml` parser: any text gives settings or an error that names a line inside the
//! text, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

const KEYS: &[&str] = &[
    "year = 2024\n",
    "format = \"2019\"\n",
    "select = [\"GX3\", \"row-total\"]\n",
    "ignore = [\"GX407\"]\n",
    "[severity]\nGX206 = \"info\"\n",
    "[extra]\nresidue = [\"自定义残留\"]\n",
    "placeholders = [\"[某某]\", \"\"]\n",
    "spam = [\"(?x\"]\n",
    "year = 1999\n",
    "\u{feff}",
    "\r\n",
];

fuzz_target!(|data: &[u8]| {
    let text = if data.first().is_some_and(|b| b % 2 == 1) {
        data[1..]
            .iter()
            .take(64)
            .map(|b| KEYS[*b as usize % KEYS.len()])
            .collect::<String>()
    } else {
        String::from_utf8_lossy(&data[data.len().min(1)..data.len().min(gxlint_fuzz::MAX_INPUT)])
            .into_owned()
    };
    let lines = text.split('\n').count();
    if let Err(e) = gxlint::config::parse_config(&text, std::path::Path::new("gxlint.toml")) {
        if let Some(l) = e.line {
            assert!(l >= 1 && l <= lines, "{e} (text has {lines} lines)");
        }
        assert!(!e.message.is_empty());
    }
});
