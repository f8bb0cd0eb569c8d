//! Small widgets shared by the views.

use eframe::egui;

use crate::view_model::command::Command;

/// A button showing a short `text` whose accessible name (for screen readers and tests)
/// and hover text say in full what it does, e.g. "Remove" named "Remove the deal stage Demo".
pub fn named_button(ui: &mut egui::Ui, enabled: bool, text: &str, name: &str) -> egui::Response {
    let response = ui
        .add_enabled(enabled, egui::Button::new(text))
        .on_hover_text(name);
    let name = name.to_owned();
    response
        .widget_info(|| egui::WidgetInfo::labeled(egui::accesskit::Role::Button, enabled, &name));
    response
}

/// A light bordered card that takes the full width, for one item of a list editor.
pub fn card<R>(ui: &mut egui::Ui, add_contents: impl FnOnce(&mut egui::Ui) -> R) -> R {
    egui::Frame::new()
        .stroke(egui::Stroke::new(1.0, egui::Color32::from_gray(215)))
        .corner_radius(4.0)
        .inner_margin(8.0)
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            add_contents(ui)
        })
        .inner
}

/// A plot that does not pan or zoom, whose x axis names each whole-number position with
/// `labels` (stages, steps, quarters or bands).
pub fn labelled_plot(id: &str, height: f32, labels: Vec<String>) -> egui_plot::Plot<'static> {
    egui_plot::Plot::new(id)
        .height(height)
        .allow_zoom(false)
        .allow_drag(false)
        .allow_scroll(false)
        .allow_boxed_zoom(false)
        .x_axis_formatter(move |mark, _| {
            let i = mark.value.round();
            if (mark.value - i).abs() > 1e-6 || i < 0.0 {
                return String::new();
            }
            #[expect(
                clippy::cast_possible_truncation,
                clippy::cast_sign_loss,
                reason = "a non-negative whole position"
            )]
            labels.get(i as usize).cloned().unwrap_or_default()
        })
}

/// A view's heading, with a spinner while its numbers are worked out.
pub fn view_heading(ui: &mut egui::Ui, title: &str, computing: bool) {
    ui.horizontal(|ui| {
        ui.heading(title);
        if computing {
            ui.spinner();
        }
    });
}

/// What a view shows before its numbers arrive: `waiting` while they are worked out, or
/// that there is no data yet with a way to the Import view.
pub fn no_numbers_yet(
    ui: &mut egui::Ui,
    has_data: bool,
    waiting: &str,
) -> Option<crate::view_model::command::Command> {
    let text = if has_data {
        waiting
    } else {
        "No data yet: import a quarter's CRM exports."
    };
    ui.label(egui::RichText::new(text).color(super::theme::MUTED));
    (!has_data && ui.button("Go to Import").clicked()).then_some(
        crate::view_model::command::Command::ShowView(crate::view_model::navigation::View::Import),
    )
}

/// In place of every view while the workspace file is damaged: the notice above it says
/// why. `backup` is offered here when the notice offering it has been dismissed; returns
/// the user's choice to restore it.
pub fn damaged_file_ui(ui: &mut egui::Ui, backup: Option<&std::path::Path>) -> Option<Command> {
    ui.label(
        egui::RichText::new(
            "Nothing is shown from a damaged file, and nothing is written to it: restore \
             its latest backup if it has one, or open another workspace from the top bar.",
        )
        .color(super::theme::MUTED),
    );
    let backup = backup?;
    ui.button("Restore the latest backup")
        .on_hover_text(backup.display().to_string())
        .clicked()
        .then(|| Command::ReplaceWithBackup(backup.to_owned()))
}

/// In place of a record list whose records are still being read from the workspace.
pub fn reading_records_ui(ui: &mut egui::Ui) {
    ui.horizontal(|ui| {
        ui.spinner();
        ui.label(
            egui::RichText::new("Reading these records from the workspace…")
                .color(super::theme::MUTED),
        );
    });
}

/// When the quarter shown has no records, a button to the latest quarter that has some;
/// its command when clicked.
pub fn latest_period_button(
    ui: &mut egui::Ui,
    shown: crate::definitions::fiscal::Quarter,
    latest: Option<crate::definitions::fiscal::Quarter>,
) -> Option<Command> {
    let latest = latest.filter(|q| *q != shown)?;
    ui.button(format!(
        "Show {}, the latest quarter with records",
        latest.label()
    ))
    .clicked()
    .then_some(Command::SetPeriod(latest))
}
