//! The Leaks view: the handoff map (each handoff coloured by its SLA compliance, with its
//! leak count and revenue at stake), the leaks ranked by revenue at stake, and for the open
//! leak how it was counted, its breakdown, and the records behind it.

use eframe::egui::{self, Color32, RichText, Sense, Stroke, pos2, vec2};
use egui_extras::{Column, TableBuilder};
use egui_plot::{Bar, BarChart};

use super::theme;
use super::widgets::named_button;
use crate::leaks::{Leak, LeakDimension, LeakKind, TrendPoint};
use crate::leaks::{SortedWorkList, WorkListColumn};
use crate::text::{count, date_time, money, percent};
use crate::view_model::command::Command;
use crate::view_model::command::ExportList;
use crate::view_model::leaks::{LeakColumn, LeaksResult, LeaksViewModel};
use crate::view_model::sort::Sort;

fn stake(x: Option<f64>, currency: &str) -> String {
    x.map_or_else(|| "not priced".to_owned(), |v| money(v, currency))
}

/// A leak's revenue at stake: an estimate reads as one (`≈ 476k USD`), with the exact
/// figure and how it was worked out on hover; amounts the records hold to the unit.
fn stake_ui(ui: &mut egui::Ui, leak: &Leak, currency: &str) {
    let text = match leak.revenue_at_stake {
        Some(v) if leak.kind.is_estimate() => crate::text::approx_money(v, currency),
        x => stake(x, currency),
    };
    let hover = match leak.revenue_at_stake {
        Some(v) if leak.kind.is_estimate() => {
            format!("{}: {}", money(v, currency), leak.stake_formula)
        }
        _ => leak.stake_formula.clone(),
    };
    ui.label(text).on_hover_text(hover);
}

/// Draws the view; returns the user's choices.
pub fn leaks_view_ui(ui: &mut egui::Ui, model: &LeaksViewModel<'_>) -> Vec<Command> {
    let mut commands = Vec::new();
    super::widgets::view_heading(ui, "Handoff leaks", model.computing);
    let Some(result) = model.result else {
        commands.extend(super::widgets::no_numbers_yet(
            ui,
            model.has_data,
            "Finding the handoff leaks…",
        ));
        return commands;
    };
    ui.label(
        RichText::new(format!(
            "{} · as of {} · definitions v{} · every leak is judged against the SLAs in force",
            result.query.period.label(),
            result.as_of,
            result.query.definitions_version
        ))
        .color(theme::MUTED),
    );
    if let Some(v) = result.restated_under {
        ui.label(
            RichText::new(format!("Trend recomputed under definitions v{v}.")).color(theme::ACCENT),
        );
    }
    if result.report.leaks.iter().all(|l| l.volume == 0) {
        ui.add_space(12.0);
        ui.label(format!(
            "Nothing went through a handoff in {}: no records of that quarter. Choose another quarter in the top bar, or import that quarter's exports.",
            result.query.period.label()
        ));
        if let Some(c) =
            super::widgets::latest_period_button(ui, result.query.period, model.latest_period)
        {
            commands.push(c);
        }
        return commands;
    }
    egui::ScrollArea::vertical()
        .auto_shrink([false, false])
        .show(ui, |ui| {
            // New numbers are laid out a few sections a frame, top first (`ui::reveal`).
            let numbers = (result.numbers, model.selected);
            let mut reveal = super::reveal::Reveal::new(ui, "leaks", numbers);
            reveal.section(ui, 6.0, |ui| {
                commands.extend(super::handoff_map::handoff_map_ui(ui, result))
            });
            reveal.section(ui, 10.0, |ui| {
                commands.extend(ranked_ui(ui, result, model));
            });
            if let Some(kind) = model.selected
                && let Some(leak) = result.report.leak(kind)
            {
                reveal.section(ui, 12.0, |ui| {
                    ui.separator();
                    commands.extend(detail_ui(ui, model, result, leak));
                });
                if result.lists_ready {
                    let currency = &result.report.reporting_currency;
                    if let Some(rows) = result.breakdowns.get(&(kind, model.dimension)) {
                        reveal.section(ui, 0.0, |ui| {
                            breakdown_ui(ui, rows, leak, model.dimension, currency);
                        });
                    }
                    reveal.section(ui, 10.0, |ui| {
                        commands.extend(leak_records_ui(ui, model, result, leak));
                    });
                }
            }
        });
    commands
}

/// The leaks ranked by revenue at stake, each opening its detail.
fn ranked_ui(ui: &mut egui::Ui, result: &LeaksResult, model: &LeaksViewModel<'_>) -> Vec<Command> {
    let mut commands = Vec::new();
    let selected = model.selected;
    let currency = &result.report.reporting_currency;
    let sort = model.leaks_sort;
    ui.strong(if sort == Sort::by(LeakColumn::AtStake) {
        "Leaks, largest revenue at stake first".to_owned()
    } else {
        format!("Leaks, by {}", sort.column.title().to_lowercase())
    });
    // The names share what the numbers leave, so the trend stays on screen in a
    // 1280-wide window; a cut name shows whole on hover.
    let gap = ui.spacing().item_spacing.x;
    let names = ui.available_width() - (3.0 * 56.0 + 158.0 + 140.0 + 110.0) - 8.0 * gap;
    let leak_width = (names * 0.6).clamp(200.0, 290.0);
    let handoff_width = (names - leak_width).clamp(140.0, 196.0);
    ui.push_id("ranked_leaks", |ui| {
        TableBuilder::new(ui)
            .striped(true)
            .vscroll(false)
            .cell_layout(egui::Layout::left_to_right(egui::Align::Center))
            .column(Column::initial(leak_width).clip(true))
            .column(Column::initial(handoff_width).clip(true))
            .columns(Column::initial(56.0), 3)
            .column(Column::initial(158.0))
            .column(Column::initial(140.0).clip(true))
            .column(Column::remainder().at_least(110.0))
            .header(24.0, |mut row| {
                for column in LeakColumn::ALL {
                    row.col(|ui| {
                        let t = column.title();
                        let arrow = sort.arrow(column);
                        if ui
                            .add(
                                egui::Button::new(RichText::new(format!("{t}{arrow}")).strong())
                                    .frame(false),
                            )
                            .on_hover_text(format!("Sort by {}", t.to_lowercase()))
                            .clicked()
                        {
                            commands.push(Command::SetLeaksTableSort(column));
                        }
                    });
                }
                for t in ["SLA", "Last 4 quarters"] {
                    row.col(|ui| {
                        ui.strong(t);
                    });
                }
            })
            .body(|mut body| {
                for leak in LeakColumn::sorted(&result.report, sort) {
                    body.row(28.0, |mut row| {
                        let open = selected == Some(leak.kind);
                        row.set_selected(open);
                        row.col(|ui| {
                            let r = ui.selectable_label(open, leak.kind.label()).on_hover_text(
                                format!("{}\n\n{}", leak.kind.label(), leak.kind.explain()),
                            );
                            if r.clicked() {
                                commands.push(Command::SelectLeak((!open).then_some(leak.kind)));
                            }
                        });
                        row.col(|ui| {
                            let handoff = leak.kind.handoff().label();
                            ui.label(handoff).on_hover_text(handoff);
                        });
                        if let Some(day) = &leak.known_only_as_of {
                            // Not this quarter's number: said in its place, not repeated.
                            for _ in 0..3 {
                                row.col(|ui| {
                                    ui.label(RichText::new("—").color(theme::MUTED))
                                        .on_hover_text(&leak.stake_formula);
                                });
                            }
                            row.col(|ui| {
                                ui.label(
                                    RichText::new(format!("known only as of {day}"))
                                        .small()
                                        .color(theme::MUTED),
                                )
                                .on_hover_text(&leak.stake_formula);
                            });
                        } else {
                            row.col(|ui| {
                                ui.label(count(leak.count));
                            });
                            row.col(|ui| {
                                ui.label(count(leak.volume));
                            });
                            row.col(|ui| {
                                ui.label(RichText::new(percent(leak.share)).color(
                                    super::handoff_map::compliance_colour(
                                        leak.share.map(|s| 1.0 - s),
                                    ),
                                ));
                            });
                            row.col(|ui| stake_ui(ui, leak, currency));
                        }
                        row.col(|ui| {
                            let sla = leak.sla.as_deref().unwrap_or("required fields");
                            ui.label(sla).on_hover_text(sla);
                        });
                        row.col(|ui| sparkline_ui(ui, &leak.trend));
                    });
                }
            });
    });
    commands
}

/// The share leaked in each quarter of the trend, as a small line with the latest value.
fn sparkline_ui(ui: &mut egui::Ui, trend: &[TrendPoint]) {
    if trend.is_empty() {
        ui.label(RichText::new("snapshot only").color(theme::MUTED))
            .on_hover_text("The exports hold each deal's current state only, so past quarters cannot be judged.");
        return;
    }
    let (rect, response) = ui.allocate_exact_size(vec2(70.0, 20.0), Sense::hover());
    let shares: Vec<f64> = trend.iter().map(|t| t.share.unwrap_or(0.0)).collect();
    let max = shares.iter().copied().fold(0.01, f64::max);
    let n = shares.len().max(2) - 1;
    #[expect(clippy::cast_possible_truncation, reason = "screen coordinates")]
    let points: Vec<egui::Pos2> = shares
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let x = rect.left() + rect.width() * (i as f32 / n as f32);
            let y = rect.bottom() - rect.height() * (s / max) as f32;
            pos2(x, y)
        })
        .collect();
    ui.painter()
        .add(egui::Shape::line(points, Stroke::new(1.5, theme::ACCENT)));
    let text: Vec<String> = trend
        .iter()
        .map(|t| {
            format!(
                "{}: {} of {} ({})",
                t.period,
                t.count,
                t.volume,
                percent(t.share)
            )
        })
        .collect();
    response.on_hover_text(text.join("\n"));
    if let Some(last) = trend.last() {
        ui.label(percent(last.share));
    }
}

/// How the open leak was counted, with the choice of its breakdown's dimension.
fn detail_ui(
    ui: &mut egui::Ui,
    model: &LeaksViewModel<'_>,
    result: &LeaksResult,
    leak: &Leak,
) -> Vec<Command> {
    let mut commands = Vec::new();
    let currency = &result.report.reporting_currency;
    ui.horizontal(|ui| {
        ui.heading(leak.kind.label());
        if named_button(ui, true, "Close", &format!("Close {}", leak.kind.label())).clicked() {
            commands.push(Command::SelectLeak(None));
        }
    });
    match &leak.known_only_as_of {
        Some(day) => ui.label(format!(
            "Known only as of {day} · SLA {}",
            leak.sla.as_deref().unwrap_or("none")
        )),
        None => ui.label(format!(
            "{} of {} ({}) · SLA {} · revenue at stake {}",
            count(leak.count),
            count(leak.volume),
            percent(leak.share),
            leak.sla.as_deref().unwrap_or("none: required fields"),
            match leak.revenue_at_stake {
                Some(v) if leak.kind.is_estimate() => crate::text::approx_money(v, currency),
                x => stake(x, currency),
            }
        )),
    };
    if let Some(began) = leak.began_in_period {
        ui.label(format!(
            "{} began to stall in {}; {} carried over from before it.",
            count(began),
            result.query.period.label(),
            count(leak.count.saturating_sub(began))
        ));
    }
    ui.label(RichText::new(leak.kind.explain()).color(theme::MUTED));
    let handoff = result
        .report
        .handoffs
        .iter()
        .find(|h| h.handoff == leak.kind.handoff());
    for (other, n) in handoff.map_or_else(Vec::new, |h| h.shared_with(leak.kind)) {
        let are = if n == 1 { "is" } else { "are" };
        ui.label(format!(
            "{} of these {are} also in \"{}\": the handoff map counts each record once.",
            count(n),
            other.label()
        ));
    }
    ui.label(
        RichText::new(&leak.stake_formula)
            .color(theme::MUTED)
            .italics(),
    );
    if leak.kind == LeakKind::SlowFirstTouch {
        ui.add_space(8.0);
        response_times_ui(ui, result);
    }
    if leak.kind == LeakKind::LateRenewal && !result.report.churned.is_empty() {
        ui.add_space(8.0);
        churn_ui(ui, result);
    }
    ui.add_space(8.0);
    ui.horizontal(|ui| {
        let l = ui.label(RichText::new("Break down by").strong());
        egui::ComboBox::from_id_salt("leak_dimension")
            .selected_text(model.dimension.label())
            .show_ui(ui, |ui| {
                for d in LeakDimension::ALL {
                    if ui
                        .selectable_label(model.dimension == d, d.label())
                        .clicked()
                    {
                        commands.push(Command::SetLeakDimension(d));
                    }
                }
            })
            .response
            .labelled_by(l.id);
    });
    if !result.lists_ready {
        super::widgets::reading_records_ui(ui);
    }
    commands
}

/// The open leak's records, with their export.
fn leak_records_ui(
    ui: &mut egui::Ui,
    model: &LeaksViewModel<'_>,
    result: &LeaksResult,
    leak: &Leak,
) -> Vec<Command> {
    let mut commands = Vec::new();
    let currency = &result.report.reporting_currency;
    let empty = SortedWorkList::default();
    let rows = result.lists.get(&leak.kind).map_or(&empty, |l| &**l);
    ui.horizontal(|ui| {
        ui.strong(format!("The {} records", count(rows.len())));
        if named_button(
            ui,
            !rows.is_empty(),
            "Export CSV work list",
            &format!("Export the records of {} as CSV", leak.kind.label()),
        )
        .clicked()
        {
            commands.push(Command::Export(ExportList::Leak(leak.kind)));
        }
    });
    commands.extend(records_ui(
        ui,
        rows,
        model.sort,
        currency,
        leak.kind.is_estimate(),
    ));
    commands
}

fn breakdown_ui(
    ui: &mut egui::Ui,
    rows: &[crate::leaks::BreakdownRow],
    leak: &Leak,
    dimension: LeakDimension,
    currency: &str,
) {
    if rows.is_empty() {
        ui.label(RichText::new("Nothing was due in this period.").color(theme::MUTED));
        return;
    }
    ui.push_id(("leak_breakdown", leak.kind), |ui| {
        TableBuilder::new(ui)
            .striped(true)
            .vscroll(true)
            .max_scroll_height(220.0)
            .cell_layout(egui::Layout::left_to_right(egui::Align::Center))
            .column(Column::initial(220.0))
            .columns(Column::initial(80.0), 3)
            .column(Column::initial(150.0))
            .column(Column::remainder().at_least(100.0))
            .header(24.0, |mut row| {
                for t in [dimension.label(), "Leaked", "Of", "Share", "At stake", ""] {
                    row.col(|ui| {
                        ui.strong(t);
                    });
                }
            })
            .body(|mut body| {
                for r in rows {
                    body.row(24.0, |mut row| {
                        row.col(|ui| {
                            ui.label(&r.value);
                        });
                        row.col(|ui| {
                            ui.label(count(r.count));
                        });
                        row.col(|ui| {
                            ui.label(count(r.volume));
                        });
                        row.col(|ui| {
                            ui.label(percent(r.share));
                        });
                        row.col(|ui| {
                            ui.label(money(r.revenue_at_stake, currency));
                        });
                        row.col(|ui| {
                            // The row's share against the whole leak's share.
                            let (rect, resp) =
                                ui.allocate_exact_size(vec2(100.0, 10.0), Sense::hover());
                            #[expect(clippy::cast_possible_truncation, reason = "screen width")]
                            let w = (r.share.unwrap_or(0.0).min(1.0) as f32) * rect.width();
                            ui.painter().rect_filled(rect, 2.0, Color32::from_gray(230));
                            let above = r.share.unwrap_or(0.0) > leak.share.unwrap_or(0.0);
                            ui.painter().rect_filled(
                                egui::Rect::from_min_size(rect.min, vec2(w, rect.height())),
                                2.0,
                                if above { theme::BAD } else { theme::ACCENT },
                            );
                            resp.on_hover_text(format!(
                                "{} against {} for everyone",
                                percent(r.share),
                                percent(leak.share)
                            ));
                        });
                    });
                }
            });
    });
}

fn response_times_ui(ui: &mut egui::Ui, result: &LeaksResult) {
    let t = &result.report.response;
    let measured = t.by_touch + t.by_sql_date + t.untouched;
    ui.strong("First sales touch after MQL");
    ui.label(format!(
        "{} of {} within the SLA ({}); median {} hours. Measured by the first-touch time for {}, by the SQL date for {} (no touch time in the export); {} not touched yet.",
        count(t.within_sla),
        count(measured),
        percent(crate::leaks::ratio(t.within_sla, measured)),
        t.median_hours.map_or_else(|| "—".to_owned(), |h| format!("{h:.1}")),
        count(t.by_touch),
        count(t.by_sql_date),
        count(t.untouched)
    ));
    let mut labels: Vec<String> = t.bands.iter().map(|(l, _)| l.clone()).collect();
    labels.push("not yet".to_owned());
    let mut values: Vec<usize> = t.bands.iter().map(|(_, n)| *n).collect();
    values.push(t.untouched);
    #[expect(clippy::cast_precision_loss, reason = "bar heights")]
    let bars: Vec<Bar> = values
        .iter()
        .enumerate()
        .map(|(i, n)| {
            Bar::new(i as f64, *n as f64)
                .width(0.7)
                .name(labels.get(i).cloned().unwrap_or_default())
        })
        .collect();
    super::widgets::labelled_plot("response_times", 160.0, labels)
        .show_y(false)
        .show(ui, |plot| {
            plot.bar_chart(BarChart::new("MQLs", bars).color(theme::ACCENT));
        });
}

fn churn_ui(ui: &mut egui::Ui, result: &LeaksResult) {
    let currency = &result.report.reporting_currency;
    ui.strong(format!(
        "Churned in {}: the handoffs behind them",
        result.query.period.label()
    ));
    let late = |d: Option<f64>, none: &str| {
        d.map_or_else(
            || none.to_owned(),
            |d| {
                if d > 0.0 {
                    format!("{d:.0} days late")
                } else {
                    "in time".to_owned()
                }
            },
        )
    };
    egui::Grid::new("churn_stories")
        .striped(true)
        .num_columns(5)
        .show(ui, |ui| {
            for t in ["Account", "Churned", "ARR", "Kickoff", "Renewal outreach"] {
                ui.strong(t);
            }
            ui.end_row();
            for s in &result.report.churned {
                ui.label(&s.source_id);
                ui.label(date_time(s.churned));
                ui.label(s.arr.map_or_else(|| "—".to_owned(), |a| money(a, currency)));
                ui.label(late(s.kickoff_late_days, "none"));
                ui.label(late(s.outreach_late_days, "none"));
                ui.end_row();
            }
        });
}

pub(super) fn records_ui(
    ui: &mut egui::Ui,
    rows: &SortedWorkList,
    sort: Sort<WorkListColumn>,
    currency: &str,
    estimate: bool,
) -> Vec<Command> {
    let mut commands = Vec::new();
    if rows.is_empty() {
        ui.label(RichText::new("No records leaked here in this period.").color(theme::MUTED));
        return commands;
    }
    let k = theme::type_scale(ui);
    ui.push_id("leak_records", |ui| {
        TableBuilder::new(ui)
            .striped(true)
            .vscroll(true)
            .max_scroll_height(420.0 * k)
            .cell_layout(egui::Layout::left_to_right(egui::Align::Center))
            .column(Column::initial(80.0 * k).clip(true))
            .column(Column::initial(150.0 * k).clip(true))
            .column(Column::initial(120.0 * k).clip(true))
            .column(Column::initial(90.0 * k).clip(true))
            .column(Column::initial(130.0 * k))
            .column(Column::initial(80.0 * k))
            .column(Column::initial(110.0 * k))
            .column(Column::remainder().at_least(200.0 * k).clip(true))
            .header(24.0 * k, |mut row| {
                for column in WorkListColumn::ALL {
                    row.col(|ui| {
                        let t = column.title();
                        let arrow = sort.arrow(column);
                        if ui
                            .add(
                                egui::Button::new(RichText::new(format!("{t}{arrow}")).strong())
                                    .frame(false),
                            )
                            .on_hover_text(format!("Sort by {}", t.to_lowercase()))
                            .clicked()
                        {
                            commands.push(Command::SetLeakSort(column));
                        }
                    });
                }
                row.col(|ui| {
                    ui.strong("Why");
                });
            })
            .body(|body| {
                body.rows(24.0 * k, rows.len(), |mut row| {
                    let Some(r) = rows.get(row.index(), sort.column, sort.descending) else {
                        return;
                    };
                    let f = &r.flagged;
                    // Cut cells show in full on hover.
                    let cell = |ui: &mut egui::Ui, text: &str| {
                        ui.add(egui::Label::new(text).truncate());
                    };
                    row.col(|ui| cell(ui, &r.source_id));
                    row.col(|ui| cell(ui, &r.name));
                    row.col(|ui| cell(ui, if r.owner.is_empty() { "—" } else { &r.owner }));
                    row.col(|ui| cell(ui, &r.segment));
                    row.col(|ui| {
                        // The day in the column, the time on hover: one format a column.
                        ui.label(f.due.map(crate::text::day).unwrap_or_default())
                            .on_hover_text(format!(
                                "Due {}; clock started {}{}",
                                f.due.map(date_time).unwrap_or_default(),
                                date_time(f.started),
                                f.done.map_or_else(String::new, |d| format!(
                                    "; done {}",
                                    date_time(d)
                                ))
                            ));
                    });
                    row.col(|ui| {
                        ui.label(if f.due.is_some() {
                            crate::text::days(r.late_days)
                        } else {
                            String::new()
                        });
                    });
                    row.col(|ui| {
                        let exact = f.at_stake.map_or_else(String::new, |v| money(v, currency));
                        match f.at_stake {
                            Some(v) if estimate => {
                                ui.label(crate::text::approx_money(v, currency))
                                    .on_hover_text(format!("{exact}: an expected value"));
                            }
                            _ => {
                                ui.label(exact);
                            }
                        }
                    });
                    row.col(|ui| cell(ui, &r.reason));
                });
            });
    });
    commands
}
