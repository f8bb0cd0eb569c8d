//! The import of one file, start to finish (see the module doc of [`crate::import`]).

use std::collections::{HashMap, VecDeque};
use std::io::{self, Cursor, Read};
use std::path::Path;
use std::time::Instant;

use chrono::NaiveDate;

use super::bytes::count_where;
use super::decode::open_decoded;
use super::error::ImportError;
use super::formats::normalize_header;
use super::resolve::resolve_mapping;
use super::row_reader::RowSource;
use super::rows::RowBuilder;
use super::run::Run;
use super::scan::{FileScan, probe_file, scan_file, scan_file_unless};
use super::sniff::{Layout, sniff_layout};
use super::values::date::DateOrderConflict;
use super::values::{DateOrder, DateOrderVote};
use crate::progress::WorkControl;
use crate::workspace::{BatchSummary, BatchTotals, NewBatch, Workspace};

/// Bytes of decoded text looked at to find the table.
const PREFIX_BYTES: usize = 1024 * 1024;
/// No CRM export has more columns than this.
pub const MAX_COLUMNS: usize = 2_000;
/// No CRM value is larger than this; a larger one means a damaged file.
pub const MAX_FIELD_BYTES: usize = 1024 * 1024;
/// Data rows read ahead to decide each date column's day/month order.
const DATE_SAMPLE_ROWS: usize = 5_000;

/// Choices for one import.
#[derive(Debug, Clone, Default)]
pub struct ImportOptions {
    /// The date the export describes; default: the file's modified date.
    pub as_of: Option<NaiveDate>,
    /// How to read slash dates when a column's values do not say.
    pub date_order: Option<DateOrder>,
    /// A saved column mapping to use instead of recognising the format.
    pub preset: Option<String>,
    /// Marks the batch as bundled sample data.
    pub is_sample: bool,
}

/// What an import did.
#[derive(Debug, Clone, PartialEq)]
pub enum ImportOutcome {
    Imported(BatchSummary),
    /// The same file (same SHA-256) was imported before; nothing changed.
    AlreadyImported(BatchSummary),
}

/// The columns of a header as one string, used to find a saved mapping for files of the
/// same shape.
pub fn header_signature(header: &[String]) -> String {
    header
        .iter()
        .map(|h| normalize_header(h))
        .collect::<Vec<_>>()
        .join("|")
}

/// Reads only the header of a file (for the column-mapping screen).
pub fn read_header(path: &Path) -> Result<Vec<String>, ImportError> {
    let scan = scan_file(path)?;
    let control = WorkControl::default();
    let (layout, _, _) = open_table(&scan, &control)?;
    Ok(layout.header)
}

/// Counts `"` in the decoded text, to tell an unterminated quote from a stray one.
struct QuoteCounter<R> {
    inner: R,
    quotes: QuoteCount,
}

impl<R: Read> Read for QuoteCounter<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        let counted = count_where(buf.get(..n).unwrap_or_default(), |b| b == b'"');
        self.quotes
            .fetch_add(counted, std::sync::atomic::Ordering::Relaxed);
        Ok(n)
    }
}

/// The layout, a reader positioned after the header, and the count of quotes read so far.
type OpenTable = (Layout, csv::Reader<Box<dyn Read + Send>>, QuoteCount);

/// Shared with the reader: how many `"` the decoded text has had.
type QuoteCount = std::sync::Arc<std::sync::atomic::AtomicU64>;

/// Opens the decoded file, finds the layout, and returns a reader positioned after the
/// header, with the quote counter.
pub(super) fn open_table(scan: &FileScan, control: &WorkControl) -> Result<OpenTable, ImportError> {
    let file = || scan.path.clone();
    let mut decoded = open_decoded(scan, control.bytes_read.clone()).map_err(|source| {
        ImportError::Unreadable {
            file: file(),
            source,
        }
    })?;
    let mut prefix = Vec::with_capacity(64 * 1024);
    (&mut decoded)
        .take(PREFIX_BYTES as u64)
        .read_to_end(&mut prefix)
        .map_err(|source| ImportError::Unreadable {
            file: file(),
            source,
        })?;
    let complete = prefix.len() < PREFIX_BYTES;
    if prefix.iter().all(u8::is_ascii_whitespace) {
        return Err(ImportError::Empty { file: file() });
    }
    let layout =
        sniff_layout(&prefix, complete).ok_or_else(|| ImportError::NoTable { file: file() })?;
    if layout.header.len() > MAX_COLUMNS {
        return Err(ImportError::TooManyColumns {
            file: file(),
            columns: layout.header.len(),
            limit: MAX_COLUMNS,
        });
    }
    let quotes = QuoteCount::default();
    let stream: Box<dyn Read + Send> = Box::new(QuoteCounter {
        inner: Cursor::new(prefix).chain(decoded),
        quotes: quotes.clone(),
    });
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(layout.delimiter)
        .buffer_capacity(256 * 1024)
        .from_reader(stream);
    let mut skip = csv::StringRecord::new();
    for _ in 0..=layout.preamble_records {
        reader
            .read_record(&mut skip)
            .map_err(|e| malformed(scan, &e))?;
    }
    Ok((layout, reader, quotes))
}

pub(super) fn malformed(scan: &FileScan, e: &csv::Error) -> ImportError {
    let line = e.position().map_or(0, csv::Position::line);
    let reason = match e.kind() {
        csv::ErrorKind::Utf8 { .. } => "a value is not valid text".to_owned(),
        csv::ErrorKind::Io(io) => io.to_string(),
        _ => e.to_string(),
    };
    ImportError::Malformed {
        file: scan.path.clone(),
        line,
        reason,
    }
}

/// Imports one file into the workspace in one transaction.
///
/// A file of a size no batch has cannot be one imported before (the same SHA-256 means
/// the same bytes), so its import starts at once, decoding as its first megabyte says,
/// while the full scan (SHA-256, encoding, binary bytes) runs beside it. The scan's word
/// is checked before the batch commits: a file found binary is refused as before, and
/// one whose encoding the first megabyte misjudged is imported again from the start.
/// Otherwise the file is scanned first, and one imported before is not imported again.
pub fn import_file(
    ws: &mut Workspace,
    path: &Path,
    options: &ImportOptions,
    control: &WorkControl,
) -> Result<ImportOutcome, ImportError> {
    let started = Instant::now();
    let probe = probe_file(path)?;
    control.start_file(probe.size_bytes);
    let wse = |source| ImportError::Workspace {
        file: path.to_owned(),
        source,
    };
    let scan = if ws.has_batch_of_size(probe.size_bytes).map_err(wse)? {
        scan_file(path)?
    } else {
        let ended = std::thread::scope(|scope| {
            let mut full = FullScan {
                running: Some(scope.spawn(|| scan_file_unless(path, &|| control.is_cancelled()))),
            };
            let ended = import_scanned(ws, &probe, &mut full, options, control, started);
            match (ended, full.wait()) {
                (Ok(outcome), _) => Ok(Ok(outcome)),
                (Err(Stop::Rescan(scan)), _) => Err(scan),
                (Err(Stop::Failed(e @ ImportError::Cancelled { .. })), _)
                | (Err(Stop::Failed(e)), None) => Ok(Err(e)),
                (Err(Stop::Failed(_)), Some(Err(refused))) => Ok(Err(refused)),
                (Err(Stop::Failed(e)), Some(Ok(scan))) => {
                    if scan.encoding == probe.encoding {
                        Ok(Err(e))
                    } else {
                        Err(scan)
                    }
                }
            }
        });
        match ended {
            Ok(done) => return done,
            Err(scan) => scan,
        }
    };
    if let Some(existing) = ws.batch_by_sha256(&scan.sha256).map_err(wse)? {
        return Ok(ImportOutcome::AlreadyImported(existing));
    }
    let mut known = FullScan { running: None };
    import_scanned(ws, &scan, &mut known, options, control, started).map_err(|stop| match stop {
        Stop::Failed(e) => e,
        // The scan is known: nothing left to disagree with.
        Stop::Rescan(scan) => ImportError::Unreadable {
            file: scan.path,
            source: io::Error::other("the file changed while it was read"),
        },
    })
}

/// The full scan of a file, running beside its import.
struct FullScan<'scope> {
    running: Option<std::thread::ScopedJoinHandle<'scope, Result<FileScan, ImportError>>>,
}

impl FullScan<'_> {
    /// Waits for the scan, once; None when it was waited for before (or never ran).
    fn wait(&mut self) -> Option<Result<FileScan, ImportError>> {
        self.running.take().map(|h| {
            h.join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
        })
    }
}

/// Why an import stopped without an outcome.
enum Stop {
    Failed(ImportError),
    /// The full scan found another encoding than the probe: import again with it.
    Rescan(FileScan),
}

impl From<ImportError> for Stop {
    fn from(e: ImportError) -> Self {
        Self::Failed(e)
    }
}

/// Imports a file as `scan` says it is; `full` is the full scan if it still runs.
fn import_scanned(
    ws: &mut Workspace,
    scan: &FileScan,
    full: &mut FullScan<'_>,
    options: &ImportOptions,
    control: &WorkControl,
    started: Instant,
) -> Result<ImportOutcome, Stop> {
    let file = || scan.path.clone();
    let wse = |source| ImportError::Workspace {
        file: scan.path.clone(),
        source,
    };
    let (layout, mut reader, quotes) = open_table(scan, control)?;
    let resolved = resolve_mapping(ws, scan, &layout.header, options)?;
    let width = layout.header.len();

    // Read ahead to decide the day/month order of each date column.
    let mut sample: VecDeque<(u64, csv::StringRecord)> = VecDeque::new();
    let date_columns = RowBuilder::date_columns(&resolved.mapping);
    let mut votes: HashMap<usize, DateOrderVote> = date_columns
        .iter()
        .map(|c| (*c, DateOrderVote::default()))
        .collect();
    let mut at_end = false;
    while sample.len() < DATE_SAMPLE_ROWS {
        let mut record = csv::StringRecord::new();
        if !reader
            .read_record(&mut record)
            .map_err(|e| malformed(scan, &e))?
        {
            at_end = true;
            break;
        }
        let line = record.position().map_or(0, csv::Position::line);
        for (column, vote) in &mut votes {
            if let Some(cell) = record.get(*column) {
                vote.observe(cell);
            }
        }
        sample.push_back((line, record));
    }
    let mut date_orders = vec![None; width];
    for column in &date_columns {
        let header = layout.header.get(*column).cloned().unwrap_or_default();
        let decided = votes.get(column).map_or(Ok(None), DateOrderVote::decide);
        let order = match decided {
            Ok(order) => order.or(options.date_order),
            Err(_) if options.date_order.is_some() => options.date_order,
            Err(DateOrderConflict::Ambiguous { example }) => {
                return Err(Stop::Failed(ImportError::AmbiguousDateOrder {
                    file: file(),
                    column: header,
                    example,
                }));
            }
            Err(DateOrderConflict::Both {
                day_first,
                month_first,
            }) => {
                return Err(Stop::Failed(ImportError::MixedDateOrder {
                    file: file(),
                    column: header,
                    day_first,
                    month_first,
                }));
            }
        };
        if let Some(slot) = date_orders.get_mut(*column) {
            *slot = order;
        }
    }
    let builder = RowBuilder::new(
        resolved.mapping.clone(),
        date_orders,
        resolved.id_fallback,
        &resolved.crm,
    );

    let as_of = options.as_of.unwrap_or_else(|| modified_date(scan));
    let mut notes = resolved.notes;
    if builder.uses_fallback_key() && resolved.id_fallback == [crate::model::Field::Email] {
        notes.push(
            "The file has no record ID column, so each contact is identified by its email, as the CRMs themselves deduplicate contacts on email.".to_owned(),
        );
    } else if builder.uses_fallback_key() {
        notes.push(format!(
            "The file has no record ID column, so records are keyed by {}. Add the ID column to the report to make updates exact.",
            resolved.id_fallback.iter().map(|f| f.label()).collect::<Vec<_>>().join(" + ")
        ));
    }
    if layout.preamble_records > 0 {
        notes.push(format!(
            "Skipped {} report line(s) above the header.",
            layout.preamble_records
        ));
    }
    let new_batch = NewBatch {
        file_name: scan.file_name.clone(),
        file_path: scan.path.display().to_string(),
        file_size: scan.size_bytes,
        sha256: scan.sha256.clone(),
        crm: resolved.crm.clone(),
        object: resolved.mapping.object.as_str().to_owned(),
        format: resolved.label.clone(),
        encoding: scan.encoding.label().to_owned(),
        delimiter: delimiter_name(layout.delimiter).to_owned(),
        as_of: as_of.format("%Y-%m-%d").to_string(),
        header_json: serde_json::to_string(&layout.header).unwrap_or_default(),
        mapping_json: serde_json::to_string(&resolved.mapping).unwrap_or_default(),
        is_sample: options.is_sample,
        estimated_rows: estimate_rows(scan.size_bytes, &sample, at_end),
    };
    if !options.is_sample {
        ws.backup("before-import").map_err(wse)?;
    }
    let mut writer = ws.begin_batch(&new_batch).map_err(wse)?;
    let mut run = Run {
        scan,
        layout: &layout,
        writer: &mut writer,
        totals: BatchTotals::default(),
        pending: Vec::new(),
        first_rejection: None,
        last_record: None,
    };
    let source = RowSource {
        scan,
        layout: &layout,
        builder: &builder,
    };
    std::thread::scope(|scope| {
        let rows = source.read_in_background(scope, sample, reader, at_end);
        for chunk in rows {
            let chunk = chunk?;
            if let Some(raw) = &chunk.raw {
                run.writer.write_packed_rows(raw).map_err(|e| run.wse(e))?;
            }
            for row in chunk.rows {
                run.row(row)?;
                if run.totals.rows_read.is_multiple_of(1024) {
                    control.set_rows(run.totals.rows_read);
                    if control.is_cancelled() {
                        return Err(Stop::Failed(ImportError::Cancelled { file: file() }));
                    }
                }
            }
        }
        Ok(())
    })?;
    control.set_rows(run.totals.rows_read);
    if control.is_cancelled() {
        return Err(Stop::Failed(ImportError::Cancelled { file: file() }));
    }
    control.set_finishing();
    let settled = run.writer.settle().map_err(wse)?;
    run.totals.rows_imported += settled.inserted;
    run.totals.rows_updated += settled.updated + settled.kept_older;
    if quotes.load(std::sync::atomic::Ordering::Relaxed) % 2 == 1
        && let Some((line, suspicious)) = run.last_record
        && suspicious
    {
        return Err(Stop::Failed(ImportError::UnterminatedQuote {
            file: file(),
            line,
        }));
    }
    run.finish_pending()?;
    let mut totals = run.totals;
    let first_rejection = run.first_rejection;
    if totals.rows_read == 0 {
        return Err(Stop::Failed(ImportError::HeaderOnly { file: file() }));
    }
    if totals.rows_imported + totals.rows_updated + totals.rows_skipped == 0 {
        return Err(Stop::Failed(ImportError::EveryRowRejected {
            file: file(),
            rows: totals.rows_read,
            first: first_rejection.unwrap_or_default(),
        }));
    }
    if totals.footer_lines > 0 {
        notes.push(format!(
            "Skipped {} report line(s) below the data (totals, copyright).",
            totals.footer_lines
        ));
    }
    if !resolved.mapping.ignored.is_empty() {
        notes.push(format!(
            "Columns kept in the raw rows but not used: {}.",
            resolved
                .mapping
                .ignored
                .iter()
                .map(|h| format!("\"{h}\""))
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    totals.preamble_lines = layout.preamble_records as u64;
    totals.duration_ms = u64::try_from(started.elapsed().as_millis()).unwrap_or(u64::MAX);
    totals.notes = notes;
    if let Some(full) = full.wait() {
        let full = full?;
        if full.encoding != scan.encoding {
            return Err(Stop::Rescan(full));
        }
        if let Some(existing) = writer.set_sha256(&full.sha256).map_err(wse)? {
            drop(writer);
            return Ok(ImportOutcome::AlreadyImported(
                ws.batch(existing).map_err(wse)?,
            ));
        }
    }
    let id = writer.finish(&totals).map_err(wse)?;
    Ok(ImportOutcome::Imported(ws.batch(id).map_err(wse)?))
}

/// About how many rows a file of `size` bytes has, from where its first rows (`sample`)
/// start: exact when the sample is the whole file.
fn estimate_rows(size: u64, sample: &VecDeque<(u64, csv::StringRecord)>, at_end: bool) -> u64 {
    let rows = sample.len() as u64;
    let start = |r: Option<&(u64, csv::StringRecord)>| {
        r.and_then(|(_, record)| record.position())
            .map_or(0, csv::Position::byte)
    };
    let span = start(sample.back()).saturating_sub(start(sample.front()));
    if at_end || rows < 2 || span == 0 {
        return rows;
    }
    size.saturating_mul(rows - 1) / span
}

fn modified_date(scan: &FileScan) -> NaiveDate {
    day_of(scan.modified)
}

/// The as-of date a file is imported at when none is given: the day it was last
/// modified (today when that cannot be read).
pub fn default_as_of(path: &Path) -> NaiveDate {
    day_of(std::fs::metadata(path).and_then(|m| m.modified()).ok())
}

/// The local day of `modified`, today when there is none.
fn day_of(modified: Option<std::time::SystemTime>) -> NaiveDate {
    let local = |t: std::time::SystemTime| chrono::DateTime::<chrono::Local>::from(t).date_naive();
    modified.map_or_else(|| chrono::Local::now().date_naive(), local)
}

fn delimiter_name(d: u8) -> &'static str {
    match d {
        b';' => "semicolon",
        b'\t' => "tab",
        b'|' => "pipe",
        _ => "comma",
    }
}
