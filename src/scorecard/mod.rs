//! Scorecards: a quarter's revenue engine on one traceable page. `from_store::build`
//! works the page out from a workspace and a template (every number through the same
//! library functions as the views); `draw` lays it out once as an SVG document, which
//! `render` turns into a PDF and a PNG, and `csv_out` lists every number on it.

pub mod catalogue;
pub mod csv_out;
pub mod draw;
mod draw_sections;
pub mod figures;
pub mod fonts;
pub mod from_store;
pub mod output;
pub mod page;
pub mod publish;
pub mod render;
pub mod retention;
pub mod status;
pub mod svg;
pub mod template;

pub use page::Scorecard;
pub use status::Status;
pub use template::Template;

use crate::definitions::versions::VersionError;
use crate::maturity::MaturityError;
use crate::workspace::WorkspaceError;

/// Why a scorecard could not be worked out.
#[derive(Debug, thiserror::Error)]
pub enum ScorecardError {
    #[error(transparent)]
    Workspace(#[from] WorkspaceError),
    #[error(transparent)]
    Definitions(#[from] VersionError),
    #[error(transparent)]
    Maturity(#[from] MaturityError),
    #[error(transparent)]
    Template(#[from] template::TemplateError),
    #[error("the published scorecard \"{name}\" could not be read back ({reason})")]
    DamagedPublished { name: String, reason: String },
}
