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
//! Targets (issue 5): time ratio ours ÷ shell at most 1.0 (stretch 0.7); peak resident
//! memory under 150 MB whatever the file size.
//!
//! What the profile showed (perf, 300,000 rows, 2 cores). First: reading dates by trying
//! chrono format strings one after another was a quarter of the time; the common ISO
//! shapes are now read by position (3.1 s → about 2.7 s inside the batch). Second: the rows
//! are now read and built on a thread of their own, which then waits on the writer about
//! two thirds of the time: the writer is the limit. Third: of the writer's time, writing
//! pages to the WAL and checkpointing them into the file at commit was about 20% — every
//! page written twice. A large batch now goes through the rollback journal instead, where
//! pages added at the end of the file are written once (1M rows: 9.8 s → 7.9 s). Fourth:
//! glibc's allocator serialised the two threads on its lock (rows built on one, freed on
//! the other; `_int_malloc`, `_int_free` and the lock about 12%); mimalloc took that away
//! (7.9 s → 5.4 to 5.9 s). Fifth: a bulk batch no longer checks each foreign key (a
//! lookup per reference; every reference it writes is to a row it has just written): 5.6
//! → 5.1 s. Sixth: a third of the writer's time was the per-row lookup and upsert that
//! kept the current-record table up to date; a large batch now writes only the versions
//! and settles the current records in one statement at its end, in key order, with a
//! Bloom filter telling which rows need the lookup for an earlier row with the same id
//! (on tmpfs, same file: the writer without that work about 3 s faster, the end step about
//! 1 s). Seventh: the raw row as JSON was more than half of the file (315 of 590 MB) and
//! of what the kernel copied; the raw rows are now LZ4-compressed in blocks on the
//! reading thread (370 MB). Eighth, found at 5M rows (300 s): the lookup for an earlier
//! row with the same id went through the batch's index, reading the batch so far each
//! time; it now goes through the key's. Ninth: keeping the versions' index by batch and
//! the current records' index by version up to date row by row cost about 0.9 s at 1M;
//! a large batch now drops them and builds them again when it settles (0.5 s). Tenth:
//! `sqlite3VdbeExec`, statement set-up and finishing were a fifth of the writer; versions
//! are now written 16 rows to an `INSERT OR FAIL` statement (a plain `INSERT` of many rows
//! kept a statement journal: 1.2 GB written to a temporary file at 1M). Eleventh: 16 KiB
//! pages instead of 4 KiB, about 10% less CPU. Twelfth: the file's SHA-256 and encoding
//! scan (0.3 s before any row was read) now runs beside the import. Thirteenth, on another
//! machine (2-core Intel Xeon, 2026-12-03): there the reading thread was the limit, busy
//! 97% of the load against the writer's 60 to 75%, with a core a third idle (146% CPU);
//! the raw rows' LZ4 compression (15% of the reader) now runs on a thread between the
//! two, and the cores share it out (1M rows: 5.6 to 6.3 s → 5.2 to 5.7 s, 160 to 168%
//! CPU); each chunk's block of raw rows is allocated once at its size, as a string grown
//! step by step on one thread and freed on another held 15 MB more. Then, on the reader:
//! a row's cells go to JSON by copying those that need no escaping (nearly all) instead
//! of through `serde_json` byte by byte (5% of the run), and the quotes and control bytes
//! are counted a vector at a time (`src/import/bytes.rs`): 1M rows 5.1 to 5.7 s → 4.7 to
//! 5.1 s, a second less CPU.
//! What is left (1M rows, on the AMD machine, writer busy about 90% of the run): SQLite's
//! inserts (35%), binding each value, which SQLite copies (26%), the settle (23%: the two index builds and making the
//! versions current), and the Bloom filter's memory reads (9%); the reading thread is
//! busy about 80% (CSV parsing, typing, and packing the raw rows). A larger page cache
//! changed nothing through the WAL; through the rollback journal a batch may use 32 MB,
//! which with the sorter is most of the peak memory. Memory is flat: repeated ids are
//! found through the capped filter and the store, not kept in a map.

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
