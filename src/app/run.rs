//! Opening the window: eframe's application on an event loop of the app's own, so the
//! screens can be read beside it, and the reason in words when no window opens.

use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, PoisonError};

use eframe::UserEvent;

use super::screen_watch::{ScreenWatch, Screens};
use super::{CockpitApp, StartMode};
use crate::definitions::fiscal::Quarter;

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
    present: Option<Option<Quarter>>,
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
    let screens = Screens::default();
    let app_screens = screens.clone();
    let opened = Arc::new(AtomicBool::new(false));
    let app_opened = Arc::clone(&opened);
    let window_errors = WindowErrors::listen();
    let event_loop = winit::event_loop::EventLoop::<UserEvent>::with_user_event().build()?;
    let app = eframe::create_native(
        "RevOps Cockpit",
        options,
        Box::new(move |cc| {
            use crate::view_model::command::Command;
            let mut app = CockpitApp::new(cc, db, start);
            app.watch_screens(app_screens);
            app.apply(Command::ImportFiles(files));
            if let Some(period) = present {
                if let Some(q) = period {
                    app.apply(Command::SetPeriod(q));
                }
                app.apply(Command::Present);
            }
            app_opened.store(true, Ordering::Relaxed);
            Ok(Box::new(app))
        }),
        &event_loop,
    );
    let mut watch = ScreenWatch::new(app, screens);
    event_loop.run_app(&mut watch)?;
    if !opened.load(Ordering::Relaxed) {
        // eframe logs why it could not make the window (no OpenGL, say) and ends the
        // loop; the reason is the last error it logged.
        let why = window_errors
            .last()
            .unwrap_or_else(|| "the window system refused the window".to_owned());
        return Err(eframe::Error::AppCreation(why.into()));
    }
    Ok(ExitCode::SUCCESS)
}

/// The errors eframe logs while it opens the window, kept to be told in words.
#[derive(Clone, Default)]
struct WindowErrors(Arc<Mutex<Option<String>>>);

impl WindowErrors {
    /// Listens to the log for errors; nothing else is logged or printed.
    fn listen() -> Self {
        let errors = Self::default();
        if log::set_boxed_logger(Box::new(errors.clone())).is_ok() {
            log::set_max_level(log::LevelFilter::Error);
        }
        errors
    }

    fn last(&self) -> Option<String> {
        self.0
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }
}

impl log::Log for WindowErrors {
    fn enabled(&self, metadata: &log::Metadata<'_>) -> bool {
        metadata.level() <= log::Level::Error
    }

    fn log(&self, record: &log::Record<'_>) {
        if self.enabled(record.metadata()) {
            *self.0.lock().unwrap_or_else(PoisonError::into_inner) =
                Some(record.args().to_string());
        }
    }

    fn flush(&self) {}
}
