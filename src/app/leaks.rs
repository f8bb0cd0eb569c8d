//! The Leaks view's state: the period and definitions the numbers follow, the last report,
//! and which leak is open with which breakdown.

use std::collections::BTreeMap;
use std::sync::Arc;

use crate::definitions::fiscal::Quarter;
use crate::leaks::{BreakdownRow, LeadTable, LeakDimension, LeakKind, LeakReport, WorkListRow};

/// What the leaks are computed for; a change recomputes them in the background.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LeaksQuery {
    pub period: Quarter,
    /// The definitions version and the batch ids the numbers follow.
    pub definitions_version: i64,
    pub batches: Vec<i64>,
}

/// The contacts as the leaks read them, kept between recomputes while the workspace and
/// the definitions are unchanged: another quarter does not read every contact again.
#[derive(Debug)]
pub struct LeaksData {
    /// The definitions version and batches this was read under.
    pub definitions_version: i64,
    pub batches: Vec<i64>,
    pub leads: LeadTable,
    /// Each contact's key in the store, by its index in `leads`.
    pub keys: Vec<i64>,
}

impl LeaksData {
    /// Whether this is still the data `query` asks about.
    pub fn serves(&self, query: &LeaksQuery) -> bool {
        self.definitions_version == query.definitions_version && self.batches == query.batches
    }
}

/// The numbers for one query, with every leak's records and breakdowns ready to draw.
#[derive(Debug, Clone)]
pub struct LeaksResult {
    pub query: LeaksQuery,
    pub data: Arc<LeaksData>,
    /// The as-of date the leaks were judged at, `YYYY-MM-DD`.
    pub as_of: String,
    pub report: LeakReport,
    /// Each leak's records and breakdowns: read and built after the counts are on screen,
    /// empty until `lists_ready`.
    pub lists: BTreeMap<LeakKind, WorkList>,
    pub breakdowns: BTreeMap<(LeakKind, LeakDimension), Vec<BreakdownRow>>,
    pub lists_ready: bool,
}

/// Every leak's records and breakdowns, for the [`LeaksResult`] of `query`.
#[derive(Debug)]
pub struct LeakLists {
    pub query: LeaksQuery,
    pub lists: BTreeMap<LeakKind, WorkList>,
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

/// Columns of the record table a leak's records sort by: record, name, owner, segment,
/// due, days late, at stake.
pub const SORT_COLUMNS: usize = 7;

/// A leak's records with their order under each column worked out in the background,
/// so changing the sort on screen only switches which order is read: sorting a hundred
/// thousand records by name on the UI thread would hold up frames.
#[derive(Debug, Clone, Default)]
pub struct WorkList {
    rows: Vec<WorkListRow>,
    /// For each of the [`SORT_COLUMNS`], the positions of `rows` in ascending order; ties
    /// are in the records' own order (most overdue first) in each column's default
    /// direction.
    ascending: Vec<Vec<u32>>,
}

impl WorkList {
    /// `rows`, with their order under every column.
    pub fn new(rows: Vec<WorkListRow>) -> Self {
        let n = u32::try_from(rows.len()).unwrap_or(u32::MAX);
        let ascending = (0..SORT_COLUMNS)
            .map(|column| {
                let mut order: Vec<u32> = (0..n).collect();
                let row = |i: &u32| rows.get(*i as usize);
                // Ties: the columns read largest first by default (due, days late, at
                // stake) keep the leak's own order (most overdue first) when read that
                // way, so their ascending order takes ties backwards.
                order.sort_by(|a, b| {
                    let tie = if column >= 4 { b.cmp(a) } else { a.cmp(b) };
                    match (row(a), row(b)) {
                        (Some(x), Some(y)) => compare(x, y, column).then(tie),
                        _ => tie,
                    }
                });
                order
            })
            .collect();
        Self { rows, ascending }
    }

    /// How many records.
    pub fn len(&self) -> usize {
        self.rows.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// The `i`th record in the order of `(column, descending)`.
    pub fn get(&self, i: usize, (column, descending): (usize, bool)) -> Option<&WorkListRow> {
        let order = self.ascending.get(column)?;
        let at = if descending {
            order.len().checked_sub(i + 1)?
        } else {
            i
        };
        self.rows.get(*order.get(at)? as usize)
    }

    /// Every record in the order of `sort`.
    pub fn sorted(&self, sort: (usize, bool)) -> Vec<WorkListRow> {
        (0..self.len())
            .filter_map(|i| self.get(i, sort).cloned())
            .collect()
    }
}

/// Two records in the order of a table column.
fn compare(a: &WorkListRow, b: &WorkListRow, column: usize) -> std::cmp::Ordering {
    match column {
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
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::leaks::{Flagged, RecordRef, why::Why};
    use crate::model::RecordObject;

    fn row(id: &str, name: &str, late_days: f64, at_stake: Option<f64>) -> WorkListRow {
        WorkListRow {
            object: RecordObject::Contact,
            source_id: id.to_owned(),
            name: name.to_owned(),
            owner: String::new(),
            team: String::new(),
            segment: String::new(),
            region: String::new(),
            source: String::new(),
            reason: String::new(),
            late_days,
            flagged: Flagged {
                record: RecordRef::new(RecordObject::Contact, 0),
                started: 0,
                due: Some(0),
                done: None,
                at_stake,
                why: Why::NotAccepted,
            },
        }
    }

    fn ids(list: &WorkList, sort: (usize, bool)) -> Vec<String> {
        list.sorted(sort).into_iter().map(|r| r.source_id).collect()
    }

    #[test]
    fn every_column_reads_in_both_directions_without_resorting() {
        // In the leak's own order: most overdue first.
        let list = WorkList::new(vec![
            row("c3", "Zoë", 9.0, Some(10.0)),
            row("c1", "Ana", 4.0, None),
            row("c2", "Ben", 4.0, Some(50.0)),
        ]);
        assert_eq!(ids(&list, (0, false)), ["c1", "c2", "c3"]);
        assert_eq!(ids(&list, (0, true)), ["c3", "c2", "c1"]);
        assert_eq!(ids(&list, (1, false)), ["c1", "c2", "c3"], "by name");
        assert_eq!(
            ids(&list, (5, true)),
            ["c3", "c1", "c2"],
            "most overdue first; ties in the leak's order"
        );
        assert_eq!(ids(&list, (5, false)), ["c2", "c1", "c3"]);
        assert_eq!(
            ids(&list, (6, true)),
            ["c2", "c3", "c1"],
            "largest stake first"
        );
        assert_eq!(list.get(0, (6, true)).map(|r| r.name.as_str()), Some("Ben"));
        assert!(list.get(3, (6, true)).is_none());
        assert!(WorkList::default().get(0, (0, false)).is_none());
    }
}
