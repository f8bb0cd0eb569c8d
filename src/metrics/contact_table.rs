//! The contacts as the funnel reads them, held in memory in columns: each contact's stage
//! dates under one definitions version, when it entered the funnel, and its segment,
//! owner, source and region as small ids into one list of each dimension's values.
//!
//! Built once per workspace or definitions change (streamed from the store, one contact
//! at a time) and kept by the app between recomputes, so changing a quarter or a filter
//! reads a few compact arrays rather than the database.

use super::filter::{Dimension, Filter};
use super::value_columns::{Matcher, ValueColumns};
use crate::definitions::Definitions;
use crate::definitions::apply::StageSource;
use crate::model::{Contact, Field, Timestamp};
use crate::workspace::{Workspace, WorkspaceError};

/// A stage date that is not there.
pub const NONE: Timestamp = Timestamp::MIN;

/// Appends `contact`'s date of each of `sources` to `dates` ([`NONE`] where it has none)
/// and returns when it entered the funnel: created, else its earliest stage date.
pub fn push_stage_dates(
    sources: &[StageSource<'_>],
    contact: &Contact,
    dates: &mut Vec<Timestamp>,
) -> Timestamp {
    let start = dates.len();
    dates.extend(sources.iter().map(|s| s.date(contact).unwrap_or(NONE)));
    let earliest = dates
        .get(start..)
        .unwrap_or_default()
        .iter()
        .copied()
        .filter(|d| *d != NONE)
        .min();
    contact.created.or(earliest).unwrap_or(NONE)
}

/// The dimensions contacts have, in the order the table keeps them.
pub const CONTACT_DIMENSIONS: [Dimension; 4] = [
    Dimension::Segment,
    Dimension::Owner,
    Dimension::Source,
    Dimension::Region,
];

/// Contacts in columns; positions are the order they were pushed.
#[derive(Clone, Default, serde::Serialize, serde::Deserialize)]
pub struct ContactTable {
    stages: usize,
    /// `stages` dates per contact, [`NONE`] where the stage was not reached.
    dates: Vec<Timestamp>,
    /// When each contact entered the funnel: created, else its earliest stage date.
    entered: Vec<Timestamp>,
    /// Each contact's value of the [`CONTACT_DIMENSIONS`].
    columns: ValueColumns,
    /// Where each contact's full record is in the store (its version id).
    keys: Vec<i64>,
}

impl std::fmt::Debug for ContactTable {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ContactTable")
            .field("contacts", &self.len())
            .field("stages", &self.stages)
            .finish_non_exhaustive()
    }
}

/// Fills a [`ContactTable`] one contact at a time.
pub struct ContactTableBuilder<'d> {
    sources: Vec<StageSource<'d>>,
    table: ContactTable,
}

impl<'d> ContactTableBuilder<'d> {
    /// An empty table under `defs`.
    pub fn new(defs: &'d Definitions) -> Self {
        let mut sources = StageSource::all(defs);
        // The funnel keeps a contact's stages as bits of one 64-bit mask; validation
        // allows far fewer stages than that, so this only guards a hand-edited file.
        sources.truncate(64);
        Self {
            table: ContactTable {
                stages: sources.len(),
                columns: ValueColumns::new(&CONTACT_DIMENSIONS),
                ..ContactTable::default()
            },
            sources,
        }
    }

    /// The contact fields [`Self::push`] reads under these definitions.
    pub fn fields(&self) -> Vec<Field> {
        let mut fields = vec![Field::Created];
        fields.extend(self.sources.iter().flat_map(|s| s.fields()));
        fields.extend(CONTACT_DIMENSIONS.iter().map(|d| d.field()));
        fields
    }

    /// Adds `contact`, whose full record the store keeps under `key`.
    pub fn push(&mut self, key: i64, contact: &Contact) {
        let t = &mut self.table;
        t.entered
            .push(push_stage_dates(&self.sources, contact, &mut t.dates));
        t.columns.push(|d| d.of_contact(contact));
        t.keys.push(key);
    }

    /// The finished table.
    pub fn finish(mut self) -> ContactTable {
        let t = &mut self.table;
        t.dates.shrink_to_fit();
        t.entered.shrink_to_fit();
        t.keys.shrink_to_fit();
        t.columns.finish();
        self.table
    }
}

impl ContactTable {
    /// The current contacts of `ws` under `defs`, streamed from the store one row at a
    /// time and reading only the fields the table needs, each keyed by its version id.
    pub fn load(ws: &Workspace, defs: &Definitions) -> Result<Self, WorkspaceError> {
        let mut b = ContactTableBuilder::new(defs);
        ws.for_each_contact(&b.fields(), |key, c| b.push(key, c))?;
        Ok(b.finish())
    }

    /// The table of `contacts` under `defs`, each keyed by its position in the slice.
    pub fn from_contacts(defs: &Definitions, contacts: &[Contact]) -> Self {
        let mut b = ContactTableBuilder::new(defs);
        for (i, c) in contacts.iter().enumerate() {
            b.push(i64::try_from(i).unwrap_or(i64::MAX), c);
        }
        b.finish()
    }

    /// How many contacts.
    pub fn len(&self) -> usize {
        self.keys.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }

    /// How many lifecycle stages each contact has a date slot for.
    pub fn stages(&self) -> usize {
        self.stages
    }

    /// Contact `i`'s stage dates, `None` where it did not reach the stage.
    pub fn stage_date(&self, i: usize, stage: usize) -> Option<Timestamp> {
        self.dates
            .get(i * self.stages + stage)
            .copied()
            .filter(|d| *d != NONE)
    }

    /// Contact `i`'s stage dates as stored: [`Timestamp::MIN`] where not reached.
    pub(super) fn raw_dates(&self, i: usize) -> &[Timestamp] {
        self.dates
            .get(i * self.stages..(i + 1) * self.stages)
            .unwrap_or_default()
    }

    /// When contact `i` entered the funnel (created, else its earliest stage date).
    pub fn entered(&self, i: usize) -> Option<Timestamp> {
        self.entered.get(i).copied().filter(|d| *d != NONE)
    }

    /// The store's key (contact version id) of contact `i`'s full record.
    pub fn key(&self, i: usize) -> Option<i64> {
        self.keys.get(i).copied()
    }

    /// Each contact's segment, owner, source and region.
    pub fn columns(&self) -> &ValueColumns {
        &self.columns
    }

    /// Every value of `dimension` among the contacts, unsorted; none for a dimension
    /// contacts do not have.
    pub fn values(&self, dimension: Dimension) -> &[String] {
        self.columns.values(dimension)
    }

    /// Contact `i`'s value of `dimension`.
    pub fn value(&self, i: usize, dimension: Dimension) -> Option<&str> {
        self.columns.value(i, dimension)
    }

    /// The test `filter` makes of each contact; `None` when no contact can pass.
    pub fn matcher(&self, filter: &Filter) -> Option<Matcher> {
        self.columns.matcher(filter)
    }

    /// Whether every column holds one entry per contact (and each id a value): what a
    /// table read back from bytes must be before it is used.
    pub fn is_whole(&self) -> bool {
        let n = self.keys.len();
        self.stages <= 64
            && n.checked_mul(self.stages) == Some(self.dates.len())
            && self.entered.len() == n
            && self.columns.holds(&CONTACT_DIMENSIONS, n)
    }

    /// Bytes held per contact, strings of the dimension values aside.
    pub fn bytes_per_contact(&self) -> usize {
        let n = self.len().max(1);
        let columns = self.dates.capacity() * size_of::<Timestamp>()
            + self.entered.capacity() * size_of::<Timestamp>()
            + self.keys.capacity() * size_of::<i64>();
        columns / n + self.columns.bytes_per_record()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::definitions::defaults;

    #[test]
    fn a_table_is_whole_only_with_one_entry_per_contact_in_every_column() {
        let c = Contact {
            source_id: "1".into(),
            segment: Some("SMB".into()),
            stage_dates: [Some(100), None, None, None, None],
            ..Contact::default()
        };
        let whole = ContactTable::from_contacts(&defaults(), &[c.clone(), c]);
        assert!(whole.is_whole());
        for cut in [
            |t: &mut ContactTable| {
                t.keys.pop();
            },
            |t: &mut ContactTable| {
                t.dates.pop();
            },
            |t: &mut ContactTable| {
                t.entered.pop();
            },
            |t: &mut ContactTable| t.stages += 1,
        ] {
            let mut t = whole.clone();
            cut(&mut t);
            assert!(!t.is_whole());
        }
    }

    #[test]
    fn keeps_dates_and_values_as_given() {
        let c = Contact {
            source_id: "1".into(),
            segment: Some("SMB".into()),
            owner: Some("Ana".into()),
            created: Some(100),
            stage_dates: [Some(100), None, Some(300), None, None],
            ..Contact::default()
        };
        let d = Contact {
            source_id: "2".into(),
            segment: Some("SMB".into()),
            stage_dates: [None, Some(50), None, None, None],
            ..Contact::default()
        };
        let t = ContactTable::from_contacts(&defaults(), &[c, d]);
        assert_eq!(t.len(), 2);
        assert_eq!(t.stage_date(0, 2), Some(300));
        assert_eq!(t.stage_date(0, 1), None);
        assert_eq!(t.entered(0), Some(100));
        assert_eq!(
            t.entered(1),
            Some(50),
            "no created date: its earliest stage"
        );
        assert_eq!(t.value(1, Dimension::Segment), Some("SMB"));
        assert_eq!(t.value(1, Dimension::Owner), None);
        assert_eq!(t.values(Dimension::Segment).len(), 1, "interned once");
        let smb = t.matcher(&Filter::all().with(Dimension::Owner, "Ana"));
        assert!(
            smb.as_ref()
                .is_some_and(|m| m.keeps(t.columns(), 0) && !m.keeps(t.columns(), 1))
        );
        assert!(
            t.matcher(&Filter::all().with(Dimension::Owner, "Nobody"))
                .is_none()
        );
        assert!(
            t.matcher(&Filter::all().with(Dimension::Pipeline, "New"))
                .is_some_and(|m| m.keeps(t.columns(), 1)),
            "contacts have no pipeline: it does not filter them"
        );
    }
}
