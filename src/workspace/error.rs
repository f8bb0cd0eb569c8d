//! Why the workspace file could not be opened, read or written.

use std::path::PathBuf;

/// A workspace failure, naming the file.
#[derive(Debug, thiserror::Error)]
pub enum WorkspaceError {
    #[error(
        "the workspace {path} was written by a newer version of RevOps Cockpit (format {found}; this version reads up to {supported}). Update the app to open it; the file was not changed."
    )]
    TooNew {
        path: PathBuf,
        found: i64,
        supported: i64,
    },
    #[error(
        "{path} is not a RevOps Cockpit workspace (it is not an SQLite database, or it is damaged). Choose another file."
    )]
    NotAWorkspace { path: PathBuf },
    #[error(
        "the workspace {path} is busy: another RevOps Cockpit window or command is writing to it. Try again in a moment."
    )]
    Busy { path: PathBuf },
    #[error("the folder for the workspace {path} could not be created: {source}")]
    CreateDir {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("the workspace {path} could not be read or written: {source}")]
    Sqlite {
        path: PathBuf,
        source: rusqlite::Error,
    },
    #[error(
        "the backup {path} could not be written or read: {source}. The workspace itself is unchanged."
    )]
    Backup {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("the workspace {path} is damaged (SQLite's check found: {finding}). {advice}")]
    Damaged {
        path: PathBuf,
        finding: String,
        advice: String,
        latest_backup: Option<PathBuf>,
    },
    #[error(
        "the raw rows kept for batch {batch} around row {row} in the workspace {path} are damaged and cannot be read. The imported records are not affected; a backup from before the damage has the raw rows."
    )]
    DamagedRawRows { path: PathBuf, batch: i64, row: u64 },
    #[error("batch {0} does not exist in this workspace")]
    NoSuchBatch(i64),
}

impl WorkspaceError {
    /// Wraps a SQLite error, recognising the ones people can act on.
    pub(crate) fn from_sqlite(path: &std::path::Path, source: rusqlite::Error) -> Self {
        use rusqlite::ErrorCode;
        match source.sqlite_error_code() {
            Some(ErrorCode::NotADatabase) => Self::NotAWorkspace {
                path: path.to_owned(),
            },
            Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => Self::Busy {
                path: path.to_owned(),
            },
            _ => Self::Sqlite {
                path: path.to_owned(),
                source,
            },
        }
    }
}
