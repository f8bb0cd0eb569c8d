//! The customer handoffs: new customers waiting for their onboarding kickoff, renewals
//! approached too late, and the customers who churned with the history behind them.

use super::builder::LeakBuilder;
use super::why::Why;
use super::{ChurnStory, Context, Flagged, Leak, LeakKind, RecordRef, days_between};
use crate::definitions::apply::churned;
use crate::definitions::sla_clock::SlaClock;
use crate::metrics::deals::to_reporting;
use crate::model::{Account, RecordObject};

/// The kickoff and renewal leaks, and the period's churned customers.
pub fn detect(cx: &Context<'_>) -> (Vec<Leak>, Vec<ChurnStory>) {
    let defs = cx.defs;
    let kickoff_clock = SlaClock::new(defs.slas.won_to_kickoff, &defs.calendar);
    let renewal_clock = SlaClock::new(defs.slas.renewal_outreach_before_end, &defs.calendar);
    let mut kickoffs = LeakBuilder::new(LeakKind::NoKickoff, cx, cx.records.accounts.len());
    let mut renewals = LeakBuilder::new(LeakKind::LateRenewal, cx, cx.records.accounts.len());
    let mut stories = Vec::new();
    let current = cx.current();
    let arr = |a: &Account| {
        a.arr_cents
            .and_then(|c| to_reporting(defs, c, a.currency.as_deref()))
    };
    for (index, a) in cx.records.accounts.iter().enumerate() {
        let record = RecordRef::new(RecordObject::Account, index);
        let churn = churned(defs, a);
        let kickoff_due = a.closed_won.map(|t| kickoff_clock.deadline(t));
        if let (Some(won), Some(due)) = (a.closed_won, kickoff_due)
            && let Some(q) = cx.quarter_of(won)
            && due <= cx.as_of.accounts
        {
            kickoffs.check(q, record);
            match a.kickoff {
                None => kickoffs.flag(q, || Flagged {
                    record,
                    started: won,
                    due: Some(due),
                    done: None,
                    at_stake: arr(a),
                    why: Why::NoKickoff,
                }),
                Some(k) if k > due => kickoffs.flag(q, || Flagged {
                    record,
                    started: won,
                    due: Some(due),
                    done: Some(k),
                    at_stake: None,
                    why: Why::KickoffLate,
                }),
                Some(_) => {}
            }
        }
        let outreach_due = a.contract_end.map(|end| renewal_clock.before(end));
        if let (Some(end), Some(due)) = (a.contract_end, outreach_due)
            && due <= cx.as_of.accounts
            && churn.is_none_or(|c| c > due)
        {
            // In a quarter's set when the contract ends in or after the quarter and its
            // outreach was due by the quarter's end (by the as-of date for the period).
            for (q, (_, range)) in cx.quarters.iter().enumerate() {
                let due_by = if q == current {
                    cx.as_of.accounts
                } else {
                    range.end - 1
                };
                if end < range.start || due > due_by {
                    continue;
                }
                renewals.check(q, record);
                let still_ahead = end > cx.as_of.accounts && churn.is_none();
                match a.renewal_outreach {
                    None => renewals.flag(q, || Flagged {
                        record,
                        started: due,
                        due: Some(due),
                        done: None,
                        at_stake: arr(a).filter(|_| still_ahead),
                        why: Why::NoOutreach {
                            churned: churn.is_some(),
                        },
                    }),
                    Some(o) if o > due => renewals.flag(q, || Flagged {
                        record,
                        started: due,
                        due: Some(due),
                        done: Some(o),
                        at_stake: arr(a).filter(|_| still_ahead),
                        why: Why::OutreachLate,
                    }),
                    Some(_) => {}
                }
            }
        }
        if let Some(c) = churn
            && cx.quarter_of(c) == Some(current)
        {
            stories.push(ChurnStory {
                record,
                source_id: a.source_id.clone(),
                churned: c,
                arr: arr(a),
                kickoff_late_days: kickoff_due
                    .zip(a.kickoff)
                    .map(|(due, k)| days_between(due, k)),
                outreach_late_days: outreach_due
                    .zip(a.renewal_outreach)
                    .map(|(due, o)| days_between(due, o)),
            });
        }
    }
    let slas = &defs.slas;
    let leaks = vec![
        kickoffs.finish(
            cx,
            Some(slas.won_to_kickoff.to_string()),
            "The ARR of the customers with no kickoff yet, in the reporting currency (late kickoffs that happened put nothing at stake).".to_owned(),
        ),
        renewals.finish(
            cx,
            Some(format!("{} before the contract end", slas.renewal_outreach_before_end)),
            "The ARR of the contracts approached late or not at all that are still to renew (not churned, end date after the as-of date).".to_owned(),
        ),
    ];
    stories.sort_by_key(|s| std::cmp::Reverse(s.churned));
    (leaks, stories)
}
