//! Where the app's part of the last frame went, phase by phase (finished work taken in,
//! new work asked for, each panel drawn, the user's commands applied): what a slow frame
//! spent its time on, for the frames benchmark to name.

use std::time::{Duration, Instant};

/// The phases of the frame being drawn, or of the last one once it is drawn.
#[derive(Debug, Default)]
pub struct FramePhases {
    /// When the phase being timed started.
    since: Option<Instant>,
    spans: Vec<(&'static str, Duration)>,
}

impl FramePhases {
    /// Starts timing a new frame, forgetting the last one's phases.
    pub fn start(&mut self) {
        self.spans.clear();
        self.since = Some(Instant::now());
    }

    /// Ends the phase called `name`: the time since the last phase ended, or since
    /// [`Self::start`]. The first phase of a frame not started starts it.
    pub fn end(&mut self, name: &'static str) {
        let now = Instant::now();
        if let Some(since) = self.since {
            self.spans.push((name, now - since));
        } else {
            self.spans.clear();
        }
        self.since = Some(now);
    }

    /// The phases of the frame, in order, each with how long it took.
    pub fn spans(&self) -> &[(&'static str, Duration)] {
        &self.spans
    }

    /// The time of every phase together: the app's part of the frame.
    pub fn total(&self) -> Duration {
        self.spans.iter().map(|(_, took)| *took).sum()
    }

    /// The phases as `name 1.2 ms, …`, the ones under 0.1 ms left out.
    pub fn describe(&self) -> String {
        let shown: Vec<String> = self
            .spans
            .iter()
            .filter(|(_, took)| *took >= Duration::from_micros(100))
            .map(|(name, took)| format!("{name} {:.1} ms", took.as_secs_f64() * 1e3))
            .collect();
        if shown.is_empty() {
            "every phase under 0.1 ms".to_owned()
        } else {
            shown.join(", ")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phases_follow_each_other_and_a_new_frame_forgets_the_last() {
        let mut phases = FramePhases::default();
        phases.start();
        std::thread::sleep(Duration::from_millis(3));
        phases.end("first");
        phases.end("second");
        let spans = phases.spans();
        assert_eq!(
            spans.iter().map(|(n, _)| *n).collect::<Vec<_>>(),
            ["first", "second"]
        );
        assert!(spans[0].1 >= Duration::from_millis(3));
        assert_eq!(phases.total(), spans[0].1 + spans[1].1);
        assert!(
            phases.describe().starts_with("first "),
            "{}",
            phases.describe()
        );
        phases.start();
        assert!(phases.spans().is_empty());
        assert_eq!(phases.describe(), "every phase under 0.1 ms");
    }

    #[test]
    fn a_phase_ended_before_any_start_only_starts_the_frame() {
        let mut phases = FramePhases::default();
        phases.end("taken in");
        assert!(phases.spans().is_empty());
        phases.end("drawn");
        assert_eq!(phases.spans().len(), 1);
    }
}
