//! The raw rows behind record versions, kept compressed in blocks of neighbouring rows.
//!
//! Each row is kept as the cells were in the file (a JSON array), one entry per line as
//! `row-number TAB json`; a block holds about 64 KB of entries and is compressed with
//! LZ4. A million-row export kept its raw rows as 315 MB of JSON text, one per version;
//! the blocks hold the same in 92 MB, and the workspace file is 370 MB instead of 590.
//! Versions written before the blocks existed still carry their own `raw_json`.

use std::path::Path;

use rusqlite::{Connection, OptionalExtension as _, params};

use super::WorkspaceError;

/// Entries gathered before a block is compressed and written.
const BLOCK_BYTES: usize = 64 * 1024;

/// Raw rows compressed into a block, ready to be written ([`super::BatchWriter::write_packed_rows`]).
#[derive(Debug)]
pub struct PackedRows {
    first_row: u64,
    last_row: u64,
    bytes: Vec<u8>,
}

/// Raw rows gathered for a block, in row order.
#[derive(Debug, Default)]
pub struct RawRowBlock {
    first_row: Option<u64>,
    last_row: u64,
    text: String,
}

impl RawRowBlock {
    /// An empty block with room for `bytes` of entries.
    pub fn with_capacity(bytes: usize) -> Self {
        Self {
            first_row: None,
            last_row: 0,
            text: String::with_capacity(bytes),
        }
    }

    /// The bytes of entries gathered so far.
    pub fn text_bytes(&self) -> usize {
        self.text.len()
    }

    /// Adds `row`'s raw row; true when the block is full and should be written.
    pub fn push(&mut self, row: u64, raw_json: &str) -> bool {
        use std::fmt::Write as _;
        self.first_row.get_or_insert(row);
        self.last_row = row;
        let _ = writeln!(self.text, "{row}\t{raw_json}");
        self.text.len() >= BLOCK_BYTES
    }

    /// The raw row of `row`, if this block holds it.
    pub(super) fn find(&self, row: u64) -> Option<&str> {
        find_entry(&self.text, row)
    }

    /// Compresses the rows gathered and empties the block; `None` when it is empty.
    pub fn pack(&mut self) -> Option<PackedRows> {
        let first_row = self.first_row.take()?;
        let bytes = lz4_flex::compress_prepend_size(self.text.as_bytes());
        self.text.clear();
        Some(PackedRows {
            first_row,
            last_row: self.last_row,
            bytes,
        })
    }

    /// Writes the block for `batch_id` and empties it; nothing when it is empty.
    pub(super) fn write(&mut self, conn: &Connection, batch_id: i64) -> rusqlite::Result<()> {
        match self.pack() {
            Some(packed) => packed.write(conn, batch_id),
            None => Ok(()),
        }
    }
}

impl PackedRows {
    /// The last row number the block holds.
    pub(super) fn last_row(&self) -> u64 {
        self.last_row
    }

    /// Writes the block for `batch_id`.
    pub(super) fn write(&self, conn: &Connection, batch_id: i64) -> rusqlite::Result<()> {
        conn.prepare_cached(
            "INSERT INTO raw_row_blocks (batch_id, first_row, last_row, rows) VALUES (?1, ?2, ?3, ?4)",
        )?
        .execute(params![
            batch_id,
            i64::try_from(self.first_row).unwrap_or(i64::MAX),
            i64::try_from(self.last_row).unwrap_or(i64::MAX),
            self.bytes
        ])?;
        Ok(())
    }
}

/// The entry for `row` among `text`'s lines.
fn find_entry(text: &str, row: u64) -> Option<&str> {
    text.lines().find_map(|line| {
        let (number, json) = line.split_once('\t')?;
        (number.parse::<u64>().ok()? == row).then_some(json)
    })
}

/// The raw row (as JSON) of `row` in `batch_id`, from its block; `None` when no block
/// holds it, an error naming the batch and row when the block cannot be read.
pub(super) fn stored_raw_row(
    conn: &Connection,
    path: &Path,
    batch_id: i64,
    row: u64,
) -> Result<Option<String>, WorkspaceError> {
    let row_i = i64::try_from(row).unwrap_or(i64::MAX);
    let packed: Option<Vec<u8>> = conn
        .prepare_cached(
            "SELECT rows FROM raw_row_blocks WHERE batch_id = ?1 AND first_row <= ?2 AND last_row >= ?2 \
             ORDER BY first_row DESC LIMIT 1",
        )
        .and_then(|mut s| s.query_row(params![batch_id, row_i], |r| r.get(0)).optional())
        .map_err(|e| WorkspaceError::from_sqlite(path, e))?;
    let Some(packed) = packed else {
        return Ok(None);
    };
    let text = lz4_flex::decompress_size_prepended(&packed)
        .ok()
        .and_then(|bytes| String::from_utf8(bytes).ok())
        .ok_or_else(|| WorkspaceError::DamagedRawRows {
            path: path.to_owned(),
            batch: batch_id,
            row,
        })?;
    Ok(find_entry(&text, row).map(str::to_owned))
}
