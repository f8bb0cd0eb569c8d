//! Messages to the user after an action: what happened, or what went wrong and what to do.

use std::path::PathBuf;

/// How a notice is coloured.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoticeKind {
    Success,
    Info,
    Error,
}

/// What a notice offers to do next, as a button under its lines.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NoticeAction {
    /// Put this backup in place of the damaged workspace.
    RestoreBackup(PathBuf),
    /// Import the file again with the day/month order the user chooses.
    AskDateOrder(PathBuf),
    /// Undo a batch whose as-of is far after its records and import its file again as of
    /// the day offered.
    ReimportAsOf {
        batch: i64,
        file: PathBuf,
        as_of: chrono::NaiveDate,
    },
    /// Show the folder a file was saved in.
    ShowFolder(PathBuf),
}

/// A message shown above the current view until dismissed.
#[derive(Debug, Clone, PartialEq)]
pub struct Notice {
    pub kind: NoticeKind,
    pub lines: Vec<String>,
    pub actions: Vec<NoticeAction>,
}

impl Notice {
    /// A one-line notice, as a sentence (see [`crate::text::as_sentence`]).
    pub fn new(kind: NoticeKind, line: impl Into<String>) -> Self {
        Self {
            kind,
            lines: vec![crate::text::as_sentence(&line.into())],
            actions: Vec::new(),
        }
    }

    /// An error notice for `error`, in its own words.
    pub fn error(error: &impl std::fmt::Display) -> Self {
        Self::new(NoticeKind::Error, error.to_string())
    }

    /// The notice with `action` offered under it.
    #[must_use]
    pub fn offering(mut self, action: NoticeAction) -> Self {
        self.actions.push(action);
        self
    }

    /// The backup the notice offers to restore, if any.
    pub fn offered_backup(&self) -> Option<&PathBuf> {
        self.actions.iter().find_map(|a| match a {
            NoticeAction::RestoreBackup(path) => Some(path),
            _ => None,
        })
    }
}
