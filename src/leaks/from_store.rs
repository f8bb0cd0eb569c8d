//! A period's leaks found in a workspace without holding every contact: the contacts are
//! streamed into a [`LeadTable`] (about 60 bytes each), and only the ones the leaks name
//! — in a record list, a breakdown or a churn story — are read back in full, by key.

use super::lead_table::LeadTableBuilder;
use super::{ContactRecords, LeadTable, LeakReport, Records, SomeContacts, detect_leaks_with};
use crate::definitions::Definitions;
use crate::definitions::fiscal::Quarter;
use crate::model::{Account, Deal, RecordObject, Timestamp};
use crate::workspace::{Workspace, WorkspaceError};

/// A period's leaks with the records they name.
#[derive(Debug)]
pub struct StoredLeaks {
    pub report: LeakReport,
    /// The contacts the report names, by index in the lead table.
    contacts: SomeContacts,
    deals: Vec<Deal>,
    accounts: Vec<Account>,
}

impl StoredLeaks {
    /// The records the report's [`super::RecordRef`]s point into.
    pub fn records(&self) -> Records<'_> {
        Records {
            contacts: ContactRecords::Some(&self.contacts),
            deals: &self.deals,
            accounts: &self.accounts,
        }
    }

    /// How many contacts were read back in full.
    pub fn contacts_read(&self) -> usize {
        self.contacts.len()
    }
}

/// Every current contact of `ws` as a lead table under `defs`, with each one's key in the
/// store, in the order of [`Workspace::contacts`]; only the fields the table needs are read.
pub fn load_leads(
    ws: &Workspace,
    defs: &Definitions,
) -> Result<(LeadTable, Vec<i64>), WorkspaceError> {
    let mut table = LeadTableBuilder::new(defs);
    let mut keys = Vec::new();
    ws.for_each_contact(&table.fields(), |key, c| {
        table.push(c);
        keys.push(key);
    })?;
    Ok((table.finish(), keys))
}

/// Finds every leak of `period` in `ws` under `defs`, as of `as_of`: the report
/// [`super::detect_leaks`] gives over every record, holding only the contacts it names.
pub fn leaks_from_store(
    ws: &Workspace,
    defs: &Definitions,
    period: Quarter,
    as_of: Timestamp,
) -> Result<StoredLeaks, WorkspaceError> {
    let (leads, keys) = load_leads(ws, defs)?;
    let mut found = detect(defs, &leads, read_deals_and_accounts(ws)?, period, as_of);
    found.read_named_contacts(ws, &keys)?;
    Ok(found)
}

/// The deals and accounts finding the leaks reads whole.
#[derive(Debug)]
pub struct DealsAndAccounts {
    pub deals: Vec<Deal>,
    pub accounts: Vec<Account>,
}

/// Every current deal and account of `ws`.
pub fn read_deals_and_accounts(ws: &Workspace) -> Result<DealsAndAccounts, WorkspaceError> {
    Ok(DealsAndAccounts {
        deals: ws.deals()?,
        accounts: ws.accounts()?,
    })
}

/// The leaks of `period` as of `as_of` in `leads` and `records`, before the contacts they
/// name are read (see [`StoredLeaks::read_named_contacts`]).
pub fn detect(
    defs: &Definitions,
    leads: &LeadTable,
    DealsAndAccounts { deals, accounts }: DealsAndAccounts,
    period: Quarter,
    as_of: Timestamp,
) -> StoredLeaks {
    let none = SomeContacts::default();
    let records = Records {
        contacts: ContactRecords::Some(&none),
        deals: &deals,
        accounts: &accounts,
    };
    let report = detect_leaks_with(defs, records, leads, period, as_of);
    StoredLeaks {
        report,
        contacts: none,
        deals,
        accounts,
    }
}

impl StoredLeaks {
    /// Reads in full, by key, every contact the report names; `keys` are the store keys
    /// of the lead table's contacts, by index.
    pub fn read_named_contacts(
        &mut self,
        ws: &Workspace,
        keys: &[i64],
    ) -> Result<(), WorkspaceError> {
        let mut named: Vec<usize> = self
            .report
            .leaks
            .iter()
            .flat_map(|l| {
                l.records
                    .iter()
                    .map(|f| f.record)
                    .chain(l.checked.iter().copied())
            })
            .chain(self.report.churned.iter().map(|c| c.record))
            .filter(|r| r.object() == RecordObject::Contact)
            .map(super::RecordRef::index)
            .collect();
        named.sort_unstable();
        named.dedup();
        named.retain(|i| *i < keys.len());
        let wanted: Vec<i64> = named.iter().filter_map(|i| keys.get(*i).copied()).collect();
        let found = ws.contacts_by_keys(&wanted)?;
        self.contacts = SomeContacts::new(&named, found);
        Ok(())
    }
}
