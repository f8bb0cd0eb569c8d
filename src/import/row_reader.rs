//! Reads a table's rows and builds each into a record on a thread of its own, handing
//! them to the writing thread in small chunks through bounded channels: parsing and
//! writing overlap on two cores while only a few chunks are ever held at once. Each
//! chunk's raw rows are compressed on a third thread between the two, so neither the
//! reading nor the writing thread pays for it, and the cores share it out between them
//! (which of the two is the limit differs from one machine to another).

use std::collections::VecDeque;
use std::io::Read;
use std::sync::mpsc::{Receiver, sync_channel};
use std::thread::Scope;

use super::bytes::cells_as_json;
use super::error::ImportError;
use super::pipeline::{MAX_FIELD_BYTES, malformed};
use super::rows::{BuiltRow, RowBuilder};
use super::run::is_footer_like;
use super::scan::FileScan;
use super::sniff::Layout;
use crate::workspace::{PackedRows, RawRowBlock};

/// Rows handed over at once.
const CHUNK_ROWS: usize = 256;
/// Chunks read ahead of the writer at most.
const CHUNKS_AHEAD: usize = 8;
/// Chunks waiting to be packed at most (packing is quick; more only holds memory).
const PACKING_AHEAD: usize = 2;

/// One row of the file, read and built.
#[derive(Debug)]
pub struct ReadRow {
    /// Where the row starts in the file.
    pub line: u64,
    pub kind: RowKind,
    /// Whether it could be the doing of an unterminated quote: it spans lines or does
    /// not fit the table.
    pub suspicious: bool,
}

/// What a row turned out to be.
#[derive(Debug)]
pub enum RowKind {
    /// A row that does not fit the table or looks like a report's footer line, kept as
    /// text until it is clear which.
    Odd(Vec<String>),
    /// A row of the table: the raw row as JSON, and what building it produced.
    Data { raw_json: String, built: BuiltRow },
}

/// Rows read and built, with their raw rows packed for the store.
#[derive(Debug)]
pub struct Chunk {
    pub rows: Vec<ReadRow>,
    /// The raw rows of the chunk's table rows, to be written before the rows.
    pub raw: Option<PackedRows>,
}

/// Rows read and built, with their raw rows still to be packed.
struct Unpacked {
    rows: Vec<ReadRow>,
    raw: RawRowBlock,
}

/// What the rows are read with.
pub struct RowSource<'a> {
    pub scan: &'a FileScan,
    pub layout: &'a Layout,
    pub builder: &'a RowBuilder,
}

impl RowSource<'_> {
    /// Reads and builds one record at `line`.
    pub fn read(&self, line: u64, record: &csv::StringRecord) -> Result<ReadRow, ImportError> {
        let width = self.layout.header.len();
        for (i, cell) in record.iter().enumerate() {
            if cell.len() > MAX_FIELD_BYTES {
                #[expect(clippy::cast_precision_loss, reason = "a size in a message")]
                let size_mb = cell.len() as f64 / 1_048_576.0;
                return Err(ImportError::FieldTooLarge {
                    file: self.scan.path.clone(),
                    row: line,
                    column: self
                        .layout
                        .header
                        .get(i)
                        .cloned()
                        .unwrap_or_else(|| format!("column {}", i + 1)),
                    size_mb,
                    limit_mb: (MAX_FIELD_BYTES / 1_048_576) as u64,
                });
            }
        }
        // One pass over the record's bytes, every cell together.
        let multiline = record.as_byte_record().as_slice().contains(&b'\n');
        let cells: Vec<&str> = record.iter().collect();
        if record.len() != width || is_footer_like(&cells) {
            return Ok(ReadRow {
                line,
                kind: RowKind::Odd(cells.iter().map(|s| (*s).to_owned()).collect()),
                suspicious: multiline || record.len() != width,
            });
        }
        let raw_json = cells_as_json(&cells);
        let built = self.builder.build(&cells);
        Ok(ReadRow {
            line,
            kind: RowKind::Data { raw_json, built },
            suspicious: multiline,
        })
    }

    /// Reads the `sample` rows, then the rest of `reader` (unless `at_end`), on a thread
    /// of `scope`; the rows come out of the receiver in file order, chunk by chunk, and
    /// an error ends them. Dropping the receiver stops the reading.
    pub fn read_in_background<'scope, 'env: 'scope>(
        &'env self,
        scope: &'scope Scope<'scope, 'env>,
        mut sample: VecDeque<(u64, csv::StringRecord)>,
        mut reader: csv::Reader<Box<dyn Read + Send>>,
        at_end: bool,
    ) -> Receiver<Result<Chunk, ImportError>> {
        let (tx, rx) = sync_channel(CHUNKS_AHEAD);
        let (to_pack, packing) = sync_channel::<Result<Unpacked, ImportError>>(PACKING_AHEAD);
        // The packer: compresses each chunk's raw rows, in the order they come. It ends
        // when the reader does, or when the writer drops its receiver (and then the
        // reader's next send fails, which ends the reader too).
        scope.spawn(move || {
            for unpacked in packing {
                let chunk = unpacked.map(|Unpacked { rows, mut raw }| Chunk {
                    rows,
                    raw: raw.pack(),
                });
                if tx.send(chunk).is_err() {
                    return;
                }
            }
        });
        let tx = to_pack;
        scope.spawn(move || {
            let mut chunk = Vec::with_capacity(CHUNK_ROWS);
            let mut raw = RawRowBlock::default();
            let unpacked = |rows: Vec<ReadRow>, raw: &mut RawRowBlock| {
                // The next block has room for as much as this one held: one allocation
                // a chunk rather than a string grown step by step.
                let room = raw.text_bytes() + raw.text_bytes() / 8;
                Ok(Unpacked {
                    rows,
                    raw: std::mem::replace(raw, RawRowBlock::with_capacity(room)),
                })
            };
            let mut record = csv::StringRecord::new();
            let mut more = !at_end;
            loop {
                let row = if let Some((line, r)) = sample.pop_front() {
                    self.read(line, &r)
                } else if !more {
                    break;
                } else {
                    match reader.read_record(&mut record) {
                        Ok(true) => {
                            let line = record.position().map_or(0, csv::Position::line);
                            self.read(line, &record)
                        }
                        Ok(false) => {
                            more = false;
                            continue;
                        }
                        Err(e) => Err(malformed(self.scan, &e)),
                    }
                };
                match row {
                    Ok(row) => {
                        if let RowKind::Data { raw_json, .. } = &row.kind {
                            raw.push(row.line, raw_json);
                        }
                        chunk.push(row);
                    }
                    Err(e) => {
                        if !chunk.is_empty()
                            && tx
                                .send(unpacked(std::mem::take(&mut chunk), &mut raw))
                                .is_err()
                        {
                            return;
                        }
                        let _ = tx.send(Err(e));
                        return;
                    }
                }
                if chunk.len() == CHUNK_ROWS
                    && tx
                        .send(unpacked(
                            std::mem::replace(&mut chunk, Vec::with_capacity(CHUNK_ROWS)),
                            &mut raw,
                        ))
                        .is_err()
                {
                    return;
                }
            }
            if !chunk.is_empty() {
                let _ = tx.send(unpacked(chunk, &mut raw));
            }
        });
        rx
    }
}
