//! The records behind a number, as a CSV work list people can take to the owner.

use std::path::Path;

use super::csv_safe::write_rows_atomically;
use crate::model::{Contact, Deal, LifecycleStage};
use crate::text::date_time;

/// Writes contacts with the fields that matter for a funnel count.
pub fn write_contacts_csv<'c>(
    to: &Path,
    contacts: impl IntoIterator<Item = &'c Contact>,
    note: &str,
) -> std::io::Result<usize> {
    let date = |t: Option<i64>| t.map(date_time).unwrap_or_default();
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
    let rows = contacts.into_iter().map(|c| {
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

/// Writes deals with the fields that matter for a deal number: ids, owner, pipeline, the
/// stage and status as exported, the amount and dates.
pub fn write_deals_csv<'d>(
    to: &Path,
    deals: impl IntoIterator<Item = &'d Deal>,
    note: &str,
) -> std::io::Result<usize> {
    let date = |t: Option<i64>| t.map(date_time).unwrap_or_default();
    let header = [
        "record id",
        "system",
        "name",
        "account",
        "owner",
        "pipeline",
        "stage",
        "status",
        "amount",
        "currency",
        "created",
        "close date",
        "segment",
        "region",
        "deal type",
        "note",
    ];
    let rows = deals.into_iter().map(|d| {
        vec![
            d.source_id.clone(),
            d.source_system.clone(),
            d.name.clone().unwrap_or_default(),
            d.account.clone().unwrap_or_default(),
            d.owner.clone().unwrap_or_default(),
            d.pipeline.clone().unwrap_or_default(),
            d.raw_stage.clone().unwrap_or_default(),
            d.status.as_str().to_owned(),
            d.amount_cents.map(cents).unwrap_or_default(),
            d.currency.clone().unwrap_or_default(),
            date(d.created),
            date(d.close_date),
            d.segment.clone().unwrap_or_default(),
            d.region.clone().unwrap_or_default(),
            d.deal_type.clone().unwrap_or_default(),
            note.to_owned(),
        ]
    });
    write_rows_atomically(to, &header, rows)
}

/// Cents as a plain decimal amount, as a spreadsheet reads it.
fn cents(c: i64) -> String {
    let sign = if c < 0 { "-" } else { "" };
    format!("{sign}{}.{:02}", (c / 100).abs(), (c % 100).abs())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cents_read_as_plain_amounts() {
        assert_eq!(cents(1_250_050), "12500.50");
        assert_eq!(cents(-5), "-0.05");
        assert_eq!(cents(0), "0.00");
    }
}
