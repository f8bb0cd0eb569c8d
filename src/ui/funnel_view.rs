//! The Funnel view: stage counts as a chart with the conversion between stages written
//! on it, the stage table beside the previous quarter and the same quarter last year,
//! deal metrics, the breakdown by segment, and the records behind any count; filters by
//! segment, region, owner and source combine.

use eframe::egui::{self, RichText};
use egui_extras::{Column, TableBuilder};

use super::theme;
use crate::metrics::breakdown::BreakdownRow;
use crate::metrics::{Dimension, FunnelMode};
use crate::text::date_time;
use crate::view_model::command::Command;
use crate::view_model::command::ExportList;
use crate::view_model::funnel::{BreakdownColumn, FunnelResult, FunnelViewModel};
use crate::view_model::sort::Sort;

fn pct(x: Option<f64>) -> String {
    crate::text::percent(x)
}

/// Draws the view; returns the user's choices.
pub fn funnel_view_ui(ui: &mut egui::Ui, model: &FunnelViewModel<'_>) -> Vec<Command> {
    let mut commands = Vec::new();
    super::widgets::view_heading(ui, "Funnel", model.computing);
    let Some(result) = model.result else {
        commands.extend(super::widgets::no_numbers_yet(
            ui,
            model.has_data,
            "Computing the funnel…",
        ));
        return commands;
    };
    let version = model
        .definitions_version
        .map_or_else(String::new, |v| format!(" · definitions v{v}"));
    ui.label(
        RichText::new(format!(
            "{} · {}{version}",
            result.query.period.label(),
            model.mode.label()
        ))
        .color(theme::MUTED),
    );
    if let Some(v) = result.restated_under {
        ui.label(
            RichText::new(format!(
                "Trend and past quarters recomputed under definitions v{v}."
            ))
            .color(theme::ACCENT),
        );
    }
    commands.extend(controls_ui(ui, model, result));
    let f = &result.funnel;
    if f.stages.first().is_none_or(|s| s.count == 0) {
        ui.add_space(12.0);
        ui.label(format!(
            "No records in {} for this selection. Choose another quarter in the top bar, or import that quarter's exports.",
            result.query.period.label()
        ));
        ui.horizontal(|ui| {
            if let Some(c) =
                super::widgets::latest_period_button(ui, result.query.period, model.latest_period)
            {
                commands.push(c);
            }
            if ui.button("Go to Import").clicked() {
                commands.push(Command::ShowView(
                    crate::view_model::navigation::View::Import,
                ));
            }
        });
        return commands;
    }
    egui::ScrollArea::vertical()
        .auto_shrink(false)
        .show(ui, |ui| {
            // New numbers are laid out a few sections a frame, top first (`ui::reveal`).
            let mut reveal = super::reveal::Reveal::new(ui, "funnel", result.numbers);
            reveal.section(ui, 0.0, |ui| {
                super::funnel_charts::chart_ui(ui, f, &result.previous);
            });
            reveal.section(ui, 6.0, |ui| {
                commands.extend(stage_table_ui(ui, result, model.selected_stage));
            });
            if let Some(i) = model.selected_stage {
                reveal.section(ui, 8.0, |ui| commands.extend(records_ui(ui, result, i)));
            }
            reveal.section(ui, 10.0, |ui| {
                commands.extend(super::funnel_deals_view::deal_cards_ui(
                    ui,
                    result,
                    &version,
                    model.selected_deals,
                ));
            });
            reveal.section(ui, 10.0, |ui| pipelines_ui(ui, result));
            reveal.section(ui, 10.0, |ui| super::funnel_charts::trend_ui(ui, result));
            reveal.section(ui, 10.0, |ui| {
                super::funnel_charts::time_in_stage_ui(ui, result)
            });
            reveal.section(ui, 10.0, |ui| hubspot_difference_ui(ui, result));
            reveal.section(ui, 10.0, |ui| {
                commands.extend(breakdown_ui(ui, result, model.breakdown_sort));
            });
        });
    commands
}

fn controls_ui(
    ui: &mut egui::Ui,
    model: &FunnelViewModel<'_>,
    result: &FunnelResult,
) -> Vec<Command> {
    let mut commands = Vec::new();
    ui.horizontal_wrapped(|ui| {
        let l = ui.label("Counting");
        // As wide as the longest mode's name: the filters beside it do not move when the
        // mode changes.
        egui::ComboBox::from_id_salt("funnel_mode")
            .width(150.0)
            .selected_text(model.mode.label())
            .show_ui(ui, |ui| {
                for m in FunnelMode::ALL {
                    if ui
                        .selectable_label(m == model.mode, m.label())
                        .on_hover_text(m.explain())
                        .clicked()
                    {
                        commands.push(Command::SetFunnelMode(m));
                    }
                }
            })
            .response
            .labelled_by(l.id);
        for (dimension, values) in &result.choices {
            ui.separator();
            let chosen = model.filter.value(*dimension);
            let all = format!("All {}s", dimension.label().to_lowercase());
            let l = ui.label(dimension.label());
            egui::ComboBox::from_id_salt(("funnel_filter", dimension.label()))
                .selected_text(chosen.unwrap_or(&all))
                .show_ui(ui, |ui| {
                    if ui.selectable_label(chosen.is_none(), &all).clicked() {
                        commands.push(Command::SetFunnelFilter(*dimension, None));
                    }
                    for v in values {
                        if ui.selectable_label(chosen == Some(v.as_str()), v).clicked() {
                            commands.push(Command::SetFunnelFilter(*dimension, Some(v.clone())));
                        }
                    }
                })
                .response
                .labelled_by(l.id);
        }
    });
    ui.label(
        RichText::new(model.mode.explain())
            .small()
            .color(theme::MUTED),
    );
    commands
}

/// The width of the stage table's first column, the stages' names.
const STAGE_COLUMN: f32 = 116.0;

fn stage_table_ui(ui: &mut egui::Ui, r: &FunnelResult, selected: Option<usize>) -> Vec<Command> {
    let mut commands = Vec::new();
    let table = &r.stage_table;
    let previous = r.query.period.previous().label();
    // A comparison column's hover: what it compares, or why it is blank.
    let hover = |column: usize| match column {
        8 => table.previous_note.clone(),
        11 => table.last_year_note.clone(),
        9 => Some(format!("Records at the stage now, minus in {previous}")),
        10 => Some(format!(
            "Conversion to the next stage now, minus in {previous}, in percentage points"
        )),
        _ => None,
    };
    // Every column on screen down to a 1280-wide window: the columns share the width,
    // and a header wraps onto a second line when its column is narrow.
    let numbers = table.headers.len() - 1;
    let gap = ui.spacing().item_spacing.x;
    let width = ((ui.available_width() - STAGE_COLUMN - gap * (numbers + 1) as f32)
        / numbers as f32)
        .clamp(60.0, 96.0);
    let header_height = if width < 92.0 { 42.0 } else { 24.0 };
    TableBuilder::new(ui)
        .id_salt("funnel_stages")
        .striped(true)
        .cell_layout(egui::Layout::left_to_right(egui::Align::Center))
        .column(Column::exact(STAGE_COLUMN))
        .columns(Column::exact(width), numbers)
        .header(header_height, |mut row| {
            for (column, title) in table.headers.iter().enumerate() {
                row.col(|ui| {
                    let label = ui.add(egui::Label::new(RichText::new(title).strong()).wrap());
                    if let Some(h) = hover(column) {
                        label.on_hover_text(h);
                    }
                });
            }
        })
        .body(|mut body| {
            for (i, stage) in table.rows.iter().enumerate() {
                body.row(26.0, |mut row| {
                    row.set_selected(selected == Some(i));
                    for (column, text) in stage.cells().into_iter().enumerate() {
                        row.col(|ui| match column {
                            0 => {
                                let hover = r.stage_definitions.get(i).cloned().unwrap_or_default();
                                ui.label(text).on_hover_text(format!(
                                    "{hover}\nCounted under definitions v{}.",
                                    r.query.definitions_version
                                ));
                            }
                            1 => commands.extend(count_button_ui(ui, stage, &text, i, selected)),
                            2 => {
                                ui.label(text).on_hover_text(
                                    "Counted here without a date for this stage: they skipped it",
                                );
                            }
                            _ => {
                                let label = ui.label(text);
                                if let Some(h) = hover(column) {
                                    label.on_hover_text(h);
                                }
                            }
                        });
                    }
                });
            }
        });
    commands
}

/// A stage's count as a button that lists the records behind it (or closes the list).
fn count_button_ui(
    ui: &mut egui::Ui,
    stage: &crate::metrics::stage_table::StageTableRow,
    text: &str,
    i: usize,
    selected: Option<usize>,
) -> Option<Command> {
    let b = ui
        .add(egui::Button::new(text).small())
        .on_hover_text(format!("List the {text} records at {}", stage.name));
    let name = format!("{} at {}", stage.count, stage.name);
    b.widget_info(|| egui::WidgetInfo::labeled(egui::accesskit::Role::Button, true, &name));
    b.clicked()
        .then(|| Command::SelectFunnelStage(if selected == Some(i) { None } else { Some(i) }))
}

pub(super) fn records_ui(ui: &mut egui::Ui, r: &FunnelResult, stage: usize) -> Vec<Command> {
    let mut commands = Vec::new();
    let Some(s) = r.funnel.stages.get(stage) else {
        return commands;
    };
    ui.horizontal(|ui| {
        ui.label(RichText::new(format!("The {} records counted at {}", s.count, s.name)).strong());
        if ui.button("Close").clicked() {
            commands.push(Command::SelectFunnelStage(None));
        }
        if ui
            .add_enabled(r.details_ready(), egui::Button::new("Export to CSV…"))
            .on_hover_text("Save these records as a work list")
            .clicked()
        {
            commands.push(Command::Export(ExportList::FunnelStage(stage)));
        }
    });
    if !r.details_ready() {
        super::widgets::reading_records_ui(ui);
        return commands;
    }
    let k = theme::type_scale(ui);
    ui.push_id(("funnel_records", stage), |ui| {
        TableBuilder::new(ui)
            .striped(true)
            .max_scroll_height(260.0 * k)
            .cell_layout(egui::Layout::left_to_right(egui::Align::Center))
            .column(Column::initial(110.0 * k))
            .column(Column::initial(180.0 * k))
            .columns(Column::initial(130.0 * k), 4)
            .column(Column::remainder())
            .header(22.0 * k, |mut row| {
                for t in [
                    "Record ID",
                    "Name",
                    "Owner",
                    "Segment",
                    "Source",
                    "Created",
                    "Date at this stage",
                ] {
                    row.col(|ui| {
                        ui.strong(t);
                    });
                }
            })
            .body(|body| {
                body.rows(22.0 * k, s.records.len(), |mut row| {
                    let Some(c) = s.records.get(row.index()).and_then(|i| r.contact(*i)) else {
                        return;
                    };
                    let skipped = s
                        .skipped_records
                        .binary_search(&s.records[row.index()])
                        .is_ok();
                    let at_stage = crate::model::LifecycleStage::ALL
                        .into_iter()
                        .find(|l| l.label().eq_ignore_ascii_case(&s.key))
                        .and_then(|l| c.reached(l));
                    for text in [
                        c.source_id.clone(),
                        c.name.clone().unwrap_or_default(),
                        c.owner.clone().unwrap_or_default(),
                        c.segment.clone().unwrap_or_default(),
                        c.source.clone().unwrap_or_default(),
                        c.created.map(date_time).unwrap_or_default(),
                        if skipped {
                            "skipped".to_owned()
                        } else {
                            at_stage.map(date_time).unwrap_or_default()
                        },
                    ] {
                        row.col(|ui| {
                            ui.label(text);
                        });
                    }
                });
            });
    });
    commands
}

/// The deal-stage funnel of each pipeline.
fn pipelines_ui(ui: &mut egui::Ui, r: &FunnelResult) {
    if r.pipelines.is_empty() {
        return;
    }
    ui.label(
        RichText::new(format!(
            "Deal stages by pipeline — deals created in {}",
            r.query.period.label()
        ))
        .strong(),
    );
    for p in &r.pipelines {
        ui.horizontal_wrapped(|ui| {
            ui.label(RichText::new(&p.pipeline).strong());
            ui.label(format!("{} created", p.created));
            for (stage, n) in &p.stages {
                ui.label(RichText::new("»").color(theme::MUTED));
                ui.label(format!("{stage} {n}"));
            }
            ui.label(RichText::new("»").color(theme::MUTED));
            ui.label(RichText::new(format!("won {}", p.won)).color(theme::GOOD));
            ui.label(RichText::new(format!("lost {}", p.lost)).color(theme::BAD));
        });
    }
}

fn breakdown_ui(ui: &mut egui::Ui, r: &FunnelResult, sort: Sort<BreakdownColumn>) -> Vec<Command> {
    let mut commands = Vec::new();
    ui.horizontal(|ui| {
        let l = ui.label(RichText::new("Breakdown by").strong());
        egui::ComboBox::from_id_salt("breakdown_by")
            .selected_text(r.query.breakdown_by.label())
            .show_ui(ui, |ui| {
                for d in Dimension::ALL {
                    if ui
                        .selectable_label(d == r.query.breakdown_by, d.label())
                        .clicked()
                    {
                        commands.push(Command::SetFunnelBreakdown(d));
                    }
                }
            })
            .response
            .labelled_by(l.id);
        ui.label(
            RichText::new("click a column to sort")
                .small()
                .color(theme::MUTED),
        );
    });
    let stage_names: Vec<String> = r.funnel.stages.iter().map(|s| s.name.clone()).collect();
    let rows = BreakdownColumn::sorted(&r.breakdown, sort);
    egui::Grid::new("breakdown")
        .striped(true)
        .spacing([18.0, 6.0])
        .show(ui, |ui| {
            for column in BreakdownColumn::all(stage_names.len()) {
                let t = column.title(r.query.breakdown_by, &stage_names);
                let arrow = sort.arrow(column);
                if ui
                    .add(
                        egui::Button::new(RichText::new(format!("{t}{arrow}")).strong())
                            .frame(false),
                    )
                    .on_hover_text(format!("Sort by {t}"))
                    .clicked()
                {
                    commands.push(Command::SetFunnelSort(column));
                }
            }
            ui.strong("");
            ui.end_row();
            let total = BreakdownRow::total(
                r.breakdown
                    .iter()
                    .any(|b| b.funnel.is_some())
                    .then_some(&r.funnel),
                &r.deals,
            );
            for row in rows.into_iter().chain(std::iter::once(&total)) {
                let is_total = std::ptr::eq(row, &total);
                ui.horizontal(|ui| {
                    if is_total {
                        ui.strong(&row.value);
                    } else {
                        ui.label(&row.value);
                    }
                    if let Some(role) = row.owner_role(r.query.breakdown_by) {
                        ui.label(RichText::new(role).small().color(theme::MUTED));
                    }
                });
                for cell in row.stage_cells(stage_names.len()) {
                    if is_total {
                        ui.strong(cell);
                    } else {
                        ui.label(cell);
                    }
                }
                ui.label(pct(row.deals.win_rate))
                    .on_hover_text(format!("{} won, {} lost", row.deals.won, row.deals.lost));
                if row.thin {
                    ui.label(RichText::new("thin: fewer than 20 records").color(theme::WARN));
                } else {
                    ui.label("");
                }
                ui.end_row();
            }
        });
    commands
}

/// The records that make our count differ from HubSpot's strict funnel report.
fn hubspot_difference_ui(ui: &mut egui::Ui, r: &FunnelResult) {
    if r.query.mode == FunnelMode::Strict {
        return;
    }
    egui::CollapsingHeader::new(RichText::new("Why does this differ from HubSpot?").strong()).show(ui, |ui| {
        ui.label(
            RichText::new(
                "HubSpot's sequential funnel leaves out a record from the stage it skipped on, and one whose dates go backwards. \
                 Here is each stage under both ways of counting, and the records that make the difference.",
            )
            .color(theme::MUTED),
        );
        for (ours, strict) in r.funnel.stages.iter().zip(&r.strict.stages) {
            let only_ours: Vec<usize> = ours.records.iter().copied().filter(|i| strict.records.binary_search(i).is_err()).collect();
            ui.label(format!("{}: {} here, {} strict in order", ours.name, ours.count, strict.count));
            if only_ours.is_empty() {
                continue;
            }
            let list: Vec<String> = only_ours
                .iter()
                .take(12)
                .filter_map(|i| {
                    let c = r.contact(*i)?;
                    let why = if ours.skipped_records.binary_search(i).is_ok() { "skipped this stage" } else { "skipped an earlier stage or has dates out of order" };
                    Some(format!("{} ({}): {why}", c.name.as_deref().unwrap_or(&c.source_id), c.source_id))
                })
                .collect();
            for line in list {
                ui.label(RichText::new(format!("    {line}")).small());
            }
            if only_ours.len() > 12 {
                ui.label(RichText::new(format!("    and {} more", only_ours.len() - 12)).small().color(theme::MUTED));
            }
        }
    });
}
