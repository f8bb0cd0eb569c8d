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
    reason = "only the import, frames and scorecard benchmarks take arguments"
)]
pub fn arg(name: &str) -> Option<String> {
    let args: Vec<String> = std::env::args().collect();
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1))
        .cloned()
}

/// A workspace of 1,000,000 generated contacts and 200,000 generated deals in `dir`
/// (the import benchmark's exports, imported as of 2025-12-31).
#[allow(
    dead_code,
    reason = "only the frames and scorecard benchmarks open a workspace file"
)]
pub fn big_workspace(dir: &std::path::Path) -> std::path::PathBuf {
    use revops_cockpit::import::{ImportOptions, import_file};
    use revops_cockpit::progress::WorkControl;
    let db = dir.join("big.sqlite");
    let mut ws = revops_cockpit::workspace::Workspace::open(&db).unwrap_or_else(|e| panic!("{e}"));
    let contacts = dir.join("hubspot-contacts.csv");
    let deals = dir.join("hubspot-deals.csv");
    hubspot_export::write(&contacts, 1_000_000).unwrap_or_else(|e| panic!("{e}"));
    hubspot_export::write_deals(&deals, 200_000).unwrap_or_else(|e| panic!("{e}"));
    let options = ImportOptions {
        as_of: chrono::NaiveDate::from_ymd_opt(2025, 12, 31),
        ..ImportOptions::default()
    };
    for file in [&contacts, &deals] {
        import_file(&mut ws, file, &options, &WorkControl::default())
            .unwrap_or_else(|e| panic!("{e}"));
    }
    db
}
