//! Files that must not import: each is refused with a plain message naming the file
//! (and row and column where there is one), and the workspace is left exactly as it was.

use std::io::Write as _;

use revops_cockpit::import::{ImportError, ImportOutcome, import_file};
use revops_cockpit::progress::WorkControl;

use crate::common::{as_of, fixture, import, imported, snapshot, workspace};

/// Imports `name` into a workspace that already holds data, expects a refusal, and
/// checks every table is unchanged. Returns the message a user sees.
fn refused(path: &std::path::Path) -> (ImportError, String) {
    let (_dir, mut ws) = workspace();
    imported(&mut ws, "hubspot-deals.csv");
    let before = snapshot(&ws);
    let err = match import_file(&mut ws, path, &as_of(2025, 6, 30), &WorkControl::default()) {
        Err(e) => e,
        Ok(outcome) => panic!("{}: expected a refusal, got {outcome:?}", path.display()),
    };
    assert_eq!(
        snapshot(&ws),
        before,
        "{}: the workspace changed",
        path.display()
    );
    let message = err.to_string();
    let name = path
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or_default();
    assert!(
        message.contains(name),
        "the message names the file: {message}"
    );
    assert!(!message.contains('\n'), "one line: {message}");
    (err, message)
}

#[test]
fn empty_file() {
    let (err, _) = refused(&fixture("empty.csv"));
    assert!(matches!(err, ImportError::Empty { .. }));
}

#[test]
fn header_only() {
    let (err, message) = refused(&fixture("header-only.csv"));
    assert!(matches!(err, ImportError::HeaderOnly { .. }));
    assert!(message.contains("no data rows"));
}

#[test]
fn binary_garbage() {
    let (err, message) = refused(&fixture("binary-garbage.csv"));
    assert!(matches!(err, ImportError::NotText { .. }), "{message}");
}

#[test]
fn unterminated_quote_at_end_of_file() {
    let (err, _) = refused(&fixture("unterminated-quote.csv"));
    assert!(
        matches!(err, ImportError::UnterminatedQuote { line: 3, .. }),
        "{err}"
    );
}

#[test]
fn duplicate_ids_with_conflicting_values() {
    let (err, message) = refused(&fixture("duplicate-ids.csv"));
    assert!(
        matches!(
            err,
            ImportError::DuplicateId {
                first_row: 2,
                row: 4,
                ..
            }
        ),
        "{message}"
    );
}

#[test]
fn unrelated_csv() {
    let (err, message) = refused(&fixture("unrelated.csv"));
    assert!(matches!(err, ImportError::Unrecognised { .. }));
    assert!(message.contains("\"city\""), "{message}");
}

#[test]
fn ambiguous_day_month_order_asks() {
    let (err, message) = refused(&fixture("ambiguous-dates.csv"));
    assert!(
        matches!(err, ImportError::AmbiguousDateOrder { .. }),
        "{message}"
    );
    assert!(
        message.contains("Close Date") && message.contains("03/04/2025"),
        "{message}"
    );
    // Answering the question imports the file.
    let (_dir, mut ws) = workspace();
    let options = revops_cockpit::import::ImportOptions {
        date_order: Some(revops_cockpit::import::values::DateOrder::DayFirst),
        ..as_of(2025, 6, 30)
    };
    let outcome = import_file(
        &mut ws,
        &fixture("ambiguous-dates.csv"),
        &options,
        &WorkControl::default(),
    )
    .expect("imports");
    assert!(matches!(outcome, ImportOutcome::Imported(ref b) if b.rows_imported == 2));
    let deals = ws.deals().expect("deals");
    assert_eq!(
        deals[0].close_date,
        Some(crate::common::ts(2025, 4, 3, 0, 0))
    );
}

#[test]
fn ten_thousand_column_header() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("wide.csv");
    let header: Vec<String> = (0..10_000).map(|i| format!("Property {i}")).collect();
    let row: Vec<String> = (0..10_000).map(|i| i.to_string()).collect();
    std::fs::write(&path, format!("{}\n{}\n", header.join(","), row.join(","))).expect("write");
    let (err, message) = refused(&path);
    assert!(
        matches!(
            err,
            ImportError::TooManyColumns {
                columns: 10_000,
                ..
            }
        ),
        "{message}"
    );
}

#[test]
fn one_five_megabyte_field() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("huge-field.csv");
    let mut f = std::fs::File::create(&path).expect("create");
    writeln!(
        f,
        "Record ID,Deal Name,Deal Stage,Pipeline,Amount,Close Date,Create Date"
    )
    .expect("w");
    writeln!(f, "1,Acme,closedwon,Sales,100,2025-01-01,2025-01-01").expect("w");
    writeln!(
        f,
        "2,\"{}\",closedwon,Sales,100,2025-01-01,2025-01-01",
        "x".repeat(5 * 1024 * 1024)
    )
    .expect("w");
    drop(f);
    let (err, message) = refused(&path);
    assert!(
        matches!(err, ImportError::FieldTooLarge { row: 3, .. }),
        "{message}"
    );
    assert!(message.contains("\"Deal Name\""), "{message}");
}

#[test]
fn ragged_rows_are_rejected_one_by_one_and_explained() {
    let (_dir, mut ws) = workspace();
    let b = imported(&mut ws, "ragged-rows.csv");
    assert_eq!((b.rows_read, b.rows_imported, b.rows_rejected), (4, 2, 2));
    let issues = ws.row_issues(b.id, 10).expect("issues");
    let rows: Vec<i64> = issues.iter().map(|i| i.row).collect();
    assert_eq!(rows, [3, 4]);
    assert!(
        issues[0].reason.contains("6 cells but the header has 7"),
        "{}",
        issues[0].reason
    );
    assert!(issues[1].reason.contains("8 cells"), "{}", issues[1].reason);
    assert_eq!(issues[1].raw.last().map(String::as_str), Some("extra"));
}

#[test]
fn cancel_part_way_leaves_the_workspace_unchanged() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("big-deals.csv");
    let mut text =
        String::from("Record ID,Deal Name,Deal Stage,Pipeline,Amount,Close Date,Create Date\n");
    for i in 0..5_000 {
        text.push_str(&format!(
            "{i},Deal {i},closedwon,Sales,{i}00,2025-01-01,2025-01-01\n"
        ));
    }
    std::fs::write(&path, text).expect("write");
    let (_dir, mut ws) = workspace();
    imported(&mut ws, "hubspot-deals.csv");
    let before = snapshot(&ws);
    let control = WorkControl::default();
    control.cancel();
    let result = import_file(&mut ws, &path, &as_of(2025, 6, 30), &control);
    assert!(
        matches!(result, Err(ImportError::Cancelled { .. })),
        "{result:?}"
    );
    assert!(
        control.progress().rows_read >= 1024,
        "it stopped part way, after writing rows"
    );
    assert_eq!(snapshot(&ws), before);
    // And the same file imports fine afterwards.
    let outcome =
        import_file(&mut ws, &path, &as_of(2025, 6, 30), &WorkControl::default()).expect("import");
    assert!(matches!(outcome, ImportOutcome::Imported(ref b) if b.rows_imported == 5_000));
}

#[test]
fn a_missing_file_names_itself() {
    let (_dir, mut ws) = workspace();
    let err = import(&mut ws, "no-such-file.csv").expect_err("refused");
    assert!(err.to_string().contains("no-such-file.csv"));
}

#[test]
fn a_nul_byte_past_the_first_megabyte_is_refused_as_binary() {
    // The import starts from the first megabyte; the full scan, beside it, finds the NUL
    // and the batch is not committed.
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("late-nul.csv");
    let mut text =
        String::from("Record ID,First Name,Last Name,Email,Lifecycle Stage,Create Date\r\n");
    let mut i = 0;
    while text.len() < 1_500_000 {
        i += 1;
        text.push_str(&format!(
            "{i},Ana,Silva{i},a{i}@example.com,lead,2025-01-05\r\n"
        ));
    }
    let mut bytes = text.into_bytes();
    bytes.extend(b"999999,Bad\0Byte,Row,bad@example.com,lead,2025-01-05\r\n");
    std::fs::write(&path, bytes).expect("write");
    let (err, message) = refused(&path);
    assert!(matches!(err, ImportError::NotText { .. }), "{message}");
}
