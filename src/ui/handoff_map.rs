//! The handoff map: marketing, sales, customer success and renewal as boxes, each handoff
//! an arrow coloured by its SLA compliance with its leak count and revenue at stake.

use eframe::egui::{self, Color32, RichText, Sense, Stroke, pos2, vec2};

use super::theme;
use crate::leaks::{Handoff, LeakKind};
use crate::text::{count, money, percent};
use crate::view_model::command::Command;
use crate::view_model::leaks::LeaksResult;

/// Green at 90% or better, amber from 75%, red below; grey when nothing was due.
pub(super) fn compliance_colour(c: Option<f64>) -> Color32 {
    match c {
        Some(c) if c >= 0.9 => theme::GOOD,
        Some(c) if c >= 0.75 => theme::WARN,
        Some(_) => theme::BAD,
        None => theme::MUTED,
    }
}

/// The four teams as boxes, each handoff an arrow coloured by its SLA compliance.
pub(super) fn handoff_map_ui(ui: &mut egui::Ui, result: &LeaksResult) -> Vec<Command> {
    let mut commands = Vec::new();
    let summary = |h: Handoff| result.report.handoffs.iter().find(|s| s.handoff == h);
    let width = ui.available_width().max(600.0);
    let (rect, _) = ui.allocate_exact_size(vec2(width, 156.0), Sense::hover());
    let painter = ui.painter_at(rect);
    let teams = ["Marketing", "Sales", "Customer Success", "Renewal"];
    let box_w = (width * 0.12).clamp(100.0, 150.0);
    let gap = (width - box_w * 4.0) / 3.0;
    let top = rect.top() + 46.0;
    let box_h = 56.0;
    let boxes: Vec<egui::Rect> = (0..4u8)
        .map(|i| {
            let left = rect.left() + f32::from(i) * (box_w + gap);
            egui::Rect::from_min_size(pos2(left, top), vec2(box_w, box_h))
        })
        .collect();
    for (b, name) in boxes.iter().zip(teams) {
        painter.rect_filled(*b, 6.0, Color32::from_gray(242));
        painter.rect_stroke(
            *b,
            6.0,
            Stroke::new(1.0, Color32::from_gray(200)),
            egui::StrokeKind::Inside,
        );
        painter.text(
            b.center(),
            egui::Align2::CENTER_CENTER,
            name,
            theme::SECTION,
            Color32::from_gray(40),
        );
    }
    let arrows = [
        (Handoff::MarketingToSales, 0usize),
        (Handoff::SalesToSuccess, 1),
        (Handoff::Renewal, 2),
    ];
    for (handoff, from) in arrows {
        let (Some(a), Some(b)) = (boxes.get(from), boxes.get(from + 1)) else {
            continue;
        };
        let s = summary(handoff);
        let colour = compliance_colour(s.and_then(|s| s.compliance));
        let y = a.center().y;
        let start = pos2(a.right() + 6.0, y);
        let end = pos2(b.left() - 6.0, y);
        // A short head: egui's own grows with the arrow and runs into the labels.
        let stroke = Stroke::new(5.0, colour);
        painter.line_segment([start, end], stroke);
        for side in [-1.0, 1.0] {
            painter.line_segment([end, end + vec2(-14.0, side * 11.0)], stroke);
        }
        let mid = pos2((start.x + end.x) / 2.0, y);
        painter.text(
            pos2(mid.x, a.top() - 6.0),
            egui::Align2::CENTER_BOTTOM,
            handoff.label(),
            theme::MAP_LABEL,
            theme::MUTED,
        );
        if let Some(s) = s {
            painter.text(
                mid - vec2(0.0, 10.0),
                egui::Align2::CENTER_BOTTOM,
                format!("{} leaked", count(s.count)),
                theme::MAP_COUNT,
                Color32::from_gray(30),
            );
            painter.text(
                mid + vec2(0.0, 10.0),
                egui::Align2::CENTER_TOP,
                format!(
                    "{} at stake",
                    stake_text(result, handoff, s.revenue_at_stake)
                ),
                theme::MAP_DETAIL,
                Color32::from_gray(30),
            );
            painter.text(
                mid + vec2(0.0, 27.0),
                egui::Align2::CENTER_TOP,
                format!("{} within SLA", percent(s.compliance)),
                theme::MAP_DETAIL,
                colour,
            );
        }
    }
    // Inside Sales: SQL to opportunity and stalled deals, as a coloured band under the box.
    if let (Some(sales), Some(s)) = (boxes.get(1), summary(Handoff::WithinSales)) {
        let colour = compliance_colour(s.compliance);
        let band = egui::Rect::from_min_size(
            pos2(sales.left(), sales.bottom() + 6.0),
            vec2(sales.width(), 6.0),
        );
        painter.rect_filled(band, 3.0, colour);
        painter.text(
            pos2(sales.center().x, band.bottom() + 4.0),
            egui::Align2::CENTER_TOP,
            format!(
                "SQL to close: {} leaked · {}",
                count(s.count),
                stake_text(result, Handoff::WithinSales, s.revenue_at_stake)
            ),
            theme::MAP_LABEL,
            Color32::from_gray(30),
        );
    }
    painter.text(
        rect.left_top() + vec2(0.0, 4.0),
        egui::Align2::LEFT_TOP,
        "Handoff map: arrows green at 90% or more within SLA, amber from 75%, red below",
        theme::MAP_LABEL,
        theme::MUTED,
    );
    if let Some(s) = summary(Handoff::Data) {
        ui.label(
            RichText::new(format!(
                "Data: {} of {} records of the period cannot be placed (see \"{}\").",
                count(s.count),
                count(s.volume),
                LeakKind::DataGap.label()
            ))
            .color(if s.count > 0 {
                theme::WARN
            } else {
                theme::MUTED
            }),
        );
    }
    if ui
        .small_button("Open the largest leak")
        .on_hover_text("The leak with the most revenue at stake")
        .clicked()
        && let Some(top) = result.report.ranked().first()
    {
        commands.push(Command::SelectLeak(Some(top.kind)));
    }
    commands
}

/// A handoff's revenue at stake: an estimate when any of its leaks is priced by expected
/// value (`≈ 476k USD`), else the amounts, to the unit.
fn stake_text(result: &LeaksResult, handoff: Handoff, amount: f64) -> String {
    let currency = &result.report.reporting_currency;
    let estimated = result.report.leaks.iter().any(|l| {
        l.kind.handoff() == handoff
            && l.kind.is_estimate()
            && l.revenue_at_stake.is_some_and(|v| v > 0.0)
    });
    if estimated {
        crate::text::approx_money(amount, currency)
    } else {
        money(amount, currency)
    }
}
