//! Each frame: take in what the background sent and ask for what the shown view needs
//! (`logic`), then hand each view its model and apply the commands it returns (`ui`).

use std::time::Duration;

use eframe::egui;

use super::CockpitApp;
use super::cockpit::PERSIST_KEY;
use super::jobs::Job;
use super::scheduler::Arrived;
use crate::ui;
use crate::view_model::command::Command;
use crate::view_model::definitions::DefinitionsViewModel;
use crate::view_model::funnel::FunnelViewModel;
use crate::view_model::import::ImportViewModel;
use crate::view_model::leaks::LeaksViewModel;
use crate::view_model::maturity::MaturityViewModel;
use crate::view_model::navigation::{TopBarModel, View, quarters_up_to};
use crate::view_model::notice::Notice;
use crate::view_model::screens::WindowOnDesktop;

impl eframe::App for CockpitApp {
    fn logic(&mut self, ctx: &egui::Context, _frame: &mut eframe::Frame) {
        if !self.window_fitted {
            // eframe remembers full screen: a window closed while presenting would open
            // full screen without its deck. It is fitted once out of it.
            let full = ctx.input(|i| i.viewport().fullscreen == Some(true));
            if !full {
                self.window_fitted = fit_to_monitor(ctx);
            } else if !self.scorecard.present_when_ready && self.scorecard.deck.is_none() {
                ctx.send_viewport_cmd(egui::ViewportCommand::Fullscreen(false));
            }
        }
        for arrived in self.jobs.poll() {
            match arrived {
                Arrived::Check(outcome) => self.handle(outcome),
                Arrived::Job {
                    outcome,
                    replaced_file,
                    allowed_on_damaged_file,
                } => {
                    if replaced_file {
                        self.damaged = false;
                        self.damaged_backup = None;
                    }
                    if self.damaged && !allowed_on_damaged_file {
                        super::drop_later::drop_in_background(outcome);
                    } else {
                        self.handle(outcome.into_outcome());
                    }
                }
            }
        }
        let dropped: Vec<std::path::PathBuf> = ctx.input(|i| {
            i.raw
                .dropped_files
                .iter()
                .map(|f| f.path().to_owned())
                .collect()
        });
        if !dropped.is_empty() {
            self.apply(Command::ImportFiles(dropped));
        }
        self.request_numbers();
        self.window_on_desktop = window_on_desktop(ctx);
        self.start_presenting();
        self.start_next_job();
        if let Err(e) = self.jobs.start_waiting_check(&self.db) {
            self.notice = Some(Notice::error(&e));
        }
        self.start_keeping_tables();
        if self.jobs.running(|_| true) {
            ctx.request_repaint_after(Duration::from_millis(100));
        }
    }

    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        if !self.glyphs_warm {
            ui::glyph_warmup::warm_glyphs(ui.ctx());
            self.glyphs_warm = true;
        }
        let mut commands: Vec<Command> = Vec::new();
        self.place_window(ui.ctx());
        if self.scorecard.deck.is_some() {
            for command in self.deck_ui(ui) {
                self.apply(command);
            }
            return;
        }
        if self.loaded && ui.input(|i| i.key_pressed(egui::Key::F5)) {
            commands.push(Command::Present);
        }
        let top = self.top_bar_model();
        egui::Panel::top("top_bar")
            .show(ui, |ui| commands.extend(ui::top_bar::top_bar_ui(ui, &top)));
        egui::Panel::left("nav")
            .resizable(false)
            .exact_size(200.0)
            .show(ui, |ui| {
                commands.extend(ui::nav::nav_ui(
                    ui,
                    self.persisted.last_view,
                    &self.snapshot.counts,
                ));
            });
        egui::CentralPanel::default_margins().show(ui, |ui| {
            if let Some(notice) = &self.notice {
                commands.extend(ui::notice::notice_ui(ui, notice));
            }
            if let Some((_, file_box)) = &mut self.file_box {
                commands.extend(ui::file_box::file_box_ui(ui, file_box));
            }
            if self.damaged {
                // The backup is offered here once the notice offering it is dismissed.
                let offered = self
                    .notice
                    .as_ref()
                    .is_some_and(|n| n.offered_backup().is_some());
                let backup = self.damaged_backup.as_deref().filter(|_| !offered);
                commands.extend(ui::widgets::damaged_file_ui(ui, backup));
                return;
            }
            commands.extend(self.view_ui(ui));
        });
        for command in commands {
            self.apply(command);
        }
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, PERSIST_KEY, &self.persisted);
    }
}

/// Where the window is, in the screens' pixels, as far as the window system tells it.
fn window_on_desktop(ctx: &egui::Context) -> WindowOnDesktop {
    let (rect, screen) = ctx.input(|i| (i.viewport().outer_rect, i.viewport().monitor_size));
    let ppp = ctx.pixels_per_point();
    WindowOnDesktop {
        rect: rect.map(|r| {
            egui::Rect::from_min_max(
                (r.min.to_vec2() * ppp).to_pos2(),
                (r.max.to_vec2() * ppp).to_pos2(),
            )
        }),
        screen_size: screen.map(|s| s * ppp),
    }
}

/// Shrinks the window to the screen when it opened larger (a 1280 × 720 laptop): a view
/// cut at the screen's edge hides its last columns. Whether the screen's size was known.
fn fit_to_monitor(ctx: &egui::Context) -> bool {
    let (monitor, window) = ctx.input(|i| {
        let v = i.viewport();
        (v.monitor_size, v.outer_rect.or(v.inner_rect))
    });
    let (Some(monitor), Some(window)) = (monitor, window) else {
        return false;
    };
    // Room for a desktop's panel and the window's title bar.
    let room = monitor - egui::vec2(0.0, 64.0);
    if window.width() > monitor.x || window.height() > room.y {
        let size = egui::vec2(window.width().min(monitor.x), window.height().min(room.y));
        ctx.send_viewport_cmd(egui::ViewportCommand::InnerSize(size));
        ctx.send_viewport_cmd(egui::ViewportCommand::OuterPosition(egui::pos2(0.0, 0.0)));
    }
    true
}

impl CockpitApp {
    fn top_bar_model(&self) -> TopBarModel<'_> {
        TopBarModel {
            workspace_path: &self.db,
            recent: &self.persisted.recent_workspaces,
            period: self.period(),
            periods: quarters_up_to(
                self.snapshot.latest_as_of(),
                self.snapshot.fiscal_start_month(),
            ),
            as_of: self.snapshot.as_of_text(),
            definitions_version: self.snapshot.definitions_version(),
            sample: self.snapshot.has_sample(),
            only_sample: self.snapshot.only_sample(),
            backups: &self.snapshot.backups,
            busy: self.is_busy(),
            damaged: self.damaged,
        }
    }

    /// Draws the view shown with its model; the commands it returns.
    fn view_ui(&mut self, ui: &mut egui::Ui) -> Vec<Command> {
        let busy = self.is_busy();
        match self.persisted.last_view {
            View::Import => match &mut self.mapping {
                Some(draft) => ui::mapping_view::mapping_view_ui(ui, draft, busy)
                    .into_iter()
                    .collect(),
                None => {
                    let hovering_files = ui.ctx().input(|i| !i.raw.hovered_files.is_empty());
                    let model = ImportViewModel {
                        presets: &self.snapshot.presets,
                        as_of_text: &self.as_of_text,
                        batches: &self.snapshot.batches,
                        loaded: self.loaded,
                        selected: self.selected_batch,
                        detail: self
                            .detail
                            .as_ref()
                            .filter(|(id, _)| Some(*id) == self.selected_batch)
                            .map(|(_, d)| d),
                        progress: self.jobs.progress(),
                        busy,
                        hovering_files,
                    };
                    ui::import_view::import_view_ui(ui, &model)
                }
            },
            View::Definitions => match (&self.snapshot.definitions, &mut self.definitions_draft) {
                (Some(state), Some(draft)) => {
                    let model = DefinitionsViewModel {
                        state,
                        comparison: self.comparison.as_ref(),
                        impact: self
                            .impact
                            .as_ref()
                            .filter(|(defs, _)| *defs == draft.definitions)
                            .map(|(_, preview)| preview),
                        busy,
                    };
                    ui::definitions_view::definitions_view_ui(
                        ui,
                        &model,
                        draft,
                        &mut self.persisted.author_name,
                    )
                }
                _ => {
                    ui.label("Reading the definitions…");
                    Vec::new()
                }
            },
            View::Funnel => {
                let model = FunnelViewModel {
                    result: self.funnel_result(),
                    mode: self.funnel.mode,
                    filter: &self.funnel.filter,
                    selected_stage: self.funnel.selected_stage,
                    selected_deals: self.funnel.selected_deals,
                    computing: self
                        .jobs
                        .running(|j| matches!(j, Job::ComputeFunnel { .. })),
                    definitions_version: self.snapshot.definitions_version(),
                    has_data: !self.snapshot.batches.is_empty(),
                    breakdown_sort: self.funnel.breakdown_sort,
                    latest_period: self.snapshot.latest_period(),
                };
                ui::funnel_view::funnel_view_ui(ui, &model)
            }
            View::Leaks => {
                let model = LeaksViewModel {
                    result: self.leaks_result(),
                    selected: self.leaks.selected,
                    dimension: self.leaks.dimension,
                    sort: self.leaks.sort,
                    leaks_sort: self.leaks.table_sort,
                    computing: self.jobs.running(|j| matches!(j, Job::ComputeLeaks { .. })),
                    has_data: !self.snapshot.batches.is_empty(),
                    latest_period: self.snapshot.latest_period(),
                };
                ui::leaks_view::leaks_view_ui(ui, &model)
            }
            View::Maturity => {
                let model = MaturityViewModel {
                    result: self.maturity_result(),
                    computing: self
                        .jobs
                        .running(|j| matches!(j, Job::ComputeMaturity { .. })),
                    has_data: !self.snapshot.batches.is_empty(),
                    questionnaire: self.maturity.questionnaire,
                    records: self.maturity.records.as_ref(),
                };
                ui::maturity_view::maturity_view_ui(ui, &model)
            }
            View::Scorecard => {
                if let Some(image) = self.scorecard.image.take() {
                    let options = egui::TextureOptions::LINEAR;
                    match &mut self.scorecard.texture {
                        Some(texture) => texture.set(image, options),
                        None => {
                            self.scorecard.texture =
                                Some(ui.ctx().load_texture("scorecard-page", image, options));
                        }
                    }
                }
                let page = self.scorecard_page();
                let now = self.scorecard_query();
                let result = self
                    .scorecard
                    .result
                    .as_ref()
                    .filter(|r| Some(&r.query) == now.as_ref());
                let model = ui::scorecard_view::ScorecardViewModel {
                    result,
                    page: page.as_deref(),
                    picture: self.scorecard.picture.as_ref(),
                    texture: self.scorecard.texture.as_ref(),
                    paper: self.scorecard.paper,
                    showing_published: self.scorecard.showing_published,
                    computing: self
                        .jobs
                        .running(|j| matches!(j, Job::ComputeScorecard { .. })),
                    has_data: !self.snapshot.batches.is_empty(),
                };
                ui::scorecard_view::scorecard_view_ui(ui, &model, self.scorecard.draft.as_mut())
            }
        }
    }
}
