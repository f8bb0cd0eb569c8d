//! Handoff leaks: where records stall or vanish between marketing, sales and customer
//! success, measured against the SLAs of the definitions in force, with the revenue at
//! stake and the records behind every count. Pure functions over the canonical records.

pub mod breakdown;
mod builder;
mod customers;
mod data_gaps;
mod handoffs;
pub mod kinds;
mod stake;
mod stalled;
pub mod work_list;

use std::ops::Range;

use serde::Serialize;

pub use breakdown::{BreakdownRow, LeakDimension, leak_breakdown};
pub use kinds::{Handoff, LeakKind};
pub use stake::Downstream;
pub use work_list::{WorkListRow, work_list};

use crate::definitions::Definitions;
use crate::definitions::fiscal::Quarter;
use crate::model::{Account, Contact, Deal, RecordObject, Timestamp};

/// How many quarters the trend covers, the period included.
pub const TREND_QUARTERS: usize = 4;

/// The records leaks are found in.
#[derive(Debug, Clone, Copy)]
pub struct Records<'a> {
    pub contacts: &'a [Contact],
    pub deals: &'a [Deal],
    pub accounts: &'a [Account],
}

/// One record of one object, by its index in [`Records`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct RecordRef {
    pub object: RecordObject,
    pub index: usize,
}

/// A record that leaked, with the dates that make it a leak.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Flagged {
    pub record: RecordRef,
    pub source_id: String,
    /// When the clock started (the MQL date, the SQL date, the stage entry, the win, …).
    pub started: Timestamp,
    /// When the next step was due.
    pub due: Option<Timestamp>,
    /// When the next step happened, if it did (late).
    pub done: Option<Timestamp>,
    /// Days past the due time: to when it happened, or to the as-of date when it has not.
    pub late_days: f64,
    /// What this record puts at stake, in the reporting currency, when it can be priced.
    pub at_stake: Option<f64>,
    /// Why it counts, in plain words.
    pub reason: String,
}

/// One quarter of a leak's trend.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TrendPoint {
    pub period: String,
    pub count: usize,
    pub volume: usize,
    pub share: Option<f64>,
}

/// One leak in one period.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Leak {
    pub kind: LeakKind,
    /// Records that leaked.
    pub count: usize,
    /// Records that went through the handoff and could leak (the SLA had run out).
    pub volume: usize,
    /// `count ÷ volume`.
    pub share: Option<f64>,
    /// The SLA as configured, e.g. "5 business days".
    pub sla: Option<String>,
    /// The sum of the records' `at_stake`; `None` when nothing could be priced.
    pub revenue_at_stake: Option<f64>,
    /// How the revenue at stake was worked out, with the numbers.
    pub stake_formula: String,
    /// The records that leaked, the most overdue first.
    pub records: Vec<Flagged>,
    /// Every record in `volume`, for breakdowns.
    pub checked: Vec<RecordRef>,
    /// The leak in the last quarters, oldest first; empty for snapshot leaks (stalled deals).
    pub trend: Vec<TrendPoint>,
}

/// First-response times of the period's MQLs.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ResponseTimes {
    /// Response-time bands and how many MQLs fell in each.
    pub bands: Vec<(String, usize)>,
    /// Measured from the first-touch time.
    pub by_touch: usize,
    /// Measured from the SQL date, for lack of a touch time.
    pub by_sql_date: usize,
    /// Not touched yet, SLA run out.
    pub untouched: usize,
    pub within_sla: usize,
    pub median_hours: Option<f64>,
}

/// A handoff of the map: its leaks together.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct HandoffSummary {
    pub handoff: Handoff,
    pub count: usize,
    pub volume: usize,
    /// Share of the handoff's volume handled within its SLAs.
    pub compliance: Option<f64>,
    pub revenue_at_stake: f64,
}

/// A customer who churned in the period, with the handoffs before it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ChurnStory {
    pub record: RecordRef,
    pub source_id: String,
    pub churned: Timestamp,
    pub arr: Option<f64>,
    /// Days the kickoff came after its SLA (negative: in time); `None`: no kickoff.
    pub kickoff_late_days: Option<f64>,
    /// Days the renewal outreach came after it was due; `None`: no outreach.
    pub outreach_late_days: Option<f64>,
}

/// Every leak of a period.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LeakReport {
    pub period: String,
    /// The end of the as-of day the data was exported on.
    pub as_of: Timestamp,
    pub reporting_currency: String,
    /// In [`LeakKind::ALL`] order.
    pub leaks: Vec<Leak>,
    pub response: ResponseTimes,
    pub handoffs: Vec<HandoffSummary>,
    pub churned: Vec<ChurnStory>,
    /// The conversions and deal size revenue at stake is priced with.
    pub downstream: Downstream,
}

impl LeakReport {
    /// The leak of `kind`.
    pub fn leak(&self, kind: LeakKind) -> Option<&Leak> {
        self.leaks.iter().find(|l| l.kind == kind)
    }

    /// The leaks, largest revenue at stake first (unpriced last, by count).
    pub fn ranked(&self) -> Vec<&Leak> {
        let mut out: Vec<&Leak> = self.leaks.iter().collect();
        out.sort_by(|a, b| {
            let stake = |l: &Leak| l.revenue_at_stake.unwrap_or(-1.0);
            stake(b)
                .total_cmp(&stake(a))
                .then_with(|| b.count.cmp(&a.count))
        });
        out
    }
}

/// What every detector reads: the definitions, the quarters and the as-of time.
pub(crate) struct Context<'a> {
    pub defs: &'a Definitions,
    pub records: Records<'a>,
    /// The trend's quarters, oldest first; the last is the period.
    pub quarters: Vec<(Quarter, Range<Timestamp>)>,
    pub as_of: Timestamp,
}

impl Context<'_> {
    /// Which of the trend's quarters `t` falls in.
    pub fn quarter_of(&self, t: Timestamp) -> Option<usize> {
        self.quarters.iter().position(|(_, r)| r.contains(&t))
    }

    /// The index of the period in the trend.
    pub fn current(&self) -> usize {
        self.quarters.len().saturating_sub(1)
    }
}

/// The as-of date as the end of that day, the time leaks are judged at.
pub fn as_of_time(date: chrono::NaiveDate) -> Timestamp {
    date.and_time(chrono::NaiveTime::MIN).and_utc().timestamp() + 86_400
}

/// Finds every leak of `period` in `records` under `defs`, as of `as_of`.
pub fn detect_leaks(
    defs: &Definitions,
    records: Records<'_>,
    period: Quarter,
    as_of: Timestamp,
) -> LeakReport {
    let month = defs.fiscal_year_start_month;
    let mut quarters = vec![period];
    while quarters.len() < TREND_QUARTERS {
        let oldest = quarters.last().copied().unwrap_or(period);
        quarters.push(oldest.previous());
    }
    quarters.reverse();
    let cx = Context {
        defs,
        records,
        quarters: quarters.iter().map(|q| (*q, q.bounds(month))).collect(),
        as_of,
    };
    let downstream = stake::downstream(&cx, period);
    let (contact_leaks, response) = handoffs::detect(&cx, &downstream);
    let mut leaks = contact_leaks;
    leaks.push(stalled::detect(&cx));
    let (customer_leaks, churned) = customers::detect(&cx);
    leaks.extend(customer_leaks);
    leaks.push(data_gaps::detect(&cx));
    leaks.sort_by_key(|l| l.kind);
    let handoffs = Handoff::FLOW
        .iter()
        .chain(std::iter::once(&Handoff::Data))
        .map(|h| summarise(*h, &leaks))
        .collect();
    LeakReport {
        period: period.label(),
        as_of,
        reporting_currency: defs.currency.reporting.clone(),
        leaks,
        response,
        handoffs,
        churned,
        downstream,
    }
}

fn summarise(handoff: Handoff, leaks: &[Leak]) -> HandoffSummary {
    let mine = leaks.iter().filter(|l| l.kind.handoff() == handoff);
    let (mut count, mut volume, mut stake) = (0, 0, 0.0);
    for l in mine {
        count += l.count;
        volume += l.volume;
        stake += l.revenue_at_stake.unwrap_or(0.0);
    }
    HandoffSummary {
        handoff,
        count,
        volume,
        compliance: ratio(volume.saturating_sub(count), volume),
        revenue_at_stake: stake,
    }
}

/// `a ÷ b`, `None` when `b` is zero.
#[expect(clippy::cast_precision_loss, reason = "counts of records")]
pub fn ratio(a: usize, b: usize) -> Option<f64> {
    (b > 0).then(|| a as f64 / b as f64)
}

#[expect(clippy::cast_precision_loss, reason = "seconds as days, for people")]
pub(crate) fn days_between(from: Timestamp, to: Timestamp) -> f64 {
    (to - from) as f64 / 86_400.0
}

/// A leak whose count or revenue at stake a definitions change would alter.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LeakChange {
    pub period: String,
    pub kind: LeakKind,
    pub before: usize,
    pub after: usize,
    pub stake_before: Option<f64>,
    pub stake_after: Option<f64>,
    pub currency: String,
}

impl std::fmt::Display for LeakChange {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let stake = |x: Option<f64>| {
            x.map_or_else(
                || "not priced".to_owned(),
                |v| crate::text::money(v, &self.currency),
            )
        };
        write!(
            f,
            "{} {}: {} leaked before, {} after (revenue at stake {} before, {} after)",
            self.period,
            self.kind.label(),
            self.before,
            self.after,
            stake(self.stake_before),
            stake(self.stake_after)
        )
    }
}

/// The leaks whose count or revenue at stake differ between two reports of one period.
pub fn leak_changes(before: &LeakReport, after: &LeakReport) -> Vec<LeakChange> {
    let same = |a: Option<f64>, b: Option<f64>| match (a, b) {
        (Some(a), Some(b)) => (a - b).abs() < 0.005,
        (None, None) => true,
        _ => false,
    };
    before
        .leaks
        .iter()
        .filter_map(|b| {
            let a = after.leak(b.kind)?;
            (b.count != a.count || !same(b.revenue_at_stake, a.revenue_at_stake)).then(|| {
                LeakChange {
                    period: after.period.clone(),
                    kind: b.kind,
                    before: b.count,
                    after: a.count,
                    stake_before: b.revenue_at_stake,
                    stake_after: a.revenue_at_stake,
                    currency: after.reporting_currency.clone(),
                }
            })
        })
        .collect()
}
