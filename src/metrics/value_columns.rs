//! Records' segment, owner, source and other dimension values held as small ids into one
//! list of each dimension's distinct values, so filtering and grouping compare numbers
//! rather than strings.

use rustc_hash::FxHashMap;

use super::filter::{Dimension, Filter};

/// Each record's value of some dimensions, as ids: 0 for none, else one more than the
/// value's place in that dimension's list.
#[derive(Clone, Default)]
pub struct ValueColumns {
    dimensions: Vec<Dimension>,
    ids: Vec<Vec<u32>>,
    values: Vec<Vec<String>>,
    /// Each value's id while records are being added; dropped by [`Self::finish`].
    seen: Vec<FxHashMap<String, u32>>,
}

impl ValueColumns {
    /// Empty columns for `dimensions`.
    pub fn new(dimensions: &[Dimension]) -> Self {
        Self {
            dimensions: dimensions.to_vec(),
            ids: vec![Vec::new(); dimensions.len()],
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
        let id = *self.ids.get(slot)?.get(i)?;
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

    /// Bytes of ids held per record.
    pub fn bytes_per_record(&self) -> usize {
        self.ids.iter().map(Vec::capacity).sum::<usize>() * size_of::<u32>()
            / self.ids.first().map_or(0, Vec::len).max(1)
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
                .is_some_and(|x| x == id)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
        assert_eq!(c.bytes_per_record(), 8);
    }
}
