//! What a job sends back: its outcome, typed, for the app to take in.

use crate::view_model::maturity::MaturityResult;
use std::path::PathBuf;

use super::error::JobError;
use super::pick::{Answer, Pick};
use crate::definitions::Definitions;
use crate::definitions::impact::ImpactPreview;
use crate::import::ImportError;
use crate::import::preview::FilePreview;
use crate::leaks::LeakList;
use crate::metrics::details::FunnelDetails;
use crate::view_model::funnel::{FunnelQuery, FunnelResult};
use crate::view_model::import::BatchDetail;
use crate::view_model::leaks::{LeaksQuery, LeaksResult};
use crate::view_model::workspace::WorkspaceSnapshot;
use crate::workspace::BatchSummary;

/// What a file's import came to, for the notice the user sees.
#[derive(Debug)]
pub enum FileResult {
    Imported(BatchSummary),
    AlreadyImported { file: PathBuf, batch: BatchSummary },
    Failed { file: PathBuf, error: ImportError },
}

/// Every leak's records and breakdowns, for the Leaks result of `query`.
#[derive(Debug)]
pub struct LeakLists {
    pub query: LeaksQuery,
    pub lists: Vec<LeakList>,
}

/// What a job sends back.
#[derive(Debug)]
pub enum JobOutcome {
    Refreshed(Result<WorkspaceSnapshot, JobError>),
    /// The consistency check found the file sound, or could not run.
    Checked(Result<(), JobError>),
    Imported {
        results: Vec<FileResult>,
        snapshot: Result<WorkspaceSnapshot, JobError>,
        /// The user gave the as-of date (else each file's modified date was taken).
        as_of_given: bool,
    },
    /// The workspace changed (or did not, when `message` is an error).
    Changed {
        message: Result<String, JobError>,
        snapshot: Result<WorkspaceSnapshot, JobError>,
    },
    Detail {
        batch_id: i64,
        detail: Result<BatchDetail, JobError>,
    },
    Exported(Result<Saved, JobError>),
    /// The system was asked to show a folder.
    FolderShown(Result<(), JobError>),
    Previewed(Result<FilePreview, JobError>),
    Impact {
        definitions: Box<Definitions>,
        preview: Result<ImpactPreview, JobError>,
    },
    Funnel(Result<Box<FunnelResult>, JobError>),
    /// Whether the Funnel's tables were kept in the workspace (`false` when the records
    /// had changed since they were read).
    TablesKept(Result<bool, JobError>),
    /// The full records behind the numbers of the Funnel result for `query`.
    FunnelDetails {
        query: Box<FunnelQuery>,
        details: Result<FunnelDetails, JobError>,
    },
    Leaks(Result<Box<LeaksResult>, JobError>),
    Maturity(Result<Box<MaturityResult>, JobError>),
    /// The records behind a maturity signal.
    SignalRecords {
        signal: String,
        details: Result<FunnelDetails, JobError>,
    },
    /// Maturity answers kept (or not).
    AnswersSaved(Result<(), JobError>),
    Scorecard(Result<Box<crate::view_model::scorecard::ScorecardResult>, JobError>),
    ScorecardPicture(
        Result<
            Box<(
                crate::view_model::scorecard::PagePicture,
                eframe::egui::ColorImage,
            )>,
            JobError,
        >,
    ),
    ScorecardTemplateSaved(Result<(), JobError>),
    /// A page published under a name, and every published page since.
    ScorecardPublished(
        Result<(String, Vec<crate::view_model::scorecard::PublishedPage>), JobError>,
    ),
    /// Every leak's records and breakdowns, for the Leaks result of their query.
    LeakLists(Result<Box<LeakLists>, JobError>),
    DefinitionsFile(Result<(PathBuf, Definitions), JobError>),
    Compared {
        a: i64,
        b: i64,
        /// What changed, in plain words.
        changes: Result<Vec<String>, JobError>,
    },
    /// A file dialog closed: what for, and its answer.
    Picked {
        pick: Pick,
        answer: Answer,
    },
}

/// A file the app wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Saved {
    pub path: PathBuf,
    /// What it holds, in words: "1,204 rows", "definitions version 3".
    pub holds: String,
}

impl Saved {
    /// A CSV file of `rows` rows.
    pub fn rows(path: PathBuf, rows: usize) -> Self {
        let noun = if rows == 1 { "row" } else { "rows" };
        Self {
            path,
            holds: format!("{} {noun}", crate::text::count(rows)),
        }
    }
}

/// What a job's thread sends back: outcomes shown while it goes on, then its last.
#[derive(Debug)]
pub enum Message {
    /// A first part of the result, shown while the job goes on: the Funnel's numbers or
    /// the leak counts, before the records behind them.
    Early(JobOutcome),
    /// The job's last outcome: it has finished.
    Last(JobOutcome),
}

impl Message {
    /// What the message carries.
    pub fn into_outcome(self) -> JobOutcome {
        match self {
            Self::Early(outcome) | Self::Last(outcome) => outcome,
        }
    }
}
