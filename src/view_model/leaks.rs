//! What the Handoff leaks view shows: a period's leaks with every leak's records and
//! breakdowns, and which leak is open with which breakdown and sort.

use std::collections::BTreeMap;
use std::sync::Arc;

use super::sort::Sort;
use crate::definitions::fiscal::Quarter;
use crate::leaks::{
    BreakdownRow, Leads, LeakDimension, LeakKind, LeakList, LeakReport, SortedWorkList,
    WorkListColumn,
};

/// What the leaks are computed for; a change recomputes them in the background.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LeaksQuery {
    pub period: Quarter,
    /// The definitions version and the batch ids the numbers follow.
    pub definitions_version: i64,
    pub batches: Vec<i64>,
    /// The records' generation the numbers follow: a change of data or definitions, or
    /// another workspace, makes the numbers of an older one stale.
    pub generation: i64,
}

impl LeaksQuery {
    /// Whether `other` asks about the same records under the same definitions, so the
    /// contacts read for one serve the other.
    pub fn same_records(&self, other: &Self) -> bool {
        self.generation == other.generation
            && self.definitions_version == other.definitions_version
            && self.batches == other.batches
    }
}

/// The numbers for one query, with every leak's records and breakdowns once read.
#[derive(Debug, Clone)]
pub struct LeaksResult {
    pub query: LeaksQuery,
    /// The contacts as the leaks read them, kept for the next query.
    pub leads: Arc<Leads>,
    /// The as-of date the leaks were judged at, `YYYY-MM-DD`.
    pub as_of: String,
    pub report: LeakReport,
    /// Each leak's records: read and built after the counts are on screen, empty until
    /// `lists_ready`. Shared, so saving one as CSV takes it to a worker without copying.
    pub lists: BTreeMap<LeakKind, Arc<SortedWorkList>>,
    pub breakdowns: BTreeMap<(LeakKind, LeakDimension), Vec<BreakdownRow>>,
    pub lists_ready: bool,
    /// Which numbers these are: a new value each time the counts or the lists arrive.
    pub numbers: u64,
}

impl LeaksResult {
    /// Takes in every leak's list, built for this result's query.
    pub fn add_lists(&mut self, lists: Vec<LeakList>) {
        for list in lists {
            self.lists.insert(list.kind, Arc::new(list.records));
            for (dimension, rows) in list.breakdowns {
                self.breakdowns.insert((list.kind, dimension), rows);
            }
        }
        self.lists_ready = true;
    }
}

/// What the view shows.
pub struct LeaksViewModel<'a> {
    pub result: Option<&'a LeaksResult>,
    pub selected: Option<LeakKind>,
    pub dimension: LeakDimension,
    pub sort: Sort<WorkListColumn>,
    pub computing: bool,
    pub has_data: bool,
    /// The latest quarter with records, offered when the one shown has none.
    pub latest_period: Option<Quarter>,
}
