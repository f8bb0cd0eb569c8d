//! Percentages: `45%`, `45 %`, `45`, `12.5%`, `12,5 %`.

use super::{ValueError, non_blank};

/// Reads a percentage as a number of percent (45% is 45.0). Blank cells are `Ok(None)`.
pub fn parse_percent(text: &str) -> Result<Option<f64>, ValueError> {
    let Some(t) = non_blank(text) else {
        return Ok(None);
    };
    let number = t.trim_end_matches('%').trim().replace(',', ".");
    match number.parse::<f64>() {
        Ok(v) if v.is_finite() => Ok(Some(v)),
        _ => Err(ValueError::NotAPercent(t.to_owned())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_percentages() {
        assert_eq!(parse_percent("45%"), Ok(Some(45.0)));
        assert_eq!(parse_percent("12,5 %"), Ok(Some(12.5)));
        assert_eq!(parse_percent("80"), Ok(Some(80.0)));
        assert_eq!(parse_percent(""), Ok(None));
        assert!(parse_percent("high").is_err());
        assert!(parse_percent("NaN").is_err());
    }
}
