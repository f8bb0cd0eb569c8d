//! Forecast accuracy, where the workspace holds two deals exports a quarter apart: what
//! the export taken near the quarter's start expected to close in it, against what
//! closed won.

use chrono::NaiveDate;

use crate::definitions::Definitions;
use crate::definitions::fiscal::Quarter;
use crate::metrics::deals::{amount_in_reporting, outcome};
use crate::model::{DealStatus, RecordObject};
use crate::workspace::{Workspace, WorkspaceError};

/// How near the quarter's first day the start export must be taken.
pub const NEAR_START_DAYS: i64 = 31;

/// A quarter's forecast against its result.
#[derive(Debug, Clone, PartialEq)]
pub struct Forecast {
    /// The export the forecast is read from.
    pub from_export: NaiveDate,
    /// The open pipeline due in the quarter in that export, each deal weighted by its
    /// exported probability, else by `win_rate`.
    pub expected: f64,
    /// The open deals due in the quarter in that export.
    pub deals: usize,
    /// Won in the quarter, in the reporting currency.
    pub won: f64,
    /// The win rate a deal without a probability is weighted by.
    pub win_rate: f64,
}

impl Forecast {
    /// `|won − expected| ÷ expected`; `None` when nothing was expected.
    pub fn variance(&self) -> Option<f64> {
        (self.expected > 0.0).then(|| (self.won - self.expected).abs() / self.expected)
    }
}

/// Why the forecast cannot be read for a quarter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NoForecast {
    /// No deals export was taken within [`NEAR_START_DAYS`] of the quarter's start.
    NoStartExport,
    /// No deals export was taken after the quarter ended, so its result is not known.
    NotEnded,
    /// The start export had no open deals due in the quarter.
    NothingDue,
}

/// The forecast of `period` from the deals exports of `ws`: the one nearest the quarter's
/// first day within [`NEAR_START_DAYS`], against `won` (the quarter's won amount from
/// the latest records), provided an export was taken after the quarter's last day.
pub fn forecast(
    ws: &Workspace,
    defs: &Definitions,
    period: Quarter,
    won: f64,
    win_rate: f64,
) -> Result<Result<Forecast, NoForecast>, WorkspaceError> {
    let exports = ws.as_of_dates_of(RecordObject::Deal)?;
    let (first, after) = period.dates(defs.fiscal_year_start_month);
    let last = after.pred_opt().unwrap_or(after);
    if exports.last().is_none_or(|d| *d < last) {
        return Ok(Err(NoForecast::NotEnded));
    }
    let Some(start) = exports
        .iter()
        .copied()
        .filter(|d| (*d - first).num_days().abs() <= NEAR_START_DAYS && *d < last)
        .min_by_key(|d| (*d - first).num_days().abs())
    else {
        return Ok(Err(NoForecast::NoStartExport));
    };
    let due = period.bounds(defs.fiscal_year_start_month);
    let (mut expected, mut deals) = (0.0, 0);
    ws.for_each_deal_as_of(&start.format("%Y-%m-%d").to_string(), |_, deal| {
        let open = outcome(defs, deal) == DealStatus::Open;
        let in_quarter = deal.close_date.is_some_and(|t| due.contains(&t));
        if let (true, true, Some(amount)) = (open, in_quarter, amount_in_reporting(defs, deal)) {
            let weight = deal
                .probability_pct
                .map_or(win_rate, |p| (p / 100.0).clamp(0.0, 1.0));
            expected += amount * weight;
            deals += 1;
        }
    })?;
    if deals == 0 {
        return Ok(Err(NoForecast::NothingDue));
    }
    Ok(Ok(Forecast {
        from_export: start,
        expected,
        deals,
        won,
        win_rate,
    }))
}
