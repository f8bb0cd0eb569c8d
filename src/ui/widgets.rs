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
