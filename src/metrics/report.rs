//! Every number of one funnel question (a quarter, a mode, a filter, a breakdown) worked
//! out at once over the records in memory: what the Funnel view shows, the CLI prints and
//! a scorecard reads.

use serde::Serialize;

use super::breakdown::{BreakdownRow, breakdown};
use super::contact_table::ContactTable;
use super::deal_funnel::{PipelineFunnel, deal_stage_funnels};
use super::deal_table::DealTable;
use super::deals::{Coverage, DealMetrics, deal_metrics, pipeline_coverage};
use super::filter::{Dimension, Filter};
use super::funnel::{FunnelMode, LifecycleFunnel, funnels_by_quarter, lifecycle_funnel};
use crate::definitions::Definitions;
use crate::definitions::fiscal::Quarter;

/// How many quarters the trend covers, the asked one last: enough for the same quarter
/// last year to be among them.
pub const TREND_QUARTERS: usize = 8;

/// What the numbers are for.
#[derive(Debug, Clone, PartialEq)]
pub struct FunnelQuestion {
    pub period: Quarter,
    pub mode: FunnelMode,
    pub filter: Filter,
    /// The dimension of the breakdown.
    pub breakdown_by: Dimension,
}

/// The answers.
#[derive(Debug, Clone, Serialize)]
pub struct FunnelReport {
    /// The period's funnel, with the records behind each count.
    pub funnel: LifecycleFunnel,
    /// The same records counted the strict way, for "why does this differ from HubSpot?".
    pub strict: LifecycleFunnel,
    /// Counts only: the previous quarter and the same quarter last year.
    pub previous: LifecycleFunnel,
    pub last_year: LifecycleFunnel,
    /// Counts only: the funnel of each of the last [`TREND_QUARTERS`] quarters, oldest
    /// first, the asked one last.
    pub trend: Vec<(Quarter, LifecycleFunnel)>,
    pub deals: DealMetrics,
    pub coverage: Coverage,
    /// The deal-stage funnel of each pipeline, for deals created in the period.
    pub pipelines: Vec<PipelineFunnel>,
    /// Every metric by the question's dimension.
    pub breakdown: Vec<BreakdownRow>,
}

/// The last [`TREND_QUARTERS`] quarters up to `period`, oldest first.
pub fn trend_quarters(period: Quarter) -> Vec<Quarter> {
    let mut quarters = vec![period];
    while quarters.len() < TREND_QUARTERS {
        let Some(q) = quarters.last().map(|q| q.previous()) else {
            break;
        };
        quarters.push(q);
    }
    quarters.reverse();
    quarters
}

/// Works out every number of `question` over `contacts` and `deals` under `defs` (both
/// built under `defs`).
pub fn funnel_report(
    defs: &Definitions,
    contacts: &ContactTable,
    deals: &DealTable,
    question: &FunnelQuestion,
) -> FunnelReport {
    let FunnelQuestion {
        period,
        mode,
        filter,
        breakdown_by,
    } = question;
    let (period, mode) = (*period, *mode);
    let quarters = trend_quarters(period);
    let by_quarter = funnels_by_quarter(defs, contacts, filter, &quarters, mode);
    let trend: Vec<(Quarter, LifecycleFunnel)> = quarters.into_iter().zip(by_quarter).collect();
    let of_quarter = |q: Quarter| {
        trend
            .iter()
            .find(|(x, _)| *x == q)
            .map(|(_, f)| f.clone())
            .unwrap_or_else(|| lifecycle_funnel(defs, &ContactTable::default(), filter, q, mode))
    };
    FunnelReport {
        funnel: lifecycle_funnel(defs, contacts, filter, period, mode),
        strict: lifecycle_funnel(defs, contacts, filter, period, FunnelMode::Strict),
        previous: of_quarter(period.previous()),
        last_year: of_quarter(period.year_before()),
        deals: deal_metrics(defs, deals, filter, period),
        coverage: pipeline_coverage(defs, deals, filter, period),
        pipelines: deal_stage_funnels(defs, deals, filter, period),
        breakdown: breakdown(defs, contacts, deals, filter, period, mode, *breakdown_by),
        trend,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_trend_ends_at_the_asked_quarter_and_reaches_back_a_year_and_more() {
        let q = Quarter {
            year: 2025,
            quarter: 2,
        };
        let quarters = trend_quarters(q);
        assert_eq!(quarters.len(), TREND_QUARTERS);
        assert_eq!(quarters.last(), Some(&q));
        assert_eq!(
            quarters.first(),
            Some(&Quarter {
                year: 2023,
                quarter: 3
            })
        );
        assert!(quarters.contains(&Quarter {
            year: 2024,
            quarter: 2
        }));
    }
}
