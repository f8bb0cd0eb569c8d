//! The deals or contacts behind a maturity signal, listed under its pillar's evidence.

use eframe::egui::{self, RichText};
use egui_extras::{Column, TableBuilder};

use super::funnel_deals_view::{DEAL_COLUMNS, deal_cells};
use crate::model::LifecycleStage;
use crate::text::date_time;
use crate::view_model::command::Command;
use crate::view_model::maturity::SignalRecords;

/// Draws the records of `open`, named `title`; Close when asked.
pub fn signal_records_ui(ui: &mut egui::Ui, open: &SignalRecords, title: &str) -> Option<Command> {
    let mut command = None;
    let count = open.deals.len() + open.contacts.len();
    ui.horizontal(|ui| {
        let noun = if count == 1 { "record" } else { "records" };
        ui.label(
            RichText::new(format!(
                "The {} {noun} behind \"{title}\"",
                crate::text::count(count)
            ))
            .strong(),
        );
        if ui.button("Close").clicked() {
            command = Some(Command::OpenSignalRecords(None));
        }
    });
    let Some(details) = &open.details else {
        super::widgets::reading_records_ui(ui);
        return command;
    };
    ui.push_id(("signal_records", &open.signal), |ui| {
        let table = TableBuilder::new(ui)
            .striped(true)
            .max_scroll_height(240.0)
            .cell_layout(egui::Layout::left_to_right(egui::Align::Center));
        if open.contacts.is_empty() {
            table
                .column(Column::initial(100.0))
                .column(Column::initial(200.0))
                .columns(Column::initial(115.0), DEAL_COLUMNS.len() - 2)
                .header(22.0, |mut row| {
                    for t in DEAL_COLUMNS {
                        row.col(|ui| {
                            ui.strong(t);
                        });
                    }
                })
                .body(|body| {
                    body.rows(22.0, open.deals.len(), |mut row| {
                        let Some(d) = open
                            .deals
                            .get(row.index())
                            .and_then(|p| details.deals.get(*p))
                        else {
                            return;
                        };
                        for text in deal_cells(d) {
                            row.col(|ui| {
                                ui.label(text);
                            });
                        }
                    });
                });
        } else {
            let headers = ["Record ID", "Name", "Owner", "Created"]
                .into_iter()
                .chain(LifecycleStage::ALL.iter().map(|s| s.label()));
            table
                .column(Column::initial(100.0))
                .column(Column::initial(180.0))
                .columns(Column::initial(110.0), 2 + LifecycleStage::ALL.len())
                .header(22.0, |mut row| {
                    for t in headers {
                        row.col(|ui| {
                            ui.strong(t);
                        });
                    }
                })
                .body(|body| {
                    body.rows(22.0, open.contacts.len(), |mut row| {
                        let Some(c) = open
                            .contacts
                            .get(row.index())
                            .and_then(|p| details.contacts.get(*p))
                        else {
                            return;
                        };
                        let date = |t: Option<i64>| t.map(date_time).unwrap_or_default();
                        let cells = [
                            c.source_id.clone(),
                            c.name.clone().unwrap_or_default(),
                            c.owner.clone().unwrap_or_default(),
                            date(c.created),
                        ]
                        .into_iter()
                        .chain(LifecycleStage::ALL.into_iter().map(|s| date(c.reached(s))));
                        for text in cells {
                            row.col(|ui| {
                                ui.label(text);
                            });
                        }
                    });
                });
        }
    });
    command
}
