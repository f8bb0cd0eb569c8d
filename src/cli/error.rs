//! Why a command failed, typed: the library's errors as they are, and the command line's
//! own (an argument that cannot be read, nothing to act on), printed once in `main`.

use crate::definitions::DefinitionsError;
use crate::definitions::versions::VersionError;
use crate::workspace::WorkspaceError;

/// A command's failure; its words are the one line printed on stderr.
#[derive(Debug, thiserror::Error)]
pub enum CliError {
    #[error(transparent)]
    Workspace(#[from] WorkspaceError),
    #[error(transparent)]
    Definitions(#[from] VersionError),
    #[error(transparent)]
    DefinitionsFile(#[from] DefinitionsError),
    #[error(transparent)]
    Json(#[from] serde_json::Error),
    #[error(transparent)]
    Maturity(#[from] crate::maturity::MaturityError),
    #[error(transparent)]
    Answers(#[from] crate::maturity::answers::AnswersError),
    #[error(transparent)]
    MaturityModel(#[from] crate::maturity::model::ModelError),
    #[error(transparent)]
    Scorecard(#[from] crate::scorecard::ScorecardError),
    #[error(transparent)]
    ScorecardFile(#[from] crate::scorecard::output::OutputError),
    #[error("the window could not open: {}. Is a display available (DISPLAY or WAYLAND_DISPLAY)?", window_words(.0))]
    Window(#[from] eframe::Error),
    #[error("could not write the output: {0}")]
    Output(std::io::Error),
    /// What the user asked cannot be done as asked, in words that say why.
    #[error("{0}")]
    Refused(String),
}

impl From<&str> for CliError {
    fn from(message: &str) -> Self {
        Self::Refused(message.to_owned())
    }
}

impl From<String> for CliError {
    fn from(message: String) -> Self {
        Self::Refused(message)
    }
}

/// Why the window could not open, without the source file and line winit's system
/// errors begin with: the user's concern is the reason.
fn window_words(e: &eframe::Error) -> String {
    let said = e.to_string();
    let why = said
        .split_once("os error at ")
        .and_then(|(_, rest)| rest.split_once(": "))
        .map_or(said.as_str(), |(_, why)| why);
    why.trim_end_matches('.').to_owned()
}
