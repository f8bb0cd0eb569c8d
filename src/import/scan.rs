//! The first pass over a file: size, SHA-256, and what kind of bytes it holds.

use std::fs::File;
use std::io::Read as _;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use sha2::{Digest as _, Sha256};

use super::ImportError;

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

/// Reads the whole file once in fixed-size chunks (memory stays flat): hashes it,
/// checks whether it is valid UTF-8, and refuses empty and binary files.
pub fn scan_file(path: &Path) -> Result<FileScan, ImportError> {
    let unreadable = |source| ImportError::Unreadable {
        file: path.to_owned(),
        source,
    };
    let mut file = File::open(path).map_err(unreadable)?;
    let meta = file.metadata().map_err(unreadable)?;
    let mut hasher = Sha256::new();
    let mut buf = vec![0_u8; 256 * 1024];
    let mut carry: Vec<u8> = Vec::new();
    let mut utf8 = true;
    let mut first = true;
    let mut bom = None;
    let mut size = 0_u64;
    let mut nul_bytes = 0_u64;
    let mut control_bytes = 0_u64;
    loop {
        let n = file.read(&mut buf).map_err(unreadable)?;
        if n == 0 {
            break;
        }
        let chunk = buf.get(..n).unwrap_or_default();
        hasher.update(chunk);
        size += n as u64;
        if first {
            first = false;
            bom = detect_bom(chunk);
        }
        if bom.is_none() {
            for &b in chunk {
                if b == 0 {
                    nul_bytes += 1;
                } else if b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0c) {
                    control_bytes += 1;
                }
            }
        }
        if utf8 {
            carry.extend_from_slice(chunk);
            match std::str::from_utf8(&carry) {
                Ok(_) => carry.clear(),
                Err(e) if e.error_len().is_none() => {
                    // An incomplete sequence at the end: keep it for the next chunk.
                    let valid = e.valid_up_to();
                    carry.drain(..valid);
                }
                Err(_) => utf8 = false,
            }
        }
    }
    if size == 0 || (size <= 3 && bom == Some(TextEncoding::Utf8Bom)) {
        return Err(ImportError::Empty {
            file: path.to_owned(),
        });
    }
    if utf8 && !carry.is_empty() {
        utf8 = false;
    }
    if nul_bytes > 0 || control_bytes * 100 > size {
        return Err(ImportError::NotText {
            file: path.to_owned(),
        });
    }
    let encoding = bom.unwrap_or(if utf8 {
        TextEncoding::Utf8
    } else {
        TextEncoding::Windows1252
    });
    let digest = hasher.finalize();
    Ok(FileScan {
        path: path.to_owned(),
        file_name: path.file_name().map_or_else(
            || path.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        ),
        size_bytes: size,
        sha256: digest.iter().map(|b| format!("{b:02x}")).collect(),
        modified: meta.modified().ok(),
        encoding,
    })
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
