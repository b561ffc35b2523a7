//! The settings that apply to a document: `gxlint.toml` found as the CLI finds it, cached per
//! directory, dropped when the client reports a change to a `gxlint.toml`; under it the editor's
//! settings (`EditorSettings`, sent as `initializationOptions` and by `workspace/configuration`,
//! section `gxlint`), merged as ruff merges its editor settings with a `ruff.toml`
//! (`EditorSettings::apply`).

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

/// When documents are checked.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Run {
    /// On every change (the default).
    #[default]
    OnType,
    /// When opened and when saved.
    OnSave,
}

/// The editor's settings (`gxlint.enable`, `gxlint.run`, `gxlint.select`, `gxlint.ignore`).
#[derive(Debug, Clone, PartialEq, Eq, serde::Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct EditorSettings {
    /// `false`: no diagnostics at all.
    pub enable: bool,
    pub run: Run,
    /// Rules to run (codes, names, prefixes) when `gxlint.toml` has no `select`.
    pub select: Vec<String>,
    /// Rules not to run, added to `gxlint.toml`'s `ignore`.
    pub ignore: Vec<String>,
}

impl Default for EditorSettings {
    fn default() -> Self {
        EditorSettings {
            enable: true,
            run: Run::OnType,
            select: Vec::new(),
            ignore: Vec::new(),
        }
    }
}

impl EditorSettings {
    /// Read from what a client sends: `{"gxlint": {…}}`, `{"settings": {…}}` or the object
    /// itself; `null` gives the defaults. Unknown keys are skipped; a value of the wrong kind or an
    /// unknown rule is an error (in Chinese), and the rest still applies.
    pub fn from_json(v: &serde_json::Value) -> (EditorSettings, Vec<String>) {
        let mut v = v;
        for key in ["gxlint", "settings"] {
            if let Some(inner) = v.get(key).filter(|i| i.is_object()) {
                v = inner;
            }
        }
        let mut errors = Vec::new();
        let mut out = EditorSettings::default();
        let Some(map) = v.as_object() else {
            return (out, errors);
        };
        let list = |key: &str, errors: &mut Vec<String>| -> Vec<String> {
            match map.get(key) {
                None | Some(serde_json::Value::Null) => Vec::new(),
                Some(serde_json::Value::Array(a)) => a
                    .iter()
                    .filter_map(|x| match x.as_str() {
                        Some(s) if crate::config::selector_is_known(s.trim()) => {
                            Some(s.trim().to_string())
                        }
                        Some(s) => {
                            errors.push(format!(
                                "编辑器设置 gxlint.{key} 中的“{s}”不是已知的规则代码、名称或代码前缀，已忽略"
                            ));
                            None
                        }
                        None => {
                            errors.push(format!("编辑器设置 gxlint.{key} 应为字符串数组"));
                            None
                        }
                    })
                    .collect(),
                Some(_) => {
                    errors.push(format!("编辑器设置 gxlint.{key} 应为字符串数组，如 [\"GX5\"]"));
                    Vec::new()
                }
            }
        };
        out.select = list("select", &mut errors);
        out.ignore = list("ignore", &mut errors);
        match map.get("enable") {
            None | Some(serde_json::Value::Null) => {}
            Some(serde_json::Value::Bool(b)) => out.enable = *b,
            Some(_) => errors.push("编辑器设置 gxlint.enable 应为 true 或 false".to_string()),
        }
        match map.get("run") {
            None | Some(serde_json::Value::Null) => {}
            Some(r) => match serde_json::from_value::<Run>(r.clone()) {
                Ok(r) => out.run = r,
                Err(_) => errors.push(format!(
                    "编辑器设置 gxlint.run 应为 \"onType\" 或 \"onSave\"，实为 {r}"
                )),
            },
        }
        (out, errors)
    }

    /// Merge under a project's settings: `gxlint.toml` wins where it speaks. Its `select`, when it
    /// has one, replaces the editor's; the editor's `ignore` is added to its `ignore`.
    pub fn apply(&self, settings: &mut Settings) {
        if settings.select.is_empty() {
            settings.select = self.select.clone();
        }
        for i in &self.ignore {
            if !settings.ignore.contains(i) {
                settings.ignore.push(i.clone());
            }
        }
    }
}

#[derive(Debug, Default)]
pub struct SettingsCache {
    editor: Mutex<EditorSettings>,
    by_dir: Mutex<HashMap<Option<PathBuf>, Settings>>,
    roots: Mutex<Vec<PathBuf>>,
    /// Configuration errors not yet shown to the user.
    errors: Mutex<Vec<String>>,
}

impl SettingsCache {
    pub fn set_roots(&self, roots: Vec<PathBuf>) {
        *lock(&self.roots) = roots;
    }

    /// The editor's settings in force.
    pub fn editor(&self) -> EditorSettings {
        lock(&self.editor).clone()
    }

    /// New editor settings from a client's JSON (errors kept to be shown); drops the cache.
    pub fn set_editor(&self, v: &serde_json::Value) {
        let (e, errors) = EditorSettings::from_json(v);
        *lock(&self.editor) = e;
        lock(&self.errors).extend(errors);
        self.clear();
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
        let (mut s, error) = load(path.as_deref());
        self.editor().apply(&mut s);
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
