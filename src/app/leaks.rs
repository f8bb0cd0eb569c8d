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

/// Sorts a leak's records by a table column (record, name, owner, segment, due, days
/// late, at stake), once when the sort changes rather than every frame.
pub fn sort_rows(rows: &mut [WorkListRow], (column, descending): (usize, bool)) {
    rows.sort_by(|a, b| {
        let order = match column {
            0 => a.source_id.cmp(&b.source_id),
            1 => a.name.cmp(&b.name),
            2 => a.owner.cmp(&b.owner),
            3 => a.segment.cmp(&b.segment),
            4 => a.flagged.due.cmp(&b.flagged.due),
            6 => a
                .flagged
                .at_stake
                .unwrap_or(0.0)
                .total_cmp(&b.flagged.at_stake.unwrap_or(0.0)),
            _ => a.late_days.total_cmp(&b.late_days),
        };
        if descending { order.reverse() } else { order }
    });
}

impl LeaksState {
    /// Puts every leak's records in the chosen order.
    pub fn apply_sort(&mut self) {
        if let Some(r) = &mut self.result {
            for rows in r.lists.values_mut() {
                sort_rows(rows, self.sort);
            }
        }
    }
}
