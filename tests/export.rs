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
    revops_cockpit::export::write_row_issues_csv(&out, &issues).expect("write");
    let mut reader = csv::Reader::from_path(&out).expect("read back");
    let rows: Vec<csv::StringRecord> = reader.records().collect::<Result<_, _>>().expect("rows");
    assert_eq!(rows.len(), 1);
    assert_eq!(&rows[0][0], "3");
    assert_eq!(&rows[0][3], "the record ID is blank");
    assert!(rows[0][4].contains("'=HYPERLINK"), "{}", &rows[0][4]);
}
