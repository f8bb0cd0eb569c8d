//! The records leaks are found in and name: every record of an object, or only the ones a
//! report names, read back by key, and the 4-byte reference a leak keeps to each.

use serde::Serialize;

use crate::model::{Account, Contact, Deal, RecordObject};

/// The records leaks are found in.
#[derive(Debug, Clone, Copy)]
pub struct Records<'a> {
    pub contacts: RecordSet<'a, Contact>,
    pub deals: RecordSet<'a, Deal>,
    pub accounts: &'a [Account],
}

impl<'a> Records<'a> {
    /// Every contact, deal and account.
    pub fn all(contacts: &'a [Contact], deals: &'a [Deal], accounts: &'a [Account]) -> Self {
        Self {
            contacts: RecordSet::All(contacts),
            deals: RecordSet::All(deals),
            accounts,
        }
    }

    /// The CRM's own id of `record`.
    pub fn source_id(&self, record: RecordRef) -> &'a str {
        let i = record.index();
        match record.object() {
            RecordObject::Contact => self.contacts.get(i).map(|c| c.source_id.as_str()),
            RecordObject::Deal => self.deals.get(i).map(|d| d.source_id.as_str()),
            RecordObject::Account => self.accounts.get(i).map(|a| a.source_id.as_str()),
        }
        .unwrap_or("")
    }
}

/// The full records of contacts or deals. Finding the leaks reads the contacts' compact
/// [`super::LeadTable`] and the deals as they stream by; the full records name them in
/// work lists and breakdowns, so a large workspace reads back only the ones its leaks name
/// ([`super::from_store`]).
#[derive(Debug)]
pub enum RecordSet<'a, T> {
    /// Every record, in the order the leaks were found in.
    All(&'a [T]),
    /// Some records, by their index in that order.
    Some(&'a SomeRecords<T>),
}

// Derived, these would ask `T` to be `Clone` and `Copy`; the set only holds references.
impl<T> Clone for RecordSet<'_, T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T> Copy for RecordSet<'_, T> {}

impl<'a, T> RecordSet<'a, T> {
    /// The record at `index`, if it is here.
    pub fn get(self, index: usize) -> Option<&'a T> {
        match self {
            Self::All(all) => all.get(index),
            Self::Some(some) => some.get(index),
        }
    }

    /// Every record, when all are here; none when only some are.
    pub fn all(self) -> &'a [T] {
        match self {
            Self::All(all) => all,
            Self::Some(_) => &[],
        }
    }
}

/// Some records, each with its index among all of them, in two sorted columns: for the
/// 147,000 contacts a million-contact workspace's leaks name, the `leaks` command's peak
/// is 140 MB lower than with a hash map of them (its empty buckets, and the records read
/// held beside it while it was built).
#[derive(Debug)]
pub struct SomeRecords<T> {
    /// The indexes, ascending.
    indexes: Vec<usize>,
    /// The record at each of `indexes`.
    records: Vec<T>,
}

impl<T> Default for SomeRecords<T> {
    fn default() -> Self {
        Self {
            indexes: Vec::new(),
            records: Vec::new(),
        }
    }
}

impl<T> SomeRecords<T> {
    /// The records `found` at `indexes`, which must ascend; a `None` is left out.
    pub fn new(indexes: &[usize], found: Vec<Option<T>>) -> Self {
        let mut kept = Vec::with_capacity(found.len());
        // Filtered in place when `Option<T>` and `T` are the same size, as for records.
        let records: Vec<T> = found
            .into_iter()
            .enumerate()
            .filter_map(|(n, r)| {
                let r = r?;
                kept.push(*indexes.get(n)?);
                Some(r)
            })
            .collect();
        debug_assert!(kept.is_sorted());
        Self {
            indexes: kept,
            records,
        }
    }

    /// The record at `index`, if it is here.
    pub fn get(&self, index: usize) -> Option<&T> {
        let at = self.indexes.binary_search(&index).ok()?;
        self.records.get(at)
    }

    /// How many records are here.
    pub fn len(&self) -> usize {
        self.records.len()
    }

    /// Whether no record is here.
    pub fn is_empty(&self) -> bool {
        self.records.is_empty()
    }
}

/// One record of one object, by its index in [`Records`], in 4 bytes (leaks keep
/// millions): the object in the top two bits, the index (up to about a billion) below.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct RecordRef(u32);

const INDEX_BITS: u32 = 30;

impl RecordRef {
    /// The record at `index` of `object`'s slice.
    pub fn new(object: RecordObject, index: usize) -> Self {
        let tag: u32 = match object {
            RecordObject::Contact => 0,
            RecordObject::Deal => 1,
            RecordObject::Account => 2,
        };
        let index = u32::try_from(index).unwrap_or(u32::MAX) & ((1 << INDEX_BITS) - 1);
        Self(tag << INDEX_BITS | index)
    }

    /// Which object it is.
    pub fn object(self) -> RecordObject {
        match self.0 >> INDEX_BITS {
            0 => RecordObject::Contact,
            1 => RecordObject::Deal,
            _ => RecordObject::Account,
        }
    }

    /// Its index in the object's slice.
    pub fn index(self) -> usize {
        (self.0 & ((1 << INDEX_BITS) - 1)) as usize
    }
}

impl Serialize for RecordRef {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct as _;
        let mut out = s.serialize_struct("RecordRef", 2)?;
        out.serialize_field("object", &self.object())?;
        out.serialize_field("index", &self.index())?;
        out.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn some_records_find_each_by_its_index_and_leave_out_the_ones_not_read() {
        let contact = |id: &str| Contact {
            source_id: id.to_owned(),
            ..Contact::default()
        };
        let some = SomeRecords::new(
            &[2, 5, 9, 40],
            vec![
                Some(contact("a")),
                None,
                Some(contact("c")),
                Some(contact("d")),
            ],
        );
        assert_eq!(some.len(), 3);
        let id = |i| some.get(i).map(|c| c.source_id.as_str());
        assert_eq!(
            [id(2), id(5), id(9), id(40), id(0), id(3), id(41)],
            [Some("a"), None, Some("c"), Some("d"), None, None, None]
        );
        assert!(SomeRecords::<Deal>::default().is_empty());
        let set = RecordSet::Some(&some);
        assert_eq!(set.get(9).map(|c| c.source_id.as_str()), Some("c"));
        assert!(set.all().is_empty(), "only some are here");
    }

    #[test]
    fn a_record_ref_keeps_its_object_and_index_in_four_bytes() {
        assert_eq!(std::mem::size_of::<RecordRef>(), 4);
        for object in [
            RecordObject::Contact,
            RecordObject::Deal,
            RecordObject::Account,
        ] {
            for index in [0, 1, 999_999, (1 << INDEX_BITS) - 1] {
                let r = RecordRef::new(object, index);
                assert_eq!((r.object(), r.index()), (object, index));
            }
        }
    }
}
