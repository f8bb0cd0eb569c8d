//! Which background job runs when: one job at a time from a queue, the session's check
//! of the workspace file for damage after the first reads, and nothing that writes
//! before that check has passed.

use std::collections::VecDeque;
use std::path::Path;

use eframe::egui;

use super::jobs::{Job, JobError, JobOutcome, Message, RunningJob};
use crate::view_model::import::ProgressView;

/// Where the session's check of the workspace file for damage is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DamageCheck {
    /// Waiting for the reads queued before it.
    Waiting,
    Running,
    /// Done (or the file was not opened to be checked).
    Finished,
}

/// The check, with its job while it runs.
enum Check {
    /// Waiting for the reads queued before it (the view's numbers come first): it starts
    /// when no read is left to run, or before anything that writes.
    Waiting,
    Running(RunningJob),
    Finished,
}

/// What came back from the background.
pub enum Arrived {
    /// The check's outcome: it has finished.
    Check(JobOutcome),
    /// A job's outcome, early or last.
    Job {
        outcome: Message,
        /// The job put a backup in place of the workspace file.
        replaced_file: bool,
        /// The job may run on a damaged file, so its outcome is taken in even then.
        allowed_on_damaged_file: bool,
    },
}

/// The queue, the job running and the check.
pub struct Scheduler {
    job: Option<RunningJob>,
    queue: VecDeque<Job>,
    check: Check,
    /// Wakes the window when a job sends something.
    ctx: egui::Context,
}

impl Scheduler {
    pub fn new(ctx: egui::Context) -> Self {
        Self {
            job: None,
            queue: VecDeque::new(),
            check: Check::Finished,
            ctx,
        }
    }

    /// Queues `job` after the others.
    pub fn push(&mut self, job: Job) {
        self.queue.push_back(job);
    }

    /// Queues `job` before the others: what a finished job leads to.
    pub fn push_front(&mut self, job: Job) {
        self.queue.push_front(job);
    }

    /// Whether a job is under way or queued.
    pub fn has_jobs(&self) -> bool {
        self.job.is_some() || !self.queue.is_empty()
    }

    /// Whether the job under way is one `is` says yes to.
    pub fn running(&self, is: impl Fn(&Job) -> bool) -> bool {
        self.job.as_ref().is_some_and(|j| is(&j.job))
    }

    /// Where the check is.
    pub fn damage_check(&self) -> DamageCheck {
        match self.check {
            Check::Waiting => DamageCheck::Waiting,
            Check::Running(_) => DamageCheck::Running,
            Check::Finished => DamageCheck::Finished,
        }
    }

    /// A check of a newly opened file, to run once its first reads are done. A check of
    /// the file open before is dropped: what it finds no longer applies.
    pub fn check_again(&mut self) {
        self.check = Check::Waiting;
    }

    /// Asks the job under way to stop.
    pub fn cancel(&self) {
        if let Some(job) = &self.job {
            job.control.cancel();
        }
    }

    /// What the check and the job have sent since the last poll.
    pub fn poll(&mut self) -> Vec<Arrived> {
        let mut arrived = Vec::new();
        if let Check::Running(check) = &self.check
            && let Some(message) = check.poll()
        {
            self.check = Check::Finished;
            arrived.push(Arrived::Check(message.into_outcome()));
        }
        if let Some(job) = &self.job
            && let Some(message) = job.poll()
        {
            let replaced_file = job.job.replaces_the_file();
            let allowed_on_damaged_file = job.job.allowed_on_damaged_file();
            if matches!(message, Message::Last(_)) {
                self.job = None;
            }
            arrived.push(Arrived::Job {
                outcome: message,
                replaced_file,
                allowed_on_damaged_file,
            });
        }
        arrived
    }

    /// Starts the next queued job on `db` when none runs. On a `damaged` file only the
    /// jobs that replace it or open another run; before the check has passed, only reads.
    pub fn start_next(&mut self, db: &Path, damaged: bool) -> Result<(), JobError> {
        if self.job.is_some() {
            return Ok(());
        }
        if damaged {
            self.queue.retain(Job::allowed_on_damaged_file);
        }
        // Only reads run before or beside the consistency check: nothing is written into
        // a file that may be damaged.
        if !matches!(self.check, Check::Finished)
            && !self.queue.front().is_some_and(Job::only_reads)
        {
            return Ok(());
        }
        let Some(job) = self.queue.pop_front() else {
            return Ok(());
        };
        self.job = Some(self.start(job, db)?);
        Ok(())
    }

    /// Starts the waiting check once no read is left to run before it.
    ///
    /// The check reads the whole file. Run beside the first reads (at the lowest
    /// priority) it still held the Funnel's numbers back at a million contacts on a
    /// 2-core machine, so it waits for them; nothing writes until it has passed either
    /// way.
    pub fn start_waiting_check(&mut self, db: &Path) -> Result<(), JobError> {
        if !matches!(self.check, Check::Waiting)
            || self.job.is_some()
            || self.queue.front().is_some_and(Job::only_reads)
        {
            return Ok(());
        }
        match self.start(Job::Check, db) {
            Ok(check) => {
                self.check = Check::Running(check);
                Ok(())
            }
            Err(e) => {
                self.check = Check::Finished;
                Err(e)
            }
        }
    }

    fn start(&self, job: Job, db: &Path) -> Result<RunningJob, JobError> {
        let ctx = self.ctx.clone();
        RunningJob::start(job, db.to_owned(), move || ctx.request_repaint())
    }

    /// The job under way (or the check), as the Import view shows it.
    pub fn progress(&self) -> Option<ProgressView> {
        let check = match &self.check {
            Check::Running(check) => Some(check),
            Check::Waiting | Check::Finished => None,
        };
        let job = self.job.as_ref().or(check)?;
        Some(ProgressView {
            label: job.job.label(),
            progress: job.control.progress(),
            elapsed: job.started.elapsed(),
            cancellable: job.job.shows_progress(),
            cancelling: job.control.is_cancelled(),
        })
    }
}
