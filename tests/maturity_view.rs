//! The Pillar maturity view through egui_kittest: the evidence alone at first, then one
//! pillar's questions answered with the keyboard, its level and disagreement changing on
//! screen and the answers kept in the workspace file.

use eframe::egui::Key;
use egui_kittest::kittest::Queryable as _;
use revops_cockpit::app::StartMode;
use revops_cockpit::maturity::Model;
use revops_cockpit::workspace::Workspace;

use crate::views::{app, settle};

/// Turns the mouse wheel over the view until the widget labelled `label` is in the
/// window, as a person scrolls to it.
fn wheel_to(
    harness: &mut egui_kittest::Harness<'static, revops_cockpit::app::CockpitApp>,
    label: &str,
) {
    use eframe::egui::{
        Event, Modifiers, MouseWheelSource, MouseWheelUnit, TouchPhase, pos2, vec2,
    };
    for _ in 0..40 {
        if harness.get_by_label(label).rect().bottom() < 820.0 {
            return;
        }
        harness.hover_at(pos2(700.0, 500.0));
        harness.event(Event::MouseWheel {
            unit: MouseWheelUnit::Point,
            delta: vec2(0.0, -120.0),
            phase: TouchPhase::Move,
            source: MouseWheelSource::Unknown,
            modifiers: Modifiers::NONE,
        });
        harness.run();
    }
    panic!("{label} stayed out of the window");
}

#[test]
fn a_pillar_answered_with_the_keyboard_changes_its_level_and_names_the_disagreement() {
    let (_dir, db) = crate::leaks::leak_workspace_file();
    let mut harness = app(db.clone(), StartMode::Open);
    settle(&mut harness);
    harness.get_by_label("Pillar maturity").click();
    settle(&mut harness);

    // The evidence alone: no answers, an invitation, every pillar levelled by the data.
    harness.get_by_label_contains("2025-Q3 · definitions v2 · no answers yet");
    harness.get_by_label_contains("No answers for 2025-Q3 yet");
    harness.get_by_label_contains("Overall: ");
    assert!(
        harness.query_by_label_contains("You answered").is_none(),
        "no disagreement without answers"
    );

    // Open the questionnaire and go to Process & governance with the keyboard.
    let open = harness.get_by_label("Answer the questions");
    open.focus();
    harness.run();
    harness.key_press(Key::Enter);
    harness.run();
    harness.get_by_label_contains("Pillar 1 of 6: Strategy & GTM alignment");
    harness.get_by_label("Next pillar").focus();
    harness.run();
    harness.key_press(Key::Enter);
    harness.run();
    harness.get_by_label_contains("Pillar 2 of 6: Process & governance");

    // Yes, consistently to each of its statements, from the keyboard alone: focus on the
    // statement's first choice, Tab twice to its third, Space to pick it.
    let model = Model::shipped();
    let statements: Vec<String> = model
        .questions
        .iter()
        .filter(|q| q.pillar == "process")
        .map(|q| q.text.clone())
        .collect();
    assert_eq!(statements.len(), 5);
    for text in &statements {
        harness.get_by_label(&format!("{text}: No")).focus();
        harness.run();
        harness.key_press(Key::Tab);
        harness.run();
        harness.key_press(Key::Tab);
        harness.run();
        assert!(
            harness
                .get_by_label(&format!("{text}: Yes, consistently"))
                .is_focused()
        );
        harness.key_press(Key::Space);
        harness.run();
    }
    harness.get_by_label_contains("5 of 25 answered");
    harness.get_by_label_contains("Process & governance 5/5");

    // The level answered is Optimized; the evidence is three levels lower (MQLs within
    // SLA 37.5%, kickoffs 33.3%, stalled 40%, won deals that jumped stages 100%, stages
    // mapped 100%): the lower holds, and the
    // disagreement is named with the number behind it.
    harness.get_by_label_contains(
        "You answered Optimized for Process & governance, but 37.5% of the 2025-Q3 MQLs were handed to sales within SLA",
    );
    harness.get_by_label_contains("answers: Optimized · evidence: Defined");
    settle(&mut harness);

    // A signal's records, listed: k10's stage dates are out of order.
    let list = "List the records behind Contacts whose stage dates are in order";
    wheel_to(&mut harness, list);
    harness.get_by_label(list).click();
    settle(&mut harness);
    harness
        .get_by_label_contains("The 1 record behind \"Contacts whose stage dates are in order\"");
    harness.get_by_label("k10");

    // The same answers read in another framework: Process is a pillar there too, and
    // the choice is kept.
    harness
        .get_by_role_and_label(eframe::egui::accesskit::Role::ComboBox, "pillars:")
        .click();
    harness.run();
    harness
        .get_by_label("People, Process, Data, Technology + Cadence")
        .click();
    harness.run();
    harness.get_by_label("Cadence");
    harness
        .get_by_label_contains("You answered Optimized for Process, but 37.5% of the 2025-Q3 MQLs");
    settle(&mut harness);

    // Kept in the workspace file as they were given.
    let ws = Workspace::open(&db).expect("workspace");
    let stored = ws.maturity_answers("2025-Q3").expect("answers");
    assert_eq!(stored.len(), 5);
    assert!(
        stored
            .iter()
            .all(|a| a.answer == "yes" && a.question.starts_with("process."))
    );
}
