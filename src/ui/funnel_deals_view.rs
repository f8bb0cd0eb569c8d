//! The Funnel view's deal numbers: win rate, won size, cycle, open deals, velocity and
//! coverage as cards, each opening the list of deals behind it.

use eframe::egui::{self, RichText};
use egui_extras::{Column, TableBuilder};

use super::theme;
use crate::text::{cents, date_time};
use crate::view_model::command::Command;
use crate::view_model::command::ExportList;
use crate::view_model::funnel::{DealList, FunnelResult};

fn money(x: Option<f64>, currency: &str) -> String {
    x.map_or_else(|| "—".to_owned(), |v| crate::text::money(v, currency))
}

/// The deal cards and coverage line; a click on one opens its deals.
pub fn deal_cards_ui(
    ui: &mut egui::Ui,
    r: &FunnelResult,
    version: &str,
    selected: Option<DealList>,
) -> Vec<Command> {
    let mut commands = Vec::new();
    let d = &r.deals;
    let cur = &d.reporting_currency;
    // A quarter whose won deals all lack a price has no won size, not a size of 0.
    let won_size = |x: Option<f64>| match x {
        None if d.won > 0 => "no priced won deals".to_owned(),
        x => money(x, cur),
    };
    let unpriced = match d.won_without_amount {
        0 => String::new(),
        1 => "; 1 won deal without an amount is not in it".to_owned(),
        n => format!("; {n} won deals without an amount are not in it"),
    };
    ui.label(RichText::new(format!("Deals closed in {}", r.query.period.label())).strong());
    let cards = [
        (
            "Win rate",
            crate::text::percent(d.win_rate),
            format!(
                "Won ÷ (won + lost) of the deals closed in the quarter: {} won, {} lost{version}",
                d.won, d.lost
            ),
            DealList::Closed,
        ),
        (
            "Average won deal",
            won_size(d.avg_won_amount),
            format!(
                "Mean amount of the {} deals won in the quarter with an amount, in {cur} at the definitions' fixed rates{unpriced}{version}",
                d.won - d.won_without_amount
            ),
            DealList::Won,
        ),
        (
            "Median won deal",
            won_size(d.median_won_amount),
            format!(
                "Median amount of the deals won in the quarter with an amount{unpriced}{version}"
            ),
            DealList::Won,
        ),
        (
            "Median sales cycle",
            d.median_cycle_days
                .map_or_else(|| "—".to_owned(), |v| format!("{v:.0} days")),
            format!(
                "Median days from created to closed-won of the deals won in the quarter{version}"
            ),
            DealList::Won,
        ),
        (
            "Open deals",
            d.open_deals.to_string(),
            format!("Deals whose stage is open under the definitions{version}"),
            DealList::Open,
        ),
        (
            "Pipeline velocity",
            d.pipeline_velocity_per_day.map_or_else(
                || "—".to_owned(),
                |v| format!("{} / day", money(Some(v), cur)),
            ),
            format!(
                "(open deals × win rate × average won deal) ÷ median sales cycle days; {} a quarter{version}",
                money(d.pipeline_velocity_per_quarter, cur)
            ),
            DealList::Open,
        ),
    ];
    ui.horizontal_wrapped(|ui| {
        for (title, value, how, list) in cards {
            egui::Frame::new()
                .fill(if selected == Some(list) {
                    theme::NOTICE_INFO_BG
                } else {
                    egui::Color32::WHITE
                })
                .stroke(egui::Stroke::new(1.0, egui::Color32::from_gray(220)))
                .corner_radius(6.0)
                .inner_margin(10.0)
                .show(ui, |ui| {
                    ui.set_min_width(140.0);
                    ui.vertical(|ui| {
                        ui.label(RichText::new(title).small().color(theme::MUTED));
                        let value = ui
                            .add(
                                egui::Label::new(
                                    RichText::new(value).font(theme::BIG_NUMBER).strong(),
                                )
                                .sense(egui::Sense::click()),
                            )
                            .on_hover_cursor(egui::CursorIcon::PointingHand)
                            .on_hover_text(format!("{how}. Click for the deals."));
                        if value.clicked() {
                            commands.push(Command::SelectFunnelDeals(
                                (selected != Some(list)).then_some(list),
                            ));
                        }
                    });
                });
        }
    });
    commands.extend(coverage_ui(ui, r));
    if d.won_without_amount > 0 {
        let n = d.won_without_amount;
        let (deals, are) = if n == 1 {
            ("deal", "is")
        } else {
            ("deals", "are")
        };
        ui.label(
            RichText::new(format!(
                "{n} won {deals} without an amount {are} not in the average and median won deal (0 counts as no amount unless the definitions say it is a price)."
            ))
            .color(theme::WARN),
        );
    }
    if d.amounts_without_rate > 0 {
        ui.label(RichText::new(format!("{} won deal(s) are in a currency without a rate in the definitions and are left out of the amounts.", d.amounts_without_rate)).color(theme::WARN));
    }
    if let Some(list) = selected {
        ui.add_space(8.0);
        commands.extend(deal_list_ui(ui, r, list));
    }
    commands
}

fn coverage_ui(ui: &mut egui::Ui, r: &FunnelResult) -> Vec<Command> {
    let c = &r.coverage;
    let cur = &r.deals.reporting_currency;
    let text = match (c.coverage, c.target) {
        (Some(x), Some(t)) => {
            let colour = if x >= 3.0 { theme::GOOD } else { theme::WARN };
            RichText::new(format!("Pipeline coverage {x:.1}× — {} open and due in {} against a target of {} (3× is the usual benchmark)", money(Some(c.open_due), cur), r.query.period.label(), money(Some(t), cur))).color(colour)
        }
        _ => RichText::new(format!(
            "Pipeline coverage: {} open and due in {}; no revenue target for it yet (add one in Definitions, Revenue targets)",
            money(Some(c.open_due), cur),
            r.query.period.label()
        ))
        .color(theme::MUTED),
    };
    let mut commands = Vec::new();
    ui.horizontal(|ui| {
        ui.label(text).on_hover_text("Open deals whose close date is in the quarter, in the reporting currency, ÷ the quarter's target (for the selected segment when one has its own).");
        if ui.link(format!("{} deals", c.records.len())).clicked() {
            commands.push(Command::SelectFunnelDeals(Some(DealList::Due)));
        }
    });
    commands
}

/// The deals behind one number, exportable.
pub(super) fn deal_list_ui(ui: &mut egui::Ui, r: &FunnelResult, list: DealList) -> Vec<Command> {
    let mut commands = Vec::new();
    let positions = list.positions(r);
    ui.horizontal(|ui| {
        ui.label(
            RichText::new(format!(
                "The {} deals {} behind these numbers",
                positions.len(),
                list.label()
            ))
            .strong(),
        );
        if ui.button("Close").clicked() {
            commands.push(Command::SelectFunnelDeals(None));
        }
        if ui
            .add_enabled(r.details_ready(), egui::Button::new("Export to CSV…"))
            .on_hover_text("Save these deals as a work list")
            .clicked()
        {
            commands.push(Command::Export(ExportList::FunnelDeals(list)));
        }
    });
    if !r.details_ready() {
        super::widgets::reading_records_ui(ui);
        return commands;
    }
    let k = theme::type_scale(ui);
    ui.push_id(("funnel_deals", list.key()), |ui| {
        TableBuilder::new(ui)
            .striped(true)
            .max_scroll_height(260.0 * k)
            .cell_layout(egui::Layout::left_to_right(egui::Align::Center))
            .column(Column::initial(100.0 * k))
            .column(Column::initial(180.0 * k))
            .columns(Column::initial(120.0 * k), 5)
            .column(Column::remainder())
            .header(22.0 * k, |mut row| {
                for t in DEAL_COLUMNS {
                    row.col(|ui| {
                        ui.strong(t);
                    });
                }
            })
            .body(|body| {
                body.rows(22.0 * k, positions.len(), |mut row| {
                    let Some(d) = positions.get(row.index()).and_then(|i| r.deal(*i)) else {
                        return;
                    };
                    for text in deal_cells(d) {
                        row.col(|ui| {
                            ui.label(text);
                        });
                    }
                });
            });
    });
    commands
}

/// The columns of a list of deals.
pub(super) const DEAL_COLUMNS: [&str; 8] = [
    "Record ID",
    "Deal",
    "Owner",
    "Pipeline",
    "Stage",
    "Amount",
    "Created",
    "Close date",
];

/// A deal's cells under [`DEAL_COLUMNS`]: the stage and amount as exported.
pub(super) fn deal_cells(d: &crate::model::Deal) -> [String; 8] {
    let date = |t: Option<i64>| t.map(date_time).unwrap_or_default();
    let amount = d.amount_cents.map_or_else(String::new, |c| {
        format!("{} {}", cents(c), d.currency.as_deref().unwrap_or(""))
    });
    [
        d.source_id.clone(),
        d.name.clone().unwrap_or_default(),
        d.owner.clone().unwrap_or_default(),
        d.pipeline.clone().unwrap_or_default(),
        d.raw_stage.clone().unwrap_or_default(),
        amount,
        date(d.created),
        date(d.close_date),
    ]
}
