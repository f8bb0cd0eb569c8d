//! A leak's records as a CSV work list: the dates that make each a leak, how late, what is
//! at stake, and why, for the owner to act on.

use std::path::Path;

use super::csv_safe::write_rows_atomically;
use crate::leaks::WorkListRow;
use crate::text::date_time;

/// Writes `rows`; `note` (leak, period, definitions version) goes in the last column.
pub fn write_work_list_csv<'r>(
    to: &Path,
    rows: impl IntoIterator<Item = &'r WorkListRow>,
    currency: &str,
    note: &str,
) -> std::io::Result<usize> {
    let date = |t: Option<i64>| t.map(date_time).unwrap_or_default();
    let stake = format!("at stake ({currency})");
    let header = [
        "record id",
        "object",
        "name",
        "owner",
        "team",
        "segment",
        "region",
        "source",
        "clock started",
        "due",
        "done",
        "days late",
        stake.as_str(),
        "why",
        "note",
    ];
    let lines = rows.into_iter().map(|r| {
        let f = &r.flagged;
        vec![
            r.source_id.clone(),
            r.object.as_str().to_owned(),
            r.name.clone(),
            r.owner.clone(),
            r.team.clone(),
            r.segment.clone(),
            r.region.clone(),
            r.source.clone(),
            date(Some(f.started)),
            date(f.due),
            date(f.done),
            format!("{:.1}", r.late_days),
            f.at_stake.map(|v| format!("{v:.2}")).unwrap_or_default(),
            r.reason.clone(),
            note.to_owned(),
        ]
    });
    write_rows_atomically(to, &header, lines)
}
