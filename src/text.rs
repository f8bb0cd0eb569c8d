//! Numbers, dates, money, sizes and messages written for people: `12,345`, `2025-03-14`,
//! `12,500.00`, `3.4 MB`, a capital first word. The views, the exports and the command
//! line all write them through here.

/// `12345` as `12,345`.
pub fn thousands(n: i64) -> String {
    let digits = n.unsigned_abs().to_string();
    let mut out = String::new();
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(ch);
    }
    if n < 0 { format!("-{out}") } else { out }
}

/// A count of things as `12,345`.
pub fn count(n: usize) -> String {
    thousands(i64::try_from(n).unwrap_or(i64::MAX))
}

/// `message` as a sentence: its first word capitalised when it is a plain lowercase word
/// ("the workspace … is damaged" → "The workspace …"). An error's own text starts in
/// lowercase so it reads inside a longer line; a file name it starts with is left as
/// it is, since `contacts.csv` is not `Contacts.csv`.
pub fn as_sentence(message: &str) -> String {
    let first_word = message.split(' ').next().unwrap_or_default();
    if !first_word.is_empty() && first_word.chars().all(|c| c.is_ascii_lowercase()) {
        let mut chars = message.chars();
        chars
            .next()
            .map(|c| c.to_ascii_uppercase().to_string() + chars.as_str())
            .unwrap_or_default()
    } else {
        message.to_owned()
    }
}

/// A money amount in whole units with its currency: `12,345 USD`.
pub fn money(amount: f64, currency: &str) -> String {
    #[expect(
        clippy::cast_possible_truncation,
        reason = "whole currency units for people"
    )]
    let whole = amount.round() as i64;
    format!("{} {currency}", thousands(whole))
}

/// An estimate of money for people, rounded so it reads as one: `≈ 476k USD`,
/// `≈ 1.2M USD` (the exact amount belongs in a hover).
pub fn approx_money(amount: f64, currency: &str) -> String {
    format!("≈ {}", short_money(amount, currency))
}

/// Money rounded to read at a glance: `476k USD`, `1.2M USD`, `850 USD`.
pub fn short_money(amount: f64, currency: &str) -> String {
    let a = amount.abs();
    let sign = if amount < 0.0 { "-" } else { "" };
    let short = if a >= 1e6 {
        format!("{:.1}M", a / 1e6)
    } else if a >= 1e4 {
        format!("{:.0}k", a / 1e3)
    } else if a >= 1e3 {
        format!("{:.1}k", a / 1e3)
    } else {
        format!("{a:.0}")
    };
    format!("{sign}{short} {currency}")
}

/// A duration in days for people: `319 days`, `1 day`, `10 hours`, `under an hour`.
pub fn days(d: f64) -> String {
    let hours = d * 24.0;
    if hours < 1.0 {
        "under an hour".to_owned()
    } else if d < 1.0 {
        format!("{hours:.0} hours")
    } else if d.round() == 1.0 {
        "1 day".to_owned()
    } else {
        format!("{d:.0} days")
    }
}

/// A share as a percentage with one decimal, `—` when there is none.
pub fn percent(x: Option<f64>) -> String {
    x.map_or_else(|| "—".to_owned(), |v| format!("{:.1}%", v * 100.0))
}

/// Cents as `12,500.00`.
pub fn cents(cents: crate::model::AmountCents) -> String {
    let sign = if cents < 0 { "-" } else { "" };
    let abs = cents.unsigned_abs();
    let whole = thousands(i64::try_from(abs / 100).unwrap_or(i64::MAX));
    format!("{sign}{whole}.{:02}", abs % 100)
}

/// A timestamp as `2025-03-14`, or `2025-03-14 10:22` when it has a time of day.
pub fn date_time(ts: crate::model::Timestamp) -> String {
    chrono::DateTime::from_timestamp(ts, 0).map_or_else(
        || ts.to_string(),
        |d| {
            if ts % 86_400 == 0 {
                d.format("%Y-%m-%d").to_string()
            } else {
                d.format("%Y-%m-%d %H:%M").to_string()
            }
        },
    )
}

/// The day of a timestamp, `2025-03-14`, whatever its time.
pub fn day(ts: crate::model::Timestamp) -> String {
    chrono::DateTime::from_timestamp(ts, 0)
        .map_or_else(|| ts.to_string(), |d| d.format("%Y-%m-%d").to_string())
}

/// A file's name for people: its last part, or the whole path when it has none.
pub fn file_name(path: &std::path::Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}

/// A byte count as `812 KB` or `3.4 MB`.
#[expect(clippy::cast_precision_loss, reason = "a size for people")]
pub fn bytes(n: u64) -> String {
    match n {
        0..1_000 => format!("{n} B"),
        1_000..1_000_000 => format!("{:.0} KB", n as f64 / 1e3),
        1_000_000..1_000_000_000 => format!("{:.1} MB", n as f64 / 1e6),
        _ => format!("{:.2} GB", n as f64 / 1e9),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_numbers_for_people() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(1_234_567), "1,234,567");
        assert_eq!(thousands(-1000), "-1,000");
        assert_eq!(bytes(999), "999 B");
        assert_eq!(bytes(3_400_000), "3.4 MB");
        assert_eq!(cents(1_250_000), "12,500.00");
        assert_eq!(cents(-120_050), "-1,200.50");
        assert_eq!(cents(5), "0.05");
        assert_eq!(approx_money(476_116.0, "USD"), "≈ 476k USD");
        assert_eq!(approx_money(4_340_760.0, "USD"), "≈ 4.3M USD");
        assert_eq!(approx_money(6_348.2, "USD"), "≈ 6.3k USD");
        assert_eq!(approx_money(950.0, "EUR"), "≈ 950 EUR");
        assert_eq!(days(319.04), "319 days");
        assert_eq!(days(1.2), "1 day");
        assert_eq!(days(0.42), "10 hours");
        assert_eq!(days(0.01), "under an hour");
        assert_eq!(date_time(1_741_910_400), "2025-03-14");
        assert_eq!(
            date_time(1_741_910_400 + 10 * 3600 + 22 * 60),
            "2025-03-14 10:22"
        );
    }

    #[test]
    fn a_message_starting_with_a_plain_word_gets_a_capital_and_a_file_name_keeps_its_case() {
        assert_eq!(
            as_sentence("the workspace /tmp/w.sqlite is damaged."),
            "The workspace /tmp/w.sqlite is damaged."
        );
        assert_eq!(as_sentence("the"), "The");
        assert_eq!(
            as_sentence("contacts.csv, row 3, column Email: not an address"),
            "contacts.csv, row 3, column Email: not an address"
        );
        assert_eq!(
            as_sentence("/tmp/x.csv could not be read"),
            "/tmp/x.csv could not be read"
        );
        assert_eq!(as_sentence("Already a sentence."), "Already a sentence.");
        assert_eq!(as_sentence("ébauche"), "ébauche");
        assert_eq!(as_sentence(""), "");
    }
}
