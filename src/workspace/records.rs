//! Reading the canonical records back: the current version of each, or what the
//! exports said as of a date.

use rusqlite::{Row, params};
use serde::Serialize;

use super::stage_entries::StageEntries;
use super::{Workspace, WorkspaceError};
use crate::model::{Account, Contact, Deal, DealStatus, Field};

/// How many current records of each object the workspace holds.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct RecordCounts {
    pub contacts: i64,
    pub deals: i64,
    pub accounts: i64,
}

/// The contact columns, with the field each holds: [`ContactSelect`] reads them in this
/// order.
const CONTACT_FIELDS: [(Field, &str); 16] = [
    (Field::SourceId, "v.source_id"),
    (Field::Name, "v.name"),
    (Field::Email, "v.email"),
    (Field::Company, "v.company"),
    (Field::Owner, "v.owner"),
    (Field::Source, "v.source"),
    (Field::Segment, "v.segment"),
    (Field::Region, "v.region"),
    (Field::Created, "v.created"),
    (Field::LeadDate, "v.lead_at"),
    (Field::MqlDate, "v.mql_at"),
    (Field::SqlDate, "v.sql_at"),
    (Field::OpportunityDate, "v.opportunity_at"),
    (Field::CustomerDate, "v.customer_at"),
    (Field::LifecycleStage, "v.current_stage"),
    (Field::FirstTouch, "v.first_touch_at"),
];

/// A select list of some of the [`CONTACT_FIELDS`] and the version id after them, and
/// where each field is in its rows. A field left out is not selected at all: each column
/// read costs rusqlite and SQLite about 85 instructions, so reading the eleven the
/// Funnel's table needs rather than seventeen takes 13% off a million-contact read.
struct ContactSelect {
    columns: String,
    /// The column of each of [`CONTACT_FIELDS`], none where it is left out.
    at: [Option<usize>; 16],
    /// The column of the version id.
    key: usize,
}

impl ContactSelect {
    /// Every field.
    fn all() -> Self {
        Self::of(|_| true)
    }

    /// The `wanted` fields.
    fn of(wanted: impl Fn(Field) -> bool) -> Self {
        let mut at = [None; 16];
        let mut columns = Vec::new();
        for ((field, column), slot) in CONTACT_FIELDS.iter().zip(&mut at) {
            if wanted(*field) {
                *slot = Some(columns.len());
                columns.push(*column);
            }
        }
        let key = columns.len();
        columns.push("v.id");
        Self {
            columns: columns.join(", "),
            at,
            key,
        }
    }

    /// The contact in `r` (a row of this select) and its key.
    fn contact(&self, r: &Row<'_>) -> rusqlite::Result<(i64, Contact)> {
        let mut contact = Contact::default();
        let key = self.refill(r, &mut contact)?;
        Ok((key, contact))
    }

    /// Overwrites `c` with the contact in `r` (a row of this select), reusing its strings'
    /// buffers so a million rows allocate almost nothing, and returns its key. A field
    /// left out comes back empty (the source id an empty text).
    fn refill(&self, r: &Row<'_>, c: &mut Contact) -> rusqlite::Result<i64> {
        let column = |i: usize| self.at.get(i).copied().flatten();
        let text = |i: usize| -> rusqlite::Result<Option<&str>> {
            match column(i) {
                Some(col) => Ok(r.get_ref(col)?.as_str_or_null()?),
                None => Ok(None),
            }
        };
        let time = |i: usize| -> rusqlite::Result<Option<crate::model::Timestamp>> {
            column(i).map_or(Ok(None), |col| r.get(col))
        };
        refill(&mut c.source_id, text(0)?.unwrap_or_default());
        refill_opt(&mut c.name, text(1)?);
        refill_opt(&mut c.email, text(2)?);
        refill_opt(&mut c.company, text(3)?);
        refill_opt(&mut c.owner, text(4)?);
        refill_opt(&mut c.source, text(5)?);
        refill_opt(&mut c.segment, text(6)?);
        refill_opt(&mut c.region, text(7)?);
        c.created = time(8)?;
        c.stage_dates = [time(9)?, time(10)?, time(11)?, time(12)?, time(13)?];
        refill_opt(&mut c.current_stage, text(14)?);
        c.first_touch = time(15)?;
        r.get(self.key)
    }
}

fn refill(slot: &mut String, value: &str) {
    slot.clear();
    slot.push_str(value);
}

fn refill_opt(slot: &mut Option<String>, value: Option<&str>) {
    match (slot.as_mut(), value) {
        (Some(s), Some(v)) => refill(s, v),
        (_, v) => *slot = v.map(str::to_owned),
    }
}

const DEAL_COLUMNS: &str = "v.source_system, v.source_id, v.name, v.account, v.owner, v.pipeline, v.raw_stage, v.mapped_stage, v.amount_cents, \
     v.currency, v.created, v.close_date, v.status, v.lost_reason, v.deal_type, v.source, v.segment, v.region, \
     v.probability_pct, v.id";

fn deal_from_row(r: &Row<'_>) -> rusqlite::Result<(i64, Deal)> {
    let mut deal = Deal::default();
    let key = refill_deal(r, &mut deal)?;
    Ok((key, deal))
}

/// Overwrites `d` with the deal in `r` (a row of [`DEAL_COLUMNS`]) but for its stage
/// entries, reusing its strings' buffers, and returns its key (version id).
fn refill_deal(r: &Row<'_>, d: &mut Deal) -> rusqlite::Result<i64> {
    refill(&mut d.source_system, r.get_ref(0)?.as_str()?);
    refill(&mut d.source_id, r.get_ref(1)?.as_str()?);
    refill_opt(&mut d.name, r.get_ref(2)?.as_str_or_null()?);
    refill_opt(&mut d.account, r.get_ref(3)?.as_str_or_null()?);
    refill_opt(&mut d.owner, r.get_ref(4)?.as_str_or_null()?);
    refill_opt(&mut d.pipeline, r.get_ref(5)?.as_str_or_null()?);
    refill_opt(&mut d.raw_stage, r.get_ref(6)?.as_str_or_null()?);
    refill_opt(&mut d.mapped_stage, r.get_ref(7)?.as_str_or_null()?);
    d.amount_cents = r.get(8)?;
    refill_opt(&mut d.currency, r.get_ref(9)?.as_str_or_null()?);
    d.created = r.get(10)?;
    d.close_date = r.get(11)?;
    d.status = DealStatus::parse(r.get_ref(12)?.as_str()?).unwrap_or_default();
    refill_opt(&mut d.lost_reason, r.get_ref(13)?.as_str_or_null()?);
    refill_opt(&mut d.deal_type, r.get_ref(14)?.as_str_or_null()?);
    refill_opt(&mut d.source, r.get_ref(15)?.as_str_or_null()?);
    refill_opt(&mut d.segment, r.get_ref(16)?.as_str_or_null()?);
    refill_opt(&mut d.region, r.get_ref(17)?.as_str_or_null()?);
    d.probability_pct = r.get(18)?;
    r.get(19)
}

const ACCOUNT_COLUMNS: &str = "v.source_id, v.name, v.owner, v.segment, v.region, v.closed_won_at, v.kickoff_at, \
     v.contract_start, v.contract_end, v.arr_cents, v.currency, v.renewal_outreach_at, v.churned_at";

fn account_from_row(r: &Row<'_>) -> rusqlite::Result<Account> {
    Ok(Account {
        source_id: r.get(0)?,
        name: r.get(1)?,
        owner: r.get(2)?,
        segment: r.get(3)?,
        region: r.get(4)?,
        closed_won: r.get(5)?,
        kickoff: r.get(6)?,
        contract_start: r.get(7)?,
        contract_end: r.get(8)?,
        arr_cents: r.get(9)?,
        currency: r.get(10)?,
        renewal_outreach: r.get(11)?,
        churned: r.get(12)?,
    })
}

impl Workspace {
    /// How many current records of each object there are.
    pub fn record_counts(&self) -> Result<RecordCounts, WorkspaceError> {
        self.conn
            .query_row(
                "SELECT (SELECT count(*) FROM contacts), (SELECT count(*) FROM deals), (SELECT count(*) FROM accounts)",
                [],
                |r| Ok(RecordCounts { contacts: r.get(0)?, deals: r.get(1)?, accounts: r.get(2)? }),
            )
            .map_err(|e| self.err(e))
    }

    /// The current version of every contact, ordered by source system and id.
    pub fn contacts(&self) -> Result<Vec<Contact>, WorkspaceError> {
        let select = ContactSelect::all();
        let sql = format!(
            "SELECT {} FROM contacts c JOIN contact_versions v ON v.id = c.version_id \
             ORDER BY c.source_system, c.source_id",
            select.columns
        );
        self.query_list(&sql, [], |r| Ok(select.contact(r)?.1))
    }

    /// Hands each current contact to `each` with its key (the id of the version it is),
    /// in the order of [`Self::contacts`], one row at a time: for building the in-memory
    /// tables without holding every record at once. Only `fields` are read; the others
    /// are empty (the source id an empty text).
    pub fn for_each_contact(
        &self,
        fields: &[Field],
        mut each: impl FnMut(i64, &Contact),
    ) -> Result<(), WorkspaceError> {
        let select = ContactSelect::of(|f| fields.contains(&f));
        let sql = format!(
            "SELECT {} FROM contacts c JOIN contact_versions v ON v.id = c.version_id \
             ORDER BY c.source_system, c.source_id",
            select.columns
        );
        let mut stmt = self.conn.prepare_cached(&sql).map_err(|e| self.err(e))?;
        let mut rows = stmt.query([]).map_err(|e| self.err(e))?;
        let mut contact = Contact::default();
        while let Some(row) = rows.next().map_err(|e| self.err(e))? {
            let key = select.refill(row, &mut contact).map_err(|e| self.err(e))?;
            each(key, &contact);
        }
        Ok(())
    }

    /// The contact versions with these keys (from [`Self::for_each_contact`]), in the
    /// order asked; `None` for a key that is not there.
    pub fn contacts_by_keys(&self, keys: &[i64]) -> Result<Vec<Option<Contact>>, WorkspaceError> {
        let select = ContactSelect::all();
        self.versions_by_keys(
            &format!("SELECT {} FROM contact_versions v", select.columns),
            keys,
            |r| select.contact(r),
        )
    }

    /// The rows `select` (over versions aliased `v`) reads for these version ids, in the
    /// order asked, `None` where an id is not there; `from_row` gives each row's id with
    /// it. Read a few hundred ids a query rather than one: half the time for a hundred
    /// thousand keys.
    fn versions_by_keys<T: Clone>(
        &self,
        select: &str,
        keys: &[i64],
        from_row: impl Fn(&Row<'_>) -> rusqlite::Result<(i64, T)>,
    ) -> Result<Vec<Option<T>>, WorkspaceError> {
        // Where each id goes in the answer (its last place, when it is asked twice).
        let place: rustc_hash::FxHashMap<i64, usize> =
            keys.iter().enumerate().map(|(i, k)| (*k, i)).collect();
        let mut wanted: Vec<i64> = place.keys().copied().collect();
        wanted.sort_unstable();
        let mut found: Vec<Option<T>> = (0..keys.len()).map(|_| None).collect();
        self.for_each_row_of_ids(
            &format!("{select} WHERE v.id IN ({{ids}})"),
            &wanted,
            |row| {
                let (id, record) = from_row(row)?;
                if let Some(slot) = place.get(&id).and_then(|i| found.get_mut(*i)) {
                    *slot = Some(record);
                }
                Ok(())
            },
        )?;
        if wanted.len() < keys.len() {
            for (i, k) in keys.iter().enumerate() {
                if let Some(&last) = place.get(k)
                    && last != i
                {
                    let copy = found.get(last).cloned().flatten();
                    if let Some(slot) = found.get_mut(i) {
                        *slot = copy;
                    }
                }
            }
        }
        Ok(found)
    }

    /// The current version of every deal with its stage entries.
    pub fn deals(&self) -> Result<Vec<Deal>, WorkspaceError> {
        Ok(self.keyed_deals()?.into_iter().map(|(_, d)| d).collect())
    }

    /// [`Self::deals`], each with its key (the id of the version it is).
    pub fn keyed_deals(&self) -> Result<Vec<(i64, Deal)>, WorkspaceError> {
        let sql = format!(
            "SELECT {DEAL_COLUMNS} FROM deals d JOIN deal_versions v ON v.id = d.version_id ORDER BY d.source_system, d.source_id"
        );
        self.keyed_deals_with_entries(&sql, &[])
    }

    /// The deal versions with these keys (from [`Self::keyed_deals`]), in the order asked,
    /// without their stage entries; `None` for a key that is not there.
    pub fn deals_by_keys(&self, keys: &[i64]) -> Result<Vec<Option<Deal>>, WorkspaceError> {
        self.versions_by_keys(
            &format!("SELECT {DEAL_COLUMNS} FROM deal_versions v"),
            keys,
            deal_from_row,
        )
    }

    /// Each deal as the latest export dated on or before `as_of` (`YYYY-MM-DD`) said it:
    /// "the pipeline as of the end of Q2" still answers after Q3 is loaded.
    pub fn deals_as_of(&self, as_of: &str) -> Result<Vec<Deal>, WorkspaceError> {
        let sql = format!(
            "SELECT {DEAL_COLUMNS} FROM deal_versions v WHERE v.id = (SELECT w.id FROM deal_versions w \
             WHERE w.source_system = v.source_system AND w.source_id = v.source_id AND w.as_of <= ?1 \
             ORDER BY w.as_of DESC, w.id DESC LIMIT 1) ORDER BY v.source_system, v.source_id"
        );
        self.deals_with_entries(&sql, &[&as_of])
    }

    /// Hands each deal as the latest export dated on or before `as_of` said it to `each`,
    /// as [`Self::for_each_deal`] does the current ones.
    pub fn for_each_deal_as_of(
        &self,
        as_of: &str,
        each: impl FnMut(i64, &Deal),
    ) -> Result<(), WorkspaceError> {
        let sql = format!(
            "SELECT {DEAL_COLUMNS} FROM deal_versions v WHERE v.id = (SELECT w.id FROM deal_versions w \
             WHERE w.source_system = v.source_system AND w.source_id = v.source_id AND w.as_of <= ?1 \
             ORDER BY w.as_of DESC, w.id DESC LIMIT 1) ORDER BY v.source_system, v.source_id"
        );
        self.each_deal_with_entries(&sql, &[&as_of], each)
    }

    fn deals_with_entries(
        &self,
        sql: &str,
        args: &[&dyn rusqlite::ToSql],
    ) -> Result<Vec<Deal>, WorkspaceError> {
        let deals = self.keyed_deals_with_entries(sql, args)?;
        Ok(deals.into_iter().map(|(_, d)| d).collect())
    }

    fn keyed_deals_with_entries(
        &self,
        sql: &str,
        args: &[&dyn rusqlite::ToSql],
    ) -> Result<Vec<(i64, Deal)>, WorkspaceError> {
        let mut deals = Vec::new();
        self.each_deal_with_entries(sql, args, |key, deal| deals.push((key, deal.clone())))?;
        Ok(deals)
    }

    /// Hands each current deal, with its stage entries, to `each` with its key (the id of
    /// the version it is), in the order of [`Self::deals`], one row at a time: for
    /// building the in-memory tables without holding every record at once.
    pub fn for_each_deal(&self, each: impl FnMut(i64, &Deal)) -> Result<(), WorkspaceError> {
        let sql = format!(
            "SELECT {DEAL_COLUMNS} FROM deals d JOIN deal_versions v ON v.id = d.version_id ORDER BY d.source_system, d.source_id"
        );
        self.each_deal_with_entries(&sql, &[], each)
    }

    /// The deals `sql` (a select of [`DEAL_COLUMNS`]) reads, each with its stage entries,
    /// handed to `each` one at a time in one reused record.
    fn each_deal_with_entries(
        &self,
        sql: &str,
        args: &[&dyn rusqlite::ToSql],
        mut each: impl FnMut(i64, &Deal),
    ) -> Result<(), WorkspaceError> {
        // Every stage entry in one pass over its table, matched to deals by version id:
        // one query a deal took about 3 s for 200,000 deals.
        let entries = StageEntries::read(&self.conn).map_err(|e| self.err(e))?;
        let mut stmt = self.conn.prepare_cached(sql).map_err(|e| self.err(e))?;
        let mut rows = stmt.query(args).map_err(|e| self.err(e))?;
        let mut deal = Deal::default();
        while let Some(row) = rows.next().map_err(|e| self.err(e))? {
            let key = refill_deal(row, &mut deal).map_err(|e| self.err(e))?;
            entries.fill(key, &mut deal.stage_entries);
            each(key, &deal);
        }
        Ok(())
    }

    /// The current version of every customer account.
    pub fn accounts(&self) -> Result<Vec<Account>, WorkspaceError> {
        let sql = format!(
            "SELECT {ACCOUNT_COLUMNS} FROM accounts a JOIN account_versions v ON v.id = a.version_id \
             ORDER BY a.source_system, a.source_id"
        );
        self.query_list(&sql, [], account_from_row)
    }

    /// The raw row (cells as in the file) behind the current version of a record.
    pub fn raw_row(
        &self,
        object: crate::model::RecordObject,
        source_system: &str,
        source_id: &str,
    ) -> Result<Option<Vec<String>>, WorkspaceError> {
        use rusqlite::OptionalExtension as _;
        let (current, versions) = match object {
            crate::model::RecordObject::Contact => ("contacts", "contact_versions"),
            crate::model::RecordObject::Deal => ("deals", "deal_versions"),
            crate::model::RecordObject::Account => ("accounts", "account_versions"),
        };
        let found: Option<(String, i64, i64)> = self
            .conn
            .query_row(
                &format!(
                    "SELECT v.raw_json, v.batch_id, v.row_number FROM {current} c \
                     JOIN {versions} v ON v.id = c.version_id \
                     WHERE c.source_system = ?1 AND c.source_id = ?2"
                ),
                params![source_system, source_id],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .optional()
            .map_err(|e| self.err(e))?;
        let raw = match found {
            Some((raw, _, _)) if !raw.is_empty() => Some(raw),
            Some((_, batch, row)) => {
                let row = u64::try_from(row).unwrap_or(0);
                super::raw_rows::stored_raw_row(&self.conn, &self.path, batch, row)?
            }
            None => None,
        };
        Ok(raw.and_then(|r| serde_json::from_str(&r).ok()))
    }
}
