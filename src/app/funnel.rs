//! The Funnel view's state: what the user chose and the last numbers computed for it.

use std::sync::Arc;

use crate::definitions::fiscal::Quarter;
use crate::metrics::breakdown::BreakdownRow;
use crate::metrics::deals::DealMetrics;
use crate::metrics::{Dimension, Filter, FunnelMode, LifecycleFunnel};
use crate::model::Contact;

/// What the numbers are computed for; a change recomputes them in the background.
#[derive(Debug, Clone, PartialEq)]
pub struct FunnelQuery {
    pub period: Quarter,
    pub mode: FunnelMode,
    pub segment: Option<String>,
    /// The definitions version and the batch ids the numbers follow.
    pub definitions_version: i64,
    pub batches: Vec<i64>,
}

impl FunnelQuery {
    /// The filter the query applies.
    pub fn filter(&self) -> Filter {
        self.segment.as_ref().map_or_else(Filter::all, |s| {
            Filter::all().with(Dimension::Segment, s.clone())
        })
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
    pub by_segment: Vec<BreakdownRow>,
    /// Every segment in the data, for the filter.
    pub segments: Vec<String>,
    /// The contacts the stage rows index into, for the record lists.
    pub contacts: Arc<Vec<Contact>>,
}

/// The view's choices and results.
#[derive(Debug, Clone, Default)]
pub struct FunnelState {
    pub mode: FunnelMode,
    pub segment: Option<String>,
    pub result: Option<FunnelResult>,
    /// The query last sent to the background, so it is sent once.
    pub requested: Option<FunnelQuery>,
    /// The stage whose records are listed.
    pub selected_stage: Option<usize>,
}
