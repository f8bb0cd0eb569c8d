//! What views ask the app to do. Views return these; the app applies them once per frame.

use std::path::PathBuf;

use super::funnel::{BreakdownColumn, DealList};
use super::navigation::View;
use crate::definitions::fiscal::Quarter;
use crate::import::values::DateOrder;
use crate::leaks::{LeakDimension, LeakKind, WorkListColumn};
use crate::metrics::{Dimension, FunnelMode};

/// One thing the user asked for.
#[derive(Debug, Clone, PartialEq)]
pub enum Command {
    ShowView(View),
    SetPeriod(Quarter),
    /// Open the native file picker to choose files to import.
    PickFilesToImport,
    ImportFiles(Vec<PathBuf>),
    /// Edit a saved column mapping.
    EditPreset(String),
    DeletePreset(String),
    /// Save the mapping being edited (and import its file, if it has one).
    SaveMapping,
    CancelMapping,
    /// The as-of date typed for the next imports (`YYYY-MM-DD`, blank for each file's date).
    SetAsOfText(String),
    /// Import again with the day/month order the user chose.
    RetryWithDateOrder {
        file: PathBuf,
        order: DateOrder,
    },
    /// Undo a batch and import its file again as of another day.
    ReimportAsOf {
        batch: i64,
        file: PathBuf,
        as_of: chrono::NaiveDate,
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
    /// Replace the workspace with one of its backups.
    RestoreBackup(PathBuf),
    /// Put a backup in place of a workspace too damaged to open.
    ReplaceWithBackup(PathBuf),
    DismissNotice,
    SetFunnelMode(FunnelMode),
    /// Require a value of a dimension (segment, region, owner, source), or none.
    SetFunnelFilter(Dimension, Option<String>),
    SetFunnelBreakdown(Dimension),
    /// Sort the breakdown by a column; the same column again reverses the order.
    SetFunnelSort(BreakdownColumn),
    /// List the records behind a stage's count (or close the list).
    SelectFunnelStage(Option<usize>),
    /// List the deals behind a deal number, or close the list.
    SelectFunnelDeals(Option<DealList>),
    /// Open a leak's breakdown and records (or close them).
    SelectLeak(Option<LeakKind>),
    SetLeakDimension(LeakDimension),
    /// Sort the leak's records by a column; the same column again reverses the order.
    SetLeakSort(WorkListColumn),
    /// Sort the table of leaks by a column; the same column again reverses the order.
    SetLeaksTableSort(super::leaks::LeakColumn),
    /// Ask where to save a list of records as CSV, then save it as it is on screen now.
    Export(ExportList),
    /// Save a list of records as CSV to a path already chosen.
    ExportTo(ExportList, PathBuf),
    /// Save the edited definitions (the view's draft) as a new version.
    SaveDefinitions,
    DiscardDefinitionChanges,
    /// Choose a definitions file to check and save as a new version.
    PickDefinitionsToImport,
    /// Choose where to write the definitions in force.
    PickDefinitionsExportPath,
    /// Work out which records the unsaved definitions would move.
    PreviewImpact,
    RestoreDefinitions(i64),
    CompareDefinitions {
        a: i64,
        b: i64,
    },
    /// Answer a maturity question for the quarter shown (`None` clears the answer).
    SetMaturityAnswer {
        question: String,
        answer: Option<crate::maturity::Answer>,
    },
    /// Open the questionnaire at a pillar's page, or close it.
    OpenQuestionnaire(Option<usize>),
    /// Read the maturity in another framework of pillars, by key.
    SetMaturityFramework(String),
    /// Start this quarter's answers from the latest earlier quarter's.
    StartFromEarlierAnswers,
    /// List the deals or contacts behind a maturity signal, by key (or close the list).
    OpenSignalRecords(Option<String>),
    /// Show a leak's records in the Handoff leaks view.
    OpenLeak(LeakKind),
    /// Use the path typed in the app's own file box.
    ConfirmFileBox,
    CancelFileBox,
    /// Show a folder in the system's file manager.
    ShowFolder(PathBuf),
    /// The view changed the scorecard's template (metrics, targets as typed, comments):
    /// read it, show the page again, keep it.
    ScorecardEdited,
    SetScorecardPaper(crate::scorecard::draw::Paper),
    /// Keep the page on screen as published, under the name typed.
    PublishScorecard,
    /// Ask where to write the page on screen, then write it.
    ExportScorecard(crate::scorecard::output::Format),
    /// Write the page on screen to a path already chosen.
    ExportScorecardTo(crate::scorecard::output::Format, PathBuf),
    /// Show a published scorecard as it was presented, or (`None`) this quarter's draft.
    ShowPublishedScorecard(Option<i64>),
    /// Present the quarter's scorecard, full screen, one section a slide.
    Present,
    /// A key pressed on a slide.
    PresentKey(super::presentation::PresentKey),
    /// Open the records behind a number on a slide, over it.
    PresentOpen(crate::scorecard::draw::Spot),
}

/// A list on screen that can be saved as CSV.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportList {
    /// The records counted at the Funnel stage at this index.
    FunnelStage(usize),
    /// The deals behind one of the Funnel's deal numbers.
    FunnelDeals(DealList),
    /// A leak's records, in the order the table shows them.
    Leak(LeakKind),
}
