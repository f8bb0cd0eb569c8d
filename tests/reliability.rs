//! No crash loses data, and two processes on one workspace never corrupt it: real child
//! processes, killed with SIGKILL part way through an import.

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
fn killing_an_import_part_way_leaves_the_workspace_exactly_as_it_was() {
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
    let big = big_deals_file(dir.path(), 400_000);
    let mut child = cockpit()
        .arg("--db")
        .arg(&db)
        .arg("import")
        .arg(&big)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("spawn");
    // Kill it once it has started writing: the WAL file grows as the transaction runs.
    let wal = db.with_extension("sqlite-wal");
    let deadline = Instant::now() + Duration::from_secs(30);
    while std::fs::metadata(&wal).map_or(0, |m| m.len()) < 4 * 1024 * 1024 {
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
