//! What views ask the app to do. Views return these; the app applies them once per frame.

use std::path::PathBuf;

use super::state::{Quarter, View};
use crate::import::values::DateOrder;

/// One thing the user asked for.
#[derive(Debug, Clone, PartialEq)]
pub enum Command {
    ShowView(View),
    SetPeriod(Quarter),
    /// Open the native file picker to choose files to import.
    PickFilesToImport,
    ImportFiles(Vec<PathBuf>),
    /// Import again with the day/month order the user chose.
    RetryWithDateOrder {
        file: PathBuf,
        order: DateOrder,
    },
    CancelJob,
    SelectBatch(i64),
    UndoBatch(i64),
    /// Save the selected batch's rejected rows and warnings as CSV.
    ExportIssues(i64),
    /// Remove the bundled sample batches, leaving an empty workspace.
    StartEmptyWorkspace,
    LoadSampleData,
    OpenWorkspace(PathBuf),
    PickWorkspaceToOpen,
    DismissNotice,
}
