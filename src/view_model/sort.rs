//! A table's sort: a typed column and a direction. A column chosen anew reads in its own
//! default direction (largest first for counts, money and lateness; A to Z for names);
//! the same column again reverses it.

use crate::leaks::WorkListColumn;

/// A table column that can sort.
pub trait SortColumn: Copy + PartialEq {
    /// Whether the column reads largest first when it is chosen.
    fn descending_first(self) -> bool;
}

impl SortColumn for WorkListColumn {
    fn descending_first(self) -> bool {
        Self::descending_first(self)
    }
}

/// The column a table is sorted by, and which way.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sort<C> {
    pub column: C,
    pub descending: bool,
}

impl<C: SortColumn> Sort<C> {
    /// Sorted by `column` in its default direction.
    pub fn by(column: C) -> Self {
        Self {
            column,
            descending: column.descending_first(),
        }
    }

    /// The sort after a click on `column`'s heading: the same column reversed, another in
    /// its default direction.
    #[must_use]
    pub fn clicked(self, column: C) -> Self {
        if self.column == column {
            Self {
                column,
                descending: !self.descending,
            }
        } else {
            Self::by(column)
        }
    }

    /// The mark after `column`'s heading: which way it sorts, nothing when it does not.
    pub fn arrow(self, column: C) -> &'static str {
        match (self.column == column, self.descending) {
            (false, _) => "",
            (true, true) => " v",
            (true, false) => " ^",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_new_column_takes_its_own_direction_and_the_same_one_reverses() {
        let sort = Sort::by(WorkListColumn::DaysLate);
        assert!(sort.descending, "most overdue first");
        let by_name = sort.clicked(WorkListColumn::Name);
        assert_eq!(
            by_name,
            Sort {
                column: WorkListColumn::Name,
                descending: false
            }
        );
        assert!(by_name.clicked(WorkListColumn::Name).descending);
        assert_eq!(
            by_name.clicked(WorkListColumn::AtStake),
            Sort::by(WorkListColumn::AtStake)
        );
        assert!(by_name.clicked(WorkListColumn::AtStake).descending);
        assert_eq!(by_name.arrow(WorkListColumn::Name), " ^");
        assert_eq!(by_name.arrow(WorkListColumn::Owner), "");
    }
}
