//! The Leaks view's state: the period and definitions the numbers follow, the last report,
//! and which leak is open with which breakdown.

use std::collections::BTreeMap;

use crate::definitions::fiscal::Quarter;
use crate::leaks::{BreakdownRow, LeakDimension, LeakKind, LeakReport, WorkListRow};

/// What the leaks are computed for; a change recomputes them in the background.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LeaksQuery {
    pub period: Quarter,
    /// The definitions version and the batch ids the numbers follow.
    pub definitions_version: i64,
    pub batches: Vec<i64>,
}

/// The numbers for one query, with every leak's records and breakdowns ready to draw.
#[derive(Debug, Clone)]
pub struct LeaksResult {
    pub query: LeaksQuery,
    /// The as-of date the leaks were judged at, `YYYY-MM-DD`.
    pub as_of: String,
    pub report: LeakReport,
    pub lists: BTreeMap<LeakKind, Vec<WorkListRow>>,
    pub breakdowns: BTreeMap<(LeakKind, LeakDimension), Vec<BreakdownRow>>,
}

/// The view's choices and results.
#[derive(Debug, Clone)]
pub struct LeaksState {
    pub result: Option<LeaksResult>,
    /// The query last sent to the background, so it is sent once.
    pub requested: Option<LeaksQuery>,
    /// The leak whose breakdown and records are open.
    pub selected: Option<LeakKind>,
    pub dimension: LeakDimension,
    /// The record table's sort column and whether it sorts descending.
    pub sort: (usize, bool),
}

impl Default for LeaksState {
    fn default() -> Self {
        Self {
            result: None,
            requested: None,
            selected: None,
            dimension: LeakDimension::Owner,
            sort: (5, true),
        }
    }
}
