//! What the Funnel view shows: the numbers of one question (a quarter, a counting mode,
//! filters, a breakdown) with the records behind them, and the view's choices.

use std::sync::Arc;

use super::sort::{Sort, SortColumn};
use crate::definitions::fiscal::Quarter;
use crate::metrics::breakdown::BreakdownRow;
use crate::metrics::deal_funnel::PipelineFunnel;
use crate::metrics::deals::{Coverage, DealMetrics};
use crate::metrics::details::FunnelDetails;
use crate::metrics::from_store::FunnelTables;
use crate::metrics::report::{FunnelQuestion, FunnelReport};
use crate::metrics::stage_table::StageTable;
use crate::metrics::{Dimension, Filter, FunnelMode, LifecycleFunnel};
use crate::model::{Contact, Deal};

/// The dimensions the Funnel view filters by.
pub const FILTERS: [Dimension; 4] = [
    Dimension::Segment,
    Dimension::Region,
    Dimension::Owner,
    Dimension::Source,
];

/// What the numbers are computed for; a change recomputes them in the background.
#[derive(Debug, Clone, PartialEq)]
pub struct FunnelQuery {
    pub period: Quarter,
    pub mode: FunnelMode,
    /// Segment, region, owner and source, combinable.
    pub filter: Filter,
    /// The dimension of the breakdown table.
    pub breakdown_by: Dimension,
    /// The definitions version and the batch ids the numbers follow.
    pub definitions_version: i64,
    pub batches: Vec<i64>,
    /// The records' generation the numbers follow: a change of data or definitions, or
    /// another workspace, makes the numbers of an older one stale.
    pub generation: i64,
}

impl FunnelQuery {
    /// The question the library answers.
    pub fn question(&self) -> FunnelQuestion {
        FunnelQuestion {
            period: self.period,
            mode: self.mode,
            filter: self.filter.clone(),
            breakdown_by: self.breakdown_by,
        }
    }

    /// Whether `other` asks about the same records under the same definitions, so the
    /// tables read for one serve the other.
    pub fn same_records(&self, other: &Self) -> bool {
        self.generation == other.generation
            && self.definitions_version == other.definitions_version
            && self.batches == other.batches
    }
}

/// The numbers for one query.
#[derive(Debug, Clone)]
pub struct FunnelResult {
    pub query: FunnelQuery,
    pub funnel: LifecycleFunnel,
    pub previous: LifecycleFunnel,
    pub last_year: LifecycleFunnel,
    pub deals: DealMetrics,
    pub coverage: Coverage,
    /// The deal-stage funnel of each pipeline, for deals created in the period.
    pub pipelines: Vec<PipelineFunnel>,
    /// The breakdown by the query's dimension.
    pub breakdown: Vec<BreakdownRow>,
    /// The same records counted the strict way, for "why does this differ from HubSpot?".
    pub strict: LifecycleFunnel,
    /// The stage table, beside the previous quarter and the same quarter last year.
    pub stage_table: StageTable,
    /// Stage-to-next conversion in each of the last eight quarters, oldest first.
    pub trend: Vec<(Quarter, Vec<Option<f64>>)>,
    /// Each stage's definition text, for hovering its name.
    pub stage_definitions: Vec<String>,
    /// Every value of each filter dimension in the data, for the filter menus.
    pub choices: Vec<(Dimension, Vec<String>)>,
    /// The full records behind the numbers, for the record lists: read after the
    /// numbers are on screen, `None` until then.
    pub details: Option<Arc<FunnelDetails>>,
    /// The tables the numbers were computed from, kept for the next query.
    pub tables: Arc<FunnelTables>,
    /// Which numbers these are: a new value each time the result or its details arrive,
    /// so a view knows it has new numbers to lay out without comparing them.
    pub numbers: u64,
    /// The definitions changed since the numbers shown before these: every past quarter
    /// of the trend and comparisons was counted again under this version, said once.
    pub restated_under: Option<i64>,
}

impl FunnelResult {
    /// The numbers of `report`, the answer to `query` over `tables`.
    pub fn new(query: FunnelQuery, report: FunnelReport, tables: Arc<FunnelTables>) -> Self {
        let period = query.period;
        let stage_table = StageTable::new(
            &report.funnel,
            (&report.previous, &period.previous().label()),
            (&report.last_year, &period.year_before().label()),
        );
        Self {
            stage_table,
            funnel: report.funnel,
            previous: report.previous,
            last_year: report.last_year,
            deals: report.deals,
            coverage: report.coverage,
            pipelines: report.pipelines,
            breakdown: report.breakdown,
            strict: report.strict,
            trend: report
                .trend
                .into_iter()
                .map(|(q, f)| (q, f.stages.iter().map(|s| s.conversion_to_next).collect()))
                .collect(),
            stage_definitions: tables.stage_definitions(),
            choices: tables.choices(&FILTERS),
            details: None,
            tables,
            query,
            numbers: 0,
            restated_under: None,
        }
    }

    /// The full record of the contact at `position` of the contact table, once read.
    pub fn contact(&self, position: usize) -> Option<&Contact> {
        self.details.as_ref()?.contacts.get(position)
    }

    /// The full record of the deal at `position` of the deal table, once read.
    pub fn deal(&self, position: usize) -> Option<&Deal> {
        self.details.as_ref()?.deals.get(position)
    }

    /// Whether the full records behind the numbers have been read.
    pub fn details_ready(&self) -> bool {
        self.details.is_some()
    }
}

/// The deals behind one of the deal numbers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DealList {
    /// Won or lost in the period: behind the win rate.
    Closed,
    /// Won in the period: behind the won amounts and the sales cycle.
    Won,
    /// Open now: behind the open count and the velocity.
    Open,
    /// Open and due to close in the period: behind the coverage.
    Due,
}

impl DealList {
    /// What the list is, for its heading.
    pub fn label(self) -> &'static str {
        match self {
            Self::Closed => "closed (won or lost)",
            Self::Won => "won",
            Self::Open => "open",
            Self::Due => "open and due",
        }
    }

    /// A short name for a file.
    pub fn key(self) -> &'static str {
        match self {
            Self::Closed => "closed",
            Self::Won => "won",
            Self::Open => "open",
            Self::Due => "due",
        }
    }

    /// The positions of the deals in the list, in the deal table's order.
    pub fn positions(self, r: &FunnelResult) -> &[usize] {
        match self {
            Self::Closed => &r.deals.closed_records,
            Self::Won => &r.deals.won_records,
            Self::Open => &r.deals.open_records,
            Self::Due => &r.coverage.records,
        }
    }
}

/// The columns of the breakdown table: the dimension's value, each stage's count, the
/// win rate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BreakdownColumn {
    Value,
    /// The count at the stage of this index.
    Stage(usize),
    WinRate,
}

impl SortColumn for BreakdownColumn {
    /// Counts and rates read largest first; the values A to Z.
    fn descending_first(self) -> bool {
        self != Self::Value
    }
}

impl BreakdownColumn {
    /// The table's columns for a funnel of `stages` stages, in order.
    pub fn all(stages: usize) -> impl Iterator<Item = Self> {
        std::iter::once(Self::Value)
            .chain((0..stages).map(Self::Stage))
            .chain(std::iter::once(Self::WinRate))
    }

    /// The column's heading: the dimension's name, a stage's name, or "Win rate".
    pub fn title(self, dimension: Dimension, stage_names: &[String]) -> String {
        match self {
            Self::Value => dimension.label().to_owned(),
            Self::Stage(i) => stage_names.get(i).cloned().unwrap_or_default(),
            Self::WinRate => "Win rate".to_owned(),
        }
    }

    /// The rows in the order of `sort`.
    pub fn sorted(rows: &[BreakdownRow], sort: Sort<Self>) -> Vec<&BreakdownRow> {
        #[expect(clippy::cast_precision_loss, reason = "sorting")]
        let key = |row: &BreakdownRow| -> f64 {
            match sort.column {
                Self::Value => 0.0,
                Self::Stage(i) => row
                    .funnel
                    .as_ref()
                    .and_then(|f| f.stages.get(i))
                    .map_or(-1.0, |s| s.count as f64),
                Self::WinRate => row.deals.win_rate.unwrap_or(-1.0),
            }
        };
        let mut rows: Vec<&BreakdownRow> = rows.iter().collect();
        rows.sort_by(|a, b| {
            let ord = if sort.column == Self::Value {
                a.value.cmp(&b.value)
            } else {
                key(a).total_cmp(&key(b))
            };
            if sort.descending { ord.reverse() } else { ord }
        });
        rows
    }
}

/// What the view shows.
pub struct FunnelViewModel<'a> {
    pub result: Option<&'a FunnelResult>,
    pub mode: FunnelMode,
    /// Segment, region, owner and source chosen.
    pub filter: &'a Filter,
    pub selected_stage: Option<usize>,
    /// The deal list open under the deal cards.
    pub selected_deals: Option<DealList>,
    pub computing: bool,
    pub definitions_version: Option<i64>,
    pub has_data: bool,
    pub breakdown_sort: Sort<BreakdownColumn>,
    /// The latest quarter with records, offered when the one shown has none.
    pub latest_period: Option<Quarter>,
}
