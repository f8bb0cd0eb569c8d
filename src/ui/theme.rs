//! Colours and spacing, named once.

use eframe::egui::{self, Color32};

/// The brand accent: navigation selection, primary buttons.
pub const ACCENT: Color32 = Color32::from_rgb(0x2b, 0x6c, 0xb0);
/// Good news: imported counts, success notices.
pub const GOOD: Color32 = Color32::from_rgb(0x1e, 0x8e, 0x3e);
/// Needs attention: warnings, the sample-data marker.
pub const WARN: Color32 = Color32::from_rgb(0xb4, 0x6a, 0x00);
/// Something failed or was rejected.
pub const BAD: Color32 = Color32::from_rgb(0xc0, 0x39, 0x2b);
/// Secondary text.
pub const MUTED: Color32 = Color32::from_rgb(0x6b, 0x72, 0x80);
/// Background of the sample-data banner.
pub const SAMPLE_BG: Color32 = Color32::from_rgb(0xff, 0xf4, 0xdb);
/// Background of notices, by kind.
pub const NOTICE_GOOD_BG: Color32 = Color32::from_rgb(0xe6, 0xf4, 0xea);
pub const NOTICE_INFO_BG: Color32 = Color32::from_rgb(0xe8, 0xf0, 0xfb);
pub const NOTICE_BAD_BG: Color32 = Color32::from_rgb(0xfd, 0xec, 0xea);

/// Sets the app's look: light theme, a little more air than egui's default.
pub fn apply(ctx: &egui::Context) {
    ctx.set_theme(egui::Theme::Light);
    ctx.global_style_mut(|style| {
        use egui::{FontFamily, FontId, TextStyle};
        style.text_styles = [
            (
                TextStyle::Heading,
                FontId::new(24.0, FontFamily::Proportional),
            ),
            (TextStyle::Body, FontId::new(15.0, FontFamily::Proportional)),
            (
                TextStyle::Button,
                FontId::new(15.0, FontFamily::Proportional),
            ),
            (
                TextStyle::Small,
                FontId::new(12.0, FontFamily::Proportional),
            ),
            (
                TextStyle::Monospace,
                FontId::new(13.5, FontFamily::Monospace),
            ),
        ]
        .into();
        style.spacing.item_spacing = egui::vec2(8.0, 6.0);
        style.spacing.button_padding = egui::vec2(10.0, 4.0);
        style.visuals.selection.bg_fill = ACCENT;
        style.visuals.selection.stroke.color = Color32::WHITE;
    });
}
