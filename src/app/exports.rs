//! The record lists the user can save as CSV: taken from what is on screen by sharing it,
//! not copying it, and written on a worker thread.

use std::path::Path;
use std::sync::Arc;

use super::view_state::{FunnelState, LeaksState};
use crate::leaks::{SortedWorkList, WorkListColumn};
use crate::metrics::details::FunnelDetails;
use crate::view_model::command::ExportList;
use crate::view_model::sort::Sort;

/// An [`ExportList`] as it was on screen when the user asked for it. Asking costs the UI
/// thread a copy of the list's positions at most (a million of them in about a
/// millisecond): the records are shared, and the rows are built as they are written.
#[derive(Debug, Clone)]
pub struct RecordsExport {
    records: Records,
    /// What the list is (which number, quarter, definitions version), on every row.
    note: String,
    /// The file name the save dialog suggests.
    pub file_name: String,
}

/// The records to write, shared with the view that shows them.
#[derive(Debug, Clone)]
enum Records {
    /// The contacts at these positions of the Funnel's contact table, in this order.
    Contacts {
        details: Arc<FunnelDetails>,
        positions: Vec<usize>,
    },
    /// The deals at these positions of the Funnel's deal table, in this order.
    Deals {
        details: Arc<FunnelDetails>,
        positions: Vec<usize>,
    },
    /// A leak's work list in the order of `sort`.
    WorkList {
        list: Arc<SortedWorkList>,
        sort: Sort<WorkListColumn>,
        currency: String,
    },
}

impl RecordsExport {
    /// The list `what` as the app now holds it; `None` when it holds no such list, or not
    /// yet the records behind it.
    pub fn of(what: ExportList, funnel: &FunnelState, leaks: &LeaksState) -> Option<Self> {
        match what {
            ExportList::FunnelStage(stage) => {
                let r = funnel.result.as_ref()?;
                let s = r.funnel.stages.get(stage)?;
                Some(Self {
                    records: Records::Contacts {
                        details: r.details.clone()?,
                        positions: s.records.clone(),
                    },
                    note: format!(
                        "{} · {} · {} · definitions v{}",
                        s.name,
                        r.query.period.label(),
                        r.query.mode.label(),
                        r.query.definitions_version
                    ),
                    file_name: format!("{}-{}.csv", s.key, r.query.period.label()),
                })
            }
            ExportList::FunnelDeals(list) => {
                let r = funnel.result.as_ref()?;
                Some(Self {
                    records: Records::Deals {
                        details: r.details.clone()?,
                        positions: list.positions(r).to_vec(),
                    },
                    note: format!(
                        "deals {} · {} · definitions v{}",
                        list.label(),
                        r.query.period.label(),
                        r.query.definitions_version
                    ),
                    file_name: format!("deals-{}-{}.csv", list.key(), r.query.period.label()),
                })
            }
            ExportList::Leak(kind) => {
                let r = leaks.result.as_ref()?;
                Some(Self {
                    records: Records::WorkList {
                        list: r.lists.get(&kind)?.clone(),
                        sort: leaks.sort,
                        currency: r.report.reporting_currency.clone(),
                    },
                    note: format!(
                        "{} · {} · as of {} · definitions v{}",
                        kind.label(),
                        r.query.period.label(),
                        r.as_of,
                        r.query.definitions_version
                    ),
                    file_name: format!("{}-{}.csv", kind.key(), r.query.period.label()),
                })
            }
        }
    }

    /// Writes the CSV to `to`, whole or not at all; how many rows. For a worker thread.
    pub fn write(&self, to: &Path) -> std::io::Result<usize> {
        match &self.records {
            Records::Contacts { details, positions } => crate::export::write_contacts_csv(
                to,
                positions.iter().filter_map(|p| details.contacts.get(*p)),
                &self.note,
            ),
            Records::Deals { details, positions } => crate::export::write_deals_csv(
                to,
                positions.iter().filter_map(|p| details.deals.get(*p)),
                &self.note,
            ),
            Records::WorkList {
                list,
                sort,
                currency,
            } => crate::export::write_work_list_csv(
                to,
                list.in_order(sort.column, sort.descending),
                currency,
                &self.note,
            ),
        }
    }
}
