//! The window: app state, the commands views send back, and background jobs.

use std::path::PathBuf;
use std::process::ExitCode;

/// Opens the window on the workspace at `db`.
pub fn run_window(_db: PathBuf, _explicit: bool) -> Result<ExitCode, String> {
    Ok(ExitCode::SUCCESS)
}
