//! Applies the commands the views return: each changes the app's state or queues a job.

use super::CockpitApp;
use super::exports::RecordsExport;
use super::jobs::{Job, Pick};
use crate::view_model::command::{Command, ExportList};
use crate::view_model::definitions::DefinitionsDraft;
use crate::view_model::mapping::MappingDraft;
use crate::view_model::navigation::View;
use crate::view_model::notice::{Notice, NoticeKind};

impl CockpitApp {
    /// Applies one command from a view.
    pub fn apply(&mut self, command: Command) {
        match command {
            Command::ShowView(view) => self.persisted.last_view = view,
            Command::SetPeriod(q) => self.persisted.period = Some(q),
            Command::PickFilesToImport => self.ask_for_path(Pick::FilesToImport),
            Command::ImportFiles(files) if !files.is_empty() => {
                self.persisted.last_view = View::Import;
                if let Some(as_of) = self.as_of_or_notice() {
                    self.jobs.push(Job::Import {
                        files,
                        date_order: None,
                        as_of,
                    });
                }
            }
            Command::ImportFiles(_) => {}
            Command::RetryWithDateOrder { file, order } => {
                self.notice = None;
                if let Some(as_of) = self.as_of_or_notice() {
                    self.jobs.push(Job::Import {
                        files: vec![file],
                        date_order: Some(order),
                        as_of,
                    });
                }
            }
            Command::SetAsOfText(text) => self.as_of_text = text,
            Command::EditPreset(name) => self.edit_preset(&name),
            Command::DeletePreset(name) => self.jobs.push(Job::DeletePreset(name)),
            Command::SaveMapping => {
                if let Some(draft) = self.mapping.take_if(|d| d.problems().is_empty())
                    && let Some(as_of) = self.as_of_or_notice()
                {
                    self.jobs.push(Job::SavePreset {
                        draft: Box::new(draft),
                        as_of,
                    });
                }
            }
            Command::CancelMapping => self.mapping = None,
            Command::ReimportAsOf { batch, file, as_of } => {
                self.notice = None;
                self.selected_batch = None;
                self.detail = None;
                self.jobs.push(Job::ReimportAsOf { batch, file, as_of });
            }
            Command::CancelJob => self.jobs.cancel(),
            Command::SelectBatch(id) => {
                self.selected_batch = Some(id);
                self.jobs.push(Job::LoadIssues(id));
            }
            Command::UndoBatch(id) => {
                self.selected_batch = None;
                self.detail = None;
                self.jobs.push(Job::Undo(id));
            }
            Command::ExportIssues(id) => self.ask_for_path(Pick::IssuesExportPath(id)),
            Command::StartEmptyWorkspace => {
                self.selected_batch = None;
                self.detail = None;
                self.jobs.push(Job::RemoveSample);
            }
            Command::LoadSampleData => self.jobs.push(Job::LoadSample),
            Command::OpenWorkspace(path) => self.switch_workspace(path),
            Command::PickWorkspaceToOpen => self.ask_for_path(Pick::Workspace),
            Command::ReplaceWithBackup(path) => {
                self.notice = None;
                self.jobs.push(Job::ReplaceWithBackup(path));
            }
            Command::RestoreBackup(path) => {
                self.selected_batch = None;
                self.detail = None;
                self.jobs.push(Job::RestoreBackup(path));
            }
            Command::DismissNotice => self.notice = None,
            Command::SetFunnelMode(mode) => self.funnel.mode = mode,
            Command::SetFunnelFilter(dimension, value) => self.funnel.filter.set(dimension, value),
            Command::SetFunnelBreakdown(dimension) => self.funnel.breakdown_by = dimension,
            Command::SetFunnelSort(column) => {
                self.funnel.breakdown_sort = self.funnel.breakdown_sort.clicked(column);
            }
            Command::SelectFunnelStage(stage) => self.funnel.selected_stage = stage,
            Command::SelectFunnelDeals(list) => self.funnel.selected_deals = list,
            Command::SelectLeak(kind) => self.leaks.selected = kind,
            Command::SetLeakDimension(d) => self.leaks.dimension = d,
            Command::SetLeakSort(column) => self.leaks.sort = self.leaks.sort.clicked(column),
            Command::SetLeaksTableSort(column) => {
                self.leaks.table_sort = self.leaks.table_sort.clicked(column);
            }
            Command::Export(list) => {
                if let Some(records) = self.records_export(list) {
                    self.ask_for_path(Pick::RecordsExportPath(Box::new(records)));
                }
            }
            Command::ExportTo(list, to) => {
                if let Some(records) = self.records_export(list) {
                    self.jobs.push(Job::ExportRecords {
                        to,
                        records: Box::new(records),
                    });
                }
            }
            Command::SaveDefinitions => {
                if let Some(draft) = &self.definitions_draft {
                    self.jobs.push(Job::SaveDefinitions {
                        definitions: Box::new(draft.definitions.clone()),
                        author: self.persisted.author_name.clone(),
                        reason: draft.reason.clone(),
                    });
                }
            }
            Command::PreviewImpact => {
                if let Some(draft) = &self.definitions_draft {
                    self.jobs.push(Job::PreviewImpact {
                        definitions: Box::new(draft.definitions.clone()),
                        period: self.period(),
                    });
                }
            }
            Command::PickDefinitionsToImport => self.ask_for_path(Pick::DefinitionsFile),
            Command::PickDefinitionsExportPath => {
                self.ask_for_path(Pick::DefinitionsExportPath);
            }
            Command::DiscardDefinitionChanges => {
                self.definitions_draft = self
                    .snapshot
                    .definitions
                    .as_ref()
                    .map(|d| DefinitionsDraft::new(d.version.id, d.definitions.clone()));
            }
            Command::RestoreDefinitions(id) => {
                self.jobs.push(Job::RestoreDefinitions {
                    id,
                    author: self.persisted.author_name.clone(),
                });
            }
            Command::CompareDefinitions { a, b } => {
                self.jobs.push(Job::CompareDefinitions { a, b });
            }
            Command::ConfirmFileBox => {
                if let Some(paths) = self.file_box.as_mut().and_then(|(_, b)| b.confirm())
                    && let Some((pick, _)) = self.file_box.take()
                {
                    self.picked(pick, paths);
                }
            }
            Command::CancelFileBox => self.file_box = None,
            Command::SetMaturityAnswer { question, answer } => {
                self.answer_maturity(vec![(question, answer)]);
            }
            Command::OpenQuestionnaire(page) => self.maturity.questionnaire = page,
            Command::StartFromEarlierAnswers => self.start_from_earlier_answers(),
            Command::SetMaturityFramework(key) => self.set_maturity_framework(key),
            Command::OpenSignalRecords(signal) => self.open_signal_records(signal),
            Command::OpenLeak(kind) => {
                self.leaks.selected = Some(kind);
                self.persisted.last_view = View::Leaks;
            }
            Command::ShowFolder(folder) => self.jobs.push(Job::ShowFolder(folder)),
            Command::ScorecardEdited => self.scorecard_edited(),
            Command::SetScorecardPaper(paper) => {
                self.scorecard.paper = paper;
                self.ask_scorecard_picture();
            }
            Command::PublishScorecard => self.publish_scorecard(),
            Command::ExportScorecard(format) => self.export_scorecard(format),
            Command::ExportScorecardTo(format, to) => self.export_scorecard_to(format, to),
            Command::Present => {
                self.persisted.last_view = View::Scorecard;
                self.scorecard.present_when_ready = true;
                self.start_presenting();
            }
            Command::PresentKey(key) => self.present_key(key),
            Command::PresentOpen(spot) => {
                if let Some(deck) = self.scorecard.deck.as_mut() {
                    deck.open = Some(spot);
                }
            }
            Command::ShowPublishedScorecard(id) => {
                self.scorecard.showing_published = id;
                self.ask_scorecard_picture();
            }
        }
    }

    /// Opens the saved column mapping `name` in the mapping form.
    fn edit_preset(&mut self, name: &str) {
        self.mapping = self
            .snapshot
            .presets
            .iter()
            .find(|p| p.name == name)
            .and_then(MappingDraft::from_preset);
        if self.mapping.is_none() {
            self.notice = Some(Notice::new(
                NoticeKind::Error,
                format!(
                    "The column mapping \"{name}\" is damaged; delete it and map the file again."
                ),
            ));
        }
    }

    /// The as-of date for the next imports, or `None` after telling the user why the
    /// typed date cannot be read.
    fn as_of_or_notice(&mut self) -> Option<Option<chrono::NaiveDate>> {
        let text = self.as_of_text.trim();
        if text.is_empty() {
            return Some(None);
        }
        match chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d") {
            Ok(d) => Some(Some(d)),
            Err(_) => {
                self.notice = Some(Notice::new(
                    NoticeKind::Error,
                    format!(
                        "The as-of date \"{text}\" is not a date: write it as 2025-09-30, or leave it blank to use each file's modified date. Nothing was imported."
                    ),
                ));
                None
            }
        }
    }

    /// The list `list` as it is on screen, to save; when the records behind it are not
    /// read yet, `None` and a notice saying so.
    fn records_export(&mut self, list: ExportList) -> Option<RecordsExport> {
        let records = RecordsExport::of(list, &self.funnel, &self.leaks);
        if records.is_none() {
            self.notice = Some(Notice::new(
                NoticeKind::Info,
                "The records behind this number are still being read. Save them again in a moment.",
            ));
        }
        records
    }
}
