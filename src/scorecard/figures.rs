//! Every scorecard metric's value in one quarter, worked out by the library's own
//! functions: the funnel and deal metrics over the funnel's tables, SLA compliance from
//! the quarter's leaks, retention from the accounts.

use std::collections::BTreeMap;

use super::catalogue::sla_handoff;
use super::retention::revenue_retention;
use crate::definitions::fiscal::Quarter;
use crate::leaks::LeakReport;
use crate::metrics::deals::{deal_metrics, pipeline_coverage, won_amount};
use crate::metrics::from_store::FunnelTables;
use crate::metrics::{Filter, FunnelMode, LifecycleFunnel, funnels_by_quarter};
use crate::model::Account;

/// One quarter's values, by metric key; a metric with no value is absent.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct QuarterFigures {
    pub values: BTreeMap<String, f64>,
}

impl QuarterFigures {
    /// The value of `key`, if the quarter has one.
    pub fn get(&self, key: &str) -> Option<f64> {
        self.values.get(key).copied()
    }
}

/// The lifecycle funnel of each of `quarters` over every contact, counted as cohorts in
/// one pass (as the Funnel view's trend counts them), when `keys` show any of its numbers.
pub fn funnels_of(
    tables: &FunnelTables,
    quarters: &[Quarter],
    keys: &[String],
) -> Option<Vec<LifecycleFunnel>> {
    keys.iter()
        .any(|k| k.starts_with("conversion:") || k.starts_with("stage:"))
        .then(|| {
            funnels_by_quarter(
                &tables.defs,
                &tables.contacts,
                &Filter::all(),
                quarters,
                FunnelMode::Cohort,
            )
        })
}

/// The values of every metric in `keys` for `period`: the deal metrics over every deal,
/// the stage conversions from `funnel` (the quarter's), the handoffs' SLA compliance
/// from `leaks` (the quarter's leak report), retention from `accounts`.
#[expect(clippy::cast_precision_loss, reason = "counts of records")]
pub fn quarter_figures(
    tables: &FunnelTables,
    funnel: Option<&LifecycleFunnel>,
    leaks: Option<&LeakReport>,
    accounts: &[Account],
    period: Quarter,
    keys: &[String],
) -> QuarterFigures {
    let defs = &tables.defs;
    let all = Filter::all();
    let deals = deal_metrics(defs, &tables.deals, &all, period);
    let mut values = BTreeMap::new();
    for key in keys {
        let value = match key.as_str() {
            "new_arr_won" => (deals.won > 0).then(|| won_amount(&tables.deals, &deals)),
            "win_rate" => deals.win_rate,
            "deals_won" => Some(deals.won as f64),
            "pipeline_coverage" => pipeline_coverage(defs, &tables.deals, &all, period).coverage,
            "revenue_retention" => revenue_retention(defs, accounts, period),
            "median_cycle" => deals.median_cycle_days,
            "velocity" => deals.pipeline_velocity_per_day,
            k => {
                if let Some(stage) = k.strip_prefix("conversion:") {
                    funnel
                        .and_then(|f| f.stages.iter().find(|s| s.key == stage))
                        .and_then(|s| s.conversion_to_next)
                } else if let Some(stage) = k.strip_prefix("stage:") {
                    funnel
                        .and_then(|f| f.stages.iter().find(|s| s.key == stage))
                        .map(|s| s.count as f64)
                } else if let Some(handoff) = sla_handoff(k) {
                    leaks
                        .and_then(|r| r.handoffs.iter().find(|h| h.handoff == handoff))
                        .and_then(|h| h.compliance)
                } else {
                    None
                }
            }
        };
        if let Some(v) = value.filter(|v| v.is_finite()) {
            values.insert(key.clone(), v);
        }
    }
    QuarterFigures { values }
}
