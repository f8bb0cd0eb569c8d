//! The command line, run as the real binary against a real workspace file.

use std::process::Command;

use crate::common::fixture;

fn cockpit(db: &std::path::Path, args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_revops-cockpit"))
        .arg("--db")
        .arg(db)
        .args(args)
        .output()
        .expect("run binary")
}

#[test]
fn import_prints_what_was_detected_and_the_counts() {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("ws.sqlite");
    let files = [
        "hubspot-contacts.csv",
        "salesforce-opportunities.csv",
        "pipedrive-deals.csv",
    ];
    let paths: Vec<String> = files
        .iter()
        .map(|f| fixture(f).display().to_string())
        .collect();
    let mut args = vec!["import", "--as-of", "2025-06-30"];
    args.extend(paths.iter().map(String::as_str));
    let out = cockpit(&db, &args);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        stdout.contains(
            "hubspot-contacts.csv: HubSpot contacts export (hubspot contact), as of 2025-06-30"
        ),
        "{stdout}"
    );
    assert!(
        stdout.contains("read 6 rows: 4 new, 0 updated, 0 skipped, 2 rejected, 1 with warnings"),
        "{stdout}"
    );
    assert!(
        stdout.contains(
            "salesforce-opportunities.csv: Salesforce opportunity report (salesforce deal)"
        ),
        "{stdout}"
    );
    assert!(stdout.contains("read 3 rows: 3 new"), "{stdout}");

    let again = cockpit(&db, &["import", &paths[0]]);
    assert!(again.status.success());
    assert!(String::from_utf8_lossy(&again.stdout).contains("already imported as batch 1"));

    let json = cockpit(&db, &["batches", "--json"]);
    assert!(json.status.success());
    let list: serde_json::Value = serde_json::from_slice(&json.stdout).expect("json");
    let list = list.as_array().expect("a list");
    assert_eq!(list.len(), 3);
    for key in [
        "id",
        "file",
        "sha256",
        "crm",
        "object",
        "as_of",
        "rows_read",
        "rows_imported",
        "rows_updated",
        "rows_rejected",
    ] {
        assert!(list[0].get(key).is_some(), "missing {key}");
    }
    assert_eq!(list[2]["crm"], "pipedrive");
    assert_eq!(list[2]["rows_imported"], 3);
    assert_eq!(list[0]["rows_rejected"], 2);
}

#[test]
fn a_failure_exits_non_zero_with_one_line_on_stderr() {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("ws.sqlite");
    let out = cockpit(
        &db,
        &[
            "import",
            &fixture("binary-garbage.csv").display().to_string(),
        ],
    );
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(
        stderr.contains("binary-garbage.csv") && stderr.contains("not a text or CSV file"),
        "{stderr}"
    );
}

#[test]
fn undo_restores_the_previous_state() {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("ws.sqlite");
    assert!(
        cockpit(
            &db,
            &[
                "import",
                &fixture("pipedrive-deals.csv").display().to_string()
            ]
        )
        .status
        .success()
    );
    let out = cockpit(&db, &["undo"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let json = cockpit(&db, &["batches", "--json"]);
    assert_eq!(String::from_utf8_lossy(&json.stdout).trim(), "[]");
    let nothing = cockpit(&db, &["undo"]);
    assert!(!nothing.status.success());
}

#[test]
fn a_saved_mapping_is_used_by_name_listed_and_deleted() {
    use revops_cockpit::import::formats::ColumnMapping;
    use revops_cockpit::model::{Field, RecordObject};
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("ws.sqlite");
    {
        let ws = revops_cockpit::workspace::Workspace::open(&db).expect("open");
        let header: Vec<String> = ["city", "population", "country"]
            .map(str::to_owned)
            .to_vec();
        let mapping = ColumnMapping::from_choices(
            RecordObject::Account,
            &header,
            &[Some(Field::SourceId), None, Some(Field::Region)],
        );
        let json = serde_json::to_string(&mapping).expect("json");
        // Saved under another file's signature: only --preset finds it.
        ws.save_preset("Cities", "something|else", "account", &json)
            .expect("save");
    }
    let file = fixture("unrelated.csv").display().to_string();
    assert!(
        !cockpit(&db, &["import", &file]).status.success(),
        "not recognised without the preset"
    );
    let out = cockpit(&db, &["import", "--preset", "Cities", &file]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        stdout.contains("Mapped with \"Cities\" (mapped:Cities account)")
            && stdout.contains("2 new"),
        "{stdout}"
    );
    let missing = cockpit(
        &db,
        &[
            "import",
            "--preset",
            "Nope",
            &fixture("zoho-deals.csv").display().to_string(),
        ],
    );
    assert!(String::from_utf8_lossy(&missing.stderr).contains("\"Nope\" does not exist"));
    let list = cockpit(&db, &["presets"]);
    assert!(String::from_utf8_lossy(&list.stdout).starts_with("Cities  (account, saved "));
    assert!(
        cockpit(&db, &["presets", "--delete", "Cities"])
            .status
            .success()
    );
    assert!(
        !cockpit(&db, &["presets", "--delete", "Cities"])
            .status
            .success()
    );
}
