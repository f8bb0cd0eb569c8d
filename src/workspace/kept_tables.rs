//! The views' compact tables kept in the workspace for the records' current generation:
//! every batch imported, changed or undone and every definitions version added draws a
//! new generation (a random number) and drops what was kept (triggers in the schema), so
//! kept tables are only ever read back for the records and definitions they were built
//! from.

use rusqlite::{OptionalExtension as _, TransactionBehavior};

use super::{Workspace, WorkspaceError};

impl Workspace {
    /// The records' generation now: it changes with every change to the records or the
    /// definitions.
    pub fn generation(&self) -> Result<i64, WorkspaceError> {
        self.conn
            .query_row("SELECT n FROM generation", [], |r| r.get(0))
            .map_err(|e| self.err(e))
    }

    /// The tables kept for the current generation, with that generation, if any.
    pub fn kept_tables(&self) -> Result<Option<(i64, Vec<u8>)>, WorkspaceError> {
        self.conn
            .query_row(
                "SELECT k.generation, k.tables FROM kept_tables k JOIN generation g ON g.n = k.generation",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()
            .map_err(|e| self.err(e))
    }

    /// Drops the kept tables, so the next read builds them from the records again.
    pub fn forget_kept_tables(&mut self) -> Result<(), WorkspaceError> {
        self.conn
            .execute("DELETE FROM kept_tables", [])
            .map(drop)
            .map_err(|e| self.err(e))
    }

    /// Keeps `tables`, built from the records of `generation`, in place of any kept
    /// before; returns `false` and keeps nothing when the generation has changed since.
    pub fn keep_tables(&mut self, generation: i64, tables: &[u8]) -> Result<bool, WorkspaceError> {
        let path = self.path.clone();
        let sql = |e| WorkspaceError::from_sqlite(&path, e);
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(sql)?;
        let now: i64 = tx
            .query_row("SELECT n FROM generation", [], |r| r.get(0))
            .map_err(sql)?;
        if now != generation {
            return Ok(false);
        }
        tx.execute(
            "INSERT OR REPLACE INTO kept_tables (id, generation, tables) VALUES (1, ?1, ?2)",
            rusqlite::params![generation, tables],
        )
        .map_err(sql)?;
        tx.commit().map_err(sql)?;
        Ok(true)
    }
}
