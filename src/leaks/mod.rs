//! Handoff leaks: where records stall or vanish between marketing, sales and customer
//! success, measured against the SLAs of the definitions in force, with the revenue at
//! stake and the records behind every count. Pure functions over the canonical records.

mod as_of;
pub mod breakdown;
mod builder;
mod customers;
mod data_gaps;
mod deal_pass;
pub mod from_store;
mod handoff_summary;
mod handoffs;
pub mod kinds;
pub mod lead_table;
mod lists;
mod records;
mod snapshot_basis;
mod snapshots;
mod sorted_work_list;
mod stake;
mod stalled;
pub mod why;
pub mod work_list;

use std::ops::Range;

use serde::Serialize;

pub use as_of::AsOf;
pub use breakdown::{BreakdownRow, LeakDimension, leak_breakdown, leak_breakdowns};
pub use deal_pass::DealFindings;
pub use from_store::{Leads, StoredLeaks, count_leaks, count_leaks_of, leaks_from_store};
pub use handoff_summary::{HandoffSummary, Overlap, handoff_summaries};
pub use kinds::{Handoff, LeakKind};
pub use lead_table::{LeadTable, LeadTableBuilder};
pub use lists::LeakList;
pub use records::{RecordRef, RecordSet, Records, SomeRecords};
pub use snapshot_basis::Basis;
pub use sorted_work_list::{SortedWorkList, WorkListColumn};
pub use stake::Downstream;
pub use work_list::{WorkListRow, work_list};

use crate::definitions::Definitions;
use crate::definitions::fiscal::Quarter;
use crate::metrics::parallel::{chunks_for, ranges_in_parallel};
use crate::model::Timestamp;

/// How many quarters the trend covers, the period included.
pub const TREND_QUARTERS: usize = 4;

/// A record that leaked, with the dates that make it a leak.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Flagged {
    pub record: RecordRef,
    /// When the clock started (the MQL date, the SQL date, the stage entry, the win, …).
    pub started: Timestamp,
    /// When the next step was due.
    pub due: Option<Timestamp>,
    /// When the next step happened, if it did (late).
    pub done: Option<Timestamp>,
    /// What this record puts at stake, in the reporting currency, when it can be priced.
    pub at_stake: Option<f64>,
    /// Why it counts; [`Flagged::reason`] puts it in words.
    pub why: why::Why,
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
    /// When its records are judged: the end of the as-of day of its object's latest
    /// export (the latest of all for the data gaps, which mix objects).
    pub as_of: Timestamp,
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
    /// The records that leaked, in the records' order ([`Leak::most_overdue`] sorts them).
    pub records: Vec<Flagged>,
    /// A snapshot leak (stalled deals, late renewals) of a quarter no export was taken
    /// near the end of: not judged, and known only as of this day (`YYYY-MM-DD`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub known_only_as_of: Option<String>,
    /// Stalled deals: how many of them began to stall in the period (the rest were
    /// carried over from before).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub began_in_period: Option<usize>,
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
    /// The end of the as-of day of each object's latest export.
    pub as_of: AsOf,
    pub reporting_currency: String,
    /// In [`LeakKind::ALL`] order.
    pub leaks: Vec<Leak>,
    pub response: ResponseTimes,
    pub handoffs: Vec<HandoffSummary>,
    pub churned: Vec<ChurnStory>,
    /// The conversions and deal size revenue at stake is priced with.
    pub downstream: Downstream,
}

impl Leak {
    /// The records, the most overdue as of the leak's as-of first (ties in the records'
    /// order).
    pub fn most_overdue(&self) -> Vec<&Flagged> {
        let at = self.as_of;
        let mut out: Vec<&Flagged> = self.records.iter().collect();
        out.sort_by(|a, b| b.late_days(at).total_cmp(&a.late_days(at)));
        out
    }
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

/// The definitions, the trend's quarters and the time leaks are judged at: all the deals'
/// part of the leaks reads, so it can run as the deals are read, before the contacts are.
#[derive(Debug)]
pub(crate) struct Timeline<'a> {
    pub defs: &'a Definitions,
    pub period: Quarter,
    /// The trend's quarters, oldest first; the last is the period.
    pub quarters: Vec<(Quarter, Range<Timestamp>)>,
    /// When each object's leaks are judged.
    pub as_of: AsOf,
}

impl<'a> Timeline<'a> {
    /// The [`TREND_QUARTERS`] up to `period` under `defs`, judged at `as_of`.
    pub fn new(defs: &'a Definitions, period: Quarter, as_of: AsOf) -> Self {
        let month = defs.fiscal_year_start_month;
        let mut quarters = vec![period];
        while quarters.len() < TREND_QUARTERS {
            let oldest = quarters.last().copied().unwrap_or(period);
            quarters.push(oldest.previous());
        }
        quarters.reverse();
        Self {
            defs,
            period,
            quarters: quarters.iter().map(|q| (*q, q.bounds(month))).collect(),
            as_of,
        }
    }

    /// Which of the trend's quarters `t` falls in.
    pub fn quarter_of(&self, t: Timestamp) -> Option<usize> {
        self.quarters.iter().position(|(_, r)| r.contains(&t))
    }

    /// The index of the period in the trend.
    pub fn current(&self) -> usize {
        self.quarters.len().saturating_sub(1)
    }
}

/// What every detector reads: the timeline, the records and the contacts' lead table.
pub(crate) struct Context<'a> {
    pub timeline: Timeline<'a>,
    pub records: Records<'a>,
    /// The contacts of `records` as the lead leaks read them.
    pub leads: &'a LeadTable,
}

impl<'a> std::ops::Deref for Context<'a> {
    type Target = Timeline<'a>;

    fn deref(&self) -> &Timeline<'a> {
        &self.timeline
    }
}

/// The as-of date as the end of that day, the time leaks are judged at.
pub fn as_of_time(date: chrono::NaiveDate) -> Timestamp {
    date.and_time(chrono::NaiveTime::MIN).and_utc().timestamp() + 86_400
}

/// Finds every leak of `period` in `records` under `defs`, as of `as_of` (one time for
/// every object, or each its own). The contacts and the deals must all be there
/// ([`RecordSet::All`]); with some, see [`from_store`].
pub fn detect_leaks(
    defs: &Definitions,
    records: Records<'_>,
    period: Quarter,
    as_of: impl Into<AsOf>,
) -> LeakReport {
    let leads = LeadTable::new(defs, records.contacts.all());
    detect_leaks_with(defs, records, &leads, period, as_of.into())
}

/// [`detect_leaks`] with the contacts' [`LeadTable`] under `defs` already built, as when
/// only the period or an SLA changes; the deals must all be there.
pub fn detect_leaks_with(
    defs: &Definitions,
    records: Records<'_>,
    leads: &LeadTable,
    period: Quarter,
    as_of: AsOf,
) -> LeakReport {
    let deals = records.deals.all();
    detect_in_chunks(
        defs,
        records,
        leads,
        period,
        as_of,
        (chunks_for(leads.len()), chunks_for(deals.len())),
    )
}

/// [`detect_leaks`] with the contacts and the deals each split in the given number of
/// chunks, worked on at once.
fn detect_in_chunks(
    defs: &Definitions,
    records: Records<'_>,
    leads: &LeadTable,
    period: Quarter,
    as_of: AsOf,
    (contact_chunks, deal_chunks): (usize, usize),
) -> LeakReport {
    let timeline = Timeline::new(defs, period, as_of);
    let deals = DealFindings::of(&timeline, records.deals.all(), deal_chunks);
    detect_with_deals(timeline, records, leads, deals, contact_chunks)
}

/// The leaks of the timeline's period, with the deals' part already found (`deals`, under
/// the same timeline): the contacts in one pass split in `contact_chunks` chunks, then
/// the accounts.
pub(crate) fn detect_with_deals<'d>(
    timeline: Timeline<'d>,
    records: Records<'d>,
    leads: &'d LeadTable,
    deals: DealFindings<'d>,
    contact_chunks: usize,
) -> LeakReport {
    let cx = Context {
        timeline,
        records,
        leads,
    };
    let period = cx.period;
    // The contacts in one pass split over the machine's cores, in order, so the records
    // come out as they would from one pass.
    let (leads, mut gaps, entered) = ranges_in_parallel(leads.len(), contact_chunks, |range| {
        contact_pass(&cx, period, range)
    })
    .into_iter()
    .reduce(|(mut leads, mut gaps, mut entered), (l, g, e)| {
        leads.merge(l);
        gaps.merge(g);
        for (a, b) in entered.iter_mut().zip(e) {
            *a += b;
        }
        (leads, gaps, entered)
    })
    .unwrap_or_else(|| contact_pass(&cx, period, 0..0));
    let (stalled, deal_gaps, won) = deals.into_parts();
    gaps.merge(deal_gaps);
    let downstream = Downstream::new(&cx, period, entered, &won);
    let (mut leaks, response) = leads.finish(&cx, &downstream);
    let mut stalled = stalled.finish(&cx);
    let range = period.bounds(cx.defs.fiscal_year_start_month);
    stalled.began_in_period = Some(
        stalled
            .records
            .iter()
            .filter(|f| f.due.is_some_and(|d| range.contains(&d)))
            .count(),
    );
    leaks.push(stalled);
    let (customer_leaks, churned) = customers::detect(&cx);
    leaks.extend(customer_leaks);
    leaks.push(gaps.finish(&cx));
    leaks.sort_by_key(|l| l.kind);
    let handoffs = handoff_summaries(&leaks);
    LeakReport {
        period: period.label(),
        as_of: cx.as_of,
        reporting_currency: cx.defs.currency.reporting.clone(),
        leaks,
        response,
        handoffs,
        churned,
        downstream,
    }
}

/// The contacts at `range` of the context's [`LeadTable`], each read once for every leak.
fn contact_pass<'d>(
    cx: &Context<'d>,
    period: Quarter,
    range: Range<usize>,
) -> (handoffs::LeadLeaks, data_gaps::DataGaps<'d>, [usize; 3]) {
    let mut leads = handoffs::LeadLeaks::new(cx, range.len());
    let mut gaps = data_gaps::DataGaps::new(cx, range.len());
    let stages = handoffs::LeadStages::of(cx);
    let period_range = period.bounds(cx.defs.fiscal_year_start_month);
    let mut entered = [0usize; 3];
    let mut dates: Vec<Option<Timestamp>> = Vec::new();
    for index in range {
        dates.clear();
        dates.extend(
            cx.leads
                .raw_dates(index)
                .iter()
                .map(|t| (*t != Timestamp::MIN).then_some(*t)),
        );
        for (n, stage) in entered
            .iter_mut()
            .zip([stages.sql, stages.opportunity, stages.customer])
        {
            if stage
                .and_then(|i| dates.get(i).copied().flatten())
                .is_some_and(|t| period_range.contains(&t))
            {
                *n += 1;
            }
        }
        leads.observe(cx, index, &dates);
        gaps.observe_contact(cx, index, &dates);
    }
    (leads, gaps, entered)
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Account, Contact, Deal, DealStatus, StageEntry};

    /// Contacts, deals and accounts spread over 2025 with every kind of leak in them.
    fn data() -> (Vec<Contact>, Vec<Deal>, Vec<Account>) {
        let day = 86_400;
        let t0 = as_of_time(chrono::NaiveDate::from_ymd_opt(2024, 12, 31).unwrap_or_default());
        let contacts = (0..3_000i64)
            .map(|i| {
                let created = t0 + (i * 7_919) % (365 * day);
                let mut dates = [Some(created), None, None, None, None];
                let mut t = created;
                for (k, slot) in dates.iter_mut().enumerate().skip(1) {
                    if (i + i64::try_from(k).unwrap_or(0)) % 3 == 0 {
                        break;
                    }
                    t += (i % 17) * day / 2;
                    *slot = Some(t);
                }
                Contact {
                    source_id: format!("c{i}"),
                    owner: (i % 11 != 0).then(|| format!("Rep {}", i % 5)),
                    source: Some("Web".to_owned()),
                    created: Some(created),
                    stage_dates: dates,
                    first_touch: dates[1]
                        .filter(|_| i % 4 != 0)
                        .map(|m| m + (i % 50) * 3_600),
                    ..Contact::default()
                }
            })
            .collect();
        let raw = [
            "appointmentscheduled",
            "contractsent",
            "closedwon",
            "closedlost",
        ];
        let deals = (0..900i64)
            .map(|i| {
                let created = t0 + (i * 104_729) % (365 * day);
                let stage = raw[usize::try_from(i % 4).unwrap_or(0)];
                Deal {
                    source_system: "hubspot".to_owned(),
                    source_id: format!("d{i}"),
                    owner: Some(format!("Rep {}", i % 5)),
                    raw_stage: Some(stage.to_owned()),
                    amount_cents: (i % 9 != 0).then_some((i % 70 + 1) * 100_000),
                    created: Some(created),
                    close_date: Some(created + (i % 120) * day),
                    status: DealStatus::Open,
                    stage_entries: vec![StageEntry {
                        stage: stage.to_owned(),
                        entered: created + (i % 40) * day,
                    }],
                    ..Deal::default()
                }
            })
            .collect();
        let accounts = (0..400i64)
            .map(|i| {
                let won = t0 - 200 * day + (i * 15_485) % (500 * day);
                Account {
                    source_id: format!("a{i}"),
                    closed_won: Some(won),
                    kickoff: (i % 5 != 0).then_some(won + (i % 6) * day),
                    contract_end: Some(won + 372 * day),
                    arr_cents: Some(1_200_000),
                    renewal_outreach: (i % 3 != 0).then_some(won + (200 + i % 150) * day),
                    ..Account::default()
                }
            })
            .collect();
        (contacts, deals, accounts)
    }

    #[test]
    fn chunks_worked_on_at_once_give_the_report_of_one_pass() {
        let (contacts, deals, accounts) = data();
        let records = Records::all(&contacts, &deals, &accounts);
        let defs = crate::definitions::defaults();
        let q = Quarter {
            year: 2025,
            quarter: 3,
        };
        let as_of = AsOf::from(as_of_time(
            chrono::NaiveDate::from_ymd_opt(2025, 12, 31).unwrap_or_default(),
        ));
        let leads = LeadTable::new(&defs, &contacts);
        let one = detect_in_chunks(&defs, records, &leads, q, as_of, (1, 1));
        assert!(
            one.leaks.iter().filter(|l| l.count > 0).count() >= 6,
            "the data has leaks of nearly every kind: {:?}",
            one.leaks.iter().map(|l| l.count).collect::<Vec<_>>()
        );
        for chunks in [(2, 2), (3, 4), (7, 5)] {
            assert_eq!(
                one,
                detect_in_chunks(&defs, records, &leads, q, as_of, chunks),
                "{chunks:?}"
            );
        }
        // So do the deals counted one at a time as they stream by, as from the store.
        let timeline = Timeline::new(&defs, q, as_of);
        let mut streamed = DealFindings::new(&timeline, 0, 0);
        for d in &deals {
            streamed.observe(&timeline, d);
        }
        assert_eq!(streamed.deals(), deals.len());
        assert_eq!(
            one,
            detect_with_deals(timeline, records, &leads, streamed, 2),
            "streamed"
        );
    }
}
