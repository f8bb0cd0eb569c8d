//! Draws nothing: renders the characters the views use, at every size they use them, in
//! the app's first frame, so no later frame pays for new glyphs and a larger font atlas.
//!
//! Measured before this (frames bench, perf): the frame that first showed the Funnel's
//! numbers rendered their glyphs and doubled the atlas, 17.6 ms, half of it the kernel
//! handing over fresh memory for the bigger atlas image; a doubling at 256 rows took
//! 35 ms. The first frame has a second to show (issue 5); this costs it about 60 ms
//! at two of the four offsets and 120 ms at all four (frames bench, 2-core Intel Xeon:
//! the first frame 0.06 to 0.10 s → 0.13 to 0.19 s, the first Funnel frame's slowest
//! 6.5 to 10.1 ms and up to 27 ms → 4.5 to 6.6 ms).
//!
//! Later (2026-12-03) a patched epaint printing each glyph rendered after this found two
//! gaps in that measurement: kittest drew the app in egui's dark theme, whose text sizes
//! (9 and 18 points) the app never uses, so the benchmark's first Funnel frame rendered
//! about 90 glyphs the window does not (8.4 to 18.5 ms; 4.9 to 9.6 ms in the app's light
//! theme); and the font's ligatures ("ff" in "Handoff", "fi") were not rendered here. A
//! test now drives every view on the sample data and checks the atlas is unchanged.

use eframe::egui::text::{LayoutJob, TextFormat};
use eframe::egui::{Color32, Context, FontFamily, FontId};

/// The interface's characters: ASCII and the symbols its sentences and numbers use.
const INTERFACE: &str = concat!(
    " !\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`",
    "abcdefghijklmnopqrstuvwxyz{|}~…—–−·•÷×»«“”‘’€£¥"
);

/// The font's ligatures: "Handoff leaks" and "Definitions" draw "ff" and "fi" as one glyph
/// each, which no single character renders.
const LIGATURES: [&str; 5] = ["ff", "fi", "fl", "ffi", "ffl"];

/// Letters of the names a CRM holds (owners, companies, segments) beyond ASCII.
const NAMES: &str = "ÀÁÂÃÄÅÆÇÈÉÊËÌÍÎÏÑÒÓÔÕÖØÙÚÛÜÝßàáâãäåæçèéêëìíîïñòóôõöøùúûüýÿ";

/// Each size the views draw text at (points), its family, and whether it shows names.
const FONTS: [(f32, FontFamily, bool); 10] = [
    (15.0, FontFamily::Proportional, true),
    (12.0, FontFamily::Proportional, true),
    (24.0, FontFamily::Proportional, false),
    (13.5, FontFamily::Monospace, true),
    (20.0, FontFamily::Proportional, false),
    (17.0, FontFamily::Proportional, false),
    (16.0, FontFamily::Proportional, false),
    (14.0, FontFamily::Proportional, false),
    (13.0, FontFamily::Proportional, true),
    (12.5, FontFamily::Proportional, true),
];

/// egui renders a glyph at one of four quarter-pixel offsets, each cached on its own: all
/// four here. (With two, the first frame showing the Funnel's numbers rendered the other
/// two's glyphs: 15 to 25 ms on a CPU.)
const OFFSETS: [f32; 4] = [0.0, 0.25, 0.5, 0.75];

/// Renders every character of the views at every size and every sub-pixel offset.
pub fn warm_glyphs(ctx: &Context) {
    let ppp = ctx.pixels_per_point();
    ctx.fonts_mut(|fonts| {
        for (size, family, names) in FONTS {
            let format = TextFormat::simple(FontId::new(size, family), Color32::BLACK);
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
