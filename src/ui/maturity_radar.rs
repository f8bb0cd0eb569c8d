//! The maturity radar: one spoke a pillar, levels 1 to 5 as rings, the answers' and the
//! evidence's outlines and the target level; a pillar where the two differ is marked.

use eframe::egui::{self, Color32, Pos2, Sense, Shape, Stroke, pos2, vec2};

use super::theme;
use crate::maturity::MaturityReport;

/// The answers' outline.
pub const ANSWERS: Color32 = theme::ACCENT;
/// The evidence's outline.
pub const EVIDENCE: Color32 = Color32::from_rgb(0xd9, 0x73, 0x06);
/// The target ring.
pub const TARGET: Color32 = Color32::from_gray(120);

/// Draws the radar of `report` in a `size` square, with `target` as a dashed ring.
pub fn radar_ui(ui: &mut egui::Ui, report: &MaturityReport, target: u8, size: f32) {
    let (rect, response) = ui.allocate_exact_size(vec2(size * 2.4, size), Sense::hover());
    let painter = ui.painter_at(rect);
    let centre = rect.center();
    let radius = size * 0.34;
    let n = report.pillars.len().max(3);
    let at = |i: usize, level: f32| -> Pos2 {
        let angle = -std::f32::consts::FRAC_PI_2 + i as f32 * std::f32::consts::TAU / n as f32;
        centre + vec2(angle.cos(), angle.sin()) * radius * level / 5.0
    };
    let ring = |level: f32| -> Vec<Pos2> { (0..n).map(|i| at(i, level)).collect() };
    for level in 1..=5 {
        painter.add(Shape::closed_line(
            ring(level as f32),
            Stroke::new(1.0, Color32::from_gray(if level == 5 { 190 } else { 222 })),
        ));
        painter.text(
            at(0, level as f32) + vec2(4.0, 0.0),
            egui::Align2::LEFT_CENTER,
            level.to_string(),
            theme::SMALL,
            theme::MUTED,
        );
    }
    for i in 0..n {
        painter.line_segment(
            [centre, at(i, 5.0)],
            Stroke::new(1.0, Color32::from_gray(222)),
        );
    }
    let mut target_ring = ring(f32::from(target));
    target_ring.push(target_ring[0]);
    painter.extend(Shape::dashed_line(
        &target_ring,
        Stroke::new(1.5, TARGET),
        6.0,
        4.0,
    ));
    outline(
        &painter,
        report,
        |p| p.evidence_level,
        EVIDENCE,
        &at,
        Some(centre),
    );
    outline(&painter, report, |p| p.self_level, ANSWERS, &at, None);
    for (i, p) in report.pillars.iter().enumerate() {
        let end = at(i, 5.0);
        let dir = (end - centre).normalized();
        let anchor = if dir.x > 0.3 {
            egui::Align2::LEFT_CENTER
        } else if dir.x < -0.3 {
            egui::Align2::RIGHT_CENTER
        } else if dir.y < 0.0 {
            egui::Align2::CENTER_BOTTOM
        } else {
            egui::Align2::CENTER_TOP
        };
        let colour = if p.disagreement.is_some() {
            theme::WARN
        } else {
            Color32::from_gray(40)
        };
        let name = if p.disagreement.is_some() {
            format!("{} (differ)", p.name)
        } else {
            p.name.clone()
        };
        painter.text(end + dir * 10.0, anchor, name, theme::MAP_LABEL, colour);
    }
    response.on_hover_text(
        "Blue: the team's answers. Orange: the evidence measured in the data. Dashed: the \
         target level. A pillar marked \"(differ)\" has answers and evidence a level or more apart.",
    );
}

/// One series as an outline: a closed polygon when every pillar has a level, else a dot
/// where one has; filled lightly from `fill_from` (the centre) when given.
fn outline(
    painter: &egui::Painter,
    report: &MaturityReport,
    level: impl Fn(&crate::maturity::PillarAssessment) -> Option<u8>,
    colour: Color32,
    at: &impl Fn(usize, f32) -> Pos2,
    fill_from: Option<Pos2>,
) {
    let points: Vec<Option<Pos2>> = report
        .pillars
        .iter()
        .enumerate()
        .map(|(i, p)| level(p).map(|l| at(i, f32::from(l))))
        .collect();
    if points.iter().all(Option::is_some) && !points.is_empty() {
        let ring: Vec<Pos2> = points.iter().flatten().copied().collect();
        if let Some(centre) = fill_from {
            // Triangles from the centre: a radar's outline is rarely convex.
            let fill = colour.gamma_multiply(0.12);
            let mut mesh = egui::Mesh::default();
            mesh.colored_vertex(centre, fill);
            for p in &ring {
                mesh.colored_vertex(*p, fill);
            }
            let n = u32::try_from(ring.len()).unwrap_or(0);
            for i in 0..n {
                mesh.add_triangle(0, 1 + i, 1 + (i + 1) % n);
            }
            painter.add(Shape::mesh(mesh));
        }
        painter.add(Shape::closed_line(ring, Stroke::new(2.5, colour)));
    }
    for p in points.iter().flatten() {
        painter.circle_filled(*p, 4.0, colour);
    }
}

/// A short line of the legend: a swatch and its words.
pub fn legend_item(ui: &mut egui::Ui, colour: Color32, dashed: bool, text: &str) {
    let (rect, _) = ui.allocate_exact_size(vec2(26.0, 12.0), Sense::hover());
    let (a, b) = (
        pos2(rect.left(), rect.center().y),
        pos2(rect.right(), rect.center().y),
    );
    if dashed {
        ui.painter().extend(Shape::dashed_line(
            &[a, b],
            Stroke::new(1.5, colour),
            5.0,
            3.0,
        ));
    } else {
        ui.painter().line_segment([a, b], Stroke::new(2.5, colour));
    }
    ui.label(text);
}
