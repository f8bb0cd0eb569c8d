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
fn without_a_display_the_window_says_why_in_one_line_and_writes_nothing() {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("ws.sqlite");
    let out = Command::new(env!("CARGO_BIN_EXE_revops-cockpit"))
        .arg("--db")
        .arg(&db)
        .env_remove("DISPLAY")
        .env_remove("WAYLAND_DISPLAY")
        .env_remove("WAYLAND_SOCKET")
        .output()
        .expect("run binary");
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(
        stderr.contains("the window could not open: ")
            && stderr.contains("Is a display available (DISPLAY or WAYLAND_DISPLAY)?"),
        "{stderr}"
    );
    // The reason, not where in winit's source it was raised.
    assert!(!stderr.contains(".rs:"), "{stderr}");
    assert!(!db.exists(), "no workspace is made without a window");
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

#[test]
fn funnel_prints_the_numbers_the_view_shows_as_json() {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("ws.sqlite");
    let contacts = fixture("funnel-contacts.csv").display().to_string();
    let deals = fixture("funnel-deals.csv").display().to_string();
    assert!(
        cockpit(&db, &["import", "--as-of", "2025-03-31", &contacts, &deals])
            .status
            .success()
    );
    let out = cockpit(&db, &["funnel", "--json", "--by", "segment"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(
        v["period"], "2025-Q1",
        "the quarter of the latest export by default"
    );
    assert_eq!(
        (v["mode"].as_str(), v["definitions_version"].as_i64()),
        (Some("cohort"), Some(1))
    );
    let counts: Vec<i64> = v["stages"]
        .as_array()
        .expect("stages")
        .iter()
        .filter_map(|s| s["count"].as_i64())
        .collect();
    assert_eq!(counts, [5, 5, 4, 2, 1]);
    assert_eq!(v["stages"][1]["stage"], "MQL");
    assert_eq!(v["stages"][1]["conversion_to_next"], 0.8);
    assert_eq!(v["stages"][1]["median_days_to_next"], 20.0);
    assert_eq!(
        (v["win_rate"].as_f64(), v["avg_won_amount"].as_f64()),
        (Some(0.75), Some(20_000.0))
    );
    assert_eq!(
        (
            v["median_cycle_days"].as_f64(),
            v["pipeline_velocity_per_day"].as_f64()
        ),
        (Some(60.0), Some(500.0))
    );
    let enterprise = v["breakdown"]
        .as_array()
        .expect("breakdown")
        .iter()
        .find(|r| r["value"] == "Enterprise")
        .expect("row")
        .clone();
    assert_eq!(enterprise["counts"], serde_json::json!([2, 2, 2, 1, 0]));
    assert_eq!(enterprise["thin"], true);
    let strict = cockpit(
        &db,
        &[
            "funnel", "--json", "--mode", "strict", "--period", "2025-Q1",
        ],
    );
    let v: serde_json::Value = serde_json::from_slice(&strict.stdout).expect("json");
    let counts: Vec<i64> = v["stages"]
        .as_array()
        .expect("stages")
        .iter()
        .filter_map(|s| s["count"].as_i64())
        .collect();
    assert_eq!(counts, [5, 4, 2, 2, 1]);
    // The text table: a header over every column, as in the window.
    let text = cockpit(&db, &["funnel", "--period", "2025-Q1"]);
    let text = String::from_utf8_lossy(&text.stdout);
    let lines: Vec<&str> = text.lines().collect();
    let cells = |line: &str| line.split("  ").filter(|c| !c.trim().is_empty()).count();
    assert!(
        lines[1].contains("2024-Q4") && lines[1].contains("Δ records"),
        "{text}"
    );
    assert_eq!(cells(lines[1]), 12, "{text}");
    assert_eq!(cells(lines[2]), 12, "{text}");
    assert!(text.contains("—: no records created in 2024-Q1"), "{text}");
    let bad = cockpit(&db, &["funnel", "--period", "Q1 2025"]);
    assert!(!bad.status.success());
    assert!(String::from_utf8_lossy(&bad.stderr).contains("write it as 2025-Q3"));
}

#[test]
fn leaks_prints_each_leak_with_its_records_as_json() {
    let (dir, db) = crate::leaks::leak_workspace_file();
    let out = cockpit(&db, &["leaks", "--period", "2025-Q3", "--json"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(
        (v["period"].as_str(), v["as_of"].as_str()),
        (Some("2025-Q3"), Some("2025-09-30"))
    );
    let leak = |kind: &str| {
        v["leaks"]
            .as_array()
            .and_then(|a| a.iter().find(|l| l["kind"] == kind))
            .cloned()
            .expect(kind)
    };
    let na = leak("never_accepted");
    assert_eq!(
        (na["count"].as_i64(), na["volume"].as_i64()),
        (Some(2), Some(7))
    );
    assert_eq!(na["sla"], "5 business days");
    let mut records: Vec<&str> = na["records"]
        .as_array()
        .expect("records")
        .iter()
        .filter_map(|r| r.as_str())
        .collect();
    records.sort_unstable();
    assert_eq!(records, ["k2", "k3"]);
    let stalled = leak("stalled_deal");
    assert_eq!(stalled["revenue_at_stake"].as_f64(), Some(70_000.0));
    assert!((stalled["share"].as_f64().expect("share") - 0.5).abs() < 1e-9);
    assert_eq!(leak("late_renewal")["count"].as_i64(), Some(3));
    assert_eq!(v["leaks"].as_array().map(Vec::len), Some(7));
    // The plain listing of one leak names the records and how late each is.
    let out = cockpit(
        &db,
        &["leaks", "--period", "2025-Q3", "--kind", "no-kickoff"],
    );
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("a2 ") && text.contains("no onboarding kickoff"),
        "{text}"
    );
    let out = cockpit(
        &db,
        &[
            "leaks",
            "--period",
            "2025-Q3",
            "--kind",
            "slow-first-touch",
            "--by",
            "owner",
        ],
    );
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("Marcus Reed") && text.contains("66.7%"),
        "{text}"
    );
    drop(dir);
}

#[test]
fn a_quarter_whose_won_deals_all_lack_a_price_has_no_won_size_not_zero() {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("ws.sqlite");
    let file = fixture("won-unpriced/hubspot-unpriced-only.csv");
    let out = cockpit(
        &db,
        &[
            "import",
            "--as-of",
            "2025-09-30",
            &file.display().to_string(),
        ],
    );
    assert!(out.status.success());
    let json = cockpit(&db, &["funnel", "--period", "2025-Q3", "--json"]);
    let v: serde_json::Value = serde_json::from_slice(&json.stdout).expect("json");
    assert_eq!(v["won"], 2);
    assert_eq!(v["won_without_amount"], 2);
    assert!(v["avg_won_amount"].is_null(), "{}", v["avg_won_amount"]);
    assert!(v["median_won_amount"].is_null());
    let text = cockpit(&db, &["funnel", "--period", "2025-Q3"]);
    let text = String::from_utf8_lossy(&text.stdout);
    assert!(
        text.contains("average won no priced won deals (2 won without an amount, not in it)"),
        "{text}"
    );
}

#[test]
fn import_says_when_a_files_date_is_far_after_its_records() {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("ws.sqlite");
    let file = fixture("hubspot-contacts.csv").display().to_string();
    let out = cockpit(&db, &["import", &file]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("but its newest record is from 2025-03-09: if the export was taken then, undo this batch and import it again with --as-of 2025-03-09"),
        "{stdout}"
    );
    let given = cockpit(&db, &["undo"]);
    assert!(given.status.success());
    let out = cockpit(&db, &["import", "--as-of", "2025-03-31", &file]);
    assert!(!String::from_utf8_lossy(&out.stdout).contains("newest record"));
}
