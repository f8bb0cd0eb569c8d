//! Small widgets shared by the views.

use eframe::egui;

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
