//! Small statistics used by the metrics: percentiles of durations.

/// The `p`-th percentile (0–100) of `values` by linear interpolation between closest
/// ranks; `None` for no values.
pub fn percentile(values: &[f64], p: f64) -> Option<f64> {
    let [found] = percentiles(values, [p]);
    found
}

/// Several percentiles of `values` at once, sorting them once.
pub fn percentiles<const N: usize>(values: &[f64], ps: [f64; N]) -> [Option<f64>; N] {
    let mut sorted: Vec<f64> = values.iter().copied().filter(|v| v.is_finite()).collect();
    sorted.sort_by(f64::total_cmp);
    ps.map(|p| of_sorted(&sorted, p))
}

/// The `p`-th percentile of values already sorted.
fn of_sorted(sorted: &[f64], p: f64) -> Option<f64> {
    if sorted.is_empty() {
        return None;
    }
    #[expect(clippy::cast_precision_loss, reason = "a rank")]
    let rank = (p.clamp(0.0, 100.0) / 100.0) * (sorted.len() - 1) as f64;
    #[expect(
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        reason = "rank is within the list"
    )]
    let (low, high) = (rank.floor() as usize, rank.ceil() as usize);
    let (a, b) = (sorted.get(low).copied()?, sorted.get(high).copied()?);
    #[expect(clippy::cast_precision_loss, reason = "a rank")]
    let weight = rank - low as f64;
    Some(a + (b - a) * weight)
}

/// The median of `values`.
pub fn median(values: &[f64]) -> Option<f64> {
    percentile(values, 50.0)
}

/// Seconds as days.
#[expect(clippy::cast_precision_loss, reason = "durations in days for people")]
pub fn days(seconds: i64) -> f64 {
    seconds as f64 / 86_400.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn several_percentiles_at_once_are_each_one_alone() {
        let values: Vec<f64> = (0..1001).map(|i| f64::from((i * 7919) % 1001)).collect();
        let ps = [0.0, 10.0, 25.0, 50.0, 75.0, 90.0, 99.5, 100.0];
        let together = percentiles(&values, ps);
        for (p, got) in ps.iter().zip(together) {
            assert_eq!(got, percentile(&values, *p), "{p}");
        }
        assert_eq!(together[3], Some(500.0));
        assert_eq!(percentiles(&[], [50.0]), [None]);
    }

    #[test]
    fn percentiles_by_hand() {
        assert_eq!(median(&[]), None);
        assert_eq!(median(&[3.0]), Some(3.0));
        assert_eq!(median(&[4.0, 1.0, 3.0, 2.0]), Some(2.5));
        // ranks 0..4 of [10, 20, 30, 40, 50]: p90 is at rank 3.6 → 40 + 0.6 × 10.
        assert_eq!(
            percentile(&[50.0, 10.0, 40.0, 20.0, 30.0], 90.0),
            Some(46.0)
        );
        assert_eq!(
            percentile(&[50.0, 10.0, 40.0, 20.0, 30.0], 75.0),
            Some(40.0)
        );
    }
}
