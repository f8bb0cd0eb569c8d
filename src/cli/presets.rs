//! `revops-cockpit presets [--json] [--delete NAME]`: the saved column mappings.

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

pub(super) fn run(db: &Path, args: &PresetsArgs) -> Result<ExitCode, String> {
    let ws = super::open(db)?;
    if let Some(name) = &args.delete {
        return if ws.delete_preset(name).map_err(|e| e.to_string())? {
            println!("Deleted the column mapping \"{name}\".");
            Ok(ExitCode::SUCCESS)
        } else {
            Err(format!(
                "there is no column mapping called \"{name}\" in {}",
                db.display()
            ))
        };
    }
    let presets = ws.presets().map_err(|e| e.to_string())?;
    if args.json {
        println!(
            "{}",
            serde_json::to_string_pretty(&presets).map_err(|e| e.to_string())?
        );
    } else if presets.is_empty() {
        println!("No saved column mappings in {}.", db.display());
    } else {
        for p in &presets {
            println!("{}  ({}, saved {})", p.name, p.object, p.updated_at);
        }
    }
    Ok(ExitCode::SUCCESS)
}
