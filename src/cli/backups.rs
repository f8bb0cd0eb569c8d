//! `revops-cockpit backups [--json]` and `revops-cockpit backups restore NAME`.

use super::CliError;
use std::path::Path;
use std::process::ExitCode;

use crate::workspace::list_backups;

/// Arguments of `backups`.
#[derive(Debug, clap::Args)]
pub struct BackupsArgs {
    #[command(subcommand)]
    pub action: Option<BackupsAction>,
    /// Print the list as JSON.
    #[arg(long)]
    pub json: bool,
}

/// What to do with the backups.
#[derive(Debug, clap::Subcommand)]
pub enum BackupsAction {
    /// Replace the workspace with the backup NAME (the current state is backed up first).
    Restore { name: String },
}

pub(super) fn run(db: &Path, args: &BackupsArgs) -> Result<ExitCode, CliError> {
    let backups = list_backups(db);
    match &args.action {
        None if args.json => println!("{}", serde_json::to_string_pretty(&backups)?),
        None if backups.is_empty() => println!(
            "No backups of {} yet: one is taken before each import and definitions save.",
            db.display()
        ),
        None => {
            for b in &backups {
                println!("{}  ({})", b.name, crate::text::bytes(b.size_bytes));
            }
        }
        Some(BackupsAction::Restore { name }) => {
            let backup = backups.iter().find(|b| b.name == *name).ok_or_else(|| {
                format!("there is no backup called \"{name}\"; `revops-cockpit backups` lists them")
            })?;
            match crate::workspace::Workspace::open(db) {
                Ok(mut ws) => ws.restore_backup(&backup.path)?,
                Err(crate::workspace::WorkspaceError::Damaged { .. }) => {
                    let aside = crate::workspace::replace_with_backup(db, &backup.path)?;
                    println!(
                        "The workspace was damaged; it is kept as {}.",
                        aside.display()
                    );
                }
                Err(e) => return Err(e.into()),
            }
            println!(
                "Restored {} from the backup {}. The state before the restore was backed up too.",
                db.display(),
                backup.name
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}
