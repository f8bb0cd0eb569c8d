//! Dates and times as CRMs and spreadsheets write them, to seconds since the epoch (UTC).
//!
//! Read: ISO 8601 with or without time and offset, US `3/14/2025 10:22 AM`, European
//! `14/03/2025` and `14.03.2025`, and Excel serial day numbers. Whether `03/04/2025` is
//! March or April is decided per column from its values (see [`DateOrderVote`]).

use chrono::{DateTime, NaiveDate, NaiveDateTime, NaiveTime};

use super::{ValueError, non_blank};
use crate::model::Timestamp;

/// Which number comes first in a slash-separated date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DateOrder {
    /// `3/14/2025`, as US exports write.
    MonthFirst,
    /// `14/03/2025`, as European exports write.
    DayFirst,
}

impl DateOrder {
    /// Plain words for messages.
    pub fn describe(self) -> &'static str {
        match self {
            Self::MonthFirst => "month first (3/14/2025)",
            Self::DayFirst => "day first (14/03/2025)",
        }
    }
}

/// Evidence gathered from a column's values about its day/month order.
#[derive(Debug, Clone, Default)]
pub struct DateOrderVote {
    /// A value whose first number is above 12, so the day comes first.
    pub day_first_example: Option<String>,
    /// A value whose second number is above 12, so the month comes first.
    pub month_first_example: Option<String>,
    /// A value such as `03/04/2025` that reads either way.
    pub ambiguous_example: Option<String>,
}

impl DateOrderVote {
    /// Looks at one cell.
    pub fn observe(&mut self, text: &str) {
        let Some((a, b)) = slash_numbers(text) else {
            return;
        };
        if a > 12 && b <= 12 {
            self.day_first_example
                .get_or_insert_with(|| text.to_owned());
        } else if b > 12 && a <= 12 {
            self.month_first_example
                .get_or_insert_with(|| text.to_owned());
        } else if a <= 12 && b <= 12 && a != b {
            self.ambiguous_example
                .get_or_insert_with(|| text.to_owned());
        }
    }

    /// The order the values prove, `Ok(None)` when no value needs one, or the
    /// conflicting or ambiguous example.
    pub fn decide(&self) -> Result<Option<DateOrder>, DateOrderConflict> {
        match (&self.day_first_example, &self.month_first_example) {
            (Some(d), Some(m)) => Err(DateOrderConflict::Both {
                day_first: d.clone(),
                month_first: m.clone(),
            }),
            (Some(_), None) => Ok(Some(DateOrder::DayFirst)),
            (None, Some(_)) => Ok(Some(DateOrder::MonthFirst)),
            (None, None) => match &self.ambiguous_example {
                Some(example) => Err(DateOrderConflict::Ambiguous {
                    example: example.clone(),
                }),
                None => Ok(None),
            },
        }
    }
}

/// Why a column's day/month order could not be decided from its values.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DateOrderConflict {
    /// Some values only read day first, others only month first.
    Both {
        day_first: String,
        month_first: String,
    },
    /// Every slash date reads both ways.
    Ambiguous { example: String },
}

/// The two leading numbers of a `a/b/yyyy` date, if the text is one.
fn slash_numbers(text: &str) -> Option<(u32, u32)> {
    let date = text.trim().split([' ', 'T']).next()?;
    let mut parts = date.split('/');
    let a = parts.next()?.parse().ok()?;
    let b = parts.next()?.parse().ok()?;
    let y = parts.next()?;
    (parts.next().is_none()
        && (y.len() == 4 || y.len() == 2)
        && y.bytes().all(|c| c.is_ascii_digit()))
    .then_some((a, b))
}

/// Reads a date or date-time cell. Blank cells are `Ok(None)`. `order` says how to read
/// slash dates; `None` reads them only when unambiguous.
pub fn parse_timestamp(
    text: &str,
    order: Option<DateOrder>,
) -> Result<Option<Timestamp>, ValueError> {
    let Some(t) = non_blank(text) else {
        return Ok(None);
    };
    if let Some(ts) = parse_iso(t) {
        return Ok(Some(ts));
    }
    if let Some((a, b)) = slash_numbers(t) {
        let order = match order {
            Some(o) => o,
            None if a > 12 => DateOrder::DayFirst,
            None if b > 12 || a == b => DateOrder::MonthFirst,
            None => return Err(ValueError::AmbiguousDate(t.to_owned())),
        };
        let fmt = match order {
            DateOrder::MonthFirst => "%m/%d/%Y",
            DateOrder::DayFirst => "%d/%m/%Y",
        };
        return parse_with_date_format(t, fmt).map(Some).ok_or_else(|| {
            ValueError::ImpossibleDate {
                text: t.to_owned(),
                order: order.describe(),
            }
        });
    }
    if t.contains('.')
        && t.split([' ', 'T'])
            .next()
            .is_some_and(|d| d.matches('.').count() == 2)
    {
        return parse_with_date_format(t, "%d.%m.%Y")
            .map(Some)
            .ok_or_else(|| ValueError::NotADate(t.to_owned()));
    }
    if let Some(ts) = parse_excel_serial(t) {
        return Ok(Some(ts));
    }
    Err(ValueError::NotADate(t.to_owned()))
}

fn parse_iso(t: &str) -> Option<Timestamp> {
    if t.len() < 10 || t.as_bytes().get(4) != Some(&b'-') {
        return None;
    }
    parse_iso_common(t).or_else(|| parse_iso_by_formats(t))
}

/// [`parse_iso`] by trying chrono's formats one after another.
fn parse_iso_by_formats(t: &str) -> Option<Timestamp> {
    if let Ok(dt) = DateTime::parse_from_rfc3339(t) {
        return Some(dt.timestamp());
    }
    for fmt in [
        "%Y-%m-%d %H:%M:%S%.f%:z",
        "%Y-%m-%d %H:%M:%S%z",
        "%Y-%m-%d %H:%M%:z",
        "%Y-%m-%dT%H:%M%:z",
    ] {
        if let Ok(dt) = DateTime::parse_from_str(t, fmt) {
            return Some(dt.timestamp());
        }
    }
    let t = t
        .strip_suffix(" UTC")
        .or_else(|| t.strip_suffix('Z'))
        .unwrap_or(t);
    for fmt in [
        "%Y-%m-%d %H:%M:%S%.f",
        "%Y-%m-%dT%H:%M:%S%.f",
        "%Y-%m-%d %H:%M",
        "%Y-%m-%dT%H:%M",
    ] {
        if let Ok(dt) = NaiveDateTime::parse_from_str(t, fmt) {
            return Some(dt.and_utc().timestamp());
        }
    }
    NaiveDate::parse_from_str(t, "%Y-%m-%d").ok().map(midnight)
}

/// The shapes nearly every export writes (`2025-03-14`, `2025-03-14 10:22`,
/// `2025-03-14T10:22:05`, each also with `Z` or ` UTC`) read by position, with chrono
/// checking the calendar: trying format strings one after another was a quarter of a large
/// import. Anything else, or an impossible date, is left to the format strings.
fn parse_iso_common(t: &str) -> Option<Timestamp> {
    let t = t
        .strip_suffix('Z')
        .or_else(|| t.strip_suffix(" UTC"))
        .unwrap_or(t);
    let b = t.as_bytes();
    let at = |i: usize| b.get(i).copied();
    let num = |from: usize, to: usize| -> Option<u32> {
        b.get(from..to)?.iter().try_fold(0u32, |n, c| {
            c.is_ascii_digit().then(|| n * 10 + u32::from(c - b'0'))
        })
    };
    if !matches!(b.len(), 10 | 16 | 19) || at(4) != Some(b'-') || at(7) != Some(b'-') {
        return None;
    }
    let year = i32::try_from(num(0, 4)?).ok()?;
    let date = NaiveDate::from_ymd_opt(year, num(5, 7)?, num(8, 10)?)?;
    if b.len() == 10 {
        return Some(midnight(date));
    }
    if !matches!(at(10), Some(b' ' | b'T')) || at(13) != Some(b':') {
        return None;
    }
    let seconds = if b.len() == 19 {
        if at(16) != Some(b':') {
            return None;
        }
        num(17, 19)?
    } else {
        0
    };
    let time = NaiveTime::from_hms_opt(num(11, 13)?, num(14, 16)?, seconds)?;
    Some(date.and_time(time).and_utc().timestamp())
}

/// Parses `date [time]` where the date uses `date_fmt` and the time is 24-hour or AM/PM.
fn parse_with_date_format(t: &str, date_fmt: &str) -> Option<Timestamp> {
    let mut split = t.splitn(2, [' ', 'T']);
    let date_text = split.next()?;
    let date = NaiveDate::parse_from_str(date_text, date_fmt)
        .ok()
        .or_else(|| NaiveDate::parse_from_str(date_text, &date_fmt.replace("%Y", "%y")).ok())?;
    let Some(time_text) = split.next().map(str::trim).filter(|s| !s.is_empty()) else {
        return Some(midnight(date));
    };
    let upper = time_text.to_ascii_uppercase();
    let time = ["%I:%M %p", "%I:%M:%S %p", "%I:%M%p", "%H:%M", "%H:%M:%S"]
        .iter()
        .find_map(|fmt| NaiveTime::parse_from_str(&upper, fmt).ok())?;
    Some(date.and_time(time).and_utc().timestamp())
}

/// Excel stores dates as days since 1899-12-30; a plain number in a date column is one.
fn parse_excel_serial(t: &str) -> Option<Timestamp> {
    let days: f64 = t.parse().ok()?;
    if !(1.0..=2_958_465.0).contains(&days) {
        return None;
    }
    let epoch = NaiveDate::from_ymd_opt(1899, 12, 30)?;
    let whole = days.trunc();
    #[expect(clippy::cast_possible_truncation, reason = "range checked above")]
    let date = epoch.checked_add_days(chrono::Days::new(whole as u64))?;
    #[expect(
        clippy::cast_possible_truncation,
        reason = "a fraction of one day in seconds"
    )]
    let secs = ((days - whole) * 86_400.0).round() as i64;
    Some(midnight(date) + secs)
}

fn midnight(date: NaiveDate) -> Timestamp {
    date.and_time(NaiveTime::MIN).and_utc().timestamp()
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        // No regression file: the repository's top level has no place for proptest's folder.
        #![proptest_config(proptest::test_runner::Config {
            failure_persistence: None,
            ..proptest::test_runner::Config::default()
        })]

        #[test]
        fn the_common_iso_shapes_read_as_chronos_formats_read_them(
            y in 0i32..10_000,
            m in 0u32..14,
            d in 0u32..33,
            h in 0u32..25,
            min in 0u32..61,
            s in 0u32..61,
            shape in 0usize..3,
            sep in proptest::sample::select(vec![' ', 'T']),
            suffix in proptest::sample::select(vec!["", "Z", " UTC"]),
        ) {
            let date = format!("{y:04}-{m:02}-{d:02}");
            let text = match shape {
                0 => format!("{date}{suffix}"),
                1 => format!("{date}{sep}{h:02}:{min:02}{suffix}"),
                _ => format!("{date}{sep}{h:02}:{min:02}:{s:02}{suffix}"),
            };
            let common = parse_iso_common(&text);
            if common.is_some() {
                proptest::prop_assert_eq!(common, parse_iso_by_formats(&text), "{}", text);
            }
            let valid = NaiveDate::from_ymd_opt(y, m, d).is_some()
                && (shape == 0 || NaiveTime::from_hms_opt(h, min, if shape == 1 { 0 } else { s }).is_some());
            proptest::prop_assert_eq!(common.is_some(), valid, "{}", text);
        }
    }

    fn ts(y: i32, m: u32, d: u32, h: u32, min: u32) -> Timestamp {
        NaiveDate::from_ymd_opt(y, m, d)
            .and_then(|x| x.and_hms_opt(h, min, 0))
            .map(|x| x.and_utc().timestamp())
            .unwrap_or_default()
    }

    #[test]
    fn reads_every_documented_form() {
        let d = ts(2025, 3, 14, 0, 0);
        let dt = ts(2025, 3, 14, 10, 22);
        let cases: [(&str, Option<DateOrder>, Timestamp); 12] = [
            ("2025-03-14", None, d),
            ("2025-03-14 10:22", None, dt),
            ("2025-03-14T10:22:00Z", None, dt),
            ("2025-03-14T12:22:00+02:00", None, dt),
            ("2025-03-14 10:22:00.000", None, dt),
            ("3/14/2025", None, d),
            ("3/14/2025 10:22 AM", None, dt),
            ("3/14/2025 10:22 pm", None, dt + 12 * 3600),
            ("14.03.2025", None, d),
            ("14/03/2025", None, d),
            (
                "04/03/2025",
                Some(DateOrder::DayFirst),
                ts(2025, 3, 4, 0, 0),
            ),
            ("45730", None, d),
        ];
        for (text, order, want) in cases {
            assert_eq!(parse_timestamp(text, order), Ok(Some(want)), "{text}");
        }
    }

    #[test]
    fn blanks_and_garbage() {
        assert_eq!(parse_timestamp("  ", None), Ok(None));
        assert!(matches!(
            parse_timestamp("next tuesday", None),
            Err(ValueError::NotADate(_))
        ));
        assert!(matches!(
            parse_timestamp("03/04/2025", None),
            Err(ValueError::AmbiguousDate(_))
        ));
        assert!(matches!(
            parse_timestamp("14/03/2025", Some(DateOrder::MonthFirst)),
            Err(ValueError::ImpossibleDate { .. })
        ));
        assert!(matches!(
            parse_timestamp("2025-02-30", None),
            Err(ValueError::NotADate(_))
        ));
    }

    #[test]
    fn votes_decide_the_column_order() {
        let mut v = DateOrderVote::default();
        v.observe("03/04/2025");
        assert!(matches!(
            v.decide(),
            Err(DateOrderConflict::Ambiguous { .. })
        ));
        v.observe("25/04/2025");
        assert_eq!(v.decide(), Ok(Some(DateOrder::DayFirst)));
        v.observe("04/25/2025");
        assert!(matches!(v.decide(), Err(DateOrderConflict::Both { .. })));
    }
}
