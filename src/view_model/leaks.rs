//! What the Handoff leaks view shows: a period's leaks with every leak's records and
//! breakdowns, and which leak is open with which breakdown and sort.

use std::collections::BTreeMap;
use std::sync::Arc;

use super::sort::{Sort, SortColumn};
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
    /// Shared, so the Pillar maturity view's job reads it without a copy.
    pub report: Arc<LeakReport>,
    /// Each leak's records: read and built after the counts are on screen, empty until
    /// `lists_ready`. Shared, so saving one as CSV takes it to a worker without copying.
    pub lists: BTreeMap<LeakKind, Arc<SortedWorkList>>,
    pub breakdowns: BTreeMap<(LeakKind, LeakDimension), Vec<BreakdownRow>>,
    pub lists_ready: bool,
    /// Which numbers these are: a new value each time the counts or the lists arrive.
    pub numbers: u64,
    /// The definitions changed since the numbers shown before these: every quarter of the
    /// trend was judged again under this version, said once.
    pub restated_under: Option<i64>,
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

/// The sortable columns of the table of leaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LeakColumn {
    Leak,
    Handoff,
    Leaked,
    Of,
    Share,
    AtStake,
}

impl LeakColumn {
    /// In the table's order.
    pub const ALL: [Self; 6] = [
        Self::Leak,
        Self::Handoff,
        Self::Leaked,
        Self::Of,
        Self::Share,
        Self::AtStake,
    ];

    /// The column's heading.
    pub fn title(self) -> &'static str {
        match self {
            Self::Leak => "Leak",
            Self::Handoff => "Handoff",
            Self::Leaked => "Leaked",
            Self::Of => "Of",
            Self::Share => "Share",
            Self::AtStake => "Revenue at stake",
        }
    }

    /// The report's leaks in the order of `sort`; ties, and leaks known only as of
    /// another day, in the ranking's order (largest revenue at stake first).
    pub fn sorted(report: &LeakReport, sort: Sort<Self>) -> Vec<&crate::leaks::Leak> {
        use std::cmp::Ordering;
        let mut leaks = report.ranked();
        let by = |a: &crate::leaks::Leak, b: &crate::leaks::Leak| -> Ordering {
            let number = |x: Option<f64>| x.unwrap_or(-1.0);
            match sort.column {
                Self::Leak => a.kind.label().cmp(b.kind.label()),
                Self::Handoff => a.kind.handoff().label().cmp(b.kind.handoff().label()),
                Self::Leaked => a.count.cmp(&b.count),
                Self::Of => a.volume.cmp(&b.volume),
                Self::Share => number(a.share).total_cmp(&number(b.share)),
                Self::AtStake => number(a.revenue_at_stake).total_cmp(&number(b.revenue_at_stake)),
            }
        };
        leaks.sort_by(|a, b| {
            let known = a
                .known_only_as_of
                .is_some()
                .cmp(&b.known_only_as_of.is_some());
            let ord = by(a, b);
            known.then(if sort.descending { ord.reverse() } else { ord })
        });
        leaks
    }
}

impl SortColumn for LeakColumn {
    /// Numbers read largest first; names A to Z.
    fn descending_first(self) -> bool {
        !matches!(self, Self::Leak | Self::Handoff)
    }
}

/// What the view shows.
pub struct LeaksViewModel<'a> {
    pub result: Option<&'a LeaksResult>,
    pub selected: Option<LeakKind>,
    pub dimension: LeakDimension,
    pub sort: Sort<WorkListColumn>,
    /// The table of leaks' sort.
    pub leaks_sort: Sort<LeakColumn>,
    pub computing: bool,
    pub has_data: bool,
    /// The latest quarter with records, offered when the one shown has none.
    pub latest_period: Option<Quarter>,
}
