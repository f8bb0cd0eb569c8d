//! What the Import view shows: the batches, the selected one's rejected rows and columns,
//! the saved column mappings and the work under way.

use std::time::Duration;

use crate::progress::Progress;
use crate::workspace::{BatchSummary, MappingPreset, RowIssueRecord};

/// A job under way, as the view shows it.
#[derive(Debug, Clone)]
pub struct ProgressView {
    pub label: String,
    pub progress: Progress,
    pub elapsed: Duration,
    pub cancellable: bool,
    pub cancelling: bool,
}

/// What the Import view shows of one batch beyond its summary.
#[derive(Debug, Clone, Default)]
pub struct BatchDetail {
    /// Rejected rows and warnings, rejected first (at most 5,000 are shown).
    pub issues: Vec<RowIssueRecord>,
    /// Each column of the file and the field it fed, or `None` when it was not used.
    pub columns: Vec<(String, Option<String>)>,
}

/// What the Import view shows.
pub struct ImportViewModel<'a> {
    pub batches: &'a [BatchSummary],
    pub presets: &'a [MappingPreset],
    /// The as-of date typed for the next imports.
    pub as_of_text: &'a str,
    pub loaded: bool,
    pub selected: Option<i64>,
    /// The rejected rows, warnings and column use of the selected batch, once read.
    pub detail: Option<&'a BatchDetail>,
    pub progress: Option<ProgressView>,
    pub busy: bool,
    /// Files are being dragged over the window.
    pub hovering_files: bool,
}
