//! Files the app writes for people: CSV work lists, written safely.

mod csv_safe;

pub use csv_safe::{neutralize_formula, write_row_issues_csv};
