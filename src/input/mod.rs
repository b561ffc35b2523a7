//! The input layer: the bytes of a file → the text the reader checks, plus what is needed to
//! say where a finding is in the original and to write a fixed text back.
//!
//! - **Text** (`.md`, `.txt`, anything else): UTF-8 (a BOM kept as it is), UTF-16 with a BOM,
//!   or GB18030/GBK when the bytes are clearly that ([`text`]).
//! - **Word** `.docx` (Word, WPS, LibreOffice): paragraphs, headings and tables rendered once
//!   into a markdown draft ([`docx`]).
//! - **Saved web pages** (`.html`, `.htm`, `.shtml`): the element holding the report's title
//!   and sections, rendered the same way ([`html`]).
//! - `.doc`, `.wps`, `.pdf`, RTF, encrypted or corrupt `.docx`: an [`InputError`] saying what to
//!   do.
//!
//! The rendering of a `.docx` or a page is a markdown draft (ATX headings, GFM tables, one
//! paragraph a line), so `gxlint convert` writes exactly the text that was checked. Its
//! [`SourceMap`] maps offsets of that text back to `第12段` / `表三 第5行 第3列`.
//!
//! This layer knows nothing of rules, configuration or the reader; the CLI calls it where
//! bytes become text ([`read_path`], [`from_bytes`]) and where a fixed text is written back
//! ([`Input::encode`]).

pub mod docx;
pub mod html;
mod render;
pub mod text;

use std::fmt;
use std::path::Path;

pub use render::{Block, Place, SourceMap, render_blocks};
pub use text::TextEncoding;

/// What kind of file the text came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputKind {
    /// A text file (markdown or plain text), in [`Input::encoding`].
    Text,
    /// A Word document (`.docx`), rendered as a markdown draft.
    Docx,
    /// A saved web page, rendered as a markdown draft.
    Html,
}

impl InputKind {
    pub fn as_str(self) -> &'static str {
        match self {
            InputKind::Text => "text",
            InputKind::Docx => "docx",
            InputKind::Html => "html",
        }
    }
}

/// A file read into text.
#[derive(Debug, Clone)]
pub struct Input {
    /// The text the reader checks: the file's text, or the rendering of a `.docx` or page.
    pub text: String,
    /// Where the text came from.
    pub source: Source,
}

/// Where a text came from: the kind of file, its encoding, and for a rendering the map back
/// to the original's paragraphs and cells. The renderers take this to name the encoding and
/// the place of each finding.
#[derive(Debug, Clone)]
pub struct Source {
    pub kind: InputKind,
    /// The encoding of a text file or page (a `.docx` is UTF-8 XML: [`TextEncoding::Utf8`]).
    pub encoding: TextEncoding,
    /// For a rendering: where each paragraph and table cell of the text came from.
    pub map: Option<SourceMap>,
}

impl Source {
    /// A UTF-8 text file.
    pub fn utf8() -> Source {
        Source {
            kind: InputKind::Text,
            encoding: TextEncoding::Utf8,
            map: None,
        }
    }

    /// The encoding's name when it is not plain UTF-8 (`GBK`, `GB18030`, `UTF-16LE`, …).
    pub fn encoding_name(&self) -> Option<&'static str> {
        match self.encoding {
            TextEncoding::Utf8 => None,
            e => Some(e.name()),
        }
    }

    /// Where an offset of the text is in the original document, in its own terms
    /// (`第12段`, `表三 第5行 第3列`); `None` for a text file.
    pub fn locate(&self, offset: usize) -> Option<String> {
        self.map
            .as_ref()
            .and_then(|m| m.locate(offset))
            .map(|p| p.to_string())
    }

    /// Whether fixes can be written back to the file: only text files can.
    pub fn writable(&self) -> Result<(), String> {
        match self.kind {
            InputKind::Text => Ok(()),
            InputKind::Docx => Err("gxlint 不改写 Word 文件：请按诊断在 Word/WPS 中修改，\
                 或先用 `gxlint convert` 转为 Markdown 草稿再修复（--diff 可查看修复会改动的内容）"
                .into()),
            InputKind::Html => Err("gxlint 不改写网页文件：请先用 `gxlint convert` 转为 \
                 Markdown 草稿再修复（--diff 可查看修复会改动的内容）"
                .into()),
        }
    }

    /// A short description for messages: `GBK 编码的文本`, `Word 文档（.docx）`, `网页（GBK）`.
    pub fn describe(&self) -> String {
        match self.kind {
            InputKind::Text => format!("{} 编码的文本", self.encoding.name()),
            InputKind::Docx => "Word 文档（.docx），检查的是它转成的 Markdown 文本".into(),
            InputKind::Html => format!(
                "网页（{}），检查的是正文转成的 Markdown 文本",
                self.encoding.name()
            ),
        }
    }
}

impl Input {
    /// A UTF-8 text as it is.
    pub fn utf8(text: String) -> Input {
        Input {
            text,
            source: Source::utf8(),
        }
    }

    /// See [`Source::locate`].
    pub fn locate(&self, offset: usize) -> Option<String> {
        self.source.locate(offset)
    }

    /// The bytes of a fixed text in the file's own encoding: byte for byte the original outside
    /// the changed characters. An error when the file cannot be written back (not a text file)
    /// or a new character cannot be written in the file's encoding.
    pub fn encode(&self, original: &[u8], new_text: &str) -> Result<Vec<u8>, String> {
        self.source.writable()?;
        text::encode_like(self.source.encoding, original, &self.text, new_text)
    }
}

/// Why a file could not be read, with what to do about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputError {
    pub kind: InputErrorKind,
    /// The whole message, naming the file.
    pub message: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputErrorKind {
    /// The file could not be read at all (I/O).
    Io,
    /// A format gxlint does not read (`.doc`, `.wps`, `.pdf`, RTF, `.odt`).
    Unsupported,
    /// An encrypted Word document.
    Encrypted,
    /// A `.docx` that is not a valid Word document.
    Corrupt,
    /// Text in an encoding that is not clearly UTF-8, UTF-16 (BOM) or GB18030/GBK.
    Encoding,
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for InputError {}

impl InputError {
    fn new(kind: InputErrorKind, name: &str, what: impl fmt::Display) -> InputError {
        InputError {
            kind,
            message: format!("无法读取 {name}：{what}"),
        }
    }
}

/// The extensions of saved web pages.
pub const HTML_EXTENSIONS: &[&str] = &["html", "htm", "shtml", "xhtml"];
/// The extensions of Word documents gxlint reads.
pub const DOCX_EXTENSIONS: &[&str] = &["docx", "docm", "dotx", "dotm"];

fn ext_of(name: &str) -> String {
    Path::new(name)
        .extension()
        .and_then(|e| e.to_str())
        .map(|e| e.to_ascii_lowercase())
        .unwrap_or_default()
}

/// Read a file from disk. The messages name the file as `path` displays.
pub fn read_path(path: &Path) -> Result<Input, InputError> {
    let name = path.to_string_lossy();
    let name = name.strip_prefix("./").unwrap_or(&name);
    let bytes = std::fs::read(path).map_err(|e| InputError::new(InputErrorKind::Io, name, e))?;
    from_bytes(name, &bytes)
}

const OLE_MAGIC: &[u8] = &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

/// Whether an OLE compound file holds an encrypted OOXML package (`EncryptionInfo` stream).
fn ole_is_encrypted_ooxml(bytes: &[u8]) -> bool {
    let needle: Vec<u8> = "EncryptionInfo"
        .encode_utf16()
        .flat_map(|u| u.to_le_bytes())
        .collect();
    memchr::memmem::find(bytes, &needle).is_some()
}

/// Read the bytes of a file named `name` (used for messages and, with the content, to tell the
/// kind of file).
pub fn from_bytes(name: &str, bytes: &[u8]) -> Result<Input, InputError> {
    let ext = ext_of(name);
    let unsupported = |what: &str| InputError::new(InputErrorKind::Unsupported, name, what);
    if bytes.starts_with(OLE_MAGIC) {
        if ole_is_encrypted_ooxml(bytes) {
            return Err(InputError::new(
                InputErrorKind::Encrypted,
                name,
                "这是加密（设置了打开密码）的 Word 文档，gxlint 无法读取；\
                 请在 Word/WPS 中取消密码（文件 → 信息 → 保护文档）后另存为 .docx",
            ));
        }
        let what = match ext.as_str() {
            "wps" | "wpt" => "这是 WPS 文字的 .wps 格式，gxlint 无法读取；请在 WPS 中另存为 .docx",
            "docx" | "docm" => {
                "这不是 .docx（内容是 Word 97-2003 格式）；请在 Word/WPS 中另存为 .docx"
            }
            _ => {
                "这是 Word 97-2003（.doc）或 WPS（.wps）格式，gxlint 无法读取；请在 Word/WPS 中另存为 .docx"
            }
        };
        return Err(unsupported(what));
    }
    if bytes.starts_with(b"%PDF-") {
        return Err(unsupported(
            "这是 PDF 文件，gxlint 不读取 PDF；请检查报告的 Word 原稿（另存为 .docx），\
             或把正文复制到 .txt/.md 文件中检查",
        ));
    }
    if bytes.starts_with(b"{\\rtf") {
        return Err(unsupported(
            "这是 RTF 文件，gxlint 无法读取；请在 Word/WPS 中另存为 .docx",
        ));
    }
    if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06") {
        return docx::read(name, bytes);
    }
    if DOCX_EXTENSIONS.contains(&ext.as_str()) {
        return Err(InputError::new(
            InputErrorKind::Corrupt,
            name,
            "不是有效的 .docx 文件（已损坏，或只是改了扩展名）；请在 Word/WPS 中打开后另存为 .docx",
        ));
    }
    if matches!(
        ext.as_str(),
        "odt" | "ott" | "pages" | "wpt" | "et" | "xls" | "xlsx"
    ) {
        return Err(unsupported(
            "gxlint 无法读取这种格式；请在 Word/WPS 中另存为 .docx",
        ));
    }
    if HTML_EXTENSIONS.contains(&ext.as_str()) || html::looks_like_html(bytes) {
        return html::read(name, bytes);
    }
    text::decode(name, bytes)
}
