//! The Scorecard view through egui_kittest: the page drawn as it prints, a target and a
//! comment edited with the keyboard, the status and the comment in the CSV and the PDF
//! the view exports, and a number on the page opening its records.

use eframe::egui::Key;
use egui_kittest::kittest::Queryable as _;
use revops_cockpit::app::StartMode;
use revops_cockpit::scorecard::draw::{Paper, Spot, draw};
use revops_cockpit::scorecard::output::Format;
use revops_cockpit::view_model::command::Command;

use crate::views::{app, settle};

/// Types `text` into the field labelled `label` and leaves it with Enter or, for a
/// multi-line field, by moving the focus to `then`.
fn type_into(
    harness: &mut egui_kittest::Harness<'static, revops_cockpit::app::CockpitApp>,
    label: &str,
    text: &str,
    then: Option<&str>,
) {
    harness.get_by_label(label).focus();
    harness.run();
    harness.get_by_label(label).type_text(text);
    harness.run();
    match then {
        Some(next) => harness.get_by_label(next).focus(),
        None => harness.key_press(Key::Enter),
    }
    harness.run();
}

#[test]
fn a_target_and_a_comment_edited_on_screen_reach_the_exported_csv_and_pdf() {
    let (dir, db) = crate::leaks::leak_workspace_file();
    let mut harness = app(db.clone(), StartMode::Open);
    settle(&mut harness);
    harness.get_by_label("Scorecard").click();
    settle(&mut harness);
    harness.get_by_label_contains("2025-Q3 · Draft · definitions v2");
    harness.get_by_label("The scorecard page, as it prints");

    // A win-rate target far above the quarter's win rate: off track. A comment on the
    // leaks, to act on.
    type_into(&mut harness, "Target for Win rate", "99", None);
    settle(&mut harness);
    type_into(
        &mut harness,
        "Comment on Leaks",
        "Sales accepts every MQL within one working day",
        Some("Name"),
    );
    settle(&mut harness);
    harness.get_by_label_contains("◆ Off\u{a0}track");

    let csv_path = dir.path().join("from-the-view.csv");
    let pdf_path = dir.path().join("from-the-view.pdf");
    harness
        .state_mut()
        .apply(Command::ExportScorecardTo(Format::Csv, csv_path.clone()));
    settle(&mut harness);
    harness
        .state_mut()
        .apply(Command::ExportScorecardTo(Format::Pdf, pdf_path.clone()));
    settle(&mut harness);
    harness.get_by_label_contains("Saved");

    let (header, rows) = crate::scorecard::exported_csv(&csv_path);
    let col = |name: &str| header.iter().position(|h| h == name).expect(name);
    let win = rows
        .iter()
        .find(|r| &r[col("key")] == "win_rate")
        .expect("win rate");
    assert_eq!(
        (&win[col("target")], &win[col("status")]),
        ("0.99", "off_track")
    );
    assert!(
        rows.iter().any(|r| &r[col("section")] == "Actions"
            && &r[col("metric")] == "Leaks"
            && r[col("note")].contains("Sales accepts every MQL within one working day")),
        "{rows:?}"
    );
    let text = std::process::Command::new("pdftotext")
        .arg(&pdf_path)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils, which .ci/run installs)");
    let text = String::from_utf8_lossy(&text.stdout);
    assert!(
        text.contains("Sales accepts every MQL within one working day"),
        "{text}"
    );
    assert!(
        text.contains("Off track") && text.contains("target 99.0%"),
        "{text}"
    );

    // The template is kept: opened again, the target and the comment are still there.
    drop(harness);
    let mut again = app(db, StartMode::Open);
    settle(&mut again);
    again.get_by_label("Scorecard").click();
    settle(&mut again);
    assert_eq!(
        again.get_by_label("Target for Win rate").value().as_deref(),
        Some("99")
    );
    again.get_by_label_contains("◆ Off\u{a0}track");
}

#[test]
fn a_number_on_the_page_opens_its_records() {
    let (_dir, db) = crate::leaks::leak_workspace_file();
    let mut harness = app(db, StartMode::Open);
    settle(&mut harness);
    harness.get_by_label("Scorecard").click();
    settle(&mut harness);
    // The win rate's card, where the page draws it, on the picture of the page.
    let page = harness.state().scorecard_page().expect("a page");
    let drawn = draw(&page, Paper::A4);
    let [x, y, w, h] = drawn
        .spots
        .iter()
        .find(|(_, spot)| *spot == Spot::Metric("win_rate".to_owned()))
        .map(|(rect, _)| *rect)
        .expect("the win rate is on the page");
    let shown = harness
        .get_by_label("The scorecard page, as it prints")
        .rect();
    let scale = shown.width() / drawn.width;
    let at = shown.left_top() + eframe::egui::vec2((x + w / 2.0) * scale, (y + h / 2.0) * scale);
    harness.hover_at(at);
    harness.run();
    harness.drag_at(at);
    harness.run();
    harness.drop_at(at);
    settle(&mut harness);
    harness.get_by_label_contains("closed in 2025-Q3");
}
