//! What a leaked lead is worth: the period's downstream conversion times its average won
//! deal, so "revenue at stake" for leads is an expected value with its formula shown.

use serde::Serialize;

use super::{Context, ratio};
use crate::definitions::apply::StageSource;
use crate::definitions::fiscal::Quarter;
use crate::metrics::Filter;
use crate::metrics::deals::deal_metrics;

/// The period's conversions from SQL and from opportunity to customer, and its average
/// won deal: the numbers leaked leads are priced with.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Downstream {
    pub period: String,
    /// Contacts that entered each stage in the period.
    pub sqls: usize,
    pub opportunities: usize,
    pub customers: usize,
    /// customers ÷ SQLs entered in the period.
    pub sql_to_customer: Option<f64>,
    /// customers ÷ opportunities entered in the period.
    pub opportunity_to_customer: Option<f64>,
    /// Average amount of the deals won in the period, in the reporting currency.
    pub avg_won: Option<f64>,
    pub won_deals: usize,
    pub reporting_currency: String,
}

/// The period's downstream numbers.
pub fn downstream(cx: &Context<'_>, period: Quarter) -> Downstream {
    let range = period.bounds(cx.defs.fiscal_year_start_month);
    let sources = [
        StageSource::of(cx.defs, "sql"),
        StageSource::of(cx.defs, "opportunity"),
        StageSource::of(cx.defs, "customer"),
    ];
    let mut counts = [0usize; 3];
    for c in cx.records.contacts {
        for (n, s) in counts.iter_mut().zip(&sources) {
            if s.date(c).is_some_and(|t| range.contains(&t)) {
                *n += 1;
            }
        }
    }
    let [sqls, opportunities, customers] = counts;
    let deals = deal_metrics(cx.defs, cx.records.deals, &Filter::all(), period);
    Downstream {
        period: period.label(),
        sqls,
        opportunities,
        customers,
        sql_to_customer: ratio(customers, sqls),
        opportunity_to_customer: ratio(customers, opportunities),
        avg_won: deals.avg_won_amount,
        won_deals: deals.won,
        reporting_currency: cx.defs.currency.reporting.clone(),
    }
}

impl Downstream {
    /// The expected value of one leaked lead at `conversion` (`from` names the stage),
    /// and the formula for `leaked` of them; `None` when the period cannot price it.
    pub fn price(
        &self,
        leaked: usize,
        conversion: Option<f64>,
        from: &str,
    ) -> (Option<f64>, String) {
        let money = |x: f64| crate::text::money(x, &self.reporting_currency);
        match (conversion, self.avg_won) {
            (Some(rate), Some(avg)) => {
                #[expect(clippy::cast_precision_loss, reason = "a count of records")]
                let total = leaked as f64 * rate * avg;
                (
                    Some(rate * avg),
                    format!(
                        "{leaked} leaked × {:.1}% {from} to Customer ({}: {} customers of {} entered) × {} average won deal ({}: {} won) = {}",
                        rate * 100.0,
                        self.period,
                        self.customers,
                        if from == "SQL" {
                            self.sqls
                        } else {
                            self.opportunities
                        },
                        money(avg),
                        self.period,
                        self.won_deals,
                        money(total)
                    ),
                )
            }
            (None, _) => (
                None,
                format!(
                    "Not priced: no contact entered {from} in {}, so there is no conversion to price a lead with.",
                    self.period
                ),
            ),
            (_, None) => (
                None,
                format!(
                    "Not priced: no deal with an amount was won in {}, so there is no average deal size.",
                    self.period
                ),
            ),
        }
    }
}
