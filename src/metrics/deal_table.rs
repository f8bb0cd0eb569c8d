//! The deals as the deal metrics read them, held in memory in columns under one
//! definitions version: each deal's outcome, dates, amount in the reporting currency, how
//! far along its pipeline it got, and its dimension values as small ids.
//!
//! Built once per workspace or definitions change, in the order of the deals given, so a
//! position here is a position in that list; the stage mapping and currency conversion are
//! worked out once per deal here rather than on every recompute.

use super::deal_funnel::stages_reached;
use super::deals::amount_in_reporting;
use super::filter::{Dimension, Filter};
use super::value_columns::{Matcher, ValueColumns};
use crate::definitions::Definitions;
use crate::definitions::apply::DealStageLookup;
use crate::definitions::model::StageOutcome;
use crate::model::{Deal, DealStatus, Timestamp};
use crate::workspace::{Workspace, WorkspaceError};

/// A date that is not there.
const NONE: Timestamp = Timestamp::MIN;

/// The dimensions deals have, in the order the table keeps them.
pub const DEAL_DIMENSIONS: [Dimension; 6] = [
    Dimension::Segment,
    Dimension::Owner,
    Dimension::Source,
    Dimension::Region,
    Dimension::Pipeline,
    Dimension::DealType,
];

/// Deals in columns.
#[derive(Clone, Default, serde::Serialize, serde::Deserialize)]
pub struct DealTable {
    status: Vec<DealStatus>,
    created: Vec<Timestamp>,
    closed: Vec<Timestamp>,
    /// In the reporting currency; NaN when there is no amount or no rate for its currency.
    amount: Vec<f64>,
    /// Has an amount, in a currency the definitions give no rate for.
    unconverted: Vec<bool>,
    /// How many of the open deal stages the deal reached (all of them when won).
    reached: Vec<u8>,
    /// The open deal stages, in order.
    open_stages: Vec<String>,
    columns: ValueColumns,
    /// The pipeline each deal's stage funnel counts it in: its pipeline, else its system's
    /// "(no pipeline)".
    funnel_pipelines: ValueColumns,
    /// Where each deal's full record is in the store (its version id).
    keys: Vec<i64>,
}

impl std::fmt::Debug for DealTable {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DealTable")
            .field("deals", &self.len())
            .finish_non_exhaustive()
    }
}

/// Fills a [`DealTable`] one deal at a time.
pub struct DealTableBuilder<'d> {
    defs: &'d Definitions,
    /// Each of the definitions' deal stages' place among the open ones.
    open_rank: Vec<Option<usize>>,
    lookup: DealStageLookup<'d>,
    table: DealTable,
}

impl<'d> DealTableBuilder<'d> {
    /// An empty table under `defs`.
    pub fn new(defs: &'d Definitions) -> Self {
        let mut rank = 0;
        let open_rank = defs
            .deal_stages
            .iter()
            .map(|s| {
                (s.outcome == StageOutcome::Open).then(|| {
                    rank += 1;
                    rank - 1
                })
            })
            .collect();
        let open_stages = defs
            .deal_stages
            .iter()
            .filter(|s| s.outcome == StageOutcome::Open)
            .map(|s| s.name.clone())
            .collect();
        Self {
            defs,
            open_rank,
            lookup: DealStageLookup::new(defs),
            table: DealTable {
                columns: ValueColumns::new(&DEAL_DIMENSIONS),
                funnel_pipelines: ValueColumns::new(&[Dimension::Pipeline]),
                open_stages,
                ..DealTable::default()
            },
        }
    }

    /// Adds `d`, whose full record the store keeps under `key`.
    pub fn push(&mut self, key: i64, d: &Deal) {
        let t = &mut self.table;
        t.keys.push(key);
        let status = self.lookup.outcome(d).1;
        let amount = amount_in_reporting(self.defs, d);
        t.status.push(status);
        t.created.push(d.created.unwrap_or(NONE));
        t.closed.push(d.close_date.unwrap_or(NONE));
        t.amount.push(amount.unwrap_or(f64::NAN));
        t.unconverted
            .push(amount.is_none() && d.amount_cents.is_some());
        let reached = stages_reached(&mut self.lookup, &self.open_rank, d, status);
        t.reached.push(u8::try_from(reached).unwrap_or(u8::MAX));
        t.columns.push(|dim| dim.of_deal(d));
        match &d.pipeline {
            Some(pipeline) => t.funnel_pipelines.push(|_| Some(pipeline.as_str())),
            None => {
                let label = format!("{} (no pipeline)", d.source_system);
                t.funnel_pipelines.push(|_| Some(label.as_str()));
            }
        }
    }

    /// The finished table.
    pub fn finish(mut self) -> DealTable {
        let t = &mut self.table;
        t.status.shrink_to_fit();
        t.created.shrink_to_fit();
        t.closed.shrink_to_fit();
        t.amount.shrink_to_fit();
        t.unconverted.shrink_to_fit();
        t.reached.shrink_to_fit();
        t.keys.shrink_to_fit();
        t.columns.finish();
        t.funnel_pipelines.finish();
        self.table
    }
}

impl DealTable {
    /// The table of `deals` under `defs`, in their order, each keyed by its position.
    pub fn new(defs: &Definitions, deals: &[Deal]) -> Self {
        let mut b = DealTableBuilder::new(defs);
        for (i, d) in deals.iter().enumerate() {
            b.push(i64::try_from(i).unwrap_or(i64::MAX), d);
        }
        b.finish()
    }

    /// The current deals of `ws` under `defs`, streamed from the store one deal at a
    /// time, each keyed by its version id.
    pub fn load(ws: &Workspace, defs: &Definitions) -> Result<Self, WorkspaceError> {
        let mut b = DealTableBuilder::new(defs);
        ws.for_each_deal(|key, d| b.push(key, d))?;
        Ok(b.finish())
    }

    /// How many deals.
    pub fn len(&self) -> usize {
        self.status.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.status.is_empty()
    }

    /// The store's key (deal version id) of deal `i`'s full record.
    pub fn key(&self, i: usize) -> Option<i64> {
        self.keys.get(i).copied()
    }

    /// Deal `i`'s outcome under the definitions: its mapped stage's, else its status.
    pub fn status(&self, i: usize) -> DealStatus {
        self.status.get(i).copied().unwrap_or_default()
    }

    /// When deal `i` was created.
    pub fn created(&self, i: usize) -> Option<Timestamp> {
        self.created.get(i).copied().filter(|t| *t != NONE)
    }

    /// Deal `i`'s close date.
    pub fn closed(&self, i: usize) -> Option<Timestamp> {
        self.closed.get(i).copied().filter(|t| *t != NONE)
    }

    /// Deal `i`'s amount in the reporting currency, if it has one that converts.
    pub fn amount(&self, i: usize) -> Option<f64> {
        self.amount.get(i).copied().filter(|a| !a.is_nan())
    }

    /// Whether deal `i` has an amount in a currency without a rate.
    pub fn unconverted(&self, i: usize) -> bool {
        self.unconverted.get(i).copied().unwrap_or(false)
    }

    /// How many open deal stages deal `i` reached.
    pub fn reached(&self, i: usize) -> usize {
        self.reached.get(i).copied().map_or(0, usize::from)
    }

    /// The open deal stages, in order.
    pub fn open_stages(&self) -> &[String] {
        &self.open_stages
    }

    /// Each deal's segment, owner, source, region, pipeline and deal type.
    pub fn columns(&self) -> &ValueColumns {
        &self.columns
    }

    /// The pipeline deal `i`'s stage funnel counts it in, as an id into
    /// [`Self::funnel_pipeline_names`].
    pub fn funnel_pipeline(&self, i: usize) -> Option<usize> {
        self.funnel_pipelines.value_id(i, 0)
    }

    /// The names of the pipelines the stage funnels count deals in.
    pub fn funnel_pipeline_names(&self) -> &[String] {
        self.funnel_pipelines.values(Dimension::Pipeline)
    }

    /// The test `filter` makes of each deal; `None` when no deal can pass.
    pub fn matcher(&self, filter: &Filter) -> Option<Matcher> {
        self.columns.matcher(filter)
    }

    /// The positions of the deals `filter` keeps, in order.
    pub fn kept(&self, filter: &Filter) -> Vec<usize> {
        self.matcher(filter).map_or_else(Vec::new, |m| {
            (0..self.len())
                .filter(|i| m.keeps(&self.columns, *i))
                .collect()
        })
    }

    /// Whether every column holds one entry per deal (and each id a value): what a table
    /// read back from bytes must be before it is used.
    pub fn is_whole(&self) -> bool {
        let n = self.keys.len();
        [
            self.status.len(),
            self.created.len(),
            self.closed.len(),
            self.amount.len(),
            self.unconverted.len(),
            self.reached.len(),
        ]
        .iter()
        .all(|len| *len == n)
            && self.columns.holds(&DEAL_DIMENSIONS, n)
            && self.funnel_pipelines.holds(&[Dimension::Pipeline], n)
    }

    /// Bytes held per deal, strings of the dimension values aside.
    pub fn bytes_per_deal(&self) -> usize {
        let n = self.len().max(1);
        let columns = self.status.capacity() * size_of::<DealStatus>()
            + (self.created.capacity() + self.closed.capacity()) * size_of::<Timestamp>()
            + self.amount.capacity() * size_of::<f64>()
            + self.unconverted.capacity()
            + self.reached.capacity()
            + self.keys.capacity() * size_of::<i64>();
        columns / n + self.columns.bytes_per_record() + self.funnel_pipelines.bytes_per_record()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::definitions::defaults;

    #[test]
    fn a_table_is_whole_only_with_one_entry_per_deal_in_every_column() {
        let d = Deal {
            source_system: "hubspot".into(),
            source_id: "d1".into(),
            pipeline: Some("Sales".into()),
            ..Deal::default()
        };
        let whole = DealTable::new(&defaults(), &[d.clone(), d]);
        assert!(whole.is_whole());
        for cut in [
            |t: &mut DealTable| {
                t.keys.pop();
            },
            |t: &mut DealTable| {
                t.status.pop();
            },
            |t: &mut DealTable| {
                t.created.pop();
            },
            |t: &mut DealTable| {
                t.closed.pop();
            },
            |t: &mut DealTable| {
                t.amount.pop();
            },
            |t: &mut DealTable| {
                t.unconverted.pop();
            },
            |t: &mut DealTable| {
                t.reached.pop();
            },
            |t: &mut DealTable| t.funnel_pipelines = ValueColumns::new(&[Dimension::Pipeline]),
        ] {
            let mut t = whole.clone();
            cut(&mut t);
            assert!(!t.is_whole());
        }
    }

    #[test]
    fn works_out_outcome_amount_and_stage_once() {
        let won = Deal {
            source_system: "hubspot".into(),
            source_id: "d1".into(),
            raw_stage: Some("closedwon".into()),
            amount_cents: Some(12_345),
            created: Some(10),
            close_date: Some(20),
            segment: Some("SMB".into()),
            ..Deal::default()
        };
        let odd = Deal {
            source_system: "hubspot".into(),
            source_id: "d2".into(),
            amount_cents: Some(100),
            currency: Some("XYZ".into()),
            ..Deal::default()
        };
        let t = DealTable::new(&defaults(), &[won, odd]);
        assert_eq!(t.status(0), DealStatus::Won, "mapped from the raw stage");
        assert_eq!(t.amount(0), Some(123.45));
        assert_eq!(
            t.reached(0),
            t.open_stages().len(),
            "won passed every stage"
        );
        assert_eq!(t.amount(1), None);
        assert!(t.unconverted(1), "no rate for XYZ");
        assert_eq!(t.closed(1), None);
        assert_eq!(
            t.funnel_pipeline_names(),
            ["hubspot (no pipeline)"],
            "neither has a pipeline"
        );
        assert_eq!(t.kept(&Filter::all().with(Dimension::Segment, "SMB")), [0]);
    }
}
