//! Takes in what the background jobs send back: new numbers for the views, the workspace
//! read again after a change, and notices that put errors in words.

use std::path::PathBuf;
use std::sync::Arc;

use super::CockpitApp;
use super::jobs::{FileResult, Job, JobError, JobOutcome, LeakLists, Pick, Saved};
use crate::import::ImportError;
use crate::view_model::command::Command;
use crate::view_model::funnel::FunnelResult;
use crate::view_model::leaks::LeaksResult;
use crate::view_model::mapping::MappingDraft;
use crate::view_model::navigation::View;
use crate::view_model::notice::{Notice, NoticeAction, NoticeKind};
use crate::view_model::workspace::WorkspaceSnapshot;
use crate::workspace::WorkspaceError;

impl CockpitApp {
    /// Takes in one outcome of a job.
    pub(super) fn handle(&mut self, outcome: JobOutcome) {
        match outcome {
            JobOutcome::Refreshed(s) => self.take_snapshot(s),
            JobOutcome::Checked(Ok(())) => {}
            JobOutcome::Checked(Err(e)) => {
                if !self.took_damage(&e) {
                    self.notice = Some(Notice::new(
                        NoticeKind::Error,
                        format!("The workspace file could not be checked for damage: {e}"),
                    ));
                }
            }
            JobOutcome::Previewed(Ok(preview)) => {
                self.persisted.last_view = View::Import;
                self.mapping = Some(MappingDraft::from_preview(preview));
            }
            JobOutcome::Funnel(Ok(result)) => self.take_funnel(*result),
            // Kept tables only save time at the next open; not keeping them loses nothing,
            // and they are not tried again for the same records.
            JobOutcome::TablesKept(Err(e)) => {
                eprintln!("The funnel's tables were not kept for the next open: {e}");
            }
            JobOutcome::TablesKept(Ok(_)) => {}
            JobOutcome::FunnelDetails {
                query,
                details: Ok(details),
            } => {
                let numbers = self.next_numbers();
                if let Some(r) = self.funnel.result.as_mut()
                    && r.query == *query
                {
                    r.details = Some(Arc::new(details));
                    r.numbers = numbers;
                }
            }
            JobOutcome::Leaks(Ok(result)) => self.take_leaks(*result),
            JobOutcome::LeakLists(Ok(lists)) => self.take_leak_lists(*lists),
            JobOutcome::Maturity(Ok(mut result)) => {
                result.numbers = self.next_numbers();
                // Answers given while it was measured are kept, not replaced.
                if let Some(shown) = &self.maturity.result
                    && shown.query.period == result.query.period
                    && shown.query.same_records(&result.query)
                {
                    result.answers = shown.answers.clone();
                    result.reassess();
                }
                self.maturity.result = Some(*result);
            }
            JobOutcome::AnswersSaved(Ok(())) | JobOutcome::ScorecardTemplateSaved(Ok(())) => {}
            JobOutcome::Scorecard(Ok(result)) => self.take_scorecard(*result),
            JobOutcome::ScorecardPicture(Ok(picture)) => {
                let (picture, image) = *picture;
                self.take_scorecard_picture(picture, image);
            }
            JobOutcome::ScorecardPublished(Ok((name, published))) => {
                self.take_published(&name, published);
            }
            JobOutcome::SignalRecords {
                signal,
                details: Ok(details),
            } => {
                if let Some(open) = self.maturity.records.as_mut()
                    && open.signal == signal
                {
                    open.details = Some(Arc::new(details));
                }
            }
            JobOutcome::Impact {
                definitions,
                preview: Ok(preview),
            } => self.impact = Some((*definitions, preview)),
            JobOutcome::DefinitionsFile(Ok((path, defs))) => {
                if let Some(draft) = &mut self.definitions_draft {
                    draft.definitions = defs;
                    draft.reason = format!("Imported from {}", crate::text::file_name(&path));
                    self.notice = Some(Notice::new(
                        NoticeKind::Info,
                        format!(
                            "Read {}: review the changes below, then save them as a new version.",
                            path.display()
                        ),
                    ));
                }
            }
            JobOutcome::Compared {
                a,
                b,
                changes: Ok(changes),
            } => self.comparison = Some((a, b, changes)),
            JobOutcome::Imported {
                results,
                snapshot,
                as_of_given,
            } => {
                self.take_snapshot(snapshot);
                self.notice = Some(import_notice(&results, as_of_given));
                // An export no format recognises is not an error: its columns are asked for.
                let unrecognised = results.iter().find_map(|r| match r {
                    FileResult::Failed {
                        file,
                        error: ImportError::Unrecognised { .. },
                    } => Some(file.clone()),
                    _ => None,
                });
                if let Some(file) = unrecognised {
                    self.jobs.push(Job::Preview(file));
                }
                if let Some(FileResult::Imported(b)) = results
                    .iter()
                    .rev()
                    .find(|r| matches!(r, FileResult::Imported(_)))
                {
                    self.selected_batch = Some(b.id);
                    self.jobs.push(Job::LoadIssues(b.id));
                }
            }
            JobOutcome::Changed { message, snapshot } => {
                self.take_snapshot(snapshot);
                self.notice = Some(match message {
                    Ok(m) => Notice::new(NoticeKind::Success, m),
                    Err(e) => Notice::error(&e),
                });
            }
            JobOutcome::Detail {
                batch_id,
                detail: Ok(detail),
            } => self.detail = Some((batch_id, detail)),
            JobOutcome::Exported(result) => {
                self.notice = Some(match result {
                    Ok(saved) => saved_notice(&saved),
                    Err(e) => Notice::new(
                        NoticeKind::Error,
                        format!(
                            "The file could not be saved: {e}. Nothing was written over an existing file."
                        ),
                    ),
                });
            }
            JobOutcome::Picked { pick, answer } if !answer.shown => {
                self.own_file_boxes = true;
                self.ask_for_path(pick);
            }
            JobOutcome::Picked { pick, answer } => self.picked(pick, answer.paths),
            JobOutcome::FolderShown(Ok(())) => {}
            JobOutcome::Previewed(Err(e))
            | JobOutcome::Funnel(Err(e))
            | JobOutcome::FunnelDetails {
                details: Err(e), ..
            }
            | JobOutcome::Leaks(Err(e))
            | JobOutcome::LeakLists(Err(e))
            | JobOutcome::Impact {
                preview: Err(e), ..
            }
            | JobOutcome::DefinitionsFile(Err(e))
            | JobOutcome::Compared {
                changes: Err(e), ..
            }
            | JobOutcome::Detail { detail: Err(e), .. }
            | JobOutcome::FolderShown(Err(e))
            | JobOutcome::Maturity(Err(e))
            | JobOutcome::SignalRecords {
                details: Err(e), ..
            }
            | JobOutcome::AnswersSaved(Err(e))
            | JobOutcome::Scorecard(Err(e))
            | JobOutcome::ScorecardPicture(Err(e))
            | JobOutcome::ScorecardTemplateSaved(Err(e))
            | JobOutcome::ScorecardPublished(Err(e)) => {
                if !self.took_damage(&e) {
                    self.notice = Some(Notice::error(&e));
                }
            }
        }
    }

    /// Follows a file dialog with what it was for, when a path was chosen.
    pub(super) fn picked(&mut self, pick: Pick, paths: Vec<PathBuf>) {
        let Some(first) = paths.first().cloned() else {
            return;
        };
        match pick {
            Pick::FilesToImport => self.apply(Command::ImportFiles(paths)),
            Pick::Workspace => self.apply(Command::OpenWorkspace(first)),
            Pick::DefinitionsFile => self.jobs.push_front(Job::ReadDefinitionsFile(first)),
            Pick::DefinitionsExportPath => self.jobs.push_front(Job::ExportDefinitions(first)),
            Pick::IssuesExportPath(batch_id) => self.jobs.push_front(Job::ExportIssues {
                batch_id,
                to: first,
            }),
            Pick::RecordsExportPath(records) => self
                .jobs
                .push_front(Job::ExportRecords { to: first, records }),
            Pick::ScorecardExportPath(export) => self
                .jobs
                .push_front(Job::ExportScorecard { to: first, export }),
        }
    }

    /// Shows the damage `error` reports, if it reports damage; whether it did.
    fn took_damage(&mut self, error: &JobError) -> bool {
        let Some(WorkspaceError::Damaged { latest_backup, .. }) = error.damaged() else {
            return false;
        };
        let backup = latest_backup.clone();
        self.show_damage(error.to_string(), backup);
        true
    }

    fn take_snapshot(&mut self, snapshot: Result<WorkspaceSnapshot, JobError>) {
        match snapshot {
            Ok(s) => {
                self.snapshot = s;
                self.loaded = true;
                // The quarter shown stays put from the first data on: an import never
                // moves it, the user does.
                if self.persisted.period.is_none() {
                    self.persisted.period = self.snapshot.latest_period();
                }
                self.sync_definitions_draft();
                if let Some(id) = self.selected_batch
                    && !self.snapshot.batches.iter().any(|b| b.id == id)
                {
                    self.selected_batch = None;
                    self.detail = None;
                }
            }
            Err(e) => {
                if !self.took_damage(&e) {
                    self.notice = Some(Notice::error(&e));
                }
            }
        }
    }

    fn take_funnel(&mut self, mut result: FunnelResult) {
        let version = result.query.definitions_version;
        result.restated_under = self
            .funnel
            .result
            .as_ref()
            .is_some_and(|r| r.query.definitions_version != version)
            .then_some(version);
        let same = self.funnel.result.as_ref().is_some_and(|r| {
            r.query.period == result.query.period && r.query.filter == result.query.filter
        });
        if !same {
            self.funnel.selected_stage = None;
            self.funnel.selected_deals = None;
        }
        let tables = &result.tables;
        if self.funnel.kept_generation != Some(tables.generation) {
            self.funnel.kept_generation = Some(tables.generation);
            self.funnel.to_keep = (!tables.kept).then(|| tables.clone());
        }
        result.numbers = self.next_numbers();
        super::drop_later::drop_in_background(self.funnel.result.replace(result));
    }

    fn take_leaks(&mut self, mut result: LeaksResult) {
        let version = result.query.definitions_version;
        result.restated_under = self
            .leaks
            .result
            .as_ref()
            .is_some_and(|r| r.query.definitions_version != version)
            .then_some(version);
        if self
            .leaks
            .result
            .as_ref()
            .is_some_and(|r| r.query.period != result.query.period)
        {
            self.leaks.selected = None;
        }
        result.numbers = self.next_numbers();
        super::drop_later::drop_in_background(self.leaks.result.replace(result));
    }

    fn take_leak_lists(&mut self, lists: LeakLists) {
        let numbers = self.next_numbers();
        if let Some(r) = self.leaks.result.as_mut()
            && r.query == lists.query
        {
            r.add_lists(lists.lists);
            r.numbers = numbers;
        }
    }
}

/// What an import came to, file by file, with what to do about each file refused, and
/// about a file whose own date (taken as its as-of, when none was given) is far after its
/// records.
fn import_notice(results: &[FileResult], as_of_given: bool) -> Notice {
    let mut lines = Vec::new();
    let mut kind = NoticeKind::Success;
    let mut actions = Vec::new();
    for r in results {
        match r {
            FileResult::Imported(b) => {
                lines.push(format!(
                    "{}: {} — {} new, {} updated, {} rejected, {} with warnings (batch {}).",
                    b.file,
                    b.format,
                    crate::text::thousands(b.rows_imported),
                    crate::text::thousands(b.rows_updated),
                    crate::text::thousands(b.rows_rejected),
                    crate::text::thousands(b.rows_warned),
                    b.id
                ));
                let newest = b
                    .as_of_far_after_records()
                    .filter(|_| !as_of_given)
                    .and_then(|d| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").ok());
                if let Some(newest) = newest {
                    if kind == NoticeKind::Success {
                        kind = NoticeKind::Info;
                    }
                    lines.push(format!(
                        "{} is judged as of {}, the day the file was saved, but its newest record is from {newest}. If the export was taken then, import it again as of that day: otherwise its {}s are judged as if a whole period had passed.",
                        b.file, b.as_of, b.object
                    ));
                    actions.push(NoticeAction::ReimportAsOf {
                        batch: b.id,
                        file: b.file_path.clone().into(),
                        as_of: newest,
                    });
                }
            }
            FileResult::AlreadyImported { file, batch } => {
                if kind == NoticeKind::Success {
                    kind = NoticeKind::Info;
                }
                lines.push(format!(
                    "{}: already imported as batch {} on {}; nothing changed.",
                    crate::text::file_name(file),
                    batch.id,
                    batch.imported_at
                ));
            }
            FileResult::Failed {
                file,
                error: ImportError::Unrecognised { .. },
            } => {
                if kind == NoticeKind::Success {
                    kind = NoticeKind::Info;
                }
                lines.push(format!(
                    "{}: we don't recognise this export yet. Tell us which column is which below; the mapping is kept for files of the same shape.",
                    crate::text::file_name(file)
                ));
            }
            FileResult::Failed { file, error } => {
                kind = NoticeKind::Error;
                if matches!(error, ImportError::AmbiguousDateOrder { .. }) {
                    actions.push(NoticeAction::AskDateOrder(file.clone()));
                }
                lines.push(crate::text::as_sentence(&error.to_string()));
            }
        }
    }
    Notice {
        kind,
        lines,
        actions,
    }
}

/// Where a file went and what it holds, with the folder a click away.
fn saved_notice(saved: &Saved) -> Notice {
    let notice = Notice::new(
        NoticeKind::Success,
        format!("Saved {} to {}.", saved.holds, saved.path.display()),
    );
    match saved.path.parent().filter(|p| !p.as_os_str().is_empty()) {
        Some(folder) => notice.offering(NoticeAction::ShowFolder(folder.to_path_buf())),
        None => notice,
    }
}
