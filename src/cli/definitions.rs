//! `revops-cockpit definitions export|import|history|diff|restore`: the data dictionary.

use super::CliError;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::definitions::{file, versions};

/// The `definitions` subcommands.
#[derive(Debug, clap::Subcommand)]
pub enum DefinitionsCommand {
    /// Write the definitions in force to FILE (TOML).
    Export { file: PathBuf },
    /// Check FILE and save it as a new version.
    Import {
        file: PathBuf,
        /// Why the definitions change (kept with the version).
        #[arg(long)]
        reason: String,
        /// Who makes the change (default: the login name).
        #[arg(long)]
        author: Option<String>,
    },
    /// List the versions: who saved each, when and why.
    History {
        #[arg(long)]
        json: bool,
    },
    /// Show what changed from version A to version B.
    Diff { a: i64, b: i64 },
    /// Make version ID current again (as a new version).
    Restore {
        id: i64,
        #[arg(long, default_value = "")]
        reason: String,
        #[arg(long)]
        author: Option<String>,
    },
}

fn author(given: Option<&String>) -> String {
    given
        .cloned()
        .or_else(|| std::env::var("USER").ok())
        .unwrap_or_else(|| "unnamed".to_owned())
}

pub(super) fn run(db: &Path, command: &DefinitionsCommand) -> Result<ExitCode, CliError> {
    let ws = super::open(db)?;
    match command {
        DefinitionsCommand::Export { file: path } => {
            let (version, defs) = versions::current(&ws)?;
            file::write_file(path, &defs)?;
            println!(
                "Wrote definitions version {} to {}.",
                version.id,
                path.display()
            );
        }
        DefinitionsCommand::Import {
            file: path,
            reason,
            author: who,
        } => {
            let defs = file::read_file(path)?;
            match versions::save(&ws, &defs, &author(who.as_ref()), reason) {
                Ok(v) => println!(
                    "Saved {} as definitions version {} ({}).",
                    path.display(),
                    v.id,
                    v.reason
                ),
                Err(versions::VersionError::Unchanged(id)) => {
                    println!(
                        "{}: the same as definitions version {id}; nothing changed.",
                        path.display()
                    );
                }
                Err(e) => {
                    return Err(format!("{}: {e}. Nothing was changed.", path.display()).into());
                }
            }
        }
        DefinitionsCommand::History { json } => {
            versions::current(&ws)?;
            let list = ws.definition_versions()?;
            if *json {
                println!("{}", serde_json::to_string_pretty(&list)?);
            } else {
                for v in &list {
                    println!(
                        "{:>4}  {}  {:<16}  {}",
                        v.id, v.created_at, v.author, v.reason
                    );
                }
            }
        }
        DefinitionsCommand::Diff { a, b } => {
            let changes = versions::compare_in_words(&ws, *a, *b)?;
            if changes.is_empty() {
                println!("Versions {a} and {b} are the same.");
            }
            for line in changes {
                println!("{line}");
            }
        }
        DefinitionsCommand::Restore {
            id,
            reason,
            author: who,
        } => {
            let v = versions::restore(&ws, *id, &author(who.as_ref()), reason)?;
            println!("Version {id} is in force again, as version {}.", v.id);
        }
    }
    Ok(ExitCode::SUCCESS)
}
