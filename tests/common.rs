//! Helpers shared by the integration tests: fixture paths and fresh workspaces on disk.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use revops_cockpit::import::{ImportError, ImportOptions, ImportOutcome, import_file};
use revops_cockpit::progress::WorkControl;
use revops_cockpit::workspace::{BatchSummary, Workspace};

pub fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

/// A new workspace file in a temporary folder (kept alive by the returned guard).
pub fn workspace() -> (tempfile::TempDir, Workspace) {
    let dir = tempfile::tempdir().expect("temp dir");
    let ws = Workspace::open(&dir.path().join("workspace.sqlite")).expect("open workspace");
    (dir, ws)
}

pub fn as_of(y: i32, m: u32, d: u32) -> ImportOptions {
    ImportOptions {
        as_of: NaiveDate::from_ymd_opt(y, m, d),
        ..ImportOptions::default()
    }
}

pub fn import(ws: &mut Workspace, name: &str) -> Result<ImportOutcome, ImportError> {
    import_file(
        ws,
        &fixture(name),
        &as_of(2025, 6, 30),
        &WorkControl::default(),
    )
}

pub fn imported(ws: &mut Workspace, name: &str) -> BatchSummary {
    match import(ws, name) {
        Ok(ImportOutcome::Imported(b)) => b,
        other => panic!("{name}: expected an import, got {other:?}"),
    }
}

/// Every row of every table, as text: equal snapshots mean an unchanged workspace.
pub fn snapshot(ws: &Workspace) -> Vec<String> {
    let conn = rusqlite::Connection::open(ws.path()).expect("open copy");
    let mut tables: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
        .and_then(|mut s| s.query_map([], |r| r.get(0))?.collect())
        .expect("tables");
    tables.sort();
    let mut out = Vec::new();
    for table in tables {
        let mut stmt = conn
            .prepare(&format!("SELECT * FROM {table} ORDER BY 1, 2"))
            .expect("select");
        let n = stmt.column_count();
        let rows = stmt
            .query_map([], |r| {
                let mut cells = Vec::with_capacity(n);
                for i in 0..n {
                    let v: rusqlite::types::Value = r.get(i)?;
                    cells.push(format!("{v:?}"));
                }
                Ok(format!("{table}: {}", cells.join(" | ")))
            })
            .expect("rows");
        for row in rows {
            out.push(row.expect("row"));
        }
    }
    out
}

/// [`snapshot`] without the records' generation, which every change draws anew even when
/// it puts the records back as they were.
pub fn records_snapshot(ws: &Workspace) -> Vec<String> {
    let mut rows = snapshot(ws);
    rows.retain(|row| !row.starts_with("generation: "));
    rows
}

pub fn ts(y: i32, m: u32, d: u32, h: u32, min: u32) -> i64 {
    NaiveDate::from_ymd_opt(y, m, d)
        .and_then(|x| x.and_hms_opt(h, min, 0))
        .expect("valid date")
        .and_utc()
        .timestamp()
}

/// Scribbles over the first page of the table or index `name` in the closed workspace
/// file `db`: only a read of that page, or a whole-file check, finds the damage.
pub fn damage_root_page(db: &Path, name: &str) {
    let (root, page): (i64, i64) = rusqlite::Connection::open(db)
        .and_then(|c| {
            c.query_row(
                "SELECT rootpage, (SELECT page_size FROM pragma_page_size) FROM sqlite_master \
                 WHERE name = ?1",
                [name],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
        })
        .expect("root page and page size");
    let mut bytes = std::fs::read(db).expect("read");
    let page = usize::try_from(page).expect("page size");
    let start = usize::try_from(root - 1).expect("page") * page;
    bytes[start..start + page].fill(0xA5);
    std::fs::write(db, bytes).expect("damage");
}
