//! `revops-cockpit presets [--json] [--delete NAME]`: the saved column mappings.

use super::CliError;
use std::path::Path;
use std::process::ExitCode;

/// Arguments of `presets`.
#[derive(Debug, clap::Args)]
pub struct PresetsArgs {
    /// Print the mappings as a JSON list.
    #[arg(long)]
    pub json: bool,
    /// Delete the mapping with this name.
    #[arg(long, value_name = "NAME")]
    pub delete: Option<String>,
}

pub(super) fn run(db: &Path, args: &PresetsArgs) -> Result<ExitCode, CliError> {
    let ws = super::open(db)?;
    if let Some(name) = &args.delete {
        return if ws.delete_preset(name)? {
            println!("Deleted the column mapping \"{name}\".");
            Ok(ExitCode::SUCCESS)
        } else {
            Err(format!(
                "there is no column mapping called \"{name}\" in {}",
                db.display()
            )
            .into())
        };
    }
    let presets = ws.presets()?;
    if args.json {
        println!("{}", serde_json::to_string_pretty(&presets)?);
    } else if presets.is_empty() {
        println!("No saved column mappings in {}.", db.display());
    } else {
        for p in &presets {
            println!("{}  ({}, saved {})", p.name, p.object, p.updated_at);
        }
    }
    Ok(ExitCode::SUCCESS)
}
