//! The command line: `import`, `batches`, `presets`, `undo`, `definitions`, `funnel` and `backups` over the same library as the
//! window; with no subcommand (or `open FILE...`), the window opens.

mod backups;
mod batches;
mod definitions;
mod funnel;
mod import;
mod presets;
mod undo;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::workspace::{Workspace, WorkspaceError, default_path};

/// RevOps Cockpit: find where revenue leaks between marketing, sales and customer success.
#[derive(Debug, Parser)]
#[command(name = "revops-cockpit", version, about)]
pub struct Cli {
    /// The workspace file (default: the platform data folder's workspace.sqlite).
    #[arg(long, global = true, value_name = "PATH")]
    pub db: Option<PathBuf>,
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Open the window (the default) and import FILEs once it is open, as "Open with" does.
    Open {
        #[arg(value_name = "FILE")]
        files: Vec<PathBuf>,
    },
    /// Import CRM export files (CSV) into the workspace.
    Import(import::ImportArgs),
    /// List the import batches in the workspace.
    Batches(batches::BatchesArgs),
    /// List the workspace's rolling backups, or restore one.
    Backups(backups::BackupsArgs),
    /// The lifecycle funnel and deal metrics for a quarter.
    Funnel(funnel::FunnelArgs),
    /// The data dictionary: export, import, history, diff, restore.
    #[command(subcommand)]
    Definitions(definitions::DefinitionsCommand),
    /// List or delete the saved column mappings for CSVs no built-in format recognises.
    Presets(presets::PresetsArgs),
    /// Undo the last import (or the batch given), restoring the records it updated.
    Undo(undo::UndoArgs),
}

/// Parses the arguments and runs the command or the window.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    let db = cli.db.clone().unwrap_or_else(default_path);
    let result = match cli.command {
        None => crate::app::run_window(db, Vec::new()),
        Some(Command::Open { files }) => crate::app::run_window(db, files),
        Some(Command::Import(args)) => import::run(&db, &args),
        Some(Command::Batches(args)) => batches::run(&db, &args),
        Some(Command::Undo(args)) => undo::run(&db, &args),
        Some(Command::Presets(args)) => presets::run(&db, &args),
        Some(Command::Definitions(command)) => definitions::run(&db, &command),
        Some(Command::Funnel(args)) => funnel::run(&db, &args),
        Some(Command::Backups(args)) => backups::run(&db, &args),
    };
    match result {
        Ok(code) => code,
        Err(message) => {
            eprintln!("revops-cockpit: {message}");
            ExitCode::FAILURE
        }
    }
}

/// Opens the workspace for a subcommand, as a one-line message on failure.
fn open(db: &std::path::Path) -> Result<Workspace, String> {
    Workspace::open(db).map_err(|e: WorkspaceError| e.to_string())
}

pub use crate::text::thousands;
