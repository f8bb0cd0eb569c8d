//! `revops-cockpit batches [--json]`

use super::CliError;
use std::path::Path;
use std::process::ExitCode;

/// Arguments of `batches`.
#[derive(Debug, clap::Args)]
pub struct BatchesArgs {
    /// Print the batches as a JSON list.
    #[arg(long)]
    pub json: bool,
}

pub(super) fn run(db: &Path, args: &BatchesArgs) -> Result<ExitCode, CliError> {
    let ws = super::open(db)?;
    let batches = ws.batches()?;
    if args.json {
        let text = serde_json::to_string_pretty(&batches)?;
        println!("{text}");
        return Ok(ExitCode::SUCCESS);
    }
    if batches.is_empty() {
        println!("No imports yet in {}.", db.display());
        return Ok(ExitCode::SUCCESS);
    }
    println!(
        "{:>4}  {:<10}  {:<36}  {:<16}  {:<8}  {:>9}  {:>9}  {:>9}  {:>9}",
        "id", "as of", "file", "crm", "object", "read", "new", "updated", "rejected"
    );
    for b in &batches {
        let file: String = if b.file.chars().count() > 36 {
            b.file.chars().take(35).chain(['…']).collect()
        } else {
            b.file.clone()
        };
        println!(
            "{:>4}  {:<10}  {:<36}  {:<16}  {:<8}  {:>9}  {:>9}  {:>9}  {:>9}",
            b.id,
            b.as_of,
            file,
            b.crm,
            b.object,
            crate::text::thousands(b.rows_read),
            crate::text::thousands(b.rows_imported),
            crate::text::thousands(b.rows_updated),
            crate::text::thousands(b.rows_rejected)
        );
    }
    Ok(ExitCode::SUCCESS)
}
