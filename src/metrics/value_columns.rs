//! Records' segment, owner, source and other dimension values held as small ids into one
//! list of each dimension's distinct values, so filtering and grouping compare numbers
//! rather than strings.

use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};

use super::filter::{Dimension, Filter};

/// Each record's value of some dimensions, as ids: 0 for none, else one more than the
/// value's place in that dimension's list.
#[derive(Clone, Default, Serialize, Deserialize)]
pub struct ValueColumns {
    dimensions: Vec<Dimension>,
    ids: Vec<IdColumn>,
    values: Vec<Vec<String>>,
    /// Each value's id while records are being added; dropped by [`Self::finish`].
    #[serde(skip)]
    seen: Vec<FxHashMap<String, u32>>,
}

impl ValueColumns {
    /// Empty columns for `dimensions`.
    pub fn new(dimensions: &[Dimension]) -> Self {
        Self {
            dimensions: dimensions.to_vec(),
            ids: vec![IdColumn::default(); dimensions.len()],
            values: vec![Vec::new(); dimensions.len()],
            seen: vec![FxHashMap::default(); dimensions.len()],
        }
    }

    /// Adds the next record, whose value of each dimension `value_of` gives.
    pub fn push<'a>(&mut self, value_of: impl Fn(Dimension) -> Option<&'a str>) {
        for (slot, dimension) in self.dimensions.iter().enumerate() {
            let id = match value_of(*dimension) {
                None => 0,
                Some(v) => match self.seen[slot].get(v) {
                    Some(id) => *id,
                    None => {
                        self.values[slot].push(v.to_owned());
                        let id = u32::try_from(self.values[slot].len()).unwrap_or(u32::MAX);
                        self.seen[slot].insert(v.to_owned(), id);
                        id
                    }
                },
            };
            self.ids[slot].push(id);
        }
    }

    /// Done adding: drops the look-up and spare capacity.
    pub fn finish(&mut self) {
        self.seen = Vec::new();
        for ids in &mut self.ids {
            ids.shrink_to_fit();
        }
    }

    fn slot(&self, dimension: Dimension) -> Option<usize> {
        self.dimensions.iter().position(|d| *d == dimension)
    }

    /// Every value of `dimension`, in first-seen order; none for a dimension not held.
    pub fn values(&self, dimension: Dimension) -> &[String] {
        self.slot(dimension)
            .and_then(|s| self.values.get(s))
            .map_or(&[], Vec::as_slice)
    }

    /// Record `i`'s value of `dimension`.
    pub fn value(&self, i: usize, dimension: Dimension) -> Option<&str> {
        let s = self.slot(dimension)?;
        let at = self.value_id(i, s)?;
        self.values.get(s)?.get(at).map(String::as_str)
    }

    /// Record `i`'s value of the dimension in `slot` as its place in the values.
    #[inline]
    pub fn value_id(&self, i: usize, slot: usize) -> Option<usize> {
        let id = self.ids.get(slot)?.get(i)?;
        usize::try_from(id).ok()?.checked_sub(1)
    }

    /// Where `dimension` sits, for [`Self::value_id`] in a loop.
    pub fn slot_of(&self, dimension: Dimension) -> Option<usize> {
        self.slot(dimension)
    }

    /// The test `filter` makes of each record, with its values looked up once; `None`
    /// when it asks for a value no record has, so none passes. A dimension these records
    /// do not have does not filter them.
    pub fn matcher(&self, filter: &Filter) -> Option<Matcher> {
        let mut conditions = Vec::new();
        for (dimension, value) in &filter.equals {
            let Some(s) = self.slot(*dimension) else {
                continue;
            };
            let at = self.values[s].iter().position(|v| v == value)?;
            conditions.push((s, u32::try_from(at + 1).ok()?));
        }
        Some(Matcher { conditions })
    }

    /// Whether the columns hold `records` ids each for `dimensions`, every id naming a
    /// value held: what columns read back from bytes must be before they are used.
    pub fn holds(&self, dimensions: &[Dimension], records: usize) -> bool {
        self.dimensions == dimensions
            && self.ids.len() == dimensions.len()
            && self.values.len() == dimensions.len()
            && self.ids.iter().zip(&self.values).all(|(ids, values)| {
                ids.len() == records
                    && ids
                        .max()
                        .is_none_or(|id| usize::try_from(id).is_ok_and(|id| id <= values.len()))
            })
    }

    /// Bytes of ids held per record.
    pub fn bytes_per_record(&self) -> usize {
        self.ids.iter().map(IdColumn::bytes).sum::<usize>()
            / self.ids.first().map_or(0, IdColumn::len).max(1)
    }
}

/// One dimension's ids, two bytes each until the dimension has more than 65,535
/// distinct values, then four.
#[derive(Debug, Clone, Serialize, Deserialize)]
enum IdColumn {
    Narrow(Vec<u16>),
    Wide(Vec<u32>),
}

impl Default for IdColumn {
    fn default() -> Self {
        Self::Narrow(Vec::new())
    }
}

impl IdColumn {
    fn push(&mut self, id: u32) {
        match self {
            Self::Narrow(ids) => match u16::try_from(id) {
                Ok(id) => ids.push(id),
                Err(_) => {
                    let mut wide: Vec<u32> = ids.iter().map(|x| u32::from(*x)).collect();
                    wide.push(id);
                    *self = Self::Wide(wide);
                }
            },
            Self::Wide(ids) => ids.push(id),
        }
    }

    #[inline]
    fn get(&self, i: usize) -> Option<u32> {
        match self {
            Self::Narrow(ids) => ids.get(i).map(|x| u32::from(*x)),
            Self::Wide(ids) => ids.get(i).copied(),
        }
    }

    fn len(&self) -> usize {
        match self {
            Self::Narrow(ids) => ids.len(),
            Self::Wide(ids) => ids.len(),
        }
    }

    /// The largest id held.
    fn max(&self) -> Option<u32> {
        match self {
            Self::Narrow(ids) => ids.iter().max().map(|x| u32::from(*x)),
            Self::Wide(ids) => ids.iter().max().copied(),
        }
    }

    fn shrink_to_fit(&mut self) {
        match self {
            Self::Narrow(ids) => ids.shrink_to_fit(),
            Self::Wide(ids) => ids.shrink_to_fit(),
        }
    }

    /// Bytes held.
    fn bytes(&self) -> usize {
        match self {
            Self::Narrow(ids) => ids.capacity() * size_of::<u16>(),
            Self::Wide(ids) => ids.capacity() * size_of::<u32>(),
        }
    }
}

/// A filter resolved against one set of columns' value ids.
#[derive(Debug, Clone)]
pub struct Matcher {
    conditions: Vec<(usize, u32)>,
}

impl Matcher {
    /// Whether record `i` of `columns` passes.
    #[inline]
    pub fn keeps(&self, columns: &ValueColumns, i: usize) -> bool {
        self.conditions.iter().all(|(s, id)| {
            columns
                .ids
                .get(*s)
                .and_then(|ids| ids.get(i))
                .is_some_and(|x| x == *id)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_hold_records_only_when_every_id_names_a_value() {
        let mut c = ValueColumns::new(&[Dimension::Segment]);
        c.push(|_| Some("SMB"));
        c.push(|_| None);
        c.finish();
        assert!(c.holds(&[Dimension::Segment], 2));
        assert!(!c.holds(&[Dimension::Segment], 3), "a record short");
        assert!(!c.holds(&[Dimension::Owner], 2), "other dimensions");
        let mut unnamed = c.clone();
        unnamed.values[0].clear();
        assert!(
            !unnamed.holds(&[Dimension::Segment], 2),
            "id 1 names no value"
        );
    }

    #[test]
    fn interns_each_value_once_and_filters_by_id() {
        let mut c = ValueColumns::new(&[Dimension::Segment, Dimension::Owner]);
        c.push(|d| match d {
            Dimension::Segment => Some("SMB"),
            _ => Some("Ana"),
        });
        c.push(|d| (d == Dimension::Segment).then_some("SMB"));
        c.finish();
        assert_eq!(c.values(Dimension::Segment), ["SMB"]);
        assert_eq!(c.value(1, Dimension::Owner), None);
        assert_eq!(c.value(0, Dimension::Owner), Some("Ana"));
        let ana = c.matcher(&Filter::all().with(Dimension::Owner, "Ana"));
        assert!(ana.is_some_and(|m| m.keeps(&c, 0) && !m.keeps(&c, 1)));
        assert!(
            c.matcher(&Filter::all().with(Dimension::Owner, "Nobody"))
                .is_none()
        );
        assert!(
            c.matcher(&Filter::all().with(Dimension::Region, "EMEA"))
                .is_some_and(|m| m.keeps(&c, 1)),
            "a dimension not held does not filter"
        );
        assert_eq!(c.bytes_per_record(), 4, "two bytes a dimension");
    }

    #[test]
    fn a_dimension_with_more_values_than_two_bytes_hold_widens_and_keeps_every_id() {
        let mut c = ValueColumns::new(&[Dimension::Owner, Dimension::Segment]);
        let owners: Vec<String> = (0..70_000).map(|i| format!("Rep {i}")).collect();
        for (i, owner) in owners.iter().enumerate() {
            c.push(|d| match d {
                Dimension::Owner => Some(owner.as_str()),
                _ => (i % 2 == 0).then_some("SMB"),
            });
        }
        c.finish();
        for i in [0, 1, 65_534, 65_535, 65_536, 69_999] {
            assert_eq!(
                c.value(i, Dimension::Owner),
                Some(owners[i].as_str()),
                "{i}"
            );
            let last = Filter::all().with(Dimension::Owner, &owners[i]);
            assert!(
                c.matcher(&last)
                    .is_some_and(|m| m.keeps(&c, i) && !m.keeps(&c, 3))
            );
        }
        assert_eq!(c.value(69_999, Dimension::Segment), None);
        assert_eq!(c.value(69_998, Dimension::Segment), Some("SMB"));
        assert_eq!(c.bytes_per_record(), 6, "owners four bytes, segments two");
    }
}
