//! Why a job failed, typed: the library's own errors, carried as they are until a notice
//! puts them in words.

use crate::definitions::file::DefinitionsError;
use crate::definitions::versions::VersionError;
use crate::import::ImportError;
use crate::metrics::from_store::KeepError;
use crate::workspace::WorkspaceError;

/// A job's failure.
#[derive(Debug, thiserror::Error)]
pub enum JobError {
    #[error(transparent)]
    Workspace(#[from] WorkspaceError),
    #[error(transparent)]
    Import(#[from] ImportError),
    #[error(transparent)]
    Definitions(#[from] VersionError),
    #[error(transparent)]
    DefinitionsFile(#[from] DefinitionsError),
    #[error(transparent)]
    KeepTables(#[from] KeepError),
    #[error(transparent)]
    Maturity(#[from] crate::maturity::MaturityError),
    #[error(transparent)]
    Scorecard(#[from] crate::scorecard::ScorecardError),
    #[error(transparent)]
    ScorecardFile(#[from] crate::scorecard::output::OutputError),
    #[error(transparent)]
    ScorecardPicture(#[from] crate::scorecard::render::RenderError),
    #[error(transparent)]
    ScorecardTemplate(#[from] crate::scorecard::template::TemplateError),
    /// A file could not be written.
    #[error(transparent)]
    Write(#[from] std::io::Error),
    #[error(transparent)]
    Json(#[from] serde_json::Error),
    #[error("the folder could not be shown: {0}")]
    ShowFolder(#[from] opener::OpenError),
    #[error("the column mapping could not be saved: {0}")]
    MappingNotSaved(Box<JobError>),
    #[error("No data yet: import a quarter's CRM exports.")]
    NoData,
    #[error("could not start background work: {0}")]
    Spawn(std::io::Error),
    #[error("the background work stopped unexpectedly")]
    Stopped,
}

impl JobError {
    /// The damaged workspace this error reports, if that is what it is.
    pub fn damaged(&self) -> Option<&WorkspaceError> {
        match self {
            Self::Workspace(e @ WorkspaceError::Damaged { .. })
            | Self::Definitions(VersionError::Workspace(e @ WorkspaceError::Damaged { .. })) => {
                Some(e)
            }
            _ => None,
        }
    }
}
