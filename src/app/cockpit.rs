//! The app's state: the workspace open, what the views show and were asked to show, and
//! the background work under way. Commands change it in [`super::apply`], job outcomes
//! in [`super::handle`], and [`super::frame`] draws it each frame.

use std::path::{Path, PathBuf};

use super::jobs::{Job, Pick};
use super::persisted::Persisted;
use super::scheduler::{DamageCheck, Scheduler};
use super::view_state::{FunnelState, LeaksState, MaturityState};
use crate::definitions::Definitions;
use crate::definitions::fiscal::Quarter;
use crate::definitions::impact::ImpactPreview;
use crate::view_model::definitions::DefinitionsDraft;
use crate::view_model::file_box::FileBox;
use crate::view_model::funnel::{FunnelQuery, FunnelResult};
use crate::view_model::import::BatchDetail;
use crate::view_model::leaks::{LeaksQuery, LeaksResult};
use crate::view_model::mapping::MappingDraft;
use crate::view_model::navigation::View;
use crate::view_model::notice::{Notice, NoticeAction};
use crate::view_model::workspace::WorkspaceSnapshot;
use crate::workspace::BatchSummary;

pub(super) const PERSIST_KEY: &str = "revops-cockpit";

/// How the app starts on its workspace.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StartMode {
    /// No workspace yet: create it and load the sample data.
    FirstLaunch,
    /// Open the workspace as it is.
    Open,
}

/// The app.
pub struct CockpitApp {
    pub(super) db: PathBuf,
    pub(super) persisted: Persisted,
    pub(super) snapshot: WorkspaceSnapshot,
    /// Whether the first read of the workspace has arrived.
    pub(super) loaded: bool,
    pub(super) selected_batch: Option<i64>,
    pub(super) detail: Option<(i64, BatchDetail)>,
    pub(super) jobs: Scheduler,
    /// The check found the file damaged: what the jobs started on it return is dropped
    /// until a backup replaces it.
    pub(super) damaged: bool,
    /// The damaged file's latest backup, offered in every view until it is restored.
    pub(super) damaged_backup: Option<PathBuf>,
    pub(super) notice: Option<Notice>,
    /// The column mapping being made or edited, shown instead of the Import view.
    pub(super) mapping: Option<MappingDraft>,
    /// The as-of date typed for the next imports; blank for each file's modified date.
    pub(super) as_of_text: String,
    /// The definitions being edited, and the reason typed for saving them.
    pub(super) definitions_draft: Option<DefinitionsDraft>,
    /// The last comparison of two definitions versions.
    pub(super) comparison: Option<(i64, i64, Vec<String>)>,
    /// The impact preview and the definitions it was worked out for.
    pub(super) impact: Option<(Definitions, ImpactPreview)>,
    pub(super) funnel: FunnelState,
    pub(super) leaks: LeaksState,
    pub(super) maturity: MaturityState,
    pub(super) scorecard: super::view_state::ScorecardState,
    /// Counts the numbers taken in, so each arrival tells the views it is new.
    pub(super) numbers_taken: u64,
    /// Whether the first frame has rendered the views' glyphs.
    pub(super) glyphs_warm: bool,
    /// Whether the window was made to fit the screen it opened on.
    pub(super) window_fitted: bool,
    /// The app's own file box on screen, and what its path is for.
    pub(super) file_box: Option<(Pick, FileBox)>,
    /// Ask for paths in the app's own box: the system showed no dialog when asked.
    pub(super) own_file_boxes: bool,
    /// The screens the window system reports, for the deck's placement.
    pub(super) screens: super::Screens,
    /// Where the window is on the desktop, as of the last frame, as far as known.
    pub(super) window_on_desktop: crate::view_model::screens::WindowOnDesktop,
}

impl CockpitApp {
    /// Creates the app on workspace `db`, restoring what the last session remembered.
    pub fn new(cc: &eframe::CreationContext<'_>, db: PathBuf, start: StartMode) -> Self {
        crate::ui::theme::apply(&cc.egui_ctx);
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
            jobs: Scheduler::new(cc.egui_ctx.clone()),
            damaged: false,
            damaged_backup: None,
            notice: None,
            mapping: None,
            as_of_text: String::new(),
            definitions_draft: None,
            comparison: None,
            impact: None,
            funnel: FunnelState::default(),
            leaks: LeaksState::default(),
            maturity: MaturityState::default(),
            scorecard: super::view_state::ScorecardState::default(),
            numbers_taken: 0,
            glyphs_warm: false,
            window_fitted: false,
            file_box: None,
            own_file_boxes: false,
            screens: super::Screens::default(),
            window_on_desktop: Default::default(),
        };
        match start {
            StartMode::FirstLaunch => app.jobs.push(Job::LoadSample),
            StartMode::Open => app.open_workspace(),
        }
        app
    }

    /// Asks for paths in the app's own file box from now on, as when the system shows no
    /// file dialog.
    pub fn use_own_file_boxes(&mut self) {
        self.own_file_boxes = true;
    }

    /// Reads the screens from `screens` from now on: the list the event loop keeps, or
    /// a test's.
    pub fn watch_screens(&mut self, screens: super::Screens) {
        self.screens = screens;
    }

    /// Asks the user for the path `pick` needs: in the system's dialog, or in the app's
    /// own box where the system has none.
    pub(super) fn ask_for_path(&mut self, pick: Pick) {
        if self.own_file_boxes {
            let file_box = pick.file_box(self.db.parent().map(Path::to_path_buf));
            self.file_box = Some((pick, file_box));
        } else {
            self.jobs.push(Job::Pick(pick));
        }
    }

    /// The workspace file in use.
    pub fn workspace_path(&self) -> &Path {
        &self.db
    }

    /// The batches currently shown.
    pub fn batches(&self) -> &[BatchSummary] {
        &self.snapshot.batches
    }

    /// Whether background work is under way or queued, the consistency check included.
    pub fn is_busy(&self) -> bool {
        self.jobs.has_jobs()
            || self.jobs.damage_check() != DamageCheck::Finished
            || self.funnel.to_keep.is_some()
    }

    /// Where the check of the open file for damage is.
    pub fn damage_check(&self) -> DamageCheck {
        self.jobs.damage_check()
    }

    /// The notice shown, if any.
    pub fn notice(&self) -> Option<&Notice> {
        self.notice.as_ref()
    }

    /// The view shown.
    pub fn view(&self) -> View {
        self.persisted.last_view
    }

    /// The definitions form, if the definitions have been read.
    pub fn definitions_draft(&self) -> Option<&DefinitionsDraft> {
        self.definitions_draft.as_ref()
    }

    /// The Leaks view's numbers, once computed for the workspace's records and
    /// definitions as they are now: numbers of data since changed are never shown.
    pub fn leaks_result(&self) -> Option<&LeaksResult> {
        let now = self.leaks_query()?;
        self.leaks
            .result
            .as_ref()
            .filter(|r| r.query.same_records(&now))
    }

    /// The Funnel view's numbers, once computed for the workspace's records and
    /// definitions as they are now: numbers of data since changed are never shown.
    pub fn funnel_result(&self) -> Option<&FunnelResult> {
        let now = self.funnel_query()?;
        self.funnel
            .result
            .as_ref()
            .filter(|r| r.query.same_records(&now))
    }

    /// The Pillar maturity view's numbers, once computed for the workspace's records and
    /// definitions as they are now.
    pub fn maturity_result(&self) -> Option<&crate::view_model::maturity::MaturityResult> {
        let now = self.maturity_query()?;
        self.maturity
            .result
            .as_ref()
            .filter(|r| r.query.same_records(&now) && r.query.period == now.period)
    }

    /// The column mapping being edited, if any.
    pub fn mapping_draft(&self) -> Option<&MappingDraft> {
        self.mapping.as_ref()
    }

    /// The quarter the views show: the one chosen, else the latest with records.
    pub(super) fn period(&self) -> Option<Quarter> {
        self.persisted
            .period
            .or_else(|| self.snapshot.latest_period())
    }

    /// Reads the workspace for the views, then checks the file for damage.
    pub(super) fn open_workspace(&mut self) {
        self.jobs.push(Job::Refresh);
        // Tables read from the file open before are not this one's to keep.
        self.funnel.to_keep = None;
        self.funnel.kept_generation = None;
        self.jobs.check_again();
    }

    /// Opens the workspace at `path` in place of this one, once no work is under way.
    pub(super) fn switch_workspace(&mut self, path: PathBuf) {
        if self.is_busy() {
            self.notice = Some(Notice::new(
                crate::view_model::notice::NoticeKind::Info,
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

    /// Shows that the file is damaged, with its latest backup, instead of its numbers.
    pub(super) fn show_damage(&mut self, message: String, backup: Option<PathBuf>) {
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
        let mut notice = Notice::new(crate::view_model::notice::NoticeKind::Error, message);
        if let Some(backup) = &backup {
            notice = notice.offering(NoticeAction::RestoreBackup(backup.clone()));
        }
        self.damaged_backup = backup;
        self.notice = Some(notice);
    }

    /// Starts the definitions form over the version in force, unless the user has
    /// unsaved edits to it.
    pub(super) fn sync_definitions_draft(&mut self) {
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

    /// The query the Funnel view needs now, if the workspace has been read and has data.
    fn funnel_query(&self) -> Option<FunnelQuery> {
        if self.snapshot.batches.is_empty() {
            return None;
        }
        Some(FunnelQuery {
            period: self.period()?,
            mode: self.funnel.mode,
            filter: self.funnel.filter.clone(),
            breakdown_by: self.funnel.breakdown_by,
            definitions_version: self.snapshot.definitions_version()?,
            batches: self.snapshot.batch_ids(),
            generation: self.snapshot.generation,
        })
    }

    /// The query the Leaks view needs now, if the workspace has been read and has data.
    fn leaks_query(&self) -> Option<LeaksQuery> {
        if self.snapshot.batches.is_empty() {
            return None;
        }
        Some(LeaksQuery {
            period: self.period()?,
            definitions_version: self.snapshot.definitions_version()?,
            batches: self.snapshot.batch_ids(),
            generation: self.snapshot.generation,
        })
    }

    /// The quarter shown, or with no data yet today's quarter.
    pub(super) fn period_or_today(&self) -> Quarter {
        self.period().unwrap_or_else(|| {
            Quarter::of(
                chrono::Local::now().date_naive(),
                self.snapshot.fiscal_start_month(),
            )
        })
    }

    /// The query the Pillar maturity view needs now, once the workspace has been read:
    /// with no data yet the current quarter, whose signals say what would measure them.
    pub(super) fn maturity_query(&self) -> Option<crate::view_model::maturity::MaturityQuery> {
        if !self.loaded {
            return None;
        }
        let period = self.period_or_today();
        Some(crate::view_model::maturity::MaturityQuery {
            period,
            definitions_version: self.snapshot.definitions_version(),
            batches: self.snapshot.batch_ids(),
            generation: self.snapshot.generation,
        })
    }

    /// Sends the shown view's query to the background once, when it changed and nothing
    /// else waits to run.
    pub(super) fn request_numbers(&mut self) {
        if self.jobs.has_jobs() {
            return;
        }
        if self.scorecard.deck.is_some() {
            // A number on a slide opens the Funnel's or a leak's records.
            self.request_funnel();
            self.request_leaks();
            return;
        }
        match self.persisted.last_view {
            View::Funnel => self.request_funnel(),
            View::Leaks => self.request_leaks(),
            View::Maturity => {
                let Some(query) = self.maturity_query() else {
                    return;
                };
                if self.maturity.requested.as_ref() != Some(&query) {
                    self.maturity.requested = Some(query.clone());
                    // The funnel's tables and the leaks' contacts serve when they are of
                    // these records.
                    let tables = self.funnel.tables_of(
                        query.generation,
                        query.definitions_version,
                        &query.batches,
                    );
                    let leaks = self.leaks.result.as_ref().filter(|r| {
                        r.query.generation == query.generation
                            && Some(r.query.definitions_version) == query.definitions_version
                            && r.query.batches == query.batches
                    });
                    self.jobs.push(Job::ComputeMaturity {
                        query: Box::new(query),
                        tables,
                        leads: leaks.map(|r| r.leads.clone()),
                        known: leaks.map(|r| (r.query.period, r.report.clone())),
                    });
                }
            }
            View::Scorecard => self.request_scorecard(),
            _ => {}
        }
    }

    /// Asks for the Funnel view's numbers once when its query changed.
    fn request_funnel(&mut self) {
        let Some(query) = self.funnel_query() else {
            return;
        };
        if self.funnel.requested.as_ref() != Some(&query) {
            self.funnel.requested = Some(query.clone());
            let tables = self.funnel.tables_for(&query);
            self.jobs.push(Job::ComputeFunnel {
                query: Box::new(query),
                tables,
            });
        }
    }

    /// Asks for the Handoff leaks view's numbers once when its query changed.
    fn request_leaks(&mut self) {
        let Some(query) = self.leaks_query() else {
            return;
        };
        if self.leaks.requested.as_ref() != Some(&query) {
            self.leaks.requested = Some(query.clone());
            let leads = self.leaks.leads_for(&query);
            self.jobs.push(Job::ComputeLeaks {
                query: Box::new(query),
                leads,
            });
        }
    }

    /// Starts keeping the Funnel's tables in the workspace once the check has passed and
    /// nothing else waits to run: the next open reads them back rather than every record.
    pub(super) fn start_keeping_tables(&mut self) {
        if self.damaged || self.jobs.damage_check() != DamageCheck::Finished || self.jobs.has_jobs()
        {
            return;
        }
        if let Some(tables) = self.funnel.to_keep.take() {
            self.jobs.push(Job::KeepTables(tables));
            self.start_next_job();
        }
    }

    /// Starts the next queued job, saying so when it cannot start.
    pub(super) fn start_next_job(&mut self) {
        if let Err(e) = self.jobs.start_next(&self.db, self.damaged) {
            self.notice = Some(Notice::error(&e));
        }
    }

    /// A new value for numbers just taken in.
    pub(super) fn next_numbers(&mut self) -> u64 {
        self.numbers_taken += 1;
        self.numbers_taken
    }
}
