//! Every leak's records as a work list, in any column's order, and its breakdown by each
//! dimension: what a leak shows when it is opened, built for all of a period's leaks at
//! once and split over the machine's cores.

use super::from_store::StoredLeaks;
use super::{BreakdownRow, LeakDimension, LeakKind, SortedWorkList, leak_breakdowns, work_list};
use crate::definitions::Definitions;
use crate::metrics::parallel::{chunks_for, in_parallel};
use crate::workspace::{Workspace, WorkspaceError};

/// One leak's records and breakdowns.
#[derive(Debug)]
pub struct LeakList {
    pub kind: LeakKind,
    pub records: SortedWorkList,
    pub breakdowns: Vec<(LeakDimension, Vec<BreakdownRow>)>,
}

impl StoredLeaks {
    /// Every leak's list, reading in full first the contacts and deals the leaks name;
    /// `contact_keys` are the store keys of the lead table's contacts, by index.
    pub fn lists(
        &mut self,
        ws: &Workspace,
        defs: &Definitions,
        contact_keys: &[i64],
    ) -> Result<Vec<LeakList>, WorkspaceError> {
        self.read_named_records(ws, contact_keys)?;
        let records = self.records();
        let report = &self.report;
        let size = report
            .leaks
            .iter()
            .map(|l| l.checked.len() + l.records.len())
            .sum();
        let parts = in_parallel(&report.leaks, chunks_for(size), |_, leaks| {
            leaks
                .iter()
                .map(|leak| LeakList {
                    kind: leak.kind,
                    records: SortedWorkList::new(work_list(defs, records, leak)),
                    breakdowns: leak_breakdowns(defs, records, leak),
                })
                .collect::<Vec<_>>()
        });
        Ok(parts.into_iter().flatten().collect())
    }
}
