//! A leak's records in any column's order, both ways, worked out once in the background:
//! changing the sort on screen only switches which order is read (sorting a hundred
//! thousand records by name on the UI thread would hold up frames).

use super::WorkListRow;

/// The columns of a leak's record table, in the table's order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum WorkListColumn {
    Record,
    Name,
    Owner,
    Segment,
    Due,
    DaysLate,
    AtStake,
}

impl WorkListColumn {
    /// In the table's order.
    pub const ALL: [Self; 7] = [
        Self::Record,
        Self::Name,
        Self::Owner,
        Self::Segment,
        Self::Due,
        Self::DaysLate,
        Self::AtStake,
    ];

    /// The column's heading.
    pub fn title(self) -> &'static str {
        match self {
            Self::Record => "Record",
            Self::Name => "Name",
            Self::Owner => "Owner",
            Self::Segment => "Segment",
            Self::Due => "Due",
            Self::DaysLate => "Days late",
            Self::AtStake => "At stake",
        }
    }

    /// Whether the column reads largest first when it is chosen: dates, lateness and
    /// money do; names and ids read A to Z.
    pub fn descending_first(self) -> bool {
        matches!(self, Self::Due | Self::DaysLate | Self::AtStake)
    }

    fn index(self) -> usize {
        self as usize
    }
}

/// A leak's records with their order under each column.
#[derive(Debug, Clone, Default)]
pub struct SortedWorkList {
    rows: Vec<WorkListRow>,
    /// For each column, the positions of `rows` in ascending order; ties are in the
    /// records' own order (most overdue first) in each column's default direction.
    ascending: Vec<Vec<u32>>,
}

impl SortedWorkList {
    /// `rows`, with their order under every column.
    pub fn new(rows: Vec<WorkListRow>) -> Self {
        // Ties: the columns read largest first by default (due, days late, at stake) keep
        // the leak's own order (most overdue first) when read that way, so their ascending
        // order takes ties backwards. Each column sorts (value, position) pairs rather than
        // positions compared through the rows: at 176,000 records a third of the time.
        let ascending = WorkListColumn::ALL
            .into_iter()
            .map(|column| {
                let backwards = column.descending_first();
                match column {
                    WorkListColumn::Record => order_by(&rows, |r| r.source_id.as_str(), backwards),
                    WorkListColumn::Name => order_by(&rows, |r| r.name.as_str(), backwards),
                    WorkListColumn::Owner => order_by(&rows, |r| r.owner.as_str(), backwards),
                    WorkListColumn::Segment => order_by(&rows, |r| r.segment.as_str(), backwards),
                    WorkListColumn::Due => order_by(&rows, |r| r.flagged.due, backwards),
                    WorkListColumn::AtStake => order_by(
                        &rows,
                        |r| total_order(r.flagged.at_stake.unwrap_or(0.0)),
                        backwards,
                    ),
                    WorkListColumn::DaysLate => {
                        order_by(&rows, |r| total_order(r.late_days), backwards)
                    }
                }
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

    /// The `i`th record in the order of `column`, largest first when `descending`.
    pub fn get(&self, i: usize, column: WorkListColumn, descending: bool) -> Option<&WorkListRow> {
        let order = self.ascending.get(column.index())?;
        let at = if descending {
            order.len().checked_sub(i + 1)?
        } else {
            i
        };
        self.rows.get(*order.get(at)? as usize)
    }

    /// Every record in the order of `column`.
    pub fn in_order(
        &self,
        column: WorkListColumn,
        descending: bool,
    ) -> impl Iterator<Item = &WorkListRow> {
        (0..self.len()).filter_map(move |i| self.get(i, column, descending))
    }
}

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
    use super::WorkListColumn::{AtStake, DaysLate, Name, Owner, Record, Segment};
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

    fn ids(list: &SortedWorkList, column: WorkListColumn, descending: bool) -> Vec<String> {
        list.in_order(column, descending)
            .map(|r| r.source_id.clone())
            .collect()
    }

    #[test]
    fn every_column_reads_in_both_directions_without_resorting() {
        // In the leak's own order: most overdue first.
        let list = SortedWorkList::new(vec![
            row("c3", "Zoë", 9.0, Some(10.0)),
            row("c1", "Ana", 4.0, None),
            row("c2", "Ben", 4.0, Some(50.0)),
        ]);
        assert_eq!(ids(&list, Record, false), ["c1", "c2", "c3"]);
        assert_eq!(ids(&list, Record, true), ["c3", "c2", "c1"]);
        assert_eq!(ids(&list, Name, false), ["c1", "c2", "c3"], "by name");
        assert_eq!(
            ids(&list, DaysLate, true),
            ["c3", "c1", "c2"],
            "most overdue first; ties in the leak's order"
        );
        assert_eq!(ids(&list, DaysLate, false), ["c2", "c1", "c3"]);
        assert_eq!(
            ids(&list, AtStake, true),
            ["c2", "c3", "c1"],
            "largest stake first"
        );
        assert_eq!(
            list.get(0, AtStake, true).map(|r| r.name.as_str()),
            Some("Ben")
        );
        assert!(list.get(3, AtStake, true).is_none());
        assert!(SortedWorkList::default().get(0, Record, false).is_none());
    }

    #[test]
    fn columns_of_dates_lateness_and_money_read_largest_first() {
        let first: Vec<_> = WorkListColumn::ALL
            .into_iter()
            .filter(|c| c.descending_first())
            .map(WorkListColumn::title)
            .collect();
        assert_eq!(first, ["Due", "Days late", "At stake"]);
        assert!(!Owner.descending_first() && !Segment.descending_first());
    }

    /// Every column's order as the rows compared one with another, ties by position.
    fn compared_order(rows: &[WorkListRow], column: WorkListColumn) -> Vec<u32> {
        let mut order: Vec<u32> = (0..u32::try_from(rows.len()).unwrap_or(0)).collect();
        order.sort_by(|a, b| {
            let (x, y) = (&rows[*a as usize], &rows[*b as usize]);
            let by = match column {
                Record => x.source_id.cmp(&y.source_id),
                Name => x.name.cmp(&y.name),
                Owner => x.owner.cmp(&y.owner),
                Segment => x.segment.cmp(&y.segment),
                WorkListColumn::Due => x.flagged.due.cmp(&y.flagged.due),
                AtStake => x
                    .flagged
                    .at_stake
                    .unwrap_or(0.0)
                    .total_cmp(&y.flagged.at_stake.unwrap_or(0.0)),
                DaysLate => x.late_days.total_cmp(&y.late_days),
            };
            by.then(if column.descending_first() {
                b.cmp(a)
            } else {
                a.cmp(b)
            })
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
        let list = SortedWorkList::new(rows.clone());
        for column in WorkListColumn::ALL {
            assert_eq!(
                list.ascending[column.index()],
                compared_order(&rows, column),
                "{column:?}"
            );
        }
    }
}
