//! A view never shows numbers of data that has since changed: after an import, an undo,
//! removing the sample, saving definitions, restoring a backup or opening another
//! workspace, done while on the Funnel or the Handoff leaks view, the view shows the
//! numbers of the data as it is now, or none when there is none.

use std::path::Path;

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use revops_cockpit::app::{CockpitApp, StartMode};
use revops_cockpit::definitions::versions;
use revops_cockpit::view_model::command::Command;
use revops_cockpit::view_model::navigation::View;
use revops_cockpit::workspace::Workspace;

use crate::views::{app, drop_file, funnel_workspace, settle};

/// The records' generation and definitions version of the workspace file as it is now.
fn now(db: &Path) -> (i64, i64, usize) {
    let ws = Workspace::open(db).expect("workspace");
    let (version, _) = versions::current(&ws).expect("definitions");
    let batches = ws.batches().expect("batches").len();
    (ws.generation().expect("generation"), version.id, batches)
}

/// Checks that `view` shows the numbers of `db` as it is now, and says what it shows.
fn shows_current_numbers(harness: &Harness<'static, CockpitApp>, db: &Path, view: View) -> String {
    let (generation, version, batches) = now(db);
    let app = harness.state();
    match view {
        View::Funnel => match app.funnel_result() {
            Some(r) => {
                assert_eq!(
                    r.query.generation, generation,
                    "the Funnel's numbers are of the data now"
                );
                assert_eq!(r.query.definitions_version, version);
                harness.get_by_label(&format!(
                    "{} · Cohort · definitions v{version}",
                    r.query.period.label()
                ));
                let lead = &r.funnel.stages[0];
                harness.get_by_label(&format!("{} at {}", lead.count, lead.name));
                format!("{} at Lead, v{version}", lead.count)
            }
            None => {
                assert_eq!(batches, 0, "numbers are shown whenever there is data");
                harness.get_by_label("No data yet: import a quarter's CRM exports.");
                "no data".to_owned()
            }
        },
        _ => match app.leaks_result() {
            Some(r) => {
                assert_eq!(
                    r.query.generation, generation,
                    "the leaks are of the data now"
                );
                harness
                    .get_by_label_contains(&format!("as of {} · definitions v{version}", r.as_of));
                for leak in &r.report.leaks {
                    assert!(
                        harness
                            .query_all_by_label(&leak.count.to_string())
                            .next()
                            .is_some(),
                        "{:?}'s count {} is on screen",
                        leak.kind,
                        leak.count
                    );
                }
                let leaked: usize = r.report.leaks.iter().map(|l| l.count).sum();
                format!("{leaked} leaked, v{version}")
            }
            None => {
                assert_eq!(batches, 0, "leaks are shown whenever there is data");
                harness.get_by_label("No data yet: import a quarter's CRM exports.");
                "no data".to_owned()
            }
        },
    }
}

/// Applies `command` while on `view`, waits for the work, comes back to `view` if the
/// command took the app elsewhere, and checks what it shows.
fn after(
    harness: &mut Harness<'static, CockpitApp>,
    db: &Path,
    view: View,
    command: Command,
) -> String {
    harness.state_mut().apply(command);
    settle(harness);
    harness.state_mut().apply(Command::ShowView(view));
    settle(harness);
    shows_current_numbers(harness, db, view)
}

fn every_change_on(view: View) {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("ws.sqlite");
    let (_other_dir, other) = funnel_workspace();
    let mut harness = app(db.clone(), StartMode::FirstLaunch);
    settle(&mut harness);
    harness.state_mut().apply(Command::ShowView(view));
    settle(&mut harness);
    let sample = shows_current_numbers(&harness, &db, view);
    assert_ne!(sample, "no data");

    // An import, of the same quarter's deals.
    harness
        .state_mut()
        .apply(Command::SetAsOfText("2025-12-31".to_owned()));
    drop_file(&mut harness, "hubspot-deals.csv");
    assert_eq!(harness.state().batches().len(), 5);
    harness.state_mut().apply(Command::ShowView(view));
    settle(&mut harness);
    shows_current_numbers(&harness, &db, view);

    // Its undo: the sample's numbers again.
    let undone = after(&mut harness, &db, view, Command::UndoBatch(5));
    assert_eq!(undone, sample);

    // A definitions save: version 1 made current again, as version 3.
    {
        let ws = Workspace::open(&db).expect("workspace");
        let (_, mut defs) = versions::current(&ws).expect("v1");
        defs.slas.mql_to_sql.amount = 2.0;
        versions::save(&ws, &defs, "Dana", "Faster decisions").expect("v2");
    }
    let saved = after(&mut harness, &db, view, Command::RestoreDefinitions(1));
    assert!(saved.ends_with("v3"), "{saved}");
    // Said once, with the first numbers under the new version.
    harness.get_by_label_contains("recomputed under definitions v3.");

    // A backup restored: the one taken before that save.
    let backup = revops_cockpit::workspace::list_backups(&db)[0].path.clone();
    after(&mut harness, &db, view, Command::RestoreBackup(backup));

    // The sample removed: nothing left to count.
    assert_eq!(
        after(&mut harness, &db, view, Command::StartEmptyWorkspace),
        "no data"
    );

    // Another workspace: its own numbers.
    let opened = after(
        &mut harness,
        &other,
        view,
        Command::OpenWorkspace(other.clone()),
    );
    assert_ne!(opened, "no data");
}

#[test]
fn the_funnel_shows_the_numbers_of_the_data_now_after_every_change() {
    every_change_on(View::Funnel);
}

#[test]
fn the_leaks_show_the_numbers_of_the_data_now_after_every_change() {
    every_change_on(View::Leaks);
}
