//! Deal metrics for a period: win rate, won deal size, sales cycle, pipeline velocity.
//!
//! - Win rate = won ÷ (won + lost), of the deals closed in the period.
//! - Average and median won amount, in the reporting currency (fixed rates from the
//!   definitions; amounts in a currency without a rate are left out and counted, and so
//!   are won deals nobody priced: no amount, or 0 unless the definitions say 0 is a
//!   price).
//! - Median sales cycle = days from created to close, of the deals won in the period.
//! - Pipeline velocity = (open deals × win rate × average won amount) ÷ median cycle days,
//!   in reporting currency per day (× 91.25 per quarter).

use serde::Serialize;

use super::deal_table::DealTable;
use super::filter::Filter;
use super::stats::{days, median};
use crate::definitions::Definitions;
use crate::definitions::apply::deal_stage_of;
use crate::definitions::fiscal::Quarter;
use crate::definitions::model::StageOutcome;
use crate::model::{Deal, DealStatus};

/// The deal metrics of one period.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DealMetrics {
    pub period: String,
    pub reporting_currency: String,
    pub won: usize,
    pub lost: usize,
    pub win_rate: Option<f64>,
    pub avg_won_amount: Option<f64>,
    pub median_won_amount: Option<f64>,
    pub median_cycle_days: Option<f64>,
    pub open_deals: usize,
    pub pipeline_velocity_per_day: Option<f64>,
    pub pipeline_velocity_per_quarter: Option<f64>,
    /// Won deals whose amount is in a currency the definitions give no rate for.
    pub amounts_without_rate: usize,
    /// Won deals nobody priced (no amount, or 0), left out of the won amounts.
    pub won_without_amount: usize,
    pub won_without_amount_records: Vec<usize>,
    /// Indices into the deals given.
    pub won_records: Vec<usize>,
    pub lost_records: Vec<usize>,
    /// Won or lost in the period, in the order given: behind the win rate.
    pub closed_records: Vec<usize>,
    pub open_records: Vec<usize>,
}

/// Whether a deal is open, won or lost: its mapped stage's outcome, else its exported status.
pub fn outcome(defs: &Definitions, deal: &Deal) -> DealStatus {
    match deal_stage_of(defs, deal).map(|s| s.outcome) {
        Some(StageOutcome::Won) => DealStatus::Won,
        Some(StageOutcome::Lost) => DealStatus::Lost,
        Some(StageOutcome::Open) | None => deal.status,
    }
}

/// A deal's amount in the reporting currency (units, not cents), if it can be converted.
pub fn amount_in_reporting(defs: &Definitions, deal: &Deal) -> Option<f64> {
    to_reporting(defs, deal.amount_cents?, deal.currency.as_deref())
}

/// A won deal's amount as the average won deal counts it: `None` when nobody priced it
/// (no amount, or 0 unless the definitions say 0 is a price).
pub fn priced(defs: &Definitions, amount: Option<f64>) -> Option<f64> {
    amount.filter(|a| *a != 0.0 || defs.currency.zero_is_a_price)
}

/// Cents in `currency` (the reporting currency when absent) as reporting-currency units,
/// if the definitions give a rate.
#[expect(clippy::cast_precision_loss, reason = "money for people")]
pub fn to_reporting(defs: &Definitions, cents: i64, currency: Option<&str>) -> Option<f64> {
    let rate = match currency {
        None => 1.0,
        Some(c) if c.eq_ignore_ascii_case(&defs.currency.reporting) => 1.0,
        Some(c) => *defs.currency.rates.get(&c.to_uppercase())?,
    };
    Some(cents as f64 / 100.0 * rate)
}

/// The amounts of the deals `m` counts as won, summed in the reporting currency (won
/// deals without an amount, or in a currency without a rate, add nothing).
pub fn won_amount(deals: &DealTable, m: &DealMetrics) -> f64 {
    m.won_records.iter().filter_map(|&d| deals.amount(d)).sum()
}

/// Computes the deal metrics of `deals` under `defs` for `period`.
pub fn deal_metrics(
    defs: &Definitions,
    deals: &DealTable,
    filter: &Filter,
    period: Quarter,
) -> DealMetrics {
    deal_metrics_of(defs, deals, deals.kept(filter), period)
}

/// Computes the deal metrics of the deals at `positions` (in order) under `defs` for
/// `period`; the records name positions in `deals`.
pub fn deal_metrics_of(
    defs: &Definitions,
    deals: &DealTable,
    positions: impl IntoIterator<Item = usize>,
    period: Quarter,
) -> DealMetrics {
    let mut m = DealMetrics {
        period: period.label(),
        reporting_currency: defs.currency.reporting.clone(),
        won: 0,
        lost: 0,
        win_rate: None,
        avg_won_amount: None,
        median_won_amount: None,
        median_cycle_days: None,
        open_deals: 0,
        pipeline_velocity_per_day: None,
        pipeline_velocity_per_quarter: None,
        amounts_without_rate: 0,
        won_without_amount: 0,
        won_without_amount_records: Vec::new(),
        won_records: Vec::new(),
        lost_records: Vec::new(),
        closed_records: Vec::new(),
        open_records: Vec::new(),
    };
    let mut amounts = Vec::new();
    let mut cycles = Vec::new();
    let range = period.bounds(defs.fiscal_year_start_month);
    for i in positions {
        if i >= deals.len() {
            continue;
        }
        let closed = deals.closed(i);
        let closed_in_period = closed.is_some_and(|t| range.contains(&t));
        match deals.status(i) {
            DealStatus::Open => {
                m.open_deals += 1;
                m.open_records.push(i);
            }
            DealStatus::Won if closed_in_period => {
                m.won += 1;
                m.won_records.push(i);
                m.closed_records.push(i);
                match priced(defs, deals.amount(i)) {
                    Some(a) => amounts.push(a),
                    None if deals.unconverted(i) => m.amounts_without_rate += 1,
                    None => {
                        m.won_without_amount += 1;
                        m.won_without_amount_records.push(i);
                    }
                }
                if let (Some(created), Some(closed)) = (deals.created(i), closed)
                    && closed >= created
                {
                    cycles.push(days(closed - created));
                }
            }
            DealStatus::Lost if closed_in_period => {
                m.lost += 1;
                m.lost_records.push(i);
                m.closed_records.push(i);
            }
            DealStatus::Won | DealStatus::Lost => {}
        }
    }
    #[expect(clippy::cast_precision_loss, reason = "counts of deals")]
    {
        m.win_rate = (m.won + m.lost > 0).then(|| m.won as f64 / (m.won + m.lost) as f64);
        m.avg_won_amount =
            (!amounts.is_empty()).then(|| amounts.iter().sum::<f64>() / amounts.len() as f64);
        m.median_won_amount = median(&amounts);
        m.median_cycle_days = median(&cycles);
        if let (Some(rate), Some(avg), Some(cycle)) =
            (m.win_rate, m.avg_won_amount, m.median_cycle_days)
            && cycle > 0.0
        {
            let per_day = m.open_deals as f64 * rate * avg / cycle;
            m.pipeline_velocity_per_day = Some(per_day);
            m.pipeline_velocity_per_quarter = Some(per_day * 91.25);
        }
    }
    m
}

/// Open pipeline due in the period against the period's revenue target.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Coverage {
    /// Amount of the open deals whose close date is in the period, in the reporting currency.
    pub open_due: f64,
    pub target: Option<f64>,
    /// `open_due ÷ target`; 3× is the usual benchmark.
    pub coverage: Option<f64>,
    pub records: Vec<usize>,
}

/// Pipeline coverage for `period`, against the target for the segment the filter selects
/// (or the whole-company target).
pub fn pipeline_coverage(
    defs: &Definitions,
    deals: &DealTable,
    filter: &Filter,
    period: Quarter,
) -> Coverage {
    let segment = filter
        .equals
        .iter()
        .find(|(d, _)| *d == super::Dimension::Segment)
        .map(|(_, v)| v.as_str());
    let label = period.label();
    let target = defs
        .targets
        .iter()
        .find(|t| t.period == label && t.segment.as_deref() == segment)
        .map(|t| t.amount);
    let mut open_due = 0.0;
    let mut records = Vec::new();
    let range = period.bounds(defs.fiscal_year_start_month);
    for i in deals.kept(filter) {
        if deals.status(i) == DealStatus::Open
            && deals.closed(i).is_some_and(|t| range.contains(&t))
            && let Some(amount) = deals.amount(i)
        {
            open_due += amount;
            records.push(i);
        }
    }
    Coverage {
        open_due,
        target,
        coverage: target.filter(|t| *t > 0.0).map(|t| open_due / t),
        records,
    }
}
