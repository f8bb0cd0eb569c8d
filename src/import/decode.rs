//! Turns a file's bytes, in whatever encoding the scan found, into a UTF-8 stream.

use std::fs::File;
use std::io::{self, Read};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use encoding_rs_io::DecodeReaderBytesBuilder;

use super::scan::{FileScan, TextEncoding};

/// Counts the bytes read from the file, for progress reports.
pub struct CountingReader<R> {
    inner: R,
    read: Arc<AtomicU64>,
}

impl<R: Read> Read for CountingReader<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.read.fetch_add(n as u64, Ordering::Relaxed);
        Ok(n)
    }
}

/// Opens the file as UTF-8 text without a BOM. `bytes_read` grows as the file is read.
pub fn open_decoded(
    scan: &FileScan,
    bytes_read: Arc<AtomicU64>,
) -> io::Result<Box<dyn Read + Send>> {
    let file = CountingReader {
        inner: io::BufReader::with_capacity(256 * 1024, File::open(&scan.path)?),
        read: bytes_read,
    };
    let encoding = match scan.encoding {
        TextEncoding::Utf8 | TextEncoding::Utf8Bom => encoding_rs::UTF_8,
        TextEncoding::Utf16Le => encoding_rs::UTF_16LE,
        TextEncoding::Utf16Be => encoding_rs::UTF_16BE,
        TextEncoding::Windows1252 => encoding_rs::WINDOWS_1252,
    };
    let reader = DecodeReaderBytesBuilder::new()
        .encoding(Some(encoding))
        .bom_override(true)
        .strip_bom(true)
        .utf8_passthru(matches!(
            scan.encoding,
            TextEncoding::Utf8 | TextEncoding::Utf8Bom
        ))
        .build(file);
    Ok(Box::new(reader))
}
