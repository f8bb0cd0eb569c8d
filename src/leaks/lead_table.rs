//! The contacts as the lead leaks read them, in columns: each contact's lifecycle stage
//! dates under the definitions, when it entered, its first sales touch, whether sales
//! rejected it and which required fields it lacks. Built in one pass over the contacts;
//! finding the leaks then reads about 60 bytes a contact rather than the whole record,
//! which is what keeps a million-contact recompute within its budget.

use crate::definitions::Definitions;
use crate::definitions::apply::{
    RecordView, StageSource, contact_meets, has_value, rejected_rule, rule_fields,
};
use crate::metrics::contact_table::{NONE, push_stage_dates};
use crate::metrics::parallel::{chunks_for, in_parallel};
use crate::model::{Contact, Field, RecordObject, Timestamp};

/// The mark of a contact the `rejected` rule holds for.
const REJECTED: u32 = 1 << 31;
/// Required contact fields a mark has room for (one bit each, below [`REJECTED`]).
const MAX_REQUIRED: usize = 31;

/// The contacts in columns, in their order in the slice they were built from.
#[derive(Debug, Clone, Default)]
pub struct LeadTable {
    stages: usize,
    /// `stages` dates per contact, [`NONE`] where the stage was not reached.
    dates: Vec<Timestamp>,
    /// Created, else the earliest stage date; [`NONE`] when neither.
    entered: Vec<Timestamp>,
    first_touch: Vec<Timestamp>,
    /// [`REJECTED`], and bit `i` for each of `required[i]` the contact lacks.
    marks: Vec<u32>,
    /// The fields the definitions require of every contact.
    required: Vec<Field>,
}

/// Builds a [`LeadTable`] one contact at a time, so the contacts need not all be held.
#[derive(Debug)]
pub struct LeadTableBuilder<'d> {
    sources: Vec<StageSource<'d>>,
    rejected: Option<&'d crate::definitions::model::Rule>,
    table: LeadTable,
}

impl<'d> LeadTableBuilder<'d> {
    /// An empty table under `defs`.
    pub fn new(defs: &'d Definitions) -> Self {
        let sources = StageSource::all(defs);
        let mut required: Vec<Field> = Vec::new();
        for rule in &defs.required_fields {
            if rule.object == RecordObject::Contact && rule.from_stage.is_none() {
                for f in &rule.fields {
                    if !required.contains(f) && required.len() < MAX_REQUIRED {
                        required.push(*f);
                    }
                }
            }
        }
        Self {
            table: LeadTable {
                stages: sources.len(),
                required,
                ..LeadTable::default()
            },
            sources,
            rejected: rejected_rule(defs),
        }
    }

    /// The contact fields [`Self::push`] reads under these definitions.
    pub fn fields(&self) -> Vec<Field> {
        let mut fields = vec![Field::Created, Field::FirstTouch];
        fields.extend(self.sources.iter().flat_map(|s| s.fields()));
        fields.extend(self.rejected.into_iter().flat_map(rule_fields));
        fields.extend(&self.table.required);
        fields
    }

    /// Room for `n` more contacts.
    fn reserve(&mut self, n: usize) {
        let t = &mut self.table;
        t.dates.reserve(n * t.stages);
        t.entered.reserve(n);
        t.first_touch.reserve(n);
        t.marks.reserve(n);
    }

    /// Adds `c` after the contacts already added.
    pub fn push(&mut self, c: &Contact) {
        let t = &mut self.table;
        t.entered
            .push(push_stage_dates(&self.sources, c, &mut t.dates));
        t.first_touch.push(c.first_touch.unwrap_or(NONE));
        let mut mark = if self.rejected.is_some_and(|r| contact_meets(r, c)) {
            REJECTED
        } else {
            0
        };
        for (bit, f) in t.required.iter().enumerate() {
            if !has_value(RecordView::Contact(c), *f) {
                mark |= 1 << bit;
            }
        }
        t.marks.push(mark);
    }

    /// The table, its columns trimmed to what they hold.
    pub fn finish(mut self) -> LeadTable {
        let t = &mut self.table;
        t.dates.shrink_to_fit();
        t.entered.shrink_to_fit();
        t.first_touch.shrink_to_fit();
        t.marks.shrink_to_fit();
        self.table
    }
}

impl LeadTable {
    /// `contacts` under `defs`, split over the machine's cores.
    pub fn new(defs: &Definitions, contacts: &[Contact]) -> Self {
        let parts = in_parallel(contacts, chunks_for(contacts.len()), |_, chunk| {
            let mut part = LeadTableBuilder::new(defs);
            part.reserve(chunk.len());
            for c in chunk {
                part.push(c);
            }
            part.table
        });
        let mut parts = parts.into_iter();
        let mut table = parts
            .next()
            .unwrap_or_else(|| LeadTableBuilder::new(defs).table);
        for part in parts {
            table.dates.extend(part.dates);
            table.entered.extend(part.entered);
            table.first_touch.extend(part.first_touch);
            table.marks.extend(part.marks);
        }
        table
    }

    /// How many contacts.
    pub fn len(&self) -> usize {
        self.marks.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.marks.is_empty()
    }

    /// Contact `i`'s stage dates in the definitions' order, [`Timestamp::MIN`] where it
    /// did not reach the stage.
    pub fn raw_dates(&self, i: usize) -> &[Timestamp] {
        self.dates
            .get(i * self.stages..(i + 1) * self.stages)
            .unwrap_or_default()
    }

    /// When contact `i` entered: created, else its earliest stage date.
    pub fn entered(&self, i: usize) -> Option<Timestamp> {
        self.entered.get(i).copied().filter(|t| *t != NONE)
    }

    /// Contact `i`'s first sales touch.
    pub fn first_touch(&self, i: usize) -> Option<Timestamp> {
        self.first_touch.get(i).copied().filter(|t| *t != NONE)
    }

    /// Whether the `rejected` rule holds for contact `i`.
    pub fn rejected(&self, i: usize) -> bool {
        self.marks.get(i).is_some_and(|m| m & REJECTED != 0)
    }

    /// The fields the definitions require of every contact that contact `i` lacks.
    pub fn missing(&self, i: usize) -> Vec<Field> {
        let mark = self.marks.get(i).copied().unwrap_or(0);
        self.required
            .iter()
            .enumerate()
            .filter(|(bit, _)| mark & (1 << bit) != 0)
            .map(|(_, f)| *f)
            .collect()
    }

    /// Whether contact `i` lacks any field the definitions require of every contact.
    pub fn lacks_fields(&self, i: usize) -> bool {
        self.marks.get(i).is_some_and(|m| m & !REJECTED != 0)
    }

    /// Bytes held per contact.
    pub fn bytes_per_contact(&self) -> usize {
        let n = self.len().max(1);
        (self.dates.capacity() + self.entered.capacity() + self.first_touch.capacity())
            * size_of::<Timestamp>()
            / n
            + self.marks.capacity() * size_of::<u32>() / n
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::definitions::defaults;

    fn contact(i: usize) -> Contact {
        Contact {
            source_id: i.to_string(),
            owner: (!i.is_multiple_of(3)).then(|| "Ana".to_owned()),
            source: i.is_multiple_of(2).then(|| "Web".to_owned()),
            current_stage: i.is_multiple_of(5).then(|| "other".to_owned()),
            created: (!i.is_multiple_of(7)).then_some(1_000),
            first_touch: i.is_multiple_of(4).then_some(2_000),
            stage_dates: [None, Some(1_500), None, None, None],
            ..Contact::default()
        }
    }

    #[test]
    fn keeps_each_contacts_dates_rejection_and_missing_fields_in_order() {
        let defs = defaults();
        let contacts: Vec<Contact> = (0..120_000).map(contact).collect();
        let t = LeadTable::new(&defs, &contacts);
        assert_eq!(t.len(), contacts.len());
        for (i, c) in contacts.iter().enumerate() {
            assert_eq!(t.raw_dates(i).get(1), Some(&1_500), "{i}");
            assert_eq!(t.raw_dates(i).first(), Some(&NONE), "{i}");
            assert_eq!(
                t.entered(i),
                Some(if i.is_multiple_of(7) { 1_500 } else { 1_000 })
            );
            assert_eq!(t.first_touch(i), c.first_touch);
            assert_eq!(t.rejected(i), i.is_multiple_of(5), "{i}");
            let mut lacks = Vec::new();
            if c.owner.is_none() {
                lacks.push(Field::Owner);
            }
            if c.source.is_none() {
                lacks.push(Field::Source);
            }
            assert_eq!(t.lacks_fields(i), !lacks.is_empty(), "{i}");
            assert_eq!(t.missing(i), lacks, "{i}");
        }
        assert!(t.bytes_per_contact() <= 64, "{}", t.bytes_per_contact());
    }
}
