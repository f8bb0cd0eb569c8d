//! The column-mapping screen: for a CSV no built-in format recognises, say what each
//! column holds, see the first values read that way (problems in red), and save the
//! mapping under a name so the next file with the same columns imports in one click.

use eframe::egui::{self, RichText};
use egui_extras::{Column, TableBuilder};

use super::theme;
use crate::import::preview::{column_date_order, read_cell};
use crate::model::{Field, RecordObject};
use crate::view_model::command::Command;
use crate::view_model::mapping::MappingDraft;

/// How many values of each column the preview reads.
const PREVIEW_VALUES: usize = 3;

/// Draws the form over `draft` (the form's own state); returns Save or Cancel.
pub fn mapping_view_ui(ui: &mut egui::Ui, draft: &mut MappingDraft, busy: bool) -> Option<Command> {
    let mut command = None;
    match (&draft.file_name, &draft.editing) {
        (Some(file), _) => {
            ui.heading(format!("Map the columns of {file}"));
            ui.label(
                RichText::new(
                    "We don't recognise this export yet — tell us which column is which. \
                     The guesses below come from the columns' names and values.",
                )
                .color(theme::ACCENT),
            );
        }
        (None, Some(name)) => {
            ui.heading(format!("Edit the column mapping \"{name}\""));
        }
        (None, None) => {
            ui.heading("Column mapping");
        }
    }
    ui.label(
        RichText::new(
            "Say what each column holds. The mapping is saved under its name and used by itself for the next \
             file with the same columns, so next quarter's export imports in one step.",
        )
        .color(theme::MUTED),
    );
    ui.add_space(8.0);
    egui::Grid::new("mapping_form")
        .num_columns(2)
        .spacing([12.0, 8.0])
        .show(ui, |ui| {
            ui.label("The rows are");
            ui.horizontal(|ui| {
                for (object, label) in [
                    (RecordObject::Contact, "Contacts or leads"),
                    (RecordObject::Deal, "Deals or opportunities"),
                    (RecordObject::Account, "Customer accounts"),
                ] {
                    if ui.radio(draft.object == object, label).clicked() {
                        draft.set_object(object);
                    }
                }
            });
            ui.end_row();
            let name_label = ui.label("Name of this mapping");
            ui.add(egui::TextEdit::singleline(&mut draft.name).desired_width(320.0))
                .labelled_by(name_label.id);
            ui.end_row();
        });
    ui.add_space(8.0);
    let fields: Vec<Field> = Field::ALL
        .into_iter()
        .filter(|f| f.applies_to(draft.object))
        .collect();
    let header = draft.header.clone();
    let orders: Vec<_> = (0..header.len())
        .map(|c| column_date_order(&draft.rows, c))
        .collect();
    let table_height = (ui.available_height() - 120.0).max(160.0);
    TableBuilder::new(ui)
        .striped(true)
        .max_scroll_height(table_height)
        .cell_layout(egui::Layout::left_to_right(egui::Align::Center))
        .column(Column::initial(220.0).clip(true))
        .column(Column::exact(230.0))
        .column(Column::remainder().clip(true))
        .header(24.0, |mut row| {
            for title in ["Column in the file", "Holds", "First values, read that way"] {
                row.col(|ui| {
                    ui.strong(title);
                });
            }
        })
        .body(|mut body| {
            for (column, name) in header.iter().enumerate() {
                body.row(28.0, |mut row| {
                    row.col(|ui| {
                        ui.label(name);
                    });
                    let Some(choice) = draft.choices.get_mut(column) else {
                        return;
                    };
                    row.col(|ui| {
                        let selected = choice.map_or("— not used —", Field::label);
                        egui::ComboBox::from_id_salt(("field", column))
                            .selected_text(selected)
                            .width(210.0)
                            .show_ui(ui, |ui| {
                                ui.selectable_value(choice, None, "— not used —");
                                for f in &fields {
                                    ui.selectable_value(choice, Some(*f), f.label());
                                }
                            })
                            .response
                            .on_hover_text(format!("What the column \"{name}\" holds"));
                    });
                    let choice = *choice;
                    row.col(|ui| {
                        values_ui(
                            ui,
                            &draft.rows,
                            column,
                            choice,
                            orders.get(column).copied().flatten(),
                        );
                    });
                });
            }
        });
    ui.add_space(8.0);
    if draft.mapping().keyed_by_email() {
        ui.label(
            RichText::new(
                "No Record ID column: each contact is identified by its email address, as the CRMs \
                 themselves deduplicate contacts on email.",
            )
            .color(theme::ACCENT),
        );
    }
    let problems = draft.problems();
    for p in &problems {
        ui.label(RichText::new(p).color(theme::BAD));
    }
    ui.horizontal(|ui| {
        let save_label = if draft.file.is_some() {
            "Save mapping and import"
        } else {
            "Save mapping"
        };
        let save = egui::Button::new(RichText::new(save_label).color(egui::Color32::WHITE))
            .fill(theme::ACCENT);
        if ui.add_enabled(problems.is_empty() && !busy, save).clicked() {
            command = Some(Command::SaveMapping);
        }
        if ui.button("Cancel").clicked() {
            command = Some(Command::CancelMapping);
        }
    });
    command
}

/// The first values of a column, read as the chosen field: as the app will show them,
/// or in red with the reason.
fn values_ui(
    ui: &mut egui::Ui,
    rows: &[Vec<String>],
    column: usize,
    field: Option<Field>,
    order: Option<crate::import::values::DateOrder>,
) {
    let values = rows
        .iter()
        .filter_map(|r| r.get(column))
        .filter(|v| !v.trim().is_empty())
        .take(PREVIEW_VALUES);
    for (i, text) in values.enumerate() {
        if i > 0 {
            ui.label(RichText::new("·").color(theme::MUTED));
        }
        match field.map(|f| read_cell(f, text, order)) {
            None => ui.label(RichText::new(text).color(theme::MUTED)),
            Some(Ok(read)) => ui.label(read).on_hover_text(format!("In the file: {text}")),
            Some(Err(problem)) => ui
                .label(RichText::new(text).color(theme::BAD).underline())
                .on_hover_text(problem),
        };
    }
}
