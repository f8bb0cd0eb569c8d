//! What the window remembers of the Funnel, Handoff leaks and Pillar maturity views while it runs: the
//! user's choices, the last numbers, and what was asked of the background.

use std::sync::Arc;

use crate::leaks::{LeakDimension, LeakKind, WorkListColumn};
use crate::metrics::from_store::FunnelTables;
use crate::metrics::{Dimension, Filter, FunnelMode};
use crate::view_model::funnel::{BreakdownColumn, DealList, FunnelQuery, FunnelResult};
use crate::view_model::leaks::{LeakColumn, LeaksQuery, LeaksResult};
use crate::view_model::maturity::{MaturityQuery, MaturityResult};
use crate::view_model::sort::Sort;

/// The Funnel view's choices and results.
#[derive(Debug, Clone)]
pub struct FunnelState {
    pub mode: FunnelMode,
    pub filter: Filter,
    pub breakdown_by: Dimension,
    pub breakdown_sort: Sort<BreakdownColumn>,
    pub result: Option<FunnelResult>,
    /// The query last sent to the background, so it is sent once.
    pub requested: Option<FunnelQuery>,
    /// Tables built from the records, to keep in the workspace for the next open once
    /// nothing else waits to run.
    pub to_keep: Option<Arc<FunnelTables>>,
    /// The generation whose tables the workspace keeps, or has been asked to keep.
    pub kept_generation: Option<i64>,
    /// The stage whose records are listed.
    pub selected_stage: Option<usize>,
    /// The deal list shown.
    pub selected_deals: Option<DealList>,
}

impl Default for FunnelState {
    fn default() -> Self {
        Self {
            mode: FunnelMode::default(),
            filter: Filter::all(),
            breakdown_by: Dimension::Segment,
            breakdown_sort: Sort::by(BreakdownColumn::Stage(0)),
            result: None,
            requested: None,
            to_keep: None,
            kept_generation: None,
            selected_stage: None,
            selected_deals: None,
        }
    }
}

impl FunnelState {
    /// The tables of the last result, when they are of the records of `generation` and
    /// `batches` under `definitions_version`: another view's numbers may read them.
    pub fn tables_of(
        &self,
        generation: i64,
        definitions_version: Option<i64>,
        batches: &[i64],
    ) -> Option<Arc<FunnelTables>> {
        let r = self.result.as_ref()?;
        (r.query.generation == generation
            && Some(r.query.definitions_version) == definitions_version
            && r.query.batches == batches)
            .then(|| r.tables.clone())
    }

    /// The tables of the last result, when they are of the records and definitions
    /// `query` asks about.
    pub fn tables_for(&self, query: &FunnelQuery) -> Option<Arc<FunnelTables>> {
        let r = self.result.as_ref()?;
        r.query.same_records(query).then(|| r.tables.clone())
    }
}

/// The Leaks view's choices and results.
#[derive(Debug, Clone)]
pub struct LeaksState {
    pub result: Option<LeaksResult>,
    /// The query last sent to the background, so it is sent once.
    pub requested: Option<LeaksQuery>,
    /// The leak whose breakdown and records are open.
    pub selected: Option<LeakKind>,
    pub dimension: LeakDimension,
    pub sort: Sort<WorkListColumn>,
    /// The table of leaks' sort: largest revenue at stake first until the user picks.
    pub table_sort: Sort<LeakColumn>,
}

impl Default for LeaksState {
    fn default() -> Self {
        Self {
            result: None,
            requested: None,
            selected: None,
            dimension: LeakDimension::Owner,
            sort: Sort::by(WorkListColumn::DaysLate),
            table_sort: Sort::by(LeakColumn::AtStake),
        }
    }
}

impl LeaksState {
    /// The contacts of the last result, when they are of the records and definitions
    /// `query` asks about.
    pub fn leads_for(&self, query: &LeaksQuery) -> Option<Arc<crate::leaks::Leads>> {
        let r = self.result.as_ref()?;
        r.query.same_records(query).then(|| r.leads.clone())
    }
}

/// The Pillar maturity view's results and questionnaire.
#[derive(Debug, Clone, Default)]
pub struct MaturityState {
    pub result: Option<MaturityResult>,
    /// The query last sent to the background, so it is sent once.
    pub requested: Option<MaturityQuery>,
    /// The questionnaire's page (a pillar's index), when it is open.
    pub questionnaire: Option<usize>,
    /// The signal whose records are listed, with them once read.
    pub records: Option<crate::view_model::maturity::SignalRecords>,
}

/// The Scorecard view's numbers, the template being edited, the page and its picture.
#[derive(Default)]
pub struct ScorecardState {
    pub result: Option<crate::view_model::scorecard::ScorecardResult>,
    /// The query last sent to the background, so it is sent once.
    pub requested: Option<crate::view_model::scorecard::ScorecardQuery>,
    pub draft: Option<crate::view_model::scorecard::ScorecardDraft>,
    /// This quarter's page, as the draft makes it.
    pub page: Option<Arc<crate::scorecard::Scorecard>>,
    pub paper: crate::scorecard::draw::Paper,
    /// The published scorecard shown instead of the draft.
    pub showing_published: Option<i64>,
    /// The page drawn last, and the page and paper last asked to be drawn.
    pub picture: Option<crate::view_model::scorecard::PagePicture>,
    pub asked_picture: Option<(
        Arc<crate::scorecard::Scorecard>,
        crate::scorecard::draw::Paper,
    )>,
    /// The picture's image, until the window uploads it; then its texture.
    pub image: Option<eframe::egui::ColorImage>,
    pub texture: Option<eframe::egui::TextureHandle>,
    /// The deck shown full screen, when presenting.
    pub deck: Option<crate::view_model::presentation::Deck>,
    /// Present once the page is worked out (asked for before it was).
    pub present_when_ready: bool,
    /// Where the window was asked to go full screen for the deck, if it was.
    pub full_screen: Option<crate::view_model::screens::Placement>,
}

impl std::fmt::Debug for ScorecardState {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ScorecardState")
            .field("requested", &self.requested)
            .field("paper", &self.paper)
            .field("showing_published", &self.showing_published)
            .finish_non_exhaustive()
    }
}
