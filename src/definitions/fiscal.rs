//! Fiscal quarters: with a fiscal year starting in month M, Q1 is M to M+2. A fiscal year
//! is named for the calendar year it ends in (a year starting in February 2025 is FY2026);
//! with a January start that is simply the calendar year.

use chrono::{Datelike as _, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::model::Timestamp;

/// A fiscal quarter, the period every view reports on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Quarter {
    /// The fiscal year, named for the calendar year it ends in.
    pub year: i32,
    /// 1 to 4.
    pub quarter: u8,
}

impl Quarter {
    /// The fiscal quarter `date` falls in, for a fiscal year starting in `start_month` (1–12).
    pub fn of(date: NaiveDate, start_month: u32) -> Self {
        let start = start_month.clamp(1, 12);
        let months_in = (date.month() + 12 - start) % 12;
        let year = if start == 1 || date.month() < start {
            date.year()
        } else {
            date.year() + 1
        };
        Self {
            year,
            quarter: u8::try_from(months_in / 3 + 1).unwrap_or(1),
        }
    }

    /// The quarter a `YYYY-MM-DD` date falls in.
    pub fn of_text(date: &str, start_month: u32) -> Option<Self> {
        NaiveDate::parse_from_str(date, "%Y-%m-%d")
            .ok()
            .map(|d| Self::of(d, start_month))
    }

    /// The quarter before.
    pub fn previous(self) -> Self {
        if self.quarter == 1 {
            Self {
                year: self.year - 1,
                quarter: 4,
            }
        } else {
            Self {
                year: self.year,
                quarter: self.quarter - 1,
            }
        }
    }

    /// The same quarter a year before.
    pub fn year_before(self) -> Self {
        Self {
            year: self.year - 1,
            quarter: self.quarter,
        }
    }

    /// The first day of the quarter and the first day after it.
    pub fn dates(self, start_month: u32) -> (NaiveDate, NaiveDate) {
        let start = start_month.clamp(1, 12);
        let first_year = if start == 1 { self.year } else { self.year - 1 };
        let offset = i32::from(self.quarter.clamp(1, 4) - 1) * 3;
        let month_index = i32::try_from(start).unwrap_or(1) - 1 + offset;
        let begin = first_of(
            first_year + month_index.div_euclid(12),
            month_index.rem_euclid(12) + 1,
        );
        let after = first_of(
            first_year + (month_index + 3).div_euclid(12),
            (month_index + 3).rem_euclid(12) + 1,
        );
        (begin, after)
    }

    /// Whether `ts` falls in the quarter.
    pub fn contains(self, ts: Timestamp, start_month: u32) -> bool {
        self.bounds(start_month).contains(&ts)
    }

    /// The quarter as timestamps: its first second up to (not including) the next
    /// quarter's, for checking many records without working out the dates each time.
    pub fn bounds(self, start_month: u32) -> std::ops::Range<Timestamp> {
        let (begin, after) = self.dates(start_month);
        let secs = |d: NaiveDate| d.and_time(chrono::NaiveTime::MIN).and_utc().timestamp();
        secs(begin)..secs(after)
    }

    /// Reads `2025-Q3` (as `label` writes it).
    pub fn parse(text: &str) -> Option<Self> {
        let (year, q) = text
            .trim()
            .split_once("-Q")
            .or_else(|| text.trim().split_once("-q"))?;
        let quarter: u8 = q.parse().ok().filter(|q| (1..=4).contains(q))?;
        Some(Self {
            year: year.parse().ok()?,
            quarter,
        })
    }

    /// `2025-Q3`, as the CLI takes it.
    pub fn label(self) -> String {
        format!("{}-Q{}", self.year, self.quarter)
    }
}

fn first_of(year: i32, month: i32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, u32::try_from(month).unwrap_or(1), 1).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap_or_default()
    }

    #[test]
    fn calendar_quarters() {
        assert_eq!(
            Quarter::of(d(2025, 12, 31), 1),
            Quarter {
                year: 2025,
                quarter: 4
            }
        );
        assert_eq!(
            Quarter::of(d(2025, 1, 1), 1).previous(),
            Quarter {
                year: 2024,
                quarter: 4
            }
        );
        assert_eq!(
            Quarter {
                year: 2025,
                quarter: 3
            }
            .dates(1),
            (d(2025, 7, 1), d(2025, 10, 1))
        );
        assert_eq!(
            Quarter {
                year: 2025,
                quarter: 3
            }
            .label(),
            "2025-Q3"
        );
    }

    #[test]
    fn a_fiscal_year_starting_in_february() {
        assert_eq!(
            Quarter::of(d(2025, 2, 1), 2),
            Quarter {
                year: 2026,
                quarter: 1
            }
        );
        assert_eq!(
            Quarter::of(d(2026, 1, 31), 2),
            Quarter {
                year: 2026,
                quarter: 4
            }
        );
        assert_eq!(
            Quarter {
                year: 2026,
                quarter: 4
            }
            .dates(2),
            (d(2025, 11, 1), d(2026, 2, 1))
        );
        assert_eq!(
            Quarter {
                year: 2026,
                quarter: 1
            }
            .dates(2),
            (d(2025, 2, 1), d(2025, 5, 1))
        );
        let q = Quarter {
            year: 2026,
            quarter: 4,
        };
        let ts = |x: NaiveDate| x.and_time(chrono::NaiveTime::MIN).and_utc().timestamp();
        assert!(q.contains(ts(d(2026, 1, 31)), 2) && !q.contains(ts(d(2026, 2, 1)), 2));
    }
}
