//! A quarter's scorecard written as a PDF by the command line on a workspace of
//! 1,000,000 contacts and 200,000 deals, beside the `funnel` command on the same
//! workspace in the same run.
//!
//! Run: `cargo bench --bench scorecard` (generates the frames benchmark's workspace:
//! the import benchmark's fixed-seed exports, imported), or `-- --db W` on one already
//! built. Each command runs as its own process, the release binary, as a schedule would
//! run it; the first scorecard keeps the funnel's tables in the workspace (as the window
//! does on its first open), and both commands read them back from then on.
//!
//! Ours is everything `scorecard --period 2025-Q3 --out F.pdf` does: open and check the
//! workspace, the metrics of five quarters (this one, the trend's, last year's), every
//! leak of each (for the handoffs' SLA compliance), the pillars' maturity, the page laid
//! out and rendered to PDF. The baseline is `funnel --period 2025-Q3`: one quarter's
//! funnel and deal metrics, printed.
//!
//! Target: the scorecard in under 2 s. The ratio to the funnel command is printed.

mod support;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use support::{arg, big_workspace};

const RUNS: usize = 5;
const TARGET: Duration = Duration::from_secs(2);

/// Runs the binary with `args` on `db`, checking it succeeded; how long it took.
fn timed(db: &Path, args: &[&str]) -> Duration {
    let started = Instant::now();
    let out = Command::new(env!("CARGO_BIN_EXE_revops-cockpit"))
        .arg("--db")
        .arg(db)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    let took = started.elapsed();
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    took
}

fn median(mut runs: Vec<Duration>) -> Duration {
    runs.sort();
    runs[runs.len() / 2]
}

fn main() {
    let scratch = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let db: PathBuf = match arg("--db") {
        Some(path) => PathBuf::from(path),
        None => {
            println!("Generating and importing 1,000,000 contacts and 200,000 deals…");
            big_workspace(scratch.path())
        }
    };
    let pdf = scratch.path().join("scorecard.pdf");
    let pdf_arg = pdf.display().to_string();
    let scorecard = [
        "scorecard",
        "--period",
        "2025-Q3",
        "--out",
        pdf_arg.as_str(),
    ];
    let funnel = ["funnel", "--period", "2025-Q3"];
    // The first run keeps the funnel's tables; its time is printed, not counted.
    let first = timed(&db, &scorecard);
    timed(&db, &funnel);
    let (mut ours, mut base) = (Vec::new(), Vec::new());
    for _ in 0..RUNS {
        ours.push(timed(&db, &scorecard));
        base.push(timed(&db, &funnel));
    }
    let bytes = std::fs::metadata(&pdf).map(|m| m.len()).unwrap_or(0);
    let (ours, base) = (median(ours), median(base));
    println!(
        "scorecard 2025-Q3 as PDF ({} KB): median {:.2} s of {RUNS} runs (first run, keeping the tables: {:.2} s)",
        bytes / 1024,
        ours.as_secs_f64(),
        first.as_secs_f64()
    );
    println!(
        "funnel 2025-Q3: median {:.2} s; the scorecard takes {:.2}x the funnel command",
        base.as_secs_f64(),
        ours.as_secs_f64() / base.as_secs_f64().max(1e-9)
    );
    println!(
        "target: under {:.0} s: {}",
        TARGET.as_secs_f64(),
        if ours < TARGET { "met" } else { "NOT met" }
    );
}
