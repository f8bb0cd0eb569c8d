//! Draws nothing: renders the characters the views use, at every size they use them, in
//! the app's first frame, so no later frame pays for new glyphs and a larger font atlas.
//!
//! Without it, the frame that first showed the Funnel's numbers rendered their glyphs and
//! doubled the font atlas (most of that frame's time, half of it the system handing over
//! memory for the bigger atlas); here the first frame, which has a second to show, pays
//! for them once. The sizes are the theme's ([`super::theme::FONTS`]); a test drives every
//! view on the sample data and checks the atlas does not grow after this.

use eframe::egui::text::{LayoutJob, TextFormat};
use eframe::egui::{Color32, Context};

/// The interface's characters: ASCII and the symbols its sentences and numbers use.
const INTERFACE: &str = concat!(
    " !\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`",
    "abcdefghijklmnopqrstuvwxyz{|}~…—–−·•÷×»«“”‘’€£¥Δ≈"
);

/// The font's ligatures: "Handoff leaks" and "Definitions" draw "ff" and "fi" as one glyph
/// each, which no single character renders.
const LIGATURES: [&str; 5] = ["ff", "fi", "fl", "ffi", "ffl"];

/// Letters of the names a CRM holds (owners, companies, segments) beyond ASCII.
const NAMES: &str = "ÀÁÂÃÄÅÆÇÈÉÊËÌÍÎÏÑÒÓÔÕÖØÙÚÛÜÝßàáâãäåæçèéêëìíîïñòóôõöøùúûüýÿ";

/// egui renders a glyph at one of four quarter-pixel offsets, each cached on its own: all
/// four here. (With two, the first frame showing the Funnel's numbers rendered the other
/// two's glyphs: 15 to 25 ms on a CPU.)
const OFFSETS: [f32; 4] = [0.0, 0.25, 0.5, 0.75];

/// Renders every character of the views at every size and every sub-pixel offset.
pub fn warm_glyphs(ctx: &Context) {
    let ppp = ctx.pixels_per_point();
    ctx.fonts_mut(|fonts| {
        for (font, names) in super::theme::FONTS {
            let format = TextFormat::simple(font, Color32::BLACK);
            let chars = INTERFACE.chars().chain(NAMES.chars().filter(|_| names));
            let clusters = chars.map(String::from).chain(LIGATURES.map(String::from));
            for cluster in clusters {
                for offset in OFFSETS {
                    // One cluster a layout, so each starts at the offset (in points).
                    let mut job = LayoutJob::default();
                    job.append(&cluster, offset / ppp, format.clone());
                    fonts.layout_job(job);
                }
            }
        }
    });
}
