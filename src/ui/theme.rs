//! Colours, type sizes and spacing, named once: the views draw with these, and the
//! glyph warm-up renders every font listed here.

use eframe::egui::{self, Color32, FontFamily, FontId};

/// The brand accent: primary buttons, links, the selected item's text.
pub const ACCENT: Color32 = Color32::from_rgb(0x2b, 0x6c, 0xb0);
/// A selected row or item: a light tint of the accent, so text in any status colour on
/// it (red, amber, green, grey) keeps its meaning and stays readable.
pub const SELECTED_BG: Color32 = Color32::from_rgb(0xd6, 0xe4, 0xf5);
/// Text on a selected item.
pub const SELECTED_TEXT: Color32 = Color32::from_rgb(0x1a, 0x3f, 0x6b);
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

/// Body text, buttons.
pub const BODY: FontId = FontId::new(15.0, FontFamily::Proportional);
/// Small print: captions, hints.
pub const SMALL: FontId = FontId::new(12.0, FontFamily::Proportional);
/// A view's heading.
pub const HEADING: FontId = FontId::new(24.0, FontFamily::Proportional);
/// Ids, hashes and code.
pub const MONO: FontId = FontId::new(13.5, FontFamily::Monospace);
/// A headline number on a card.
pub const BIG_NUMBER: FontId = FontId::new(20.0, FontFamily::Proportional);
/// The app's name above the navigation.
pub const BRAND: FontId = FontId::new(17.0, FontFamily::Proportional);
/// A section's title within a view; a box of the handoff map.
pub const SECTION: FontId = FontId::new(16.0, FontFamily::Proportional);
/// A handoff's leaked count on the map.
pub const MAP_COUNT: FontId = FontId::new(14.0, FontFamily::Proportional);
/// A handoff's money and compliance on the map.
pub const MAP_DETAIL: FontId = FontId::new(13.0, FontFamily::Proportional);
/// The map's labels and legend.
pub const MAP_LABEL: FontId = FontId::new(12.5, FontFamily::Proportional);

/// Every font the views draw with, and whether it shows names from the data (owners,
/// companies: letters beyond ASCII), for the glyph warm-up.
pub const FONTS: [(FontId, bool); 10] = [
    (BODY, true),
    (SMALL, true),
    (HEADING, false),
    (MONO, true),
    (BIG_NUMBER, false),
    (BRAND, false),
    (SECTION, false),
    (MAP_COUNT, false),
    (MAP_DETAIL, true),
    (MAP_LABEL, true),
];

/// Sets the app's look: light theme, a little more air than egui's default.
pub fn apply(ctx: &egui::Context) {
    ctx.set_theme(egui::Theme::Light);
    add_page_font(ctx);
    ctx.global_style_mut(|style| {
        use egui::TextStyle;
        style.text_styles = [
            (TextStyle::Heading, HEADING),
            (TextStyle::Body, BODY),
            (TextStyle::Button, BODY),
            (TextStyle::Small, SMALL),
            (TextStyle::Monospace, MONO),
        ]
        .into();
        style.spacing.item_spacing = egui::vec2(8.0, 6.0);
        style.spacing.button_padding = egui::vec2(10.0, 4.0);
        style.visuals.selection.bg_fill = SELECTED_BG;
        style.visuals.selection.stroke.color = SELECTED_TEXT;
    });
}

/// How much larger than the window's own the type of `ui` is: 1 in the views, more in
/// the records over a slide. A table multiplies its rows and columns by it, so larger
/// type still fits.
pub fn type_scale(ui: &egui::Ui) -> f32 {
    ui.style()
        .text_styles
        .get(&egui::TextStyle::Body)
        .map_or(1.0, |f| f.size / BODY.size)
}

/// Makes `style`'s type, and the room around it, `k` times as large.
pub fn scale_type(style: &mut egui::Style, k: f32) {
    for font in style.text_styles.values_mut() {
        font.size *= k;
    }
    style.spacing.item_spacing *= k;
    style.spacing.button_padding *= k;
    style.spacing.interact_size *= k;
}

/// Adds the font the scorecard page prints in (Inter) behind egui's own, for the glyphs
/// egui's lacks: the arrows and symbols metric names and statuses are written with
/// (→, ×, ●, ▲, ◆) then draw on screen as they print.
fn add_page_font(ctx: &egui::Context) {
    let mut fonts = egui::FontDefinitions::default();
    fonts.font_data.insert(
        "inter".to_owned(),
        std::sync::Arc::new(egui::FontData::from_static(
            crate::scorecard::fonts::REGULAR,
        )),
    );
    if let Some(family) = fonts.families.get_mut(&egui::FontFamily::Proportional) {
        family.push("inter".to_owned());
    }
    ctx.set_fonts(fonts);
}
