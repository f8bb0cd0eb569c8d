//! The real app driven through egui_kittest: files dropped on the window, the Import
//! view's batch list, rejected rows, undo, and the sample-data marker.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable as _};
use revops_cockpit::app::{CockpitApp, StartMode};
use revops_cockpit::workspace::Workspace;

use crate::common::fixture;

/// A file dropped on the window, as winit hands it to egui.
#[derive(Debug)]
struct Dropped(PathBuf);

impl eframe::egui::DroppedFile for Dropped {
    fn path(&self) -> &Path {
        &self.0
    }

    fn bytes(&self) -> Result<Vec<u8>, String> {
        std::fs::read(&self.0).map_err(|e| e.to_string())
    }
}

/// The app in a 1360 × 860 window, in its own light theme (kittest's default is dark,
/// whose style has egui's text sizes, not the app's). A job's thread wakes the window just
/// after sending its last message, and on a loaded machine that wake (at nice 10) can
/// come after the test has seen the message and settled, a frame or two into a later
/// `run`; and a view draws new numbers a few sections a frame (`ui::reveal`), one a frame
/// on a slow machine: the Funnel has up to nine. 24 steps leave room for both (kittest's
/// default is four).
pub(crate) fn app(db: PathBuf, start: StartMode) -> Harness<'static, CockpitApp> {
    Harness::builder()
        .with_size((1360.0, 860.0))
        .with_theme(eframe::egui::Theme::Light)
        .with_max_steps(24)
        .build_eframe(move |cc| CockpitApp::new(cc, db, start))
}

/// Steps frames until the app's background work is done (the jobs run on real threads).
/// A click is handled in one frame and its job queued in the next, so the app must be
/// idle for two frames in a row.
pub(crate) fn settle(harness: &mut Harness<'static, CockpitApp>) {
    let deadline = Instant::now() + Duration::from_secs(60);
    let mut idle_frames = 0;
    while idle_frames < 2 {
        assert!(Instant::now() < deadline, "background work did not finish");
        harness.step();
        if harness.state().is_busy() {
            idle_frames = 0;
            std::thread::sleep(Duration::from_millis(10));
        } else {
            idle_frames += 1;
        }
    }
    harness.run();
}

/// The app opened on `db`, showing the Funnel with its numbers and records in.
pub(crate) fn on_the_funnel(db: PathBuf) -> Harness<'static, CockpitApp> {
    let mut harness = app(db, StartMode::Open);
    settle(&mut harness);
    harness.get_by_label("Funnel").click();
    settle(&mut harness);
    harness
}

/// The app on a new, empty workspace file; the folder lives as long as the guard.
fn empty_app() -> (tempfile::TempDir, PathBuf, Harness<'static, CockpitApp>) {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("ws.sqlite");
    drop(Workspace::open(&db).expect("empty workspace"));
    let mut harness = app(db.clone(), StartMode::Open);
    settle(&mut harness);
    (dir, db, harness)
}

/// Drops a fixture file on the window and waits for its import.
pub(crate) fn drop_file(harness: &mut Harness<'static, CockpitApp>, name: &str) {
    harness
        .input_mut()
        .dropped_files
        .push(Arc::new(Dropped(fixture(name))));
    settle(harness);
}

/// Types `text` into the field labelled `label`, scrolling to it first as a person would.
fn type_into(harness: &mut Harness<'static, CockpitApp>, label: &str, text: &str) {
    harness.get_by_label(label).scroll_to_me();
    harness.run();
    harness.get_by_label(label).click();
    harness.run();
    harness.get_by_label(label).type_text(text);
    harness.run();
}

#[test]
fn dropping_a_file_imports_it_and_the_batch_appears_with_its_counts() {
    let (_dir, db, mut harness) = empty_app();
    harness.get_by_label_contains("No imports yet");

    drop_file(&mut harness, "hubspot-contacts.csv");

    assert_eq!(harness.state().batches().len(), 1);
    harness.get_by_label_contains("hubspot-contacts.csv: HubSpot contacts export — 4 new, 0 updated, 2 rejected, 1 with warnings (batch 1).");
    harness.get_by_label("Batches (1)");
    harness.get_by_label("hubspot-contacts.csv");
    harness.get_by_label("HubSpot contacts export");
    // The batch is selected after the import and its rejected rows are listed with reasons.
    harness.get_by_label("Rejected rows and warnings (3)");
    harness.get_by_label("the record ID is blank");
    harness.get_by_label_contains("\"last week\" is not a date");
    let in_file = Workspace::open(&db)
        .expect("reopen")
        .batches()
        .expect("batches");
    assert_eq!(in_file.len(), 1);
    assert_eq!((in_file[0].rows_imported, in_file[0].rows_rejected), (4, 2));

    harness.get_by_label("Undo last import").click();
    settle(&mut harness);
    assert!(harness.state().batches().is_empty());
    harness.get_by_label_contains("Undid batch 1");
    assert!(
        Workspace::open(&db)
            .expect("reopen")
            .batches()
            .expect("batches")
            .is_empty()
    );
}

#[test]
fn an_ambiguous_file_asks_for_the_date_order_and_imports_on_the_answer() {
    let (_dir, _db, mut harness) = empty_app();
    drop_file(&mut harness, "ambiguous-dates.csv");
    assert!(harness.state().batches().is_empty());
    harness.get_by_label_contains("can be read as day/month or month/day");
    harness.get_by_label("day first (14/03/2025)").click();
    settle(&mut harness);
    assert_eq!(harness.state().batches().len(), 1);
    harness.get_by_label_contains("ambiguous-dates.csv: HubSpot deals export — 2 new");
}

/// The font atlas as it is: every glyph rendered so far.
fn font_atlas(harness: &Harness<'static, CockpitApp>) -> eframe::egui::ColorImage {
    harness.ctx.fonts(|f| f.image())
}

#[test]
fn no_view_renders_a_glyph_the_first_frame_did_not() {
    // A glyph rendered for the first time costs its frame about 0.1 ms (the frame that
    // first drew the Funnel's numbers took 15 to 25 ms while its glyphs were new), so the
    // first frame renders every glyph the views use (`ui::glyph_warmup`).
    let dir = tempfile::tempdir().expect("dir");
    let mut harness = app(dir.path().join("ws.sqlite"), StartMode::FirstLaunch);
    settle(&mut harness);
    let warmed = font_atlas(&harness);
    let menu = |h: &mut Harness<'static, CockpitApp>, label: &str, pick: &str| {
        h.get_by_role_and_label(eframe::egui::accesskit::Role::ComboBox, label)
            .click();
        h.run();
        h.get_by_role_and_label(eframe::egui::accesskit::Role::Button, pick)
            .click();
        settle(h);
    };
    harness.get_by_label("Funnel").click();
    settle(&mut harness);
    menu(&mut harness, "Period", "2025-Q3");
    harness.get_by_label("Handoff leaks").click();
    settle(&mut harness);
    for kind in revops_cockpit::leaks::LeakKind::ALL {
        if let Some(leak) = harness.query_by_label(kind.label()) {
            leak.click();
            settle(&mut harness);
        }
    }
    harness.get_by_label("Pillar maturity").click();
    settle(&mut harness);
    harness.get_by_label("Answer the questions").click();
    harness.run();
    harness.get_by_label("Definitions").click();
    settle(&mut harness);
    assert!(harness.state().funnel_result().is_some());
    assert!(harness.state().leaks_result().is_some());
    assert!(
        font_atlas(&harness) == warmed,
        "a view rendered a glyph the first frame did not"
    );
}

#[test]
fn first_launch_shows_the_sample_data_and_one_click_empties_it() {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("new-workspace.sqlite");
    let mut harness = app(db.clone(), StartMode::FirstLaunch);
    settle(&mut harness);
    assert_eq!(harness.state().batches().len(), 4);
    harness.get_by_label_contains("SAMPLE DATA");
    harness.get_by_label("hubspot-contacts.csv");
    harness.get_by_label("salesforce-opportunities.csv");
    harness.get_by_label("Data as of 2025-12-31");
    harness.get_by_label("cs-accounts.csv").click();
    settle(&mut harness);
    harness.get_by_label("Batch #4 · cs-accounts.csv");
    harness.get_by_label("Every row of this file was imported without a problem.");
    harness
        .get_by_label("How the columns were read (13 used, 0 not used)")
        .click();
    harness.run();
    harness.get_by_label("Onboarding Kickoff Date");
    harness.get_by_label("Onboarding kickoff");

    harness.get_by_label("Start an empty workspace").click();
    settle(&mut harness);
    assert!(harness.state().batches().is_empty());
    assert!(harness.query_by_label_contains("SAMPLE DATA").is_none());
    assert_eq!(
        Workspace::open(&db)
            .expect("reopen")
            .record_counts()
            .expect("counts")
            .contacts,
        0
    );
}

#[test]
fn the_navigation_switches_views_and_each_says_what_it_needs_without_data() {
    let (_dir, _db, mut harness) = empty_app();
    harness.get_by_label("Scorecard").click();
    settle(&mut harness);
    assert_eq!(
        harness.state().view(),
        revops_cockpit::view_model::navigation::View::Scorecard
    );
    harness.get_by_label_contains("No data yet: import a quarter's CRM exports");
    // Pillar maturity works with no data: the questionnaire, and what would measure the
    // evidence.
    harness.get_by_label("Pillar maturity").click();
    settle(&mut harness);
    harness.get_by_label_contains("No data yet: every signal below says which export");
    harness.get_by_label("Answer the questions");
}

#[test]
fn an_unknown_export_is_mapped_once_on_screen_and_imported() {
    let (_dir, db, mut harness) = empty_app();
    drop_file(&mut harness, "zoho-deals.csv");
    // Not an error: the mapping screen opens, calmly.
    harness.get_by_label_contains("zoho-deals.csv: we don't recognise this export yet");
    assert!(harness.query_by_label_contains("--preset").is_none());
    harness.get_by_label("Map the columns of zoho-deals.csv");
    harness.get_by_label_contains("tell us which column is which");
    // The guesses: deals, with every column of this export recognised by its name.
    let draft = harness
        .state()
        .mapping_draft()
        .expect("the mapping screen")
        .clone();
    assert_eq!(draft.object, revops_cockpit::model::RecordObject::Deal);
    assert_eq!(draft.choices.iter().filter(|c| c.is_some()).count(), 8);
    // The preview reads the amounts the way they will be stored.
    harness.get_by_label("18,000.00");
    // Choosing a field twice is caught before saving.
    harness
        .get_by_label("What the column \"Deal Name\" holds")
        .click();
    harness.run();
    // The list of fields scrolls: "Account" is below its fold.
    harness.get_by_label("Account").scroll_to_me();
    harness.run();
    harness.get_by_label("Account").click();
    harness.run();
    harness.get_by_label("Account is chosen for more than one column.");
    assert!(
        harness
            .state()
            .mapping_draft()
            .is_some_and(|d| !d.problems().is_empty())
    );
    harness
        .get_by_label("What the column \"Deal Name\" holds")
        .click();
    harness.run();
    harness.get_by_label("Name").scroll_to_me();
    harness.run();
    harness.get_by_label("Name").click();
    harness.run();
    assert!(
        harness
            .query_by_label("Account is chosen for more than one column.")
            .is_none()
    );
    // An unreadable value in the preview is marked, with the reason on hover.
    harness.get_by_label("someday");
    harness.get_by_label("Save mapping and import").click();
    settle(&mut harness);
    assert!(harness.state().mapping_draft().is_none());
    let batches = Workspace::open(&db)
        .expect("reopen")
        .batches()
        .expect("batches");
    assert_eq!(batches.len(), 1);
    assert_eq!(
        (batches[0].crm.as_str(), batches[0].rows_imported),
        ("mapped:zoho-deals", 3)
    );
    harness.get_by_label_contains("zoho-deals.csv: Mapped with \"zoho-deals\" — 3 new");
    harness.get_by_label("Saved column mappings (1)");
    let presets = Workspace::open(&db)
        .expect("reopen")
        .presets()
        .expect("presets");
    assert!(
        presets[0].mapping_json.contains("close_date"),
        "the chosen field was saved: {}",
        presets[0].mapping_json
    );
}

#[test]
fn an_sla_edited_in_the_view_is_saved_with_a_reason_as_a_new_version() {
    let (_dir, db, mut harness) = empty_app();
    harness.get_by_label("Definitions").click();
    settle(&mut harness);
    harness.get_by_label_contains("Version 1 in force");
    harness.get_by_label("Definitions v1");
    harness.get_by_label("No unsaved changes.");

    // Type a new amount for the MQL follow-up SLA.
    let amount = || eframe::egui::accesskit::Role::SpinButton;
    harness
        .get_by_role_and_label(amount(), "MQL to first sales touch")
        .click();
    harness.run();
    harness
        .get_by_role_and_label(amount(), "MQL to first sales touch")
        .type_text("4");
    harness.key_press(eframe::egui::Key::Enter);
    harness.run();
    harness.get_by_label("MQL to first sales touch: from 24 to 4 hours");
    assert!(
        harness.state().definitions_draft().is_some_and(|d| d
            .definitions
            .slas
            .mql_first_touch
            .amount
            != 24.0)
    );

    // Saving needs a reason.
    type_into(&mut harness, "Your name", "Dana");
    type_into(
        &mut harness,
        "Why (one line)",
        "Sales agreed to faster follow-up",
    );
    harness.get_by_label("Save as version 2").click();
    settle(&mut harness);

    harness.get_by_label_contains("Saved definitions version 2 (Sales agreed to faster follow-up)");
    harness.get_by_label("Definitions v2");
    harness.get_by_label("v2 (in force)");
    harness.get_by_label("Sales agreed to faster follow-up");
    let ws = Workspace::open(&db).expect("reopen");
    let versions = ws.definition_versions().expect("versions");
    assert_eq!(versions.len(), 2);
    assert_eq!(
        (versions[1].author.as_str(), versions[1].reason.as_str()),
        ("Dana", "Sales agreed to faster follow-up")
    );
    let (_, saved) = revops_cockpit::definitions::versions::current(&ws).expect("current");
    assert_eq!(
        Some(saved.slas.mql_first_touch.amount),
        harness
            .state()
            .definitions_draft()
            .map(|d| d.definitions.slas.mql_first_touch.amount)
    );
    assert_eq!(
        saved.slas.mql_first_touch.amount, 4.0,
        "the typed value replaced the old one"
    );
}

#[test]
fn a_raw_stage_no_mapping_covers_is_listed_and_mapped_in_the_view() {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("ws.sqlite");
    let csv = dir.path().join("deals.csv");
    std::fs::write(
        &csv,
        "Record ID,Deal Name,Deal Stage,Pipeline,Amount,Close Date,Create Date\n\
         1,Acme,securityreview,Sales,100,2025-06-01,2025-01-01\n\
         2,Beta,securityreview,Sales,200,2025-06-02,2025-01-02\n\
         3,Gamma,contractsent,Sales,300,2025-06-03,2025-01-03\n",
    )
    .expect("write");
    {
        let mut ws = Workspace::open(&db).expect("workspace");
        revops_cockpit::import::import_file(
            &mut ws,
            &csv,
            &Default::default(),
            &Default::default(),
        )
        .expect("import");
    }
    let mut harness = app(db.clone(), StartMode::Open);
    settle(&mut harness);
    harness.get_by_label("Definitions").click();
    settle(&mut harness);
    harness.get_by_label("Deal stages and mapping — 1 raw value(s) not mapped");
    harness.get_by_label("2 deal(s) in Sales");
    harness
        .get_by_role_and_label(eframe::egui::accesskit::Role::ComboBox, "securityreview")
        .click();
    harness.run();
    // The drop-down's option, not the "Negotiation" of the mapping table behind it.
    harness
        .get_by_role_and_label(eframe::egui::accesskit::Role::Button, "Negotiation")
        .click();
    harness.run();
    // The save form is below the mapping table: scroll to it as a person would.
    harness.get_by_label("Preview the impact").scroll_to_me();
    harness.run();
    harness.get_by_label("Preview the impact").click();
    settle(&mut harness);
    harness.get_by_label("2 deals move from unmapped to Negotiation");
    type_into(
        &mut harness,
        "Why (one line)",
        "Security review is part of negotiation",
    );
    harness.get_by_label("Save as version 2").click();
    settle(&mut harness);
    harness.get_by_label("Deal stages and mapping");
    let ws = Workspace::open(&db).expect("reopen");
    let (v, defs) = revops_cockpit::definitions::versions::current(&ws).expect("current");
    assert_eq!(v.id, 2);
    let stages: Vec<String> = ws
        .deals()
        .expect("deals")
        .iter()
        .map(|d| {
            revops_cockpit::definitions::apply::deal_stage_of(&defs, d)
                .map_or("unmapped".into(), |s| s.name.clone())
        })
        .collect();
    assert_eq!(stages, ["Negotiation", "Negotiation", "Negotiation"]);
}

#[test]
fn removing_a_mapped_deal_stage_asks_where_its_values_go() {
    use eframe::egui::accesskit::Role;
    let (_dir, db, mut harness) = empty_app();
    harness.get_by_label("Definitions").click();
    settle(&mut harness);
    harness.get_by_label("Deal stages and mapping").click();
    harness.run();
    harness.get_by_label("Remove the deal stage Demo").click();
    harness.run();
    // Demo is still there until the user says where its mapped values go.
    harness.get_by_label_contains("mapped value(s) point at Demo. Move them to");
    assert!(
        harness.state().definitions_draft().is_some_and(|d| d
            .definitions
            .deal_stages
            .iter()
            .any(|s| s.name == "Demo"))
    );
    harness
        .get_by_role_and_label(
            Role::ComboBox,
            "6 mapped value(s) point at Demo. Move them to",
        )
        .click();
    harness.run();
    harness
        .get_by_role_and_label(Role::Button, "Discovery")
        .click();
    harness.run();
    harness.get_by_label("Remove Demo and move them").click();
    harness.run();
    let draft = harness.state().definitions_draft().expect("draft").clone();
    assert!(
        draft
            .definitions
            .deal_stages
            .iter()
            .all(|s| s.name != "Demo")
    );
    assert!(
        draft
            .definitions
            .stage_mapping
            .iter()
            .all(|m| m.stage != "Demo")
    );
    assert!(revops_cockpit::definitions::validate::problems(&draft.definitions).is_empty());
    type_into(
        &mut harness,
        "Why (one line)",
        "We no longer run separate demos",
    );
    harness.get_by_label("Save as version 2").click();
    settle(&mut harness);
    let ws = Workspace::open(&db).expect("reopen");
    let (_, saved) = revops_cockpit::definitions::versions::current(&ws).expect("current");
    assert_eq!(saved.deal_stages.len(), 5);
    assert_eq!(
        revops_cockpit::definitions::apply::deal_stage(
            &saved,
            "hubspot",
            None,
            "presentationscheduled"
        )
        .map(|s| s.name.as_str()),
        Some("Discovery")
    );
}

/// Every message a background job sends, until its last.
fn messages_of(
    job: &revops_cockpit::app::jobs::RunningJob,
) -> Vec<revops_cockpit::app::jobs::Message> {
    use revops_cockpit::app::jobs::Message;
    let mut messages = Vec::new();
    let deadline = Instant::now() + Duration::from_secs(60);
    while !matches!(messages.last(), Some(Message::Last(_))) {
        assert!(Instant::now() < deadline, "the job did not finish");
        match job.poll() {
            Some(message) => messages.push(message),
            None => std::thread::sleep(Duration::from_millis(2)),
        }
    }
    messages
}

/// A workspace file holding `files` from the fixtures, each imported as found.
fn workspace_with(files: &[&str]) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("ws.sqlite");
    let mut ws = Workspace::open(&db).expect("workspace");
    for f in files {
        revops_cockpit::import::import_file(
            &mut ws,
            &fixture(f),
            &Default::default(),
            &Default::default(),
        )
        .expect("import");
    }
    (dir, db)
}

/// A workspace of the funnel fixtures, as of 2025-06-30.
pub(crate) fn funnel_workspace() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("ws.sqlite");
    let mut ws = Workspace::open(&db).expect("workspace");
    let options = revops_cockpit::import::ImportOptions {
        as_of: chrono::NaiveDate::from_ymd_opt(2025, 6, 30),
        ..Default::default()
    };
    for f in ["funnel-contacts.csv", "funnel-deals.csv"] {
        revops_cockpit::import::import_file(&mut ws, &fixture(f), &options, &Default::default())
            .expect("import");
    }
    (dir, db)
}

#[test]
fn the_funnel_follows_the_quarter_and_segment_and_lists_the_records_behind_a_count() {
    use eframe::egui::accesskit::Role;
    let (_dir, db) = funnel_workspace();
    let mut harness = on_the_funnel(db);
    // The data is as of 2025-06-30, so the funnel opens on 2025-Q2: only c7 was created then.
    harness.get_by_label("2025-Q2 · Cohort · definitions v1");
    // The records are read from the store into memory once and kept while the workspace
    // is unchanged: every quarter and filter below reuses the same copy.
    let data = |h: &Harness<'static, CockpitApp>| {
        h.state()
            .funnel_result()
            .map(|r| r.tables.clone())
            .expect("computed")
    };
    let loaded = data(&harness);
    harness
        .get_by_role_and_label(Role::ComboBox, "Period")
        .click();
    harness.run();
    harness
        .get_by_role_and_label(Role::Button, "2025-Q1")
        .click();
    settle(&mut harness);
    harness.get_by_label("2025-Q1 · Cohort · definitions v1");
    // Every column of the stage table has its header; a quarter without records shows
    // "—", not 0.
    for header in ["2024-Q4", "Δ records", "Δ conversion", "2024-Q1"] {
        harness.get_by_label(header);
    }
    // The trend starts at the first quarter with records: c5, created 2024-12-20.
    harness.get_by_label("Conversion to the next stage, since 2024-Q4");
    // Customer's "to next" and days (4), the last two stages' change in conversion (2),
    // and all of 2024-Q1 (5).
    assert_eq!(harness.query_all_by_label("—").count(), 4 + 2 + 5);
    let counts = |h: &Harness<'static, CockpitApp>| -> Vec<usize> {
        h.state()
            .funnel_result()
            .map(|r| r.funnel.stages.iter().map(|s| s.count).collect())
            .unwrap_or_default()
    };
    assert_eq!(counts(&harness), [5, 5, 4, 2, 1]);
    harness.get_by_label("4 at SQL");
    // The win rate opens the four deals closed in Q1 (d1 d2 d5 won, d3 lost); d4 is open.
    // (The breakdown's total row says 75.0% too, further down: the card is first.)
    harness
        .get_all_by_label("75.0%")
        .next()
        .expect("the win-rate card")
        .click();
    harness.run();
    harness
        .get_by_label("The 4 deals closed (won or lost) behind these numbers")
        .scroll_to_me();
    harness.run();
    for id in ["d1", "d2", "d3", "d5"] {
        harness.get_by_label(id);
    }
    assert!(harness.query_by_label("d4").is_none(), "d4 is still open");
    harness
        .get_all_by_label("75.0%")
        .next()
        .expect("the win-rate card")
        .click();
    harness.run();
    assert!(
        harness.query_by_label("d1").is_none(),
        "a second click closes the list"
    );
    harness.get_by_label_contains("no revenue target for it yet");
    harness.get_by_label("Sales");
    // Created in Q1 in pipeline "Sales": d1 d2 won, d3 lost, d4 d7 open (d5 was created in 2024).
    harness.get_by_label("won 2");
    harness.get_by_label("lost 1");
    harness.get_by_label("5 created");

    harness
        .get_by_role_and_label(Role::ComboBox, "Segment")
        .click();
    harness.run();
    harness
        .get_by_role_and_label(Role::Button, "Enterprise")
        .click();
    settle(&mut harness);
    assert_eq!(counts(&harness), [2, 2, 2, 1, 0]);
    harness.get_by_label("1 at Opportunity").click();
    harness.run();
    harness.get_by_label("The 1 records counted at Opportunity");
    harness.get_by_label("c4");
    assert!(
        harness.query_by_label("c3").is_none(),
        "c3 never reached opportunity"
    );
    harness.get_by_label("2 at MQL").click();
    harness.run();
    harness.get_by_label("c3");
    harness.get_by_label("skipped");

    // Filters combine: Enterprise and EMEA leaves c4 (c3 is in APAC).
    harness
        .get_by_role_and_label(Role::ComboBox, "Region")
        .click();
    harness.run();
    harness.get_by_role_and_label(Role::Button, "EMEA").click();
    settle(&mut harness);
    assert_eq!(counts(&harness), [1, 1, 1, 1, 0]);
    harness
        .get_by_role_and_label(Role::ComboBox, "Segment")
        .click();
    harness.run();
    harness
        .get_by_role_and_label(Role::Button, "All segments")
        .click();
    settle(&mut harness);
    // EMEA alone: c1 c2 c4 c6 created in Q1; c2 stops at MQL; c1 and c4 reach
    // opportunity; c1 becomes a customer.
    assert_eq!(counts(&harness), [4, 4, 3, 2, 1]);
    assert!(
        Arc::ptr_eq(&loaded, &data(&harness)),
        "a new quarter or filter recomputes over memory, not the database"
    );
    assert_eq!((loaded.contacts.len(), loaded.deals.len()), (7, 7));

    // An import changes the workspace: the next recompute reads it afresh.
    drop_file(&mut harness, "hubspot-deals.csv");
    harness.get_by_label("Funnel").click();
    settle(&mut harness);
    let reloaded = data(&harness);
    assert!(!Arc::ptr_eq(&loaded, &reloaded));
    assert_eq!(reloaded.deals.len(), 10, "the three new deals are in");
}

/// The rows of the CSV file at `path`: its header, then each record.
fn csv_rows(path: &Path) -> Vec<Vec<String>> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_path(path)
        .expect("the saved file");
    reader
        .records()
        .map(|r| r.expect("a row").iter().map(str::to_owned).collect())
        .collect()
}

#[test]
fn the_records_behind_a_funnel_count_save_as_csv_from_a_worker() {
    use revops_cockpit::view_model::command::Command;
    use revops_cockpit::view_model::command::ExportList;
    let (dir, db) = funnel_workspace();
    let mut harness = on_the_funnel(db);
    harness.state_mut().apply(Command::SetPeriod(
        revops_cockpit::definitions::fiscal::Quarter::parse("2025-Q1").expect("quarter"),
    ));
    settle(&mut harness);
    harness.get_by_label("5 at MQL").click();
    harness.run();
    harness.get_by_label("The 5 records counted at MQL");
    // What the Export button asks for, with the file dialog answered.
    let mql = dir.path().join("mql.csv");
    harness
        .state_mut()
        .apply(Command::ExportTo(ExportList::FunnelStage(1), mql.clone()));
    settle(&mut harness);
    harness.get_by_label_contains("Saved");
    let rows = csv_rows(&mql);
    assert_eq!(
        (rows[0][0].as_str(), rows[0][10].as_str()),
        ("record id", "mql")
    );
    // Created in Q1 and counted at MQL: c5 was created in 2024, c7 in Q2; c3 went
    // straight to SQL and is counted as having skipped it.
    let ids: Vec<&str> = rows[1..].iter().map(|r| r[0].as_str()).collect();
    assert_eq!(ids, ["c1", "c2", "c3", "c4", "c6"]);
    assert_eq!(
        (rows[1][10].as_str(), rows[3][10].as_str()),
        ("2025-01-15", "")
    );
    let note = &rows[1][14];
    assert!(
        note.contains("2025-Q1") && note.contains("definitions v1"),
        "{note}"
    );

    // The deals behind the win rate: d1, d2 and d5 won, d3 lost in Q1.
    let closed = dir.path().join("closed.csv");
    harness.state_mut().apply(Command::ExportTo(
        ExportList::FunnelDeals(revops_cockpit::view_model::funnel::DealList::Closed),
        closed.clone(),
    ));
    settle(&mut harness);
    let rows = csv_rows(&closed);
    let ids: Vec<&str> = rows[1..].iter().map(|r| r[0].as_str()).collect();
    assert_eq!(ids, ["d1", "d2", "d3", "d5"]);
    assert_eq!(rows[1][7], "won");
    assert_eq!(rows[3][7], "lost");
}

#[test]
fn the_funnel_keeps_its_tables_and_the_next_open_reads_them_back() {
    let (_dir, db) = funnel_workspace();
    // The Funnel on screen, its records read and all work done; `kept` says where the
    // tables came from, and the numbers are every count the view shows.
    let open = |db: &PathBuf| {
        let harness = on_the_funnel(db.clone());
        let r = harness.state().funnel_result().expect("numbers");
        assert!(r.details_ready());
        let numbers = format!("{:?} {:?} {:?}", r.funnel, r.deals, r.breakdown);
        (r.tables.kept, numbers)
    };
    let kept = |db: &PathBuf| {
        Workspace::open(db)
            .and_then(|ws| ws.kept_tables())
            .expect("read")
    };

    let (from_kept, built) = open(&db);
    assert!(!from_kept, "built from the records the first time");
    // As of 2025-06-30 it opens on 2025-Q2: c7 created then, at MQL.
    assert!(built.contains("name: \"MQL\", count: 1"), "{built}");
    let first = kept(&db).expect("kept once the check passed and nothing else ran");

    let (from_kept, again) = open(&db);
    assert!(from_kept, "read back the next time");
    assert_eq!(again, built, "the same numbers");
    assert_eq!(kept(&db), Some(first.clone()), "kept as they were");

    // Damaged kept tables are not used: the numbers are built from the records again and
    // whole tables kept in their place.
    let conn = rusqlite::Connection::open(&db).expect("open");
    conn.execute("UPDATE kept_tables SET tables = x'0102'", [])
        .expect("damage");
    drop(conn);
    let (from_kept, rebuilt) = open(&db);
    assert!(!from_kept);
    assert_eq!(rebuilt, built);
    let replaced = kept(&db).expect("kept again");
    assert_eq!(replaced.1, first.1, "the same tables");

    // An import changes the records: the tables are built again and kept for them.
    let mut harness = app(db.clone(), StartMode::Open);
    settle(&mut harness);
    drop_file(&mut harness, "hubspot-deals.csv");
    harness.get_by_label("Funnel").click();
    settle(&mut harness);
    let r = harness.state().funnel_result().expect("numbers");
    assert!(!r.tables.kept);
    assert_eq!(r.tables.deals.len(), 10, "the three new deals are in");
    let (generation, _) = kept(&db).expect("kept for the new records");
    assert_eq!(generation, r.tables.generation);
    assert_ne!(generation, first.0);
}

#[test]
fn the_funnel_shows_its_numbers_before_the_records_behind_them_are_read() {
    let (_dir, db) = funnel_workspace();
    // The job sends the numbers first, then the records behind them.
    use revops_cockpit::app::jobs::{Job, JobOutcome, Message, RunningJob};
    use revops_cockpit::view_model::funnel::FunnelQuery;
    let query = FunnelQuery {
        period: revops_cockpit::definitions::fiscal::Quarter::parse("2025-Q1").expect("quarter"),
        mode: Default::default(),
        filter: revops_cockpit::metrics::Filter::all(),
        breakdown_by: revops_cockpit::metrics::Dimension::Segment,
        definitions_version: 1,
        batches: vec![1, 2],
        generation: Workspace::open(&db)
            .and_then(|ws| ws.generation())
            .expect("generation"),
    };
    let job = RunningJob::start(
        Job::ComputeFunnel {
            query: Box::new(query),
            tables: None,
        },
        db.clone(),
        || {},
    )
    .expect("start");
    match messages_of(&job).as_slice() {
        [
            Message::Early(JobOutcome::Funnel(Ok(numbers))),
            Message::Last(JobOutcome::FunnelDetails {
                query,
                details: Ok(details),
            }),
        ] => {
            assert!(
                !numbers.details_ready(),
                "the numbers come without the records"
            );
            assert_eq!(**query, numbers.query);
            let counted: usize = numbers.funnel.stages.iter().map(|s| s.count).sum();
            assert!(counted > 0);
            for stage in &numbers.funnel.stages {
                for &i in &stage.records {
                    assert!(details.contacts.get(i).is_some(), "{i} at {}", stage.name);
                }
            }
        }
        other => panic!("unexpected messages: {other:?}"),
    }

    // In the app: the lists read from the records once they are in.
    let harness = on_the_funnel(db);
    let r = harness.state().funnel_result().expect("numbers");
    assert!(r.details_ready());
    // Every contact the funnel counts has its full record, for the lists.
    for stage in &r.funnel.stages {
        for &i in &stage.records {
            assert!(r.contact(i).is_some(), "{} at {}", i, stage.name);
        }
    }
}

#[test]
fn the_leaks_show_their_counts_before_the_records_behind_them_are_read() {
    use revops_cockpit::app::jobs::{Job, JobOutcome, Message, RunningJob};
    use revops_cockpit::view_model::leaks::LeaksQuery;
    let (_dir, db) = crate::leaks::leak_workspace_file();
    let batches = Workspace::open(&db)
        .and_then(|ws| ws.batches())
        .expect("batches")
        .iter()
        .map(|b| b.id)
        .collect();
    let query = LeaksQuery {
        period: revops_cockpit::definitions::fiscal::Quarter::parse("2025-Q3").expect("quarter"),
        definitions_version: 2,
        batches,
        generation: Workspace::open(&db)
            .and_then(|ws| ws.generation())
            .expect("generation"),
    };
    let job = RunningJob::start(
        Job::ComputeLeaks {
            query: Box::new(query),
            leads: None,
        },
        db,
        || {},
    )
    .expect("start");
    match messages_of(&job).as_slice() {
        [
            Message::Early(JobOutcome::Leaks(Ok(counts))),
            Message::Last(JobOutcome::LeakLists(Ok(lists))),
        ] => {
            assert!(!counts.lists_ready && counts.lists.is_empty());
            assert_eq!(lists.query, counts.query);
            let leaked: usize = counts.report.leaks.iter().map(|l| l.records.len()).sum();
            assert!(leaked > 0, "the fixture leaks");
            // Each leak's list holds every record its count counts, each named by its id
            // from the contact or deal read back for it.
            let list_of = |kind| lists.lists.iter().find(|l| l.kind == kind);
            for leak in &counts.report.leaks {
                let list = &list_of(leak.kind).expect("a list for each leak").records;
                assert_eq!(list.len(), leak.records.len(), "{:?}", leak.kind);
                for i in 0..list.len() {
                    let row = list
                        .get(i, revops_cockpit::leaks::WorkListColumn::Record, false)
                        .expect("a row");
                    assert!(!row.source_id.is_empty(), "{:?} row {i}", leak.kind);
                }
            }
            let stalled = list_of(revops_cockpit::leaks::LeakKind::StalledDeal)
                .map_or(0, |l| l.records.len());
            assert!(stalled > 0, "the fixture has stalled deals");
        }
        other => panic!("unexpected messages: {other:?}"),
    }
}

#[test]
fn the_history_compares_any_two_versions_and_restores_one() {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("ws.sqlite");
    {
        let ws = Workspace::open(&db).expect("workspace");
        let (_, mut d) = revops_cockpit::definitions::versions::current(&ws).expect("v1");
        d.slas.won_to_kickoff.amount = 24.0;
        revops_cockpit::definitions::versions::save(&ws, &d, "Dana", "Kickoff within a day")
            .expect("v2");
        d.fiscal_year_start_month = 2;
        revops_cockpit::definitions::versions::save(
            &ws,
            &d,
            "Dana",
            "Fiscal year starts in February",
        )
        .expect("v3");
    }
    let mut harness = app(db.clone(), StartMode::Open);
    settle(&mut harness);
    harness.get_by_label("Definitions").click();
    settle(&mut harness);
    harness.get_by_label("Compare").scroll_to_me();
    harness.run();
    harness.get_by_label("Compare").click();
    settle(&mut harness);
    harness.get_by_label("From v1 to v3:");
    harness.get_by_label("Fiscal year starts in: from January to February");
    harness.get_by_label("Closed-won to onboarding kickoff: from 48 to 24 hours");
    // Restoring v1 makes it current again as v4; nothing is overwritten.
    harness
        .get_by_label("Restore v1: make it current again, as a new version")
        .click();
    settle(&mut harness);
    harness.get_by_label_contains("Definitions version 1 is in force again, as version 4");
    let ws = Workspace::open(&db).expect("reopen");
    assert_eq!(ws.definition_versions().expect("versions").len(), 4);
}

#[test]
fn a_backup_is_restored_in_one_action_from_the_workspace_menu() {
    let (_dir, db, mut harness) = empty_app();
    drop_file(&mut harness, "pipedrive-deals.csv");
    drop_file(&mut harness, "cs-accounts.csv");
    assert_eq!(harness.state().batches().len(), 2);
    let newest = revops_cockpit::workspace::list_backups(&db)[0].name.clone();
    harness.get_by_label("Workspace: ws.sqlite").click();
    harness.run();
    harness.get_by_label("Restore a backup").hover();
    harness.run();
    harness.get_by_label(&newest).click();
    settle(&mut harness);
    harness.get_by_label_contains("Restored the workspace from the backup");
    assert_eq!(
        harness.state().batches().len(),
        1,
        "back to before the second import"
    );
}

#[test]
fn a_damaged_workspace_offers_its_latest_backup_instead_of_failing() {
    let (_dir, db) = workspace_with(&["pipedrive-deals.csv", "cs-accounts.csv"]);
    // Scribble over every page but the first (the header stays readable).
    let mut bytes = std::fs::read(&db).expect("read");
    let page = usize::try_from(revops_cockpit::workspace::PAGE_SIZE).expect("page size");
    for b in bytes.iter_mut().skip(page) {
        *b = 0xA5;
    }
    std::fs::write(&db, bytes).expect("damage");
    let err = Workspace::open(&db).expect_err("refused");
    assert!(
        matches!(
            err,
            revops_cockpit::workspace::WorkspaceError::Damaged {
                latest_backup: Some(_),
                ..
            }
        ),
        "{err}"
    );

    let mut harness = app(db.clone(), StartMode::Open);
    settle(&mut harness);
    harness.get_by_label_contains("is damaged");
    harness.get_by_label("Restore the latest backup").click();
    settle(&mut harness);
    harness.get_by_label_contains("the damaged file is kept as");
    assert_eq!(
        harness.state().batches().len(),
        1,
        "the backup taken before the second import"
    );
    assert!(
        Workspace::open(&db)
            .expect("opens again")
            .integrity_ok()
            .expect("check")
    );
}

/// The app opened on `db`, on the Handoff leaks view with the stalled deals' records
/// scrolled to.
fn on_the_stalled_deals(db: PathBuf) -> Harness<'static, CockpitApp> {
    let mut harness = app(db, StartMode::Open);
    settle(&mut harness);
    harness.get_by_label("Handoff leaks").click();
    settle(&mut harness);
    harness.get_by_label("Stalled deals").click();
    harness.run();
    // The list is below the fold of a laptop's window: scrolled to, as a lead would.
    harness.get_by_label("The 2 records").scroll_to_me();
    harness.run();
    harness
}

#[test]
fn a_leak_opens_on_its_records_and_follows_an_sla_saved_in_definitions() {
    let (_dir, db) = crate::leaks::leak_workspace_file();
    let mut harness = on_the_stalled_deals(db);
    // The data is as of 2025-09-30, so the view opens on 2025-Q3.
    harness.get_by_label_contains("2025-Q3 · as of 2025-09-30 · definitions v2");
    harness.get_by_label("Sales to Customer Success");
    harness.get_by_label("d1").scroll_to_me();
    harness.run();
    harness.get_by_label("d1");
    harness.get_by_label("d2");
    harness.get_by_label_contains("61 days in Proposal");
    assert!(harness.query_by_label("d3").is_none(), "d3 is recent");
    // Most overdue first (d2 is 16 days past its close date, d1 31 days past its idle
    // limit); sorting by days late again puts the least overdue first.
    let above = |h: &Harness<'static, CockpitApp>, a: &str, b: &str| {
        h.get_by_label(a).rect().top() < h.get_by_label(b).rect().top()
    };
    assert!(above(&harness, "d1", "d2"));
    harness.get_by_label("Days late v").click();
    harness.run();
    assert!(above(&harness, "d2", "d1"));
    harness.get_by_label("Days late ^").click();
    harness.run();

    // Another quarter reuses the contacts as the leaks read them; a definitions change
    // reads them again.
    let data = |h: &Harness<'static, CockpitApp>| {
        h.state()
            .leaks_result()
            .map(|r| r.leads.clone())
            .expect("computed")
    };
    let loaded = data(&harness);
    harness
        .get_by_role_and_label(eframe::egui::accesskit::Role::ComboBox, "Period")
        .click();
    harness.run();
    harness
        .get_by_role_and_label(eframe::egui::accesskit::Role::Button, "2025-Q2")
        .click();
    settle(&mut harness);
    harness.get_by_label_contains("2025-Q2 · as of 2025-09-30 · definitions v2");
    assert!(Arc::ptr_eq(&loaded, &data(&harness)), "the same lead table");
    assert_eq!(loaded.table.len(), loaded.keys.len());
    harness
        .get_by_role_and_label(eframe::egui::accesskit::Role::ComboBox, "Period")
        .click();
    harness.run();
    harness
        .get_by_role_and_label(eframe::egui::accesskit::Role::Button, "2025-Q3")
        .click();
    settle(&mut harness);
    harness.get_by_label_contains("2025-Q3 · as of 2025-09-30 · definitions v2");
    assert!(Arc::ptr_eq(&loaded, &data(&harness)));
    harness.get_by_label("Stalled deals").click();
    harness.run();

    // Idle limit 30 → 90 days in Definitions: d1 (61 days idle) drops out of the leak.
    harness.get_by_label("Definitions").click();
    settle(&mut harness);
    let amount = eframe::egui::accesskit::Role::SpinButton;
    harness
        .get_by_role_and_label(amount, "Idle in one deal stage")
        .scroll_to_me();
    harness.run();
    harness
        .get_by_role_and_label(amount, "Idle in one deal stage")
        .click();
    harness.run();
    harness
        .get_by_role_and_label(amount, "Idle in one deal stage")
        .type_text("90");
    harness.key_press(eframe::egui::Key::Enter);
    harness.run();
    // The impact preview shows the leak count the change would move.
    harness.get_by_label("Preview the impact").scroll_to_me();
    harness.run();
    harness.get_by_label("Preview the impact").click();
    settle(&mut harness);
    harness.get_by_label_contains(
        "2025-Q3 Stalled deals: 2 leaked before, 1 after (revenue at stake 70,000 USD before, 20,000 USD after)",
    );
    type_into(&mut harness, "Your name", "Dana");
    type_into(
        &mut harness,
        "Why (one line)",
        "Enterprise deals move slower",
    );
    harness.get_by_label("Save as version 3").click();
    settle(&mut harness);
    harness.get_by_label("Handoff leaks").click();
    settle(&mut harness);
    harness.get_by_label_contains("· definitions v3 · every leak");
    harness.get_by_label("Trend recomputed under definitions v3.");
    assert!(
        !Arc::ptr_eq(&loaded, &data(&harness)),
        "read again under v3"
    );
    harness.get_by_label("The 1 records");
    harness.get_by_label("d2");
    assert!(
        harness.query_by_label("d1").is_none(),
        "d1 is within the new limit"
    );
}

#[test]
fn a_leaks_records_save_as_csv_in_the_order_the_table_shows() {
    use revops_cockpit::leaks::LeakKind;
    use revops_cockpit::view_model::command::Command;
    use revops_cockpit::view_model::command::ExportList;
    let (dir, db) = crate::leaks::leak_workspace_file();
    let mut harness = on_the_stalled_deals(db);
    let save = |h: &mut Harness<'static, CockpitApp>, name: &str| {
        let to = dir.path().join(name);
        h.state_mut().apply(Command::ExportTo(
            ExportList::Leak(LeakKind::StalledDeal),
            to.clone(),
        ));
        settle(h);
        let rows = csv_rows(&to);
        assert_eq!(rows[0][0], "record id");
        rows[1..].to_vec()
    };
    // Most overdue first, as on screen: d1 is 31 days past its idle limit, d2 16 days
    // past its close date.
    let rows = save(&mut harness, "stalled.csv");
    let ids: Vec<&str> = rows.iter().map(|r| r[0].as_str()).collect();
    assert_eq!(ids, ["d1", "d2"]);
    assert_eq!(
        (rows[0][1].as_str(), rows[0][11].as_str()),
        ("deal", "31.0")
    );
    assert_eq!(
        rows[0][14],
        "Stalled deals · 2025-Q3 · as of 2025-09-30 · definitions v2"
    );
    // Sorted the other way on screen, saved the other way.
    harness.get_by_label("Days late v").scroll_to_me();
    harness.run();
    harness.get_by_label("Days late v").click();
    harness.run();
    let rows = save(&mut harness, "stalled-least-late-first.csv");
    let ids: Vec<&str> = rows.iter().map(|r| r[0].as_str()).collect();
    assert_eq!(ids, ["d2", "d1"]);
}

#[test]
fn teams_time_zone_and_a_stage_idle_limit_are_edited_in_the_view() {
    let (_dir, db, mut harness) = empty_app();
    harness.get_by_label("Definitions").click();
    settle(&mut harness);
    type_into(&mut harness, "Time zone", "Europe/Nowhere");
    harness.get_by_label("not a time zone name such as America/New_York");
    harness.get_by_label("Time zone").click();
    harness.run();
    harness.key_press_modifiers(eframe::egui::Modifiers::COMMAND, eframe::egui::Key::A);
    harness.get_by_label("Time zone").type_text("Europe/Berlin");
    harness.run();
    assert!(
        harness
            .query_by_label("not a time zone name such as America/New_York")
            .is_none()
    );
    harness.get_by_label("Negotiation: own idle limit").click();
    harness.run();
    harness.get_by_label("Teams").click();
    harness.run();
    harness.get_by_label("Add a team").scroll_to_me();
    harness.run();
    harness.get_by_label("Add a team").click();
    harness.run();
    type_into(&mut harness, "Owner to add", "Lena Vogel");
    harness
        .get_by_label("Add the owner typed above to Team 1")
        .click();
    harness.run();
    harness.get_by_label("Remove Lena Vogel from Team 1");
    type_into(&mut harness, "Your name", "Dana");
    type_into(
        &mut harness,
        "Why (one line)",
        "Berlin office hours and teams",
    );
    harness.get_by_label("Save as version 2").click();
    settle(&mut harness);
    let ws = Workspace::open(&db).expect("reopen");
    let (_, saved) = revops_cockpit::definitions::versions::current(&ws).expect("current");
    assert_eq!(saved.calendar.time_zone.as_deref(), Some("Europe/Berlin"));
    assert_eq!(saved.teams.len(), 1);
    assert_eq!(saved.teams[0].members, ["Lena Vogel"]);
    let negotiation = saved
        .deal_stages
        .iter()
        .find(|s| s.name == "Negotiation")
        .expect("stage");
    assert_eq!(negotiation.idle_limit, Some(saved.slas.idle_in_stage));
}

#[test]
fn an_import_past_its_last_row_says_it_is_saving_not_reading() {
    use revops_cockpit::progress::Progress;
    use revops_cockpit::ui::import_view::import_view_ui;
    use revops_cockpit::view_model::import::{ImportViewModel, ProgressView};
    let shown = |finishing: bool| {
        let progress = ProgressView {
            label: "Importing contacts.csv".to_owned(),
            progress: Progress {
                bytes_read: 245_000_000,
                total_bytes: 245_000_000,
                rows_read: 1_000_000,
                finishing,
            },
            elapsed: Duration::from_secs(3),
            cancellable: true,
            cancelling: false,
        };
        let mut harness = Harness::new_ui(move |ui| {
            let model = ImportViewModel {
                batches: &[],
                presets: &[],
                as_of_text: "",
                loaded: true,
                selected: None,
                detail: None,
                progress: Some(progress.clone()),
                busy: true,
                hovering_files: false,
            };
            import_view_ui(ui, &model);
        });
        harness.run_steps(2);
        harness
    };
    let reading = shown(false);
    reading.get_by_label_contains("1,000,000 rows · ");
    assert!(
        reading.query_by_label_contains("saving them").is_none(),
        "still reading"
    );
    let finishing = shown(true);
    finishing.get_by_label_contains(
        "All 1,000,000 rows read · saving them to the workspace and building its indexes",
    );
    assert!(finishing.query_by_label_contains("rows/s").is_none());
}

#[test]
fn damage_the_first_reads_miss_is_found_after_them_and_their_numbers_withdrawn() {
    use revops_cockpit::workspace::{WorkspaceError, check_file};
    let (_dir, db) = workspace_with(&[
        "hubspot-contacts.csv",
        "pipedrive-deals.csv",
        "cs-accounts.csv",
    ]);
    // Break the page of an index only the rejected-rows list reads.
    crate::common::damage_root_page(&db, "row_issues_batch");
    // The views' first reads succeed; only the whole-file check finds it.
    assert_eq!(
        Workspace::reopen(&db)
            .and_then(|ws| ws.batches())
            .expect("read")
            .len(),
        3
    );
    assert!(matches!(
        check_file(&db),
        Err(WorkspaceError::Damaged {
            latest_backup: Some(_),
            ..
        })
    ));

    let mut harness = app(db.clone(), StartMode::Open);
    settle(&mut harness);
    harness.get_by_label_contains("is damaged");
    assert!(
        harness.state().batches().is_empty(),
        "no batch of the damaged file is shown"
    );
    harness.get_by_label("Funnel").click();
    settle(&mut harness);
    assert!(
        harness.state().funnel_result().is_none(),
        "no numbers from it"
    );
    // The notice starts as a sentence, and dismissing it does not take the way out.
    harness.get_by_label_contains("The workspace ");
    harness.get_by_label("Dismiss").click();
    settle(&mut harness);
    assert!(harness.query_by_label_contains("is damaged").is_none());
    harness.get_by_label_contains("Nothing is shown from a damaged file");
    harness.get_by_label("Restore the latest backup").click();
    settle(&mut harness);
    harness.get_by_label_contains("the damaged file is kept as");
    assert_eq!(
        harness.state().batches().len(),
        2,
        "the backup taken before the third import"
    );
    assert!(harness.state().funnel_result().is_some());
}

#[test]
fn the_damage_check_waits_for_the_first_reads_and_a_write_waits_for_the_check() {
    use revops_cockpit::app::DamageCheck;
    let (_first_dir, first) = workspace_with(&["hubspot-contacts.csv"]);
    let (_dir, db) = workspace_with(&["hubspot-contacts.csv"]);
    let batches = || -> i64 {
        rusqlite::Connection::open(&db)
            .and_then(|c| c.query_row("SELECT count(*) FROM batches", [], |r| r.get(0)))
            .expect("batches")
    };
    let mut harness = app(first, StartMode::Open);
    settle(&mut harness);
    assert_eq!(harness.state().damage_check(), DamageCheck::Finished);
    // Another workspace opened: its first read is queued and the whole-file check waits
    // behind it.
    harness
        .state_mut()
        .apply(revops_cockpit::view_model::command::Command::OpenWorkspace(
            db.clone(),
        ));
    assert_eq!(harness.state().damage_check(), DamageCheck::Waiting);
    assert!(harness.state().is_busy());
    // A file dropped now is imported once the check has passed: not before, not never.
    harness
        .input_mut()
        .dropped_files
        .push(Arc::new(Dropped(fixture("pipedrive-deals.csv"))));
    let deadline = Instant::now() + Duration::from_secs(60);
    while batches() == 1 {
        assert!(Instant::now() < deadline, "the file was not imported");
        harness.step();
        std::thread::sleep(Duration::from_millis(1));
    }
    assert_eq!(
        harness.state().damage_check(),
        DamageCheck::Finished,
        "imported before the check was done"
    );
    settle(&mut harness);
    assert_eq!(batches(), 2);
    assert!(harness.query_by_label_contains("is damaged").is_none());
}

#[test]
fn a_damaged_workspace_without_a_backup_shows_no_numbers_and_takes_no_writes() {
    let (_dir, db) = workspace_with(&["hubspot-contacts.csv"]);
    std::fs::remove_dir_all(revops_cockpit::workspace::backup_dir(&db)).expect("no backups");
    crate::common::damage_root_page(&db, "row_issues_batch");

    let mut harness = app(db.clone(), StartMode::Open);
    settle(&mut harness);
    harness.get_by_label_contains("is damaged");
    harness.get_by_label_contains("There is no backup of it");
    assert!(harness.state().batches().is_empty());
    assert!(
        harness
            .query_by_label("Restore the latest backup")
            .is_none()
    );
    // A file dropped on the window is not imported into it.
    drop_file(&mut harness, "pipedrive-deals.csv");
    harness.get_by_label_contains("is damaged");
    let batches: i64 = rusqlite::Connection::open(&db)
        .and_then(|c| c.query_row("SELECT count(*) FROM batches", [], |r| r.get(0)))
        .expect("batches");
    assert_eq!(batches, 1, "nothing was imported into the damaged file");
    // Every view says why it shows nothing, rather than waiting or asking for an import.
    for view in ["Import", "Funnel", "Handoff leaks", "Definitions"] {
        harness.get_by_label(view).click();
        settle(&mut harness);
        harness.get_by_label_contains("Nothing is shown from a damaged file");
        for misleading in ["No data yet", "Reading the definitions", "Load sample data"] {
            assert!(
                harness.query_by_label_contains(misleading).is_none(),
                "{view} says {misleading}"
            );
        }
    }
    harness.get_by_label_contains("Workspace: ").click();
    harness.run();
    assert!(
        harness
            .get_by_label("Import files…")
            .accesskit_node()
            .is_disabled(),
        "no import into the damaged file"
    );
    assert!(
        !harness
            .get_by_label("Open workspace…")
            .accesskit_node()
            .is_disabled()
    );
}

#[test]
fn the_first_frame_makes_room_for_every_glyph_the_views_then_draw() {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("ws.sqlite");
    let mut harness = app(db, StartMode::FirstLaunch);
    settle(&mut harness);
    // A bigger atlas is a new image, copied and sent to the GPU whole, in whichever frame
    // first draws a glyph that does not fit.
    let atlas = |h: &Harness<'static, CockpitApp>| h.ctx.fonts(|f| f.font_image_size());
    let warmed = atlas(&harness);

    let mut grew = Vec::new();
    for view in ["Funnel", "Handoff leaks", "Definitions", "Import", "Funnel"] {
        harness.get_by_label(view).click();
        settle(&mut harness);
        if atlas(&harness) != warmed {
            grew.push(view);
        }
    }
    // A leak's list of records, as a lead opens it.
    harness.get_by_label("Handoff leaks").click();
    settle(&mut harness);
    harness.get_by_label("Stalled deals").click();
    harness.run();
    if atlas(&harness) != warmed {
        grew.push("a leak's records");
    }
    assert!(
        grew.is_empty(),
        "the font atlas grew from {warmed:?} to {:?} in {grew:?}",
        atlas(&harness)
    );
}

#[test]
fn won_deals_nobody_priced_are_said_on_the_cards_not_averaged_as_zero() {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("ws.sqlite");
    {
        let mut ws = Workspace::open(&db).expect("workspace");
        for f in ["hubspot-contacts.csv", "hubspot-unpriced-only.csv"] {
            revops_cockpit::import::import_file(
                &mut ws,
                &fixture(&format!("won-unpriced/{f}")),
                &crate::common::as_of(2025, 9, 30),
                &Default::default(),
            )
            .expect("import");
        }
    }
    let harness = on_the_funnel(db);
    assert_eq!(harness.query_all_by_label("no priced won deals").count(), 2);
    harness.get_by_label_contains(
        "2 won deals without an amount are not in the average and median won deal",
    );
}

#[test]
fn a_leak_says_how_many_of_its_records_another_leak_of_the_handoff_also_counts() {
    let (_dir, db) = crate::leaks::leak_workspace_file();
    let mut harness = app(db, StartMode::Open);
    settle(&mut harness);
    harness.get_by_label("Handoff leaks").click();
    settle(&mut harness);
    harness
        .get_by_label("MQLs not accepted by sales in time")
        .click();
    harness.run();
    // k3 was neither accepted nor touched: one record, counted once on the map.
    harness.get_by_label(
        "1 of these is also in \"Slow first sales touch\": the handoff map counts each record once.",
    );
}

#[test]
fn the_owner_breakdown_says_who_owns_leads_and_who_owns_deals_and_totals_them() {
    use revops_cockpit::view_model::command::Command;
    let (_dir, db) = funnel_workspace();
    let mut harness = on_the_funnel(db);
    harness.state_mut().apply(Command::SetPeriod(
        revops_cockpit::definitions::fiscal::Quarter::parse("2025-Q1").expect("quarter"),
    ));
    harness.state_mut().apply(Command::SetFunnelBreakdown(
        revops_cockpit::metrics::Dimension::Owner,
    ));
    settle(&mut harness);
    // Jordan and Priya own the contacts, Sofia and Daniel the deals.
    assert_eq!(harness.query_all_by_label("lead owner").count(), 2);
    assert_eq!(harness.query_all_by_label("deal owner").count(), 2);
    harness.get_by_label("Total");
    // Jordan's MQLs, with the conversion from Lead: 2 of 2.
    harness.get_by_label("2 · 100.0%");
}

#[test]
fn a_late_copied_export_opens_on_the_quarter_of_its_records_and_a_small_import_moves_nothing() {
    // Files copied today: their as-of is today, their records are of 2025-Q1 (the newest,
    // 105's SQL, on 2025-03-09).
    let (_dir, _db, mut harness) = empty_app();
    drop_file(&mut harness, "hubspot-contacts.csv");
    harness.get_by_label("Funnel").click();
    settle(&mut harness);
    harness.get_by_label("2025-Q1 · Cohort · definitions v1");

    // The sample's workspace: a small contacts export dated today moves neither the
    // quarter shown, nor the deals' and accounts' as-of, nor their leaks.
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("ws.sqlite");
    let mut harness = app(db.clone(), StartMode::FirstLaunch);
    settle(&mut harness);
    harness.get_by_label("Handoff leaks").click();
    settle(&mut harness);
    let stalled = |h: &Harness<'static, CockpitApp>| {
        let r = h.state().leaks_result().expect("leaks");
        let l = r
            .report
            .leak(revops_cockpit::leaks::LeakKind::StalledDeal)
            .expect("stalled");
        (l.count, l.volume, l.revenue_at_stake)
    };
    let before = stalled(&harness);
    harness.get_by_label("Data as of 2025-12-31");
    drop_file(&mut harness, "hubspot-contacts.csv");
    harness.get_by_label_contains("INCLUDES SAMPLE DATA");
    harness.get_by_label_contains("Data as of contacts ");
    harness.get_by_label_contains("deals 2025-12-31 · accounts 2025-12-31");
    harness.get_by_label("Handoff leaks").click();
    settle(&mut harness);
    assert_eq!(stalled(&harness), before, "the deals are judged as before");
    // Still the sample's quarter, each object as of its own export.
    harness.get_by_label_contains("2025-Q4 · as of contacts ");
}

#[test]
fn a_quarter_without_records_offers_the_latest_one_with_records() {
    use revops_cockpit::view_model::command::Command;
    let (_dir, db) = funnel_workspace();
    let mut harness = on_the_funnel(db);
    harness.state_mut().apply(Command::SetPeriod(
        revops_cockpit::definitions::fiscal::Quarter::parse("2024-Q2").expect("quarter"),
    ));
    settle(&mut harness);
    harness.get_by_label_contains("No records in 2024-Q2");
    // The fixture's newest record is c4's opportunity, on 2025-04-20.
    harness
        .get_by_label("Show 2025-Q2, the latest quarter with records")
        .click();
    settle(&mut harness);
    harness.get_by_label("2025-Q2 · Cohort · definitions v1");
}

#[test]
fn a_file_dated_long_after_its_records_offers_to_import_it_again_as_of_its_newest_record() {
    let (_dir, db, mut harness) = empty_app();
    // Copied today; its newest record is 105's SQL date, 2025-03-09.
    drop_file(&mut harness, "hubspot-contacts.csv");
    harness.get_by_label_contains("but its newest record is from 2025-03-09");
    harness
        .get_by_label("Import it again as of 2025-03-09")
        .click();
    settle(&mut harness);
    let batches = Workspace::open(&db)
        .and_then(|ws| ws.batches())
        .expect("batches");
    assert_eq!(batches.len(), 1, "the first import undone");
    assert_eq!(batches[0].as_of, "2025-03-09");
    harness.get_by_label("Data as of 2025-03-09");
    assert!(
        harness
            .query_by_label_contains("but its newest record is from")
            .is_none(),
        "an as-of given is not questioned"
    );
}

#[test]
fn a_past_quarters_stalled_deals_are_the_ones_of_its_export_or_said_to_be_unknown() {
    use revops_cockpit::view_model::command::Command;
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("ws.sqlite");
    {
        let mut ws = Workspace::open(&db).expect("workspace");
        for (name, month) in [("deals-june.csv", 6), ("deals-september.csv", 9)] {
            revops_cockpit::import::import_file(
                &mut ws,
                &fixture(&format!("stalls/{name}")),
                &crate::common::as_of(2025, month, 30),
                &Default::default(),
            )
            .expect("import");
        }
    }
    let mut harness = app(db, StartMode::Open);
    settle(&mut harness);
    let quarter = |h: &mut Harness<'static, CockpitApp>, q: &str| {
        h.state_mut().apply(Command::SetPeriod(
            revops_cockpit::definitions::fiscal::Quarter::parse(q).expect("quarter"),
        ));
        settle(h);
    };
    harness.get_by_label("Handoff leaks").click();
    quarter(&mut harness, "2025-Q2");
    harness.get_by_label("Stalled deals").click();
    harness.run();
    // As the June export had them: x (stalled since Q1) and w (since May).
    harness.get_by_label("1 began to stall in 2025-Q2; 1 carried over from before it.");
    quarter(&mut harness, "2025-Q1");
    harness.get_by_label("known only as of 2025-09-30");
    harness.get_by_label("Stalled deals").click();
    harness.run();
    harness.get_by_label_contains("Known only as of 2025-09-30");
    quarter(&mut harness, "2025-Q3");
    harness.get_by_label("Stalled deals").click();
    harness.run();
    harness.get_by_label("1 began to stall in 2025-Q3; 0 carried over from before it.");
}

#[test]
fn the_table_of_leaks_sorts_by_any_column_and_estimates_read_as_estimates() {
    let (_dir, db) = crate::leaks::leak_workspace_file();
    let mut harness = app(db, StartMode::Open);
    settle(&mut harness);
    harness.get_by_label("Handoff leaks").click();
    settle(&mut harness);
    let above = |h: &Harness<'static, CockpitApp>, a: &str, b: &str| {
        h.get_by_label(a).rect().top() < h.get_by_label(b).rect().top()
    };
    // Largest revenue at stake first: the stalled deals' 70,000 USD before the slow
    // touches, which are not priced.
    harness.get_by_label("Leaks, largest revenue at stake first");
    assert!(above(&harness, "Stalled deals", "Slow first sales touch"));
    harness.get_by_label("Leak").click();
    harness.run();
    harness.get_by_label("Leaks, by leak");
    assert!(above(
        &harness,
        "MQLs not accepted by sales in time",
        "Stalled deals"
    ));
    harness.get_by_label("Leaked").click();
    harness.run();
    // Four slow touches (k3 k5 k6 k9), the most of any leak.
    assert!(above(&harness, "Slow first sales touch", "Stalled deals"));
    harness.get_by_label("Leaked v").click();
    harness.run();
    assert!(above(&harness, "Stalled deals", "Slow first sales touch"));
    // A lead's worth is an expected value: it reads as an estimate.
    let r = harness.state().leaks_result().expect("leaks");
    let never = r
        .report
        .leak(revops_cockpit::leaks::LeakKind::NeverAccepted)
        .expect("leak");
    let value = never.revenue_at_stake.expect("priced");
    harness.get_by_label(&revops_cockpit::text::approx_money(value, "USD"));
}
