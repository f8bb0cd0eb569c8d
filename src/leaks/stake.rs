//! What a leaked lead is worth: the period's downstream conversion times its average won
//! deal, so "revenue at stake" for leads is an expected value with its formula shown.

use serde::Serialize;

use super::{Context, ratio};
use crate::definitions::fiscal::Quarter;

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

/// The deals won in the period, as the deal metrics count them: how many, and the sum of
/// the amounts that convert to the reporting currency.
#[derive(Debug, Clone, Copy, Default)]
pub struct WonDeals {
    pub count: usize,
    pub priced: usize,
    pub amount: f64,
}

impl WonDeals {
    /// Counts `deal` if it was won (`status`) with a close date in `period`.
    pub fn observe(
        &mut self,
        defs: &crate::definitions::Definitions,
        period: &std::ops::Range<crate::model::Timestamp>,
        deal: &crate::model::Deal,
        status: crate::model::DealStatus,
    ) {
        if status == crate::model::DealStatus::Won
            && deal.close_date.is_some_and(|t| period.contains(&t))
        {
            self.count += 1;
            let amount = crate::metrics::deals::amount_in_reporting(defs, deal);
            if let Some(a) = crate::metrics::deals::priced(defs, amount) {
                self.priced += 1;
                self.amount += a;
            }
        }
    }

    /// Adds another part's tally.
    pub fn merge(&mut self, other: Self) {
        self.count += other.count;
        self.priced += other.priced;
        self.amount += other.amount;
    }

    /// The average won amount, as [`crate::metrics::deals::DealMetrics::avg_won_amount`].
    #[expect(clippy::cast_precision_loss, reason = "a count of deals")]
    pub fn average(&self) -> Option<f64> {
        (self.priced > 0).then(|| self.amount / self.priced as f64)
    }
}

impl Downstream {
    /// The period's numbers from the contacts that entered SQL, opportunity and customer
    /// in it (`entered`, in that order), and the deals won in it.
    pub(crate) fn new(
        cx: &Context<'_>,
        period: Quarter,
        entered: [usize; 3],
        won: &WonDeals,
    ) -> Self {
        let [sqls, opportunities, customers] = entered;
        Self {
            period: period.label(),
            sqls,
            opportunities,
            customers,
            sql_to_customer: ratio(customers, sqls),
            opportunity_to_customer: ratio(customers, opportunities),
            avg_won: won.average(),
            won_deals: won.count,
            reporting_currency: cx.defs.currency.reporting.clone(),
        }
    }

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
