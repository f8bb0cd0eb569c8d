//! Properties of the value parsers over generated inputs: whatever the text, no panic;
//! formatting a value and reading it back gives the value.

use proptest::prelude::*;
use revops_cockpit::import::values::{DateOrder, parse_amount, parse_percent, parse_timestamp};
use revops_cockpit::text;

proptest! {
    #[test]
    fn no_text_makes_the_parsers_panic(text in "\\PC{0,40}") {
        let _ = parse_amount(&text);
        let _ = parse_percent(&text);
        let _ = parse_timestamp(&text, None);
        let _ = parse_timestamp(&text, Some(DateOrder::DayFirst));
    }

    #[test]
    fn amounts_read_back_as_written(cents in -10_000_000_000_i64..10_000_000_000_i64) {
        let written = text::cents(cents);
        let read = parse_amount(&written).map(|m| m.map(|m| m.cents));
        prop_assert_eq!(read, Ok(Some(cents)), "{}", written);
        // European style: 1.234.567,89
        let european = written.replace(',', " ").replace('.', ",").replace(' ', ".");
        let read = parse_amount(&european).map(|m| m.map(|m| m.cents));
        prop_assert_eq!(read, Ok(Some(cents)), "{}", european);
    }

    #[test]
    fn dates_read_back_as_written(days in 0_i64..40_000, minutes in 0_i64..1440) {
        let ts = days * 86_400 + minutes * 60;
        let written = text::date_time(ts);
        prop_assert_eq!(parse_timestamp(&written, None), Ok(Some(ts)), "{}", written);
    }

    #[test]
    fn percentages_read_back_as_written(tenths in 0_i64..10_000) {
        #[expect(clippy::cast_precision_loss, reason = "small whole numbers")]
        let value = tenths as f64 / 10.0;
        let read = parse_percent(&format!("{value}%"));
        prop_assert_eq!(read, Ok(Some(value)));
    }
}
