//! The workspace: one SQLite file holding every imported batch and record.
//!
//! All SQL in the app lives in this module. The file is opened in WAL mode with foreign
//! keys on and a busy timeout, so a second window or a CLI run waits for a writer rather
//! than failing. Its schema is versioned (see [`schema`]); a file from a newer version of
//! the app is refused untouched. On Unix the file is created readable by its owner only.

mod backups;
mod batch_writer;
mod batches;
mod definitions;
mod error;
mod kept_tables;
mod load_indexes;
mod maturity_answers;
mod presets;
mod raw_rows;
mod records;
pub mod schema;
mod scorecards;
mod settle;
mod stage_entries;
mod version_inserts;

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, OpenFlags};

pub use backups::{BackupInfo, KEEP_BACKUPS, backup_dir, list_backups, replace_with_backup};
pub use batch_writer::{BULK_LOAD_BYTES, BatchTotals, BatchWriter, NewBatch, WriteOutcome};
pub use batches::{BatchSummary, RowIssueRecord};
pub use definitions::{DefinitionVersion, RawStageCount};
pub use error::WorkspaceError;
pub use maturity_answers::StoredAnswer;
pub use presets::MappingPreset;
pub use raw_rows::{PackedRows, RawRowBlock};
pub use records::RecordCounts;
pub use scorecards::PublishedScorecard;
pub use settle::Settled;
pub use stage_entries::StageHistory;

/// How long a connection waits for another writer before reporting the workspace busy.
const BUSY_TIMEOUT: Duration = Duration::from_secs(10);

/// The page size of a new workspace, in bytes. A million-row import with 16 KiB pages
/// spent about 10% less CPU than with SQLite's 4 KiB: a quarter as many page splits and
/// page writes for the same rows.
pub const PAGE_SIZE: i64 = 16 * 1024;

/// An open workspace file.
pub struct Workspace {
    conn: Connection,
    path: PathBuf,
}

impl std::fmt::Debug for Workspace {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Workspace")
            .field("path", &self.path)
            .finish_non_exhaustive()
    }
}

impl Workspace {
    /// Opens the workspace at `path`, creating the file (and its folder) if needed,
    /// refusing a damaged file, and migrating an older schema forward.
    pub fn open(path: &Path) -> Result<Self, WorkspaceError> {
        Self::open_with(path, true)
    }

    /// [`Workspace::open`] without SQLite's consistency check, which reads the whole file
    /// (half a second at a million contacts, three with a cold file cache): for a file
    /// this process has checked already, or checks beside it with [`check_file`]. A file
    /// whose schema is older is still checked, before it is migrated.
    pub fn reopen(path: &Path) -> Result<Self, WorkspaceError> {
        Self::open_with(path, false)
    }

    fn open_with(path: &Path, check: bool) -> Result<Self, WorkspaceError> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|source| WorkspaceError::CreateDir {
                path: path.to_owned(),
                source,
            })?;
        }
        let existed = path.exists();
        let sql = |e| WorkspaceError::from_sqlite(path, e);
        let mut conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE
                | OpenFlags::SQLITE_OPEN_CREATE
                | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(sql)?;
        if !existed {
            restrict_permissions(path);
        }
        conn.busy_timeout(BUSY_TIMEOUT).map_err(sql)?;
        // Reading the schema version first tells a non-database file apart before any write.
        let version: i64 = conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .map_err(sql)?;
        if version > schema::CURRENT_VERSION {
            return Err(WorkspaceError::TooNew {
                path: path.to_owned(),
                found: version,
                supported: schema::CURRENT_VERSION,
            });
        }
        // A migration writes: never into a file not known to be sound.
        if existed && (check || version < schema::CURRENT_VERSION) {
            check_not_damaged(&conn, path)?;
        }
        if version == 0 {
            // Only takes effect in a file with no tables yet; an older workspace keeps its own.
            conn.pragma_update(None, "page_size", PAGE_SIZE)
                .map_err(sql)?;
        }
        conn.pragma_update(None, "journal_mode", "WAL")
            .map_err(sql)?;
        conn.pragma_update(None, "foreign_keys", "ON")
            .map_err(sql)?;
        conn.pragma_update(None, "synchronous", "NORMAL")
            .map_err(sql)?;
        schema::migrate(&mut conn).map_err(|e| match e {
            schema::MigrateError::TooNew(found) => WorkspaceError::TooNew {
                path: path.to_owned(),
                found,
                supported: schema::CURRENT_VERSION,
            },
            schema::MigrateError::Sqlite(e) => WorkspaceError::from_sqlite(path, e),
        })?;
        Ok(Self {
            conn,
            path: path.to_owned(),
        })
    }

    /// The file this workspace lives in.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// `here` on this thread and, beside it, `beside` on a connection of its own to the
    /// same file: on two cores two reads take about as long as the longer one.
    pub fn read_beside<T: Send, H, E: Send + From<WorkspaceError>>(
        &self,
        beside: impl FnOnce(&Self) -> Result<T, E> + Send,
        here: impl FnOnce() -> H,
    ) -> (H, Result<T, E>) {
        let path = self.path.clone();
        std::thread::scope(|scope| {
            let other = scope.spawn(move || beside(&Self::reopen(&path)?));
            let here = here();
            match other.join() {
                Ok(read) => (here, read),
                Err(panic) => std::panic::resume_unwind(panic),
            }
        })
    }

    /// The schema version of the open file.
    pub fn schema_version(&self) -> Result<i64, WorkspaceError> {
        self.conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .map_err(|e| self.err(e))
    }

    /// Runs SQLite's own consistency check; `Ok(true)` when the file is sound.
    pub fn integrity_ok(&self) -> Result<bool, WorkspaceError> {
        let result: String = self
            .conn
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))
            .map_err(|e| self.err(e))?;
        Ok(result == "ok")
    }

    /// Runs a query and collects every row through `from_row`.
    fn query_list<T>(
        &self,
        sql: &str,
        params: impl rusqlite::Params,
        from_row: impl FnMut(&rusqlite::Row<'_>) -> rusqlite::Result<T>,
    ) -> Result<Vec<T>, WorkspaceError> {
        let mut stmt = self.conn.prepare_cached(sql).map_err(|e| self.err(e))?;
        let rows = stmt.query_map(params, from_row).map_err(|e| self.err(e))?;
        rows.collect::<Result<_, _>>().map_err(|e| self.err(e))
    }

    /// Runs `sql`, whose `{ids}` stands for a list of placeholders, over `ids` a few
    /// hundred at a time, handing each row to `each`: half the time of one query an id
    /// for a hundred thousand of them.
    fn for_each_row_of_ids(
        &self,
        sql: &str,
        ids: &[i64],
        mut each: impl FnMut(&rusqlite::Row<'_>) -> rusqlite::Result<()>,
    ) -> Result<(), WorkspaceError> {
        const CHUNK: usize = 256;
        let sql = sql.replace("{ids}", &vec!["?"; CHUNK].join(", "));
        let mut stmt = self.conn.prepare_cached(&sql).map_err(|e| self.err(e))?;
        for chunk in ids.chunks(CHUNK) {
            // Ids are positive: -1 fills the last chunk's unused places.
            let padded = chunk
                .iter()
                .copied()
                .chain(std::iter::repeat(-1))
                .take(CHUNK);
            let mut rows = stmt
                .query(rusqlite::params_from_iter(padded))
                .map_err(|e| self.err(e))?;
            while let Some(row) = rows.next().map_err(|e| self.err(e))? {
                each(row).map_err(|e| self.err(e))?;
            }
        }
        Ok(())
    }

    fn err(&self, e: rusqlite::Error) -> WorkspaceError {
        WorkspaceError::from_sqlite(&self.path, e)
    }
}

/// Runs SQLite's consistency check on the workspace at `path` through a connection of
/// its own, beside any other: `Err(WorkspaceError::Damaged)` names the latest backup.
pub fn check_file(path: &Path) -> Result<(), WorkspaceError> {
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(|e| WorkspaceError::from_sqlite(path, e))?;
    conn.busy_timeout(BUSY_TIMEOUT)
        .map_err(|e| WorkspaceError::from_sqlite(path, e))?;
    conn.pragma_update(None, "query_only", true)
        .map_err(|e| WorkspaceError::from_sqlite(path, e))?;
    check_not_damaged(&conn, path)
}

/// Refuses a damaged file, pointing at its latest backup.
fn check_not_damaged(conn: &Connection, path: &Path) -> Result<(), WorkspaceError> {
    let finding: String = match conn.query_row("PRAGMA quick_check", [], |r| r.get(0)) {
        Ok(finding) => finding,
        Err(e) if e.sqlite_error_code() == Some(rusqlite::ErrorCode::DatabaseCorrupt) => {
            e.to_string()
        }
        Err(e) => return Err(WorkspaceError::from_sqlite(path, e)),
    };
    if finding == "ok" {
        return Ok(());
    }
    let latest_backup = backups::list_backups(path)
        .into_iter()
        .next()
        .map(|b| b.path);
    let advice = match &latest_backup {
        Some(b) => format!(
            "Its latest backup is {}: restore it (Restore the latest backup, or `revops-cockpit backups restore NAME`); the damaged file is kept beside it.",
            b.display()
        ),
        None => "There is no backup of it; open another workspace, or import the exports again into a new one.".to_owned(),
    };
    Err(WorkspaceError::Damaged {
        path: path.to_owned(),
        finding,
        advice,
        latest_backup,
    })
}

/// The workspace used when no `--db` is given: the platform's data folder.
pub fn default_path() -> PathBuf {
    directories::ProjectDirs::from("", "", "revops-cockpit").map_or_else(
        || PathBuf::from("revops-cockpit-workspace.sqlite"),
        |d| d.data_dir().join("workspace.sqlite"),
    )
}

#[cfg(unix)]
pub(crate) fn restrict_permissions(path: &Path) {
    use std::os::unix::fs::PermissionsExt as _;
    // Best effort: a file system without Unix permissions keeps its own defaults.
    let _ = std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600));
}

#[cfg(not(unix))]
pub(crate) fn restrict_permissions(_path: &Path) {}
