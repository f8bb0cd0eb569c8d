//! Settling a large batch: which of its versions become current is decided in one
//! statement at the end, not with a lookup and an upsert per row.
//!
//! Per row, a large batch only writes the version. Whether an earlier row of the batch
//! had the same id is asked of a Bloom filter first, and of the store only when the
//! filter says "maybe": the answer is exact, in fixed memory. At the end, the batch's
//! versions are counted against the current records (new, updated, kept older) and made
//! current in key order, walking the versions' key index. The outcome is the one the
//! per-row path gives (tests/import_reference.rs compares the two); a million-row
//! import spent about a third of its writing time on the per-row lookups and upserts.

use fastbloom::BloomFilter;
use rusqlite::params;

use super::WorkspaceError;
use super::batch_writer::{BatchWriter, RecordSql, WriteOutcome};
use crate::model::Record;

/// Bits in the filter of ids seen: 16 a row expected (2 MiB at a million rows), at most
/// 16 MiB whatever the file's size. With four hashes a false "maybe" (answered by the
/// store) is about one row in 400 up to eight million rows, one in 200 at ten million.
/// The filter is small on purpose: each row waits on a read of its memory, and with 64
/// bits a row (8 MiB) that took a third longer than with 16.
const BITS_PER_ROW: u64 = 16;
const MIN_SEEN_BITS: u64 = 1 << 20;
const MAX_SEEN_BITS: u64 = 1 << 27;
const SEEN_HASHES: u32 = 4;

/// A large batch's record ids seen so far, and which object's tables it writes.
pub(super) struct Pending {
    seen: BloomFilter,
    sql: Option<&'static RecordSql>,
    versions: u64,
}

impl Pending {
    /// A filter sized for about `rows` rows.
    pub(super) fn new(rows: u64) -> Self {
        let bits = rows
            .saturating_mul(BITS_PER_ROW)
            .clamp(MIN_SEEN_BITS, MAX_SEEN_BITS);
        Self {
            seen: BloomFilter::with_num_bits(usize::try_from(bits).unwrap_or(usize::MAX))
                .hashes(SEEN_HASHES),
            sql: None,
            versions: 0,
        }
    }
}

/// What settling a batch decided, in rows.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Settled {
    /// Records the workspace did not have.
    pub inserted: u64,
    /// Newer versions of records it had.
    pub updated: u64,
    /// Versions kept as history only: the workspace holds the record from a later export.
    pub kept_older: u64,
}

impl Pending {
    /// Notes a row of `sql`'s object with `id`; false when no earlier row had that id.
    pub(super) fn note(&mut self, sql: &'static RecordSql, id: &str) -> bool {
        self.sql = Some(sql);
        self.seen.insert(id)
    }
}

impl BatchWriter<'_> {
    /// Writes one row's version in a large batch (`maybe_seen`: what [`Pending::note`]
    /// said); the current record waits for [`BatchWriter::settle`].
    pub(super) fn write_pending(
        &mut self,
        sql: &'static RecordSql,
        maybe_seen: bool,
        row: u64,
        record: Record,
        raw_json: &str,
    ) -> Result<WriteOutcome, WorkspaceError> {
        if maybe_seen && let Some(repeated) = self.repeat_of(sql, &record, raw_json)? {
            return Ok(repeated);
        }
        self.add_version(row, record, raw_json)?;
        if let Some(pending) = self.pending.as_mut() {
            pending.versions += 1;
        }
        Ok(WriteOutcome::Pending)
    }

    /// Decides which of the batch's versions are current, and says how many rows were
    /// new, updated or kept as history, then builds the indexes set aside while it
    /// loaded. Nothing to do (all zero) for a batch written row by row, or one already
    /// settled.
    pub fn settle(&mut self) -> Result<Settled, WorkspaceError> {
        self.write_waiting_versions()?;
        let settled = self.settle_current()?;
        if let Some(set_aside) = self.set_aside.take() {
            set_aside.rebuild(self.tx).map_err(|e| self.err(e))?;
        }
        Ok(settled)
    }

    fn settle_current(&mut self) -> Result<Settled, WorkspaceError> {
        let Some(Pending {
            sql: Some(sql),
            versions,
            ..
        }) = self.pending.take()
        else {
            return Ok(Settled::default());
        };
        let Some(first) = self.first_version else {
            return Ok(Settled::default());
        };
        let args = params![self.source_system, first, self.as_of];
        // Into a workspace with no record from this system yet (a first import), every
        // version is new: nothing to count.
        let any_current: bool = self
            .tx
            .query_row(sql.any_current, [&self.source_system], |r| r.get(0))
            .map_err(|e| self.err(e))?;
        let (existing, later): (i64, i64) = if any_current {
            self.tx
                .query_row(sql.settle_count, args, |r| Ok((r.get(0)?, r.get(1)?)))
                .map_err(|e| self.err(e))?
        } else {
            (0, 0)
        };
        self.tx
            .execute(sql.settle_current, args)
            .map_err(|e| self.err(e))?;
        let existing = u64::try_from(existing).unwrap_or(0);
        let later = u64::try_from(later).unwrap_or(0);
        Ok(Settled {
            inserted: versions.saturating_sub(existing),
            updated: existing.saturating_sub(later),
            kept_older: later,
        })
    }
}
