//! `revops-cockpit undo [--batch ID]`

use super::CliError;
use std::path::Path;
use std::process::ExitCode;

/// Arguments of `undo`.
#[derive(Debug, clap::Args)]
pub struct UndoArgs {
    /// The batch to undo (default: the last one).
    #[arg(long, value_name = "ID")]
    pub batch: Option<i64>,
}

pub(super) fn run(db: &Path, args: &UndoArgs) -> Result<ExitCode, CliError> {
    let mut ws = super::open(db)?;
    let id = match args.batch {
        Some(id) => id,
        None => ws
            .batches()?
            .last()
            .map(|b| b.id)
            .ok_or("there is no import to undo")?,
    };
    let undone = ws.undo_batch(id)?;
    println!(
        "Undid batch {} ({}): its records are removed and the records it updated are back as they were.",
        undone.id, undone.file
    );
    Ok(ExitCode::SUCCESS)
}
