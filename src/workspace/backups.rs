//! Rolling backups of the workspace, taken with SQLite's online backup API before each
//! import and each definitions save, kept in `<workspace>.backups/` (the last five).

use std::path::{Path, PathBuf};

use rusqlite::MAIN_DB;
use serde::Serialize;

use super::{Workspace, WorkspaceError};

/// How many backups are kept.
pub const KEEP_BACKUPS: usize = 5;

/// One backup file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BackupInfo {
    /// The file name without `.sqlite`, e.g. `20251231-101500-before-import`.
    pub name: String,
    pub path: PathBuf,
    pub size_bytes: u64,
}

/// The folder a workspace's backups live in.
pub fn backup_dir(workspace: &Path) -> PathBuf {
    let mut name = workspace
        .file_name()
        .map(std::ffi::OsStr::to_os_string)
        .unwrap_or_default();
    name.push(".backups");
    workspace.with_file_name(name)
}

/// The backups of the workspace at `workspace`, newest first.
pub fn list_backups(workspace: &Path) -> Vec<BackupInfo> {
    let Ok(entries) = std::fs::read_dir(backup_dir(workspace)) else {
        return Vec::new();
    };
    let mut out: Vec<BackupInfo> = entries
        .filter_map(Result::ok)
        .filter_map(|e| {
            let path = e.path();
            let name = path
                .file_name()?
                .to_str()?
                .strip_suffix(".sqlite")?
                .to_owned();
            Some(BackupInfo {
                name,
                size_bytes: e.metadata().ok()?.len(),
                path,
            })
        })
        .collect();
    out.sort_by(|a, b| b.name.cmp(&a.name));
    out
}

impl Workspace {
    /// Copies the whole workspace to a new backup named for `why` (e.g. "before-import"),
    /// then deletes all but the newest [`KEEP_BACKUPS`]. The copy is written to a
    /// temporary file and renamed, so a crash never leaves a half backup.
    pub fn backup(&self, why: &str) -> Result<BackupInfo, WorkspaceError> {
        let dir = backup_dir(&self.path);
        std::fs::create_dir_all(&dir).map_err(|source| WorkspaceError::Backup {
            path: dir.clone(),
            source,
        })?;
        let stamp = chrono::Utc::now()
            .format("%Y%m%d-%H%M%S%.3f")
            .to_string()
            .replace('.', "");
        let mut name = format!("{stamp}-{why}");
        let mut n = 1;
        while dir.join(format!("{name}.sqlite")).exists() {
            n += 1;
            name = format!("{stamp}-{n}-{why}");
        }
        let path = dir.join(format!("{name}.sqlite"));
        let partial = dir.join(format!(".{name}.partial"));
        self.conn
            .backup(MAIN_DB, &partial, None::<fn(rusqlite::backup::Progress)>)
            .map_err(|e| self.err(e))?;
        super::restrict_permissions(&partial);
        std::fs::rename(&partial, &path).map_err(|source| WorkspaceError::Backup {
            path: path.clone(),
            source,
        })?;
        for old in list_backups(&self.path).into_iter().skip(KEEP_BACKUPS) {
            // A backup that cannot be removed only takes space; the new one is safe.
            let _ = std::fs::remove_file(old.path);
        }
        let size_bytes = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
        Ok(BackupInfo {
            name,
            path,
            size_bytes,
        })
    }

    /// Replaces the workspace's contents with a backup's, after backing up the current
    /// state (so a restore can be undone by restoring that).
    pub fn restore_backup(&mut self, backup: &Path) -> Result<(), WorkspaceError> {
        let check = rusqlite::Connection::open_with_flags(
            backup,
            rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY,
        )
        .and_then(|c| c.query_row("PRAGMA integrity_check", [], |r| r.get::<_, String>(0)))
        .map_err(|e| WorkspaceError::from_sqlite(backup, e))?;
        if check != "ok" {
            return Err(WorkspaceError::NotAWorkspace {
                path: backup.to_owned(),
            });
        }
        self.backup("before-restore")?;
        self.conn
            .restore(MAIN_DB, backup, None::<fn(rusqlite::backup::Progress)>)
            .map_err(|e| self.err(e))
    }
}

/// Puts a backup in place of a workspace that cannot be opened (damaged): the damaged file
/// is renamed aside (`<name>.damaged-<time>`), the backup copied in (to a temporary file,
/// then renamed), and the old WAL and shared-memory files removed.
pub fn replace_with_backup(workspace: &Path, backup: &Path) -> Result<PathBuf, WorkspaceError> {
    let io = |path: &Path| {
        let path = path.to_owned();
        move |source| WorkspaceError::Backup { path, source }
    };
    let stamp = chrono::Utc::now().format("%Y%m%d-%H%M%S").to_string();
    let sibling = |suffix: &str| {
        let mut name = workspace
            .file_name()
            .map(std::ffi::OsStr::to_os_string)
            .unwrap_or_default();
        name.push(suffix);
        workspace.with_file_name(name)
    };
    let aside = sibling(&format!(".damaged-{stamp}"));
    if workspace.exists() {
        std::fs::rename(workspace, &aside).map_err(io(workspace))?;
    }
    for suffix in ["-wal", "-shm"] {
        let _ = std::fs::remove_file(sibling(suffix));
    }
    let partial = sibling(".restoring");
    std::fs::copy(backup, &partial).map_err(io(backup))?;
    super::restrict_permissions(&partial);
    std::fs::rename(&partial, workspace).map_err(io(workspace))?;
    Ok(aside)
}
