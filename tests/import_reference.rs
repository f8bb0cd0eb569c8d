//! The streaming import (decoding as it reads, rows built on one thread and written on
//! another, repeats looked up in the store) against a plain reference: the whole file
//! read and decoded at once, parsed in one go, each row built and written in turn. Both
//! must leave identical record tables, on files with a BOM, line breaks, quotes and
//! commas inside values, and Windows-1252 bytes — and on a file large enough to be
//! written through the rollback journal, which must leave the workspace in WAL mode
//! whether the import commits or fails.

use std::path::Path;

use revops_cockpit::import::formats::recognise;
use revops_cockpit::import::rows::{BuiltRow, RowBuilder};
use revops_cockpit::import::{ImportOutcome, import_file};
use revops_cockpit::model::RecordObject;
use revops_cockpit::progress::WorkControl;
use revops_cockpit::workspace::{BULK_LOAD_BYTES, BatchTotals, NewBatch, Workspace};

use crate::common::as_of;

const HEADER: &str = "Record ID,First Name,Last Name,Email,Contact owner,Original Source,Segment,\
Create Date,Lifecycle Stage,Became a Marketing Qualified Lead Date,\
Became a Sales Qualified Lead Date,Date of first engagement,Notes";

/// `rows` contacts with accented names, notes holding commas, quotes and line breaks, and
/// a few blank and repeated rows: more rows than the date sample and many chunks.
fn contacts_text(rows: usize) -> String {
    contacts_text_from(0, rows)
}

/// [`contacts_text`] with ids starting `offset` later; the values follow the row, not
/// the id, so an id another file also has comes with other values.
fn contacts_text_from(offset: usize, rows: usize) -> String {
    let names = ["José", "Zoë", "Müller", "Renée", "Ana", "François"];
    let notes = [
        "",
        "\"Asked for pricing, call back\"",
        "\"Met at the \"\"Summit\"\"; budget €40k\"",
        "\"Trial user\nconverted from webinar\r\nneeds SSO\"",
        "plain note",
    ];
    let mut text = format!("{HEADER}\r\n");
    for i in 0..rows {
        let name = names[i % names.len()];
        let day = 1 + i % 28;
        let mql = if i % 3 == 0 {
            String::new()
        } else {
            format!("2025-03-{day:02} 10:{:02}", i % 60)
        };
        let sql = if i % 5 == 0 {
            format!("2025-04-{day:02}T09:30:00Z")
        } else {
            String::new()
        };
        let row = format!(
            "{id},{name},Smith{i},p{i}@example.com,Rep {owner},{source},SMB,2025-02-{day:02},lead,{mql},{sql},,{note}\r\n",
            id = 500_000 + offset + i,
            owner = i % 7,
            source = if i % 11 == 0 { "" } else { "Paid Search" },
            note = notes[i % notes.len()],
        );
        text.push_str(&row);
        if i % 997 == 0 {
            // An exact copy, skipped by both paths.
            text.push_str(&row);
        }
    }
    text
}

/// The import the product does not use: everything in memory, one thread, no lookahead.
fn reference_import(ws: &mut Workspace, path: &Path, as_of: &str) {
    reference_import_sized(ws, path, as_of, 0, true);
}

/// [`reference_import`] for a file said to be `file_size` bytes, committed or dropped.
fn reference_import_sized(
    ws: &mut Workspace,
    path: &Path,
    as_of: &str,
    file_size: u64,
    commit: bool,
) -> bool {
    let bytes = std::fs::read(path).expect("read");
    let text = match bytes.strip_prefix(b"\xEF\xBB\xBF") {
        Some(rest) => String::from_utf8(rest.to_vec()).expect("utf-8 after a BOM"),
        None => String::from_utf8(bytes.clone())
            .unwrap_or_else(|_| encoding_rs::WINDOWS_1252.decode(&bytes).0.into_owned()),
    };
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(text.as_bytes());
    let records: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("row")).collect();
    let header: Vec<String> = records[0].iter().map(str::to_owned).collect();
    let (format, mapping) = recognise(&header).expect("a HubSpot contacts header");
    let builder = RowBuilder::new(
        mapping.clone(),
        vec![None; header.len()],
        format.id_fallback(),
        format.crm(),
    );
    let mut writer = ws
        .begin_batch(&NewBatch {
            file_name: "reference".into(),
            file_path: path.display().to_string(),
            file_size,
            sha256: String::new(),
            crm: format.crm().into(),
            object: mapping.object.as_str().into(),
            format: format.label().into(),
            encoding: String::new(),
            delimiter: ",".into(),
            as_of: as_of.into(),
            header_json: String::new(),
            mapping_json: String::new(),
            is_sample: false,
            estimated_rows: records.len() as u64,
        })
        .expect("begin");
    for r in &records[1..] {
        let line = r.position().map_or(0, csv::Position::line);
        let cells: Vec<&str> = r.iter().collect();
        let raw = serde_json::to_string(&cells).expect("json");
        match builder.build(&cells) {
            BuiltRow::Record { record, .. } => {
                writer.write_record(line, *record, &raw).expect("write");
            }
            BuiltRow::Rejected(issue) => panic!("row {line} rejected: {issue:?}"),
        }
    }
    let bulk = writer.is_bulk();
    if commit {
        writer.finish(&BatchTotals::default()).expect("commit");
    }
    bulk
}

/// Every row of the record tables, as text.
fn records_of(ws: &Workspace) -> Vec<String> {
    let conn = rusqlite::Connection::open(ws.path()).expect("open");
    let mut out = Vec::new();
    for sql in [
        "SELECT * FROM contact_versions ORDER BY id",
        "SELECT * FROM contacts ORDER BY source_id",
        "SELECT * FROM deal_versions ORDER BY id",
        "SELECT * FROM deals ORDER BY source_id",
        "SELECT * FROM deal_stage_entries ORDER BY version_id, stage",
    ] {
        let mut stmt = conn.prepare(sql).expect("select");
        let n = stmt.column_count();
        let rows = stmt
            .query_map([], |r| {
                (0..n)
                    .map(|i| {
                        r.get::<_, rusqlite::types::Value>(i)
                            .map(|v| format!("{v:?}"))
                    })
                    .collect::<Result<Vec<_>, _>>()
            })
            .expect("rows");
        for row in rows {
            out.push(row.expect("row").join(" | "));
        }
    }
    out.extend(raw_rows_of(&conn));
    out
}

/// Each version's raw row, read out of the compressed blocks (where the rows are packed
/// differs between the paths; what each version's row says must not).
fn raw_rows_of(conn: &rusqlite::Connection) -> Vec<String> {
    let mut in_blocks = std::collections::HashMap::new();
    let mut blocks = conn
        .prepare("SELECT batch_id, rows FROM raw_row_blocks")
        .expect("blocks");
    let blocks = blocks
        .query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, Vec<u8>>(1)?)))
        .expect("blocks");
    for block in blocks {
        let (batch, packed) = block.expect("block");
        let text = String::from_utf8(lz4_flex::decompress_size_prepended(&packed).expect("lz4"))
            .expect("utf-8");
        for line in text.lines() {
            let (row, json) = line.split_once('\t').expect("row TAB json");
            in_blocks.insert((batch, row.parse::<i64>().expect("row")), json.to_owned());
        }
    }
    let mut versions = conn
        .prepare(
            "SELECT id, batch_id, row_number FROM contact_versions \
             UNION ALL SELECT id, batch_id, row_number FROM deal_versions ORDER BY id",
        )
        .expect("versions");
    versions
        .query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get(1)?, r.get(2)?)))
        .expect("versions")
        .map(|v| {
            let (id, batch, row): (i64, i64, i64) = v.expect("version");
            let raw = in_blocks
                .get(&(batch, row))
                .unwrap_or_else(|| panic!("version {id} (row {row}) has its raw row"));
            format!("{id} raw {raw}")
        })
        .collect()
}

/// Imports `file` both ways into new workspaces in `dir`; asserts the record tables came
/// out identical, and returns the batch and the streaming import's workspace and tables.
fn import_both_ways(
    dir: &Path,
    file: &Path,
) -> (
    revops_cockpit::workspace::BatchSummary,
    Workspace,
    Vec<String>,
) {
    let mut fast = Workspace::open(&dir.join("fast.sqlite")).expect("open");
    let batch = imported(&mut fast, file, &as_of(2025, 6, 30), "streaming import");
    let mut reference = Workspace::open(&dir.join("reference.sqlite")).expect("open");
    reference_import(&mut reference, file, "2025-06-30");
    let (a, b) = (records_of(&fast), records_of(&reference));
    for (i, (x, y)) in a.iter().zip(&b).enumerate() {
        assert_eq!(x, y, "{}: row {i} differs", file.display());
    }
    assert_eq!(a.len(), b.len(), "{}", file.display());
    assert_eq!(journal_mode(&fast), "wal", "{}", file.display());
    let broken: i64 = rusqlite::Connection::open(fast.path())
        .and_then(|c| {
            c.query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| {
                r.get(0)
            })
        })
        .expect("foreign key check");
    assert_eq!(
        broken,
        0,
        "{}: every reference points at a row",
        file.display()
    );
    assert_eq!(
        indexes_and_integrity(fast.path()),
        fresh_indexes(dir),
        "{}: the indexes set aside while loading are back, matching their tables",
        file.display()
    );
    (batch, fast, a)
}

fn same_tables_both_ways(name: &str, bytes: &[u8], rows: usize) {
    let dir = tempfile::tempdir().expect("dir");
    let file = dir.path().join(name);
    std::fs::write(&file, bytes).expect("write fixture");
    let (batch, fast, a) = import_both_ways(dir.path(), &file);
    assert_eq!(
        (batch.rows_imported, batch.rows_rejected),
        (i64::try_from(rows).unwrap_or(0), 0),
        "{name}"
    );
    assert_eq!(
        a.len(),
        rows * 3,
        "{name}: a version, a current row and a raw row each"
    );
    // A raw row holding a quoted note with commas, quotes and line breaks reads back as
    // it was in the file.
    let raw = raw_cells(&fast, RecordObject::Contact, "500003");
    assert_eq!(raw[0], "500003");
    assert_eq!(raw[12], "Trial user\nconverted from webinar\r\nneeds SSO");
    let raw = raw_cells(&fast, RecordObject::Contact, "500002");
    assert_eq!(raw[1], "Müller");
    assert_eq!(raw[12], "Met at the \"Summit\"; budget €40k");
}

/// Imports `file` the product's way, which must succeed and import (not skip) it.
fn imported(
    ws: &mut Workspace,
    file: &Path,
    options: &revops_cockpit::import::ImportOptions,
    what: &str,
) -> revops_cockpit::workspace::BatchSummary {
    let outcome = import_file(ws, file, options, &WorkControl::default()).expect(what);
    let ImportOutcome::Imported(batch) = outcome else {
        panic!("{what}: {outcome:?}")
    };
    batch
}

/// The cells of the raw row behind a current record.
fn raw_cells(ws: &Workspace, object: RecordObject, id: &str) -> Vec<String> {
    ws.raw_row(object, "hubspot", id)
        .expect("read")
        .unwrap_or_else(|| panic!("a raw row for {id}"))
}

/// The workspace's indexes as defined, then what SQLite's integrity check says (an
/// index that does not match its table is named there).
fn indexes_and_integrity(path: &Path) -> Vec<String> {
    let conn = rusqlite::Connection::open(path).expect("open");
    let mut out: Vec<String> = conn
        .prepare("SELECT name || ': ' || coalesce(sql, '') FROM sqlite_schema WHERE type = 'index' ORDER BY name")
        .and_then(|mut s| s.query_map([], |r| r.get(0))?.collect())
        .expect("indexes");
    out.push(
        conn.query_row("PRAGMA integrity_check", [], |r| r.get(0))
            .expect("integrity check"),
    );
    out
}

/// [`indexes_and_integrity`] of a new, empty workspace.
fn fresh_indexes(dir: &Path) -> Vec<String> {
    let path = dir.join("fresh.sqlite");
    drop(Workspace::open(&path).expect("open"));
    indexes_and_integrity(&path)
}

/// The journal mode the file is in, as a new connection finds it.
fn journal_mode(ws: &Workspace) -> String {
    rusqlite::Connection::open(ws.path())
        .and_then(|c| c.query_row("PRAGMA journal_mode", [], |r| r.get(0)))
        .expect("journal mode")
}

/// The rows of [`bulk_text`].
const BULK_ROWS: usize = 70_000;

/// A contacts file over the bulk-load size.
fn bulk_text() -> String {
    let text = contacts_text(BULK_ROWS);
    assert!(
        text.len() as u64 >= BULK_LOAD_BYTES,
        "{} bytes is over the bulk-load size",
        text.len()
    );
    text
}

#[test]
fn a_file_written_through_the_rollback_journal_imports_as_the_reference_does() {
    same_tables_both_ways("contacts-bulk.csv", bulk_text().as_bytes(), BULK_ROWS);
}

/// A HubSpot deals export over the bulk-load size, with stage history, amounts with
/// thousands separators, quoted names and a few exact copies.
fn deals_text(rows: usize) -> String {
    let mut text = String::from(
        "Record ID,Deal Name,Deal Stage,Pipeline,Amount,Close Date,Create Date,Deal owner,Deal Type,\
         \"Date entered \"\"Appointment Scheduled (Sales Pipeline)\"\"\",\
         \"Date entered \"\"Contract Sent (Sales Pipeline)\"\"\",\
         \"Date entered \"\"Closed Won (Sales Pipeline)\"\"\"\r\n",
    );
    let stages = ["appointmentscheduled", "contractsent", "closedwon"];
    for i in 0..rows {
        let day = 1 + i % 28;
        let stage = stages[i % stages.len()];
        let contract = if i % 3 == 0 {
            String::new()
        } else {
            format!("2025-04-{day:02} 10:00")
        };
        let won = if i % 3 == 2 {
            format!("2025-05-{day:02} 09:00")
        } else {
            String::new()
        };
        let row = format!(
            "{id},\"Zoë & Co, deal {i}\",{stage},Sales Pipeline,\"{thousands},{cents:03}.50\",2025-06-{day:02},\
             2025-02-{day:02} 08:00,Rep {owner},newbusiness,2025-02-{day:02} 08:00,{contract},{won}\r\n",
            id = 900_000 + i,
            thousands = 1 + i % 90,
            cents = i % 1000,
            owner = i % 9,
        );
        text.push_str(&row);
        if i % 997 == 0 {
            text.push_str(&row);
        }
    }
    text
}

#[test]
fn a_large_deals_export_with_stage_history_imports_as_the_reference_does() {
    let rows = 60_000;
    let text = deals_text(rows);
    assert!(text.len() as u64 >= BULK_LOAD_BYTES, "{} bytes", text.len());
    let dir = tempfile::tempdir().expect("dir");
    let file = dir.path().join("deals.csv");
    std::fs::write(&file, text).expect("write");
    let (batch, fast, a) = import_both_ways(dir.path(), &file);
    assert_eq!(
        (batch.rows_imported, batch.rows_skipped, batch.rows_rejected),
        (rows as i64, 61, 0)
    );
    let entries = rows + rows / 3 * 2 + rows / 3;
    assert_eq!(
        a.len(),
        rows * 3 + entries,
        "versions, current, stage entries, raw rows"
    );
    let raw = raw_cells(&fast, RecordObject::Deal, "900004");
    assert_eq!(raw[1], "Zoë & Co, deal 4");
    assert_eq!(raw[4], "5,004.50");
}

#[test]
fn large_exports_that_update_and_predate_each_other_import_as_the_reference_does() {
    // The second export updates half of the first and adds as many; the third is older
    // than the second, so where they overlap it is kept as history only.
    let exports = [
        (0, as_of(2025, 6, 30), "2025-06-30"),
        (35_000, as_of(2025, 9, 30), "2025-09-30"),
        (90_000, as_of(2025, 3, 31), "2025-03-31"),
    ];
    let dir = tempfile::tempdir().expect("dir");
    let mut fast = Workspace::open(&dir.path().join("fast.sqlite")).expect("open");
    let mut reference = Workspace::open(&dir.path().join("reference.sqlite")).expect("open");
    let mut counts = Vec::new();
    for (n, (offset, options, day)) in exports.iter().enumerate() {
        let file = dir.path().join(format!("export-{n}.csv"));
        let text = contacts_text_from(*offset, BULK_ROWS);
        assert!(text.len() as u64 >= BULK_LOAD_BYTES, "a large file");
        std::fs::write(&file, text).expect("write");
        let batch = imported(&mut fast, &file, options, "streaming import");
        counts.push((batch.rows_imported, batch.rows_updated, batch.rows_skipped));
        reference_import(&mut reference, &file, day);
    }
    // 71 rows of each file are exact copies of the row before them.
    assert_eq!(
        counts,
        [(70_000, 0, 71), (35_000, 35_000, 71), (55_000, 15_000, 71)]
    );
    let (a, b) = (records_of(&fast), records_of(&reference));
    assert_eq!(a.len(), b.len());
    for (i, (x, y)) in a.iter().zip(&b).enumerate() {
        assert_eq!(x, y, "row {i} differs");
    }
    let current_of = |ws: &Workspace, id: &str| -> String {
        rusqlite::Connection::open(ws.path())
            .and_then(|c| {
                c.query_row(
                    "SELECT as_of FROM contacts WHERE source_id = ?1",
                    [id],
                    |r| r.get(0),
                )
            })
            .expect("a current record")
    };
    assert_eq!(current_of(&fast, "540000"), "2025-09-30", "updated");
    assert_eq!(
        current_of(&fast, "600000"),
        "2025-09-30",
        "the older export kept as history"
    );
    assert_eq!(
        current_of(&fast, "650000"),
        "2025-03-31",
        "new in the older export"
    );
}

#[test]
fn a_large_file_repeating_an_id_with_other_values_is_refused_naming_the_id() {
    let dir = tempfile::tempdir().expect("dir");
    let mut ws = Workspace::open(&dir.path().join("ws.sqlite")).expect("open");
    // An exact copy of a row written long before (its raw row is in a block in the store
    // by then): skipped with a warning.
    let mut text = bulk_text();
    let copy = contacts_text(6).lines().last().expect("row 5").to_owned();
    assert!(copy.starts_with("500005,"), "{copy}");
    text.push_str(&format!("{copy}\r\n"));
    let file = dir.path().join("copy.csv");
    std::fs::write(&file, &text).expect("write");
    let batch = imported(
        &mut ws,
        &file,
        &as_of(2025, 6, 30),
        "an exact copy is skipped",
    );
    assert_eq!(
        (batch.rows_imported, batch.rows_skipped),
        (BULK_ROWS as i64, 72),
        "71 copies next to their row, one far from it"
    );
    ws.undo_batch(batch.id).expect("undo");

    // Then an id again with other values: refused.
    text.push_str(
        "500010,Other,Person,other@example.com,Rep 1,Paid Search,SMB,2025-02-01,lead,,,,\r\n",
    );
    let file = dir.path().join("repeats.csv");
    std::fs::write(&file, text).expect("write");
    let err = import_file(&mut ws, &file, &as_of(2025, 6, 30), &WorkControl::default())
        .expect_err("a repeated id with other values");
    let message = err.to_string();
    assert!(message.contains("500010"), "{message}");
    assert!(message.contains("repeats.csv"), "{message}");
    assert!(ws.batches().expect("batches").is_empty());
}

#[test]
fn a_large_batch_uses_the_rollback_journal_only_with_the_workspace_to_itself() {
    let dir = tempfile::tempdir().expect("dir");
    let file = dir.path().join("contacts.csv");
    std::fs::write(&file, contacts_text(300)).expect("write");
    let mut ws = Workspace::open(&dir.path().join("ws.sqlite")).expect("open");
    assert!(
        !reference_import_sized(&mut ws, &file, "2025-03-31", BULK_LOAD_BYTES - 1, true),
        "a small file goes through the log"
    );
    let before = records_of(&ws);
    assert!(
        reference_import_sized(&mut ws, &file, "2025-06-30", BULK_LOAD_BYTES, false),
        "a large one through the rollback journal"
    );
    assert_eq!(
        records_of(&ws),
        before,
        "dropping the writer rolled the batch back"
    );
    assert_eq!(journal_mode(&ws), "wal");
    let reader = rusqlite::Connection::open(ws.path()).expect("a second connection");
    let _: i64 = reader
        .query_row("SELECT count(*) FROM contacts", [], |r| r.get(0))
        .expect("read");
    assert!(
        !reference_import_sized(&mut ws, &file, "2025-06-30", BULK_LOAD_BYTES, true),
        "with a reader open, through the log"
    );
    drop(reader);
    assert!(
        reference_import_sized(&mut ws, &file, "2025-09-30", BULK_LOAD_BYTES, true),
        "alone again: the rollback journal"
    );
    assert_eq!(journal_mode(&ws), "wal");
}

#[test]
fn a_bulk_import_that_fails_leaves_the_workspace_as_it_was_and_in_wal_mode() {
    let dir = tempfile::tempdir().expect("dir");
    let mut ws = Workspace::open(&dir.path().join("ws.sqlite")).expect("open");
    let small = dir.path().join("small.csv");
    std::fs::write(&small, contacts_text(50)).expect("write");
    import_file(
        &mut ws,
        &small,
        &as_of(2025, 3, 31),
        &WorkControl::default(),
    )
    .expect("small import");
    let before = records_of(&ws);
    let indexes = indexes_and_integrity(ws.path());
    assert_eq!(indexes, fresh_indexes(dir.path()));

    // A quote opened on the last row and never closed: found only at the end of the file.
    let broken = dir.path().join("broken.csv");
    let mut text = bulk_text();
    text.push_str("999999,Unclosed,Quote,u@example.com,Rep 1,Paid Search,SMB,2025-02-01,lead,,,,\"never closed\r\n");
    std::fs::write(&broken, text).expect("write");
    let err = import_file(
        &mut ws,
        &broken,
        &as_of(2025, 6, 30),
        &WorkControl::default(),
    )
    .expect_err("an unterminated quote fails the import");
    assert!(err.to_string().contains("broken.csv"), "{err}");
    assert_eq!(
        records_of(&ws),
        before,
        "nothing of the failed import is kept"
    );
    assert_eq!(journal_mode(&ws), "wal");
    assert_eq!(ws.batches().expect("batches").len(), 1);
    assert_eq!(
        indexes_and_integrity(ws.path()),
        indexes,
        "the indexes the failed batch set aside are back"
    );

    // The same connection goes on working: the next import is written as usual.
    let good = dir.path().join("good.csv");
    std::fs::write(&good, bulk_text()).expect("write");
    import_file(&mut ws, &good, &as_of(2025, 6, 30), &WorkControl::default())
        .expect("the next import");
    assert_eq!(ws.batches().expect("batches").len(), 2);
    assert_eq!(journal_mode(&ws), "wal");

    // The connection checks references again: undoing the batch removes its versions
    // through their foreign key.
    let newest = ws
        .batches()
        .expect("batches")
        .iter()
        .map(|b| b.id)
        .max()
        .expect("a batch");
    ws.undo_batch(newest).expect("undo");
    assert_eq!(
        records_of(&ws),
        before,
        "undo leaves the workspace as before the batch"
    );
}

#[test]
fn a_bulk_import_while_another_connection_reads_goes_through_the_log() {
    let dir = tempfile::tempdir().expect("dir");
    let mut ws = Workspace::open(&dir.path().join("ws.sqlite")).expect("open");
    let reader = rusqlite::Connection::open(ws.path()).expect("a second connection");
    let versions_before: i64 = reader
        .query_row("SELECT count(*) FROM contact_versions", [], |r| r.get(0))
        .expect("read");
    let file = dir.path().join("bulk.csv");
    std::fs::write(&file, bulk_text()).expect("write");
    imported(
        &mut ws,
        &file,
        &as_of(2025, 6, 30),
        "the import does not wait for the reader",
    );
    let versions_after: i64 = reader
        .query_row("SELECT count(*) FROM contact_versions", [], |r| r.get(0))
        .expect("the reader still reads");
    assert_eq!((versions_before, versions_after), (0, BULK_ROWS as i64));
    assert_eq!(journal_mode(&ws), "wal");
}

#[test]
fn utf8_with_a_bom_and_line_breaks_in_values_imports_as_the_reference_does() {
    let rows = 12_000;
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend(contacts_text(rows).as_bytes());
    same_tables_both_ways("contacts-bom.csv", &bytes, rows);
}

#[test]
fn windows_1252_imports_as_the_reference_does() {
    let rows = 7_000;
    let text = contacts_text(rows);
    let (bytes, _, unmappable) = encoding_rs::WINDOWS_1252.encode(&text);
    assert!(!unmappable, "every character has a Windows-1252 byte");
    assert!(bytes.contains(&0xE9), "é as one byte");
    same_tables_both_ways("contacts-1252.csv", &bytes, rows);
}

#[test]
fn a_windows_1252_byte_past_the_first_megabyte_imports_the_whole_file_as_windows_1252() {
    // Valid UTF-8 for well over the megabyte the import starts from, then one row in
    // Windows-1252: the full scan, running beside the import, says the file is
    // Windows-1252, and the import starts again reading it so, as the reference does.
    let mut bytes = contacts_text(12_000).into_bytes();
    assert!(bytes.len() > 1024 * 1024 + 100_000, "{}", bytes.len());
    bytes.extend(
        b"999999,Caf\xE9,Late,late@example.com,Rep 1,Paid Search,SMB,2025-02-01,lead,,,,\r\n",
    );
    let dir = tempfile::tempdir().expect("dir");
    let file = dir.path().join("late-1252.csv");
    std::fs::write(&file, &bytes).expect("write");
    let (batch, fast, _) = import_both_ways(dir.path(), &file);
    assert_eq!(batch.encoding, "Windows-1252");
    assert_eq!(batch.rows_imported, 12_001);
    assert_eq!(raw_cells(&fast, RecordObject::Contact, "999999")[1], "Café");
    assert_eq!(
        raw_cells(&fast, RecordObject::Contact, "500002")[1],
        "MÃ¼ller",
        "the UTF-8 bytes read as Windows-1252, as the whole file is"
    );
    let sha = format!("{:x}", <sha2::Sha256 as sha2::Digest>::digest(&bytes));
    assert_eq!(batch.sha256, sha, "the hash is the full scan's");
}
