//! The app's own file box, as on a Linux desktop without an xdg-desktop-portal: a save and
//! an import through a typed path, and every save saying where the file went.

use std::path::Path;

use eframe::egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use revops_cockpit::app::{CockpitApp, StartMode};
use revops_cockpit::definitions::fiscal::Quarter;
use revops_cockpit::view_model::command::Command;

use crate::common::fixture;
use crate::views::{app, funnel_workspace, on_the_funnel, settle};

/// Replaces what the box's path field holds with `text`, as a person would: select all,
/// then type.
fn type_in_path(harness: &mut Harness<'static, CockpitApp>, text: &str) {
    harness.get_by_label("Path").click();
    harness.run();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
    harness.run();
    harness.get_by_label("Path").type_text(text);
    harness.run();
}

fn type_path(harness: &mut Harness<'static, CockpitApp>, path: &Path) {
    type_in_path(harness, &path.display().to_string());
}

#[test]
fn a_save_without_a_system_dialog_is_asked_in_the_apps_own_box_and_says_where_it_went() {
    let (dir, db) = funnel_workspace();
    let mut harness = on_the_funnel(db);
    harness.state_mut().use_own_file_boxes();
    harness.state_mut().apply(Command::SetPeriod(
        Quarter::parse("2025-Q1").expect("quarter"),
    ));
    settle(&mut harness);
    harness.get_by_label("5 at MQL").click();
    harness.run();
    harness.get_by_label("Export to CSV…").click();
    harness.run();

    // Pre-filled with the suggested name in the Documents folder.
    harness.get_by_label("Save the records");
    let suggested = harness.get_by_label("Path").value().expect("a path");
    assert!(suggested.ends_with("mql-2025-Q1.csv"), "{suggested}");

    // A folder that does not exist is named, and nothing is written.
    let nowhere = dir.path().join("no such folder").join("mql.csv");
    type_path(&mut harness, &nowhere);
    harness.get_by_label("Save").click();
    harness.run();
    harness.get_by_label_contains("There is no folder");

    let to = dir.path().join("mql.csv");
    type_path(&mut harness, &to);
    harness.get_by_label("Save").click();
    settle(&mut harness);
    assert!(harness.query_by_label("Save the records").is_none());
    harness.get_by_label(&format!("Saved 5 rows to {}.", to.display()));
    harness.get_by_label("Open the folder");
    let text = std::fs::read_to_string(&to).expect("the saved file");
    assert_eq!(text.lines().count(), 6, "{text}");
    // Readable as any file the user saves, not only by its owner as a temporary file.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        let mode = std::fs::metadata(&to)
            .expect("metadata")
            .permissions()
            .mode();
        assert_eq!(mode & 0o044, 0o044, "{mode:o}");
    }

    // Saving again to the same file asks first, then replaces it.
    std::fs::write(&to, "an older list").expect("older file");
    harness.get_by_label("Export to CSV…").click();
    harness.run();
    type_path(&mut harness, &to);
    harness.get_by_label("Save").click();
    harness.run();
    harness.get_by_label_contains("mql.csv is already in");
    assert_eq!(
        std::fs::read_to_string(&to).expect("untouched"),
        "an older list"
    );
    harness.get_by_label("Replace").click();
    settle(&mut harness);
    assert_eq!(
        std::fs::read_to_string(&to)
            .expect("replaced")
            .lines()
            .count(),
        6
    );

    // Cancel closes the box and writes nothing.
    harness.get_by_label("Export to CSV…").click();
    harness.run();
    harness.get_by_label("Cancel").click();
    harness.run();
    assert!(harness.query_by_label("Save the records").is_none());
}

#[test]
fn an_import_without_a_system_dialog_takes_the_exports_paths_typed_one_a_line() {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("ws.sqlite");
    drop(revops_cockpit::workspace::Workspace::open(&db).expect("empty workspace"));
    let mut harness = app(db, StartMode::Open);
    settle(&mut harness);
    harness.state_mut().use_own_file_boxes();
    harness
        .get_all_by_label("Import files…")
        .next()
        .expect("the import button")
        .click();
    harness.run();
    harness.get_by_label("Import CRM exports");
    let contacts = fixture("funnel-contacts.csv");
    let deals = fixture("funnel-deals.csv");
    type_in_path(
        &mut harness,
        &format!("{}\n{}", contacts.display(), deals.display()),
    );
    harness.get_by_label("Import the files").click();
    settle(&mut harness);
    assert_eq!(harness.state().batches().len(), 2);
    assert!(harness.query_by_label("Import CRM exports").is_none());
}
