//! No crash loses data, and two processes on one workspace never corrupt it: real child
//! processes, killed with SIGKILL part way through an import (a large one, written
//! through the rollback journal, and definitions saves through the write-ahead log).

use std::io::Write as _;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use revops_cockpit::workspace::Workspace;

use crate::common::{fixture, snapshot};

/// A HubSpot deals export big enough that importing it takes a while.
fn big_deals_file(dir: &std::path::Path, rows: usize) -> std::path::PathBuf {
    let path = dir.join("big-deals.csv");
    let mut f = std::io::BufWriter::new(std::fs::File::create(&path).expect("create"));
    writeln!(
        f,
        "Record ID,Deal Name,Deal Stage,Pipeline,Amount,Close Date,Create Date,Deal owner"
    )
    .expect("w");
    for i in 0..rows {
        writeln!(
            f,
            "{i},Deal {i},contractsent,Sales,{},2025-0{}-15,2025-01-0{},Owner {}",
            i % 9000 + 100,
            i % 9 + 1,
            i % 9 + 1,
            i % 17
        )
        .expect("w");
    }
    f.flush().expect("flush");
    path
}

fn cockpit() -> Command {
    Command::new(env!("CARGO_BIN_EXE_revops-cockpit"))
}

#[cfg(unix)]
#[test]
fn killing_a_large_import_part_way_leaves_the_workspace_exactly_as_it_was() {
    kill_an_import_part_way(400_000, true);
}

#[cfg(unix)]
#[test]
fn killing_a_smaller_import_part_way_leaves_the_workspace_exactly_as_it_was() {
    kill_an_import_part_way(100_000, false);
}

/// Kills an import of `rows` deals once it is writing through the rollback journal
/// (`bulk`) or the write-ahead log, then checks the workspace is as it was.
#[cfg(unix)]
fn kill_an_import_part_way(rows: usize, bulk: bool) {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("ws.sqlite");
    let status = cockpit()
        .arg("--db")
        .arg(&db)
        .arg("import")
        .arg(fixture("hubspot-contacts.csv"))
        .output()
        .expect("run");
    assert!(status.status.success());
    let before = snapshot(&Workspace::open(&db).expect("open"));
    let big = big_deals_file(dir.path(), rows);
    assert_eq!(
        std::fs::metadata(&big).expect("size").len() >= revops_cockpit::workspace::BULK_LOAD_BYTES,
        bulk
    );
    let mut child = cockpit()
        .arg("--db")
        .arg(&db)
        .arg("import")
        .arg(&big)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("spawn");
    // Kill it once it has started writing: through the rollback journal, the journal
    // exists and the file grows as the transaction runs; through the log, the log grows.
    let journal = db.with_extension("sqlite-journal");
    let wal = db.with_extension("sqlite-wal");
    let size = |p: &std::path::Path| std::fs::metadata(p).map_or(0, |m| m.len());
    let start_size = size(&db);
    let deadline = Instant::now() + Duration::from_secs(30);
    let writing = || {
        if bulk {
            journal.exists() && size(&db) > start_size + 4 * 1024 * 1024
        } else {
            size(&wal) > 2 * 1024 * 1024
        }
    };
    while !writing() {
        assert!(
            Instant::now() < deadline,
            "the import never started writing"
        );
        assert!(
            child.try_wait().expect("wait").is_none(),
            "the import finished before it could be killed; use a bigger file"
        );
        std::thread::sleep(Duration::from_millis(5));
    }
    child.kill().expect("SIGKILL");
    child.wait().expect("reap");
    let ws = Workspace::open(&db).expect("reopens after the kill");
    assert!(
        ws.integrity_ok().expect("integrity_check"),
        "PRAGMA integrity_check is ok"
    );
    assert_eq!(
        snapshot(&ws),
        before,
        "every table exactly as before the import"
    );
}

#[test]
fn a_second_process_waits_for_a_writer_and_succeeds() {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("ws.sqlite");
    drop(Workspace::open(&db).expect("create"));
    let big = big_deals_file(dir.path(), 60_000);
    let writer = cockpit()
        .arg("--db")
        .arg(&db)
        .arg("import")
        .arg(&big)
        .stdout(Stdio::piped())
        .spawn()
        .expect("spawn");
    // Start the second writer once the first is inside its transaction (its WAL grows).
    let wal = db.with_extension("sqlite-wal");
    let deadline = Instant::now() + Duration::from_secs(30);
    while std::fs::metadata(&wal).map_or(0, |m| m.len()) < 512 * 1024 {
        assert!(
            Instant::now() < deadline,
            "the first import never started writing"
        );
        std::thread::sleep(Duration::from_millis(2));
    }
    let second = cockpit()
        .arg("--db")
        .arg(&db)
        .arg("import")
        .arg(fixture("pipedrive-deals.csv"))
        .output()
        .expect("run");
    let first = writer.wait_with_output().expect("first");
    assert!(
        first.status.success(),
        "{}",
        String::from_utf8_lossy(&first.stdout)
    );
    assert!(
        second.status.success(),
        "{}",
        String::from_utf8_lossy(&second.stderr)
    );
    let ws = Workspace::open(&db).expect("open");
    assert!(ws.integrity_ok().expect("check"));
    let batches = ws.batches().expect("batches");
    assert_eq!(batches.len(), 2, "no write was lost");
    assert_eq!(ws.record_counts().expect("counts").deals, 60_000 + 3);
}

#[cfg(unix)]
#[test]
fn killing_a_definitions_save_keeps_the_old_version_or_the_whole_new_one() {
    use revops_cockpit::definitions::{defaults, file::write_file, versions};
    let dir = tempfile::tempdir().expect("dir");
    let template = dir.path().join("template.sqlite");
    // A workspace big enough that the backup taken before the save takes a while.
    let big = big_deals_file(dir.path(), 60_000);
    let out = cockpit()
        .arg("--db")
        .arg(&template)
        .arg("import")
        .arg(&big)
        .output()
        .expect("run");
    assert!(out.status.success());
    drop(Workspace::open(&template).expect("checkpoint on close"));
    let mut edited = defaults();
    edited.slas.idle_in_stage.amount = 45.0;
    let file = dir.path().join("edited.toml");
    write_file(&file, &edited).expect("write definitions");
    let mut killed_before_the_save = 0;
    let mut saved = 0;
    for delay_ms in [0, 2, 5, 10, 20, 40, 80, 160, 320, 640] {
        let db = dir.path().join(format!("run-{delay_ms}.sqlite"));
        std::fs::copy(&template, &db).expect("copy");
        let mut child = cockpit()
            .arg("--db")
            .arg(&db)
            .args(["definitions", "import"])
            .arg(&file)
            .args(["--reason", "idle limit to 45 days"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("spawn");
        std::thread::sleep(Duration::from_millis(delay_ms));
        let _ = child.kill();
        child.wait().expect("reap");
        let ws = Workspace::open(&db).expect("reopens after the kill");
        assert!(
            ws.integrity_ok().expect("check"),
            "integrity at {delay_ms} ms"
        );
        let (version, current) = versions::current(&ws).expect("current");
        match version.id {
            1 => {
                assert_eq!(current, defaults(), "the old version, whole");
                killed_before_the_save += 1;
            }
            2 => {
                assert_eq!(current, edited, "the new version, whole");
                saved += 1;
            }
            other => panic!("version {other} after one save"),
        }
        // Every backup offered is whole (read only, as found); one cut short is never offered.
        for b in revops_cockpit::workspace::list_backups(&db) {
            let conn = rusqlite::Connection::open_with_flags(
                &b.path,
                rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY,
            )
            .expect("backup opens");
            let check: String = conn
                .query_row("PRAGMA integrity_check", [], |r| r.get(0))
                .expect("check");
            assert_eq!(check, "ok", "{}", b.name);
        }
    }
    // Where the kills land depends on the machine; each outcome above was whole either way.
    eprintln!(
        "definitions save killed: {killed_before_the_save} before it was saved, {saved} after"
    );
    assert!(
        killed_before_the_save > 0,
        "the first kills land before the save"
    );
}
