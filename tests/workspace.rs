//! The workspace file: schema versions, batches, updates by id, history, undo.

use revops_cockpit::import::{ImportOutcome, import_file};
use revops_cockpit::model::{Field, LifecycleStage, RecordObject};
use revops_cockpit::progress::WorkControl;
use revops_cockpit::workspace::{Workspace, WorkspaceError, schema};

use crate::common::{as_of, fixture, imported, records_snapshot, snapshot, ts, workspace};

#[test]
fn a_new_file_has_the_current_schema_and_reopens_unchanged() {
    let (dir, ws) = workspace();
    assert_eq!(
        ws.schema_version().expect("version"),
        schema::CURRENT_VERSION
    );
    assert!(ws.integrity_ok().expect("check"));
    let path = ws.path().to_owned();
    drop(ws);
    let again = Workspace::open(&path).expect("reopen");
    assert_eq!(
        again.schema_version().expect("version"),
        schema::CURRENT_VERSION
    );
    drop(dir);
}

#[test]
fn a_newer_workspace_is_refused_untouched() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("future.sqlite");
    {
        let conn = rusqlite::Connection::open(&path).expect("create");
        conn.execute_batch("CREATE TABLE future (x); PRAGMA user_version = 99;")
            .expect("future");
    }
    let before = std::fs::read(&path).expect("read");
    let err = Workspace::open(&path).expect_err("refused");
    assert!(
        matches!(err, WorkspaceError::TooNew { found: 99, .. }),
        "{err}"
    );
    assert!(err.to_string().contains("newer version"));
    assert_eq!(
        std::fs::read(&path).expect("read"),
        before,
        "not a byte changed"
    );
}

#[test]
fn a_file_that_is_not_a_workspace_is_named() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("notes.sqlite");
    std::fs::write(
        &path,
        "these are my meeting notes, not a database ".repeat(100),
    )
    .expect("write");
    let err = Workspace::open(&path).expect_err("refused");
    assert!(matches!(err, WorkspaceError::NotAWorkspace { .. }), "{err}");
}

#[cfg(unix)]
#[test]
fn the_workspace_file_is_private() {
    use std::os::unix::fs::PermissionsExt as _;
    let (_dir, ws) = workspace();
    let mode = std::fs::metadata(ws.path())
        .expect("meta")
        .permissions()
        .mode();
    assert_eq!(mode & 0o777, 0o600);
}

#[test]
fn reimporting_the_same_file_is_a_no_op_that_says_so() {
    let (_dir, mut ws) = workspace();
    let first = imported(&mut ws, "hubspot-deals.csv");
    let before = snapshot(&ws);
    let again = import_file(
        &mut ws,
        &fixture("hubspot-deals.csv"),
        &as_of(2025, 9, 30),
        &WorkControl::default(),
    )
    .expect("ok");
    assert_eq!(again, ImportOutcome::AlreadyImported(first));
    assert_eq!(snapshot(&ws), before);
}

#[test]
fn a_newer_export_updates_by_id_and_history_stays_queryable() {
    let (_dir, mut ws) = workspace();
    imported(&mut ws, "hubspot-contacts.csv");
    let later = import_file(
        &mut ws,
        &fixture("hubspot-contacts-later.csv"),
        &as_of(2025, 9, 30),
        &WorkControl::default(),
    );
    let Ok(ImportOutcome::Imported(later)) = later else {
        panic!("{later:?}")
    };
    assert_eq!((later.rows_imported, later.rows_updated), (1, 1));
    let contacts = ws.contacts().expect("contacts");
    assert_eq!(contacts.len(), 5);
    let ben = contacts.iter().find(|c| c.source_id == "102").expect("ben");
    assert_eq!(
        ben.reached(LifecycleStage::Sql),
        Some(ts(2025, 4, 1, 10, 0))
    );
    assert_eq!(ben.current_stage.as_deref(), Some("salesqualifiedlead"));
}

#[test]
fn deals_as_of_an_earlier_date_answer_after_later_loads() {
    let (_dir, mut ws) = workspace();
    let dir = tempfile::tempdir().expect("dir");
    let q2 = dir.path().join("deals-q2.csv");
    let q3 = dir.path().join("deals-q3.csv");
    let header = "Record ID,Deal Name,Deal Stage,Pipeline,Amount,Close Date,Create Date\n";
    std::fs::write(
        &q2,
        format!("{header}1,Acme,contractsent,Sales,100,2025-07-15,2025-05-01\n"),
    )
    .expect("w");
    std::fs::write(&q3, format!("{header}1,Acme,closedwon,Sales,150,2025-07-20,2025-05-01\n2,Beta,appointmentscheduled,Sales,80,2025-10-01,2025-08-01\n")).expect("w");
    import_file(&mut ws, &q2, &as_of(2025, 6, 30), &WorkControl::default()).expect("q2");
    import_file(&mut ws, &q3, &as_of(2025, 9, 30), &WorkControl::default()).expect("q3");
    let now = ws.deals().expect("now");
    assert_eq!(now.len(), 2);
    assert_eq!(now[0].amount_cents, Some(15_000));
    let end_of_q2 = ws.deals_as_of("2025-06-30").expect("as of");
    assert_eq!(end_of_q2.len(), 1);
    assert_eq!(end_of_q2[0].amount_cents, Some(10_000));
    assert_eq!(end_of_q2[0].mapped_stage.as_deref(), Some("Negotiation"));
}

#[test]
fn an_older_export_loaded_late_does_not_overwrite_newer_records() {
    let (_dir, mut ws) = workspace();
    import_file(
        &mut ws,
        &fixture("hubspot-contacts-later.csv"),
        &as_of(2025, 9, 30),
        &WorkControl::default(),
    )
    .expect("later");
    imported(&mut ws, "hubspot-contacts.csv");
    let ben = ws
        .contacts()
        .expect("contacts")
        .into_iter()
        .find(|c| c.source_id == "102")
        .expect("ben");
    assert_eq!(
        ben.current_stage.as_deref(),
        Some("salesqualifiedlead"),
        "the September export stays current"
    );
}

#[test]
fn undo_removes_a_batch_and_restores_what_it_updated() {
    let (_dir, mut ws) = workspace();
    imported(&mut ws, "hubspot-contacts.csv");
    let before = records_snapshot(&ws);
    let later = import_file(
        &mut ws,
        &fixture("hubspot-contacts-later.csv"),
        &as_of(2025, 9, 30),
        &WorkControl::default(),
    );
    let Ok(ImportOutcome::Imported(later)) = later else {
        panic!("{later:?}")
    };
    assert_eq!(ws.contacts().expect("c").len(), 5);
    ws.undo_batch(later.id).expect("undo");
    assert_eq!(
        records_snapshot(&ws),
        before,
        "exactly as before the second import"
    );
    let ben = ws
        .contacts()
        .expect("c")
        .into_iter()
        .find(|c| c.source_id == "102")
        .expect("ben");
    assert_eq!(ben.current_stage.as_deref(), Some("marketingqualifiedlead"));
}

#[test]
fn removing_sample_data_keeps_the_users_own_batches() {
    let (_dir, mut ws) = workspace();
    revops_cockpit::sample::load_sample_data(&mut ws, &WorkControl::default()).expect("sample");
    imported(&mut ws, "pipedrive-deals.csv");
    assert!(!ws.holds_only_sample_data().expect("q"));
    assert_eq!(ws.remove_sample_data().expect("remove"), 4);
    let batches = ws.batches().expect("batches");
    assert_eq!(batches.len(), 1);
    assert_eq!(batches[0].crm, "pipedrive");
    let counts = ws.record_counts().expect("counts");
    assert_eq!((counts.contacts, counts.deals, counts.accounts), (0, 3, 0));
}

#[test]
fn a_workspace_from_the_first_schema_is_migrated_forward_with_its_data() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("v1.sqlite");
    {
        let conn = rusqlite::Connection::open(&path).expect("create");
        conn.execute_batch(schema::MIGRATIONS[0]).expect("schema 1");
        conn.execute_batch(
            "PRAGMA user_version = 1;
             INSERT INTO batches (file_name, file_path, file_size, sha256, crm, object, format, encoding, delimiter, as_of, imported_at, header_json, mapping_json)
             VALUES ('old.csv', '/old.csv', 10, 'abc', 'hubspot', 'deal', 'HubSpot deals export', 'UTF-8', 'comma', '2025-03-31', '2025-04-01 10:00:00', '[]', '{}');
             INSERT INTO deal_versions (batch_id, row_number, as_of, source_system, source_id, status, raw_json)
             VALUES (1, 2, '2025-03-31', 'hubspot', 'D1', 'open', '[\"D1\",\"Old deal\"]');
             INSERT INTO deals (source_system, source_id, version_id, as_of) VALUES ('hubspot', 'D1', 1, '2025-03-31');",
        )
        .expect("v1 data");
    }
    let ws = Workspace::open(&path).expect("migrates");
    assert_eq!(
        ws.schema_version().expect("version"),
        schema::CURRENT_VERSION
    );
    assert_eq!(ws.batches().expect("batches")[0].file, "old.csv");
    assert!(ws.definition_versions().expect("new table").is_empty());
    assert_eq!(
        ws.raw_row(revops_cockpit::model::RecordObject::Deal, "hubspot", "D1")
            .expect("read"),
        Some(vec!["D1".to_owned(), "Old deal".to_owned()]),
        "a version from before the raw-row blocks keeps its own raw row"
    );
    drop(ws);
    assert!(Workspace::open(&path).is_ok(), "migrating twice is a no-op");
}

#[test]
fn a_damaged_workspace_of_an_older_schema_is_refused_before_it_is_migrated() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("v1.sqlite");
    {
        let conn = rusqlite::Connection::open(&path).expect("create");
        conn.execute_batch(schema::MIGRATIONS[0]).expect("schema 1");
        conn.execute_batch("PRAGMA user_version = 1;")
            .expect("version");
    }
    crate::common::damage_root_page(&path, "batches");
    // Reopening skips the whole-file check, except before a migration writes.
    let err = Workspace::reopen(&path).expect_err("refused");
    assert!(
        matches!(
            err,
            revops_cockpit::workspace::WorkspaceError::Damaged { .. }
        ),
        "{err}"
    );
    let version: i64 = rusqlite::Connection::open(&path)
        .and_then(|c| c.query_row("PRAGMA user_version", [], |r| r.get(0)))
        .expect("version");
    assert_eq!(version, 1, "not migrated");
}

#[test]
fn each_import_keeps_a_rolling_backup_that_restores_the_state_before_it() {
    use revops_cockpit::workspace::{KEEP_BACKUPS, list_backups};
    let (_dir, mut ws) = workspace();
    imported(&mut ws, "hubspot-deals.csv");
    let before_second = snapshot(&ws);
    imported(&mut ws, "pipedrive-deals.csv");
    let backups = list_backups(ws.path());
    assert_eq!(backups.len(), 2);
    assert!(backups[0].name.ends_with("before-import"));
    // The newest backup is the state just before the Pipedrive import.
    ws.restore_backup(&backups[0].path).expect("restore");
    assert_eq!(snapshot(&ws), before_second);
    for f in [
        "salesforce-opportunities.csv",
        "cs-accounts.csv",
        "hubspot-contacts.csv",
        "zoho-deals.csv",
    ] {
        let _ = crate::common::import(&mut ws, f);
    }
    assert_eq!(
        list_backups(ws.path()).len(),
        KEEP_BACKUPS,
        "only the last five are kept"
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        let mode = std::fs::metadata(&list_backups(ws.path())[0].path)
            .expect("meta")
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600, "backups are private too");
    }
}

#[test]
fn the_backups_command_lists_and_restores() {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("ws.sqlite");
    let bin = env!("CARGO_BIN_EXE_revops-cockpit");
    let run = |args: &[&str]| {
        std::process::Command::new(bin)
            .arg("--db")
            .arg(&db)
            .args(args)
            .output()
            .expect("run")
    };
    assert!(
        run(&[
            "import",
            &fixture("pipedrive-deals.csv").display().to_string()
        ])
        .status
        .success()
    );
    assert!(
        run(&["import", &fixture("cs-accounts.csv").display().to_string()])
            .status
            .success()
    );
    let list: serde_json::Value =
        serde_json::from_slice(&run(&["backups", "--json"]).stdout).expect("json");
    let newest = list[0]["name"].as_str().expect("name").to_owned();
    let out = run(&["backups", "restore", &newest]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let batches: serde_json::Value =
        serde_json::from_slice(&run(&["batches", "--json"]).stdout).expect("json");
    assert_eq!(
        batches.as_array().map(Vec::len),
        Some(1),
        "back to before the second import"
    );
    assert!(
        !run(&["backups", "restore", "no-such-backup"])
            .status
            .success()
    );
}

#[test]
fn every_schema_version_opens_with_its_records_and_definitions() {
    use revops_cockpit::definitions::{defaults, versions};
    use revops_cockpit::leaks::{LeakKind, Records, as_of_time, detect_leaks};
    for (file, version) in [("schema-1.sqlite", 1), ("schema-2.sqlite", 2)] {
        let dir = tempfile::tempdir().expect("dir");
        let path = dir.path().join(file);
        std::fs::copy(fixture(&format!("workspaces/{file}")), &path).expect("copy");
        let found: i64 = rusqlite::Connection::open(&path)
            .and_then(|c| c.query_row("PRAGMA user_version", [], |r| r.get(0)))
            .expect("user_version");
        assert_eq!(found, version, "{file} is the schema it stands for");
        let ws = Workspace::open(&path).expect("opens and migrates");
        assert_eq!(ws.schema_version().expect("v"), schema::CURRENT_VERSION);
        assert!(ws.integrity_ok().expect("check"), "{file}");
        let batches = ws.batches().expect("batches");
        let files: Vec<(&str, &str)> = batches
            .iter()
            .map(|b| (b.file.as_str(), b.as_of.as_str()))
            .collect();
        assert_eq!(
            files,
            [
                ("contacts.csv", "2025-09-30"),
                ("deals.csv", "2025-09-30"),
                ("accounts.csv", "2025-09-30")
            ],
            "{file}"
        );
        let (contacts, deals, accounts) = (
            ws.contacts().expect("c"),
            ws.deals().expect("d"),
            ws.accounts().expect("a"),
        );
        assert_eq!((contacts.len(), deals.len(), accounts.len()), (12, 7, 9));
        // Values as the exports wrote them: k2's MQL at 21:30 New York time, d1's amount
        // and stage history, a8's churn date.
        let k2 = contacts.iter().find(|c| c.source_id == "k2").expect("k2");
        assert_eq!(k2.reached(LifecycleStage::Mql), Some(ts(2025, 7, 4, 1, 30)));
        let d1 = deals.iter().find(|d| d.source_id == "d1").expect("d1");
        assert_eq!(d1.amount_cents, Some(5_000_000));
        assert_eq!(d1.stage_entries.len(), 2);
        let a8 = accounts.iter().find(|a| a.source_id == "a8").expect("a8");
        assert_eq!(a8.churned, Some(ts(2025, 8, 15, 0, 0)));
        let (v, defs) = versions::current(&ws).expect("definitions");
        if version == 1 {
            assert_eq!((v.id, &defs), (1, &defaults()), "schema 1 had no versions");
        } else {
            assert_eq!((v.id, v.author.as_str()), (2, "Fixture"));
            assert_eq!(defs.calendar.time_zone.as_deref(), Some("America/New_York"));
            assert_eq!(defs.calendar.holidays.len(), 1);
        }
        // The records still tell the same story under the definitions they carry.
        if version == 2 {
            let r = detect_leaks(
                &defs,
                Records::all(&contacts, &deals, &accounts),
                revops_cockpit::definitions::fiscal::Quarter {
                    year: 2025,
                    quarter: 3,
                },
                as_of_time(chrono::NaiveDate::from_ymd_opt(2025, 9, 30).expect("date")),
            );
            let count = |k| r.leak(k).map(|l| (l.count, l.volume));
            assert_eq!(count(LeakKind::NeverAccepted), Some((2, 7)));
            assert_eq!(count(LeakKind::StalledDeal), Some((2, 4)));
            assert_eq!(count(LeakKind::LateRenewal), Some((3, 4)));
        }
    }
}

/// Writes `rows` under a HubSpot deals header to `name` in `dir`.
fn deals_file(dir: &std::path::Path, name: &str, rows: &[&str]) -> std::path::PathBuf {
    let path = dir.join(name);
    let mut text =
        "Record ID,Deal Name,Deal Stage,Pipeline,Amount,Close Date,Create Date\n".to_owned();
    for r in rows {
        text.push_str(r);
        text.push('\n');
    }
    std::fs::write(&path, text).expect("write csv");
    path
}

#[test]
fn a_row_repeated_in_a_file_is_found_in_the_store_even_behind_a_later_export() {
    let (dir, mut ws) = workspace();
    let control = WorkControl::default();
    let import = |ws: &mut Workspace, path: &std::path::Path, y, m, d| {
        import_file(ws, path, &as_of(y, m, d), &control)
    };
    // An exact copy is skipped with a warning naming the first row.
    let copies = deals_file(
        dir.path(),
        "copies.csv",
        &[
            "1,Acme,closedwon,Sales,100,2025-01-01,2025-01-01",
            "2,Beta,closedwon,Sales,200,2025-01-02,2025-01-02",
            "1,Acme,closedwon,Sales,100,2025-01-01,2025-01-01",
        ],
    );
    let Ok(ImportOutcome::Imported(batch)) = import(&mut ws, &copies, 2025, 6, 30) else {
        panic!("the file with a copied row imports");
    };
    assert_eq!((batch.rows_imported, batch.rows_skipped), (2, 1));
    let issues = ws.row_issues(batch.id, 10).expect("issues");
    assert_eq!(issues.len(), 1, "{issues:?}");
    assert_eq!(issues[0].row, 4);
    assert_eq!(issues[0].reason, "an exact copy of row 2; skipped");

    // The workspace holds deal 1 from a later export, so the pointer to the current
    // version does not show an earlier row of an older file: the repeat is still found.
    let later = deals_file(
        dir.path(),
        "later.csv",
        &["1,Acme,closedwon,Sales,150,2025-01-01,2025-01-01"],
    );
    assert!(matches!(
        import(&mut ws, &later, 2025, 12, 31),
        Ok(ImportOutcome::Imported(_))
    ));
    let before = snapshot(&ws);
    let conflicting = deals_file(
        dir.path(),
        "older-conflicting.csv",
        &[
            "1,Acme,closedwon,Sales,120,2025-01-01,2025-01-01",
            "3,Gamma,closedwon,Sales,300,2025-01-03,2025-01-03",
            "1,Acme,closedwon,Sales,999,2025-01-01,2025-01-01",
        ],
    );
    match import(&mut ws, &conflicting, 2025, 9, 30) {
        Err(revops_cockpit::import::ImportError::DuplicateId {
            first_row: 2,
            row: 4,
            id,
            ..
        }) => assert_eq!(id, "1"),
        other => panic!("expected the repeated id refused, got {other:?}"),
    }
    assert_eq!(snapshot(&ws), before, "the refused file changed nothing");
    let older_copies = deals_file(
        dir.path(),
        "older-copies.csv",
        &[
            "1,Acme,closedwon,Sales,120,2025-01-01,2025-01-01",
            "1,Acme,closedwon,Sales,120,2025-01-01,2025-01-01",
        ],
    );
    let Ok(ImportOutcome::Imported(batch)) = import(&mut ws, &older_copies, 2025, 9, 30) else {
        panic!("the older file with a copied row imports");
    };
    assert_eq!((batch.rows_updated, batch.rows_skipped), (1, 1));
    let amounts: Vec<Option<i64>> = ws
        .deals()
        .expect("deals")
        .iter()
        .filter(|d| d.source_id == "1")
        .map(|d| d.amount_cents)
        .collect();
    assert_eq!(amounts, [Some(15_000)], "the later export stays current");
}

#[test]
fn open_checks_the_whole_file_and_reopen_leaves_that_to_the_first_open() {
    let (dir, mut ws) = workspace();
    import_file(
        &mut ws,
        &fixture("hubspot-contacts.csv"),
        &as_of(2025, 6, 30),
        &WorkControl::default(),
    )
    .expect("import");
    let path = ws.path().to_owned();
    drop(ws);
    // Damage one index page no open reads: only a whole-file check finds it.
    crate::common::damage_root_page(&path, "contact_versions_batch");
    assert!(
        matches!(Workspace::open(&path), Err(WorkspaceError::Damaged { .. })),
        "open finds the damage"
    );
    let again = Workspace::reopen(&path).expect("reopen does not read every page");
    assert!(!again.integrity_ok().expect("check"), "the damage is there");
    drop(dir);
}

#[test]
fn records_found_by_key_come_back_in_the_order_asked_across_many_queries() {
    let (_dir, mut ws) = workspace();
    revops_cockpit::sample::load_sample_data(&mut ws, &WorkControl::default())
        .expect("sample data");
    let mut contacts = Vec::new();
    ws.for_each_contact(&Field::ALL, |key, c| contacts.push((key, c.clone())))
        .expect("contacts");
    assert!(contacts.len() > 1_000, "more keys than one query reads");
    // Every third contact, newest first, with a key that is not there and a repeat.
    let mut keys: Vec<i64> = contacts.iter().rev().step_by(3).map(|(k, _)| *k).collect();
    keys.insert(5, -7);
    keys.push(keys[0]);
    let found = ws.contacts_by_keys(&keys).expect("by keys");
    assert_eq!(found.len(), keys.len());
    for (key, got) in keys.iter().zip(&found) {
        let expected = contacts.iter().find(|(k, _)| k == key).map(|(_, c)| c);
        assert_eq!(got.as_ref(), expected, "key {key}");
    }
    assert!(found[5].is_none());

    let deals = ws.keyed_deals().expect("deals");
    let keys: Vec<i64> = deals.iter().map(|(k, _)| *k).rev().collect();
    let found = ws.deals_by_keys(&keys).expect("deals by keys");
    for ((_, deal), got) in deals.iter().rev().zip(&found) {
        let got = got.as_ref().expect("found");
        assert_eq!(got.source_id, deal.source_id);
        assert_eq!(got.amount_cents, deal.amount_cents);
    }
}

#[test]
fn a_different_file_of_the_same_size_as_an_imported_one_is_imported() {
    // Only a file of a size some batch has is scanned whole before importing; it is
    // imported when its bytes differ, and skipped when they are the same.
    let (dir, mut ws) = workspace();
    let first = imported(&mut ws, "hubspot-contacts.csv");
    let text = std::fs::read_to_string(fixture("hubspot-contacts.csv")).expect("read");
    let changed = text.replacen("101,Ana,Silva", "101,Ann,Silva", 1);
    assert_eq!(changed.len(), text.len());
    assert_ne!(changed, text);
    let path = dir.path().join("hubspot-contacts-same-size.csv");
    std::fs::write(&path, changed).expect("write");
    let second =
        import_file(&mut ws, &path, &as_of(2025, 9, 30), &WorkControl::default()).expect("import");
    let ImportOutcome::Imported(second) = second else {
        panic!("{second:?}")
    };
    assert_eq!(second.file_size, first.file_size);
    assert_ne!(second.sha256, first.sha256);
    assert_eq!(
        (second.rows_imported, second.rows_updated),
        (0, first.rows_imported),
        "the same ids: updates"
    );
    let again =
        import_file(&mut ws, &path, &as_of(2025, 9, 30), &WorkControl::default()).expect("ok");
    assert_eq!(again, ImportOutcome::AlreadyImported(second));
}

#[test]
fn a_damaged_block_of_raw_rows_is_reported_naming_the_batch_and_row() {
    let (_dir, mut ws) = workspace();
    let batch = imported(&mut ws, "hubspot-contacts.csv");
    let raw = ws
        .raw_row(RecordObject::Contact, "hubspot", "101")
        .expect("read")
        .expect("a raw row");
    assert_eq!(raw[1], "Ana");
    rusqlite::Connection::open(ws.path())
        .and_then(|c| c.execute("UPDATE raw_row_blocks SET rows = x'0400000011223344'", []))
        .expect("damage the blocks");
    let err = ws
        .raw_row(RecordObject::Contact, "hubspot", "101")
        .expect_err("damaged");
    assert!(
        matches!(err, WorkspaceError::DamagedRawRows { batch: b, row: 1, .. } if b == batch.id),
        "{err:?}"
    );
    let message = err.to_string();
    assert!(
        message.contains(&format!("batch {}", batch.id)) && message.contains("row 1"),
        "{message}"
    );
    assert_eq!(
        ws.contacts().expect("the records still read").len(),
        4,
        "only the raw rows are lost"
    );
}

#[test]
fn the_progress_says_every_row_is_read_before_the_batch_is_saved() {
    let (_dir, mut ws) = workspace();
    let control = WorkControl::default();
    assert!(!control.progress().finishing);
    let outcome = import_file(
        &mut ws,
        &fixture("hubspot-contacts.csv"),
        &as_of(2025, 6, 30),
        &control,
    )
    .expect("import");
    let ImportOutcome::Imported(batch) = outcome else {
        panic!("{outcome:?}")
    };
    let progress = control.progress();
    assert!(progress.finishing, "{progress:?}");
    assert_eq!(
        i64::try_from(progress.rows_read).expect("rows"),
        batch.rows_read
    );
    assert_eq!(progress.bytes_read, progress.total_bytes);
}

/// Definitions whose rules and required fields read the contact fields the shipped ones
/// leave alone: an e-mail with "0@" decides MQL, the name and company a rejection, and the id,
/// name, e-mail and company are required.
fn definitions_reading_every_contact_field() -> revops_cockpit::definitions::Definitions {
    use revops_cockpit::definitions::model::{
        Condition, Match, Op, RequiredFields, Rule, RuleValue,
    };
    let mut defs = revops_cockpit::definitions::defaults();
    defs.rules
        .retain(|r| r.term != "mql" && r.term != "rejected");
    defs.rules.push(Rule {
        term: "mql".to_owned(),
        matches: Match::All,
        date: Field::MqlDate,
        conditions: vec![
            Condition {
                field: Field::MqlDate,
                op: Op::IsSet,
                value: None,
            },
            Condition {
                field: Field::Email,
                op: Op::Contains,
                value: Some(RuleValue::One("0@".to_owned())),
            },
        ],
    });
    defs.rules.push(Rule {
        term: "rejected".to_owned(),
        matches: Match::Any,
        date: Field::Created,
        conditions: vec![
            Condition {
                field: Field::Name,
                op: Op::Contains,
                value: Some(RuleValue::One("e".to_owned())),
            },
            Condition {
                field: Field::Company,
                op: Op::IsNotSet,
                value: None,
            },
        ],
    });
    defs.required_fields.push(RequiredFields {
        object: RecordObject::Contact,
        from_stage: None,
        fields: vec![Field::SourceId, Field::Name, Field::Email, Field::Company],
    });
    defs
}

#[test]
fn the_tables_read_only_the_fields_their_definitions_use_and_match_tables_of_whole_records() {
    use revops_cockpit::leaks::LeadTable;
    use revops_cockpit::leaks::from_store::load_leads;
    use revops_cockpit::metrics::Dimension;
    use revops_cockpit::metrics::contact_table::ContactTable;
    let (_dir, mut ws) = workspace();
    revops_cockpit::sample::load_sample_data(&mut ws, &WorkControl::default())
        .expect("sample data");
    let whole = ws.contacts().expect("contacts");
    for defs in [
        revops_cockpit::definitions::defaults(),
        definitions_reading_every_contact_field(),
    ] {
        let read = ContactTable::load(&ws, &defs).expect("contact table");
        let built = ContactTable::from_contacts(&defs, &whole);
        assert_eq!(read.len(), whole.len());
        for i in 0..whole.len() {
            for stage in 0..built.stages() {
                assert_eq!(
                    read.stage_date(i, stage),
                    built.stage_date(i, stage),
                    "contact {i}"
                );
            }
            assert_eq!(read.entered(i), built.entered(i), "contact {i}");
            for d in [
                Dimension::Segment,
                Dimension::Owner,
                Dimension::Source,
                Dimension::Region,
            ] {
                assert_eq!(read.value(i, d), built.value(i, d), "contact {i}");
            }
        }
        let (read, _) = load_leads(&ws, &defs).expect("lead table");
        let built = LeadTable::new(&defs, &whole);
        assert_eq!(read.len(), whole.len());
        for i in 0..whole.len() {
            assert_eq!(read.raw_dates(i), built.raw_dates(i), "contact {i}");
            assert_eq!(read.entered(i), built.entered(i), "contact {i}");
            assert_eq!(read.first_touch(i), built.first_touch(i), "contact {i}");
            assert_eq!(read.rejected(i), built.rejected(i), "contact {i}");
            assert_eq!(read.missing(i), built.missing(i), "contact {i}");
        }
    }
    // The rules above decide something in the sample data, so a field they read and the
    // store left out would show.
    let defs = definitions_reading_every_contact_field();
    let leads = LeadTable::new(&defs, &whole);
    let shipped = LeadTable::new(&revops_cockpit::definitions::defaults(), &whole);
    let differ = |f: &dyn Fn(&LeadTable, usize) -> bool| {
        (0..whole.len())
            .filter(|i| f(&leads, *i) != f(&shipped, *i))
            .count()
    };
    assert!(
        differ(&|t, i| t.raw_dates(i)[1] == i64::MIN) > 0,
        "e-mail decides some MQLs"
    );
    assert!(
        differ(&|t, i| t.rejected(i)) > 0,
        "name or company decides some rejections"
    );
    // Every sample contact has a name, e-mail and company: one the store left out would
    // show as missing in the table read above, and differ from the table built here.
    let unread = [Field::SourceId, Field::Name, Field::Email, Field::Company];
    assert!((0..whole.len()).all(|i| !leads.missing(i).iter().any(|f| unread.contains(f))));
}

#[test]
fn deals_streamed_in_one_reused_record_match_each_deal_read_on_its_own() {
    use revops_cockpit::metrics::Dimension;
    use revops_cockpit::metrics::deal_table::DealTable;
    let (_dir, mut ws) = workspace();
    revops_cockpit::sample::load_sample_data(&mut ws, &WorkControl::default())
        .expect("sample data");
    let mut streamed = Vec::new();
    ws.for_each_deal(|key, d| streamed.push((key, d.clone())))
        .expect("streamed");
    assert!(streamed.len() > 100, "{} deals", streamed.len());
    let keys: Vec<i64> = streamed.iter().map(|(k, _)| *k).collect();
    let alone = ws.deals_by_keys(&keys).expect("by keys");
    let conn = rusqlite::Connection::open(ws.path()).expect("second connection");
    let mut entries = conn
        .prepare(
            "SELECT stage, entered_at FROM deal_stage_entries WHERE version_id = ?1 \
             ORDER BY entered_at, rowid",
        )
        .expect("entries");
    let (mut with_entries, mut without_pipeline, mut with_pipeline) = (0, 0, 0);
    for ((key, deal), alone) in streamed.iter().zip(&alone) {
        let mut alone = alone.clone().expect("found by key");
        alone.stage_entries = entries
            .query_map([key], |r| {
                Ok(revops_cockpit::model::StageEntry {
                    stage: r.get(0)?,
                    entered: r.get(1)?,
                })
            })
            .expect("query")
            .collect::<Result<_, _>>()
            .expect("rows");
        assert_eq!(deal, &alone, "deal version {key}");
        with_entries += usize::from(!deal.stage_entries.is_empty());
        without_pipeline += usize::from(deal.pipeline.is_none());
        with_pipeline += usize::from(deal.pipeline.is_some());
    }
    // A value left over from the deal before would show only where deals differ.
    assert!(with_entries > 0 && with_entries < streamed.len());
    assert!(without_pipeline > 0 && with_pipeline > 0);

    let defs = revops_cockpit::definitions::defaults();
    let read = DealTable::load(&ws, &defs).expect("deal table");
    let whole: Vec<_> = streamed.into_iter().map(|(_, d)| d).collect();
    let built = DealTable::new(&defs, &whole);
    assert_eq!(read.len(), built.len());
    for (i, key) in keys.iter().enumerate() {
        assert_eq!(read.key(i), Some(*key));
        assert_eq!(read.status(i), built.status(i), "deal {i}");
        assert_eq!(read.reached(i), built.reached(i), "deal {i}");
        assert_eq!(read.amount(i), built.amount(i), "deal {i}");
        assert_eq!(read.created(i), built.created(i), "deal {i}");
        assert_eq!(read.closed(i), built.closed(i), "deal {i}");
        assert_eq!(
            read.funnel_pipeline(i),
            built.funnel_pipeline(i),
            "deal {i}"
        );
        for d in [Dimension::Segment, Dimension::Owner, Dimension::Pipeline] {
            assert_eq!(read.columns().value(i, d), built.columns().value(i, d));
        }
    }
}
