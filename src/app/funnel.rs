//! The Funnel view's state: what the user chose and the last numbers computed for it.

use std::sync::Arc;

use crate::definitions::fiscal::Quarter;
use crate::metrics::breakdown::BreakdownRow;
use crate::metrics::deals::DealMetrics;
use crate::metrics::{Dimension, Filter, FunnelMode, LifecycleFunnel};
use crate::model::Contact;

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
    /// The contacts the stage rows index into, for the record lists.
    pub contacts: Arc<Vec<Contact>>,
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
    /// The stage whose records are listed.
    pub selected_stage: Option<usize>,
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
            selected_stage: None,
        }
    }
}
