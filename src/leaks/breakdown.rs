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

    /// The value of `record` for this dimension; teams come from the definitions.
    pub fn value_of<'a>(
        self,
        defs: &'a Definitions,
        records: Records<'a>,
        record: RecordRef,
    ) -> Option<&'a str> {
        let i = record.index();
        let (owner, segment, region, source) = match record.object() {
            RecordObject::Contact => {
                let c = records.contacts.get(i)?;
                (&c.owner, &c.segment, &c.region, &c.source)
            }
            RecordObject::Deal => {
                let d = records.deals.get(i)?;
                (&d.owner, &d.segment, &d.region, &d.source)
            }
            RecordObject::Account => {
                let a = records.accounts.get(i)?;
                (&a.owner, &a.segment, &a.region, &None)
            }
        };
        match self {
            Self::Owner => owner.as_deref(),
            Self::Team => owner.as_deref().and_then(|o| defs.team_of(o)),
            Self::Segment => segment.as_deref(),
            Self::Region => region.as_deref(),
            Self::Source => source.as_deref(),
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
    let blank = if dimension == LeakDimension::Team {
        "No team"
    } else {
        "(none)"
    };
    let mut rows: FxHashMap<&str, BreakdownRow> = FxHashMap::default();
    for r in &leak.checked {
        let value = dimension.value_of(defs, records, *r).unwrap_or(blank);
        rows.entry(value).or_insert_with(|| new_row(value)).volume += 1;
    }
    for f in &leak.records {
        let value = dimension.value_of(defs, records, f.record).unwrap_or(blank);
        let row = rows.entry(value).or_insert_with(|| new_row(value));
        row.count += 1;
        row.revenue_at_stake += f.at_stake.unwrap_or(0.0);
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
