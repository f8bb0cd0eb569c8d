//! The eframe app: holds the state, polls background jobs in `logic()`, draws the views
//! in `ui()` and applies the commands they return.

use std::collections::VecDeque;
use std::path::PathBuf;
use std::time::Duration;

use eframe::egui;

use super::command::Command;
use super::jobs::{
    BatchDetail, FileResult, Job, JobOutcome, Message, RunningJob, WorkspaceSnapshot,
};
use super::mapping::MappingDraft;
use super::notice::{Notice, NoticeKind};
use super::state::{Persisted, Quarter, View};
use crate::import::ImportError;
use crate::ui;

const PERSIST_KEY: &str = "revops-cockpit";

/// How the app starts on its workspace.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StartMode {
    /// No workspace yet: create it and load the sample data.
    FirstLaunch,
    /// Open the workspace as it is.
    Open,
}

/// Where the session's check of the workspace file for damage is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DamageCheck {
    /// Waiting for the reads queued before it.
    Waiting,
    Running,
    /// Done (or the file was not opened to be checked).
    Finished,
}

/// The session's check of the workspace file, with the job while it runs.
enum Check {
    /// Waiting for the reads queued before it (the view's numbers come first): it starts
    /// when no read is left to run, or before anything that writes.
    Waiting,
    Running(RunningJob),
    Finished,
}

/// The app.
pub struct CockpitApp {
    db: PathBuf,
    persisted: Persisted,
    snapshot: WorkspaceSnapshot,
    /// Whether the first read of the workspace has arrived.
    loaded: bool,
    selected_batch: Option<i64>,
    detail: Option<(i64, BatchDetail)>,
    job: Option<RunningJob>,
    queue: VecDeque<Job>,
    /// The consistency check of the file opened, once its first reads are done: until
    /// it is done no job that writes starts.
    check: Check,
    /// The check found the file damaged: what the jobs started on it return is dropped
    /// until a backup replaces it.
    damaged: bool,
    /// The damaged file's latest backup, offered in every view until it is restored.
    damaged_backup: Option<PathBuf>,
    notice: Option<Notice>,
    /// The column mapping being made or edited, shown instead of the Import view.
    mapping: Option<MappingDraft>,
    /// The as-of date typed for the next imports; blank for each file's modified date.
    as_of_text: String,
    /// The definitions being edited, and the reason typed for saving them.
    definitions_draft: Option<DefinitionsDraft>,
    /// The last comparison of two definitions versions.
    comparison: Option<(i64, i64, Vec<crate::definitions::diff::Change>)>,
    /// The impact preview and the definitions it was worked out for.
    impact: Option<(
        crate::definitions::Definitions,
        crate::definitions::impact::ImpactPreview,
    )>,
    funnel: super::funnel::FunnelState,
    leaks: super::leaks::LeaksState,
    /// Whether the first frame has rendered the views' glyphs.
    glyphs_warm: bool,
    /// Where the last frame's time went.
    phases: super::frame_phases::FramePhases,
    ctx: egui::Context,
}

/// The Definitions view's form: an editable copy of the version in force.
#[derive(Debug, Clone, PartialEq)]
pub struct DefinitionsDraft {
    pub based_on: i64,
    pub definitions: crate::definitions::Definitions,
    pub reason: String,
    /// A holiday date being typed.
    pub holiday_input: String,
    /// A currency code being typed.
    pub currency_input: String,
    /// An owner's name being typed, to add to a team.
    pub member_input: String,
    /// A deal stage the user asked to remove while mappings point at it, and the stage
    /// chosen to receive them.
    pub removing_deal_stage: Option<(usize, Option<String>)>,
    /// The two versions picked for comparison in the history.
    pub compare: (i64, i64),
}

impl DefinitionsDraft {
    /// A form over `definitions` of version `based_on`.
    pub fn new(based_on: i64, definitions: crate::definitions::Definitions) -> Self {
        Self {
            based_on,
            definitions,
            reason: String::new(),
            holiday_input: String::new(),
            currency_input: String::new(),
            member_input: String::new(),
            removing_deal_stage: None,
            compare: (1, based_on),
        }
    }
}

impl CockpitApp {
    /// Creates the app on workspace `db`, restoring what the last session remembered.
    pub fn new(cc: &eframe::CreationContext<'_>, db: PathBuf, start: StartMode) -> Self {
        super::memory_return::return_freed_memory_in_the_background();
        ui::theme::apply(&cc.egui_ctx);
        let mut persisted: Persisted = cc
            .storage
            .and_then(|s| eframe::get_value(s, PERSIST_KEY))
            .unwrap_or_default();
        persisted.remember_workspace(&db);
        let mut app = Self {
            db,
            persisted,
            snapshot: WorkspaceSnapshot::default(),
            loaded: false,
            selected_batch: None,
            detail: None,
            job: None,
            queue: VecDeque::new(),
            check: Check::Finished,
            damaged: false,
            damaged_backup: None,
            notice: None,
            mapping: None,
            as_of_text: String::new(),
            definitions_draft: None,
            comparison: None,
            impact: None,
            funnel: super::funnel::FunnelState::default(),
            leaks: super::leaks::LeaksState::default(),
            glyphs_warm: false,
            phases: super::frame_phases::FramePhases::default(),
            ctx: cc.egui_ctx.clone(),
        };
        match start {
            StartMode::FirstLaunch => app.queue.push_back(Job::LoadSample),
            StartMode::Open => app.open_workspace(),
        }
        app
    }

    /// The workspace file in use.
    pub fn workspace_path(&self) -> &std::path::Path {
        &self.db
    }

    /// The batches currently shown.
    pub fn batches(&self) -> &[crate::workspace::BatchSummary] {
        &self.snapshot.batches
    }

    /// Whether background work is under way or queued, the consistency check included.
    pub fn is_busy(&self) -> bool {
        self.has_jobs() || !matches!(self.check, Check::Finished) || self.funnel.to_keep.is_some()
    }

    /// Where the check of the open file for damage is.
    pub fn damage_check(&self) -> DamageCheck {
        match self.check {
            Check::Waiting => DamageCheck::Waiting,
            Check::Running(_) => DamageCheck::Running,
            Check::Finished => DamageCheck::Finished,
        }
    }

    /// Whether a job is under way or queued.
    fn has_jobs(&self) -> bool {
        self.job.is_some() || !self.queue.is_empty()
    }

    /// Reads the workspace for the views, then checks the file for damage.
    ///
    /// The check reads the whole file. Run beside the first reads (at the lowest
    /// priority) it still held the Funnel's numbers back at a million contacts on a
    /// 2-core machine (frames bench: on screen 1.34 to 1.80 s with it beside, 1.17 to
    /// 1.49 s without), so it waits for them; nothing writes until it has passed either
    /// way.
    fn open_workspace(&mut self) {
        self.queue.push_back(Job::Refresh);
        // Tables read from the file open before are not this one's to keep.
        self.funnel.to_keep = None;
        self.funnel.kept_generation = None;
        // A check of the file open before is dropped: what it finds no longer applies.
        self.check = Check::Waiting;
    }

    /// Starts the waiting check once no read is left to run before it.
    fn start_waiting_check(&mut self) {
        if !matches!(self.check, Check::Waiting)
            || self.job.is_some()
            || self.queue.front().is_some_and(Job::only_reads)
        {
            return;
        }
        let ctx = self.ctx.clone();
        match RunningJob::start(Job::Check, self.db.clone(), move || ctx.request_repaint()) {
            Ok(check) => self.check = Check::Running(check),
            Err(e) => {
                self.check = Check::Finished;
                self.notice = Some(Notice::new(NoticeKind::Error, e));
            }
        }
    }

    /// Starts keeping the Funnel's tables in the workspace once the check has passed and
    /// nothing else waits to run: the next open reads them back rather than every record.
    fn start_keeping_tables(&mut self) {
        if self.damaged || !matches!(self.check, Check::Finished) || self.has_jobs() {
            return;
        }
        if let Some(data) = self.funnel.to_keep.take() {
            self.queue.push_back(Job::KeepTables(data));
            self.start_next_job();
        }
    }

    /// Shows that the file is damaged, with its latest backup, instead of its numbers.
    fn show_damage(&mut self, message: String, backup: Option<PathBuf>) {
        self.damaged = true;
        self.funnel.to_keep = None;
        self.snapshot = WorkspaceSnapshot::default();
        self.loaded = false;
        self.selected_batch = None;
        self.detail = None;
        self.funnel.requested = None;
        self.leaks.requested = None;
        super::drop_later::drop_in_background((
            self.funnel.result.take(),
            self.leaks.result.take(),
        ));
        let mut notice = Notice::new(NoticeKind::Error, message);
        notice.restore_backup.clone_from(&backup);
        self.damaged_backup = backup;
        self.notice = Some(notice);
    }

    /// The notice shown, if any.
    pub fn notice(&self) -> Option<&Notice> {
        self.notice.as_ref()
    }

    /// The view shown.
    pub fn view(&self) -> View {
        self.persisted.last_view
    }

    fn period(&self) -> Option<Quarter> {
        self.persisted.period.or_else(|| {
            self.latest_as_of()
                .and_then(|d| Quarter::of_text(d, self.fiscal_start_month()))
        })
    }

    fn fiscal_start_month(&self) -> u32 {
        self.snapshot
            .definitions
            .as_ref()
            .map_or(1, |d| d.definitions.fiscal_year_start_month)
    }

    fn latest_as_of(&self) -> Option<&str> {
        self.snapshot.batches.iter().map(|b| b.as_of.as_str()).max()
    }

    /// Applies one command from a view.
    pub fn apply(&mut self, command: Command) {
        match command {
            Command::ShowView(view) => self.persisted.last_view = view,
            Command::SetPeriod(q) => self.persisted.period = Some(q),
            Command::PickFilesToImport => self.queue.push_back(Job::PickFiles),
            Command::ImportFiles(files) if !files.is_empty() => {
                self.persisted.last_view = View::Import;
                if let Some(as_of) = self.as_of_or_notice() {
                    self.queue.push_back(Job::Import {
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
                    self.queue.push_back(Job::Import {
                        files: vec![file],
                        date_order: Some(order),
                        as_of,
                    });
                }
            }
            Command::SetAsOfText(text) => self.as_of_text = text,
            Command::MapColumns(file) => {
                self.notice = None;
                self.queue.push_back(Job::Preview(file));
            }
            Command::EditPreset(name) => {
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
            Command::DeletePreset(name) => self.queue.push_back(Job::DeletePreset(name)),
            Command::SaveMapping => {
                if let Some(draft) = self.mapping.take_if(|d| d.problems().is_empty())
                    && let Some(as_of) = self.as_of_or_notice()
                {
                    self.queue.push_back(Job::SavePreset {
                        draft: Box::new(draft),
                        as_of,
                    });
                }
            }
            Command::CancelMapping => self.mapping = None,
            Command::CancelJob => {
                if let Some(job) = &self.job {
                    job.control.cancel();
                }
            }
            Command::SelectBatch(id) => {
                self.selected_batch = Some(id);
                self.queue.push_back(Job::LoadIssues(id));
            }
            Command::UndoBatch(id) => {
                self.selected_batch = None;
                self.detail = None;
                self.queue.push_back(Job::Undo(id));
            }
            Command::ExportIssues(id) => self.queue.push_back(Job::PickExportPath(id)),
            Command::StartEmptyWorkspace => {
                self.selected_batch = None;
                self.detail = None;
                self.queue.push_back(Job::RemoveSample);
            }
            Command::LoadSampleData => self.queue.push_back(Job::LoadSample),
            Command::OpenWorkspace(path) => self.switch_workspace(path),
            Command::PickWorkspaceToOpen => self.queue.push_back(Job::PickWorkspace),
            Command::ReplaceWithBackup(path) => {
                self.notice = None;
                self.queue.push_back(Job::ReplaceWithBackup(path));
            }
            Command::RestoreBackup(path) => {
                self.selected_batch = None;
                self.detail = None;
                self.queue.push_back(Job::RestoreBackup(path));
            }
            Command::DismissNotice => self.notice = None,
            Command::SetFunnelMode(mode) => self.funnel.mode = mode,
            Command::SetFunnelFilter(dimension, value) => self.funnel.filter.set(dimension, value),
            Command::SetFunnelBreakdown(dimension) => self.funnel.breakdown_by = dimension,
            Command::SetFunnelSort(column) => {
                let (current, descending) = self.funnel.breakdown_sort;
                self.funnel.breakdown_sort = (
                    column,
                    if current == column {
                        !descending
                    } else {
                        column != 0
                    },
                );
            }
            Command::SelectFunnelStage(stage) => self.funnel.selected_stage = stage,
            Command::SelectLeak(kind) => self.leaks.selected = kind,
            Command::SetLeakDimension(d) => self.leaks.dimension = d,
            Command::SetLeakSort(column) => {
                let (current, descending) = self.leaks.sort;
                self.leaks.sort = (
                    column,
                    if current == column {
                        !descending
                    } else {
                        column >= 4
                    },
                );
            }
            Command::Export(list) => {
                if let Some(records) = self.records_export(list) {
                    self.queue.push_back(Job::PickRecordsExportPath(records));
                }
            }
            Command::ExportTo(list, to) => {
                if let Some(records) = self.records_export(list) {
                    self.queue.push_back(Job::ExportRecords { to, records });
                }
            }
            Command::SelectFunnelDeals(list) => self.funnel.selected_deals = list,
            Command::SaveDefinitions => {
                if let Some(draft) = &self.definitions_draft {
                    self.queue.push_back(Job::SaveDefinitions {
                        definitions: Box::new(draft.definitions.clone()),
                        author: self.persisted.author_name.clone(),
                        reason: draft.reason.clone(),
                    });
                }
            }
            Command::PreviewImpact => {
                if let Some(draft) = &self.definitions_draft {
                    self.queue.push_back(Job::PreviewImpact {
                        definitions: Box::new(draft.definitions.clone()),
                        period: self.period(),
                    });
                }
            }
            Command::PickDefinitionsToImport => self.queue.push_back(Job::PickDefinitionsFile),
            Command::PickDefinitionsExportPath => {
                self.queue.push_back(Job::PickDefinitionsExportPath)
            }
            Command::DiscardDefinitionChanges => {
                self.definitions_draft = self
                    .snapshot
                    .definitions
                    .as_ref()
                    .map(|d| DefinitionsDraft::new(d.version.id, d.definitions.clone()));
            }
            Command::RestoreDefinitions(id) => {
                self.queue.push_back(Job::RestoreDefinitions {
                    id,
                    author: self.persisted.author_name.clone(),
                });
            }
            Command::CompareDefinitions { a, b } => {
                self.queue.push_back(Job::CompareDefinitions { a, b })
            }
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

    /// Starts the definitions form over the version in force, unless the user has
    /// unsaved edits to it.
    fn sync_definitions_draft(&mut self) {
        let Some(state) = &self.snapshot.definitions else {
            return;
        };
        let keep = self
            .definitions_draft
            .as_ref()
            .is_some_and(|d| d.based_on == state.version.id);
        if !keep {
            self.definitions_draft = Some(DefinitionsDraft::new(
                state.version.id,
                state.definitions.clone(),
            ));
        }
    }

    /// The definitions form, if the definitions have been read.
    pub fn definitions_draft(&self) -> Option<&DefinitionsDraft> {
        self.definitions_draft.as_ref()
    }

    /// The query the Funnel view needs now, if the workspace has been read.
    fn funnel_query(&self) -> Option<super::funnel::FunnelQuery> {
        let defs = self.snapshot.definitions.as_ref()?;
        Some(super::funnel::FunnelQuery {
            period: self.period()?,
            mode: self.funnel.mode,
            filter: self.funnel.filter.clone(),
            breakdown_by: self.funnel.breakdown_by,
            definitions_version: defs.version.id,
            batches: self.snapshot.batches.iter().map(|b| b.id).collect(),
        })
    }

    /// Sends the Funnel view's query to the background once, when it changed.
    fn request_funnel(&mut self) {
        if self.persisted.last_view != View::Funnel || self.has_jobs() {
            return;
        }
        let Some(query) = self.funnel_query() else {
            return;
        };
        if self.funnel.requested.as_ref() != Some(&query) {
            self.funnel.requested = Some(query.clone());
            let kept = self.funnel.result.as_ref().map(|r| r.data.clone());
            self.queue
                .push_back(Job::ComputeFunnel(Box::new(query), kept));
        }
    }

    /// Sends the Leaks view's query to the background once, when it changed.
    fn request_leaks(&mut self) {
        if self.persisted.last_view != View::Leaks || self.has_jobs() {
            return;
        }
        let (Some(defs), Some(period)) = (self.snapshot.definitions.as_ref(), self.period()) else {
            return;
        };
        if self.snapshot.batches.is_empty() {
            return;
        }
        let query = super::leaks::LeaksQuery {
            period,
            definitions_version: defs.version.id,
            batches: self.snapshot.batches.iter().map(|b| b.id).collect(),
        };
        if self.leaks.requested.as_ref() != Some(&query) {
            self.leaks.requested = Some(query.clone());
            let kept = self.leaks.result.as_ref().map(|r| r.data.clone());
            self.queue
                .push_back(Job::ComputeLeaks(Box::new(query), kept));
        }
    }

    /// The list `list` as it is on screen, to save; when the records behind it are not
    /// read yet, `None` and a notice saying so.
    fn records_export(
        &mut self,
        list: super::exports::ExportList,
    ) -> Option<Box<super::exports::RecordsExport>> {
        let records = super::exports::RecordsExport::of(list, &self.funnel, &self.leaks);
        if records.is_none() {
            self.notice = Some(Notice::new(
                NoticeKind::Info,
                "The records behind this number are still being read. Save them again in a moment.",
            ));
        }
        records.map(Box::new)
    }

    /// The Leaks view's numbers, once computed.
    pub fn leaks_result(&self) -> Option<&super::leaks::LeaksResult> {
        self.leaks.result.as_ref()
    }

    /// The Funnel view's numbers, once computed.
    pub fn funnel_result(&self) -> Option<&super::funnel::FunnelResult> {
        self.funnel.result.as_ref()
    }

    /// Where the app's part of the last frame went, phase by phase.
    pub fn last_frame_phases(&self) -> &super::frame_phases::FramePhases {
        &self.phases
    }

    /// The column mapping being edited, if any.
    pub fn mapping_draft(&self) -> Option<&MappingDraft> {
        self.mapping.as_ref()
    }

    fn switch_workspace(&mut self, path: PathBuf) {
        if self.is_busy() {
            self.notice = Some(Notice::new(
                NoticeKind::Info,
                "Wait for the current work to finish before switching workspaces.",
            ));
            return;
        }
        self.persisted.remember_workspace(&path);
        self.db = path;
        self.snapshot = WorkspaceSnapshot::default();
        self.loaded = false;
        self.selected_batch = None;
        self.detail = None;
        self.persisted.period = None;
        self.damaged = false;
        self.damaged_backup = None;
        self.open_workspace();
    }

    fn start_next_job(&mut self) {
        if self.job.is_some() {
            return;
        }
        if self.damaged {
            self.queue.retain(Job::allowed_on_damaged_file);
        }
        // Only reads run before or beside the consistency check: nothing is written into
        // a file that may be damaged.
        if !matches!(self.check, Check::Finished)
            && !self.queue.front().is_some_and(Job::only_reads)
        {
            return;
        }
        let Some(job) = self.queue.pop_front() else {
            return;
        };
        let ctx = self.ctx.clone();
        match RunningJob::start(job, self.db.clone(), move || ctx.request_repaint()) {
            Ok(running) => self.job = Some(running),
            Err(e) => self.notice = Some(Notice::new(NoticeKind::Error, e)),
        }
    }

    fn take_snapshot(&mut self, snapshot: Result<WorkspaceSnapshot, String>) {
        match snapshot {
            Ok(s) => {
                self.snapshot = s;
                self.loaded = true;
                self.sync_definitions_draft();
                if let Some(id) = self.selected_batch
                    && !self.snapshot.batches.iter().any(|b| b.id == id)
                {
                    self.selected_batch = None;
                    self.detail = None;
                }
            }
            Err(e) => self.notice = Some(Notice::new(NoticeKind::Error, e)),
        }
    }

    fn handle(&mut self, outcome: JobOutcome) {
        match outcome {
            JobOutcome::Refreshed(s) => self.take_snapshot(s),
            JobOutcome::Damaged { message, backup } => self.show_damage(message, backup),
            JobOutcome::Checked(Ok(())) => {}
            JobOutcome::Checked(Err(e)) => {
                self.notice = Some(Notice::new(
                    NoticeKind::Error,
                    format!("The workspace file could not be checked for damage: {e}"),
                ));
            }
            JobOutcome::Previewed(Ok(preview)) => {
                self.persisted.last_view = View::Import;
                self.mapping = Some(MappingDraft::from_preview(preview));
            }
            JobOutcome::PickedRecordsExportPath {
                to: Some(to),
                records,
            } => self.queue.push_front(Job::ExportRecords { to, records }),
            JobOutcome::PickedRecordsExportPath { to: None, .. } => {}
            JobOutcome::Funnel(result) => match result {
                Ok(result) => {
                    let same = self.funnel.result.as_ref().is_some_and(|r| {
                        r.query.period == result.query.period
                            && r.query.filter == result.query.filter
                    });
                    if !same {
                        self.funnel.selected_stage = None;
                        self.funnel.selected_deals = None;
                    }
                    let data = &result.data;
                    if self.funnel.kept_generation != Some(data.generation) {
                        self.funnel.kept_generation = Some(data.generation);
                        self.funnel.to_keep = (!data.kept).then(|| data.clone());
                    }
                    super::drop_later::drop_in_background(self.funnel.result.replace(*result));
                }
                Err(e) => self.notice = Some(Notice::new(NoticeKind::Error, e)),
            },
            // Kept tables only save time at the next open; not keeping them loses nothing,
            // and they are not tried again for the same records.
            JobOutcome::TablesKept { kept: Err(e) } => {
                eprintln!("The funnel's tables were not kept for the next open: {e}");
            }
            JobOutcome::TablesKept { kept: Ok(_) } => {}
            JobOutcome::FunnelDetails { query, details } => match details {
                Ok(details) => {
                    if let Some(r) = self.funnel.result.as_mut()
                        && r.query == *query
                    {
                        r.details = Some(std::sync::Arc::new(details));
                    }
                }
                Err(e) => self.notice = Some(Notice::new(NoticeKind::Error, e)),
            },
            JobOutcome::Leaks(result) => match result {
                Ok(result) => {
                    if self
                        .leaks
                        .result
                        .as_ref()
                        .is_some_and(|r| r.query.period != result.query.period)
                    {
                        self.leaks.selected = None;
                    }
                    super::drop_later::drop_in_background(self.leaks.result.replace(*result));
                }
                Err(e) => self.notice = Some(Notice::new(NoticeKind::Error, e)),
            },
            JobOutcome::LeakLists(lists) => match lists {
                Ok(lists) => {
                    if let Some(r) = self.leaks.result.as_mut()
                        && r.query == lists.query
                    {
                        r.lists = lists.lists;
                        r.breakdowns = lists.breakdowns;
                        r.lists_ready = true;
                    }
                }
                Err(e) => self.notice = Some(Notice::new(NoticeKind::Error, e)),
            },
            JobOutcome::Impact {
                definitions,
                preview,
            } => match preview {
                Ok(preview) => self.impact = Some((*definitions, preview)),
                Err(e) => self.notice = Some(Notice::new(NoticeKind::Error, e)),
            },
            JobOutcome::PickedDefinitionsFile(Some(path)) => {
                self.queue.push_front(Job::ReadDefinitionsFile(path))
            }
            JobOutcome::PickedDefinitionsExportPath(Some(path)) => {
                self.queue.push_front(Job::ExportDefinitions(path))
            }
            JobOutcome::PickedDefinitionsFile(None)
            | JobOutcome::PickedDefinitionsExportPath(None) => {}
            JobOutcome::DefinitionsFile(result) => match (result, &mut self.definitions_draft) {
                (Ok((path, defs)), Some(draft)) => {
                    draft.definitions = defs;
                    draft.reason = format!(
                        "Imported from {}",
                        path.file_name().map_or_else(
                            || path.display().to_string(),
                            |n| n.to_string_lossy().into_owned()
                        )
                    );
                    self.notice = Some(Notice::new(
                        NoticeKind::Info,
                        format!(
                            "Read {}: review the changes below, then save them as a new version.",
                            path.display()
                        ),
                    ));
                }
                (Ok(_), None) => {}
                (Err(e), _) => self.notice = Some(Notice::new(NoticeKind::Error, e)),
            },
            JobOutcome::Compared { a, b, changes } => match changes {
                Ok(changes) => self.comparison = Some((a, b, changes)),
                Err(e) => self.notice = Some(Notice::new(NoticeKind::Error, e)),
            },
            JobOutcome::Previewed(Err(e)) => self.notice = Some(Notice::new(NoticeKind::Error, e)),
            JobOutcome::Imported { results, snapshot } => {
                self.take_snapshot(snapshot);
                self.notice = Some(import_notice(&results));
                if let Some(FileResult::Imported(b)) = results
                    .iter()
                    .rev()
                    .find(|r| matches!(r, FileResult::Imported(_)))
                {
                    self.selected_batch = Some(b.id);
                    self.queue.push_back(Job::LoadIssues(b.id));
                }
            }
            JobOutcome::Changed { message, snapshot } => {
                self.take_snapshot(snapshot);
                self.notice = Some(match message {
                    Ok(m) => Notice::new(NoticeKind::Success, m),
                    Err(e) => Notice::new(NoticeKind::Error, e),
                });
            }
            JobOutcome::Detail { batch_id, detail } => match detail {
                Ok(detail) => self.detail = Some((batch_id, detail)),
                Err(e) => self.notice = Some(Notice::new(NoticeKind::Error, e)),
            },
            JobOutcome::Exported(result) => {
                self.notice = Some(match result {
                    Ok(path) => {
                        Notice::new(NoticeKind::Success, format!("Saved {}.", path.display()))
                    }
                    Err(e) => Notice::new(
                        NoticeKind::Error,
                        format!(
                            "The file could not be saved: {e}. Nothing was written over an existing file."
                        ),
                    ),
                });
            }
            JobOutcome::PickedFiles(files) => self.apply(Command::ImportFiles(files)),
            JobOutcome::PickedWorkspace(Some(path)) => self.apply(Command::OpenWorkspace(path)),
            JobOutcome::PickedExportPath {
                batch_id,
                to: Some(to),
            } => self.queue.push_front(Job::ExportIssues { batch_id, to }),
            JobOutcome::PickedWorkspace(None) | JobOutcome::PickedExportPath { to: None, .. } => {}
        }
    }

    fn progress_view(&self) -> Option<ui::import_view::ProgressView> {
        let check = match &self.check {
            Check::Running(check) => Some(check),
            Check::Waiting | Check::Finished => None,
        };
        let job = self.job.as_ref().or(check)?;
        let progress = job.control.progress();
        Some(ui::import_view::ProgressView {
            label: job.job.label(),
            progress,
            elapsed: job.started.elapsed(),
            cancellable: job.job.shows_progress(),
            cancelling: job.control.is_cancelled(),
        })
    }
}

fn import_notice(results: &[FileResult]) -> Notice {
    let mut lines = Vec::new();
    let mut kind = NoticeKind::Success;
    let mut ask = None;
    let mut map = None;
    for r in results {
        match r {
            FileResult::Imported(b) => lines.push(format!(
                "{}: {} — {} new, {} updated, {} rejected, {} with warnings (batch {}).",
                b.file,
                b.format,
                crate::text::thousands(b.rows_imported),
                crate::text::thousands(b.rows_updated),
                crate::text::thousands(b.rows_rejected),
                crate::text::thousands(b.rows_warned),
                b.id
            )),
            FileResult::AlreadyImported { file, batch } => {
                if kind == NoticeKind::Success {
                    kind = NoticeKind::Info;
                }
                lines.push(format!(
                    "{}: already imported as batch {} on {}; nothing changed.",
                    file.file_name().map_or_else(
                        || file.display().to_string(),
                        |n| n.to_string_lossy().into_owned()
                    ),
                    batch.id,
                    batch.imported_at
                ));
            }
            FileResult::Failed { file, error } => {
                kind = NoticeKind::Error;
                if matches!(error, ImportError::AmbiguousDateOrder { .. }) {
                    ask = Some(file.clone());
                }
                if matches!(error, ImportError::Unrecognised { .. }) {
                    map = Some(file.clone());
                }
                lines.push(crate::text::as_sentence(&error.to_string()));
            }
        }
    }
    Notice {
        kind,
        lines,
        ask_date_order_for: ask,
        map_columns_for: map,
        restore_backup: None,
    }
}

impl eframe::App for CockpitApp {
    fn logic(&mut self, ctx: &egui::Context, _frame: &mut eframe::Frame) {
        self.phases.start();
        if let Check::Running(check) = &self.check
            && let Some(message) = check.poll()
        {
            self.check = Check::Finished;
            self.handle(message.into_outcome());
        }
        if let Some(message) = self.job.as_ref().and_then(RunningJob::poll) {
            let job = self.job.as_ref().map(|j| &j.job);
            let replaces = job.is_some_and(Job::replaces_the_file);
            let allowed = job.is_some_and(Job::allowed_on_damaged_file);
            if matches!(message, Message::Last(_)) {
                self.job = None;
            }
            if replaces {
                self.damaged = false;
                self.damaged_backup = None;
            }
            if self.damaged && !allowed {
                super::drop_later::drop_in_background(message);
            } else {
                self.handle(message.into_outcome());
            }
        }
        self.phases.end("finished work taken in");
        let dropped: Vec<PathBuf> = ctx.input(|i| {
            i.raw
                .dropped_files
                .iter()
                .map(|f| f.path().to_owned())
                .collect()
        });
        if !dropped.is_empty() {
            self.apply(Command::ImportFiles(dropped));
        }
        self.request_funnel();
        self.request_leaks();
        self.start_next_job();
        self.start_waiting_check();
        self.start_keeping_tables();
        if self.job.is_some() {
            ctx.request_repaint_after(Duration::from_millis(100));
        }
        self.phases.end("new work asked for");
    }

    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        super::memory_return::frame_drawn();
        if !self.glyphs_warm {
            ui::glyph_warmup::warm_glyphs(ui.ctx());
            self.glyphs_warm = true;
        }
        self.phases.end("glyphs");
        let mut commands: Vec<Command> = Vec::new();
        let hovering_files = ui.ctx().input(|i| !i.raw.hovered_files.is_empty());
        let top = ui::top_bar::TopBarModel {
            workspace_path: &self.db,
            recent: &self.persisted.recent_workspaces,
            period: self.period(),
            periods: ui::top_bar::quarters_up_to(self.latest_as_of(), self.fiscal_start_month()),
            as_of: self.latest_as_of(),
            definitions_version: self.snapshot.definitions.as_ref().map(|d| d.version.id),
            sample: self.snapshot.only_sample,
            backups: &self.snapshot.backups,
            busy: self.is_busy(),
            damaged: self.damaged,
        };
        egui::Panel::top("top_bar")
            .show(ui, |ui| commands.extend(ui::top_bar::top_bar_ui(ui, &top)));
        self.phases.end("top bar");
        egui::Panel::left("nav")
            .resizable(false)
            .exact_size(200.0)
            .show(ui, |ui| {
                commands.extend(ui::nav::nav_ui(
                    ui,
                    self.persisted.last_view,
                    &self.snapshot.counts,
                ));
            });
        self.phases.end("navigation");
        egui::CentralPanel::default_margins().show(ui, |ui| {
            if let Some(notice) = &self.notice {
                commands.extend(ui::notice::notice_ui(ui, notice));
            }
            if self.damaged {
                // The backup is offered here once the notice offering it is dismissed.
                let offered = self
                    .notice
                    .as_ref()
                    .is_some_and(|n| n.restore_backup.is_some());
                let backup = self.damaged_backup.as_deref().filter(|_| !offered);
                commands.extend(ui::widgets::damaged_file_ui(ui, backup));
                return;
            }
            match self.persisted.last_view {
                View::Import if self.mapping.is_some() => {
                    let busy = self.is_busy();
                    if let Some(draft) = &mut self.mapping {
                        commands.extend(ui::mapping_view::mapping_view_ui(ui, draft, busy));
                    }
                }
                View::Import => {
                    let model = ui::import_view::ImportViewModel {
                        presets: &self.snapshot.presets,
                        as_of_text: &self.as_of_text,
                        batches: &self.snapshot.batches,
                        loaded: self.loaded,
                        selected: self.selected_batch,
                        detail: self
                            .detail
                            .as_ref()
                            .filter(|(id, _)| Some(*id) == self.selected_batch)
                            .map(|(_, d)| d),
                        progress: self.progress_view(),
                        busy: self.is_busy(),
                        hovering_files,
                    };
                    commands.extend(ui::import_view::import_view_ui(ui, &model));
                }
                View::Definitions => {
                    let busy = self.is_busy();
                    match (&self.snapshot.definitions, &mut self.definitions_draft) {
                        (Some(state), Some(draft)) => {
                            let model = ui::definitions_view::DefinitionsViewModel {
                                state,
                                comparison: self.comparison.as_ref(),
                                impact: self
                                    .impact
                                    .as_ref()
                                    .filter(|(defs, _)| *defs == draft.definitions)
                                    .map(|(_, preview)| preview),
                                busy,
                            };
                            commands.extend(ui::definitions_view::definitions_view_ui(
                                ui,
                                &model,
                                draft,
                                &mut self.persisted.author_name,
                            ));
                        }
                        _ => {
                            ui.label("Reading the definitions…");
                        }
                    }
                }
                View::Funnel => {
                    let model = ui::funnel_view::FunnelViewModel {
                        result: self.funnel.result.as_ref(),
                        mode: self.funnel.mode,
                        filter: &self.funnel.filter,
                        selected_stage: self.funnel.selected_stage,
                        selected_deals: self.funnel.selected_deals,
                        computing: self
                            .job
                            .as_ref()
                            .is_some_and(|j| matches!(j.job, Job::ComputeFunnel(..))),
                        definitions_version: self
                            .snapshot
                            .definitions
                            .as_ref()
                            .map(|d| d.version.id),
                        has_data: !self.snapshot.batches.is_empty(),
                        breakdown_sort: self.funnel.breakdown_sort,
                    };
                    commands.extend(ui::funnel_view::funnel_view_ui(ui, &model));
                }
                View::Leaks => {
                    let model = ui::leaks_view::LeaksViewModel {
                        result: self.leaks.result.as_ref(),
                        selected: self.leaks.selected,
                        dimension: self.leaks.dimension,
                        sort: self.leaks.sort,
                        computing: self
                            .job
                            .as_ref()
                            .is_some_and(|j| matches!(j.job, Job::ComputeLeaks(..))),
                        has_data: !self.snapshot.batches.is_empty(),
                    };
                    commands.extend(ui::leaks_view::leaks_view_ui(ui, &model));
                }
                other => ui::coming_soon::coming_soon_ui(ui, other, &self.snapshot.counts),
            }
        });
        self.phases.end("view");
        for command in commands {
            self.apply(command);
        }
        self.phases.end("commands applied");
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, PERSIST_KEY, &self.persisted);
    }
}
