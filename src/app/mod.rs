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
mod run;
mod scheduler;
mod scorecard;
mod screen_watch;
mod view_state;

pub use cockpit::{CockpitApp, StartMode};
pub use run::{run_window, run_window_with};
pub use scheduler::DamageCheck;
pub use screen_watch::Screens;
