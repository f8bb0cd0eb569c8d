//! The records behind a number on a slide, over it: the same lists as the Funnel and
//! Handoff leaks views, sortable.

use eframe::egui::{self, Rect};

use super::presentation_view::PresentationModel;
use crate::leaks::LeakKind;
use crate::scorecard::draw::Spot;
use crate::view_model::command::Command;
use crate::view_model::presentation::PresentKey;

/// The Funnel's breakdown row of the segment picked with a number key.
pub(super) fn segment_of<'a>(
    model: &PresentationModel<'a>,
) -> Option<&'a crate::metrics::breakdown::BreakdownRow> {
    let i = model.deck.segment?;
    let funnel = model.funnel?;
    funnel.breakdown.get(i).filter(|r| r.funnel.is_some())
}

/// The records behind `spot`, over the whole slide: the same lists as the Funnel and
/// Handoff leaks views, sortable, in type sized to the screen as the slide's is (`u`: the
/// slide's unit, a pixel of a 1080-line screen), so the room can read them; their Close
/// (and Esc) close them.
pub(super) fn records_over_slide(
    ui: &mut egui::Ui,
    model: &PresentationModel<'_>,
    spot: &Spot,
    area: Rect,
    u: f32,
) -> Vec<Command> {
    let mut out = Vec::new();
    egui::Area::new(ui.scope_id().with("slide_records"))
        .fixed_pos(area.left_top())
        .order(egui::Order::Foreground)
        .show(ui.ctx(), |ui| {
            // The window's type at 1280 × 720, half as large again at 1920 × 1080: the
            // same share of the screen's height.
            super::theme::scale_type(ui.style_mut(), (1.4 * u).clamp(1.0, 2.0));
            egui::Frame::popup(ui.style())
                .inner_margin(16.0)
                .show(ui, |ui| {
                    ui.set_width(area.width() - 32.0);
                    ui.set_min_height(area.height() - 32.0);
                    ui.set_max_height(area.height() - 32.0);
                    ui.horizontal(|ui| {
                        ui.label(
                            egui::RichText::new("Esc closes the records")
                                .color(super::theme::MUTED),
                        );
                        if ui.button("Close").clicked() {
                            out.push(Command::PresentKey(PresentKey::Leave));
                        }
                    });
                    let listed = match spot {
                        Spot::Leak(key) => leak_records(ui, model, key),
                        Spot::Metric(key) => metric_records(ui, model, key),
                        Spot::Pillars => None,
                    };
                    match listed {
                        Some(commands) => out.extend(commands.into_iter().map(|c| match c {
                            // The lists' own Close closes them over the slide.
                            Command::SelectFunnelStage(None) | Command::SelectFunnelDeals(None) => {
                                Command::PresentKey(PresentKey::Leave)
                            }
                            other => other,
                        })),
                        None => {
                            ui.label("Reading the records behind this number…");
                        }
                    }
                });
        });
    out
}

fn leak_records(
    ui: &mut egui::Ui,
    model: &PresentationModel<'_>,
    key: &str,
) -> Option<Vec<Command>> {
    let kind = LeakKind::ALL.iter().find(|k| k.key() == key)?;
    leak_list(ui, model, *kind)
}

fn leak_list(
    ui: &mut egui::Ui,
    model: &PresentationModel<'_>,
    kind: LeakKind,
) -> Option<Vec<Command>> {
    let leaks = model.leaks.filter(|r| r.lists_ready)?;
    let rows = leaks.lists.get(&kind)?;
    ui.label(egui::RichText::new(format!("{}: the {} records", kind.label(), rows.len())).strong());
    Some(super::leaks_view::records_ui(
        ui,
        rows,
        model.leak_sort,
        &leaks.report.reporting_currency,
        kind.is_estimate(),
    ))
}

fn metric_records(
    ui: &mut egui::Ui,
    model: &PresentationModel<'_>,
    key: &str,
) -> Option<Vec<Command>> {
    use crate::view_model::funnel::DealList;
    if let Some(handoff) = crate::scorecard::catalogue::sla_handoff(key) {
        // A handoff's SLA: its leak that flagged the most records.
        let leaks = model.leaks?;
        let kind = leaks
            .report
            .leaks
            .iter()
            .filter(|l| l.kind.handoff() == handoff)
            .max_by_key(|l| l.count)?
            .kind;
        return leak_list(ui, model, kind);
    }
    let funnel = model.funnel?;
    let list = match key {
        "win_rate" => Some(DealList::Closed),
        "new_arr_won" | "deals_won" | "median_cycle" => Some(DealList::Won),
        "velocity" => Some(DealList::Open),
        "pipeline_coverage" => Some(DealList::Due),
        _ => None,
    };
    if let Some(list) = list {
        return Some(super::funnel_deals_view::deal_list_ui(ui, funnel, list));
    }
    let stage = key
        .strip_prefix("conversion:")
        .or_else(|| key.strip_prefix("stage:"))
        .and_then(|s| funnel.funnel.stages.iter().position(|x| x.key == s))?;
    Some(super::funnel_view::records_ui(ui, funnel, stage))
}
