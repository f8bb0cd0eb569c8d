//! `revops-cockpit import FILE... [--as-of DATE] [--preset NAME] [--date-order ORDER]`

use super::CliError;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use chrono::NaiveDate;

use crate::import::values::DateOrder;
use crate::import::{ImportOptions, ImportOutcome, import_file};
use crate::progress::WorkControl;
use crate::workspace::BatchSummary;

/// Arguments of `import`.
#[derive(Debug, clap::Args)]
pub struct ImportArgs {
    /// The CSV files to import, each in its own all-or-nothing batch.
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// The date the export describes (YYYY-MM-DD); default: each file's modified date.
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub as_of: Option<NaiveDate>,
    /// Use this saved column mapping instead of recognising the format.
    #[arg(long, value_name = "NAME")]
    pub preset: Option<String>,
    /// How to read dates such as 03/04/2025 when a column's values do not say.
    #[arg(long, value_enum, value_name = "ORDER")]
    pub date_order: Option<DateOrderArg>,
}

/// `--date-order` values.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum DateOrderArg {
    /// 14/03/2025
    DayFirst,
    /// 3/14/2025
    MonthFirst,
}

pub(super) fn run(db: &Path, args: &ImportArgs) -> Result<ExitCode, CliError> {
    let mut ws = super::open(db)?;
    let options = ImportOptions {
        as_of: args.as_of,
        date_order: args.date_order.map(|o| match o {
            DateOrderArg::DayFirst => DateOrder::DayFirst,
            DateOrderArg::MonthFirst => DateOrder::MonthFirst,
        }),
        preset: args.preset.clone(),
        is_sample: false,
    };
    let mut failed = 0;
    for file in &args.files {
        match import_file(&mut ws, file, &options, &WorkControl::default()) {
            Ok(ImportOutcome::Imported(batch)) => print!("{}", describe_batch(&batch)),
            Ok(ImportOutcome::AlreadyImported(batch)) => println!(
                "{}: already imported as batch {} on {} (same SHA-256); nothing changed.",
                file.display(),
                batch.id,
                batch.imported_at
            ),
            Err(e) => {
                eprintln!("revops-cockpit: {e}");
                failed += 1;
            }
        }
    }
    Ok(if failed == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

/// What one imported batch holds, as the CLI prints it.
pub fn describe_batch(b: &BatchSummary) -> String {
    use crate::text::thousands as t;
    #[expect(clippy::cast_precision_loss, reason = "seconds for people")]
    let secs = b.duration_ms as f64 / 1000.0;
    let mut out = format!(
        "{}: {} ({} {}), as of {}\n  batch {}: read {} rows: {} new, {} updated, {} skipped, {} rejected, {} with warnings ({secs:.1} s)\n",
        b.file,
        b.format,
        b.crm,
        b.object,
        b.as_of,
        b.id,
        t(b.rows_read),
        t(b.rows_imported),
        t(b.rows_updated),
        t(b.rows_skipped),
        t(b.rows_rejected),
        t(b.rows_warned),
    );
    for note in &b.notes {
        out.push_str("  note: ");
        out.push_str(note);
        out.push('\n');
    }
    if let Some(newest) = b.as_of_far_after_records() {
        out.push_str(&format!(
            "  note: as of {}, but its newest record is from {newest}: if the export was taken then, undo this batch and import it again with --as-of {newest}\n",
            b.as_of
        ));
    }
    out
}
