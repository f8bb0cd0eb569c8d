//! Files the app writes for people: CSV work lists, written safely.

mod csv_safe;
mod records;
mod work_list;

pub use csv_safe::{
    neutralize_formula, temporary_beside, write_row_issues_csv, write_rows_atomically,
};
pub use records::{write_contacts_csv, write_deals_csv};
pub use work_list::write_work_list_csv;
