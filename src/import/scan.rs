//! The first pass over a file: size, SHA-256, and what kind of bytes it holds; and a
//! probe of its first megabyte, to start importing while the full pass runs.

use std::fs::{File, Metadata};
use std::io::Read as _;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use sha2::{Digest as _, Sha256};

use super::ImportError;
use super::bytes::count_where;

/// The text encoding a file is decoded from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextEncoding {
    Utf8,
    Utf8Bom,
    Utf16Le,
    Utf16Be,
    Windows1252,
}

impl TextEncoding {
    /// The name shown in the batch list.
    pub fn label(self) -> &'static str {
        match self {
            Self::Utf8 => "UTF-8",
            Self::Utf8Bom => "UTF-8 (BOM)",
            Self::Utf16Le => "UTF-16 LE",
            Self::Utf16Be => "UTF-16 BE",
            Self::Windows1252 => "Windows-1252",
        }
    }
}

/// What the first pass learned about a file.
#[derive(Debug, Clone)]
pub struct FileScan {
    pub path: PathBuf,
    pub file_name: String,
    pub size_bytes: u64,
    pub sha256: String,
    pub modified: Option<SystemTime>,
    pub encoding: TextEncoding,
}

/// Bytes the probe reads to guess the encoding before the whole file is scanned.
const PROBE_BYTES: u64 = 1024 * 1024;

/// Reads the whole file once in fixed-size chunks (memory stays flat): hashes it,
/// checks whether it is valid UTF-8, and refuses empty and binary files.
pub fn scan_file(path: &Path) -> Result<FileScan, ImportError> {
    scan_file_unless(path, &|| false)
}

/// [`scan_file`], given up as cancelled when `cancelled` says so between chunks.
pub fn scan_file_unless(
    path: &Path,
    cancelled: &dyn Fn() -> bool,
) -> Result<FileScan, ImportError> {
    let (facts, meta) = read_facts(path, None, cancelled)?;
    facts.verdict(path, &meta, true)
}

/// What the first megabyte says: the encoding the whole file most likely has (the full
/// [`scan_file`] decides), with no SHA-256. Refuses empty files and NUL bytes, which the
/// full scan would refuse too.
pub fn probe_file(path: &Path) -> Result<FileScan, ImportError> {
    let (facts, meta) = read_facts(path, Some(PROBE_BYTES), &|| false)?;
    facts.verdict(path, &meta, false)
}

/// Reads `path` (up to `limit` bytes) and learns what its bytes are.
fn read_facts(
    path: &Path,
    limit: Option<u64>,
    cancelled: &dyn Fn() -> bool,
) -> Result<(ByteFacts, Metadata), ImportError> {
    let unreadable = |source| ImportError::Unreadable {
        file: path.to_owned(),
        source,
    };
    let file = File::open(path).map_err(unreadable)?;
    let meta = file.metadata().map_err(unreadable)?;
    let mut file = file.take(limit.unwrap_or(u64::MAX));
    let mut facts = ByteFacts::new(limit.is_none());
    let mut buf = vec![0_u8; 256 * 1024];
    loop {
        if cancelled() {
            return Err(ImportError::Cancelled {
                file: path.to_owned(),
            });
        }
        let n = file.read(&mut buf).map_err(unreadable)?;
        if n == 0 {
            break;
        }
        facts.add(buf.get(..n).unwrap_or_default());
    }
    Ok((facts, meta))
}

/// What the bytes read so far are.
struct ByteFacts {
    hasher: Option<Sha256>,
    carry: Vec<u8>,
    utf8: bool,
    first: bool,
    bom: Option<TextEncoding>,
    size: u64,
    nul_bytes: u64,
    control_bytes: u64,
}

impl ByteFacts {
    fn new(hash: bool) -> Self {
        Self {
            hasher: hash.then(Sha256::new),
            carry: Vec::new(),
            utf8: true,
            first: true,
            bom: None,
            size: 0,
            nul_bytes: 0,
            control_bytes: 0,
        }
    }

    fn add(&mut self, chunk: &[u8]) {
        if let Some(hasher) = &mut self.hasher {
            hasher.update(chunk);
        }
        self.size += chunk.len() as u64;
        if self.first {
            self.first = false;
            self.bom = detect_bom(chunk);
        }
        if self.bom.is_none() {
            let (nul, control) = count_odd_bytes(chunk);
            self.nul_bytes += nul;
            self.control_bytes += control;
        }
        if self.utf8 {
            self.check_utf8(chunk);
        }
    }

    /// Whether the bytes so far, with `chunk`, are still UTF-8; an incomplete sequence
    /// at the end of `chunk` (at most 3 bytes) is carried to the next one. Only those
    /// few bytes are copied, not the chunk.
    fn check_utf8(&mut self, mut chunk: &[u8]) {
        if !self.carry.is_empty() {
            // Three more bytes complete (or break) any sequence the carry starts.
            let head = chunk.get(..chunk.len().min(3)).unwrap_or_default();
            let mut joined = std::mem::take(&mut self.carry);
            let carried = joined.len();
            joined.extend_from_slice(head);
            let (valid, incomplete) = match std::str::from_utf8(&joined) {
                Ok(_) => (joined.len(), false),
                Err(e) => (e.valid_up_to(), e.error_len().is_none()),
            };
            if valid < carried {
                if incomplete && head.len() == chunk.len() {
                    self.carry = joined; // the chunk ended before the sequence did
                } else {
                    self.utf8 = false;
                }
                return;
            }
            chunk = chunk.get(valid - carried..).unwrap_or_default();
        }
        match std::str::from_utf8(chunk) {
            Ok(_) => {}
            Err(e) if e.error_len().is_none() => {
                self.carry
                    .extend_from_slice(chunk.get(e.valid_up_to()..).unwrap_or_default());
            }
            Err(_) => self.utf8 = false,
        }
    }

    /// The scan of `path`, or why it is refused. `whole`: every byte was read (else an
    /// incomplete sequence at the end of what was read is not held against UTF-8, and
    /// only NUL bytes make a file binary).
    fn verdict(self, path: &Path, meta: &Metadata, whole: bool) -> Result<FileScan, ImportError> {
        let size = if whole { self.size } else { meta.len() };
        if size == 0 || (size <= 3 && self.bom == Some(TextEncoding::Utf8Bom)) {
            return Err(ImportError::Empty {
                file: path.to_owned(),
            });
        }
        let utf8 = self.utf8 && (self.carry.is_empty() || !whole);
        let binary = if whole {
            self.nul_bytes > 0 || self.control_bytes * 100 > size
        } else {
            self.nul_bytes > 0
        };
        if binary {
            return Err(ImportError::NotText {
                file: path.to_owned(),
            });
        }
        let encoding = self.bom.unwrap_or(if utf8 {
            TextEncoding::Utf8
        } else {
            TextEncoding::Windows1252
        });
        let sha256 = self.hasher.map_or_else(String::new, |hasher| {
            hasher
                .finalize()
                .iter()
                .map(|b| format!("{b:02x}"))
                .collect()
        });
        Ok(FileScan {
            path: path.to_owned(),
            file_name: crate::text::file_name(path),
            size_bytes: size,
            sha256,
            modified: meta.modified().ok(),
            encoding,
        })
    }
}

/// How many NUL bytes and how many other control bytes (not tab, line feed, carriage
/// return or form feed) `chunk` holds.
fn count_odd_bytes(chunk: &[u8]) -> (u64, u64) {
    let nul = count_where(chunk, |b| b == 0);
    let control = count_where(chunk, |b| {
        b != 0 && b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0c)
    });
    (nul, control)
}

fn detect_bom(start: &[u8]) -> Option<TextEncoding> {
    if start.starts_with(&[0xEF, 0xBB, 0xBF]) {
        Some(TextEncoding::Utf8Bom)
    } else if start.starts_with(&[0xFF, 0xFE]) {
        Some(TextEncoding::Utf16Le)
    } else if start.starts_with(&[0xFE, 0xFF]) {
        Some(TextEncoding::Utf16Be)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Whether `bytes`, fed in chunks of `size`, read as UTF-8 to the end.
    fn utf8_in_chunks(bytes: &[u8], size: usize) -> bool {
        let mut facts = ByteFacts::new(false);
        for chunk in bytes.chunks(size) {
            facts.add(chunk);
        }
        facts.utf8 && facts.carry.is_empty()
    }

    #[test]
    fn utf8_is_judged_the_same_however_the_file_is_cut() {
        let text = "Zoë, São Paulo — 東京 😀 naïve\n".repeat(3);
        let mut broken = text.clone().into_bytes();
        broken.insert(9, 0xE9); // a Windows-1252 é in the middle of a line
        let mut cut_short = text.clone().into_bytes();
        cut_short.extend_from_slice(&[0xF0, 0x9F]); // an emoji's first two bytes only
        for size in 1..=9 {
            assert!(
                utf8_in_chunks(text.as_bytes(), size),
                "valid, chunks of {size}"
            );
            assert!(
                !utf8_in_chunks(&broken, size),
                "a stray byte, chunks of {size}"
            );
            assert!(
                !utf8_in_chunks(&cut_short, size),
                "cut short, chunks of {size}"
            );
        }
    }

    #[test]
    fn odd_bytes_are_counted_as_one_by_one() {
        let bytes: Vec<u8> = (0..20_000_u32)
            .map(|i| u8::try_from((i * 7 + i / 300) % 256).unwrap_or(0))
            .collect();
        let nul = bytes.iter().filter(|b| **b == 0).count() as u64;
        let control = bytes
            .iter()
            .filter(|&&b| b != 0 && b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0c))
            .count() as u64;
        assert!(nul > 0 && control > nul);
        assert_eq!(count_odd_bytes(&bytes), (nul, control));
        assert_eq!(count_odd_bytes(b"a,b\tc\r\n\x0c"), (0, 0));
    }
}
