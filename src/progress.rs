//! Progress counters and the cancel switch shared between work on a background thread
//! (an import, the sample data, any job of the window) and whoever watches it.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};

/// Cheap to clone; every clone sees the same counters.
#[derive(Debug, Clone, Default)]
pub struct WorkControl {
    cancel: Arc<AtomicBool>,
    pub(crate) bytes_read: Arc<AtomicU64>,
    rows_read: Arc<AtomicU64>,
    total_bytes: Arc<AtomicU64>,
    finishing: Arc<AtomicBool>,
}

/// A snapshot of the work's progress: bytes and rows read of a file.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Progress {
    pub bytes_read: u64,
    pub total_bytes: u64,
    pub rows_read: u64,
    /// Every row is read; the batch is being settled and saved (for a large file, the
    /// indexes set aside while it loaded are built: seconds at millions of rows).
    pub finishing: bool,
}

impl Progress {
    /// How far through the file, 0.0 to 1.0.
    #[expect(clippy::cast_precision_loss, reason = "a progress bar")]
    pub fn fraction(&self) -> f32 {
        if self.total_bytes == 0 {
            0.0
        } else {
            (self.bytes_read as f64 / self.total_bytes as f64).min(1.0) as f32
        }
    }
}

impl WorkControl {
    /// Asks the work to stop; an import rolls back and reports `Cancelled`.
    pub fn cancel(&self) {
        self.cancel.store(true, Ordering::Relaxed);
    }

    /// Whether cancel was asked for.
    pub fn is_cancelled(&self) -> bool {
        self.cancel.load(Ordering::Relaxed)
    }

    /// The current progress.
    pub fn progress(&self) -> Progress {
        Progress {
            bytes_read: self.bytes_read.load(Ordering::Relaxed),
            total_bytes: self.total_bytes.load(Ordering::Relaxed),
            rows_read: self.rows_read.load(Ordering::Relaxed),
            finishing: self.finishing.load(Ordering::Relaxed),
        }
    }

    pub(crate) fn start_file(&self, total_bytes: u64) {
        self.total_bytes.store(total_bytes, Ordering::Relaxed);
        self.bytes_read.store(0, Ordering::Relaxed);
        self.rows_read.store(0, Ordering::Relaxed);
        self.finishing.store(false, Ordering::Relaxed);
    }

    pub(crate) fn set_finishing(&self) {
        self.finishing.store(true, Ordering::Relaxed);
    }

    pub(crate) fn set_rows(&self, rows: u64) {
        self.rows_read.store(rows, Ordering::Relaxed);
    }
}
