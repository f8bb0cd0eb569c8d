//! When an SLA runs out: a start time plus minutes, hours or calendar days, or plus
//! business days counted in the definitions' calendar (working days, holidays, time zone).
//!
//! Business days: a clock started on a weekend or holiday starts at midnight of the next
//! working day; each business day then moves the deadline to the same time of day on the
//! next working day. A fraction of a day adds that share of 24 hours at the end.

use std::collections::HashSet;

use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime, NaiveTime, TimeZone};
use chrono_tz::Tz;

use super::model::{Sla, SlaUnit, WeekDay, WorkCalendar};
use crate::model::Timestamp;

/// An SLA ready to compute deadlines, with the calendar worked out once.
#[derive(Debug, Clone)]
pub struct SlaClock {
    sla: Sla,
    /// The SLA in seconds when it is counted in calendar time.
    fixed: Option<i64>,
    working: [bool; 7],
    holidays: HashSet<NaiveDate>,
    zone: Tz,
}

const DAY: i64 = 86_400;

/// Which way an SLA moves a time: to a deadline, or back from an end date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Direction {
    Forward,
    Back,
}

#[expect(
    clippy::cast_possible_truncation,
    reason = "SLA amounts are small numbers of seconds"
)]
fn seconds(amount: f64) -> i64 {
    amount.round() as i64
}

impl SlaClock {
    /// The clock of `sla` under `calendar`; an unknown time zone counts in UTC (the
    /// definitions check refuses one before it is saved).
    pub fn new(sla: Sla, calendar: &WorkCalendar) -> Self {
        let mut working = [false; 7];
        for d in &calendar.working_days {
            if let Some(slot) = working.get_mut(weekday_index(*d)) {
                *slot = true;
            }
        }
        let zone = calendar
            .time_zone
            .as_deref()
            .and_then(|z| z.parse::<Tz>().ok())
            .unwrap_or(Tz::UTC);
        let amount = sla.amount.max(0.0);
        let fixed = match sla.unit {
            SlaUnit::Minutes => Some(seconds(amount * 60.0)),
            SlaUnit::Hours => Some(seconds(amount * 3_600.0)),
            SlaUnit::Days => Some(seconds(amount * DAY as f64)),
            SlaUnit::BusinessDays => None,
        };
        Self {
            sla,
            fixed,
            working,
            holidays: calendar.holidays.iter().copied().collect(),
            zone,
        }
    }

    /// The SLA this clock counts.
    pub fn sla(&self) -> Sla {
        self.sla
    }

    /// When the SLA started at `start` runs out.
    pub fn deadline(&self, start: Timestamp) -> Timestamp {
        self.shift(start, Direction::Forward)
    }

    /// The latest time something due `amount` before `end` may start: the end minus the
    /// SLA (business days counted back over working days).
    pub fn before(&self, end: Timestamp) -> Timestamp {
        self.shift(end, Direction::Back)
    }

    /// Whether `date` is a working day of the calendar.
    pub fn is_working(&self, date: NaiveDate) -> bool {
        let index = date.weekday().num_days_from_monday() as usize;
        self.working.get(index).copied().unwrap_or(false) && !self.holidays.contains(&date)
    }

    /// `at` moved by the SLA, forward or back.
    fn shift(&self, at: Timestamp, direction: Direction) -> Timestamp {
        match (self.fixed, direction) {
            (Some(s), Direction::Forward) => at + s,
            (Some(s), Direction::Back) => at - s,
            (None, _) => self.business_shift(at, self.sla.amount.max(0.0), direction),
        }
    }

    /// `at` moved by `amount` business days. Going forward, a start on a non-working day
    /// counts from midnight of the next working day.
    fn business_shift(&self, at: Timestamp, amount: f64, direction: Direction) -> Timestamp {
        if !self.working.iter().any(|w| *w) {
            return at;
        }
        let Some(utc) = chrono::DateTime::from_timestamp(at, 0) else {
            return at;
        };
        let mut local = utc.with_timezone(&self.zone).naive_local();
        if direction == Direction::Forward && !self.is_working(local.date()) {
            local = NaiveDateTime::new(self.step(local.date(), direction), NaiveTime::MIN);
        }
        let whole = amount.trunc();
        let mut date = local.date();
        #[expect(
            clippy::cast_possible_truncation,
            clippy::cast_sign_loss,
            reason = "a whole, non-negative number of days"
        )]
        for _ in 0..(whole as u64) {
            date = self.step(date, direction);
        }
        let fraction = Duration::seconds(seconds((amount - whole) * DAY as f64));
        let moved = NaiveDateTime::new(date, local.time());
        self.to_utc(match direction {
            Direction::Forward => moved + fraction,
            Direction::Back => moved - fraction,
        })
    }

    /// The next (or previous) working day after `date`.
    fn step(&self, mut date: NaiveDate, direction: Direction) -> NaiveDate {
        // A calendar with a working weekday finds one within a week of holidays at most;
        // the bound keeps a year of holidays from looping forever.
        for _ in 0..400 {
            date = match direction {
                Direction::Forward => date.succ_opt(),
                Direction::Back => date.pred_opt(),
            }
            .unwrap_or(date);
            if self.is_working(date) {
                return date;
            }
        }
        date
    }

    /// A wall-clock time in the calendar's zone as a timestamp; a time skipped by a
    /// daylight-saving change moves to the hour after.
    fn to_utc(&self, local: NaiveDateTime) -> Timestamp {
        self.zone
            .from_local_datetime(&local)
            .earliest()
            .or_else(|| {
                self.zone
                    .from_local_datetime(&(local + Duration::hours(1)))
                    .earliest()
            })
            .map_or_else(|| local.and_utc().timestamp(), |t| t.timestamp())
    }
}

fn weekday_index(d: WeekDay) -> usize {
    match d {
        WeekDay::Mon => 0,
        WeekDay::Tue => 1,
        WeekDay::Wed => 2,
        WeekDay::Thu => 3,
        WeekDay::Fri => 4,
        WeekDay::Sat => 5,
        WeekDay::Sun => 6,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> Timestamp {
        chrono::DateTime::parse_from_rfc3339(text)
            .map(|t| t.timestamp())
            .unwrap_or_default()
    }

    fn calendar(zone: Option<&str>, holidays: &[&str]) -> WorkCalendar {
        WorkCalendar {
            working_days: vec![
                WeekDay::Mon,
                WeekDay::Tue,
                WeekDay::Wed,
                WeekDay::Thu,
                WeekDay::Fri,
            ],
            holidays: holidays
                .iter()
                .filter_map(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
                .collect(),
            time_zone: zone.map(str::to_owned),
        }
    }

    fn business(days: f64) -> Sla {
        Sla {
            amount: days,
            unit: SlaUnit::BusinessDays,
        }
    }

    #[test]
    fn business_days_skip_the_weekend() {
        let clock = SlaClock::new(business(2.0), &calendar(None, &[]));
        // Friday 2025-03-07 15:00 + 2 business days = Tuesday 15:00.
        assert_eq!(
            clock.deadline(at("2025-03-07T15:00:00Z")),
            at("2025-03-11T15:00:00Z")
        );
    }

    #[test]
    fn a_start_on_a_saturday_counts_from_monday_morning() {
        let clock = SlaClock::new(business(1.0), &calendar(None, &[]));
        assert_eq!(
            clock.deadline(at("2025-03-08T10:00:00Z")),
            at("2025-03-11T00:00:00Z")
        );
    }

    #[test]
    fn a_holiday_is_skipped_like_a_weekend() {
        let clock = SlaClock::new(business(1.0), &calendar(None, &["2025-03-10"]));
        // Friday + 1 business day, Monday a holiday: Tuesday.
        assert_eq!(
            clock.deadline(at("2025-03-07T09:00:00Z")),
            at("2025-03-11T09:00:00Z")
        );
    }

    #[test]
    fn business_days_are_counted_in_the_calendar_time_zone() {
        // Friday 18:00 in Los Angeles is Saturday 02:00 UTC: in UTC the clock would start on
        // Monday; in the team's zone it is a Friday, so one business day ends Monday 18:00 local.
        let la = SlaClock::new(business(1.0), &calendar(Some("America/Los_Angeles"), &[]));
        assert_eq!(
            la.deadline(at("2025-03-07T18:00:00-08:00")),
            at("2025-03-10T18:00:00-07:00")
        );
        let utc = SlaClock::new(business(1.0), &calendar(None, &[]));
        assert_eq!(
            utc.deadline(at("2025-03-07T18:00:00-08:00")),
            at("2025-03-11T00:00:00Z")
        );
    }

    #[test]
    fn before_counts_back_over_working_days() {
        let clock = SlaClock::new(business(2.0), &calendar(None, &[]));
        // Tuesday 12:00 − 2 business days = Friday 12:00.
        assert_eq!(
            clock.before(at("2025-03-11T12:00:00Z")),
            at("2025-03-07T12:00:00Z")
        );
        let days = SlaClock::new(
            Sla {
                amount: 90.0,
                unit: SlaUnit::Days,
            },
            &calendar(None, &[]),
        );
        assert_eq!(
            days.before(at("2026-04-01T00:00:00Z")),
            at("2026-01-01T00:00:00Z")
        );
    }

    #[test]
    fn hours_and_days_are_calendar_time() {
        let cal = calendar(None, &[]);
        let hours = SlaClock::new(
            Sla {
                amount: 24.0,
                unit: SlaUnit::Hours,
            },
            &cal,
        );
        assert_eq!(
            hours.deadline(at("2025-03-07T15:00:00Z")),
            at("2025-03-08T15:00:00Z")
        );
        let days = SlaClock::new(
            Sla {
                amount: 1.5,
                unit: SlaUnit::Days,
            },
            &cal,
        );
        assert_eq!(
            days.deadline(at("2025-03-07T00:00:00Z")),
            at("2025-03-08T12:00:00Z")
        );
    }
}
