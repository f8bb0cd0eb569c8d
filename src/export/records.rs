//! The records behind a number, as a CSV work list people can take to the owner.

use std::path::Path;

use super::csv_safe::write_rows_atomically;
use crate::import::values::date::format_date_time;
use crate::model::{Contact, LifecycleStage};

/// Writes contacts with the fields that matter for a funnel count.
pub fn write_contacts_csv(to: &Path, contacts: &[Contact], note: &str) -> std::io::Result<()> {
    let date = |t: Option<i64>| t.map(format_date_time).unwrap_or_default();
    let header = [
        "record id",
        "name",
        "email",
        "company",
        "owner",
        "source",
        "segment",
        "region",
        "created",
        "lead",
        "mql",
        "sql",
        "opportunity",
        "customer",
        "note",
    ];
    let rows = contacts.iter().map(|c| {
        let mut row = vec![
            c.source_id.clone(),
            c.name.clone().unwrap_or_default(),
            c.email.clone().unwrap_or_default(),
            c.company.clone().unwrap_or_default(),
            c.owner.clone().unwrap_or_default(),
            c.source.clone().unwrap_or_default(),
            c.segment.clone().unwrap_or_default(),
            c.region.clone().unwrap_or_default(),
            date(c.created),
        ];
        row.extend(LifecycleStage::ALL.into_iter().map(|s| date(c.reached(s))));
        row.push(note.to_owned());
        row
    });
    write_rows_atomically(to, &header, rows)
}
