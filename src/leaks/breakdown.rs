//! A leak by owner, team, segment, region or source: whether it is one team's habit or
//! everyone's. Each row has its own volume, so its share compares with the whole.

use rustc_hash::FxHashMap;

use serde::Serialize;

use super::{Leak, RecordRef, Records, ratio};
use crate::definitions::Definitions;
use crate::model::RecordObject;

/// What a leak can be broken down by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum LeakDimension {
    Owner,
    Team,
    Segment,
    Region,
    Source,
}

impl LeakDimension {
    /// Every dimension, in the order the view offers them.
    pub const ALL: [Self; 5] = [
        Self::Owner,
        Self::Team,
        Self::Segment,
        Self::Region,
        Self::Source,
    ];

    /// The name shown to people.
    pub fn label(self) -> &'static str {
        match self {
            Self::Owner => "Owner",
            Self::Team => "Team",
            Self::Segment => "Segment",
            Self::Region => "Region",
            Self::Source => "Source",
        }
    }

    /// The dimension whose tally this one's rows are read from: a team's, its members'.
    fn tallied(self) -> Self {
        match self {
            Self::Team => Self::Owner,
            other => other,
        }
    }
}

/// One value of the dimension.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BreakdownRow {
    /// The value, or "(none)" / "No team" for records without one.
    pub value: String,
    pub count: usize,
    pub volume: usize,
    pub share: Option<f64>,
    pub revenue_at_stake: f64,
}

/// `leak` broken down by `dimension`, largest count first.
pub fn leak_breakdown(
    defs: &Definitions,
    records: Records<'_>,
    leak: &Leak,
    dimension: LeakDimension,
) -> Vec<BreakdownRow> {
    let tallies = tally(records, leak, |d| d == dimension.tallied());
    rows_of(defs, &tallies, dimension)
}

/// `leak` broken down by every dimension, in the order of [`LeakDimension::ALL`]: one
/// pass over its records rather than one a dimension.
pub fn leak_breakdowns(
    defs: &Definitions,
    records: Records<'_>,
    leak: &Leak,
) -> Vec<(LeakDimension, Vec<BreakdownRow>)> {
    let tallies = tally(records, leak, |_| true);
    LeakDimension::ALL
        .iter()
        .map(|d| (*d, rows_of(defs, &tallies, *d)))
        .collect()
}

/// The dimensions read from the records; a team is its owner's, from the definitions.
const TALLIED: [LeakDimension; 4] = [
    LeakDimension::Owner,
    LeakDimension::Segment,
    LeakDimension::Region,
    LeakDimension::Source,
];

/// A value's records: how many leaked, of how many checked, and their stake.
#[derive(Debug, Clone, Copy, Default)]
struct Tally {
    count: usize,
    volume: usize,
    at_stake: f64,
}

type Tallies<'a> = [FxHashMap<Option<&'a str>, Tally>; 4];

/// The records of `leak` tallied by value, for each of the [`TALLIED`] dimensions
/// `wanted` asks for; each record is looked up once.
fn tally<'a>(
    records: Records<'a>,
    leak: &Leak,
    wanted: impl Fn(LeakDimension) -> bool,
) -> Tallies<'a> {
    let wanted = TALLIED.map(wanted);
    let mut tallies: Tallies<'a> = Default::default();
    let mut add = |record: RecordRef, each: &dyn Fn(&mut Tally)| {
        let values = values_of(records, record);
        for ((tally, value), wanted) in tallies.iter_mut().zip(values).zip(wanted) {
            if wanted {
                each(tally.entry(value).or_default());
            }
        }
    };
    for r in &leak.checked {
        add(*r, &|t| t.volume += 1);
    }
    for f in &leak.records {
        let stake = f.at_stake.unwrap_or(0.0);
        add(f.record, &|t| {
            t.count += 1;
            t.at_stake += stake;
        });
    }
    tallies
}

/// `record`'s owner, segment, region and source ([`TALLIED`]).
fn values_of(records: Records<'_>, record: RecordRef) -> [Option<&str>; 4] {
    let i = record.index();
    let values = match record.object() {
        RecordObject::Contact => records
            .contacts
            .get(i)
            .map(|c| [&c.owner, &c.segment, &c.region, &c.source]),
        RecordObject::Deal => records
            .deals
            .get(i)
            .map(|d| [&d.owner, &d.segment, &d.region, &d.source]),
        RecordObject::Account => records
            .accounts
            .get(i)
            .map(|a| [&a.owner, &a.segment, &a.region, &None]),
    };
    values.map_or([None; 4], |v| v.map(|s| s.as_deref()))
}

/// The rows of `dimension` from its tally, largest count first.
fn rows_of(
    defs: &Definitions,
    tallies: &Tallies<'_>,
    dimension: LeakDimension,
) -> Vec<BreakdownRow> {
    let blank = if dimension == LeakDimension::Team {
        "No team"
    } else {
        "(none)"
    };
    let at = TALLIED
        .iter()
        .position(|d| *d == dimension.tallied())
        .unwrap_or(0);
    let mut rows: FxHashMap<&str, BreakdownRow> = FxHashMap::default();
    for (value, t) in tallies.get(at).into_iter().flatten() {
        let value = match dimension {
            LeakDimension::Team => value.and_then(|owner| defs.team_of(owner)),
            _ => *value,
        }
        .unwrap_or(blank);
        let row = rows.entry(value).or_insert_with(|| new_row(value));
        row.count += t.count;
        row.volume += t.volume;
        row.revenue_at_stake += t.at_stake;
    }
    let mut out: Vec<BreakdownRow> = rows
        .into_values()
        .map(|mut r| {
            r.share = ratio(r.count, r.volume);
            r
        })
        .collect();
    out.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.value.cmp(&b.value)));
    out
}

fn new_row(value: &str) -> BreakdownRow {
    BreakdownRow {
        value: value.to_owned(),
        count: 0,
        volume: 0,
        share: None,
        revenue_at_stake: 0.0,
    }
}
