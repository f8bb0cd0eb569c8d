//! The Import view: bring in exports (picker or drag-and-drop), watch progress, see every
//! batch with its counts, and the rejected rows of one batch with the reason for each.

use eframe::egui::{self, RichText};
use egui_extras::{Column, TableBuilder};

use super::theme;
use crate::import::rows::ROW_RULES;
use crate::text::{bytes, thousands};
use crate::view_model::command::Command;
use crate::view_model::import::{BatchDetail, ImportViewModel, ProgressView};
use crate::workspace::{BatchSummary, MappingPreset};

/// Draws the view; returns the user's commands.
pub fn import_view_ui(ui: &mut egui::Ui, model: &ImportViewModel<'_>) -> Vec<Command> {
    let mut commands = Vec::new();
    ui.heading("Import");
    ui.label(
        RichText::new(
            "HubSpot, Salesforce and Pipedrive exports and customer success account lists, as CSV.",
        )
        .color(theme::MUTED),
    );
    ui.add_space(6.0);
    ui.horizontal(|ui| {
        let import = egui::Button::new(RichText::new("Import files…").color(egui::Color32::WHITE))
            .fill(theme::ACCENT);
        if ui.add_enabled(!model.busy, import).clicked() {
            commands.push(Command::PickFilesToImport);
        }
        if let Some(last) = model.batches.last() {
            let undo = ui
                .add_enabled(!model.busy, egui::Button::new("Undo last import"))
                .on_hover_text(format!(
                    "Removes batch {} ({}) and restores the records it updated.",
                    last.id, last.file
                ));
            if undo.clicked() {
                commands.push(Command::UndoBatch(last.id));
            }
        } else if model.loaded
            && ui
                .add_enabled(!model.busy, egui::Button::new("Load sample data"))
                .clicked()
        {
            commands.push(Command::LoadSampleData);
        }
    });
    ui.add_space(4.0);
    ui.horizontal(|ui| {
        let label = ui.label("As-of date of the exports");
        let mut text = model.as_of_text.to_owned();
        let edit = ui
            .add(egui::TextEdit::singleline(&mut text).hint_text("YYYY-MM-DD").desired_width(130.0))
            .labelled_by(label.id)
            .on_hover_text("The date the exports describe, e.g. the last day of the quarter. Blank: each file's modified date.");
        if edit.changed() {
            commands.push(Command::SetAsOfText(text.clone()));
        }
        let hint = if text.trim().is_empty() {
            RichText::new("blank: each file's modified date").color(theme::MUTED)
        } else if chrono::NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").is_ok() {
            RichText::new("used for the next imports").color(theme::MUTED)
        } else {
            RichText::new("write the date as 2025-09-30").color(theme::BAD)
        };
        ui.label(hint);
    });
    ui.add_space(6.0);
    drop_zone_ui(ui, model.hovering_files);
    if let Some(p) = &model.progress {
        commands.extend(progress_ui(ui, p));
    }
    egui::CollapsingHeader::new("How rows are checked").show(ui, |ui| {
        ui.label(ROW_RULES);
    });
    commands.extend(presets_ui(ui, model.presets, model.busy));
    ui.add_space(8.0);
    ui.label(
        RichText::new(format!("Batches ({})", model.batches.len()))
            .strong()
            .font(theme::SECTION),
    );
    if model.batches.is_empty() {
        let text = if model.loaded {
            "No imports yet. Import a CRM export to begin."
        } else {
            "Reading the workspace…"
        };
        ui.label(RichText::new(text).color(theme::MUTED));
        return commands;
    }
    commands.extend(batches_table_ui(ui, model.batches, model.selected));
    if let Some(batch) = model
        .selected
        .and_then(|id| model.batches.iter().find(|b| b.id == id))
    {
        ui.add_space(10.0);
        ui.separator();
        commands.extend(batch_detail_ui(ui, batch, model.detail, model.busy));
    }
    commands
}

fn drop_zone_ui(ui: &mut egui::Ui, hovering: bool) {
    let (fill, stroke) = if hovering {
        (theme::NOTICE_INFO_BG, theme::ACCENT)
    } else {
        (egui::Color32::TRANSPARENT, theme::MUTED)
    };
    egui::Frame::new()
        .fill(fill)
        .stroke(egui::Stroke::new(1.0, stroke))
        .corner_radius(6.0)
        .inner_margin(12.0)
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.vertical_centered(|ui| {
                let text = if hovering {
                    "Release to import these files"
                } else {
                    "Drop CSV exports anywhere on this window to import them"
                };
                ui.label(RichText::new(text).color(stroke));
            });
        });
    ui.add_space(6.0);
}

fn progress_ui(ui: &mut egui::Ui, p: &ProgressView) -> Option<Command> {
    let mut command = None;
    egui::Frame::new()
        .fill(theme::NOTICE_INFO_BG)
        .corner_radius(6.0)
        .inner_margin(10.0)
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.horizontal(|ui| {
                ui.spinner();
                ui.label(RichText::new(&p.label).strong());
                if p.cancellable {
                    let label = if p.cancelling {
                        "Cancelling…"
                    } else {
                        "Cancel"
                    };
                    if ui
                        .add_enabled(!p.cancelling, egui::Button::new(label))
                        .clicked()
                    {
                        command = Some(Command::CancelJob);
                    }
                }
            });
            if p.cancellable {
                let secs = p.elapsed.as_secs_f64().max(0.001);
                #[expect(clippy::cast_precision_loss, reason = "a rate for people")]
                let rate = p.progress.rows_read as f64 / secs;
                ui.add(egui::ProgressBar::new(p.progress.fraction()).show_percentage());
                let rows = crate::text::count(usize::try_from(p.progress.rows_read).unwrap_or(usize::MAX));
                if p.progress.finishing {
                    ui.label(format!(
                        "All {rows} rows read · saving them to the workspace and building its indexes…"
                    ));
                } else {
                    #[expect(clippy::cast_possible_truncation, reason = "a rate for people")]
                    let rate_text = thousands(rate as i64);
                    ui.label(format!(
                        "{rows} rows · {} of {} · {rate_text} rows/s",
                        bytes(p.progress.bytes_read),
                        bytes(p.progress.total_bytes),
                    ));
                }
            }
        });
    ui.add_space(6.0);
    command
}

fn batches_table_ui(
    ui: &mut egui::Ui,
    batches: &[BatchSummary],
    selected: Option<i64>,
) -> Option<Command> {
    let mut command = None;
    let height = (batches.len() as f32 * 24.0 + 30.0).min(280.0);
    // The file and format share what the numbers leave, so the table stays on screen in
    // a 1280-wide window; a cut name shows whole on hover.
    let gap = ui.spacing().item_spacing.x;
    let names = ui.available_width() - (50.0 + 88.0 + 5.0 * 64.0 + 130.0) - 10.0 * gap;
    let file_width = (names * 0.45).clamp(140.0, 220.0);
    let format_width = (names - file_width).clamp(180.0, 290.0);
    ui.push_id("batches", |ui| {
        // Text in a row must not take the click that selects the row.
        ui.style_mut().interaction.selectable_labels = false;
        TableBuilder::new(ui)
            .striped(true)
            .sense(egui::Sense::click())
            .max_scroll_height(height)
            .min_scrolled_height(height)
            .cell_layout(egui::Layout::left_to_right(egui::Align::Center))
            .column(Column::exact(50.0))
            .column(Column::initial(file_width).at_least(120.0).clip(true))
            .column(Column::initial(format_width).clip(true))
            .columns(Column::exact(88.0), 1)
            .columns(Column::exact(64.0), 5)
            .column(Column::remainder().at_least(130.0))
            .header(24.0, |mut row| {
                for title in [
                    "Batch",
                    "File",
                    "Detected as",
                    "As of",
                    "Read",
                    "New",
                    "Updated",
                    "Rejected",
                    "Warnings",
                    "Imported",
                ] {
                    row.col(|ui| {
                        ui.strong(title);
                    });
                }
            })
            .body(|mut body| {
                for b in batches.iter().rev() {
                    body.row(24.0, |mut row| {
                        let is_selected = Some(b.id) == selected;
                        row.set_selected(is_selected);
                        row.col(|ui| {
                            ui.label(format!("#{}", b.id));
                        });
                        row.col(|ui| {
                            ui.label(&b.file).on_hover_text(&b.file_path);
                        });
                        row.col(|ui| {
                            ui.label(&b.format).on_hover_text(&b.format);
                            if b.is_sample {
                                let tag = RichText::new("sample").small();
                                ui.label(if is_selected {
                                    tag
                                } else {
                                    tag.color(theme::WARN)
                                });
                            }
                        });
                        row.col(|ui| {
                            ui.label(&b.as_of);
                        });
                        for (n, colour) in [
                            (b.rows_read, None),
                            (b.rows_imported, Some(theme::GOOD)),
                            (b.rows_updated, None),
                            (b.rows_rejected, (b.rows_rejected > 0).then_some(theme::BAD)),
                            (b.rows_warned, (b.rows_warned > 0).then_some(theme::WARN)),
                        ] {
                            row.col(|ui| {
                                let text = RichText::new(thousands(n));
                                ui.label(match colour {
                                    Some(c) if !is_selected => text.color(c),
                                    _ => text,
                                });
                            });
                        }
                        row.col(|ui| {
                            let text =
                                RichText::new(b.imported_at.get(..16).unwrap_or(&b.imported_at));
                            ui.label(if is_selected {
                                text
                            } else {
                                text.color(theme::MUTED)
                            })
                            .on_hover_text(format!("Imported {} UTC", b.imported_at));
                        });
                        if row.response().clicked() {
                            command = Some(Command::SelectBatch(b.id));
                        }
                    });
                }
            });
    });
    command
}

fn batch_detail_ui(
    ui: &mut egui::Ui,
    b: &BatchSummary,
    detail: Option<&BatchDetail>,
    busy: bool,
) -> Option<Command> {
    let mut command = None;
    ui.horizontal(|ui| {
        ui.label(
            RichText::new(format!("Batch #{} · {}", b.id, b.file))
                .strong()
                .font(theme::SECTION),
        );
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            let has_issues = b.rows_rejected + b.rows_warned + b.rows_skipped > 0;
            if ui
                .add_enabled(
                    has_issues && !busy,
                    egui::Button::new("Export rejected rows to CSV…"),
                )
                .clicked()
            {
                command = Some(Command::ExportIssues(b.id));
            }
        });
    });
    ui.label(
        RichText::new(format!(
            "{} · {} {} · {} · {}-separated · {} · SHA-256 {}… · {:.1} s",
            b.format,
            b.crm,
            b.object,
            b.encoding,
            b.delimiter,
            bytes(u64::try_from(b.file_size).unwrap_or(0)),
            b.sha256.get(..12).unwrap_or(&b.sha256),
            std::time::Duration::from_millis(u64::try_from(b.duration_ms).unwrap_or(0))
                .as_secs_f64()
        ))
        .color(theme::MUTED),
    );
    for note in &b.notes {
        ui.label(format!("• {note}"));
    }
    ui.add_space(6.0);
    let Some(detail) = detail else {
        ui.label(RichText::new("Reading the rejected rows…").color(theme::MUTED));
        return command;
    };
    columns_ui(ui, b.id, &detail.columns);
    let issues = detail.issues.as_slice();
    if issues.is_empty() {
        ui.label(
            RichText::new("Every row of this file was imported without a problem.")
                .color(theme::GOOD),
        );
        return command;
    }
    ui.label(RichText::new(format!("Rejected rows and warnings ({})", issues.len())).strong());
    ui.push_id(("issues", b.id), |ui| {
        TableBuilder::new(ui)
            .striped(true)
            .cell_layout(egui::Layout::left_to_right(egui::Align::Center))
            .column(Column::exact(60.0))
            .column(Column::exact(80.0))
            .column(Column::initial(200.0).clip(true))
            .column(Column::initial(420.0).clip(true))
            .column(Column::remainder().clip(true))
            .header(24.0, |mut row| {
                for title in [
                    "Row",
                    "Result",
                    "Column",
                    "Why",
                    "The row as it was in the file",
                ] {
                    row.col(|ui| {
                        ui.strong(title);
                    });
                }
            })
            .body(|body| {
                body.rows(22.0, issues.len(), |mut row| {
                    let Some(issue) = issues.get(row.index()) else {
                        return;
                    };
                    row.col(|ui| {
                        ui.label(issue.row.to_string());
                    });
                    row.col(|ui| {
                        let (text, colour) = if issue.severity == "rejected" {
                            ("rejected", theme::BAD)
                        } else {
                            ("warning", theme::WARN)
                        };
                        ui.label(RichText::new(text).color(colour));
                    });
                    row.col(|ui| {
                        ui.label(issue.column.as_deref().unwrap_or("—"));
                    });
                    row.col(|ui| {
                        ui.label(&issue.reason).on_hover_text(&issue.reason);
                    });
                    row.col(|ui| {
                        let raw = issue.raw.join(" | ");
                        ui.label(RichText::new(&raw).monospace().small())
                            .on_hover_text(raw);
                    });
                });
            });
    });
    command
}

fn presets_ui(ui: &mut egui::Ui, presets: &[MappingPreset], busy: bool) -> Option<Command> {
    let mut command = None;
    egui::CollapsingHeader::new(format!("Saved column mappings ({})", presets.len())).show(ui, |ui| {
        if presets.is_empty() {
            ui.label(
                RichText::new("None yet. When a file's columns are not recognised, you map them once and the mapping is saved here.")
                    .color(theme::MUTED),
            );
            return;
        }
        egui::Grid::new("presets").num_columns(5).striped(true).spacing([16.0, 6.0]).show(ui, |ui| {
            for p in presets {
                ui.label(RichText::new(&p.name).strong());
                ui.label(crate::model::RecordObject::parse(&p.object).map_or(p.object.as_str(), |o| o.plural()));
                ui.label(RichText::new(format!("saved {}", p.updated_at.get(..10).unwrap_or(&p.updated_at))).color(theme::MUTED));
                if ui.add_enabled(!busy, egui::Button::new("Edit")).on_hover_text(format!("Edit \"{}\"", p.name)).clicked() {
                    command = Some(Command::EditPreset(p.name.clone()));
                }
                if ui.add_enabled(!busy, egui::Button::new("Delete")).on_hover_text(format!("Delete \"{}\"", p.name)).clicked() {
                    command = Some(Command::DeletePreset(p.name.clone()));
                }
                ui.end_row();
            }
        });
    });
    command
}

/// Which column fed which field: matching is tolerant, so it is shown, never silent.
fn columns_ui(ui: &mut egui::Ui, batch_id: i64, columns: &[(String, Option<String>)]) {
    let used = columns.iter().filter(|(_, f)| f.is_some()).count();
    let title = format!(
        "How the columns were read ({used} used, {} not used)",
        columns.len() - used
    );
    egui::CollapsingHeader::new(title)
        .id_salt(("columns", batch_id))
        .show(ui, |ui| {
            egui::Grid::new(("columns_grid", batch_id))
                .num_columns(2)
                .striped(true)
                .show(ui, |ui| {
                    for (header, field) in columns {
                        ui.label(header);
                        match field {
                            Some(f) => ui.label(f),
                            None => ui.label(
                                RichText::new("not used (kept in the raw row)").color(theme::MUTED),
                            ),
                        };
                        ui.end_row();
                    }
                });
        });
}
