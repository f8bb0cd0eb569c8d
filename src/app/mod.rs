//! The window: app state, the commands views send back, and background jobs.
//!
//! The UI thread never touches the database: every read and write is a [`jobs::Job`]
//! on its own thread, and `logic()` swaps the results in when they arrive.

mod cockpit;
pub mod command;
mod drop_later;
pub mod exports;
pub mod frame_phases;
pub mod funnel;
pub mod jobs;
pub mod leaks;
pub mod mapping;
mod memory_return;
pub mod notice;
pub mod state;
mod worker_priority;

use std::path::PathBuf;
use std::process::ExitCode;

pub use cockpit::{CockpitApp, DamageCheck, DefinitionsDraft, StartMode};

/// Opens the window on the workspace at `db`. A workspace that does not exist yet is
/// created and loaded with the sample data. `files` are imported once it is open.
pub fn run_window(db: PathBuf, files: Vec<PathBuf>) -> Result<ExitCode, String> {
    let options = eframe::NativeOptions {
        viewport: eframe::egui::ViewportBuilder::default()
            .with_title("RevOps Cockpit")
            .with_inner_size([1360.0, 860.0])
            .with_min_inner_size([900.0, 560.0])
            .with_drag_and_drop(true),
        persist_window: true,
        ..Default::default()
    };
    let start = if db.exists() {
        StartMode::Open
    } else {
        StartMode::FirstLaunch
    };
    eframe::run_native(
        "RevOps Cockpit",
        options,
        Box::new(move |cc| {
            let mut app = CockpitApp::new(cc, db, start);
            app.apply(command::Command::ImportFiles(files));
            Ok(Box::new(app))
        }),
    )
    .map_err(|e| {
        format!(
            "the window could not open: {e}. Is a display available (DISPLAY or WAYLAND_DISPLAY)?"
        )
    })?;
    Ok(ExitCode::SUCCESS)
}
