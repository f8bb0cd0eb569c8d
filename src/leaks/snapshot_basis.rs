//! Which export a quarter's snapshot leaks are judged on. Stalled deals and late renewals
//! read a record's state as an export saw it, not a dated event: for a quarter that ended
//! long before the latest export, that state says nothing of the quarter. So a past
//! quarter is judged on the export taken nearest its end, and when none was taken near
//! it, the number is not given: it is "known only as of" the latest export.

use chrono::NaiveDate;

use crate::definitions::fiscal::Quarter;

/// How near a quarter's last day an export must be to speak for it.
pub const NEAR_DAYS: i64 = 31;

/// The export a quarter's snapshot leaks are judged on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Basis {
    /// The latest export: the quarter is the current one, or ended just before it.
    Latest,
    /// An earlier export, taken near the quarter's end.
    Export(NaiveDate),
    /// No export near the quarter's end: known only as of the latest.
    KnownOnlyAsOf(NaiveDate),
}

/// The basis for `period` (fiscal year starting in `start_month`) among an object's
/// export dates `exports`, oldest first; `None` when it has none.
pub fn basis(exports: &[NaiveDate], period: Quarter, start_month: u32) -> Option<Basis> {
    let latest = *exports.last()?;
    let (_, next) = period.dates(start_month);
    let last_day = next.pred_opt().unwrap_or(next);
    let days = |d: NaiveDate| (d - last_day).num_days();
    if days(latest) <= NEAR_DAYS {
        return Some(Basis::Latest);
    }
    let nearest = exports
        .iter()
        .copied()
        .min_by_key(|d| days(*d).abs())
        .unwrap_or(latest);
    Some(if days(nearest).abs() <= NEAR_DAYS {
        Basis::Export(nearest)
    } else {
        Basis::KnownOnlyAsOf(latest)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default()
    }

    fn q(year: i32, quarter: u8) -> Quarter {
        Quarter { year, quarter }
    }

    #[test]
    fn a_past_quarter_is_judged_on_the_export_nearest_its_end_or_not_at_all() {
        // Deals exported at the end of June and at the end of December.
        let exports = [day(2025, 6, 30), day(2025, 12, 31)];
        assert_eq!(basis(&exports, q(2025, 4), 1), Some(Basis::Latest));
        assert_eq!(
            basis(&exports, q(2025, 2), 1),
            Some(Basis::Export(day(2025, 6, 30)))
        );
        // Q3 ended on Sep 30: neither export is within a month of it.
        assert_eq!(
            basis(&exports, q(2025, 3), 1),
            Some(Basis::KnownOnlyAsOf(day(2025, 12, 31)))
        );
        // An export taken a few weeks after a quarter's end still speaks for it.
        assert_eq!(
            basis(&[day(2025, 10, 20), day(2026, 3, 1)], q(2025, 3), 1),
            Some(Basis::Export(day(2025, 10, 20)))
        );
        // The current quarter, mid-way, is the latest export's.
        assert_eq!(
            basis(&[day(2025, 11, 15)], q(2025, 4), 1),
            Some(Basis::Latest)
        );
        assert_eq!(basis(&[], q(2025, 4), 1), None);
    }
}
