//! Presentation mode through egui_kittest: the deck starts from the quarter's published
//! scorecard, moves with the keys, blanks and shows its notes, and Esc returns to the
//! Scorecard view; the slides read the numbers of the published page.

use std::process::Command as Process;

use eframe::egui::{Key, Rect, ViewportCommand, ViewportId, pos2, vec2};
use egui_kittest::kittest::Queryable as _;
use revops_cockpit::app::{Screens, StartMode};
use revops_cockpit::view_model::navigation::View;
use revops_cockpit::view_model::presentation::{Shows, Slide};
use revops_cockpit::view_model::screens::{Placement, Screen};

use crate::views::{app, settle};

/// Saves the workspace's scorecard template with `text` as `section`'s comment: the
/// speaker notes of that section's slide.
fn comment_on(db: &std::path::Path, section: &str, text: &str) {
    let ws = revops_cockpit::workspace::Workspace::open(db).expect("open");
    let mut t = revops_cockpit::scorecard::Template::default();
    t.comments.insert(section.to_owned(), text.to_owned());
    revops_cockpit::scorecard::template::save(&ws, &t).expect("save");
}

#[test]
fn the_deck_shows_the_published_page_moves_with_the_keys_and_esc_leaves() {
    let (dir, db) = crate::leaks::leak_workspace_file();
    // Q3 published, with a comment on the leaks for the speaker notes.
    comment_on(&db, "leaks", "Accept MQLs within a day");
    let out = Process::new(env!("CARGO_BIN_EXE_revops-cockpit"))
        .arg("--db")
        .arg(&db)
        .args(["scorecard", "--period", "2025-Q3", "--publish", "Q3 review"])
        .output()
        .expect("publish");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let csv_path = dir.path().join("published.csv");
    let out = Process::new(env!("CARGO_BIN_EXE_revops-cockpit"))
        .arg("--db")
        .arg(&db)
        .args(["scorecard", "--published", "1", "--out"])
        .arg(&csv_path)
        .output()
        .expect("export");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );

    let mut harness = app(db, StartMode::Open);
    settle(&mut harness);
    harness.get_by_label("Scorecard").click();
    settle(&mut harness);
    harness
        .get_by_label("Present the scorecard full screen, one section a slide (F5)")
        .click();
    settle(&mut harness);
    let deck = harness.state().deck().expect("presenting");
    assert!(!deck.draft, "the published page is presented");
    assert_eq!(deck.slide(), Slide::NorthStars);
    assert!(
        harness.query_by_label("Scorecard").is_none(),
        "full screen: no navigation"
    );

    // The slides read the published page: every number equals the published CSV's.
    let (header, rows) = crate::scorecard::exported_csv(&csv_path);
    let col = |name: &str| header.iter().position(|h| h == name).expect(name);
    for m in deck.page.metrics() {
        let row = rows
            .iter()
            .find(|r| &r[col("key")] == m.key.as_str())
            .expect(&m.key);
        let shown = m.value.map(|v| format!("{v:.6}")).unwrap_or_default();
        let published: String = row[col("value")].to_owned();
        assert_eq!(
            published
                .parse::<f64>()
                .ok()
                .map(|v| format!("{v:.6}"))
                .unwrap_or_default(),
            shown,
            "{}",
            m.key
        );
    }

    // Right: the funnel slide, where 1 picks the first segment and 0 every record again.
    harness.key_press(Key::ArrowRight);
    harness.run();
    assert_eq!(
        harness.state().deck().expect("presenting").slide(),
        Slide::Funnel
    );
    harness.key_press(Key::Num1);
    harness.run();
    assert_eq!(harness.state().deck().expect("presenting").segment, Some(0));
    harness.key_press(Key::Num0);
    harness.run();
    assert_eq!(harness.state().deck().expect("presenting").segment, None);
    // Right again: the leaks slide; N shows its notes, the leaks comment; B blanks.
    harness.key_press(Key::ArrowRight);
    harness.run();
    let deck = harness.state().deck().expect("presenting");
    assert_eq!(deck.slide(), Slide::Leaks);
    // A leak's records over the slide, the same list as Handoff leaks; Esc closes them
    // and the deck stays.
    let first = deck.page.leaks.first().expect("a leak").clone();
    settle(&mut harness);
    harness
        .get_by_label(&format!("Open the records behind {}", first.label))
        .click();
    settle(&mut harness);
    assert!(harness.state().deck().expect("presenting").open.is_some());
    harness.get_by_label_contains(&format!("{}: the {} records", first.label, first.count));
    harness.get_by_label("Esc closes the records");
    harness.key_press(Key::Escape);
    harness.run();
    let deck = harness.state().deck().expect("still presenting");
    assert!(deck.open.is_none());
    assert!(harness.query_by_label("Esc closes the records").is_none());
    harness.key_press(Key::N);
    harness.run();
    let deck = harness.state().deck().expect("presenting");
    assert_eq!(deck.notes_text(), Some("Accept MQLs within a day"));
    // W: the notes in a window of their own (embedded in the test's single window).
    harness.key_press(Key::W);
    harness.run();
    assert!(harness.state().deck().expect("presenting").notes_window);
    harness.get_by_label_contains("Where revenue leaks · slide 3 of 5");
    harness.get_by_label("Accept MQLs within a day");
    harness.key_press(Key::W);
    harness.run();
    assert!(harness.query_by_label("Accept MQLs within a day").is_none());
    harness.key_press(Key::B);
    harness.run();
    assert!(harness.state().deck().expect("presenting").blank);
    harness.key_press(Key::End);
    harness.run();
    let deck = harness.state().deck().expect("presenting");
    assert_eq!((deck.slide(), deck.blank), (Slide::Actions, false));
    harness.key_press(Key::Home);
    harness.run();
    assert_eq!(harness.state().deck().expect("presenting").at, 0);

    // Esc leaves, back on the Scorecard view.
    harness.key_press(Key::Escape);
    harness.run();
    assert!(harness.state().deck().is_none());
    assert_eq!(harness.state().view(), View::Scorecard);
    harness.get_by_label_contains("2025-Q3 · Draft");
}

#[test]
fn present_refuses_a_period_that_is_not_a_quarter_without_opening_a_window() {
    let (_dir, db) = crate::leaks::leak_workspace_file();
    let out = Process::new(env!("CARGO_BIN_EXE_revops-cockpit"))
        .arg("--db")
        .arg(&db)
        .args(["present", "--period", "2025-Q9"])
        .env_remove("DISPLAY")
        .env_remove("WAYLAND_DISPLAY")
        .output()
        .expect("run");
    assert!(!out.status.success());
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(
        said.contains("--period \"2025-Q9\" is not a quarter; write it as 2025-Q3"),
        "{said}"
    );
}

/// Steps until the main window has asked the window system for `wanted` (or a few
/// seconds have passed); what it asked for on the way.
fn step_until_sent(
    harness: &mut egui_kittest::Harness<'static, revops_cockpit::app::CockpitApp>,
    wanted: &ViewportCommand,
) -> Vec<ViewportCommand> {
    let mut sent = Vec::new();
    for _ in 0..300 {
        harness.step();
        if let Some(out) = harness.output().viewport_output.get(&ViewportId::ROOT) {
            sent.extend(out.commands.iter().cloned());
        }
        if sent.contains(wanted) {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    sent
}

#[test]
fn with_two_screens_the_slides_go_to_the_rooms_and_the_notes_stay_on_the_presenters() {
    let (_dir, db) = crate::leaks::leak_workspace_file();
    comment_on(&db, "north_star", "Win rate first");
    let laptop = Screen {
        name: Some("eDP-1".to_owned()),
        rect: Rect::from_min_size(pos2(0.0, 0.0), vec2(1280.0, 720.0)),
        primary: true,
    };
    let projector = Screen {
        name: Some("HDMI-1".to_owned()),
        rect: Rect::from_min_size(pos2(1280.0, 0.0), vec2(1920.0, 1080.0)),
        primary: false,
    };
    let mut harness = app(db, StartMode::Open);
    harness
        .state_mut()
        .watch_screens(Screens::fixed(vec![laptop, projector]));
    settle(&mut harness);
    harness.get_by_label("Scorecard").click();
    settle(&mut harness);
    harness.key_press(Key::F5);
    let sent = step_until_sent(&mut harness, &ViewportCommand::SetMonitor(1));
    settle(&mut harness);
    let deck = harness.state().deck().expect("presenting");
    assert_eq!(
        deck.placement,
        Placement::TwoScreens {
            slides: 1,
            notes: 0
        }
    );
    // The main window goes full screen on the projector; the notes open at once, in a
    // window of their own (embedded in the test's single window).
    assert!(
        sent.contains(&ViewportCommand::SetMonitor(1)),
        "asked the window system for: {sent:?}"
    );
    assert_eq!(deck.main_window(), Shows::Slides);
    assert_eq!(deck.second_window(), Some(Shows::Notes));
    harness.get_by_label("Speaker notes · RevOps Cockpit");
    harness.get_by_label("Win rate first");
    harness.get_by_label_contains("S: swap screens");

    // S: the room sees the other screen, so the windows swap what they show; the main
    // window stays where it is.
    harness.key_press(Key::S);
    harness.run();
    let deck = harness.state().deck().expect("presenting");
    assert_eq!(deck.main_window(), Shows::Notes);
    assert_eq!(deck.second_window(), Some(Shows::Slides));
    harness.get_by_label("Slides · RevOps Cockpit");
    harness.get_by_label("Win rate first");
    // W closes the second window: the main one shows the slides again.
    harness.key_press(Key::W);
    harness.run();
    let deck = harness.state().deck().expect("presenting");
    assert_eq!(
        (deck.main_window(), deck.second_window()),
        (Shows::Slides, None)
    );
    assert!(harness.query_by_label("Win rate first").is_none());
    // S with one window does nothing.
    harness.key_press(Key::S);
    harness.run();
    assert_eq!(
        harness.state().deck().expect("presenting").main_window(),
        Shows::Slides
    );

    // Esc leaves: the window leaves full screen, back on the Scorecard view.
    harness.key_press(Key::Escape);
    let sent = step_until_sent(&mut harness, &ViewportCommand::Fullscreen(false));
    assert!(harness.state().deck().is_none());
    assert!(
        sent.contains(&ViewportCommand::Fullscreen(false)),
        "asked the window system for: {sent:?}"
    );
}

/// Tells the app its main window is full screen, or not, as the window system would.
fn window_system_says_full_screen(
    harness: &mut egui_kittest::Harness<'static, revops_cockpit::app::CockpitApp>,
    full: bool,
) {
    harness
        .input_mut()
        .viewports
        .get_mut(&ViewportId::ROOT)
        .expect("the main window")
        .fullscreen = Some(full);
}

#[test]
fn a_window_closed_while_presenting_opens_out_of_full_screen_and_a_deck_keeps_it() {
    let (_dir, db) = crate::leaks::leak_workspace_file();
    let mut harness = app(db, StartMode::Open);
    // eframe restores the window as it was closed: full screen, as the deck left it.
    window_system_says_full_screen(&mut harness, true);
    let sent = step_until_sent(&mut harness, &ViewportCommand::Fullscreen(false));
    assert!(
        sent.contains(&ViewportCommand::Fullscreen(false)),
        "asked the window system for: {sent:?}"
    );
    assert!(harness.state().deck().is_none());
    window_system_says_full_screen(&mut harness, false);

    // Presenting: the deck goes full screen and stays so (the window is not yet fitted
    // to the screen, as when it opened to present).
    settle(&mut harness);
    harness.get_by_label("Scorecard").click();
    settle(&mut harness);
    harness.key_press(Key::F5);
    let sent = step_until_sent(&mut harness, &ViewportCommand::Fullscreen(true));
    assert!(
        sent.contains(&ViewportCommand::Fullscreen(true)),
        "asked the window system for: {sent:?}"
    );
    assert!(harness.state().deck().is_some());
    window_system_says_full_screen(&mut harness, true);
    let mut after = Vec::new();
    for _ in 0..5 {
        harness.step();
        if let Some(out) = harness.output().viewport_output.get(&ViewportId::ROOT) {
            after.extend(out.commands.iter().cloned());
        }
    }
    assert!(
        !after.contains(&ViewportCommand::Fullscreen(false)),
        "the deck was taken out of full screen: {after:?}"
    );
}
