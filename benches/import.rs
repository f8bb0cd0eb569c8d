//! Importing a generated HubSpot contacts export (1,000,000 rows, about 230 MB, 21
//! columns, a quoted multi-line notes column) with the release binary, beside the sqlite3
//! shell's own `.import --csv` storing the same file as untyped text, in the same run.
//!
//! Run: `cargo bench --bench import` (needs the `sqlite3` and `time` packages:
//! `sudo apt-get install -y sqlite3 time`). Other sizes: `cargo bench --bench import --
//! --rows 5000000`; only write the file: `-- --rows 1000000 --write FILE`, or a HubSpot deals
//! export with stage history: `-- --rows 200000 --write-deals FILE`. Both sides run as their own process, measured the same way: wall time,
//! and peak resident memory from GNU time. The file is written from a fixed seed
//! (`support/hubspot_export.rs`), so every run imports the same bytes.
//!
//! Targets: time ratio ours ÷ shell at most 1.0 (stretch 0.7); peak resident memory
//! under 150 MB whatever the file size (docs/performance.md has the latest figures).
//!
//! Where the time goes (perf, 1M rows): both cores are busy during the load. The writing
//! thread spends it in SQLite's inserts, binding each value, the end-of-batch settle (the
//! two index builds and making the versions current) and the Bloom filter's memory
//! reads; the reading thread in CSV parsing, typing and packing the raw rows. Which of
//! the two is the limit differs from one machine to another, so the raw rows'
//! compression runs on a thread between them. Memory is flat: repeated ids are found
//! through the capped filter and the store, not kept in a map; a large batch may use a
//! 32 MB page cache, which with the sorter is most of the peak.

mod support;

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use support::{arg, hubspot_export};

/// Wall time and peak resident memory (MB) of `command`, which must succeed. The file
/// system is flushed first, so neither side pays for writing back what came before it.
fn measure(command: &mut Command) -> (Duration, f64) {
    let synced = Command::new("sync").status();
    assert!(synced.is_ok_and(|s| s.success()), "sync failed");
    let mut timed = Command::new("/usr/bin/time");
    timed.arg("-f").arg("peak_kb=%M").arg(command.get_program());
    timed.args(command.get_args());
    let start = Instant::now();
    let out = timed
        .output()
        .unwrap_or_else(|e| panic!("could not run /usr/bin/time (apt-get install time): {e}"));
    let elapsed = start.elapsed();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success(),
        "{:?} failed: {stderr}",
        command.get_program()
    );
    let peak_kb: f64 = stderr
        .lines()
        .rev()
        .find_map(|l| l.strip_prefix("peak_kb="))
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or_else(|| panic!("no peak memory in: {stderr}"));
    (elapsed, peak_kb / 1024.0)
}

fn count(db: &Path, sql: &str) -> i64 {
    rusqlite::Connection::open(db)
        .and_then(|c| c.query_row(sql, [], |r| r.get(0)))
        .unwrap_or_else(|e| panic!("{}: {e}", db.display()))
}

fn main() {
    let rows = arg("--rows")
        .and_then(|n| n.replace('_', "").parse().ok())
        .unwrap_or(1_000_000);
    if let Some(out) = arg("--write-deals") {
        let bytes =
            hubspot_export::write_deals(Path::new(&out), rows).unwrap_or_else(|e| panic!("{e}"));
        println!("wrote {rows} deals, {bytes} bytes, to {out}");
        return;
    }
    if let Some(out) = arg("--write") {
        let bytes = hubspot_export::write(Path::new(&out), rows).unwrap_or_else(|e| panic!("{e}"));
        println!("wrote {rows} rows, {bytes} bytes, to {out}");
        return;
    }
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let file = dir.path().join("hubspot-contacts.csv");
    let started = Instant::now();
    let bytes = hubspot_export::write(&file, rows).unwrap_or_else(|e| panic!("{e}"));
    #[expect(clippy::cast_precision_loss, reason = "sizes for people")]
    let mb = bytes as f64 / 1e6;
    println!(
        "import of a generated HubSpot contacts export: {rows} rows, {mb:.0} MB ({:.0} bytes a row), written in {:.1} s",
        mb * 1e6 / rows.max(1) as f64,
        started.elapsed().as_secs_f64()
    );

    let shell_db = dir.path().join("shell.sqlite");
    let (shell_time, shell_peak) = measure(
        Command::new("sqlite3")
            .arg(&shell_db)
            .arg(format!(".import --csv {} t", file.display())),
    );
    assert_eq!(
        count(&shell_db, "SELECT count(*) FROM t"),
        i64::try_from(rows).unwrap_or(0),
        "the shell stored every row"
    );

    let ours_db = dir.path().join("workspace.sqlite");
    let (ours_time, ours_peak) = measure(
        Command::new(env!("CARGO_BIN_EXE_revops-cockpit"))
            .arg("--db")
            .arg(&ours_db)
            .arg("import")
            .arg("--as-of")
            .arg("2025-12-31")
            .arg(&file),
    );
    assert_eq!(
        count(&ours_db, "SELECT count(*) FROM contacts"),
        i64::try_from(rows).unwrap_or(0),
        "every row imported"
    );

    let per_s = |d: Duration| rows as f64 / d.as_secs_f64();
    println!(
        "  sqlite3 shell .import --csv (untyped text): {:>7.1} s  {:>8.0} rows/s  peak {:>6.0} MB",
        shell_time.as_secs_f64(),
        per_s(shell_time),
        shell_peak
    );
    println!(
        "  ours (parsed, typed, validated, stored):     {:>7.1} s  {:>8.0} rows/s  peak {:>6.0} MB   (target: under 150 MB)",
        ours_time.as_secs_f64(),
        per_s(ours_time),
        ours_peak
    );
    println!(
        "  time ratio ours / shell: {:.2}   (target: at most 1.0, stretch 0.7)",
        ours_time.as_secs_f64() / shell_time.as_secs_f64()
    );
}
