//! Data leaks: records that cannot be placed because their stage dates go backwards or a
//! field the definitions require is missing; every other number is less true for them.

use super::builder::LeakBuilder;
use super::why::{Backwards, Gap, Why};
use super::{Context, Flagged, Leak, LeakKind, RecordRef, Timeline};
use crate::definitions::apply::{RecordView, has_value};
use crate::definitions::model::RequiredFields;
use crate::metrics::deals::amount_in_reporting;
use crate::model::{Deal, DealStatus, Field, RecordObject, Timestamp};

/// The data-gap leak being counted.
pub struct DataGaps<'d> {
    leak: LeakBuilder,
    /// Each required-fields rule with the position of its `from_stage` (if any).
    rules: Vec<(&'d RequiredFields, Option<usize>)>,
}

impl<'d> DataGaps<'d> {
    /// Ready to count `records` records under the definitions' required fields.
    pub fn new(cx: &Timeline<'d>, records: usize) -> Self {
        let defs = cx.defs;
        Self {
            leak: LeakBuilder::new(LeakKind::DataGap, cx, records),
            rules: defs
                .required_fields
                .iter()
                .map(|r| {
                    let from = r
                        .from_stage
                        .as_ref()
                        .and_then(|s| defs.deal_stages.iter().position(|d| &d.name == s));
                    (r, from)
                })
                .filter(|(r, from)| r.from_stage.is_none() || from.is_some())
                .collect(),
        }
    }

    /// The fields required of a record of `object` at deal-stage `position` that it lacks
    /// (contacts and accounts have no stage: only rules without one apply to them).
    fn missing(
        &self,
        object: RecordObject,
        position: Option<usize>,
        record: RecordView<'_>,
    ) -> Vec<Field> {
        self.rules
            .iter()
            .filter(|(r, from)| {
                r.object == object
                    && match from {
                        None => r.from_stage.is_none(),
                        Some(from) => position.is_some_and(|p| p >= *from),
                    }
            })
            .flat_map(|(r, _)| r.fields.iter().copied())
            .filter(|f| !has_value(record, *f))
            .collect()
    }

    /// Adds what `later` counted over the records after this one's.
    pub fn merge(&mut self, later: Self) {
        self.leak.merge(later.leak);
    }

    /// Counts contact `index` of the context's lead table, whose lifecycle stage dates
    /// are `dates`, when it was created (or first dated) in one of the trend's quarters.
    pub fn observe_contact(&mut self, cx: &Context<'_>, index: usize, dates: &[Option<Timestamp>]) {
        let Some(entered) = cx.leads.entered(index) else {
            return;
        };
        let Some(q) = cx.quarter_of(entered) else {
            return;
        };
        let record = RecordRef::new(RecordObject::Contact, index);
        self.leak.check(q, record);
        let backwards = backwards(dates);
        if backwards.is_some() || cx.leads.lacks_fields(index) {
            let missing = cx.leads.missing(index);
            self.leak.flag(q, || Flagged {
                record,
                started: entered,
                due: None,
                done: None,
                at_stake: None,
                why: Why::DataGap(Box::new(Gap {
                    backwards,
                    missing,
                    stage: None,
                    is_deal: false,
                    won_unpriced: false,
                })),
            });
        }
    }

    /// Counts a deal of the period (created in a trend quarter, or open).
    pub fn observe_deal(
        &mut self,
        cx: &Timeline<'_>,
        index: usize,
        d: &Deal,
        (position, status): (Option<usize>, DealStatus),
    ) {
        // Open deals are part of the period's work whenever they were created.
        let q = if status == DealStatus::Open {
            cx.current()
        } else if let Some(q) = d.created.and_then(|t| cx.quarter_of(t)) {
            q
        } else {
            return;
        };
        let record = RecordRef::new(RecordObject::Deal, index);
        self.leak.check(q, record);
        // A lost deal's amount or close date no longer moves revenue: only its owner counts.
        let at = if status == DealStatus::Lost {
            None
        } else {
            position
        };
        let missing = self.missing(RecordObject::Deal, at, RecordView::Deal(d));
        // A won deal nobody priced is left out of the average won deal, and so of every
        // number priced with it; said once, when the definitions do not require the
        // amount already.
        let won_unpriced = status == DealStatus::Won
            && !missing.contains(&Field::Amount)
            && match d.amount_cents {
                None => true,
                Some(0) => !cx.defs.currency.zero_is_a_price,
                Some(_) => false,
            };
        if !missing.is_empty() || won_unpriced {
            self.leak.flag(q, || Flagged {
                record,
                started: d.created.unwrap_or_default(),
                due: None,
                done: None,
                at_stake: amount_in_reporting(cx.defs, d),
                why: Why::DataGap(Box::new(Gap {
                    backwards: None,
                    missing,
                    stage: position,
                    is_deal: true,
                    won_unpriced,
                })),
            });
        }
    }

    /// Counts the accounts won in the trend's quarters; then the leak.
    pub fn finish(mut self, cx: &Context<'_>) -> Leak {
        for (index, a) in cx.records.accounts.iter().enumerate() {
            let Some(q) = a.closed_won.and_then(|t| cx.quarter_of(t)) else {
                continue;
            };
            let record = RecordRef::new(RecordObject::Account, index);
            self.leak.check(q, record);
            let missing = self.missing(RecordObject::Account, None, RecordView::Account(a));
            if !missing.is_empty() {
                self.leak.flag(q, || Flagged {
                    record,
                    started: a.closed_won.unwrap_or_default(),
                    due: None,
                    done: None,
                    at_stake: None,
                    why: Why::DataGap(Box::new(Gap {
                        backwards: None,
                        missing,
                        stage: None,
                        is_deal: false,
                        won_unpriced: false,
                    })),
                });
            }
        }
        self.leak.finish(
            cx,
            None,
            "The amounts of the deals among these records, where known: the revenue whose numbers cannot be trusted until they are fixed.".to_owned(),
        )
    }
}

/// The first pair of lifecycle stage dates that go backwards.
fn backwards(dates: &[Option<Timestamp>]) -> Option<Backwards> {
    let mut latest: Option<(usize, Timestamp)> = None;
    for (i, d) in dates.iter().enumerate() {
        let Some(t) = *d else { continue };
        if let Some((j, earlier)) = latest
            && t < earlier
        {
            return Some(Backwards {
                later: i,
                later_date: t,
                earlier: j,
                earlier_date: earlier,
            });
        }
        if latest.is_none_or(|(_, e)| t >= e) {
            latest = Some((i, t));
        }
    }
    None
}
