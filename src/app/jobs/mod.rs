//! Heavy work off the UI thread: each [`Job`] runs on a named thread of its own with its
//! own workspace connection and sends back its outcome; the app polls for it every frame.

mod error;
mod numbers;
mod outcome;
mod pick;
pub(crate) mod priority;
mod reads;
mod run;
mod running;
mod scorecard;

use std::path::PathBuf;

use chrono::NaiveDate;

pub use error::JobError;
pub use outcome::{FileResult, JobOutcome, LeakLists, Message, Saved};
pub use pick::{Answer, Pick};
pub use running::RunningJob;
pub use scorecard::ScorecardExport;

use super::exports::RecordsExport;
use crate::definitions::Definitions;
use crate::definitions::fiscal::Quarter;
use crate::import::values::DateOrder;
use crate::leaks::Leads;
use crate::metrics::from_store::FunnelTables;
use crate::view_model::funnel::FunnelQuery;
use crate::view_model::leaks::LeaksQuery;
use crate::view_model::mapping::MappingDraft;
use crate::view_model::maturity::MaturityQuery;

/// Work the app hands to a background thread.
#[derive(Debug, Clone)]
pub enum Job {
    /// Read the batch list and record counts.
    Refresh,
    /// SQLite's consistency check of the whole file, beside the first reads of a session.
    Check,
    Import {
        files: Vec<PathBuf>,
        date_order: Option<DateOrder>,
        as_of: Option<NaiveDate>,
    },
    /// Undo a batch and import its file again as of another day.
    ReimportAsOf {
        batch: i64,
        file: PathBuf,
        as_of: NaiveDate,
    },
    LoadSample,
    RemoveSample,
    Undo(i64),
    LoadIssues(i64),
    ExportIssues {
        batch_id: i64,
        to: PathBuf,
    },
    /// Read the first rows of a file for the mapping screen.
    Preview(PathBuf),
    /// Save a column mapping, then import its file with it when it has one.
    SavePreset {
        draft: Box<MappingDraft>,
        as_of: Option<NaiveDate>,
    },
    DeletePreset(String),
    /// Save edited definitions as a new version.
    SaveDefinitions {
        definitions: Box<Definitions>,
        author: String,
        reason: String,
    },
    /// Make an older definitions version current again, as a new version.
    RestoreDefinitions {
        id: i64,
        author: String,
    },
    /// The Funnel view's numbers, over the tables last read when they still serve the
    /// query.
    ComputeFunnel {
        query: Box<FunnelQuery>,
        tables: Option<std::sync::Arc<FunnelTables>>,
    },
    /// Keep the Funnel's tables in the workspace for the next open.
    KeepTables(std::sync::Arc<FunnelTables>),
    /// The Leaks view's numbers, over the contacts last read when they still serve the
    /// query.
    ComputeLeaks {
        query: Box<LeaksQuery>,
        leads: Option<std::sync::Arc<Leads>>,
    },
    /// The Pillar maturity view's numbers, over the funnel's tables and the leaks'
    /// contacts last read when they still serve the query.
    ComputeMaturity {
        query: Box<MaturityQuery>,
        tables: Option<std::sync::Arc<FunnelTables>>,
        leads: Option<std::sync::Arc<Leads>>,
        /// A quarter's leak report the Handoff leaks view has worked out.
        known: Option<(Quarter, std::sync::Arc<crate::leaks::LeakReport>)>,
    },
    /// Keep answers to the maturity questions (an empty answer removes one).
    SaveMaturityAnswers {
        period: Quarter,
        answers: Vec<(String, String)>,
        by: String,
    },
    /// Read the records behind a maturity signal.
    ReadSignalRecords {
        signal: String,
        tables: std::sync::Arc<FunnelTables>,
        positions: crate::metrics::details::DetailPositions,
    },
    /// Keep the maturity framework chosen.
    SaveMaturityFramework(String),
    /// The Scorecard view's numbers, over the funnel's tables when they serve the query.
    ComputeScorecard {
        query: Box<crate::view_model::scorecard::ScorecardQuery>,
        tables: Option<std::sync::Arc<FunnelTables>>,
    },
    /// Draw a scorecard page as it prints, to show it.
    RenderScorecard {
        page: std::sync::Arc<crate::scorecard::Scorecard>,
        paper: crate::scorecard::draw::Paper,
    },
    /// Keep the scorecard template as edited.
    SaveScorecardTemplate(Box<crate::scorecard::Template>),
    /// Keep a scorecard page as published.
    PublishScorecard {
        page: std::sync::Arc<crate::scorecard::Scorecard>,
        name: String,
        by: String,
    },
    /// Write a scorecard page to a file.
    ExportScorecard {
        to: PathBuf,
        export: Box<ScorecardExport>,
    },
    /// What saving `definitions` would do to the records.
    PreviewImpact {
        definitions: Box<Definitions>,
        period: Option<Quarter>,
    },
    /// What changed from version `a` to `b`.
    CompareDefinitions {
        a: i64,
        b: i64,
    },
    /// A file dialog; what follows depends on what it was for.
    Pick(Pick),
    /// Replace the workspace with a backup.
    RestoreBackup(PathBuf),
    /// Put a backup in place of a workspace too damaged to open.
    ReplaceWithBackup(PathBuf),
    /// Save a list of records as CSV.
    ExportRecords {
        to: PathBuf,
        records: Box<RecordsExport>,
    },
    /// Read and check a definitions file, for review before saving.
    ReadDefinitionsFile(PathBuf),
    /// Write the definitions in force to a file.
    ExportDefinitions(PathBuf),
    /// Show a folder in the system's file manager.
    ShowFolder(PathBuf),
}

impl Job {
    /// What the progress line says while the job runs.
    pub fn label(&self) -> String {
        match self {
            Self::Refresh => "Reading the workspace".to_owned(),
            Self::Check => "Checking the workspace file for damage".to_owned(),
            // The as-of each file will be saved with, said while it is read.
            Self::Import { files, as_of, .. } => {
                let names: Vec<String> = files
                    .iter()
                    .map(|f| {
                        let name = crate::text::file_name(f);
                        match as_of {
                            Some(d) => format!("{name} as of {d}"),
                            None => format!(
                                "{name} as of {} (the file's date)",
                                crate::import::default_as_of(f)
                            ),
                        }
                    })
                    .collect();
                match names.as_slice() {
                    [one] => format!("Importing {one}"),
                    _ => format!("Importing {} files: {}", names.len(), names.join(", ")),
                }
            }
            Self::ReimportAsOf { file, as_of, .. } => format!(
                "Importing {} again as of {as_of}",
                crate::text::file_name(file)
            ),
            Self::LoadSample => "Loading the sample data".to_owned(),
            Self::RemoveSample => "Removing the sample data".to_owned(),
            Self::Undo(id) => format!("Undoing batch {id}"),
            Self::LoadIssues(_) => "Reading rejected rows".to_owned(),
            Self::ExportIssues { .. } => "Saving rejected rows".to_owned(),
            Self::Preview(_) => "Reading the file".to_owned(),
            Self::SavePreset { .. } => "Saving the column mapping and importing".to_owned(),
            Self::DeletePreset(_) => "Deleting the column mapping".to_owned(),
            Self::SaveDefinitions { .. } => "Saving the definitions".to_owned(),
            Self::RestoreDefinitions { id, .. } => format!("Restoring definitions version {id}"),
            Self::CompareDefinitions { .. } => "Comparing definitions versions".to_owned(),
            Self::ComputeFunnel { .. } => "Computing the funnel".to_owned(),
            Self::KeepTables(_) => {
                "Saving the funnel's working copy so the next open is faster".to_owned()
            }
            Self::ComputeLeaks { .. } => "Finding the handoff leaks".to_owned(),
            Self::ComputeMaturity { .. } => "Measuring the pillars' evidence".to_owned(),
            Self::SaveMaturityAnswers { .. } => "Saving the answers".to_owned(),
            Self::SaveMaturityFramework(_) => "Saving the framework".to_owned(),
            Self::ComputeScorecard { .. } => "Working out the scorecard".to_owned(),
            Self::RenderScorecard { .. } => "Drawing the scorecard page".to_owned(),
            Self::SaveScorecardTemplate(_) => "Saving the scorecard template".to_owned(),
            Self::PublishScorecard { .. } => "Publishing the scorecard".to_owned(),
            Self::ExportScorecard { .. } => "Writing the scorecard".to_owned(),
            Self::ReadSignalRecords { .. } => "Reading the records behind the signal".to_owned(),
            Self::PreviewImpact { .. } => "Working out what the change would move".to_owned(),
            Self::ReadDefinitionsFile(_) => "Reading the definitions file".to_owned(),
            Self::ExportRecords { .. } => "Saving the records".to_owned(),
            Self::RestoreBackup(_) | Self::ReplaceWithBackup(_) => "Restoring a backup".to_owned(),
            Self::ExportDefinitions(_) => "Writing the definitions file".to_owned(),
            Self::Pick(_) => "Waiting for the file dialog".to_owned(),
            Self::ShowFolder(_) => "Opening the folder".to_owned(),
        }
    }

    /// Whether the job only reads the workspace, and so may run beside its consistency
    /// check.
    pub fn only_reads(&self) -> bool {
        matches!(
            self,
            Self::Refresh
                | Self::ComputeFunnel { .. }
                | Self::ComputeLeaks { .. }
                | Self::ComputeMaturity { .. }
                | Self::ReadSignalRecords { .. }
                | Self::ComputeScorecard { .. }
                | Self::RenderScorecard { .. }
                | Self::LoadIssues(_)
                | Self::CompareDefinitions { .. }
        )
    }

    /// Whether the job replaces the workspace file with a backup.
    pub fn replaces_the_file(&self) -> bool {
        matches!(self, Self::ReplaceWithBackup(_) | Self::RestoreBackup(_))
    }

    /// Whether the job may run on a file found damaged: replacing it, or choosing
    /// another workspace.
    pub fn allowed_on_damaged_file(&self) -> bool {
        self.replaces_the_file() || matches!(self, Self::Pick(Pick::Workspace))
    }

    /// Whether the job shows a progress bar with Cancel.
    pub fn shows_progress(&self) -> bool {
        matches!(
            self,
            Self::Import { .. }
                | Self::ReimportAsOf { .. }
                | Self::LoadSample
                | Self::SavePreset { .. }
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_import_says_the_as_of_it_will_save_each_file_with() {
        let file = std::env::temp_dir().join("revops-cockpit-label-test.csv");
        std::fs::write(&file, "a\n").ok();
        let job = |as_of| Job::Import {
            files: vec![file.clone()],
            date_order: None,
            as_of,
        };
        let today = chrono::Local::now().date_naive();
        assert_eq!(
            job(None).label(),
            format!("Importing revops-cockpit-label-test.csv as of {today} (the file's date)")
        );
        assert_eq!(
            job(NaiveDate::from_ymd_opt(2025, 9, 30)).label(),
            "Importing revops-cockpit-label-test.csv as of 2025-09-30"
        );
        std::fs::remove_file(&file).ok();
    }
}
