//! The lead handoffs, in one pass over the contacts: MQLs sales never accepted in time,
//! slow first sales touches, and SQLs that never became opportunities in time.

use super::builder::LeakBuilder;
use super::stake::Downstream;
use super::{Context, Flagged, Leak, LeakKind, RecordRef, ResponseTimes, days_between};
use crate::definitions::apply::{StageSource, contact_meets, rejected_rule};
use crate::definitions::sla_clock::SlaClock;
use crate::import::values::format_date_time;
use crate::metrics::stats::median;
use crate::model::{Contact, RecordObject, Timestamp};

/// Response-time bands, upper bounds in hours.
const BANDS: [(&str, f64); 6] = [
    ("under 1 hour", 1.0),
    ("1 to 4 hours", 4.0),
    ("4 to 24 hours", 24.0),
    ("1 to 3 days", 72.0),
    ("3 to 7 days", 168.0),
    ("over 7 days", f64::INFINITY),
];

/// The three lead leaks and the period's response times.
pub fn detect(cx: &Context<'_>, downstream: &Downstream) -> (Vec<Leak>, ResponseTimes) {
    let defs = cx.defs;
    let calendar = &defs.calendar;
    let accept_clock = SlaClock::new(defs.slas.mql_to_sql, calendar);
    let touch_clock = SlaClock::new(defs.slas.mql_first_touch, calendar);
    let opp_clock = SlaClock::new(defs.slas.sql_to_opportunity, calendar);
    let [mql_src, sql_src, opp_src, customer_src] =
        ["mql", "sql", "opportunity", "customer"].map(|k| StageSource::of(defs, k));
    let rejected = rejected_rule(defs);
    let mut accepted = LeakBuilder::new(LeakKind::NeverAccepted, cx);
    let mut touched = LeakBuilder::new(LeakKind::SlowFirstTouch, cx);
    let mut opened = LeakBuilder::new(LeakKind::SqlNoOpportunity, cx);
    let mut response = ResponseTimes {
        bands: BANDS.iter().map(|(l, _)| ((*l).to_owned(), 0)).collect(),
        by_touch: 0,
        by_sql_date: 0,
        untouched: 0,
        within_sla: 0,
        median_hours: None,
    };
    let mut hours = Vec::new();
    let (mut never_accepted, mut never_opened) = (0usize, 0usize);
    let accept_value = downstream
        .sql_to_customer
        .zip(downstream.avg_won)
        .map(|(r, a)| r * a);
    let open_value = downstream
        .opportunity_to_customer
        .zip(downstream.avg_won)
        .map(|(r, a)| r * a);
    let current = cx.current();
    for (index, c) in cx.records.contacts.iter().enumerate() {
        let mql = mql_src.date(c);
        let sql = sql_src.date(c);
        let mql_q = mql.and_then(|t| cx.quarter_of(t));
        let sql_q = sql.and_then(|t| cx.quarter_of(t));
        if mql_q.is_none() && sql_q.is_none() {
            continue;
        }
        let record = RecordRef {
            object: RecordObject::Contact,
            index,
        };
        let opp = opp_src.date(c);
        let customer = customer_src.date(c);
        if let (Some(mql), Some(q)) = (mql, mql_q) {
            let was_rejected = rejected.is_some_and(|r| contact_meets(r, c));
            // Accepted: the SQL date, or any later stage for a lead that skipped SQL.
            let accepted_at = [sql, opp, customer].into_iter().flatten().min();
            let due = accept_clock.deadline(mql);
            if due <= cx.as_of {
                accepted.check(q, record);
                match accepted_at {
                    None if !was_rejected => {
                        never_accepted += usize::from(q == current);
                        accepted.flag(q, || Flagged {
                            record,
                            source_id: c.source_id.clone(),
                            started: mql,
                            due: Some(due),
                            done: None,
                            late_days: days_between(due, cx.as_of),
                            at_stake: accept_value,
                            reason: format!(
                                "MQL on {}, not accepted or rejected by sales as of the as-of date",
                                format_date_time(mql)
                            ),
                        });
                    }
                    Some(at) if at > due => accepted.flag(q, || Flagged {
                        record,
                        source_id: c.source_id.clone(),
                        started: mql,
                        due: Some(due),
                        done: Some(at),
                        late_days: days_between(due, at),
                        at_stake: None,
                        reason: format!("accepted {:.1} days after the SLA", days_between(due, at)),
                    }),
                    _ => {}
                }
            }
            let (touch, measured_by) = match (c.first_touch, sql) {
                (Some(t), _) => (Some(t), "first touch"),
                (None, Some(s)) => (Some(s), "SQL date"),
                (None, None) => (None, ""),
            };
            let due = touch_clock.deadline(mql);
            match touch {
                Some(t) => {
                    touched.check(q, record);
                    let h = days_between(mql, t).max(0.0) * 24.0;
                    if q == current {
                        if measured_by == "first touch" {
                            response.by_touch += 1;
                        } else {
                            response.by_sql_date += 1;
                        }
                        hours.push(h);
                        if let Some(band) = BANDS.iter().position(|(_, upper)| h < *upper)
                            && let Some(slot) = response.bands.get_mut(band)
                        {
                            slot.1 += 1;
                        }
                        if t <= due {
                            response.within_sla += 1;
                        }
                    }
                    if t > due {
                        touched.flag(q, || Flagged {
                            record,
                            source_id: c.source_id.clone(),
                            started: mql,
                            due: Some(due),
                            done: Some(t),
                            late_days: days_between(due, t),
                            at_stake: None,
                            reason: format!(
                                "{} after {:.1} hours (measured by the {measured_by})",
                                if measured_by == "first touch" {
                                    "first touched"
                                } else {
                                    "accepted"
                                },
                                h
                            ),
                        });
                    }
                }
                None if due <= cx.as_of => {
                    touched.check(q, record);
                    response.untouched += usize::from(q == current);
                    touched.flag(q, || Flagged {
                        record,
                        source_id: c.source_id.clone(),
                        started: mql,
                        due: Some(due),
                        done: None,
                        late_days: days_between(due, cx.as_of),
                        at_stake: None,
                        reason: "no sales touch as of the as-of date".to_owned(),
                    });
                }
                None => {}
            }
        }
        if let (Some(sql), Some(q)) = (sql, sql_q) {
            let due = opp_clock.deadline(sql);
            if due <= cx.as_of {
                opened.check(q, record);
                match [opp, customer].into_iter().flatten().min() {
                    None => {
                        never_opened += usize::from(q == current);
                        opened.flag(q, || {
                            no_opportunity(c, record, sql, due, cx.as_of, open_value)
                        });
                    }
                    Some(at) if at > due => opened.flag(q, || Flagged {
                        record,
                        source_id: c.source_id.clone(),
                        started: sql,
                        due: Some(due),
                        done: Some(at),
                        late_days: days_between(due, at),
                        at_stake: None,
                        reason: format!(
                            "opportunity opened {:.1} days after the SLA",
                            days_between(due, at)
                        ),
                    }),
                    Some(_) => {}
                }
            }
        }
    }
    response.median_hours = median(&hours);
    let (_, accept_formula) = downstream.price(never_accepted, downstream.sql_to_customer, "SQL");
    let (_, open_formula) = downstream.price(
        never_opened,
        downstream.opportunity_to_customer,
        "Opportunity",
    );
    let slas = &defs.slas;
    let leaks = vec![
        accepted.finish(
            cx,
            Some(slas.mql_to_sql.to_string()),
            format!("Expected value of the MQLs still not accepted: {accept_formula}"),
        ),
        touched.finish(
            cx,
            Some(slas.mql_first_touch.to_string()),
            "Not priced: these leads were worked, only late; the ones never accepted are priced in \"MQLs not accepted by sales in time\".".to_owned(),
        ),
        opened.finish(
            cx,
            Some(slas.sql_to_opportunity.to_string()),
            format!("Expected value of the SQLs with no opportunity: {open_formula}"),
        ),
    ];
    (leaks, response)
}

fn no_opportunity(
    c: &Contact,
    record: RecordRef,
    sql: Timestamp,
    due: Timestamp,
    as_of: Timestamp,
    value: Option<f64>,
) -> Flagged {
    Flagged {
        record,
        source_id: c.source_id.clone(),
        started: sql,
        due: Some(due),
        done: None,
        late_days: days_between(due, as_of),
        at_stake: value,
        reason: format!(
            "SQL on {}, no opportunity as of the as-of date",
            format_date_time(sql)
        ),
    }
}
