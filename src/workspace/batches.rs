//! Import batches: listing them, their rejected rows, and undoing one.

use rusqlite::{OptionalExtension as _, Row, params};
use serde::Serialize;

use super::{Workspace, WorkspaceError};

/// One import as the workspace recorded it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BatchSummary {
    pub id: i64,
    pub file: String,
    pub file_path: String,
    pub file_size: i64,
    pub sha256: String,
    pub crm: String,
    pub object: String,
    pub format: String,
    pub encoding: String,
    pub delimiter: String,
    pub as_of: String,
    pub imported_at: String,
    pub rows_read: i64,
    pub rows_imported: i64,
    pub rows_updated: i64,
    pub rows_skipped: i64,
    pub rows_rejected: i64,
    pub rows_warned: i64,
    pub preamble_lines: i64,
    pub footer_lines: i64,
    pub duration_ms: i64,
    pub notes: Vec<String>,
    pub is_sample: bool,
    /// `YYYY-MM-DD`: the latest date its records say something happened; `None` when
    /// none says.
    pub newest_record: Option<String>,
}

/// An as-of this long after a batch's newest record is not the day the export was taken:
/// a copy of an old file, saved again. A quarter: a real export's newest record is a few
/// days old at most.
const AS_OF_DRIFT_DAYS: i64 = 92;

impl BatchSummary {
    /// The batch's newest record's day (`YYYY-MM-DD`) when its as-of is more than a quarter
    /// after it: the as-of is likely the day the file was copied, not exported, and every
    /// number of the batch's object would be judged that late.
    pub fn as_of_far_after_records(&self) -> Option<&str> {
        let day = |d: &str| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").ok();
        let newest = self.newest_record.as_deref()?;
        let drift = (day(&self.as_of)? - day(newest)?).num_days();
        (drift > AS_OF_DRIFT_DAYS).then_some(newest)
    }
}

/// A rejected row or a warning, as kept for a batch.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RowIssueRecord {
    pub row: i64,
    pub column: Option<String>,
    pub severity: String,
    pub reason: String,
    /// The row's cells as they were in the file.
    pub raw: Vec<String>,
}

const BATCH_COLUMNS: &str = "id, file_name, file_path, file_size, sha256, crm, object, format, encoding, delimiter, \
     as_of, imported_at, rows_read, rows_imported, rows_updated, rows_skipped, rows_rejected, rows_warned, \
     preamble_lines, footer_lines, duration_ms, notes_json, is_sample, newest_record";

fn batch_from_row(r: &Row<'_>) -> rusqlite::Result<BatchSummary> {
    let notes: String = r.get(21)?;
    Ok(BatchSummary {
        id: r.get(0)?,
        file: r.get(1)?,
        file_path: r.get(2)?,
        file_size: r.get(3)?,
        sha256: r.get(4)?,
        crm: r.get(5)?,
        object: r.get(6)?,
        format: r.get(7)?,
        encoding: r.get(8)?,
        delimiter: r.get(9)?,
        as_of: r.get(10)?,
        imported_at: r.get(11)?,
        rows_read: r.get(12)?,
        rows_imported: r.get(13)?,
        rows_updated: r.get(14)?,
        rows_skipped: r.get(15)?,
        rows_rejected: r.get(16)?,
        rows_warned: r.get(17)?,
        preamble_lines: r.get(18)?,
        footer_lines: r.get(19)?,
        duration_ms: r.get(20)?,
        notes: serde_json::from_str(&notes).unwrap_or_default(),
        is_sample: r.get(22)?,
        newest_record: r.get(23)?,
    })
}

/// (current table, versions table) for each object.
const RECORD_TABLES: [(&str, &str); 3] = [
    ("contacts", "contact_versions"),
    ("deals", "deal_versions"),
    ("accounts", "account_versions"),
];

impl Workspace {
    /// Every batch, oldest first.
    pub fn batches(&self) -> Result<Vec<BatchSummary>, WorkspaceError> {
        self.query_list(
            &format!("SELECT {BATCH_COLUMNS} FROM batches ORDER BY id"),
            [],
            batch_from_row,
        )
    }

    /// The latest as-of date of the imports: the day the data describes, that leaks are
    /// judged at; `None` before the first import.
    pub fn latest_as_of(&self) -> Result<Option<chrono::NaiveDate>, WorkspaceError> {
        let text: Option<String> = self
            .conn
            .query_row("SELECT MAX(as_of) FROM batches", [], |r| r.get(0))
            .map_err(|e| self.err(e))?;
        Ok(text.and_then(|d| chrono::NaiveDate::parse_from_str(&d, "%Y-%m-%d").ok()))
    }

    /// The latest as-of date of the imports of `object` (`contact`, `deal` or
    /// `account`); `None` before its first import.
    pub fn latest_as_of_of(
        &self,
        object: crate::model::RecordObject,
    ) -> Result<Option<chrono::NaiveDate>, WorkspaceError> {
        let text: Option<String> = self
            .conn
            .query_row(
                "SELECT MAX(as_of) FROM batches WHERE object = ?1",
                [object.as_str()],
                |r| r.get(0),
            )
            .map_err(|e| self.err(e))?;
        Ok(text.and_then(|d| chrono::NaiveDate::parse_from_str(&d, "%Y-%m-%d").ok()))
    }

    /// The as-of dates of the imports of `object`, oldest first, each once.
    pub fn as_of_dates_of(
        &self,
        object: crate::model::RecordObject,
    ) -> Result<Vec<chrono::NaiveDate>, WorkspaceError> {
        let days: Vec<String> = self.query_list(
            "SELECT DISTINCT as_of FROM batches WHERE object = ?1 ORDER BY as_of",
            [object.as_str()],
            |r| r.get(0),
        )?;
        Ok(days
            .iter()
            .filter_map(|d| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
            .collect())
    }

    /// One batch by id.
    pub fn batch(&self, id: i64) -> Result<BatchSummary, WorkspaceError> {
        self.conn
            .query_row(
                &format!("SELECT {BATCH_COLUMNS} FROM batches WHERE id = ?1"),
                [id],
                batch_from_row,
            )
            .optional()
            .map_err(|e| self.err(e))?
            .ok_or(WorkspaceError::NoSuchBatch(id))
    }

    /// Whether a batch imported a file of exactly this many bytes: only such a file can
    /// be one imported before.
    pub fn has_batch_of_size(&self, bytes: u64) -> Result<bool, WorkspaceError> {
        self.conn
            .query_row(
                "SELECT EXISTS (SELECT 1 FROM batches WHERE file_size = ?1)",
                [i64::try_from(bytes).unwrap_or(i64::MAX)],
                |r| r.get(0),
            )
            .map_err(|e| self.err(e))
    }

    /// The batch that imported a file with this SHA-256, if any.
    pub fn batch_by_sha256(&self, sha256: &str) -> Result<Option<BatchSummary>, WorkspaceError> {
        self.conn
            .query_row(
                &format!(
                    "SELECT {BATCH_COLUMNS} FROM batches WHERE sha256 = ?1 ORDER BY id LIMIT 1"
                ),
                [sha256],
                batch_from_row,
            )
            .optional()
            .map_err(|e| self.err(e))
    }

    /// How a batch's columns were mapped, as the importer saved it (JSON).
    pub fn batch_mapping_json(&self, id: i64) -> Result<String, WorkspaceError> {
        self.conn
            .query_row(
                "SELECT mapping_json FROM batches WHERE id = ?1",
                [id],
                |r| r.get(0),
            )
            .optional()
            .map_err(|e| self.err(e))?
            .ok_or(WorkspaceError::NoSuchBatch(id))
    }

    /// The rejected rows and warnings of a batch, in file order, at most `limit`.
    pub fn row_issues(
        &self,
        batch_id: i64,
        limit: usize,
    ) -> Result<Vec<RowIssueRecord>, WorkspaceError> {
        self.query_list(
            "SELECT row_number, column_name, severity, reason, raw_json FROM row_issues \
             WHERE batch_id = ?1 ORDER BY severity, row_number, id LIMIT ?2",
            params![batch_id, i64::try_from(limit).unwrap_or(i64::MAX)],
            |r| {
                let raw: String = r.get(4)?;
                Ok(RowIssueRecord {
                    row: r.get(0)?,
                    column: r.get(1)?,
                    severity: r.get(2)?,
                    reason: r.get(3)?,
                    raw: serde_json::from_str(&raw).unwrap_or_default(),
                })
            },
        )
    }

    /// Removes a batch and everything it wrote; records it had updated go back to the
    /// version they had before. One transaction: all of it happens or none.
    pub fn undo_batch(&mut self, batch_id: i64) -> Result<BatchSummary, WorkspaceError> {
        let summary = self.batch(batch_id)?;
        let path = self.path.clone();
        let sql = |e| WorkspaceError::from_sqlite(&path, e);
        let tx = self.conn.transaction().map_err(sql)?;
        for (current, versions) in RECORD_TABLES {
            tx.execute(
                &format!(
                    "DELETE FROM {current} WHERE version_id IN (SELECT id FROM {versions} WHERE batch_id = ?1) \
                     AND NOT EXISTS (SELECT 1 FROM {versions} v WHERE v.source_system = {current}.source_system \
                     AND v.source_id = {current}.source_id AND v.batch_id <> ?1)"
                ),
                [batch_id],
            )
            .map_err(sql)?;
            tx.execute(
                &format!(
                    "UPDATE {current} SET (version_id, as_of) = (SELECT v.id, v.as_of FROM {versions} v \
                     WHERE v.source_system = {current}.source_system AND v.source_id = {current}.source_id \
                     AND v.batch_id <> ?1 ORDER BY v.as_of DESC, v.id DESC LIMIT 1) \
                     WHERE version_id IN (SELECT id FROM {versions} WHERE batch_id = ?1)"
                ),
                [batch_id],
            )
            .map_err(sql)?;
        }
        tx.execute("DELETE FROM batches WHERE id = ?1", [batch_id])
            .map_err(sql)?;
        tx.commit().map_err(sql)?;
        Ok(summary)
    }

    /// Whether every batch in the workspace is bundled sample data (and there is one).
    pub fn holds_only_sample_data(&self) -> Result<bool, WorkspaceError> {
        let (all, sample): (i64, i64) = self
            .conn
            .query_row(
                "SELECT count(*), coalesce(sum(is_sample), 0) FROM batches",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .map_err(|e| self.err(e))?;
        Ok(all > 0 && all == sample)
    }

    /// Removes the bundled sample batches (the user's own batches stay), newest first.
    pub fn remove_sample_data(&mut self) -> Result<usize, WorkspaceError> {
        let ids: Vec<i64> = self.query_list(
            "SELECT id FROM batches WHERE is_sample = 1 ORDER BY id DESC",
            [],
            |r| r.get(0),
        )?;
        for id in &ids {
            self.undo_batch(*id)?;
        }
        Ok(ids.len())
    }
}
