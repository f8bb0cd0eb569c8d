//! The command line: `import`, `batches`, `presets`, `undo`, `definitions`, `funnel`,
//! `leaks`, `maturity`, `scorecard`, `present` and `backups` over the same library as the window; with no subcommand (or
//! `open FILE...`), the window opens.

mod backups;
mod batches;
mod definitions;
mod error;
mod funnel;
mod import;
mod leaks;
mod maturity;
mod presets;
mod scorecard;
mod undo;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::definitions::fiscal::Quarter;
use crate::workspace::{Workspace, default_path};

pub use error::CliError;

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
    /// Handoff leaks for a quarter: counts, shares, revenue at stake and the records.
    Leaks(leaks::LeaksArgs),
    /// Pillar maturity for a quarter: answers and evidence, disagreements, the next move.
    Maturity(maturity::MaturityArgs),
    /// A quarter's scorecard on one page: printed, or written as PDF, PNG or CSV.
    Scorecard(scorecard::ScorecardArgs),
    /// Open the window presenting a quarter's scorecard, full screen, one section a slide.
    Present {
        /// The fiscal quarter, e.g. 2025-Q3 (default: the quarter the window opens on).
        #[arg(long, value_name = "YYYY-QN")]
        period: Option<String>,
    },
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
        None => crate::app::run_window(db, Vec::new()).map_err(CliError::from),
        Some(Command::Open { files }) => crate::app::run_window(db, files).map_err(CliError::from),
        Some(Command::Import(args)) => import::run(&db, &args),
        Some(Command::Batches(args)) => batches::run(&db, &args),
        Some(Command::Undo(args)) => undo::run(&db, &args),
        Some(Command::Presets(args)) => presets::run(&db, &args),
        Some(Command::Definitions(command)) => definitions::run(&db, &command),
        Some(Command::Funnel(args)) => funnel::run(&db, &args),
        Some(Command::Leaks(args)) => leaks::run(&db, &args),
        Some(Command::Maturity(args)) => maturity::run(&db, &args),
        Some(Command::Backups(args)) => backups::run(&db, &args),
        Some(Command::Scorecard(args)) => scorecard::run(&db, &args),
        Some(Command::Present { period }) => present(db, period.as_deref()),
    };
    match result {
        Ok(code) => code,
        Err(error) => {
            eprintln!("revops-cockpit: {error}");
            ExitCode::FAILURE
        }
    }
}

/// Opens the window presenting the scorecard of `period`.
fn present(db: PathBuf, period: Option<&str>) -> Result<ExitCode, CliError> {
    let quarter =
        match period {
            Some(text) => Some(Quarter::parse(text).ok_or_else(|| {
                format!("--period \"{text}\" is not a quarter; write it as 2025-Q3")
            })?),
            None => None,
        };
    Ok(crate::app::run_window_with(db, Vec::new(), Some(quarter))?)
}

/// Opens the workspace for a subcommand.
fn open(db: &std::path::Path) -> Result<Workspace, CliError> {
    Ok(Workspace::open(db)?)
}

/// The workspace's consistency check, running on a thread of its own.
struct CheckBeside(Option<std::thread::JoinHandle<Result<(), crate::workspace::WorkspaceError>>>);

impl CheckBeside {
    /// Waits for the check; its finding is the error when the file is damaged.
    fn wait(&mut self) -> Result<(), CliError> {
        match self.0.take().map(std::thread::JoinHandle::join) {
            None => Ok(()),
            Some(Ok(result)) => Ok(result?),
            Some(Err(_)) => Err("the workspace's consistency check stopped unexpectedly".into()),
        }
    }

    /// [`CheckBeside::wait`], for the last time.
    fn finish(mut self) -> Result<(), CliError> {
        self.wait()
    }
}

/// Opens the workspace for a subcommand that reads a lot of it, with SQLite's
/// consistency check running beside the reads rather than before them; the command
/// waits for it before it writes or prints anything. A new file, or one whose schema is
/// older, is checked before it is opened, as always.
fn open_checking_beside(db: &std::path::Path) -> Result<(Workspace, CheckBeside), CliError> {
    if !db.exists() {
        return Ok((open(db)?, CheckBeside(None)));
    }
    let path = db.to_owned();
    let handle = std::thread::Builder::new()
        .name("workspace-check".to_owned())
        .spawn(move || crate::workspace::check_file(&path))
        .map_err(|e| format!("the workspace's consistency check could not start: {e}"))?;
    Ok((Workspace::reopen(db)?, CheckBeside(Some(handle))))
}

/// Prints `text` and a line break; a reader that stopped reading (`| head`) is not an
/// error.
fn print(text: &str) -> Result<ExitCode, CliError> {
    use std::io::Write as _;
    let mut stdout = std::io::stdout().lock();
    match writeln!(stdout, "{text}").and_then(|()| stdout.flush()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(CliError::Output(e)),
        _ => Ok(ExitCode::SUCCESS),
    }
}

/// The quarter `--period` names (default: the quarter of the latest export's as-of date)
/// and that as-of date.
fn period_and_as_of(
    ws: &Workspace,
    defs: &crate::definitions::Definitions,
    period: Option<&str>,
) -> Result<(Quarter, Option<chrono::NaiveDate>), CliError> {
    let as_of = ws.latest_as_of()?;
    let period = match period {
        Some(text) => Quarter::parse(text)
            .ok_or_else(|| format!("--period \"{text}\" is not a quarter; write it as 2025-Q3"))?,
        None => as_of
            .map(|d| Quarter::of(d, defs.fiscal_year_start_month))
            .ok_or(
                "the workspace has no imports yet; import a CRM export first, or give --period",
            )?,
    };
    Ok((period, as_of))
}
