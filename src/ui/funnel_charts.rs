//! The Funnel view's charts: stage counts with the conversion between stages written on
//! them, conversion to the next stage over eight quarters, and days from each stage to
//! the next as boxes.

use eframe::egui::{self, RichText};
use egui_plot::{Bar, BarChart, BoxElem, BoxPlot, BoxSpread, Line, PlotPoint, Text};

use super::theme;
use crate::metrics::LifecycleFunnel;
use crate::text::percent;
use crate::view_model::funnel::FunnelResult;

/// The stage counts as bars, each step's conversion written between them, coloured
/// against the previous quarter's: green at or above it, red below, neutral when the
/// previous quarter has none.
#[expect(clippy::cast_precision_loss, reason = "chart coordinates")]
pub(super) fn chart_ui(ui: &mut egui::Ui, f: &LifecycleFunnel, previous: &LifecycleFunnel) {
    let max = f.stages.iter().map(|s| s.count).max().unwrap_or(1).max(1) as f64;
    let bars: Vec<Bar> = f
        .stages
        .iter()
        .enumerate()
        .map(|(i, s)| {
            Bar::new(i as f64, s.count as f64)
                .width(0.6)
                .name(&s.name)
                .fill(theme::ACCENT)
        })
        .collect();
    let names: Vec<String> = f.stages.iter().map(|s| s.name.clone()).collect();
    super::widgets::labelled_plot("funnel_chart", 230.0, names)
        .show_grid([false, true])
        .include_y(max * 1.2)
        .include_x(-0.6)
        .include_x(f.stages.len() as f64 - 0.4)
        .show(ui, |plot| {
            plot.bar_chart(BarChart::new("Records", bars).color(theme::ACCENT));
            for (i, s) in f.stages.iter().enumerate() {
                plot.text(Text::new(
                    format!("count {i}"),
                    PlotPoint::new(i as f64, s.count as f64 + max * 0.06),
                    RichText::new(crate::text::count(s.count)).strong(),
                ));
                if let Some(c) = s.conversion_to_next {
                    let before = previous.stages.get(i).and_then(|p| p.conversion_to_next);
                    let colour = match before {
                        Some(b) if c < b => theme::BAD,
                        Some(_) => theme::GOOD,
                        None => theme::MUTED,
                    };
                    plot.text(Text::new(
                        format!("conversion {i}"),
                        PlotPoint::new(i as f64 + 0.5, max * 0.5),
                        RichText::new(format!("{} »", percent(Some(c))))
                            .font(theme::SECTION)
                            .strong()
                            .color(colour),
                    ));
                }
            }
        });
}

/// Stage-to-next conversion per quarter, one line per step.
#[expect(clippy::cast_precision_loss, reason = "chart coordinates")]
pub(super) fn trend_ui(ui: &mut egui::Ui, r: &FunnelResult) {
    // The quarters before the first with records are left out, and the title says since.
    let first = r
        .trend
        .iter()
        .position(|(_, conv)| conv.iter().any(Option::is_some))
        .unwrap_or(0);
    let quarters = &r.trend[first..];
    let title = match (first, quarters.first()) {
        (0, _) | (_, None) => "Conversion to the next stage, last eight quarters".to_owned(),
        (_, Some((q, _))) => format!("Conversion to the next stage, since {}", q.label()),
    };
    ui.label(RichText::new(title).strong());
    let labels: Vec<String> = quarters.iter().map(|(q, _)| q.label()).collect();
    let steps: Vec<String> = r
        .funnel
        .stages
        .windows(2)
        .map(|w| format!("{} to {}", w[0].name, w[1].name))
        .collect();
    let colours = [
        theme::ACCENT,
        theme::GOOD,
        theme::WARN,
        theme::BAD,
        theme::MUTED,
        egui::Color32::from_rgb(0x7b, 0x3f, 0xa0),
    ];
    super::widgets::labelled_plot("funnel_trend", 200.0, labels)
        .include_y(0.0)
        .include_y(125.0)
        .legend(
            egui_plot::Legend::default()
                .position(egui_plot::Corner::LeftTop)
                .follow_insertion_order(true),
        )
        .y_axis_formatter(|mark, _| format!("{:.0}%", mark.value))
        .show(ui, |plot| {
            for (step, name) in steps.iter().enumerate() {
                let points: Vec<[f64; 2]> = quarters
                    .iter()
                    .enumerate()
                    .filter_map(|(x, (_, conv))| {
                        conv.get(step)
                            .copied()
                            .flatten()
                            .map(|c| [x as f64, c * 100.0])
                    })
                    .collect();
                let colour = colours
                    .get(step % colours.len())
                    .copied()
                    .unwrap_or(theme::ACCENT);
                plot.line(Line::new(name.clone(), points).color(colour).width(2.0));
            }
        });
}

/// Days from each stage to the next: the spread as boxes (10th, 25th, median, 75th, 90th).
#[expect(clippy::cast_precision_loss, reason = "chart coordinates")]
pub(super) fn time_in_stage_ui(ui: &mut egui::Ui, r: &FunnelResult) {
    ui.label(RichText::new("Days from each stage to the next").strong())
        .on_hover_text("Boxes: 25th to 75th percentile with the median; whiskers: 10th and 90th.");
    let names: Vec<String> = r
        .funnel
        .stages
        .windows(2)
        .map(|w| format!("{} to {}", w[0].name, w[1].name))
        .collect();
    let boxes: Vec<BoxElem> = r
        .funnel
        .stages
        .iter()
        .enumerate()
        .filter_map(|(i, s)| {
            let spread = BoxSpread::new(
                s.p10_days_to_next?,
                s.p25_days_to_next?,
                s.median_days_to_next?,
                s.p75_days_to_next?,
                s.p90_days_to_next?,
            );
            Some(
                BoxElem::new(i as f64, spread)
                    .name(names.get(i).cloned().unwrap_or_default())
                    .box_width(0.5)
                    .fill(theme::ACCENT.gamma_multiply(0.3))
                    .stroke(egui::Stroke::new(1.5, theme::ACCENT)),
            )
        })
        .collect();
    let labels = names.clone();
    super::widgets::labelled_plot("time_in_stage", 180.0, labels)
        .include_y(0.0)
        .y_axis_formatter(|mark, _| format!("{:.0} d", mark.value))
        .show(ui, |plot| {
            plot.box_plot(BoxPlot::new("Days", boxes).color(theme::ACCENT))
        });
}
