//! The settings that apply to a document: `gxlint.toml` found as the CLI finds it, cached per
//! directory, dropped when the client reports a change to a `gxlint.toml`.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use tower_lsp_server::ls_types as lsp;

use super::lock;
use crate::config::Settings;

pub const CONFIG_FILE: &str = "gxlint.toml";

/// The settings for a file at `path` (`None`: not a file on disk): the nearest `gxlint.toml`
/// walking up, exactly as `gxlint check` finds it. A configuration that cannot be read gives
/// the defaults and the error to show.
pub fn load(path: Option<&Path>) -> (Settings, Option<String>) {
    let Some(path) = path else {
        return (Settings::default(), None);
    };
    match crate::config::load_for_path(path) {
        Ok(s) => (s, None),
        Err(e) => (
            Settings::default(),
            Some(format!("{e}；本文档按默认设置检查")),
        ),
    }
}

#[derive(Debug, Default)]
pub struct SettingsCache {
    by_dir: Mutex<HashMap<Option<PathBuf>, Settings>>,
    roots: Mutex<Vec<PathBuf>>,
    /// Configuration errors not yet shown to the user.
    errors: Mutex<Vec<String>>,
}

impl SettingsCache {
    pub fn set_roots(&self, roots: Vec<PathBuf>) {
        *lock(&self.roots) = roots;
    }

    pub fn clear(&self) {
        lock(&self.by_dir).clear();
    }

    pub fn for_uri(&self, uri: &lsp::Uri) -> Settings {
        // A document not on disk (untitled) takes the first workspace folder's configuration.
        let path = uri
            .to_file_path()
            .map(|p| p.into_owned())
            .or_else(|| lock(&self.roots).first().map(|r| r.join("untitled")));
        let dir = path
            .as_ref()
            .and_then(|p| p.parent().map(Path::to_path_buf));
        if let Some(s) = lock(&self.by_dir).get(&dir) {
            return s.clone();
        }
        let (s, error) = load(path.as_deref());
        if let Some(e) = error {
            lock(&self.errors).push(e);
        }
        lock(&self.by_dir).insert(dir, s.clone());
        s
    }

    /// Configuration errors met since the last call.
    pub fn take_errors(&self) -> Vec<String> {
        std::mem::take(&mut *lock(&self.errors))
    }
}

/// `maxSize` in initialization options or `didChangeConfiguration` settings (also under a
/// `gxlint` key): a number of bytes or a size such as `"64M"`. `None` when not given.
pub fn max_size_option(options: &serde_json::Value) -> Option<Result<u64, String>> {
    let v = options
        .get("maxSize")
        .or_else(|| options.get("gxlint")?.get("maxSize"))?;
    Some(match v {
        serde_json::Value::Number(n) => n
            .as_u64()
            .filter(|n| *n > 0)
            .ok_or_else(|| format!("“{n}”不是正整数字节数")),
        serde_json::Value::String(s) => crate::files::parse_size(s),
        other => Err(format!("“{other}”应为字节数或如 \"32M\" 的大小")),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn max_size_options() {
        assert_eq!(max_size_option(&json!({})), None);
        assert_eq!(max_size_option(&json!({"maxSize": 1000})), Some(Ok(1000)));
        assert_eq!(
            max_size_option(&json!({"gxlint": {"maxSize": "2K"}})),
            Some(Ok(2048))
        );
        assert!(matches!(
            max_size_option(&json!({"maxSize": -1})),
            Some(Err(_))
        ));
        assert!(matches!(
            max_size_option(&json!({"maxSize": "x"})),
            Some(Err(_))
        ));
    }
}
