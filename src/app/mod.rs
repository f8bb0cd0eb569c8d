//! The window: the app's state, the commands views send back, and the background jobs
//! that compute what they show.
//!
//! The UI thread never touches the database: every read and write is a [`jobs::Job`] on
//! its own thread, which `logic()` polls each frame; the numbers come from the library,
//! through the same functions the command line calls. Views are handed view models
//! ([`crate::view_model`]) and return commands, which [`CockpitApp::apply`] applies.

mod apply;
mod cockpit;
mod drop_later;
mod exports;
mod frame;
mod handle;
pub mod jobs;
mod maturity_answers;
mod persisted;
mod presenting;
mod scheduler;
mod scorecard;
mod view_state;

use std::path::PathBuf;
use std::process::ExitCode;

pub use cockpit::{CockpitApp, StartMode};
pub use scheduler::DamageCheck;

/// Opens the window on the workspace at `db`. A workspace that does not exist yet is
/// created and loaded with the sample data. `files` are imported once it is open.
pub fn run_window(db: PathBuf, files: Vec<PathBuf>) -> Result<ExitCode, eframe::Error> {
    run_window_with(db, files, None)
}

/// [`run_window`], presenting the scorecard as soon as it is worked out when `present`
/// is given: `Some(None)` for the quarter the window opens on, `Some(Some(q))` for `q`.
pub fn run_window_with(
    db: PathBuf,
    files: Vec<PathBuf>,
    present: Option<Option<crate::definitions::fiscal::Quarter>>,
) -> Result<ExitCode, eframe::Error> {
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
            use crate::view_model::command::Command;
            let mut app = CockpitApp::new(cc, db, start);
            app.apply(Command::ImportFiles(files));
            if let Some(period) = present {
                if let Some(q) = period {
                    app.apply(Command::SetPeriod(q));
                }
                app.apply(Command::Present);
            }
            Ok(Box::new(app))
        }),
    )?;
    Ok(ExitCode::SUCCESS)
}
