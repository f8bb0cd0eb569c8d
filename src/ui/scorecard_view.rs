//! The Scorecard view: the page as it will print, beside what the lead edits (targets,
//! comments, which metrics show and in what order), publishing, the published pages and
//! the exports. Any number on the page opens its records in the view that lists them.

use eframe::egui::{self, RichText};

use super::theme;
use super::widgets::named_button;
use crate::scorecard::catalogue::{MetricSpec, Unit};
use crate::scorecard::draw::{Paper, Spot};
use crate::scorecard::output::Format;
use crate::scorecard::template::{MAX_NORTH_STARS, SECTIONS};
use crate::scorecard::{Scorecard, Status};
use crate::view_model::command::Command;
use crate::view_model::scorecard::{PagePicture, ScorecardDraft, ScorecardResult, open_records};

/// What the view draws (the picture's texture is the window's, so this model lives
/// beside the view rather than in `view_model`).
pub struct ScorecardViewModel<'a> {
    pub result: Option<&'a ScorecardResult>,
    /// The page shown: this quarter's draft, or a published one.
    pub page: Option<&'a Scorecard>,
    pub picture: Option<&'a PagePicture>,
    pub texture: Option<&'a egui::TextureHandle>,
    pub paper: Paper,
    pub showing_published: Option<i64>,
    pub computing: bool,
    pub has_data: bool,
}

/// The width of the editing column.
const SIDE: f32 = 350.0;

/// Draws the view; edits `draft` in place and returns what the user asked for.
pub fn scorecard_view_ui(
    ui: &mut egui::Ui,
    model: &ScorecardViewModel<'_>,
    draft: Option<&mut ScorecardDraft>,
) -> Vec<Command> {
    let mut commands = Vec::new();
    super::widgets::view_heading(ui, "Scorecard", model.computing);
    if !model.has_data {
        ui.label("No data yet: import a quarter's CRM exports, and its scorecard is here.");
        return commands;
    }
    let (Some(result), Some(page), Some(draft)) = (model.result, model.page, draft) else {
        ui.label(RichText::new("Working out the scorecard…").color(theme::MUTED));
        return commands;
    };
    top_line(ui, model, page, &mut commands);
    ui.add_space(4.0);
    let page_w = (ui.available_width() - SIDE - 16.0).max(320.0);
    ui.horizontal_top(|ui| {
        ui.vertical(|ui| {
            ui.set_width(page_w);
            page_ui(ui, model, result, page_w, &mut commands);
        });
        ui.add_space(8.0);
        ui.vertical(|ui| {
            egui::ScrollArea::vertical()
                .id_salt("scorecard_side")
                .auto_shrink([false, false])
                .show(ui, |ui| {
                    ui.set_width(SIDE);
                    side_ui(ui, model, result, page, draft, &mut commands);
                });
        });
    });
    commands
}

/// The period, the page's state, the paper and the exports.
fn top_line(
    ui: &mut egui::Ui,
    model: &ScorecardViewModel<'_>,
    page: &Scorecard,
    commands: &mut Vec<Command>,
) {
    ui.horizontal_wrapped(|ui| {
        ui.label(
            RichText::new(format!(
                "{} · {} · definitions v{} ·",
                page.period,
                page.state(),
                page.footer.definitions_version
            ))
            .color(theme::MUTED),
        );
        ui.label("Paper:");
        for paper in [Paper::A4, Paper::Letter] {
            if ui
                .selectable_label(model.paper == paper, paper.label())
                .clicked()
                && model.paper != paper
            {
                commands.push(Command::SetScorecardPaper(paper));
            }
        }
        ui.separator();
        if named_button(
            ui,
            true,
            "Present",
            "Present the scorecard full screen, one section a slide (F5)",
        )
        .clicked()
        {
            commands.push(Command::Present);
        }
        ui.separator();
        ui.label("Export:");
        for (format, what) in [
            (Format::Pdf, "a PDF to print or send"),
            (
                Format::Png,
                "a picture at twice the page's size, for slides and chat",
            ),
            (
                Format::Csv,
                "every number on the page as CSV, for finance to check",
            ),
        ] {
            let text = format.extension().to_uppercase();
            if named_button(
                ui,
                true,
                &text,
                &format!("Export the scorecard as {text}: {what}"),
            )
            .clicked()
            {
                commands.push(Command::ExportScorecard(format));
            }
        }
    });
}

/// The page as it prints; a click on a number opens its records.
fn page_ui(
    ui: &mut egui::Ui,
    model: &ScorecardViewModel<'_>,
    result: &ScorecardResult,
    width: f32,
    commands: &mut Vec<Command>,
) {
    let (Some(picture), Some(texture)) = (model.picture, model.texture) else {
        let (w, h) = model.paper.size();
        let (rect, _) =
            ui.allocate_exact_size(egui::vec2(width, width * h / w), egui::Sense::hover());
        ui.painter()
            .rect_filled(rect, 4.0, egui::Color32::from_gray(245));
        ui.painter().text(
            rect.center(),
            egui::Align2::CENTER_CENTER,
            "Drawing the page…",
            theme::BODY,
            theme::MUTED,
        );
        return;
    };
    let (pw, ph) = picture.size;
    let size = egui::vec2(width, width * ph / pw);
    let response = ui.add(
        egui::Image::new((texture.id(), size))
            .sense(egui::Sense::click())
            .corner_radius(2.0),
    );
    response.widget_info(|| {
        egui::WidgetInfo::labeled(
            egui::accesskit::Role::Image,
            true,
            "The scorecard page, as it prints",
        )
    });
    ui.painter().rect_stroke(
        response.rect,
        2.0,
        egui::Stroke::new(1.0, egui::Color32::from_gray(200)),
        egui::StrokeKind::Outside,
    );
    let scale = width / pw;
    let spot_at = |pos: egui::Pos2| {
        let (x, y) = (
            (pos.x - response.rect.left()) / scale,
            (pos.y - response.rect.top()) / scale,
        );
        picture
            .spots
            .iter()
            .find(|([sx, sy, sw, sh], _)| x >= *sx && x <= sx + sw && y >= *sy && y <= sy + sh)
            .map(|(_, spot)| spot)
    };
    if let Some(spot) = response.hover_pos().and_then(spot_at) {
        ui.ctx().set_cursor_icon(egui::CursorIcon::PointingHand);
        response.clone().on_hover_text(match spot {
            Spot::Metric(_) => "Open the records behind this number",
            Spot::Leak(_) => "Open this leak's records in Handoff leaks",
            Spot::Pillars => "Open Pillar maturity",
        });
    }
    if response.clicked()
        && let Some(spot) = response.interact_pointer_pos().and_then(spot_at)
    {
        commands.extend(open_records(spot, &result.stage_keys));
    }
    ui.label(
        RichText::new("Click any number to open the records behind it.")
            .font(theme::SMALL)
            .color(theme::MUTED),
    );
}

/// What the lead edits, publishing, and the published pages.
fn side_ui(
    ui: &mut egui::Ui,
    model: &ScorecardViewModel<'_>,
    result: &ScorecardResult,
    page: &Scorecard,
    draft: &mut ScorecardDraft,
    commands: &mut Vec<Command>,
) {
    let specs = &result.gathered.specs;
    if let Some(id) = model.showing_published {
        ui.label(
            RichText::new(format!(
                "Showing the published scorecard #{id}, exactly as it was presented."
            ))
            .color(theme::SELECTED_TEXT),
        );
        if ui.button("Back to this quarter's draft").clicked() {
            commands.push(Command::ShowPublishedScorecard(None));
        }
        ui.add_space(8.0);
    } else {
        publish_ui(ui, draft, commands);
        targets_ui(ui, page, specs, draft, commands);
        comments_ui(ui, draft, commands);
        metrics_ui(ui, specs, draft, commands);
    }
    published_ui(ui, result, model.showing_published, commands);
}

fn section(ui: &mut egui::Ui, title: &str) {
    ui.add_space(10.0);
    ui.label(RichText::new(title).font(theme::SECTION).strong());
}

fn publish_ui(ui: &mut egui::Ui, draft: &mut ScorecardDraft, commands: &mut Vec<Command>) {
    section(ui, "Publish");
    ui.label(
        RichText::new("Keeps the page as presented: next quarter compares against it.")
            .font(theme::SMALL)
            .color(theme::MUTED),
    );
    ui.horizontal(|ui| {
        let name = ui.label("Name");
        ui.add(egui::TextEdit::singleline(&mut draft.publish_name).desired_width(180.0))
            .labelled_by(name.id);
        if named_button(ui, true, "Publish", "Publish the scorecard").clicked() {
            commands.push(Command::PublishScorecard);
        }
    });
}

/// The unit a target is typed in.
fn unit_hint(unit: Unit) -> &'static str {
    match unit {
        Unit::Percent => "%",
        Unit::Money => "",
        Unit::MoneyPerDay => "/day",
        Unit::Multiple => "×",
        Unit::Days => "d",
        Unit::Count => "",
    }
}

fn status_text(s: Status) -> RichText {
    let color = match s {
        Status::OnTrack => theme::GOOD,
        Status::AtRisk => theme::WARN,
        Status::OffTrack => theme::BAD,
        Status::NoTarget | Status::NoData => theme::MUTED,
    };
    RichText::new(format!(
        "{} {}",
        s.symbol(),
        s.word().replace(' ', "\u{a0}")
    ))
    .font(theme::SMALL)
    .color(color)
}

fn targets_ui(
    ui: &mut egui::Ui,
    page: &Scorecard,
    specs: &[MetricSpec],
    draft: &mut ScorecardDraft,
    commands: &mut Vec<Command>,
) {
    section(ui, "Targets");
    ui.label(
        RichText::new("On track at or past the target, at risk within 10% of it.")
            .font(theme::SMALL)
            .color(theme::MUTED),
    );
    egui::Grid::new("scorecard_targets")
        .num_columns(3)
        .spacing([6.0, 4.0])
        .show(ui, |ui| {
            for m in page.metrics() {
                let Some(spec) = specs.iter().find(|s| s.key == m.key) else {
                    continue;
                };
                ui.allocate_ui_with_layout(
                    egui::vec2(136.0, 18.0),
                    egui::Layout::left_to_right(egui::Align::Center),
                    |ui| {
                        ui.set_width(136.0);
                        ui.add(egui::Label::new(&m.label).truncate())
                    },
                )
                .inner
                .on_hover_text(&m.definition);
                let text = draft.target_texts.entry(m.key.clone()).or_default();
                ui.horizontal(|ui| {
                    let edit = ui.add(
                        egui::TextEdit::singleline(text)
                            .desired_width(84.0)
                            .hint_text("none"),
                    );
                    named_field(&edit, &format!("Target for {}", m.label), text);
                    if edit.lost_focus() {
                        commands.push(Command::ScorecardEdited);
                    }
                    ui.label(RichText::new(unit_hint(spec.unit)).color(theme::MUTED));
                });
                ui.label(status_text(m.status));
                ui.end_row();
            }
        });
}

/// Names a text field for screen readers (and tests) with what it is for, e.g. "Target
/// for Win rate", its value being `text`.
fn named_field(edit: &egui::Response, name: &str, text: &str) {
    edit.widget_info(|| {
        let mut info = egui::WidgetInfo::text_edit(true, text, text, "");
        info.label = Some(name.to_owned());
        info
    });
}

fn comments_ui(ui: &mut egui::Ui, draft: &mut ScorecardDraft, commands: &mut Vec<Command>) {
    section(ui, "What we will change");
    for (key, name) in SECTIONS {
        ui.label(RichText::new(name).font(theme::SMALL));
        let text = draft.template.comments.entry(key.to_owned()).or_default();
        let edit = ui.add(
            egui::TextEdit::multiline(text)
                .desired_rows(2)
                .desired_width(SIDE - 10.0)
                .hint_text("A sentence the room should act on"),
        );
        named_field(&edit, &format!("Comment on {name}"), text);
        if edit.lost_focus() {
            commands.push(Command::ScorecardEdited);
        }
    }
}

/// Which metrics show, in what order.
fn metrics_ui(
    ui: &mut egui::Ui,
    specs: &[MetricSpec],
    draft: &mut ScorecardDraft,
    commands: &mut Vec<Command>,
) {
    section(ui, "Metrics on the page");
    let mut changed = false;
    let shown: Vec<String> = draft.template.keys();
    for north in [true, false] {
        let title = if north {
            format!("North Star (at most {MAX_NORTH_STARS})")
        } else {
            "Operational".to_owned()
        };
        ui.label(RichText::new(title).strong());
        let list = if north {
            &mut draft.template.north_star
        } else {
            &mut draft.template.operational
        };
        let mut action: Option<(usize, i8)> = None;
        for (i, key) in list.iter().enumerate() {
            let label = specs
                .iter()
                .find(|s| &s.key == key)
                .map_or(key.as_str(), |s| s.label.as_str());
            ui.horizontal(|ui| {
                if named_button(ui, i > 0, "↑", &format!("Move {label} up")).clicked() {
                    action = Some((i, -1));
                }
                if named_button(ui, i + 1 < list.len(), "↓", &format!("Move {label} down"))
                    .clicked()
                {
                    action = Some((i, 1));
                }
                if named_button(ui, true, "×", &format!("Remove {label} from the page")).clicked()
                {
                    action = Some((i, 0));
                }
                ui.label(label);
            });
        }
        match action {
            Some((i, 0)) => {
                list.remove(i);
                changed = true;
            }
            Some((i, d)) => {
                let j = if d < 0 { i - 1 } else { i + 1 };
                list.swap(i, j);
                changed = true;
            }
            None => {}
        }
        let full = north && list.len() >= MAX_NORTH_STARS;
        let name = if north {
            "Add a North Star metric"
        } else {
            "Add an operational metric"
        };
        ui.add_enabled_ui(!full, |ui| {
            egui::ComboBox::from_id_salt(name)
                .selected_text("Add a metric…")
                .width(SIDE - 20.0)
                .show_ui(ui, |ui| {
                    for s in specs.iter().filter(|s| !shown.contains(&s.key)) {
                        if ui.selectable_label(false, &s.label).clicked() {
                            list.push(s.key.clone());
                            changed = true;
                        }
                    }
                })
                .response
                .widget_info(|| {
                    egui::WidgetInfo::labeled(egui::accesskit::Role::ComboBox, !full, name)
                });
        });
        ui.add_space(4.0);
    }
    if changed {
        commands.push(Command::ScorecardEdited);
    }
}

fn published_ui(
    ui: &mut egui::Ui,
    result: &ScorecardResult,
    showing: Option<i64>,
    commands: &mut Vec<Command>,
) {
    section(ui, "Published");
    if result.published.is_empty() {
        ui.label(RichText::new("Nothing published yet.").color(theme::MUTED));
        return;
    }
    for p in &result.published {
        ui.horizontal(|ui| {
            let by = p
                .page
                .published
                .as_ref()
                .map_or_else(String::new, |x| format!(" · {} by {}", x.at, x.by));
            if named_button(
                ui,
                showing != Some(p.id),
                "Show",
                &format!("Show the published scorecard {}", p.name),
            )
            .clicked()
            {
                commands.push(Command::ShowPublishedScorecard(Some(p.id)));
            }
            ui.label(
                RichText::new(format!("{} · \"{}\"{by}", p.page.period, p.name)).font(theme::SMALL),
            );
        });
    }
}
