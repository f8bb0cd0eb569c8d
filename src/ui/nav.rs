//! The left navigation: the views, and what the workspace holds.

use eframe::egui::{self, RichText};

use super::theme;
use crate::view_model::command::Command;
use crate::view_model::navigation::View;
use crate::workspace::RecordCounts;

/// Draws the navigation; returns the view the user picked.
pub fn nav_ui(ui: &mut egui::Ui, current: View, counts: &RecordCounts) -> Option<Command> {
    let mut command = None;
    ui.add_space(10.0);
    ui.label(
        RichText::new("RevOps Cockpit")
            .strong()
            .font(theme::BRAND)
            .color(theme::ACCENT),
    );
    ui.add_space(12.0);
    for view in View::ALL {
        let button = egui::Button::selectable(current == view, RichText::new(view.label()))
            .min_size(egui::vec2(ui.available_width(), 32.0));
        if ui.add(button).clicked() {
            command = Some(Command::ShowView(view));
        }
    }
    ui.add_space(18.0);
    ui.separator();
    ui.label(
        RichText::new("In this workspace")
            .small()
            .color(theme::MUTED),
    );
    for (label, n) in [
        ("contacts", counts.contacts),
        ("deals", counts.deals),
        ("customer accounts", counts.accounts),
    ] {
        ui.label(format!("{} {label}", crate::text::thousands(n)));
    }
    command
}
