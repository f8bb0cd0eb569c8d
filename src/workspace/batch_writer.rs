//! Writing one import batch: a single transaction that either commits whole or leaves
//! the workspace exactly as it was (dropping the writer rolls back).
//!
//! A large batch is written with SQLite's rollback journal instead of the write-ahead
//! log: pages added to the end of the file need no journal copy, where the log would
//! write each page twice (into the log, then into the file at the checkpoint). That
//! halves what a million-row import writes. The workspace is back in WAL mode as soon as
//! the batch commits or rolls back. A large batch also settles which versions are current
//! in one statement at its end instead of one lookup and one upsert per row (see
//! [`super::settle`]).

use rusqlite::{Connection, OptionalExtension as _, params};

use super::load_indexes::SetAside;
use super::raw_rows::{PackedRows, RawRowBlock, stored_raw_row};
use super::settle::Pending;
use super::version_inserts::{BULK_ROWS, VersionInserts};
use super::{Workspace, WorkspaceError};
use crate::model::{Record, RecordObject};

/// What a new batch is, before its rows are written.
#[derive(Debug, Clone)]
pub struct NewBatch {
    pub file_name: String,
    pub file_path: String,
    pub file_size: u64,
    pub sha256: String,
    pub crm: String,
    pub object: String,
    pub format: String,
    pub encoding: String,
    pub delimiter: String,
    /// `YYYY-MM-DD`: the date the export describes.
    pub as_of: String,
    pub header_json: String,
    pub mapping_json: String,
    pub is_sample: bool,
    /// About how many rows the file has (from the bytes of its first rows): sizes the
    /// filter of ids seen and decides whether indexes are set aside while it loads.
    pub estimated_rows: u64,
}

/// Files at least this large are written through the rollback journal (see the module
/// doc), when no other connection has the workspace open.
pub const BULK_LOAD_BYTES: u64 = 8 * 1024 * 1024;

/// The page cache a bulk batch may use, in KiB: fewer, larger writes to the file.
const BULK_CACHE_KIB: i64 = 32 * 1024;

/// The totals written when a batch finishes.
#[derive(Debug, Clone, Default)]
pub struct BatchTotals {
    pub rows_read: u64,
    pub rows_imported: u64,
    pub rows_updated: u64,
    pub rows_skipped: u64,
    pub rows_rejected: u64,
    pub rows_warned: u64,
    pub preamble_lines: u64,
    pub footer_lines: u64,
    pub duration_ms: u64,
    pub notes: Vec<String>,
    /// The latest date the batch's records say something happened.
    pub newest_record: Option<crate::model::Timestamp>,
}

/// What writing one record did to the workspace's current records.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WriteOutcome {
    /// A record the workspace did not have.
    Inserted,
    /// A newer version of a record the workspace had.
    Updated,
    /// The workspace already has this record from a later export; this version is kept
    /// as history only.
    KeptOlder,
    /// An earlier row of this batch has the same id (`id`); nothing was written.
    /// `same`: the two rows are identical.
    Repeated {
        first_row: u64,
        same: bool,
        id: String,
    },
    /// The version is written; whether it is new or an update is settled at the end of
    /// the batch ([`BatchWriter::settle`]).
    Pending,
}

/// The statements writing one object's records, by table.
pub(super) struct RecordSql {
    current: &'static str,
    upsert_current: &'static str,
    batch_row: &'static str,
    /// How many of the batch's versions (`id >= ?2`) have a current record, and how many
    /// of those are from a later export than `?3`.
    pub(super) settle_count: &'static str,
    /// Whether any current record is from the source system `?1`.
    pub(super) any_current: &'static str,
    /// Makes the batch's versions current, in key order, unless a later export's is.
    pub(super) settle_current: &'static str,
    /// The highest version id so far: at least the number of versions.
    last_version: &'static str,
    /// The indexes a large batch may load without (see [`super::load_indexes`]).
    load_indexes: [&'static str; 2],
}

macro_rules! record_sql {
    ($current:literal, $versions:literal) => {
        RecordSql {
            current: concat!(
                "SELECT as_of, version_id FROM ",
                $current,
                " WHERE source_system = ?1 AND source_id = ?2"
            ),
            upsert_current: concat!(
                "INSERT INTO ",
                $current,
                " (source_system, source_id, version_id, as_of) VALUES (?1, ?2, ?3, ?4) \
                 ON CONFLICT (source_system, source_id) DO UPDATE SET version_id = excluded.version_id, as_of = excluded.as_of"
            ),
            // Through the key's index: left to itself, SQLite chose the batch's, reading
            // every row of the batch so far for each lookup (a 5M-row import took 300 s).
            batch_row: concat!(
                "SELECT row_number, raw_json FROM ",
                $versions,
                " INDEXED BY ",
                $versions,
                "_key WHERE source_system = ?1 AND source_id = ?2 AND batch_id = ?3 LIMIT 1"
            ),
            any_current: concat!(
                "SELECT EXISTS (SELECT 1 FROM ",
                $current,
                " WHERE source_system = ?1)"
            ),
            settle_count: concat!(
                "SELECT count(*), coalesce(sum(c.as_of > ?3), 0) FROM ",
                $versions,
                " v INDEXED BY ",
                $versions,
                "_key JOIN ",
                $current,
                " c ON c.source_system = v.source_system AND c.source_id = v.source_id \
                 WHERE v.source_system = ?1 AND v.id >= ?2"
            ),
            settle_current: concat!(
                "INSERT INTO ",
                $current,
                " (source_system, source_id, version_id, as_of) SELECT source_system, source_id, id, ?3 FROM ",
                $versions,
                " INDEXED BY ",
                $versions,
                "_key WHERE source_system = ?1 AND id >= ?2 ORDER BY source_system, source_id \
                 ON CONFLICT (source_system, source_id) DO UPDATE SET version_id = excluded.version_id, \
                 as_of = excluded.as_of WHERE excluded.as_of >= ",
                $current,
                ".as_of"
            ),
            last_version: concat!("SELECT coalesce(max(id), 0) FROM ", $versions),
            load_indexes: [concat!($versions, "_batch"), concat!($current, "_version")],
        }
    };
}

static CONTACT_SQL: RecordSql = record_sql!("contacts", "contact_versions");
static DEAL_SQL: RecordSql = record_sql!("deals", "deal_versions");
static ACCOUNT_SQL: RecordSql = record_sql!("accounts", "account_versions");

impl RecordSql {
    fn of(object: RecordObject) -> &'static Self {
        match object {
            RecordObject::Contact => &CONTACT_SQL,
            RecordObject::Deal => &DEAL_SQL,
            RecordObject::Account => &ACCOUNT_SQL,
        }
    }
}

/// An open batch. Call [`BatchWriter::finish`] to commit; dropping it rolls back.
pub struct BatchWriter<'ws> {
    pub(super) tx: &'ws Connection,
    /// The transaction is open: dropping the writer rolls it back.
    open: bool,
    /// The batch switched the workspace to the rollback journal; WAL is restored at the end.
    bulk: bool,
    path: std::path::PathBuf,
    batch_id: i64,
    pub(super) as_of: String,
    pub(super) source_system: String,
    /// The id of the batch's first record version: later ones are higher.
    pub(super) first_version: Option<i64>,
    /// A large batch's versions not yet settled as current or not (see [`super::settle`]).
    pub(super) pending: Option<Pending>,
    /// Indexes dropped while the batch loads, built again when it settles.
    pub(super) set_aside: Option<SetAside>,
    /// The insert of the batch's versions, with rows bound and not yet written.
    inserts: Option<VersionInserts<'ws>>,
    /// Raw rows not yet written in a block.
    raw: RawRowBlock,
    /// The rows up to this one came in blocks packed by the caller.
    packed_through: u64,
}

impl Workspace {
    /// Starts a batch, taking the write lock (waiting for another writer if there is one).
    pub fn begin_batch(&mut self, batch: &NewBatch) -> Result<BatchWriter<'_>, WorkspaceError> {
        let path = self.path.clone();
        let sql = |e| WorkspaceError::from_sqlite(&path, e);
        let tx = &self.conn;
        // Another connection keeps the workspace in WAL mode (the switch needs it alone);
        // the batch is then written through the log as usual.
        // Asked without waiting: a busy workspace is no reason to hold the import up.
        let bulk = batch.file_size >= BULK_LOAD_BYTES && {
            tx.busy_timeout(std::time::Duration::ZERO).map_err(sql)?;
            let switched = tx
                .pragma_update_and_check(None, "journal_mode", "DELETE", |r| r.get::<_, String>(0))
                .is_ok_and(|mode| mode.eq_ignore_ascii_case("delete"));
            tx.busy_timeout(super::BUSY_TIMEOUT).map_err(sql)?;
            switched
        };
        if bulk {
            tx.pragma_update(None, "synchronous", "FULL").map_err(sql)?;
            tx.pragma_update(None, "cache_size", -BULK_CACHE_KIB)
                .map_err(sql)?;
            // Every reference the batch writes is to a row it has just written (the batch,
            // then each version, then the current record pointing at it): checking each
            // one was 8% of a million-row import. `PRAGMA foreign_key_check` after bulk
            // imports is in the tests.
            tx.pragma_update(None, "foreign_keys", "OFF").map_err(sql)?;
        }
        let mut writer = BatchWriter {
            tx,
            open: false,
            bulk,
            path: self.path.clone(),
            batch_id: 0,
            as_of: batch.as_of.clone(),
            source_system: batch.crm.clone(),
            first_version: None,
            pending: (batch.file_size >= BULK_LOAD_BYTES)
                .then(|| Pending::new(batch.estimated_rows)),
            set_aside: None,
            inserts: None,
            raw: RawRowBlock::default(),
            packed_through: 0,
        };
        tx.execute_batch("BEGIN IMMEDIATE").map_err(sql)?;
        writer.open = true;
        tx.execute(
            "INSERT INTO batches (file_name, file_path, file_size, sha256, crm, object, format, encoding, delimiter, \
             as_of, imported_at, header_json, mapping_json, is_sample) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
            params![
                batch.file_name,
                batch.file_path,
                i64::try_from(batch.file_size).unwrap_or(i64::MAX),
                batch.sha256,
                batch.crm,
                batch.object,
                batch.format,
                batch.encoding,
                batch.delimiter,
                batch.as_of,
                chrono::Utc::now().format("%Y-%m-%d %H:%M:%S").to_string(),
                batch.header_json,
                batch.mapping_json,
                batch.is_sample,
            ],
        )
        .map_err(sql)?;
        writer.batch_id = tx.last_insert_rowid();
        if writer.pending.is_some()
            && let Some(object) = RecordObject::parse(&batch.object)
        {
            let queries = RecordSql::of(object);
            let held: i64 = tx
                .query_row(queries.last_version, [], |r| r.get(0))
                .map_err(sql)?;
            if batch.estimated_rows >= u64::try_from(held).unwrap_or(0) {
                writer.set_aside = Some(SetAside::drop(tx, &queries.load_indexes).map_err(sql)?);
            }
        }
        Ok(writer)
    }
}

impl Drop for BatchWriter<'_> {
    fn drop(&mut self) {
        // Errors here cannot be reported; a failed rollback is finished by SQLite's own
        // recovery the next time the file is opened, and every open sets WAL mode again.
        self.inserts = None;
        if self.open {
            let _ = self.tx.execute_batch("ROLLBACK");
        }
        if self.bulk {
            let _ = self.tx.pragma_update(None, "journal_mode", "WAL");
            let _ = self.tx.pragma_update(None, "synchronous", "NORMAL");
            let _ = self.tx.pragma_update(None, "cache_size", -2000);
            let _ = self.tx.pragma_update(None, "foreign_keys", "ON");
        }
    }
}

fn count(n: u64) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

impl BatchWriter<'_> {
    pub(super) fn err(&self, e: rusqlite::Error) -> WorkspaceError {
        WorkspaceError::from_sqlite(&self.path, e)
    }

    /// Whether the batch is written through the rollback journal (see the module doc).
    pub fn is_bulk(&self) -> bool {
        self.bulk
    }

    /// The id the batch will have.
    pub fn batch_id(&self) -> i64 {
        self.batch_id
    }

    /// Writes one record's version and makes it current unless the workspace holds the
    /// record from a later export; writes nothing when an earlier row of the batch has
    /// its id. Repeats are found in the store, so a file of any size is checked in flat
    /// memory.
    pub fn write_record(
        &mut self,
        row: u64,
        record: Record,
        raw_json: &str,
    ) -> Result<WriteOutcome, WorkspaceError> {
        let sql = RecordSql::of(record.object());
        if let Some(pending) = self.pending.as_mut() {
            let maybe_seen = pending.note(sql, record.source_id());
            return self.write_pending(sql, maybe_seen, row, record, raw_json);
        }
        let key = params![self.source_system, record.source_id()];
        let existing: Option<(String, i64)> = self
            .tx
            .prepare_cached(sql.current)
            .and_then(|mut s| s.query_row(key, |r| Ok((r.get(0)?, r.get(1)?))).optional())
            .map_err(|e| self.err(e))?;
        if let Some((as_of, version)) = &existing
            // Current from this batch, or from a later export (so a row of this batch
            // would not show in `current`): look for an earlier row of this batch.
            && (self.first_version.is_some_and(|first| *version >= first)
                || *as_of > self.as_of)
            && let Some(repeated) = self.repeat_of(sql, &record, raw_json)?
        {
            return Ok(repeated);
        }
        let source_id = record.source_id().to_owned();
        let version_id = self.insert_version(row, record, raw_json)?;
        let outcome = match existing {
            None => WriteOutcome::Inserted,
            Some((as_of, _)) if self.as_of >= as_of => WriteOutcome::Updated,
            Some(_) => return Ok(WriteOutcome::KeptOlder),
        };
        self.tx
            .prepare_cached(sql.upsert_current)
            .and_then(|mut s| {
                s.execute(params![
                    self.source_system,
                    source_id,
                    version_id,
                    self.as_of
                ])
            })
            .map_err(|e| self.err(e))?;
        Ok(outcome)
    }

    /// The outcome for a row whose id an earlier row of the batch has, if one has.
    pub(super) fn repeat_of(
        &self,
        sql: &RecordSql,
        record: &Record,
        raw_json: &str,
    ) -> Result<Option<WriteOutcome>, WorkspaceError> {
        // A row waiting to be written is the latest of the batch: one with this id there
        // is the only one before this row.
        let waiting = self
            .inserts
            .as_ref()
            .and_then(|inserts| inserts.waiting_row(record.source_id()));
        let (first_row, first_raw) = match waiting {
            Some(row) => (row, String::new()),
            None => {
                let first = self
                    .tx
                    .prepare_cached(sql.batch_row)
                    .and_then(|mut s| {
                        s.query_row(
                            params![self.source_system, record.source_id(), self.batch_id],
                            |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)),
                        )
                        .optional()
                    })
                    .map_err(|e| self.err(e))?;
                let Some((first_row, first_raw)) = first else {
                    return Ok(None);
                };
                (u64::try_from(first_row).unwrap_or(0), first_raw)
            }
        };
        let same = if !first_raw.is_empty() {
            first_raw == raw_json
        } else if let Some(buffered) = self.raw.find(first_row) {
            buffered == raw_json
        } else {
            stored_raw_row(self.tx, &self.path, self.batch_id, first_row)?
                .is_some_and(|stored| stored == raw_json)
        };
        Ok(Some(WriteOutcome::Repeated {
            first_row,
            same,
            id: record.source_id().to_owned(),
        }))
    }

    /// Writes one version of a record, and notes the batch's first; returns its id.
    pub(super) fn insert_version(
        &mut self,
        row: u64,
        record: Record,
        raw_json: &str,
    ) -> Result<i64, WorkspaceError> {
        // Outside a large batch every run is one row: the version is written here.
        self.add_version(row, record, raw_json)?
            .ok_or_else(|| self.err(rusqlite::Error::StatementChangedRows(0)))
    }

    /// Adds one version of a record to the batch's insert, writing the versions waiting
    /// when a run is full (16 rows in a large batch, else one); returns the id of the
    /// last version written then.
    pub(super) fn add_version(
        &mut self,
        row: u64,
        record: Record,
        raw_json: &str,
    ) -> Result<Option<i64>, WorkspaceError> {
        let object = record.object();
        if self.inserts.as_ref().is_none_or(|i| i.object() != object) {
            self.write_waiting_versions()?;
            let rows = if self.pending.is_some() { BULK_ROWS } else { 1 };
            let batch = (
                self.batch_id,
                self.as_of.clone(),
                self.source_system.clone(),
            );
            let prepared = VersionInserts::prepare(self.tx, object, rows, batch);
            self.inserts = Some(prepared.map_err(|e| self.err(e))?);
        }
        let full = self
            .inserts
            .as_mut()
            .is_some_and(|inserts| inserts.push(row, record));
        if row > self.packed_through && self.raw.push(row, raw_json) {
            self.raw
                .write(self.tx, self.batch_id)
                .map_err(|e| self.err(e))?;
        }
        if full {
            return self.write_waiting_versions();
        }
        Ok(None)
    }

    /// Writes the versions waiting, and notes the batch's first version; returns the id
    /// of the last one written.
    pub(super) fn write_waiting_versions(&mut self) -> Result<Option<i64>, WorkspaceError> {
        let tx = self.tx;
        let run = match self.inserts.as_mut() {
            Some(inserts) => inserts.run(tx),
            None => Ok(None),
        };
        let Some(inserted) = run.map_err(|e| self.err(e))? else {
            return Ok(None);
        };
        self.first_version.get_or_insert(inserted.first_id);
        Ok(Some(
            inserted.first_id + i64::try_from(inserted.rows).unwrap_or(1) - 1,
        ))
    }

    /// Writes raw rows the caller packed (on a thread of its own); records of those rows
    /// written afterwards do not keep their raw rows again. Rows must come in order.
    pub fn write_packed_rows(&mut self, packed: &PackedRows) -> Result<(), WorkspaceError> {
        packed
            .write(self.tx, self.batch_id)
            .map_err(|e| self.err(e))?;
        self.packed_through = packed.last_row();
        Ok(())
    }

    /// Keeps a rejected row or a warning with its reason and the row as it was in the file.
    pub fn write_issue(
        &mut self,
        row: u64,
        column: Option<&str>,
        rejected: bool,
        reason: &str,
        raw_json: &str,
    ) -> Result<(), WorkspaceError> {
        self.tx
            .prepare_cached(
                "INSERT INTO row_issues (batch_id, row_number, column_name, severity, reason, raw_json) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            )
            .and_then(|mut s| {
                s.execute(params![
                    self.batch_id,
                    count(row),
                    column,
                    if rejected { "rejected" } else { "warning" },
                    reason,
                    raw_json
                ])
            })
            .map_err(|e| self.err(e))?;
        Ok(())
    }

    /// Records the file's SHA-256 (learnt while the batch was written), unless another
    /// batch has it: then returns that batch, and the file is not imported again.
    pub fn set_sha256(&mut self, sha256: &str) -> Result<Option<i64>, WorkspaceError> {
        let earlier: Option<i64> = self
            .tx
            .query_row(
                "SELECT id FROM batches WHERE sha256 = ?1 AND id <> ?2 ORDER BY id LIMIT 1",
                params![sha256, self.batch_id],
                |r| r.get(0),
            )
            .optional()
            .map_err(|e| self.err(e))?;
        if earlier.is_none() {
            self.tx
                .execute(
                    "UPDATE batches SET sha256 = ?2 WHERE id = ?1",
                    params![self.batch_id, sha256],
                )
                .map_err(|e| self.err(e))?;
        }
        Ok(earlier)
    }

    /// Records the totals and commits the batch, settling it first if that is left.
    pub fn finish(mut self, totals: &BatchTotals) -> Result<i64, WorkspaceError> {
        self.settle()?;
        self.raw
            .write(self.tx, self.batch_id)
            .map_err(|e| self.err(e))?;
        let notes = serde_json::to_string(&totals.notes).unwrap_or_else(|_| "[]".to_owned());
        self.tx
            .execute(
                "UPDATE batches SET rows_read = ?2, rows_imported = ?3, rows_updated = ?4, rows_skipped = ?5, \
                 rows_rejected = ?6, rows_warned = ?7, preamble_lines = ?8, footer_lines = ?9, duration_ms = ?10, \
                 notes_json = ?11, newest_record = ?12 WHERE id = ?1",
                params![
                    self.batch_id,
                    count(totals.rows_read),
                    count(totals.rows_imported),
                    count(totals.rows_updated),
                    count(totals.rows_skipped),
                    count(totals.rows_rejected),
                    count(totals.rows_warned),
                    count(totals.preamble_lines),
                    count(totals.footer_lines),
                    count(totals.duration_ms),
                    notes,
                    totals.newest_record.map(crate::text::day)
                ],
            )
            .map_err(|e| self.err(e))?;
        self.tx.execute_batch("COMMIT").map_err(|e| self.err(e))?;
        self.open = false;
        Ok(self.batch_id)
    }
}
