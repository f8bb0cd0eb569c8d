//! What the benchmarks share: a fixed-seed generator and best-of-N timing.

#[allow(dead_code, reason = "only the import benchmark writes exports")]
pub mod hubspot_export;
#[allow(
    dead_code,
    reason = "only the leaks and maturity benchmarks use revenue data"
)]
pub mod revenue_data;

use std::hint::black_box;
use std::time::{Duration, Instant};

/// A small deterministic generator (xorshift), so the data is the same every run.
pub struct Rng(pub u64);

impl Rng {
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    /// A number from 0 up to (not including) `n`.
    pub fn below(&mut self, n: i64) -> i64 {
        i64::try_from(self.next() % u64::try_from(n.max(1)).unwrap_or(1)).unwrap_or(0)
    }

    /// True `percent` times in a hundred.
    #[allow(dead_code, reason = "not every benchmark draws chances")]
    pub fn chance(&mut self, percent: i64) -> bool {
        self.below(100) < percent
    }
}

/// The fastest of `runs` runs of `f`.
#[allow(dead_code, reason = "the import benchmark times processes instead")]
pub fn best_of<T>(runs: usize, mut f: impl FnMut() -> T) -> Duration {
    (0..runs)
        .map(|_| {
            let t = Instant::now();
            black_box(f());
            t.elapsed()
        })
        .min()
        .unwrap_or_default()
}

/// The value after `--name` on the command line.
#[allow(
    dead_code,
    reason = "only the import and frames benchmarks take arguments"
)]
pub fn arg(name: &str) -> Option<String> {
    let args: Vec<String> = std::env::args().collect();
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1))
        .cloned()
}
