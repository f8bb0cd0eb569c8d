//! The lead handoffs, fed one contact at a time with its stage dates: MQLs sales never
//! accepted in time, slow first sales touches, and SQLs that never became opportunities in
//! time. Revenue at stake is priced at the end, once the period's conversions are known.

use super::builder::LeakBuilder;
use super::stake::Downstream;
use super::why::Why;
use super::{Context, Flagged, Leak, LeakKind, RecordRef, ResponseTimes, days_between};
use crate::definitions::sla_clock::SlaClock;
use crate::metrics::stats::median;
use crate::model::{RecordObject, Timestamp};

/// Response-time bands, upper bounds in hours.
const BANDS: [(&str, f64); 6] = [
    ("under 1 hour", 1.0),
    ("1 to 4 hours", 4.0),
    ("4 to 24 hours", 24.0),
    ("1 to 3 days", 72.0),
    ("3 to 7 days", 168.0),
    ("over 7 days", f64::INFINITY),
];

/// Where the lead stages sit among the definitions' lifecycle stages.
#[derive(Debug, Clone, Copy)]
pub struct LeadStages {
    pub mql: Option<usize>,
    pub sql: Option<usize>,
    pub opportunity: Option<usize>,
    pub customer: Option<usize>,
}

impl LeadStages {
    /// The positions of the `mql`, `sql`, `opportunity` and `customer` keys.
    pub fn of(cx: &Context<'_>) -> Self {
        let at = |key: &str| cx.defs.lifecycle_stages.iter().position(|s| s.key == key);
        Self {
            mql: at("mql"),
            sql: at("sql"),
            opportunity: at("opportunity"),
            customer: at("customer"),
        }
    }
}

fn at(dates: &[Option<Timestamp>], i: Option<usize>) -> Option<Timestamp> {
    i.and_then(|i| dates.get(i).copied().flatten())
}

/// The three lead leaks being counted.
pub struct LeadLeaks {
    stages: LeadStages,
    accept_clock: SlaClock,
    touch_clock: SlaClock,
    opp_clock: SlaClock,
    accepted: LeakBuilder,
    touched: LeakBuilder,
    opened: LeakBuilder,
    response: ResponseTimes,
    hours: Vec<f64>,
    current: usize,
}

impl LeadLeaks {
    /// Ready to count `contacts` contacts under the context's definitions.
    pub fn new(cx: &Context<'_>, contacts: usize) -> Self {
        let defs = cx.defs;
        Self {
            stages: LeadStages::of(cx),
            accept_clock: SlaClock::new(defs.slas.mql_to_sql, &defs.calendar),
            touch_clock: SlaClock::new(defs.slas.mql_first_touch, &defs.calendar),
            opp_clock: SlaClock::new(defs.slas.sql_to_opportunity, &defs.calendar),
            accepted: LeakBuilder::new(LeakKind::NeverAccepted, cx, contacts),
            touched: LeakBuilder::new(LeakKind::SlowFirstTouch, cx, contacts),
            opened: LeakBuilder::new(LeakKind::SqlNoOpportunity, cx, contacts),
            response: ResponseTimes {
                bands: BANDS.iter().map(|(l, _)| ((*l).to_owned(), 0)).collect(),
                by_touch: 0,
                by_sql_date: 0,
                untouched: 0,
                within_sla: 0,
                median_hours: None,
            },
            hours: Vec::new(),
            current: cx.current(),
        }
    }

    /// Counts contact `index` of the context's lead table, whose lifecycle stage dates
    /// are `dates`.
    pub fn observe(&mut self, cx: &Context<'_>, index: usize, dates: &[Option<Timestamp>]) {
        let mql = at(dates, self.stages.mql);
        let sql = at(dates, self.stages.sql);
        let mql_q = mql.and_then(|t| cx.quarter_of(t));
        let sql_q = sql.and_then(|t| cx.quarter_of(t));
        if mql_q.is_none() && sql_q.is_none() {
            return;
        }
        let record = RecordRef::new(RecordObject::Contact, index);
        let opp = at(dates, self.stages.opportunity);
        let customer = at(dates, self.stages.customer);
        let flagged = |started: Timestamp, due: Timestamp, done: Option<Timestamp>, why: Why| {
            move || Flagged {
                record,
                started,
                due: Some(due),
                done,
                at_stake: None,
                why,
            }
        };
        if let (Some(mql), Some(q)) = (mql, mql_q) {
            // Accepted: the SQL date, or any later stage for a lead that skipped SQL.
            let accepted_at = [sql, opp, customer].into_iter().flatten().min();
            let due = self.accept_clock.deadline(mql);
            if due <= cx.as_of.contacts {
                self.accepted.check(q, record);
                match accepted_at {
                    None if !cx.leads.rejected(index) => self
                        .accepted
                        .flag(q, flagged(mql, due, None, Why::NotAccepted)),
                    Some(at) if at > due => {
                        self.accepted
                            .flag(q, flagged(mql, due, Some(at), Why::AcceptedLate));
                    }
                    _ => {}
                }
            }
            let first_touch = cx.leads.first_touch(index);
            self.touch(cx, q, record, mql, first_touch, sql, &flagged);
        }
        if let (Some(sql), Some(q)) = (sql, sql_q) {
            let due = self.opp_clock.deadline(sql);
            if due <= cx.as_of.contacts {
                self.opened.check(q, record);
                match [opp, customer].into_iter().flatten().min() {
                    None => self
                        .opened
                        .flag(q, flagged(sql, due, None, Why::NoOpportunity)),
                    Some(at) if at > due => {
                        self.opened
                            .flag(q, flagged(sql, due, Some(at), Why::OpportunityLate));
                    }
                    Some(_) => {}
                }
            }
        }
    }

    /// Adds what `later` counted over the contacts after this one's.
    pub fn merge(&mut self, later: Self) {
        self.accepted.merge(later.accepted);
        self.touched.merge(later.touched);
        self.opened.merge(later.opened);
        let (r, l) = (&mut self.response, later.response);
        for (a, b) in r.bands.iter_mut().zip(l.bands) {
            a.1 += b.1;
        }
        r.by_touch += l.by_touch;
        r.by_sql_date += l.by_sql_date;
        r.untouched += l.untouched;
        r.within_sla += l.within_sla;
        self.hours.extend(later.hours);
    }

    /// The first-touch leak and the response times, for an MQL of quarter `q`.
    #[expect(
        clippy::too_many_arguments,
        reason = "one contact's dates, passed through"
    )]
    fn touch<F: FnOnce() -> Flagged>(
        &mut self,
        cx: &Context<'_>,
        q: usize,
        record: RecordRef,
        mql: Timestamp,
        first_touch: Option<Timestamp>,
        sql: Option<Timestamp>,
        flagged: &impl Fn(Timestamp, Timestamp, Option<Timestamp>, Why) -> F,
    ) {
        let (touch, by_sql_date) = match (first_touch, sql) {
            (Some(t), _) => (Some(t), false),
            (None, Some(s)) => (Some(s), true),
            (None, None) => (None, false),
        };
        let due = self.touch_clock.deadline(mql);
        let current = q == self.current;
        match touch {
            Some(t) => {
                self.touched.check(q, record);
                let hours = days_between(mql, t).max(0.0) * 24.0;
                if current {
                    let r = &mut self.response;
                    if by_sql_date {
                        r.by_sql_date += 1;
                    } else {
                        r.by_touch += 1;
                    }
                    self.hours.push(hours);
                    if let Some(band) = BANDS.iter().position(|(_, upper)| hours < *upper)
                        && let Some(slot) = r.bands.get_mut(band)
                    {
                        slot.1 += 1;
                    }
                    if t <= due {
                        r.within_sla += 1;
                    }
                }
                if t > due {
                    self.touched.flag(
                        q,
                        flagged(mql, due, Some(t), Why::TouchedLate { by_sql_date }),
                    );
                }
            }
            None if due <= cx.as_of.contacts => {
                self.touched.check(q, record);
                self.response.untouched += usize::from(current);
                self.touched
                    .flag(q, flagged(mql, due, None, Why::Untouched));
            }
            None => {}
        }
    }

    /// The three leaks, priced with the period's conversions, and the response times.
    pub fn finish(
        mut self,
        cx: &Context<'_>,
        downstream: &Downstream,
    ) -> (Vec<Leak>, ResponseTimes) {
        self.response.median_hours = median(&self.hours);
        let value = |rate: Option<f64>| rate.zip(downstream.avg_won).map(|(r, a)| r * a);
        let (accept_value, open_value) = (
            value(downstream.sql_to_customer),
            value(downstream.opportunity_to_customer),
        );
        self.accepted.price(|f| {
            (f.why == Why::NotAccepted)
                .then_some(accept_value)
                .flatten()
        });
        self.opened.price(|f| {
            (f.why == Why::NoOpportunity)
                .then_some(open_value)
                .flatten()
        });
        let never_accepted = self.accepted.count_where(|f| f.why == Why::NotAccepted);
        let never_opened = self.opened.count_where(|f| f.why == Why::NoOpportunity);
        let (_, accept_formula) =
            downstream.price(never_accepted, downstream.sql_to_customer, "SQL");
        let (_, open_formula) = downstream.price(
            never_opened,
            downstream.opportunity_to_customer,
            "Opportunity",
        );
        let slas = &cx.defs.slas;
        let leaks = vec![
            self.accepted.finish(
                cx,
                Some(slas.mql_to_sql.to_string()),
                format!("Expected value of the MQLs still not accepted: {accept_formula}"),
            ),
            self.touched.finish(
                cx,
                Some(slas.mql_first_touch.to_string()),
                "Not priced: these leads were worked, only late; the ones never accepted are priced in \"MQLs not accepted by sales in time\".".to_owned(),
            ),
            self.opened.finish(
                cx,
                Some(slas.sql_to_opportunity.to_string()),
                format!("Expected value of the SQLs with no opportunity: {open_formula}"),
            ),
        ];
        (leaks, self.response)
    }
}
