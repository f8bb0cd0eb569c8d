//! Messages to the user after an action: what happened, or what went wrong and what to do.

use std::path::PathBuf;

/// How a notice is coloured.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoticeKind {
    Success,
    Info,
    Error,
}

/// A message shown above the current view until dismissed.
#[derive(Debug, Clone, PartialEq)]
pub struct Notice {
    pub kind: NoticeKind,
    pub lines: Vec<String>,
    /// A file whose dates need the user to say day-first or month-first.
    pub ask_date_order_for: Option<PathBuf>,
    /// A file no format recognised, whose columns the user can map.
    pub map_columns_for: Option<PathBuf>,
    /// The backup to put in place of a damaged workspace.
    pub restore_backup: Option<PathBuf>,
}

impl Notice {
    /// A one-line notice, as a sentence (see [`crate::text::as_sentence`]).
    pub fn new(kind: NoticeKind, line: impl Into<String>) -> Self {
        Self {
            kind,
            lines: vec![crate::text::as_sentence(&line.into())],
            ask_date_order_for: None,
            map_columns_for: None,
            restore_backup: None,
        }
    }
}
