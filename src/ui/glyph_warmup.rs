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

use eframe::egui::text::{LayoutJob, TextFormat};
use eframe::egui::{Color32, Context, FontFamily, FontId};

/// The interface's characters: ASCII and the symbols its sentences and numbers use.
const INTERFACE: &str = concat!(
    " !\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`",
    "abcdefghijklmnopqrstuvwxyz{|}~…—–−·•÷×»«“”‘’€£¥"
);

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
            for c in chars {
                for offset in OFFSETS {
                    // One character a layout, so each starts at the offset (in points).
                    let mut job = LayoutJob::default();
                    job.append(c.encode_utf8(&mut [0; 4]), offset / ppp, format.clone());
                    fonts.layout_job(job);
                }
            }
        }
    });
}
