//! Runs one job on its thread: opens the workspace, calls the library, and says what
//! came of it. Each job is a line here; the work is in the library.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use super::outcome::Saved;
use super::reads::{batch_detail, snapshot};
use super::{FileResult, Job, JobError, JobOutcome, numbers};
use crate::definitions::{file, impact, versions};
use crate::import::{ImportError, ImportOptions, ImportOutcome, import_file};
use crate::progress::WorkControl;
use crate::view_model::mapping::MappingDraft;
use crate::workspace::{Workspace, check_file, replace_with_backup};

/// Runs `job` on the workspace at `db`; `early` shows a first part of its result while it
/// goes on.
pub fn run(job: Job, db: &Path, control: &WorkControl, early: &dyn Fn(JobOutcome)) -> JobOutcome {
    // Every job reopens the file; the Check job that starts a session runs beside them.
    let open = || Workspace::reopen(db).map_err(JobError::from);
    match job {
        Job::Refresh => JobOutcome::Refreshed(open().and_then(|ws| snapshot(&ws))),
        Job::Check => {
            // The check reads the whole file; the reads the views wait for go first.
            super::priority::lowest_for_current_thread();
            JobOutcome::Checked(check_file(db).map_err(JobError::from))
        }
        Job::ReplaceWithBackup(backup) => JobOutcome::Changed {
            message: replace_with_backup(db, &backup)
                .map_err(JobError::from)
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
        } => {
            let options = ImportOptions {
                date_order,
                as_of,
                ..ImportOptions::default()
            };
            match open() {
                Ok(mut ws) => imported(&mut ws, files, &options, control),
                Err(e) => JobOutcome::Imported {
                    results: Vec::new(),
                    snapshot: Err(e),
                    as_of_given: options.as_of.is_some(),
                },
            }
        }
        // Undone first, so the records it replaced are back before the file is read again.
        Job::ReimportAsOf { batch, file, as_of } => match open() {
            Ok(mut ws) => match ws.undo_batch(batch) {
                Ok(_) => {
                    let options = ImportOptions {
                        as_of: Some(as_of),
                        ..ImportOptions::default()
                    };
                    imported(&mut ws, vec![file], &options, control)
                }
                Err(e) => JobOutcome::Changed {
                    message: Err(e.into()),
                    snapshot: snapshot(&ws),
                },
            },
            Err(e) => JobOutcome::Changed {
                message: Err(e),
                snapshot: open().and_then(|ws| snapshot(&ws)),
            },
        },
        Job::LoadSample => changed(db, |ws| {
            crate::sample::load_sample_data(ws, control)?;
            Ok("Loaded the sample data: Northwind Analytics, 2025.".to_owned())
        }),
        Job::RemoveSample => changed(db, |ws| {
            let n = ws.remove_sample_data()?;
            Ok(format!(
                "Removed {n} sample batch(es). The workspace is ready for your own exports."
            ))
        }),
        Job::Undo(id) => changed(db, |ws| {
            let b = ws.undo_batch(id)?;
            Ok(format!(
                "Undid batch {} ({}); the records it updated are back as they were.",
                b.id, b.file
            ))
        }),
        Job::LoadIssues(batch_id) => JobOutcome::Detail {
            batch_id,
            detail: open().and_then(|ws| Ok(batch_detail(&ws, batch_id)?)),
        },
        Job::ExportIssues { batch_id, to } => JobOutcome::Exported(open().and_then(|ws| {
            let issues = ws.row_issues(batch_id, usize::MAX)?;
            let rows = crate::export::write_row_issues_csv(&to, &issues)?;
            Ok(Saved::rows(to, rows))
        })),
        Job::Preview(path) => JobOutcome::Previewed(
            crate::import::preview::preview_file(&path, 12).map_err(JobError::from),
        ),
        Job::SavePreset { draft, as_of } => match open() {
            Ok(mut ws) => save_preset(&mut ws, &draft, as_of, control),
            Err(e) => JobOutcome::Changed {
                message: Err(e),
                snapshot: open().and_then(|ws| snapshot(&ws)),
            },
        },
        Job::DeletePreset(name) => changed(db, |ws| {
            ws.delete_preset(&name)?;
            Ok(format!(
                "Deleted the column mapping \"{name}\". Batches imported with it keep their records."
            ))
        }),
        Job::SaveDefinitions {
            definitions,
            author,
            reason,
        } => changed(db, |ws| {
            let v = versions::save(ws, &definitions, &author, &reason)?;
            Ok(format!(
                "Saved definitions version {} ({}). Every number now follows it.",
                v.id, v.reason
            ))
        }),
        Job::RestoreDefinitions { id, author } => changed(db, |ws| {
            let v = versions::restore(ws, id, &author, "")?;
            Ok(format!(
                "Definitions version {id} is in force again, as version {}.",
                v.id
            ))
        }),
        Job::PreviewImpact {
            definitions,
            period,
        } => JobOutcome::Impact {
            preview: open().and_then(|ws| Ok(impact::preview(&ws, &definitions, period)?)),
            definitions,
        },
        Job::CompareDefinitions { a, b } => JobOutcome::Compared {
            a,
            b,
            changes: open().and_then(|ws| Ok(versions::compare_in_words(&ws, a, b)?)),
        },
        Job::ComputeFunnel { query, tables } => match open() {
            Ok(ws) => numbers::funnel(&ws, *query, tables, early),
            Err(e) => JobOutcome::Funnel(Err(e)),
        },
        Job::KeepTables(tables) => {
            JobOutcome::TablesKept(open().and_then(|mut ws| Ok(tables.keep(&mut ws)?)))
        }
        Job::ComputeLeaks { query, leads } => match open() {
            Ok(ws) => numbers::leaks(&ws, *query, leads, early),
            Err(e) => JobOutcome::Leaks(Err(e)),
        },
        Job::ComputeMaturity {
            query,
            tables,
            leads,
            known,
        } => JobOutcome::Maturity(open().and_then(|ws| {
            numbers::maturity(&ws, *query, tables, leads, known, early).map(Box::new)
        })),
        Job::SaveMaturityAnswers {
            period,
            answers,
            by,
        } => JobOutcome::AnswersSaved(open().and_then(|mut ws| {
            Ok(ws.set_maturity_answers(&period.label(), &answers, &by, false)?)
        })),
        Job::ReadSignalRecords {
            signal,
            tables,
            positions,
        } => JobOutcome::SignalRecords {
            signal,
            details: open().and_then(|ws| {
                Ok(crate::metrics::details::FunnelDetails::read(
                    &ws,
                    &tables.contacts,
                    &tables.deals,
                    positions,
                )?)
            }),
        },
        Job::ComputeScorecard { query, tables } => JobOutcome::Scorecard(
            open()
                .and_then(|ws| super::scorecard::gather(&ws, *query, tables))
                .map(Box::new),
        ),
        Job::RenderScorecard { page, paper } => {
            JobOutcome::ScorecardPicture(super::scorecard::picture(page, paper).map(Box::new))
        }
        Job::SaveScorecardTemplate(t) => JobOutcome::ScorecardTemplateSaved(
            open().and_then(|ws| super::scorecard::save_template(&ws, &t)),
        ),
        Job::PublishScorecard { page, name, by } => JobOutcome::ScorecardPublished(
            open().and_then(|ws| super::scorecard::publish_page(&ws, &page, &name, &by)),
        ),
        Job::ExportScorecard { to, export } => {
            JobOutcome::Exported(super::scorecard::export(&export, to))
        }
        Job::SaveMaturityFramework(key) => {
            JobOutcome::AnswersSaved(open().and_then(|ws| Ok(ws.set_maturity_framework(&key)?)))
        }
        Job::RestoreBackup(path) => changed(db, |ws| {
            ws.restore_backup(&path)?;
            Ok(format!(
                "Restored the workspace from the backup {}. The state before the restore was backed up too.",
                path.file_stem().map_or_else(
                    || path.display().to_string(),
                    |n| n.to_string_lossy().into_owned()
                )
            ))
        }),
        Job::ExportRecords { to, records } => JobOutcome::Exported(
            records
                .write(&to)
                .map(|rows| Saved::rows(to, rows))
                .map_err(JobError::from),
        ),
        Job::ReadDefinitionsFile(path) => JobOutcome::DefinitionsFile(
            file::read_file(&path)
                .map(|d| (path, d))
                .map_err(JobError::from),
        ),
        Job::ExportDefinitions(path) => JobOutcome::Exported(open().and_then(|ws| {
            let (v, defs) = versions::current(&ws)?;
            file::write_file(&path, &defs)?;
            Ok(Saved {
                path,
                holds: format!("definitions version {}", v.id),
            })
        })),
        Job::Pick(pick) => JobOutcome::Picked {
            answer: pick.ask(),
            pick,
        },
        Job::ShowFolder(folder) => {
            JobOutcome::FolderShown(opener::open(&folder).map_err(JobError::from))
        }
    }
}

/// Saves the draft's column mapping, then imports its file with it when it has one.
fn save_preset(
    ws: &mut Workspace,
    draft: &MappingDraft,
    as_of: Option<NaiveDate>,
    control: &WorkControl,
) -> JobOutcome {
    let name = draft.name.trim().to_owned();
    let saved = (|| {
        let json = serde_json::to_string(&draft.mapping())?;
        ws.save_preset(&name, &draft.signature(), draft.object.as_str(), &json)?;
        if let Some(old) = draft.editing.as_ref().filter(|old| **old != name) {
            ws.delete_preset(old)?;
        }
        Ok::<_, JobError>(())
    })();
    if let Err(e) = saved {
        return JobOutcome::Changed {
            message: Err(JobError::MappingNotSaved(Box::new(e))),
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
            imported(ws, vec![file], &options, control)
        }
        None => JobOutcome::Changed {
            message: Ok(format!("Saved the column mapping \"{name}\".")),
            snapshot: snapshot(ws),
        },
    }
}

/// Imports `files` one after another, each in its own transaction, and reads the
/// workspace after; once cancelled, the files not started are reported cancelled.
fn imported(
    ws: &mut Workspace,
    files: Vec<PathBuf>,
    options: &ImportOptions,
    control: &WorkControl,
) -> JobOutcome {
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
    JobOutcome::Imported {
        results,
        snapshot: snapshot(ws),
        as_of_given: options.as_of.is_some(),
    }
}

/// Runs a change `f` on the workspace at `db` and reads the workspace after it.
fn changed(db: &Path, f: impl FnOnce(&mut Workspace) -> Result<String, JobError>) -> JobOutcome {
    match Workspace::reopen(db) {
        Ok(mut ws) => {
            let message = f(&mut ws);
            JobOutcome::Changed {
                message,
                snapshot: snapshot(&ws),
            }
        }
        // Read again for the views, which then say why it failed.
        Err(e) => JobOutcome::Changed {
            message: Err(e.into()),
            snapshot: Workspace::reopen(db)
                .map_err(JobError::from)
                .and_then(|ws| snapshot(&ws)),
        },
    }
}
