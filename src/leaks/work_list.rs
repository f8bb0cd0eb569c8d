//! A leak's records as rows people can read and take to the owner: who, which dates make
//! it a leak, how late, what is at stake and why.

use serde::Serialize;

use super::{Flagged, Leak, Records};
use crate::definitions::Definitions;
use crate::model::RecordObject;

/// One record of a leak, with what the view and the CSV show of it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WorkListRow {
    pub object: RecordObject,
    pub source_id: String,
    pub name: String,
    pub owner: String,
    pub team: String,
    pub segment: String,
    pub region: String,
    pub source: String,
    /// Why it counts, in plain words.
    pub reason: String,
    /// Days past the due time as of the as-of date (see [`Flagged::late_days`]).
    pub late_days: f64,
    pub flagged: Flagged,
}

/// The rows of `leak`, in the leak's order (most overdue first), judged at the leak's
/// as-of.
pub fn work_list(defs: &Definitions, records: Records<'_>, leak: &Leak) -> Vec<WorkListRow> {
    let as_of = leak.as_of;
    leak.most_overdue()
        .into_iter()
        .map(|f| {
            let i = f.record.index();
            let text = |v: &Option<String>| v.clone().unwrap_or_default();
            let (name, owner, segment, region, source) = match f.record.object() {
                RecordObject::Contact => {
                    records.contacts.get(i).map_or_else(Default::default, |c| {
                        (
                            c.name
                                .clone()
                                .or_else(|| c.email.clone())
                                .unwrap_or_default(),
                            text(&c.owner),
                            text(&c.segment),
                            text(&c.region),
                            text(&c.source),
                        )
                    })
                }
                RecordObject::Deal => records.deals.get(i).map_or_else(Default::default, |d| {
                    (
                        text(&d.name),
                        text(&d.owner),
                        text(&d.segment),
                        text(&d.region),
                        text(&d.source),
                    )
                }),
                RecordObject::Account => {
                    records.accounts.get(i).map_or_else(Default::default, |a| {
                        (
                            text(&a.name),
                            text(&a.owner),
                            text(&a.segment),
                            text(&a.region),
                            String::new(),
                        )
                    })
                }
            };
            WorkListRow {
                object: f.record.object(),
                source_id: records.source_id(f.record).to_owned(),
                team: defs.team_of(&owner).unwrap_or_default().to_owned(),
                name,
                owner,
                segment,
                region,
                source,
                reason: f.reason(defs, records, as_of),
                late_days: f.late_days(as_of),
                flagged: f.clone(),
            }
        })
        .collect()
}
