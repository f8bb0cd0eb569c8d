//! Every deal version's stage entries, read in one pass over their table and grouped by
//! version, so deals can be streamed one at a time with their entries beside them.

use rusqlite::Connection;

use crate::model::{StageEntry, Timestamp};

/// The stage entries of all deal versions, ordered by version and then by when each
/// stage was entered (entries entered at the same time keep the order they were stored).
#[derive(Debug, Default)]
pub(super) struct StageEntries {
    /// (version id, entered, stage as an index into `stages`), sorted.
    entries: Vec<(i64, Timestamp, u32)>,
    /// Each distinct stage name, once: a handful of names over hundreds of thousands of
    /// entries.
    stages: Vec<String>,
}

impl StageEntries {
    /// Reads the whole `deal_stage_entries` table.
    pub(super) fn read(conn: &Connection) -> rusqlite::Result<Self> {
        let mut stmt = conn.prepare_cached(
            "SELECT version_id, stage, entered_at FROM deal_stage_entries ORDER BY rowid",
        )?;
        let mut rows = stmt.query([])?;
        let mut seen: rustc_hash::FxHashMap<String, u32> = rustc_hash::FxHashMap::default();
        let mut read = Self::default();
        while let Some(row) = rows.next()? {
            let stage = row.get_ref(1)?.as_str()?;
            let id = match seen.get(stage) {
                Some(id) => *id,
                None => {
                    let id = u32::try_from(read.stages.len()).unwrap_or(u32::MAX);
                    read.stages.push(stage.to_owned());
                    seen.insert(stage.to_owned(), id);
                    id
                }
            };
            read.entries.push((row.get(0)?, row.get(2)?, id));
        }
        // Stable: entries of one version entered at the same time stay in stored order.
        read.entries
            .sort_by_key(|(version, entered, _)| (*version, *entered));
        Ok(read)
    }

    /// Overwrites `into` with the entries of deal version `version`, reusing its strings.
    pub(super) fn fill(&self, version: i64, into: &mut Vec<StageEntry>) {
        let start = self.entries.partition_point(|(v, _, _)| *v < version);
        let mut n = 0;
        for (_, entered, stage) in self
            .entries
            .get(start..)
            .unwrap_or_default()
            .iter()
            .take_while(|(v, _, _)| *v == version)
        {
            let stage = self.stages.get(*stage as usize).map_or("", String::as_str);
            match into.get_mut(n) {
                Some(slot) => {
                    slot.stage.clear();
                    slot.stage.push_str(stage);
                    slot.entered = *entered;
                }
                None => into.push(StageEntry {
                    stage: stage.to_owned(),
                    entered: *entered,
                }),
            }
            n += 1;
        }
        into.truncate(n);
    }
}

/// A deal version's stage history: its system and pipeline (which its raw stages map
/// under) and the raw stages it entered, in order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct StageHistory {
    pub source_system: String,
    pub pipeline: Option<String>,
    pub stages: Vec<String>,
}

impl super::Workspace {
    /// The stage history of each deal version of `keys`, in their order (empty for one
    /// without entries): a few thousand deals read by key, a chunk of ids a query.
    pub fn stage_histories(
        &self,
        keys: &[i64],
    ) -> Result<Vec<StageHistory>, super::WorkspaceError> {
        let place: rustc_hash::FxHashMap<i64, usize> =
            keys.iter().enumerate().map(|(i, k)| (*k, i)).collect();
        let mut out = vec![StageHistory::default(); keys.len()];
        self.for_each_row_of_ids(
            "SELECT e.version_id, v.source_system, v.pipeline, e.stage FROM deal_stage_entries e \
             JOIN deal_versions v ON v.id = e.version_id WHERE e.version_id IN ({ids}) \
             ORDER BY e.version_id, e.entered_at, e.rowid",
            keys,
            |row| {
                let id: i64 = row.get(0)?;
                if let Some(h) = place.get(&id).and_then(|i| out.get_mut(*i)) {
                    if h.stages.is_empty() {
                        h.source_system = row.get(1)?;
                        h.pipeline = row.get(2)?;
                    }
                    h.stages.push(row.get(3)?);
                }
                Ok(())
            },
        )?;
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_by_version_in_order_of_entry_and_reuses_the_slots() {
        let conn = Connection::open_in_memory().expect("memory");
        conn.execute_batch(
            "CREATE TABLE deal_stage_entries (version_id INTEGER, stage TEXT, entered_at INTEGER);
             INSERT INTO deal_stage_entries VALUES
               (2, 'won', 30), (1, 'demo', 20), (2, 'demo', 10), (1, 'qualified', 10),
               (2, 'proposal', 10), (3, 'demo', 5);",
        )
        .expect("rows");
        let read = StageEntries::read(&conn).expect("read");
        assert_eq!(read.stages.len(), 4, "each name kept once");
        let mut slot = Vec::new();
        let listed = |slot: &Vec<StageEntry>| {
            slot.iter()
                .map(|e| (e.stage.clone(), e.entered))
                .collect::<Vec<_>>()
        };
        read.fill(2, &mut slot);
        assert_eq!(
            listed(&slot),
            [
                ("demo".into(), 10),
                ("proposal".into(), 10),
                ("won".into(), 30)
            ],
            "by time entered; a tie keeps the stored order"
        );
        read.fill(1, &mut slot);
        assert_eq!(
            listed(&slot),
            [("qualified".into(), 10), ("demo".into(), 20)]
        );
        read.fill(9, &mut slot);
        assert!(slot.is_empty(), "a version with no entries");
        read.fill(3, &mut slot);
        assert_eq!(listed(&slot), [("demo".into(), 5)]);
    }
}
