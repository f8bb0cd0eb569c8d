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
    /// Shared, so saving one as CSV takes it to a worker without copying it.
    pub lists: BTreeMap<LeakKind, Arc<WorkList>>,
    pub breakdowns: BTreeMap<(LeakKind, LeakDimension), Vec<BreakdownRow>>,
    pub lists_ready: bool,
}

/// Every leak's records and breakdowns, for the [`LeaksResult`] of `query`.
#[derive(Debug)]
pub struct LeakLists {
    pub query: LeaksQuery,
    pub lists: BTreeMap<LeakKind, Arc<WorkList>>,
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
        // Ties: the columns read largest first by default (due, days late, at stake) keep
        // the leak's own order (most overdue first) when read that way, so their ascending
        // order takes ties backwards. Each column sorts (value, position) pairs rather than
        // positions compared through the rows: at 176,000 records a third of the time.
        let ascending = (0..SORT_COLUMNS)
            .map(|column| match column {
                0 => order_by(&rows, |r| r.source_id.as_str(), false),
                1 => order_by(&rows, |r| r.name.as_str(), false),
                2 => order_by(&rows, |r| r.owner.as_str(), false),
                3 => order_by(&rows, |r| r.segment.as_str(), false),
                4 => order_by(&rows, |r| r.flagged.due, true),
                6 => order_by(
                    &rows,
                    |r| total_order(r.flagged.at_stake.unwrap_or(0.0)),
                    true,
                ),
                _ => order_by(&rows, |r| total_order(r.late_days), true),
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
    pub fn in_order(&self, sort: (usize, bool)) -> impl Iterator<Item = &WorkListRow> {
        (0..self.len()).filter_map(move |i| self.get(i, sort))
    }
}

/// Two records in the order of a table column.
/// The positions of `rows` in ascending order of `key`; equal keys in the rows' order, or
/// backwards when `ties_backwards`.
fn order_by<'r, K: Ord>(
    rows: &'r [WorkListRow],
    key: impl Fn(&'r WorkListRow) -> K,
    ties_backwards: bool,
) -> Vec<u32> {
    let place = |i: u32| if ties_backwards { u32::MAX - i } else { i };
    let mut keyed: Vec<(K, u32)> = rows
        .iter()
        .zip(0u32..)
        .map(|(r, i)| (key(r), place(i)))
        .collect();
    keyed.sort_unstable();
    keyed.into_iter().map(|(_, i)| place(i)).collect()
}

/// `x` as an integer in the order of [`f64::total_cmp`].
fn total_order(x: f64) -> i64 {
    let bits = i64::from_ne_bytes(x.to_bits().to_ne_bytes());
    // A negative number has every bit but the sign flipped, as `total_cmp` does.
    let flip = u64::from_ne_bytes((bits >> 63).to_ne_bytes()) >> 1;
    bits ^ i64::from_ne_bytes(flip.to_ne_bytes())
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
        list.in_order(sort).map(|r| r.source_id.clone()).collect()
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

    /// Every column's order as the rows compared one with another, ties by position.
    fn compared_order(rows: &[WorkListRow], column: usize) -> Vec<u32> {
        let mut order: Vec<u32> = (0..u32::try_from(rows.len()).unwrap_or(0)).collect();
        order.sort_by(|a, b| {
            let (x, y) = (&rows[*a as usize], &rows[*b as usize]);
            let by = match column {
                0 => x.source_id.cmp(&y.source_id),
                1 => x.name.cmp(&y.name),
                2 => x.owner.cmp(&y.owner),
                3 => x.segment.cmp(&y.segment),
                4 => x.flagged.due.cmp(&y.flagged.due),
                6 => x
                    .flagged
                    .at_stake
                    .unwrap_or(0.0)
                    .total_cmp(&y.flagged.at_stake.unwrap_or(0.0)),
                _ => x.late_days.total_cmp(&y.late_days),
            };
            by.then(if column >= 4 { b.cmp(a) } else { a.cmp(b) })
        });
        order
    }

    #[test]
    fn each_order_is_the_rows_compared_with_ties_in_the_leaks_order() {
        // Many ties, negative and signed-zero numbers, missing stakes and due times.
        let values = [-3.5, -0.0, 0.0, 0.25, 7.0, f64::INFINITY, -f64::INFINITY];
        let rows: Vec<WorkListRow> = (0..500_usize)
            .map(|i| {
                let mut r = row(
                    &format!("c{}", (i * 7919) % 97),
                    ["Ana", "Ben", "", "Zoë", "ana"][i % 5],
                    values[i % values.len()],
                    (i % 4 != 0).then(|| values[(i / 3) % values.len()]),
                );
                r.owner = ["Priya", "Lena", ""][(i / 2) % 3].to_owned();
                r.segment = ["SMB", "Enterprise"][(i / 5) % 2].to_owned();
                r.flagged.due = (i % 6 != 0).then(|| i64::try_from(i % 13).unwrap_or(0) - 6);
                r
            })
            .collect();
        let list = WorkList::new(rows.clone());
        for column in 0..SORT_COLUMNS {
            assert_eq!(
                list.ascending[column],
                compared_order(&rows, column),
                "column {column}"
            );
        }
    }
}
