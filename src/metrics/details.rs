//! The full records behind a funnel's numbers: found by their position in the compact
//! contact and deal tables and read from the store by key, only for the numbers asked.

use super::contact_table::ContactTable;
use super::deal_table::DealTable;
use super::report::FunnelReport;
use crate::model::{Contact, Deal};
use crate::workspace::{Workspace, WorkspaceError};

/// The full records behind a [`FunnelReport`]'s numbers.
#[derive(Debug, Default)]
pub struct FunnelDetails {
    /// Every contact the funnels list.
    pub contacts: RecordDetails<Contact>,
    /// Every deal the deal numbers count.
    pub deals: RecordDetails<Deal>,
}

/// Where in the contact and deal tables the records behind a report's numbers are.
#[derive(Debug, Default, Clone)]
pub struct DetailPositions {
    pub contacts: Vec<usize>,
    pub deals: Vec<usize>,
}

impl DetailPositions {
    /// Every contact the report's funnels list and every deal its deal numbers count.
    pub fn of(report: &FunnelReport) -> Self {
        let contacts = [&report.funnel, &report.strict]
            .into_iter()
            .flat_map(|f| &f.stages)
            .flat_map(|s| s.records.iter().chain(&s.skipped_records))
            .copied()
            .collect();
        let d = &report.deals;
        let deals = d
            .won_records
            .iter()
            .chain(&d.lost_records)
            .chain(&d.open_records)
            .chain(&report.coverage.records)
            .copied()
            .collect();
        Self { contacts, deals }
    }
}

impl FunnelDetails {
    /// The full records at `positions` of `contacts` and `deals`, read from `ws` by key.
    pub fn read(
        ws: &Workspace,
        contacts: &ContactTable,
        deals: &DealTable,
        positions: DetailPositions,
    ) -> Result<Self, WorkspaceError> {
        Ok(Self {
            contacts: RecordDetails::fetch(
                positions.contacts,
                |p| contacts.key(p),
                |keys| ws.contacts_by_keys(keys),
            )?,
            deals: RecordDetails::fetch(
                positions.deals,
                |p| deals.key(p),
                |keys| ws.deals_by_keys(keys),
            )?,
        })
    }
}

/// The full records of some contacts or deals, found by their position in the
/// [`ContactTable`] or [`DealTable`].
#[derive(Debug)]
pub struct RecordDetails<T> {
    /// Ascending positions, and the record at each.
    positions: Vec<usize>,
    records: Vec<T>,
}

impl<T> Default for RecordDetails<T> {
    fn default() -> Self {
        Self {
            positions: Vec::new(),
            records: Vec::new(),
        }
    }
}

impl<T> RecordDetails<T> {
    /// The details of these positions; `positions` must be ascending, one record each.
    pub fn new(positions: Vec<usize>, records: Vec<T>) -> Self {
        Self { positions, records }
    }

    /// The records at `positions` (any order, repeats allowed), each found by its store
    /// key through `fetch`, which answers in the order asked, `None` where a key is gone.
    pub fn fetch<E>(
        positions: impl IntoIterator<Item = usize>,
        key_of: impl Fn(usize) -> Option<i64>,
        fetch: impl FnOnce(&[i64]) -> Result<Vec<Option<T>>, E>,
    ) -> Result<Self, E> {
        let mut positions: Vec<usize> = positions.into_iter().collect();
        positions.sort_unstable();
        positions.dedup();
        let (positions, keys): (Vec<usize>, Vec<i64>) = positions
            .into_iter()
            .filter_map(|p| Some((p, key_of(p)?)))
            .unzip();
        let found = fetch(&keys)?;
        let (positions, records) = positions
            .into_iter()
            .zip(found)
            .filter_map(|(p, r)| Some((p, r?)))
            .unzip();
        Ok(Self::new(positions, records))
    }

    /// The record at `position` of the table, when it is one of those held.
    pub fn get(&self, position: usize) -> Option<&T> {
        let at = self.positions.binary_search(&position).ok()?;
        self.records.get(at)
    }
}
