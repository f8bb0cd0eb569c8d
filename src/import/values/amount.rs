//! Money amounts as CRMs and spreadsheets write them, to exact minor units.
//!
//! Read: `12500`, `12,500.00`, `$12,500`, `USD 12,500.00`, `12.500,00 €`, `(1,200.00)`,
//! `-1 200,50`. When both `.` and `,` appear, the later one is the decimal mark; when
//! only `,` appears it is a thousands separator if three digits follow each one.

use super::{ValueError, non_blank};
use crate::model::AmountCents;

/// An amount with the currency its text named, if any.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Money {
    pub cents: AmountCents,
    /// ISO 4217 code from a symbol or code in the text.
    pub currency: Option<String>,
}

const SYMBOLS: [(&str, &str); 6] = [
    ("US$", "USD"),
    ("$", "USD"),
    ("€", "EUR"),
    ("£", "GBP"),
    ("¥", "JPY"),
    ("CHF", "CHF"),
];

/// Reads an amount cell. Blank cells are `Ok(None)`.
pub fn parse_amount(text: &str) -> Result<Option<Money>, ValueError> {
    let Some(t) = non_blank(text) else {
        return Ok(None);
    };
    let fail = || ValueError::NotAnAmount(t.to_owned());
    let mut rest = t.to_owned();
    let mut negative = false;
    if rest.starts_with('(') && rest.ends_with(')') {
        negative = true;
        rest = rest[1..rest.len() - 1].to_owned();
    }
    let mut currency = None;
    for (symbol, code) in SYMBOLS {
        if rest.contains(symbol) {
            currency = Some(code.to_owned());
            rest = rest.replacen(symbol, "", 1);
            break;
        }
    }
    // A three-letter code before or after the number: "USD 12,500.00", "12500 EUR".
    let trimmed = rest.trim();
    let letters: String = trimmed.chars().filter(char::is_ascii_alphabetic).collect();
    if !letters.is_empty() {
        let is_code = letters.len() == 3
            && (trimmed.starts_with(letters.as_str()) || trimmed.ends_with(letters.as_str()))
            && currency.is_none();
        if !is_code {
            return Err(fail());
        }
        currency = Some(letters.to_ascii_uppercase());
        rest = trimmed.replace(letters.as_str(), "");
    }
    let mut number: String = rest
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{a0}' && *c != '\'')
        .collect();
    if let Some(stripped) = number.strip_prefix('-') {
        negative = !negative;
        number = stripped.to_owned();
    } else if let Some(stripped) = number.strip_suffix('-') {
        negative = !negative;
        number = stripped.to_owned();
    }
    let normalized = normalize_separators(&number).ok_or_else(fail)?;
    let cents = to_cents(&normalized).ok_or_else(|| ValueError::AmountTooLarge(t.to_owned()))?;
    let cents = if negative { -cents } else { cents };
    Ok(Some(Money { cents, currency }))
}

/// Turns `12.500,00` / `12,500.00` / `1,5` into `12500.00` / `12500.00` / `1.5`.
fn normalize_separators(n: &str) -> Option<String> {
    if n.is_empty()
        || !n
            .chars()
            .all(|c| c.is_ascii_digit() || c == '.' || c == ',')
    {
        return None;
    }
    let last_dot = n.rfind('.');
    let last_comma = n.rfind(',');
    let decimal = match (last_dot, last_comma) {
        (Some(d), Some(c)) => Some(if d > c { '.' } else { ',' }),
        (Some(_), None) => (n.matches('.').count() == 1).then_some('.'),
        (None, Some(_)) => {
            let groups_of_three = n.split(',').skip(1).all(|g| g.len() == 3);
            (!(groups_of_three)).then_some(',')
        }
        (None, None) => None,
    };
    let thousands = match decimal {
        Some('.') => ',',
        Some(_) => '.',
        None => {
            if last_dot.is_some() {
                '.'
            } else {
                ','
            }
        }
    };
    let (int_part, frac_part) = match decimal {
        Some(mark) => {
            let pos = n.rfind(mark)?;
            (&n[..pos], &n[pos + 1..])
        }
        None => (n, ""),
    };
    if int_part.contains(decimal.unwrap_or('\0')) || frac_part.contains(thousands) {
        return None;
    }
    // Thousands groups must be three digits each.
    let groups: Vec<&str> = int_part.split(thousands).collect();
    if groups.len() > 1
        && (groups.iter().skip(1).any(|g| g.len() != 3)
            || groups.first().is_some_and(|g| g.is_empty() || g.len() > 3))
    {
        return None;
    }
    let digits: String = groups.concat();
    if digits.is_empty() && frac_part.is_empty() {
        return None;
    }
    Some(format!(
        "{}.{frac_part}",
        if digits.is_empty() { "0" } else { &digits }
    ))
}

fn to_cents(normalized: &str) -> Option<AmountCents> {
    let (int_part, frac) = normalized.split_once('.')?;
    let whole: i64 = int_part.parse().ok()?;
    let mut frac_digits = frac.bytes().map(|b| i64::from(b - b'0'));
    let tenths = frac_digits.next().unwrap_or(0);
    let hundredths = frac_digits.next().unwrap_or(0);
    let round_up = frac_digits.next().is_some_and(|d| d >= 5);
    whole
        .checked_mul(100)?
        .checked_add(tenths * 10 + hundredths + i64::from(round_up))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn money(cents: i64, currency: Option<&str>) -> Result<Option<Money>, ValueError> {
        Ok(Some(Money {
            cents,
            currency: currency.map(str::to_owned),
        }))
    }

    #[test]
    fn reads_every_documented_form() {
        assert_eq!(parse_amount("12500"), money(1_250_000, None));
        assert_eq!(parse_amount("12,500.00"), money(1_250_000, None));
        assert_eq!(parse_amount("$12,500"), money(1_250_000, Some("USD")));
        assert_eq!(parse_amount("USD 12,500.00"), money(1_250_000, Some("USD")));
        assert_eq!(parse_amount("12.500,00 €"), money(1_250_000, Some("EUR")));
        assert_eq!(parse_amount("(1,200.00)"), money(-120_000, None));
        assert_eq!(parse_amount("-1 200,50"), money(-120_050, None));
        assert_eq!(parse_amount("1,5"), money(150, None));
        assert_eq!(parse_amount("1.234.567"), money(123_456_700, None));
        assert_eq!(parse_amount("99.999"), money(10_000, None));
        assert_eq!(parse_amount("£0.5"), money(50, Some("GBP")));
        assert_eq!(parse_amount(""), Ok(None));
    }

    #[test]
    fn refuses_what_is_not_money() {
        for bad in [
            "abc",
            "12,50,0",
            "1.2.3,4,5",
            "USD EUR 5",
            "12 apples",
            "--",
            "1,2345.6",
        ] {
            assert!(parse_amount(bad).is_err(), "{bad}");
        }
        assert!(matches!(
            parse_amount("99999999999999999999"),
            Err(ValueError::AmountTooLarge(_))
        ));
    }

    #[test]
    fn formats_cents() {}
}
