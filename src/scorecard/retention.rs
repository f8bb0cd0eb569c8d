//! Revenue retention from the customer success export: of the customers at a quarter's
//! start, the share of their ARR still under contract at its end.
//!
//! The export holds one ARR per account (its latest), so what churned is seen and what
//! expanded is not: the number is gross retention, and the scorecard names it so.

use crate::definitions::Definitions;
use crate::definitions::fiscal::Quarter;
use crate::metrics::deals::to_reporting;
use crate::model::Account;

/// ARR retained over `period` ÷ ARR at its start, of the accounts that were customers at
/// its start; `None` when none was, or none has an ARR.
pub fn revenue_retention(defs: &Definitions, accounts: &[Account], period: Quarter) -> Option<f64> {
    let range = period.bounds(defs.fiscal_year_start_month);
    let (mut at_start, mut retained) = (0.0, 0.0);
    for a in accounts {
        let Some(since) = a.contract_start.or(a.closed_won) else {
            continue;
        };
        if since >= range.start || a.churned.is_some_and(|c| c < range.start) {
            continue;
        }
        let Some(arr) = a
            .arr_cents
            .and_then(|c| to_reporting(defs, c, a.currency.as_deref()))
        else {
            continue;
        };
        at_start += arr;
        if a.churned.is_none_or(|c| c >= range.end) {
            retained += arr;
        }
    }
    (at_start > 0.0).then(|| retained / at_start)
}
