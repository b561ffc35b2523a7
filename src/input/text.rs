//! Text files: UTF-8, UTF-16 with a BOM, GB18030/GBK when clearly that; and writing a fixed
//! text back in the file's own encoding, byte for byte the original outside the changes.

use encoding_rs::{Encoding, GB18030, GBK};

use super::{Input, InputError, InputErrorKind, InputKind};

/// The encoding a text file was read in (and is written back in).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextEncoding {
    /// UTF-8 (a BOM, if any, stays in the text).
    Utf8,
    /// GBK (two-byte GB18030 only).
    Gbk,
    /// GB18030 with four-byte sequences.
    Gb18030,
    /// UTF-16 little-endian with a BOM.
    Utf16Le,
    /// UTF-16 big-endian with a BOM.
    Utf16Be,
    /// Another encoding a web page declared (read only: pages are never written).
    Other(&'static Encoding),
}

impl TextEncoding {
    pub fn name(self) -> &'static str {
        match self {
            TextEncoding::Utf8 => "UTF-8",
            TextEncoding::Gbk => "GBK",
            TextEncoding::Gb18030 => "GB18030",
            TextEncoding::Utf16Le => "UTF-16LE",
            TextEncoding::Utf16Be => "UTF-16BE",
            TextEncoding::Other(e) => e.name(),
        }
    }

    /// The encoding of an `encoding_rs` decoder's result (GBK vs GB18030 told by `bytes`).
    pub(crate) fn from_encoding(e: &'static Encoding, bytes: &[u8]) -> TextEncoding {
        if e == encoding_rs::UTF_8 {
            TextEncoding::Utf8
        } else if e == GBK || e == GB18030 {
            if has_four_byte_sequence(bytes) {
                TextEncoding::Gb18030
            } else {
                TextEncoding::Gbk
            }
        } else if e == encoding_rs::UTF_16LE {
            TextEncoding::Utf16Le
        } else if e == encoding_rs::UTF_16BE {
            TextEncoding::Utf16Be
        } else {
            TextEncoding::Other(e)
        }
    }
}

/// The byte length of each GB18030 sequence: 1 (ASCII and 0x80), 4 (lead, digit, …) or 2.
fn gb_seq_len(bytes: &[u8], i: usize) -> usize {
    let b = bytes[i];
    if b <= 0x80 || b == 0xFF {
        1
    } else if bytes.get(i + 1).is_some_and(|n| (0x30..=0x39).contains(n)) {
        4
    } else {
        2
    }
}

fn has_four_byte_sequence(bytes: &[u8]) -> bool {
    let mut i = 0;
    while i < bytes.len() {
        let n = gb_seq_len(bytes, i);
        if n == 4 {
            return true;
        }
        i += n;
    }
    false
}

fn not_text(name: &str, what: String) -> InputError {
    InputError::new(InputErrorKind::Encoding, name, what)
}

/// Decode a text file.
pub fn decode(name: &str, bytes: &[u8]) -> Result<Input, InputError> {
    let input = |text: String, encoding| Input {
        text,
        source: super::Source {
            kind: InputKind::Text,
            encoding,
            map: None,
        },
    };
    if let Some((enc, bom_len)) = Encoding::for_bom(bytes)
        && enc != encoding_rs::UTF_8
    {
        let body = &bytes[bom_len..];
        return match enc.decode_without_bom_handling_and_without_replacement(body) {
            Some(t) => Ok(input(
                t.into_owned(),
                TextEncoding::from_encoding(enc, bytes),
            )),
            None => Err(not_text(
                name,
                format!(
                    "以 {} 字节顺序标记开头，但内容不是有效的 {}",
                    enc.name(),
                    enc.name()
                ),
            )),
        };
    }
    let utf8_err = match std::str::from_utf8(bytes) {
        Ok(t) => return Ok(input(t.to_string(), TextEncoding::Utf8)),
        Err(e) => e,
    };
    let at = utf8_err.valid_up_to();
    if memchr::memchr(0, bytes).is_some() {
        return Err(not_text(
            name,
            format!(
                "不是文本文件（含有 NUL 字节，第 {at} 字节起无法按 UTF-8 解码）；\
                 gxlint 读取 UTF-8、GBK/GB18030 文本、.docx 和网页"
            ),
        ));
    }
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    let guess = detector.guess(None, chardetng::Utf8Detection::Deny);
    if guess == GBK || guess == GB18030 {
        if let Some(t) = GB18030.decode_without_bom_handling_and_without_replacement(bytes) {
            return Ok(input(
                t.into_owned(),
                TextEncoding::from_encoding(GBK, bytes),
            ));
        }
        return Err(not_text(
            name,
            format!(
                "不是 UTF-8 编码的文本（第 {at} 字节起无法解码），看起来像 GBK 但含有无效的 GBK 字节；\
                 请用编辑器另存为 UTF-8"
            ),
        ));
    }
    Err(not_text(
        name,
        format!(
            "不是 UTF-8 编码的文本（第 {at} 字节起无法解码），也不能确定是 GBK/GB18030\
             （更像 {}）；请用编辑器另存为 UTF-8",
            guess.name()
        ),
    ))
}

/// For each character of `text` (decoded from `original` in `enc`), its byte offset in
/// `original`, plus the end. `None` when the bytes and the text do not line up.
fn char_byte_offsets(enc: TextEncoding, original: &[u8], text: &str) -> Option<Vec<usize>> {
    let mut out = Vec::with_capacity(text.len() / 2 + 1);
    let mut i = match enc {
        TextEncoding::Utf16Le | TextEncoding::Utf16Be => 2,
        _ => 0,
    };
    for ch in text.chars() {
        if i >= original.len() {
            return None;
        }
        out.push(i);
        i += match enc {
            TextEncoding::Gbk | TextEncoding::Gb18030 => gb_seq_len(original, i),
            TextEncoding::Utf16Le | TextEncoding::Utf16Be => ch.len_utf16() * 2,
            TextEncoding::Utf8 => ch.len_utf8(),
            TextEncoding::Other(_) => return None,
        };
    }
    (i == original.len()).then(|| {
        out.push(i);
        out
    })
}

/// Encode a piece of new text in `enc`; an error names the first character it cannot hold.
fn encode_piece(enc: TextEncoding, s: &str, out: &mut Vec<u8>) -> Result<(), String> {
    match enc {
        TextEncoding::Utf8 => out.extend_from_slice(s.as_bytes()),
        TextEncoding::Utf16Le => out.extend(s.encode_utf16().flat_map(u16::to_le_bytes)),
        TextEncoding::Utf16Be => out.extend(s.encode_utf16().flat_map(u16::to_be_bytes)),
        TextEncoding::Gbk | TextEncoding::Gb18030 => {
            let e = if enc == TextEncoding::Gbk {
                GBK
            } else {
                GB18030
            };
            let (bytes, _, unmappable) = e.encode(s);
            if unmappable {
                let bad = s
                    .chars()
                    .find(|c| e.encode(c.encode_utf8(&mut [0; 4])).2)
                    .unwrap_or('?');
                return Err(format!(
                    "修复后的文本含有 {} 编码无法表示的字符「{bad}」（U+{:04X}），未写回；\
                     请手工修改或把文件另存为 UTF-8",
                    enc.name(),
                    bad as u32
                ));
            }
            out.extend_from_slice(&bytes);
        }
        TextEncoding::Other(e) => {
            return Err(format!("不写回 {} 编码的文件", e.name()));
        }
    }
    Ok(())
}

/// The bytes of `new` in `enc`: the bytes of `original` (which decoded to `old`) wherever the
/// text is unchanged, the new characters encoded in `enc` elsewhere.
pub fn encode_like(
    enc: TextEncoding,
    original: &[u8],
    old: &str,
    new: &str,
) -> Result<Vec<u8>, String> {
    if enc == TextEncoding::Utf8 {
        return Ok(new.as_bytes().to_vec());
    }
    let offsets = char_byte_offsets(enc, original, old)
        .ok_or_else(|| format!("无法确定 {} 文本的字节位置，未写回", enc.name()))?;
    let old_chars: Vec<&str> = split_chars(old);
    let new_chars: Vec<&str> = split_chars(new);
    let diff = similar::TextDiff::configure()
        .algorithm(similar::Algorithm::Myers)
        .timeout(std::time::Duration::from_secs(5))
        .diff_slices(&old_chars, &new_chars);
    let mut out = Vec::with_capacity(original.len() + 16);
    if matches!(enc, TextEncoding::Utf16Le | TextEncoding::Utf16Be) {
        out.extend_from_slice(&original[..2]);
    }
    for op in diff.ops() {
        match *op {
            similar::DiffOp::Equal { old_index, len, .. } => {
                out.extend_from_slice(&original[offsets[old_index]..offsets[old_index + len]]);
            }
            similar::DiffOp::Delete { .. } => {}
            similar::DiffOp::Insert {
                new_index, new_len, ..
            }
            | similar::DiffOp::Replace {
                new_index, new_len, ..
            } => {
                let piece: String = new_chars[new_index..new_index + new_len].concat();
                encode_piece(enc, &piece, &mut out)?;
            }
        }
    }
    Ok(out)
}

fn split_chars(s: &str) -> Vec<&str> {
    s.char_indices()
        .map(|(i, c)| &s[i..i + c.len_utf8()])
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gbk(s: &str) -> Vec<u8> {
        GBK.encode(s).0.into_owned()
    }

    #[test]
    fn gbk_is_decoded_and_named() {
        let bytes = gbk("某市2024年政府信息公开工作年度报告\r\n一、总体情况\r\n");
        let input = decode("a.txt", &bytes).unwrap();
        assert_eq!(input.source.encoding, TextEncoding::Gbk);
        assert!(input.text.starts_with("某市2024年"));
    }

    #[test]
    fn gbk_write_back_is_byte_exact_outside_the_edit() {
        let old = "地址：\r\n总计 7 件\r\n€ 与 ￥\r\n";
        let bytes = gbk(old);
        let input = decode("a.txt", &bytes).unwrap();
        let new = input.text.replace("7", "6");
        let out = encode_like(input.source.encoding, &bytes, &input.text, &new).unwrap();
        assert_eq!(out, gbk(&new));
        assert_eq!(out.len(), bytes.len());
        let diff: Vec<usize> = (0..out.len()).filter(|&i| out[i] != bytes[i]).collect();
        assert_eq!(diff.len(), 1);
    }

    #[test]
    fn gbk_refuses_a_character_it_cannot_hold() {
        let bytes = gbk("报告正文很长很长的一段中文文字，用于检测编码。\n");
        let input = decode("a.txt", &bytes).unwrap();
        let new = format!("{}𠮷\n", input.text);
        let err = encode_like(input.source.encoding, &bytes, &input.text, &new).unwrap_err();
        assert!(err.contains("𠮷"), "{err}");
    }

    #[test]
    fn gb18030_four_byte_sequences_round_trip() {
        let old = "吉林省𠮷野县2024年政府信息公开工作年度报告\n总计 7 件\n";
        let bytes = GB18030.encode(old).0.into_owned();
        let input = decode("a.txt", &bytes).unwrap();
        assert_eq!(input.source.encoding, TextEncoding::Gb18030);
        assert_eq!(input.text, old);
        let new = old.replace('7', "6");
        let out = encode_like(input.source.encoding, &bytes, &input.text, &new).unwrap();
        assert_eq!(out, GB18030.encode(&new).0.into_owned());
    }

    #[test]
    fn utf16_with_bom() {
        let old = "一、总体情况 𠮷\n";
        let mut bytes = vec![0xFF, 0xFE];
        bytes.extend(old.encode_utf16().flat_map(u16::to_le_bytes));
        let input = decode("a.txt", &bytes).unwrap();
        assert_eq!(input.source.encoding, TextEncoding::Utf16Le);
        assert_eq!(input.text, old);
        let new = old.replace("一", "二");
        let out = encode_like(input.source.encoding, &bytes, &input.text, &new).unwrap();
        let mut want = vec![0xFF, 0xFE];
        want.extend(new.encode_utf16().flat_map(u16::to_le_bytes));
        assert_eq!(out, want);
    }

    #[test]
    fn neither_is_a_clear_error() {
        let err = decode("a.bin", b"\x00\x01\xff\xfe\x00garbage\x80").unwrap_err();
        assert!(err.message.contains("a.bin"));
        let latin = "Caf\u{e9} cr\u{e8}me br\u{fb}l\u{e9}e, d\u{e9}j\u{e0} vu, na\u{ef}ve fa\u{e7}ade r\u{e9}sum\u{e9}";
        let bytes = encoding_rs::WINDOWS_1252.encode(latin).0.into_owned();
        let err = decode("a.txt", &bytes).unwrap_err();
        assert_eq!(err.kind, InputErrorKind::Encoding);
    }
}
