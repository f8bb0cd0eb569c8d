//! A job under way: its thread, the channel its outcomes come back on, and the control
//! (progress and cancel) the window shares with it.

use std::path::PathBuf;
use std::sync::mpsc::{Receiver, TryRecvError};
use std::time::Instant;

use super::{Job, JobError, JobOutcome, Message};
use crate::progress::WorkControl;

/// A job under way.
pub struct RunningJob {
    pub job: Job,
    /// Its progress, and the switch that asks it to stop.
    pub control: WorkControl,
    pub started: Instant,
    receiver: Receiver<Message>,
}

impl RunningJob {
    /// Starts `job` on `db` on a thread of its own, at the background priority; `wake`
    /// is called each time it sends an outcome.
    pub fn start(
        job: Job,
        db: PathBuf,
        wake: impl Fn() + Send + 'static,
    ) -> Result<Self, JobError> {
        let (sender, receiver) = std::sync::mpsc::channel();
        let control = WorkControl::default();
        let thread_control = control.clone();
        let thread_job = job.clone();
        std::thread::Builder::new()
            .name(format!("job: {}", job.label()))
            .spawn(move || {
                super::priority::lower_current_thread();
                // The app may have closed; nothing is waiting then.
                let early = |outcome| {
                    let _ = sender.send(Message::Early(outcome));
                    wake();
                };
                let outcome = super::run::run(thread_job, &db, &thread_control, &early);
                let _ = sender.send(Message::Last(outcome));
                wake();
            })
            .map_err(JobError::Spawn)?;
        Ok(Self {
            job,
            control,
            started: Instant::now(),
            receiver,
        })
    }

    /// What the job has sent since the last poll, if anything.
    pub fn poll(&self) -> Option<Message> {
        match self.receiver.try_recv() {
            Ok(message) => Some(message),
            Err(TryRecvError::Empty) => None,
            Err(TryRecvError::Disconnected) => {
                Some(Message::Last(JobOutcome::Refreshed(Err(JobError::Stopped))))
            }
        }
    }
}
