//! A period's leaks found in a workspace without holding every record: the contacts are
//! streamed into a [`LeadTable`] (about 60 bytes each), the deals are counted as they
//! stream by, and only the contacts and deals the leaks name — in a record list, a
//! breakdown or a churn story — are read back in full, by key.

use std::sync::Arc;

use super::lead_table::LeadTableBuilder;
use super::{
    AsOf, DealFindings, LeadTable, LeakReport, RecordSet, Records, SomeRecords, Timeline,
    as_of_time, detect_with_deals,
};
use crate::definitions::Definitions;
use crate::definitions::fiscal::Quarter;
use crate::metrics::parallel::chunks_for;
use crate::model::{Account, Contact, Deal, RecordObject, Timestamp};
use crate::workspace::{Workspace, WorkspaceError};

/// A period's leaks with the records they name.
#[derive(Debug)]
pub struct StoredLeaks {
    pub report: LeakReport,
    /// The contacts the report names, by index in the lead table.
    contacts: SomeRecords<Contact>,
    /// The deals the report names, by index in the order they were counted.
    deals: SomeRecords<Deal>,
    /// Each deal's key in the store, by that index.
    pub(super) deal_keys: Vec<i64>,
    accounts: Vec<Account>,
}

impl StoredLeaks {
    /// The records the report's [`super::RecordRef`]s point into.
    pub fn records(&self) -> Records<'_> {
        Records {
            contacts: RecordSet::Some(&self.contacts),
            deals: RecordSet::Some(&self.deals),
            accounts: &self.accounts,
        }
    }

    /// How many contacts were read back in full.
    pub fn contacts_read(&self) -> usize {
        self.contacts.len()
    }

    /// How many deals were read back in full.
    pub fn deals_read(&self) -> usize {
        self.deals.len()
    }
}

/// The contacts as the leaks read them, with each one's key in the store: a window keeps
/// them between recomputes while the workspace and the definitions are unchanged, so
/// another quarter does not read every contact again.
#[derive(Debug)]
pub struct Leads {
    pub table: LeadTable,
    /// Each contact's key in the store, by its index in `table`.
    pub keys: Vec<i64>,
}

impl Leads {
    /// Every current contact of `ws` under `defs`, in the order of
    /// [`Workspace::contacts`]; only the fields the table needs are read.
    pub fn load(ws: &Workspace, defs: &Definitions) -> Result<Self, WorkspaceError> {
        let (table, keys) = load_leads(ws, defs)?;
        Ok(Self { table, keys })
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

/// Counts every leak of `period` in `ws` under `defs` as of `as_of`, before the records
/// they name are read: the deals are counted as they stream by, beside the contacts' lead
/// table (at a million contacts and 200,000 deals about 0.6 s together rather than 1.0 s
/// in turn), or over `leads` when given (read under the same definitions).
pub fn count_leaks(
    ws: &Workspace,
    defs: &Definitions,
    period: Quarter,
    as_of: AsOf,
    leads: Option<Arc<Leads>>,
) -> Result<(Arc<Leads>, StoredLeaks), WorkspaceError> {
    let (leads, mut found) = count_leaks_of(ws, defs, &[period], as_of, leads)?;
    // One quarter asked, one counted.
    Ok((leads, found.swap_remove(0)))
}

/// [`count_leaks`] for each of `periods`, in that order, the deals read once for all of
/// them: reading 200,000 deals takes about 0.4 s, counting them towards a quarter a
/// fraction of that.
pub fn count_leaks_of(
    ws: &Workspace,
    defs: &Definitions,
    periods: &[Quarter],
    as_of: AsOf,
    leads: Option<Arc<Leads>>,
) -> Result<(Arc<Leads>, Vec<StoredLeaks>), WorkspaceError> {
    let (leads, deals) = ws.read_beside(
        |own| read_deals_for(own, defs, periods, as_of, None),
        || match leads {
            Some(leads) => Ok(leads),
            None => Leads::load(ws, defs).map(Arc::new),
        },
    );
    let (leads, deals) = (leads?, deals?);
    let mut out = Vec::with_capacity(periods.len());
    for (&period, read) in periods.iter().zip(deals) {
        let mut found = detect(&leads.table, read);
        found.judge_snapshots(ws, defs, &leads.table, period, as_of)?;
        out.push(found);
    }
    Ok((leads, out))
}

/// Finds every leak of `period` in `ws` under `defs`, as of `as_of`: the report
/// [`super::detect_leaks`] gives over every record, holding only the records it names.
pub fn leaks_from_store(
    ws: &Workspace,
    defs: &Definitions,
    period: Quarter,
    as_of: impl Into<AsOf>,
) -> Result<StoredLeaks, WorkspaceError> {
    let (leads, mut found) = count_leaks(ws, defs, period, as_of.into(), None)?;
    found.read_named_records(ws, &leads.keys)?;
    Ok(found)
}

/// The deals' part of a period's leaks, counted as the deals streamed by, with each deal's
/// key; and the accounts, which the leaks read whole.
#[derive(Debug)]
pub struct DealsRead<'d> {
    timeline: Timeline<'d>,
    found: DealFindings<'d>,
    keys: Vec<i64>,
    accounts: Vec<Account>,
}

/// When each object of `ws` is judged: the end of the as-of day of its latest export (an
/// object not imported yet takes the latest of the others'); `None` before any import.
pub fn workspace_as_of(ws: &Workspace) -> Result<Option<AsOf>, WorkspaceError> {
    let Some(latest) = ws.latest_as_of()? else {
        return Ok(None);
    };
    let of = |object| -> Result<Timestamp, WorkspaceError> {
        Ok(as_of_time(ws.latest_as_of_of(object)?.unwrap_or(latest)))
    };
    Ok(Some(AsOf {
        contacts: of(RecordObject::Contact)?,
        deals: of(RecordObject::Deal)?,
        accounts: of(RecordObject::Account)?,
    }))
}

/// Counts every current deal of `ws` towards the leaks of `period` under `defs` as of
/// `as_of`, one at a time as it is read (200,000 deals held whole took about 217 MB), and
/// reads the accounts.
pub fn read_deals<'d>(
    ws: &Workspace,
    defs: &'d Definitions,
    period: Quarter,
    as_of: AsOf,
) -> Result<DealsRead<'d>, WorkspaceError> {
    read_deals_from(ws, defs, period, as_of, None)
}

/// [`read_deals`], with the deals as the latest export dated on or before `deals_on`
/// (`YYYY-MM-DD`) said them when it is given.
pub(super) fn read_deals_from<'d>(
    ws: &Workspace,
    defs: &'d Definitions,
    period: Quarter,
    as_of: AsOf,
    deals_on: Option<&str>,
) -> Result<DealsRead<'d>, WorkspaceError> {
    // One quarter asked, one read.
    Ok(read_deals_for(ws, defs, &[period], as_of, deals_on)?.swap_remove(0))
}

/// The deals counted towards each of `periods` in one pass over them.
fn read_deals_for<'d>(
    ws: &Workspace,
    defs: &'d Definitions,
    periods: &[Quarter],
    as_of: AsOf,
    deals_on: Option<&str>,
) -> Result<Vec<DealsRead<'d>>, WorkspaceError> {
    let timelines: Vec<Timeline<'d>> = periods
        .iter()
        .map(|&p| Timeline::new(defs, p, as_of))
        .collect();
    let mut found: Vec<DealFindings<'d>> = timelines
        .iter()
        .map(|t| DealFindings::new(t, 0, 0))
        .collect();
    let mut keys = Vec::new();
    let each = |key, d: &Deal| {
        keys.push(key);
        for (t, f) in timelines.iter().zip(found.iter_mut()) {
            f.observe(t, d);
        }
    };
    match deals_on {
        Some(day) => ws.for_each_deal_as_of(day, each)?,
        None => ws.for_each_deal(each)?,
    }
    let accounts = ws.accounts()?;
    Ok(timelines
        .into_iter()
        .zip(found)
        .map(|(timeline, found)| DealsRead {
            timeline,
            found,
            keys: keys.clone(),
            accounts: accounts.clone(),
        })
        .collect())
}

/// The leaks of the deals' period in `leads` and the deals read, before the records they
/// name are read (see [`StoredLeaks::read_named_records`]).
pub fn detect<'d>(leads: &'d LeadTable, deals: DealsRead<'d>) -> StoredLeaks {
    let DealsRead {
        timeline,
        found,
        keys,
        accounts,
    } = deals;
    let (contacts, deals) = (SomeRecords::default(), SomeRecords::default());
    let records = Records {
        contacts: RecordSet::Some(&contacts),
        deals: RecordSet::Some(&deals),
        accounts: &accounts,
    };
    let report = detect_with_deals(timeline, records, leads, found, chunks_for(leads.len()));
    StoredLeaks {
        report,
        contacts,
        deals,
        deal_keys: keys,
        accounts,
    }
}

impl StoredLeaks {
    /// Reads in full, by key, every contact and deal the report names; `contact_keys` are
    /// the store keys of the lead table's contacts, by index.
    pub fn read_named_records(
        &mut self,
        ws: &Workspace,
        contact_keys: &[i64],
    ) -> Result<(), WorkspaceError> {
        let (indexes, keys) = self.named(RecordObject::Contact, contact_keys);
        self.contacts = SomeRecords::new(&indexes, ws.contacts_by_keys(&keys)?);
        let (indexes, keys) = self.named(RecordObject::Deal, &self.deal_keys);
        self.deals = SomeRecords::new(&indexes, ws.deals_by_keys(&keys)?);
        Ok(())
    }

    /// The indexes of the records of `object` the report names, ascending, each with its
    /// key of `keys`; an index with no key is left out.
    fn named(&self, object: RecordObject, keys: &[i64]) -> (Vec<usize>, Vec<i64>) {
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
            .filter(|r| r.object() == object)
            .map(super::RecordRef::index)
            .collect();
        named.sort_unstable();
        named.dedup();
        named
            .into_iter()
            .filter_map(|i| Some((i, *keys.get(i)?)))
            .unzip()
    }
}
