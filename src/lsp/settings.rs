//! The settings that apply to a document: `gxlint.toml` found as the CLI finds it, cached per
//! directory, dropped when the client reports a change to a `gxlint.toml`.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use tower_lsp_server::ls_types as lsp;

use super::lock;
use crate::config::Settings;

pub const CONFIG_FILE: &str = "gxlint.toml";

/// The settings for a file at `path` (`None`: not a file on disk). The one place that decides
/// how configuration is found, so the editor and `gxlint check` agree.
pub fn load(_path: Option<&Path>) -> Settings {
    // TODO(config): switch to `crate::config::load_for_path` once it is on main.
    Settings::default()
}

#[derive(Debug, Default)]
pub struct SettingsCache {
    by_dir: Mutex<HashMap<Option<PathBuf>, Settings>>,
    roots: Mutex<Vec<PathBuf>>,
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
        let s = load(path.as_deref());
        lock(&self.by_dir).insert(dir, s.clone());
        s
    }
}
