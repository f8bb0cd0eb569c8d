//! The screens the window system reports, read by the event loop the window runs on and
//! shared with the app: eframe does not tell an app how many screens there are, and the
//! deck needs to know whether a projector is plugged in.

use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

use eframe::egui::{Rect, pos2, vec2};
use eframe::{EframeWinitApplication, UserEvent};
use winit::application::ApplicationHandler;
use winit::event::{DeviceEvent, DeviceId, StartCause, WindowEvent};
use winit::event_loop::ActiveEventLoop;
use winit::window::WindowId;

use crate::view_model::screens::Screen;

/// The screens last reported, shared between the event loop and the app.
#[derive(Debug, Clone, Default)]
pub struct Screens(Arc<Mutex<Vec<Screen>>>);

impl Screens {
    /// A list that stays as given: the screens of a test, where no window system runs.
    pub fn fixed(list: Vec<Screen>) -> Self {
        Self(Arc::new(Mutex::new(list)))
    }

    /// The screens as last reported.
    pub fn now(&self) -> Vec<Screen> {
        self.0
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }

    fn set(&self, list: Vec<Screen>) {
        *self.0.lock().unwrap_or_else(PoisonError::into_inner) = list;
    }
}

/// How often the list is read again while events come: a projector plugged in just
/// before the meeting is seen by the time anyone presses Present.
const REREAD: Duration = Duration::from_millis(500);

/// eframe's application on the event loop, with the screens read beside it.
pub(super) struct ScreenWatch<'a> {
    app: EframeWinitApplication<'a>,
    screens: Screens,
    read_at: Option<Instant>,
}

impl<'a> ScreenWatch<'a> {
    pub(super) fn new(app: EframeWinitApplication<'a>, screens: Screens) -> Self {
        Self {
            app,
            screens,
            read_at: None,
        }
    }

    fn read(&mut self, event_loop: &ActiveEventLoop, force: bool) {
        if !force && self.read_at.is_some_and(|at| at.elapsed() < REREAD) {
            return;
        }
        self.read_at = Some(Instant::now());
        let primary = event_loop.primary_monitor();
        let list = event_loop
            .available_monitors()
            .map(|m| {
                let (p, s) = (m.position(), m.size());
                Screen {
                    name: m.name(),
                    rect: Rect::from_min_size(
                        pos2(p.x as f32, p.y as f32),
                        vec2(s.width as f32, s.height as f32),
                    ),
                    primary: primary.as_ref() == Some(&m),
                }
            })
            .collect();
        self.screens.set(list);
    }
}

impl ApplicationHandler<UserEvent> for ScreenWatch<'_> {
    fn new_events(&mut self, event_loop: &ActiveEventLoop, cause: StartCause) {
        self.read(event_loop, false);
        self.app.new_events(event_loop, cause);
    }

    fn resumed(&mut self, event_loop: &ActiveEventLoop) {
        self.read(event_loop, true);
        self.app.resumed(event_loop);
    }

    fn user_event(&mut self, event_loop: &ActiveEventLoop, event: UserEvent) {
        self.app.user_event(event_loop, event);
    }

    fn window_event(&mut self, event_loop: &ActiveEventLoop, id: WindowId, event: WindowEvent) {
        self.app.window_event(event_loop, id, event);
    }

    fn device_event(&mut self, event_loop: &ActiveEventLoop, id: DeviceId, event: DeviceEvent) {
        self.app.device_event(event_loop, id, event);
    }

    fn about_to_wait(&mut self, event_loop: &ActiveEventLoop) {
        self.app.about_to_wait(event_loop);
    }

    fn suspended(&mut self, event_loop: &ActiveEventLoop) {
        self.app.suspended(event_loop);
    }

    fn exiting(&mut self, event_loop: &ActiveEventLoop) {
        self.app.exiting(event_loop);
    }

    fn memory_warning(&mut self, event_loop: &ActiveEventLoop) {
        self.app.memory_warning(event_loop);
    }
}
