//! Indexes a large batch loads without: dropped when it starts and built again, each in
//! one sort, when it settles.
//!
//! Only indexes the load itself never reads are set aside: the versions' index by batch
//! and the current records' index by version (undo reads both). Keeping them up to date
//! row by row cost a million-row import about as much as building them afterwards twice
//! over (measured: about 0.9 s of upkeep against 0.5 s to build both). Building one reads
//! the whole table, though, so a batch sets them aside only when it is at least as large
//! as what the workspace already holds of its object. The drop and the build are in the
//! batch's transaction: a batch that fails or is cancelled leaves them as they were.

use rusqlite::{Connection, OptionalExtension as _};

/// The definitions of indexes set aside, to be built again.
pub(super) struct SetAside {
    definitions: Vec<String>,
}

impl SetAside {
    /// Drops the indexes `names` (those that exist), keeping their definitions.
    pub(super) fn drop(tx: &Connection, names: &[&str]) -> rusqlite::Result<Self> {
        let mut definitions = Vec::new();
        for name in names {
            let definition: Option<String> = tx
                .query_row(
                    "SELECT sql FROM sqlite_schema WHERE type = 'index' AND name = ?1",
                    [name],
                    |r| r.get(0),
                )
                .optional()?;
            if let Some(definition) = definition {
                tx.execute_batch(&format!("DROP INDEX \"{name}\""))?;
                definitions.push(definition);
            }
        }
        Ok(Self { definitions })
    }

    /// Builds the indexes again, exactly as they were defined.
    pub(super) fn rebuild(self, tx: &Connection) -> rusqlite::Result<()> {
        for definition in &self.definitions {
            tx.execute_batch(definition)?;
        }
        Ok(())
    }
}
