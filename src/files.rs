//! Reading input at the file-system level: only regular files, never waiting on a FIFO or a
//! device, and never more than a size limit (a file, standard input, a configuration file).
//!
//! What the bytes mean (UTF-8 or another encoding) is decided after this, by the caller.

use std::io::Read;
use std::path::Path;

/// The default input size limit: 32 MiB. A real report is 20–500 KB.
pub const DEFAULT_MAX_SIZE: u64 = 32 << 20;

/// Why an input could not be read.
#[derive(Debug)]
pub enum ReadError {
    /// Not a regular file (a FIFO, a device, a socket, a directory): not opened for reading.
    NotRegular(&'static str),
    /// Larger than the limit (`size` is what was seen: the file's length, or limit + 1 when
    /// reading a stream stopped there).
    TooLarge {
        size: u64,
        limit: u64,
    },
    Io(std::io::Error),
}

impl std::fmt::Display for ReadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ReadError::NotRegular(kind) => write!(f, "不是普通文件（{kind}），未读取"),
            ReadError::TooLarge { size, limit } => {
                let shown = if *size > *limit {
                    format!("超过 {}", human_size(*limit))
                } else {
                    human_size(*size)
                };
                write!(
                    f,
                    "文件过大（{shown}，上限 {}），未检查；可用 --max-size 调整上限",
                    human_size(*limit)
                )
            }
            ReadError::Io(e) => write!(f, "{e}"),
        }
    }
}

impl std::error::Error for ReadError {}

impl From<std::io::Error> for ReadError {
    fn from(e: std::io::Error) -> Self {
        ReadError::Io(e)
    }
}

/// `1.5 MB`, `32 MB`, `512 字节`.
pub fn human_size(n: u64) -> String {
    const M: u64 = 1 << 20;
    const K: u64 = 1 << 10;
    if n >= M {
        let v = n as f64 / M as f64;
        if n % M == 0 {
            format!("{} MB", n / M)
        } else {
            format!("{v:.1} MB")
        }
    } else if n >= K {
        format!("{} KB", n.div_ceil(K))
    } else {
        format!("{n} 字节")
    }
}

/// Parse a size: `33554432`, `32M`, `32MB`, `512K`, `1G` (binary units, case-insensitive).
pub fn parse_size(s: &str) -> Result<u64, String> {
    let t = s.trim();
    let upper = t.to_ascii_uppercase();
    let digits_end = upper
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(upper.len());
    let (num, unit) = upper.split_at(digits_end);
    let unit = unit.trim();
    let mult: u64 = match unit {
        "" | "B" => 1,
        "K" | "KB" | "KIB" => 1 << 10,
        "M" | "MB" | "MIB" => 1 << 20,
        "G" | "GB" | "GIB" => 1 << 30,
        _ => {
            return Err(format!(
                "大小“{t}”无效：应为字节数，或带 K、M、G 单位，如 32M"
            ));
        }
    };
    let n: u64 = num
        .parse()
        .map_err(|_| format!("大小“{t}”无效：应为字节数，或带 K、M、G 单位，如 32M"))?;
    match n.checked_mul(mult) {
        Some(0) => Err("大小上限不能为 0".to_string()),
        Some(v) => Ok(v),
        None => Err(format!("大小“{t}”过大")),
    }
}

fn kind_of(t: std::fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if t.is_fifo() {
            return "命名管道 FIFO";
        }
        if t.is_char_device() {
            return "字符设备";
        }
        if t.is_block_device() {
            return "块设备";
        }
        if t.is_socket() {
            return "套接字";
        }
    }
    if t.is_dir() {
        return "目录";
    }
    "特殊文件"
}

/// Open `path` for reading without ever blocking on it: a FIFO with no writer would block
/// `open(2)` itself, so the file is opened non-blocking, then checked to be a regular file.
fn open_regular(path: &Path) -> Result<std::fs::File, ReadError> {
    // A first look that opens nothing (follows symbolic links): sockets cannot be opened.
    let meta = std::fs::metadata(path)?;
    if !meta.is_file() {
        return Err(ReadError::NotRegular(kind_of(meta.file_type())));
    }
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK);
    }
    let file = options.open(path)?;
    // The path may have been replaced between the look and the open: check what was opened.
    let meta = file.metadata()?;
    if !meta.is_file() {
        return Err(ReadError::NotRegular(kind_of(meta.file_type())));
    }
    Ok(file)
}

/// Read at most `limit` bytes of `reader`; more is [`ReadError::TooLarge`] (reading stops at
/// `limit + 1` bytes, so an endless stream is not read to the end).
pub fn read_bounded(reader: impl Read, limit: u64) -> Result<Vec<u8>, ReadError> {
    let mut bytes = Vec::new();
    reader
        .take(limit.saturating_add(1))
        .read_to_end(&mut bytes)?;
    if bytes.len() as u64 > limit {
        return Err(ReadError::TooLarge {
            size: limit.saturating_add(1),
            limit,
        });
    }
    Ok(bytes)
}

/// The bytes of the regular file `path`, at most `limit` of them. FIFOs, devices, sockets and
/// directories are refused without waiting on them.
pub fn read_regular(path: &Path, limit: u64) -> Result<Vec<u8>, ReadError> {
    let file = open_regular(path)?;
    let len = file.metadata()?.len();
    if len > limit {
        return Err(ReadError::TooLarge { size: len, limit });
    }
    read_bounded(file, limit)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes() {
        assert_eq!(parse_size("32M").unwrap(), 32 << 20);
        assert_eq!(parse_size("32mb").unwrap(), 32 << 20);
        assert_eq!(parse_size(" 512 K ").unwrap(), 512 << 10);
        assert_eq!(parse_size("1000").unwrap(), 1000);
        assert!(parse_size("0").is_err());
        assert!(parse_size("abc").is_err());
        assert!(parse_size("5T").is_err());
        assert!(parse_size("99999999999999999999G").is_err());
        assert_eq!(human_size(32 << 20), "32 MB");
        assert_eq!(human_size(1536 << 10), "1.5 MB");
    }

    #[test]
    fn bounded() {
        assert_eq!(read_bounded(&b"abc"[..], 3).unwrap(), b"abc");
        assert!(matches!(
            read_bounded(std::io::repeat(0), 1000),
            Err(ReadError::TooLarge { limit: 1000, .. })
        ));
    }

    #[cfg(unix)]
    #[test]
    fn devices_and_directories_are_refused() {
        assert!(matches!(
            read_regular(Path::new("/dev/zero"), 100),
            Err(ReadError::NotRegular(_))
        ));
        assert!(matches!(
            read_regular(Path::new("/"), 100),
            Err(ReadError::NotRegular("目录"))
        ));
    }
}
