//! The Funnel view's state: what the user chose and the last numbers computed for it.

use std::sync::Arc;

use crate::definitions::Definitions;
use crate::definitions::fiscal::Quarter;
use crate::metrics::breakdown::BreakdownRow;
use crate::metrics::contact_table::ContactTable;
use crate::metrics::deal_table::DealTable;
use crate::metrics::deals::DealMetrics;
use crate::metrics::{Dimension, Filter, FunnelMode, LifecycleFunnel};
use crate::model::{Contact, Deal};

/// The dimensions the Funnel view filters by.
pub const FILTERS: [Dimension; 4] = [
    Dimension::Segment,
    Dimension::Region,
    Dimension::Owner,
    Dimension::Source,
];

/// What the numbers are computed for; a change recomputes them in the background.
#[derive(Debug, Clone, PartialEq)]
pub struct FunnelQuery {
    pub period: Quarter,
    pub mode: FunnelMode,
    /// Segment, region, owner and source, combinable.
    pub filter: Filter,
    /// The dimension of the breakdown table.
    pub breakdown_by: Dimension,
    /// The definitions version and the batch ids the numbers follow.
    pub definitions_version: i64,
    pub batches: Vec<i64>,
}

impl FunnelQuery {
    /// The filter the query applies.
    pub fn filter(&self) -> Filter {
        self.filter.clone()
    }
}

/// The numbers for one query.
#[derive(Debug, Clone)]
pub struct FunnelResult {
    pub query: FunnelQuery,
    pub funnel: LifecycleFunnel,
    pub previous: LifecycleFunnel,
    pub last_year: LifecycleFunnel,
    pub deals: DealMetrics,
    pub coverage: crate::metrics::deals::Coverage,
    /// The deal-stage funnel of each pipeline, for deals created in the period.
    pub pipelines: Vec<crate::metrics::deal_funnel::PipelineFunnel>,
    /// The breakdown by the query's dimension.
    pub breakdown: Vec<BreakdownRow>,
    /// The same records counted the strict way, for "why does this differ from HubSpot?".
    pub strict: LifecycleFunnel,
    /// Stage-to-next conversion in each of the last eight quarters, oldest first.
    pub trend: Vec<(Quarter, Vec<Option<f64>>)>,
    /// Each stage's definition text, for hovering its name.
    pub stage_definitions: Vec<String>,
    /// Every value of each filter dimension in the data, for the filter menus.
    pub choices: Vec<(Dimension, Vec<String>)>,
    /// The full records behind the numbers, for the record lists: read after the
    /// numbers are on screen, `None` until then.
    pub details: Option<Arc<FunnelDetails>>,
    /// The records in memory the numbers were computed from, kept for the next query.
    pub data: Arc<FunnelData>,
}

impl FunnelResult {
    /// The full record of the contact at `position` of the contact table, once read.
    pub fn contact(&self, position: usize) -> Option<&Contact> {
        self.details.as_ref()?.contacts.get(position)
    }

    /// The full record of the deal at `position` of the deal table, once read.
    pub fn deal(&self, position: usize) -> Option<&Deal> {
        self.details.as_ref()?.deals.get(position)
    }

    /// Whether the full records behind the numbers have been read.
    pub fn details_ready(&self) -> bool {
        self.details.is_some()
    }
}

/// The full records behind a [`FunnelResult`]'s numbers.
#[derive(Debug, Default)]
pub struct FunnelDetails {
    /// Every contact the funnels list.
    pub contacts: RecordDetails<Contact>,
    /// Every deal the deal numbers count.
    pub deals: RecordDetails<Deal>,
}

/// Where in the contact and deal tables the records behind a result's numbers are.
#[derive(Debug, Default)]
pub struct DetailPositions {
    pub contacts: Vec<usize>,
    pub deals: Vec<usize>,
}

/// The workspace's records as the Funnel view reads them, read from the store once per
/// import, undo or definitions change and then kept, so a new quarter or filter only
/// recomputes over memory.
#[derive(Debug)]
pub struct FunnelData {
    /// The definitions version and batches this was read under.
    pub definitions_version: i64,
    pub batches: Vec<i64>,
    pub defs: Definitions,
    pub contacts: ContactTable,
    pub deals: DealTable,
    /// The records' generation the tables were built from (see
    /// [`crate::workspace::Workspace::generation`]).
    pub generation: i64,
    /// Whether the tables were read back from those the workspace keeps, rather than
    /// built from the records.
    pub kept: bool,
}

impl FunnelData {
    /// Whether this is still the data `query` asks about.
    pub fn serves(&self, query: &FunnelQuery) -> bool {
        self.definitions_version == query.definitions_version && self.batches == query.batches
    }
}

/// The full records of some contacts or deals, found by their position in the
/// [`ContactTable`] or [`DealTable`].
#[derive(Debug)]
pub struct RecordDetails<T> {
    /// Ascending positions, and the record at each.
    positions: Vec<usize>,
    records: Vec<T>,
}

impl<T> Default for RecordDetails<T> {
    fn default() -> Self {
        Self {
            positions: Vec::new(),
            records: Vec::new(),
        }
    }
}

impl<T> RecordDetails<T> {
    /// The details of these positions; `positions` must be ascending, one record each.
    pub fn new(positions: Vec<usize>, records: Vec<T>) -> Self {
        Self { positions, records }
    }

    /// The records at `positions` (any order, repeats allowed), each found by its store
    /// key through `fetch`, which answers in the order asked, `None` where a key is gone.
    pub fn fetch<E>(
        positions: impl IntoIterator<Item = usize>,
        key_of: impl Fn(usize) -> Option<i64>,
        fetch: impl FnOnce(&[i64]) -> Result<Vec<Option<T>>, E>,
    ) -> Result<Self, E> {
        let mut positions: Vec<usize> = positions.into_iter().collect();
        positions.sort_unstable();
        positions.dedup();
        let (positions, keys): (Vec<usize>, Vec<i64>) = positions
            .into_iter()
            .filter_map(|p| Some((p, key_of(p)?)))
            .unzip();
        let found = fetch(&keys)?;
        let (positions, records) = positions
            .into_iter()
            .zip(found)
            .filter_map(|(p, r)| Some((p, r?)))
            .unzip();
        Ok(Self::new(positions, records))
    }

    /// The record at `position` of the table, when it is one of those held.
    pub fn get(&self, position: usize) -> Option<&T> {
        let at = self.positions.binary_search(&position).ok()?;
        self.records.get(at)
    }
}

/// The deals behind one of the deal numbers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DealList {
    /// Won or lost in the period: behind the win rate.
    Closed,
    /// Won in the period: behind the won amounts and the sales cycle.
    Won,
    /// Open now: behind the open count and the velocity.
    Open,
    /// Open and due to close in the period: behind the coverage.
    Due,
}

impl DealList {
    /// What the list is, for its heading.
    pub fn label(self) -> &'static str {
        match self {
            Self::Closed => "closed (won or lost)",
            Self::Won => "won",
            Self::Open => "open",
            Self::Due => "open and due",
        }
    }

    /// A short name for a file.
    pub fn key(self) -> &'static str {
        match self {
            Self::Closed => "closed",
            Self::Won => "won",
            Self::Open => "open",
            Self::Due => "due",
        }
    }

    /// The positions of the deals in the list, in the deal table's order.
    pub fn positions(self, r: &FunnelResult) -> &[usize] {
        match self {
            Self::Closed => &r.deals.closed_records,
            Self::Won => &r.deals.won_records,
            Self::Open => &r.deals.open_records,
            Self::Due => &r.coverage.records,
        }
    }
}

/// The view's choices and results.
#[derive(Debug, Clone)]
pub struct FunnelState {
    pub mode: FunnelMode,
    pub filter: Filter,
    pub breakdown_by: Dimension,
    /// The breakdown table's sort column and whether it sorts descending.
    pub breakdown_sort: (usize, bool),
    pub result: Option<FunnelResult>,
    /// The query last sent to the background, so it is sent once.
    pub requested: Option<FunnelQuery>,
    /// Tables built from the records, to keep in the workspace for the next open once
    /// nothing else waits to run.
    pub to_keep: Option<Arc<FunnelData>>,
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
            breakdown_sort: (1, true),
            result: None,
            requested: None,
            to_keep: None,
            kept_generation: None,
            selected_stage: None,
            selected_deals: None,
        }
    }
}
