//! `revops-cockpit undo [--batch ID]`

use std::path::Path;
use std::process::ExitCode;

/// Arguments of `undo`.
#[derive(Debug, clap::Args)]
pub struct UndoArgs {
    /// The batch to undo (default: the last one).
    #[arg(long, value_name = "ID")]
    pub batch: Option<i64>,
}

pub(super) fn run(db: &Path, args: &UndoArgs) -> Result<ExitCode, String> {
    let mut ws = super::open(db)?;
    let id = match args.batch {
        Some(id) => id,
        None => ws
            .batches()
            .map_err(|e| e.to_string())?
            .last()
            .map(|b| b.id)
            .ok_or("there is no import to undo")?,
    };
    let undone = ws.undo_batch(id).map_err(|e| e.to_string())?;
    println!(
        "Undid batch {} ({}): its records are removed and the records it updated are back as they were.",
        undone.id, undone.file
    );
    Ok(ExitCode::SUCCESS)
}
