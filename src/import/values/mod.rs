//! Reading the text of one cell as a typed value: dates, money amounts, percentages.

mod amount;
pub mod date;

mod percent;

pub use amount::{Money, parse_amount};
pub use date::{DateOrder, DateOrderVote, parse_timestamp};
pub use percent::parse_percent;

/// Why a cell's text could not be read as the value its column holds.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ValueError {
    #[error(
        "\"{0}\" is not a date this app can read (examples it reads: 2025-03-14, 3/14/2025 10:22 AM, 14.03.2025)"
    )]
    NotADate(String),
    #[error("\"{text}\" is not a valid date when read {order}")]
    ImpossibleDate { text: String, order: &'static str },
    #[error(
        "\"{0}\" looks like day/month/year or month/day/year and nothing in its column says which"
    )]
    AmbiguousDate(String),
    #[error(
        "\"{0}\" is not an amount this app can read (examples it reads: 12500, $12,500.00, 12.500,00 €)"
    )]
    NotAnAmount(String),
    #[error("\"{0}\" is too large to be an amount")]
    AmountTooLarge(String),
    #[error("\"{0}\" is not a percentage (examples it reads: 45%, 45, 12.5 %)")]
    NotAPercent(String),
}

/// Trims whitespace (including non-breaking spaces) and returns `None` for a blank cell.
pub fn non_blank(s: &str) -> Option<&str> {
    let t = s.trim_matches(|c: char| c.is_whitespace() || c == '\u{a0}');
    (!t.is_empty()).then_some(t)
}
