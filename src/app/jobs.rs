//! Heavy work off the UI thread: each job runs on a named thread with its own workspace
//! connection and sends back one outcome; the app polls for it every frame.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, TryRecvError};
use std::time::Instant;

use chrono::NaiveDate;

use super::mapping::MappingDraft;
use crate::definitions::impact::ImpactPreview;
use crate::definitions::{Definitions, versions};
use crate::import::preview::FilePreview;
use crate::import::values::DateOrder;
use crate::import::{ImportControl, ImportError, ImportOptions, ImportOutcome, import_file};
use crate::workspace::{
    BatchSummary, DefinitionVersion, MappingPreset, RawStageCount, RecordCounts, RowIssueRecord,
    Workspace,
};

/// Work the app hands to a background thread.
#[derive(Debug, Clone)]
pub enum Job {
    /// Read the batch list and record counts.
    Refresh,
    /// SQLite's consistency check of the whole file, beside the first reads of a session.
    Check,
    Import {
        files: Vec<PathBuf>,
        date_order: Option<DateOrder>,
        as_of: Option<NaiveDate>,
    },
    LoadSample,
    RemoveSample,
    Undo(i64),
    LoadIssues(i64),
    ExportIssues {
        batch_id: i64,
        to: PathBuf,
    },
    /// Read the first rows of a file for the mapping screen.
    Preview(PathBuf),
    /// Save a column mapping, then import its file with it when it has one.
    SavePreset {
        draft: Box<MappingDraft>,
        as_of: Option<NaiveDate>,
    },
    DeletePreset(String),
    /// Save edited definitions as a new version.
    SaveDefinitions {
        definitions: Box<Definitions>,
        author: String,
        reason: String,
    },
    /// Make an older definitions version current again, as a new version.
    RestoreDefinitions {
        id: i64,
        author: String,
    },
    /// The Funnel view's numbers, over the records already in memory when they still
    /// serve the query.
    ComputeFunnel(
        Box<super::funnel::FunnelQuery>,
        Option<std::sync::Arc<super::funnel::FunnelData>>,
    ),
    /// Keep the Funnel's tables in the workspace for the next open.
    KeepTables(std::sync::Arc<super::funnel::FunnelData>),
    /// The Leaks view's numbers.
    /// With the contacts as last read, reused when they still serve the query.
    ComputeLeaks(
        Box<super::leaks::LeaksQuery>,
        Option<std::sync::Arc<super::leaks::LeaksData>>,
    ),
    /// What saving `definitions` would do to the records.
    PreviewImpact {
        definitions: Box<Definitions>,
        period: Option<crate::definitions::fiscal::Quarter>,
    },
    /// What changed from version `a` to `b`.
    CompareDefinitions {
        a: i64,
        b: i64,
    },
    PickFiles,
    PickWorkspace,
    PickDefinitionsFile,
    PickDefinitionsExportPath,
    /// Replace the workspace with a backup.
    RestoreBackup(PathBuf),
    /// Put a backup in place of a workspace too damaged to open.
    ReplaceWithBackup(PathBuf),
    /// Choose where to save a list of records.
    PickRecordsExportPath(Box<super::exports::RecordsExport>),
    /// Save a list of records as CSV.
    ExportRecords {
        to: PathBuf,
        records: Box<super::exports::RecordsExport>,
    },
    /// Read and check a definitions file, for review before saving.
    ReadDefinitionsFile(PathBuf),
    /// Write the definitions in force to a file.
    ExportDefinitions(PathBuf),
    PickExportPath(i64),
}

impl Job {
    /// What the progress line says while the job runs.
    pub fn label(&self) -> String {
        match self {
            Self::Refresh => "Reading the workspace".to_owned(),
            Self::Check => "Checking the workspace file for damage".to_owned(),
            Self::Import { files, .. } => {
                let names: Vec<String> = files
                    .iter()
                    .map(|f| {
                        f.file_name().map_or_else(
                            || f.display().to_string(),
                            |n| n.to_string_lossy().into_owned(),
                        )
                    })
                    .collect();
                match names.as_slice() {
                    [one] => format!("Importing {one}"),
                    _ => format!("Importing {} files: {}", names.len(), names.join(", ")),
                }
            }
            Self::LoadSample => "Loading the sample data".to_owned(),
            Self::RemoveSample => "Removing the sample data".to_owned(),
            Self::Undo(id) => format!("Undoing batch {id}"),
            Self::LoadIssues(_) => "Reading rejected rows".to_owned(),
            Self::ExportIssues { .. } => "Saving rejected rows".to_owned(),
            Self::Preview(_) => "Reading the file".to_owned(),
            Self::SavePreset { .. } => "Saving the column mapping and importing".to_owned(),
            Self::DeletePreset(_) => "Deleting the column mapping".to_owned(),
            Self::SaveDefinitions { .. } => "Saving the definitions".to_owned(),
            Self::RestoreDefinitions { id, .. } => format!("Restoring definitions version {id}"),
            Self::CompareDefinitions { .. } => "Comparing definitions versions".to_owned(),
            Self::ComputeFunnel(..) => "Computing the funnel".to_owned(),
            Self::KeepTables(_) => {
                "Saving the funnel's working copy so the next open is faster".to_owned()
            }
            Self::ComputeLeaks(..) => "Finding the handoff leaks".to_owned(),
            Self::PreviewImpact { .. } => "Working out what the change would move".to_owned(),
            Self::ReadDefinitionsFile(_) => "Reading the definitions file".to_owned(),
            Self::ExportRecords { .. } => "Saving the records".to_owned(),
            Self::RestoreBackup(_) | Self::ReplaceWithBackup(_) => "Restoring a backup".to_owned(),
            Self::ExportDefinitions(_) => "Writing the definitions file".to_owned(),
            Self::PickFiles
            | Self::PickRecordsExportPath(_)
            | Self::PickWorkspace
            | Self::PickExportPath(_)
            | Self::PickDefinitionsFile
            | Self::PickDefinitionsExportPath => "Waiting for the file dialog".to_owned(),
        }
    }

    /// Whether the job only reads the workspace, and so may run beside its consistency
    /// check.
    pub fn only_reads(&self) -> bool {
        matches!(
            self,
            Self::Refresh
                | Self::ComputeFunnel(..)
                | Self::ComputeLeaks(..)
                | Self::LoadIssues(_)
                | Self::CompareDefinitions { .. }
        )
    }

    /// Whether the job replaces the workspace file with a backup.
    pub fn replaces_the_file(&self) -> bool {
        matches!(self, Self::ReplaceWithBackup(_) | Self::RestoreBackup(_))
    }

    /// Whether the job may run on a file found damaged: replacing it, or choosing
    /// another workspace.
    pub fn allowed_on_damaged_file(&self) -> bool {
        self.replaces_the_file() || matches!(self, Self::PickWorkspace)
    }

    /// Whether the job shows a progress bar with Cancel.
    pub fn shows_progress(&self) -> bool {
        matches!(
            self,
            Self::Import { .. } | Self::LoadSample | Self::SavePreset { .. }
        )
    }
}

/// What a file's import came to, for the notice the user sees.
#[derive(Debug)]
pub enum FileResult {
    Imported(BatchSummary),
    AlreadyImported { file: PathBuf, batch: BatchSummary },
    Failed { file: PathBuf, error: ImportError },
}

/// The workspace as the views need it.
#[derive(Debug, Clone, Default)]
pub struct WorkspaceSnapshot {
    pub batches: Vec<BatchSummary>,
    pub counts: RecordCounts,
    pub only_sample: bool,
    pub presets: Vec<MappingPreset>,
    pub definitions: Option<DefinitionsState>,
    /// The workspace's rolling backups, newest first.
    pub backups: Vec<crate::workspace::BackupInfo>,
}

/// The definitions in force, their history, and the raw stage values they do not map.
#[derive(Debug, Clone)]
pub struct DefinitionsState {
    pub version: DefinitionVersion,
    pub definitions: Definitions,
    pub history: Vec<DefinitionVersion>,
    pub unmapped: Vec<RawStageCount>,
}

/// What a job sends back.
#[derive(Debug)]
pub enum JobOutcome {
    Refreshed(Result<WorkspaceSnapshot, String>),
    /// The consistency check found the file sound, or could not run.
    Checked(Result<(), String>),
    /// The workspace is damaged; the latest backup is offered when it has one.
    Damaged {
        message: String,
        backup: Option<PathBuf>,
    },
    Imported {
        results: Vec<FileResult>,
        snapshot: Result<WorkspaceSnapshot, String>,
    },
    Changed {
        message: Result<String, String>,
        snapshot: Result<WorkspaceSnapshot, String>,
    },
    Detail {
        batch_id: i64,
        detail: Result<BatchDetail, String>,
    },
    Exported(Result<PathBuf, String>),
    Previewed(Result<FilePreview, String>),
    Impact {
        definitions: Box<Definitions>,
        preview: Result<ImpactPreview, String>,
    },
    Funnel(Result<Box<super::funnel::FunnelResult>, String>),
    /// Whether the Funnel's tables were kept in the workspace (`false` when the records
    /// had changed since they were read).
    TablesKept {
        kept: Result<bool, String>,
    },
    /// The full records behind the numbers of the Funnel result for `query`.
    FunnelDetails {
        query: Box<super::funnel::FunnelQuery>,
        details: Result<super::funnel::FunnelDetails, String>,
    },
    Leaks(Result<Box<super::leaks::LeaksResult>, String>),
    /// Every leak's records and breakdowns, for the Leaks result of their query.
    LeakLists(Result<Box<super::leaks::LeakLists>, String>),
    PickedRecordsExportPath {
        to: Option<PathBuf>,
        records: Box<super::exports::RecordsExport>,
    },
    PickedDefinitionsFile(Option<PathBuf>),
    PickedDefinitionsExportPath(Option<PathBuf>),
    DefinitionsFile(Result<(PathBuf, Definitions), String>),
    Compared {
        a: i64,
        b: i64,
        changes: Result<Vec<crate::definitions::diff::Change>, String>,
    },
    PickedFiles(Vec<PathBuf>),
    PickedWorkspace(Option<PathBuf>),
    PickedExportPath {
        batch_id: i64,
        to: Option<PathBuf>,
    },
}

/// What a job's thread sends back: outcomes shown while it goes on, then its last.
#[derive(Debug)]
pub enum Message {
    /// A first part of the result, shown while the job goes on: the Funnel's numbers or
    /// the leak counts, before the records behind them.
    Early(JobOutcome),
    /// The job's last outcome: it has finished.
    Last(JobOutcome),
}

impl Message {
    /// What the message carries.
    pub fn into_outcome(self) -> JobOutcome {
        match self {
            Self::Early(outcome) | Self::Last(outcome) => outcome,
        }
    }
}

/// A job under way.
pub struct RunningJob {
    pub job: Job,
    pub control: ImportControl,
    pub started: Instant,
    receiver: Receiver<Message>,
}

impl RunningJob {
    /// Starts `job` on its own thread; `wake` is called when it finishes.
    pub fn start(job: Job, db: PathBuf, wake: impl Fn() + Send + 'static) -> Result<Self, String> {
        let (sender, receiver) = std::sync::mpsc::channel();
        let control = ImportControl::default();
        let thread_control = control.clone();
        let thread_job = job.clone();
        std::thread::Builder::new()
            .name(format!("job: {}", job.label()))
            .spawn(move || {
                super::worker_priority::lower_current_thread();
                // The app may have closed; nothing is waiting then.
                let early = |outcome| {
                    let _ = sender.send(Message::Early(outcome));
                    wake();
                };
                let outcome = run(thread_job, &db, &thread_control, &early);
                let _ = sender.send(Message::Last(outcome));
                wake();
            })
            .map_err(|e| format!("could not start background work: {e}"))?;
        Ok(Self {
            job,
            control,
            started: Instant::now(),
            receiver,
        })
    }

    /// What the job has sent since the last poll, if anything.
    pub fn poll(&self) -> Option<Message> {
        match self.receiver.try_recv() {
            Ok(message) => Some(message),
            Err(TryRecvError::Empty) => None,
            Err(TryRecvError::Disconnected) => Some(Message::Last(JobOutcome::Refreshed(Err(
                "the background work stopped unexpectedly".to_owned(),
            )))),
        }
    }
}

/// What the Import view shows of one batch beyond its summary.
#[derive(Debug, Clone, Default)]
pub struct BatchDetail {
    /// Rejected rows and warnings, rejected first (at most 5,000 are shown).
    pub issues: Vec<RowIssueRecord>,
    /// Each column of the file and the field it fed, or `None` when it was not used.
    pub columns: Vec<(String, Option<String>)>,
}

fn batch_detail(
    ws: &Workspace,
    batch_id: i64,
) -> Result<BatchDetail, crate::workspace::WorkspaceError> {
    let issues = ws.row_issues(batch_id, 5_000)?;
    let mapping: Option<crate::import::formats::ColumnMapping> =
        serde_json::from_str(&ws.batch_mapping_json(batch_id)?).ok();
    let columns = mapping.map_or_else(Vec::new, |m| {
        let mut columns: Vec<(usize, String, Option<String>)> = m
            .bindings
            .iter()
            .map(|b| {
                let target = match &b.target {
                    crate::import::formats::Target::Field(f) => f.label().to_owned(),
                    crate::import::formats::Target::StageEntered(stage) => {
                        format!("Entered stage \"{stage}\"")
                    }
                };
                (b.column, b.header.clone(), Some(target))
            })
            .collect();
        columns.sort_by_key(|c| c.0);
        let mut out: Vec<(String, Option<String>)> =
            columns.into_iter().map(|(_, h, t)| (h, t)).collect();
        out.extend(m.ignored.into_iter().map(|h| (h, None)));
        out
    });
    Ok(BatchDetail { issues, columns })
}

/// Reads what the views show.
pub fn snapshot(ws: &Workspace) -> Result<WorkspaceSnapshot, String> {
    Ok(WorkspaceSnapshot {
        batches: ws.batches().map_err(|e| e.to_string())?,
        counts: ws.record_counts().map_err(|e| e.to_string())?,
        only_sample: ws.holds_only_sample_data().map_err(|e| e.to_string())?,
        presets: ws.presets().map_err(|e| e.to_string())?,
        definitions: Some(definitions_state(ws)?),
        backups: crate::workspace::list_backups(ws.path()),
    })
}

fn definitions_state(ws: &Workspace) -> Result<DefinitionsState, String> {
    let (version, definitions) = versions::current(ws).map_err(|e| e.to_string())?;
    let seen = ws.raw_deal_stages().map_err(|e| e.to_string())?;
    Ok(DefinitionsState {
        unmapped: crate::definitions::apply::unmapped(&definitions, &seen),
        history: ws.definition_versions().map_err(|e| e.to_string())?,
        version,
        definitions,
    })
}

/// A damaged file, with the backup to offer if it has one, as the notice's outcome;
/// `Err` for any other error.
fn damaged(error: crate::workspace::WorkspaceError) -> Result<JobOutcome, String> {
    match error {
        crate::workspace::WorkspaceError::Damaged {
            latest_backup: backup,
            finding,
            advice,
            path,
        } => {
            let message = crate::workspace::WorkspaceError::Damaged {
                path,
                finding,
                advice,
                latest_backup: None,
            }
            .to_string();
            Ok(JobOutcome::Damaged { message, backup })
        }
        other => Err(other.to_string()),
    }
}

/// Runs `job`; `early` shows a first part of its result while it goes on.
fn run(job: Job, db: &Path, control: &ImportControl, early: &dyn Fn(JobOutcome)) -> JobOutcome {
    // Every job reopens the file; the Check job that starts a session runs beside them.
    let open = || Workspace::reopen(db).map_err(|e| e.to_string());
    match job {
        Job::Refresh => match Workspace::reopen(db) {
            Ok(ws) => JobOutcome::Refreshed(snapshot(&ws)),
            Err(e) => damaged(e).unwrap_or_else(|e| JobOutcome::Refreshed(Err(e))),
        },
        Job::Check => {
            // The check reads the whole file; the reads the views wait for go first.
            super::worker_priority::lowest_for_current_thread();
            match crate::workspace::check_file(db) {
                Ok(()) => JobOutcome::Checked(Ok(())),
                Err(e) => damaged(e).unwrap_or_else(|e| JobOutcome::Checked(Err(e))),
            }
        }
        Job::ReplaceWithBackup(backup) => JobOutcome::Changed {
            message: crate::workspace::replace_with_backup(db, &backup)
                .map_err(|e| e.to_string())
                .map(|aside| {
                    format!(
                        "Restored the workspace from {}; the damaged file is kept as {}.",
                        backup.display(),
                        aside.display()
                    )
                }),
            snapshot: open().and_then(|ws| snapshot(&ws)),
        },
        Job::Import {
            files,
            date_order,
            as_of,
        } => match open() {
            Ok(mut ws) => {
                let options = ImportOptions {
                    date_order,
                    as_of,
                    ..ImportOptions::default()
                };
                let results = import_all(&mut ws, files, &options, control);
                JobOutcome::Imported {
                    results,
                    snapshot: snapshot(&ws),
                }
            }
            Err(e) => JobOutcome::Imported {
                results: Vec::new(),
                snapshot: Err(e),
            },
        },
        Job::LoadSample => changed(db, |ws| {
            crate::sample::load_sample_data(ws, control).map_err(|e| e.to_string())?;
            Ok("Loaded the sample data: Northwind Analytics, 2025.".to_owned())
        }),
        Job::RemoveSample => changed(db, |ws| {
            let n = ws.remove_sample_data().map_err(|e| e.to_string())?;
            Ok(format!(
                "Removed {n} sample batch(es). The workspace is ready for your own exports."
            ))
        }),
        Job::Undo(id) => changed(db, |ws| {
            let b = ws.undo_batch(id).map_err(|e| e.to_string())?;
            Ok(format!(
                "Undid batch {} ({}); the records it updated are back as they were.",
                b.id, b.file
            ))
        }),
        Job::LoadIssues(batch_id) => JobOutcome::Detail {
            batch_id,
            detail: open().and_then(|ws| batch_detail(&ws, batch_id).map_err(|e| e.to_string())),
        },
        Job::ExportIssues { batch_id, to } => JobOutcome::Exported(open().and_then(|ws| {
            let issues = ws
                .row_issues(batch_id, usize::MAX)
                .map_err(|e| e.to_string())?;
            crate::export::write_row_issues_csv(&to, &issues).map_err(|e| e.to_string())?;
            Ok(to)
        })),
        Job::Preview(path) => JobOutcome::Previewed(
            crate::import::preview::preview_file(&path, 12).map_err(|e| e.to_string()),
        ),
        Job::SavePreset { draft, as_of } => match open() {
            Ok(mut ws) => save_preset(&mut ws, &draft, as_of, control),
            Err(e) => JobOutcome::Changed {
                message: Err(e.clone()),
                snapshot: Err(e),
            },
        },
        Job::DeletePreset(name) => changed(db, |ws| {
            ws.delete_preset(&name).map_err(|e| e.to_string())?;
            Ok(format!(
                "Deleted the column mapping \"{name}\". Batches imported with it keep their records."
            ))
        }),
        Job::SaveDefinitions {
            definitions,
            author,
            reason,
        } => changed(db, |ws| {
            let v =
                versions::save(ws, &definitions, &author, &reason).map_err(|e| e.to_string())?;
            Ok(format!(
                "Saved definitions version {} ({}). Every number now follows it.",
                v.id, v.reason
            ))
        }),
        Job::RestoreDefinitions { id, author } => changed(db, |ws| {
            let v = versions::restore(ws, id, &author, "").map_err(|e| e.to_string())?;
            Ok(format!(
                "Definitions version {id} is in force again, as version {}.",
                v.id
            ))
        }),
        Job::PreviewImpact {
            definitions: after,
            period,
        } => {
            let preview = open().and_then(|ws| {
                let (_, before) = versions::current(&ws).map_err(|e| e.to_string())?;
                let contacts = ws.contacts().map_err(|e| e.to_string())?;
                let deals = ws.deals().map_err(|e| e.to_string())?;
                let accounts = ws.accounts().map_err(|e| e.to_string())?;
                let conversions = period.map_or_else(Vec::new, |q| {
                    crate::definitions::impact::conversion_changes(&before, &after, &contacts, q)
                });
                let moves = crate::definitions::impact::impact(
                    &before, &after, &contacts, &deals, &accounts,
                );
                let as_of = ws.latest_as_of().map_err(|e| e.to_string())?;
                let leaks = match (period, as_of) {
                    (Some(q), Some(as_of)) => {
                        use crate::leaks::{Records, as_of_time, detect_leaks, leak_changes};
                        let records = Records::all(&contacts, &deals, &accounts);
                        let at = as_of_time(as_of);
                        leak_changes(
                            &detect_leaks(&before, records, q, at),
                            &detect_leaks(&after, records, q, at),
                        )
                    }
                    _ => Vec::new(),
                };
                Ok(ImpactPreview {
                    moves,
                    conversions,
                    leaks,
                })
            });
            JobOutcome::Impact {
                definitions: after,
                preview,
            }
        }
        Job::CompareDefinitions { a, b } => JobOutcome::Compared {
            a,
            b,
            changes: open().and_then(|ws| versions::compare(&ws, a, b).map_err(|e| e.to_string())),
        },
        // The numbers go on screen first; the records behind them follow (a third of the
        // job at a million contacts: 87,000 contacts and 60,000 deals read by key).
        Job::ComputeFunnel(query, data) => {
            let numbers = open().and_then(|ws| {
                let (result, positions) = compute_funnel(&ws, *query, data)?;
                Ok((ws, result, positions))
            });
            match numbers {
                Ok((ws, result, positions)) => {
                    let (query, data) = (Box::new(result.query.clone()), result.data.clone());
                    early(JobOutcome::Funnel(Ok(Box::new(result))));
                    JobOutcome::FunnelDetails {
                        query,
                        details: funnel_details(&ws, &data, positions),
                    }
                }
                Err(e) => JobOutcome::Funnel(Err(e)),
            }
        }
        Job::KeepTables(data) => {
            let kept =
                crate::metrics::stored_tables::to_bytes(&data.defs, &data.contacts, &data.deals)
                    .map_err(|e| e.to_string())
                    .and_then(|bytes| {
                        open()?
                            .keep_tables(data.generation, &bytes)
                            .map_err(|e| e.to_string())
                    });
            JobOutcome::TablesKept { kept }
        }
        // As the Funnel: the counts first, then every leak's records (the contacts and
        // deals a leak names, 145,000 contacts at a million, read by key) and breakdowns.
        Job::ComputeLeaks(query, kept) => {
            let counts = open().and_then(|ws| {
                let (result, found, defs) = compute_leaks(&ws, *query, kept)?;
                Ok((ws, result, found, defs))
            });
            match counts {
                Ok((ws, result, found, defs)) => {
                    let (query, data) = (result.query.clone(), result.data.clone());
                    early(JobOutcome::Leaks(Ok(Box::new(result))));
                    JobOutcome::LeakLists(
                        leak_lists(&ws, &defs, found, query, &data.keys).map(Box::new),
                    )
                }
                Err(e) => JobOutcome::Leaks(Err(e)),
            }
        }
        Job::RestoreBackup(path) => changed(db, |ws| {
            ws.restore_backup(&path).map_err(|e| e.to_string())?;
            Ok(format!(
                "Restored the workspace from the backup {}. The state before the restore was backed up too.",
                path.file_stem().map_or_else(
                    || path.display().to_string(),
                    |n| n.to_string_lossy().into_owned()
                )
            ))
        }),
        Job::PickRecordsExportPath(records) => JobOutcome::PickedRecordsExportPath {
            to: rfd::FileDialog::new()
                .set_title("Save the records")
                .set_file_name(&records.file_name)
                .save_file(),
            records,
        },
        Job::ExportRecords { to, records } => {
            JobOutcome::Exported(records.write(&to).map(|()| to).map_err(|e| e.to_string()))
        }
        Job::PickDefinitionsFile => JobOutcome::PickedDefinitionsFile(
            rfd::FileDialog::new()
                .set_title("Import definitions")
                .add_filter("Definitions (TOML)", &["toml"])
                .pick_file(),
        ),
        Job::PickDefinitionsExportPath => JobOutcome::PickedDefinitionsExportPath(
            rfd::FileDialog::new()
                .set_title("Export definitions")
                .set_file_name("revops-definitions.toml")
                .save_file(),
        ),
        Job::ReadDefinitionsFile(path) => JobOutcome::DefinitionsFile(
            crate::definitions::file::read_file(&path)
                .map(|d| (path, d))
                .map_err(|e| e.to_string()),
        ),
        Job::ExportDefinitions(path) => changed(db, |ws| {
            let (v, defs) = versions::current(ws).map_err(|e| e.to_string())?;
            crate::definitions::file::write_file(&path, &defs).map_err(|e| e.to_string())?;
            Ok(format!(
                "Wrote definitions version {} to {}.",
                v.id,
                path.display()
            ))
        }),
        Job::PickFiles => JobOutcome::PickedFiles(
            rfd::FileDialog::new()
                .set_title("Import CRM exports")
                .add_filter("CSV and text exports", &["csv", "txt", "tsv"])
                .add_filter("All files", &["*"])
                .pick_files()
                .unwrap_or_default(),
        ),
        Job::PickWorkspace => JobOutcome::PickedWorkspace(
            rfd::FileDialog::new()
                .set_title("Open a workspace")
                .add_filter("Workspace", &["sqlite", "db"])
                .pick_file(),
        ),
        Job::PickExportPath(batch_id) => JobOutcome::PickedExportPath {
            batch_id,
            to: rfd::FileDialog::new()
                .set_title("Save rejected rows")
                .set_file_name(format!("batch-{batch_id}-rejected-rows.csv"))
                .save_file(),
        },
    }
}

fn save_preset(
    ws: &mut Workspace,
    draft: &MappingDraft,
    as_of: Option<NaiveDate>,
    control: &ImportControl,
) -> JobOutcome {
    let name = draft.name.trim().to_owned();
    let saved = serde_json::to_string(&draft.mapping())
        .map_err(|e| e.to_string())
        .and_then(|json| {
            ws.save_preset(&name, &draft.signature(), draft.object.as_str(), &json)
                .map_err(|e| e.to_string())
        })
        .and_then(|()| match &draft.editing {
            Some(old) if *old != name => {
                ws.delete_preset(old).map(|_| ()).map_err(|e| e.to_string())
            }
            _ => Ok(()),
        });
    if let Err(e) = saved {
        return JobOutcome::Changed {
            message: Err(format!("The column mapping could not be saved: {e}")),
            snapshot: snapshot(ws),
        };
    }
    match draft.file.clone() {
        Some(file) => {
            let options = ImportOptions {
                as_of,
                preset: Some(name),
                ..ImportOptions::default()
            };
            let results = import_all(ws, vec![file], &options, control);
            JobOutcome::Imported {
                results,
                snapshot: snapshot(ws),
            }
        }
        None => JobOutcome::Changed {
            message: Ok(format!("Saved the column mapping \"{name}\".")),
            snapshot: snapshot(ws),
        },
    }
}

/// The Leaks view's counts and revenue at stake, with the report's records and the
/// definitions, to build every leak's record list after.
fn compute_leaks(
    ws: &Workspace,
    query: super::leaks::LeaksQuery,
    kept: Option<std::sync::Arc<super::leaks::LeaksData>>,
) -> Result<
    (
        super::leaks::LeaksResult,
        crate::leaks::StoredLeaks,
        Definitions,
    ),
    String,
> {
    use crate::leaks::as_of_time;
    use crate::leaks::from_store::{detect, load_leads, read_deals};
    let (version, defs) = versions::current(ws).map_err(|e| e.to_string())?;
    let as_of = ws
        .latest_as_of()
        .map_err(|e| e.to_string())?
        .ok_or("No data yet: import a quarter's CRM exports.")?;
    // The deals are read and counted beside the lead table: at a million contacts and
    // 200,000 deals, about 0.6 s together rather than 1.0 s in turn.
    let at = as_of_time(as_of);
    let read = |own: &Workspace| read_deals(own, &defs, query.period, at);
    let (data, deals) = read_beside(ws, read, || match kept.filter(|d| d.serves(&query)) {
        Some(kept) => Ok(kept),
        None => {
            let (leads, keys) = load_leads(ws, &defs).map_err(|e| e.to_string())?;
            Ok(std::sync::Arc::new(super::leaks::LeaksData {
                definitions_version: version.id,
                batches: query.batches.clone(),
                leads,
                keys,
            }))
        }
    });
    let (data, deals) = (data?, deals?);
    let found = detect(&data.leads, deals);
    let result = super::leaks::LeaksResult {
        query,
        data,
        as_of: as_of.to_string(),
        report: found.report.clone(),
        lists: std::collections::BTreeMap::new(),
        breakdowns: std::collections::BTreeMap::new(),
        lists_ready: false,
    };
    Ok((result, found, defs))
}

/// Every leak's work list (with its sort orders) and breakdowns, reading the contacts the
/// leaks name first; the leaks are split over the machine's cores.
fn leak_lists(
    ws: &Workspace,
    defs: &Definitions,
    mut found: crate::leaks::StoredLeaks,
    query: super::leaks::LeaksQuery,
    keys: &[i64],
) -> Result<super::leaks::LeakLists, String> {
    use crate::leaks::{leak_breakdowns, work_list};
    found
        .read_named_records(ws, keys)
        .map_err(|e| e.to_string())?;
    let records = found.records();
    let report = &found.report;
    let parts = crate::metrics::parallel::in_parallel(
        &report.leaks,
        crate::metrics::parallel::chunks_for(
            report
                .leaks
                .iter()
                .map(|l| l.checked.len() + l.records.len())
                .sum(),
        ),
        |_, leaks| {
            leaks
                .iter()
                .map(|leak| {
                    let list = std::sync::Arc::new(super::leaks::WorkList::new(work_list(
                        defs,
                        records,
                        leak,
                        report.as_of,
                    )));
                    let by: Vec<_> = leak_breakdowns(defs, records, leak)
                        .into_iter()
                        .map(|(d, rows)| ((leak.kind, d), rows))
                        .collect();
                    (leak.kind, list, by)
                })
                .collect::<Vec<_>>()
        },
    );
    let mut lists = std::collections::BTreeMap::new();
    let mut breakdowns = std::collections::BTreeMap::new();
    for (kind, list, by) in parts.into_iter().flatten() {
        lists.insert(kind, list);
        breakdowns.extend(by);
    }
    Ok(super::leaks::LeakLists {
        query,
        lists,
        breakdowns,
    })
}

/// `here` on this thread and, beside it, `read` on a connection of its own to `ws`'s file:
/// on two cores the two reads take about as long as the longer one.
fn read_beside<T: Send, H>(
    ws: &Workspace,
    read: impl FnOnce(&Workspace) -> Result<T, crate::workspace::WorkspaceError> + Send,
    here: impl FnOnce() -> Result<H, String>,
) -> (Result<H, String>, Result<T, String>) {
    let path = ws.path().to_owned();
    std::thread::scope(|scope| {
        let beside = scope.spawn(|| Workspace::reopen(&path).and_then(|own| read(&own)));
        let here = here();
        let beside = match beside.join() {
            Ok(read) => read.map_err(|e| e.to_string()),
            Err(_) => Err("reading the records stopped unexpectedly".to_owned()),
        };
        (here, beside)
    })
}

/// The records the Funnel view reads, from memory when `kept` still serves `query`,
/// else read from the store once.
fn funnel_data(
    ws: &Workspace,
    query: &super::funnel::FunnelQuery,
    kept: Option<std::sync::Arc<super::funnel::FunnelData>>,
) -> Result<std::sync::Arc<super::funnel::FunnelData>, String> {
    if let Some(kept) = kept.filter(|d| d.serves(query)) {
        return Ok(kept);
    }
    let (version, defs) = versions::current(ws).map_err(|e| e.to_string())?;
    let tables = funnel_tables(ws, &defs)?;
    Ok(std::sync::Arc::new(super::funnel::FunnelData {
        definitions_version: version.id,
        batches: query.batches.clone(),
        defs,
        contacts: tables.contacts,
        deals: tables.deals,
        generation: tables.generation,
        kept: tables.kept,
    }))
}

/// The Funnel's tables of a workspace, and where they came from.
struct FunnelTables {
    contacts: crate::metrics::contact_table::ContactTable,
    deals: crate::metrics::deal_table::DealTable,
    /// The records' generation they were built from.
    generation: i64,
    /// Read back from the tables the workspace keeps.
    kept: bool,
}

/// The tables the workspace keeps for its records and `defs`, else built from the
/// records: at a million contacts and 200,000 deals, about 0.2 s against about 1 s.
/// Damaged or stale kept tables are built again, and kept again once the check has
/// passed.
fn funnel_tables(ws: &Workspace, defs: &Definitions) -> Result<FunnelTables, String> {
    if let Ok(Some((generation, bytes))) = ws.kept_tables()
        && let Ok((contacts, deals)) = crate::metrics::stored_tables::from_bytes(&bytes, defs)
    {
        return Ok(FunnelTables {
            contacts,
            deals,
            generation,
            kept: true,
        });
    }
    // Read before the records: tables built from records a write changes meanwhile are
    // of an older generation, and the workspace refuses to keep them.
    let generation = ws.generation().map_err(|e| e.to_string())?;
    // The deals are read beside the contacts: at a million contacts and 200,000 deals,
    // 0.55 to 0.6 s together (the contacts' share) rather than about 1.0 s in turn.
    let (contacts, deals) = read_beside(
        ws,
        |own| crate::metrics::deal_table::DealTable::load(own, defs),
        || crate::metrics::contact_table::ContactTable::load(ws, defs).map_err(|e| e.to_string()),
    );
    Ok(FunnelTables {
        contacts: contacts?,
        deals: deals?,
        generation,
        kept: false,
    })
}

/// The Funnel's numbers, and where the records behind them are in the tables.
fn compute_funnel(
    ws: &Workspace,
    query: super::funnel::FunnelQuery,
    kept: Option<std::sync::Arc<super::funnel::FunnelData>>,
) -> Result<(super::funnel::FunnelResult, super::funnel::DetailPositions), String> {
    use crate::metrics::report::{FunnelQuestion, funnel_report};
    let data = funnel_data(ws, &query, kept)?;
    let (defs, table, deals) = (&data.defs, &data.contacts, &data.deals);
    let choices = super::funnel::FILTERS
        .iter()
        .map(|d| {
            let mut values: Vec<String> = table
                .values(*d)
                .iter()
                .chain(deals.columns().values(*d))
                .cloned()
                .collect();
            values.sort();
            values.dedup();
            (*d, values)
        })
        .collect();
    let report = funnel_report(
        defs,
        table,
        deals,
        &FunnelQuestion {
            period: query.period,
            mode: query.mode,
            filter: query.filter(),
            breakdown_by: query.breakdown_by,
        },
    );
    let positions = detail_positions(&report);
    let result = super::funnel::FunnelResult {
        funnel: report.funnel,
        previous: report.previous,
        last_year: report.last_year,
        deals: report.deals,
        coverage: report.coverage,
        pipelines: report.pipelines,
        stage_definitions: defs
            .lifecycle_stages
            .iter()
            .map(|s| {
                format!(
                    "{}: {} Enters when: {}",
                    s.name, s.definition, s.entry_criteria
                )
            })
            .collect(),
        breakdown: report.breakdown,
        strict: report.strict,
        trend: report
            .trend
            .into_iter()
            .map(|(q, f)| (q, f.stages.iter().map(|s| s.conversion_to_next).collect()))
            .collect(),
        choices,
        details: None,
        data: data.clone(),
        query,
    };
    Ok((result, positions))
}

/// Where the records behind the report's numbers are: every contact its funnels list,
/// every deal its deal numbers count.
fn detail_positions(
    report: &crate::metrics::report::FunnelReport,
) -> super::funnel::DetailPositions {
    let contacts = [&report.funnel, &report.strict]
        .into_iter()
        .flat_map(|f| &f.stages)
        .flat_map(|s| s.records.iter().chain(&s.skipped_records))
        .copied()
        .collect();
    let d = &report.deals;
    let deals = d
        .won_records
        .iter()
        .chain(&d.lost_records)
        .chain(&d.open_records)
        .chain(&report.coverage.records)
        .copied()
        .collect();
    super::funnel::DetailPositions { contacts, deals }
}

/// The full records at `positions` of the data's tables, read from the store by key.
fn funnel_details(
    ws: &Workspace,
    data: &super::funnel::FunnelData,
    positions: super::funnel::DetailPositions,
) -> Result<super::funnel::FunnelDetails, String> {
    use super::funnel::RecordDetails;
    Ok(super::funnel::FunnelDetails {
        contacts: RecordDetails::fetch(
            positions.contacts,
            |p| data.contacts.key(p),
            |keys| ws.contacts_by_keys(keys).map_err(|e| e.to_string()),
        )?,
        deals: RecordDetails::fetch(
            positions.deals,
            |p| data.deals.key(p),
            |keys| ws.deals_by_keys(keys).map_err(|e| e.to_string()),
        )?,
    })
}

fn import_all(
    ws: &mut Workspace,
    files: Vec<PathBuf>,
    options: &ImportOptions,
    control: &ImportControl,
) -> Vec<FileResult> {
    let mut results = Vec::new();
    for file in files {
        if control.is_cancelled() {
            results.push(FileResult::Failed {
                error: ImportError::Cancelled { file: file.clone() },
                file,
            });
            continue;
        }
        results.push(match import_file(ws, &file, options, control) {
            Ok(ImportOutcome::Imported(batch)) => FileResult::Imported(batch),
            Ok(ImportOutcome::AlreadyImported(batch)) => {
                FileResult::AlreadyImported { file, batch }
            }
            Err(error) => FileResult::Failed { file, error },
        });
    }
    results
}

fn changed(db: &Path, f: impl FnOnce(&mut Workspace) -> Result<String, String>) -> JobOutcome {
    match Workspace::reopen(db).map_err(|e| e.to_string()) {
        Ok(mut ws) => {
            let message = f(&mut ws);
            JobOutcome::Changed {
                message,
                snapshot: snapshot(&ws),
            }
        }
        Err(e) => JobOutcome::Changed {
            message: Err(e.clone()),
            snapshot: Err(e),
        },
    }
}
