//! Files the app writes for people: the rejected-rows work list.

#[test]
fn exported_rejected_rows_are_safe_to_open_in_a_spreadsheet() {
    let (_dir, mut ws) = crate::common::workspace();
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("formula.csv");
    std::fs::write(&path, "Record ID,Deal Name,Deal Stage,Pipeline,Amount,Close Date,Create Date\n1,Acme,closedwon,Sales,100,2025-01-01,2025-01-01\n,=HYPERLINK(\"http://x\"),closedwon,Sales,1,2025-01-01,2025-01-01\n").expect("w");
    let options = crate::common::as_of(2025, 6, 30);
    let outcome =
        revops_cockpit::import::import_file(&mut ws, &path, &options, &Default::default())
            .expect("import");
    let revops_cockpit::import::ImportOutcome::Imported(batch) = outcome else {
        panic!("{outcome:?}")
    };
    let issues = ws.row_issues(batch.id, 100).expect("issues");
    let out = dir.path().join("rejected.csv");
    let written = revops_cockpit::export::write_row_issues_csv(&out, &issues).expect("write");
    let mut reader = csv::Reader::from_path(&out).expect("read back");
    let rows: Vec<csv::StringRecord> = reader.records().collect::<Result<_, _>>().expect("rows");
    assert_eq!((rows.len(), written), (1, 1));
    assert_eq!(&rows[0][0], "3");
    assert_eq!(&rows[0][3], "the record ID is blank");
    assert!(rows[0][4].contains("'=HYPERLINK"), "{}", &rows[0][4]);
}

#[test]
fn the_records_behind_a_count_export_as_a_work_list() {
    let (_dir, mut ws) = crate::common::workspace();
    crate::common::imported(&mut ws, "funnel-contacts.csv");
    let mut contacts = ws.contacts().expect("contacts");
    contacts.truncate(2);
    contacts[1].name = Some("@SUM(A1:A9)".into());
    let dir = tempfile::tempdir().expect("dir");
    let out = dir.path().join("mql.csv");
    std::fs::write(&out, "an older file that must be replaced whole").expect("old");
    let written = revops_cockpit::export::write_contacts_csv(
        &out,
        &contacts,
        "MQL · 2025-Q1 · Cohort · definitions v1",
    )
    .expect("write");
    let mut reader = csv::Reader::from_path(&out).expect("read back");
    assert_eq!(reader.headers().expect("header").get(10), Some("mql"));
    let rows: Vec<csv::StringRecord> = reader.records().collect::<Result<_, _>>().expect("rows");
    assert_eq!((rows.len(), written), (2, 2));
    assert_eq!(
        (&rows[0][0], &rows[0][10], &rows[0][14]),
        (
            "c1",
            "2025-01-15",
            "MQL · 2025-Q1 · Cohort · definitions v1"
        )
    );
    assert_eq!(&rows[1][1], "'@SUM(A1:A9)");
    let leftovers = std::fs::read_dir(dir.path()).expect("dir").count();
    assert_eq!(leftovers, 1, "no temporary file is left behind");
}

#[test]
fn a_leak_exports_as_a_work_list_with_its_dates_lateness_and_reason() {
    use revops_cockpit::leaks::{LeakKind, Records, as_of_time, detect_leaks, work_list};
    let (_dir, ws) = crate::leaks::leak_workspace();
    let mut defs = crate::leaks::leak_definitions();
    defs.teams = vec![revops_cockpit::definitions::model::TeamDef {
        name: "Customer Success East".to_owned(),
        members: vec!["Claire Dupont".to_owned()],
    }];
    let (contacts, deals, accounts) = (
        ws.contacts().expect("c"),
        ws.deals().expect("d"),
        ws.accounts().expect("a"),
    );
    let records = Records::all(&contacts, &deals, &accounts);
    let as_of = as_of_time(chrono::NaiveDate::from_ymd_opt(2025, 9, 30).expect("date"));
    let period = revops_cockpit::definitions::fiscal::Quarter {
        year: 2025,
        quarter: 3,
    };
    let report = detect_leaks(&defs, records, period, as_of);
    let leak = report.leak(LeakKind::NoKickoff).expect("leak");
    let rows = work_list(&defs, records, leak);
    let dir = tempfile::tempdir().expect("dir");
    let out = dir.path().join("no-kickoff.csv");
    revops_cockpit::export::write_work_list_csv(&out, &rows, "USD", "2025-Q3 · v2").expect("write");
    let mut reader = csv::Reader::from_path(&out).expect("read back");
    let header: Vec<String> = reader
        .headers()
        .expect("header")
        .iter()
        .map(str::to_owned)
        .collect();
    assert_eq!(header[12], "at stake (USD)");
    let rows: Vec<csv::StringRecord> = reader.records().collect::<Result<_, _>>().expect("rows");
    // Most overdue first: a2 is 19 days past its SLA and still waiting; a3's kickoff came
    // 5 days late.
    let ids: Vec<&str> = rows.iter().map(|r| &r[0]).collect();
    assert_eq!(ids, ["a2", "a3"]);
    let a2 = &rows[0];
    assert_eq!(
        (&a2[1], &a2[2], &a2[3], &a2[4]),
        (
            "account",
            "Big Co",
            "Claire Dupont",
            "Customer Success East"
        )
    );
    assert_eq!((&a2[8], &a2[9], &a2[10]), ("2025-09-10", "2025-09-12", ""));
    assert_eq!(&a2[11], "19.0", "due Sep 12, judged at the end of Sep 30");
    assert_eq!(&a2[12], "60000.00");
    assert!(a2[13].contains("no onboarding kickoff"), "{}", &a2[13]);
    assert_eq!(&a2[14], "2025-Q3 · v2");
    assert_eq!(
        (&rows[1][10], &rows[1][11]),
        ("2025-07-14", "5.0"),
        "a3's late kickoff"
    );
}

#[test]
fn the_deals_behind_a_deal_number_export_as_a_work_list() {
    let (_dir, mut ws) = crate::common::workspace();
    crate::common::imported(&mut ws, "funnel-deals.csv");
    let mut deals = ws.deals().expect("deals");
    deals.truncate(2);
    deals[1].owner = Some("=cmd".into());
    let dir = tempfile::tempdir().expect("dir");
    let out = dir.path().join("won.csv");
    revops_cockpit::export::write_deals_csv(&out, &deals, "deals won · 2025-Q1 · definitions v1")
        .expect("write");
    let mut reader = csv::Reader::from_path(&out).expect("read back");
    let header = reader.headers().expect("header").clone();
    assert_eq!(
        (&header[0], &header[7], &header[8], &header[11]),
        ("record id", "status", "amount", "close date")
    );
    let rows: Vec<csv::StringRecord> = reader.records().collect::<Result<_, _>>().expect("rows");
    // d1: won, 10,000, closed 2025-02-09; d2's owner is made inert for a spreadsheet.
    assert_eq!(
        (&rows[0][0], &rows[0][7], &rows[0][8], &rows[0][11]),
        ("d1", "won", "10000.00", "2025-02-09")
    );
    assert_eq!(&rows[1][4], "'=cmd");
    assert_eq!(&rows[1][15], "deals won · 2025-Q1 · definitions v1");
}
