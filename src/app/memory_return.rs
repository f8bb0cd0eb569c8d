//! Freed memory goes back to the system while the window is quiet, from a thread of its
//! own, never from the window's.
//!
//! mimalloc, the app's allocator, returns memory a second after it is freed (its "purge":
//! one `madvise` per freed range), and the purge runs on whichever thread next asks it
//! for memory after that second: often the UI thread, for memory a job freed. Each
//! `madvise` waits until every other core has flushed its address cache, and memory
//! returned must be faulted in and zeroed again when next used, a 2 MB huge page at a
//! time; both are slow on a virtual machine. Measured with `cargo bench --bench frames`
//! on 1,000,000 contacts: the UI thread made 2,877 `madvise` calls in one run, and 20 of
//! the 22 profile samples of a 16.5 ms frame were inside them. Purging every second from
//! a thread of its own took the calls off the UI thread, but frames of 12 to 70 ms on a
//! CPU still came, more often than before (in 8 of 43 runs, against 3 of 33): the UI
//! thread faulting the returned memory back in (one such frame: 73% zeroing a huge page).
//!
//! So the purge delay is set so long that no allocation ever finds a purge due, and a
//! background thread returns the freed memory once the window has drawn no frame for
//! [`QUIET`]: while a lead works, freed memory is reused as it is; when they pause, it
//! goes back (at a million contacts, the 843 MB held when the leaks view's work ended
//! fell to 519 MB two seconds later). In 26 runs, one frame took over 16 ms (20.3 ms, 15
//! ms of it on a CPU).

// Unsafe code (as in `crate::huge_pages`, the only other place): calls into mimalloc's C
// interface, which take plain values and touch nothing of ours.
#![allow(unsafe_code)]

use std::sync::OnceLock;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use libmimalloc_sys::{mi_collect, mi_option_set, mi_option_t, mi_thread_init};

/// mimalloc's `mi_option_purge_delay` (its 16th option, in milliseconds, in `mimalloc.h`
/// of version 3), which `libmimalloc-sys` does not name.
const PURGE_DELAY: mi_option_t = 15;

/// A purge delay no allocation reaches: a day, in milliseconds.
const NEVER_DUE: std::ffi::c_long = 24 * 60 * 60 * 1000;

/// How often the background thread looks whether the window is quiet.
const EVERY: Duration = Duration::from_secs(1);

/// How long the window must have drawn nothing before freed memory goes back. A job
/// running repaints the window as it reports, so a quiet window has no work either.
const QUIET: Duration = Duration::from_secs(2);

/// When the process started, and when (in milliseconds after it) the window last drew.
static STARTED: OnceLock<Instant> = OnceLock::new();
static LAST_FRAME_MS: AtomicU64 = AtomicU64::new(0);

/// Moves mimalloc's purges to a background thread that runs them while the window is
/// quiet; once per process.
pub fn return_freed_memory_in_the_background() {
    let started = Instant::now();
    if STARTED.set(started).is_err() {
        return;
    }
    let purging = std::thread::Builder::new()
        .name("memory return".into())
        .spawn(move || {
            super::worker_priority::lowest_for_current_thread();
            loop {
                std::thread::sleep(EVERY);
                let last_frame =
                    started + Duration::from_millis(LAST_FRAME_MS.load(Ordering::Relaxed));
                if quiet_since(last_frame, Instant::now()) {
                    purge_now();
                }
            }
        });
    // Without the thread, mimalloc keeps purging where it did.
    if purging.is_ok() {
        defer_purges();
    }
}

/// Notes that the window draws a frame now.
pub fn frame_drawn() {
    if let Some(started) = STARTED.get() {
        let ms = u64::try_from(started.elapsed().as_millis()).unwrap_or(u64::MAX);
        LAST_FRAME_MS.store(ms, Ordering::Relaxed);
    }
}

/// Whether a window that last drew at `last_frame` has been quiet long enough at `now`.
fn quiet_since(last_frame: Instant, now: Instant) -> bool {
    now.saturating_duration_since(last_frame) >= QUIET
}

/// Makes freed memory wait for [`purge_now`]: no allocation purges it any more.
fn defer_purges() {
    // SAFETY: sets one of mimalloc's options; takes a plain number, may run at any time.
    unsafe { mi_option_set(PURGE_DELAY, NEVER_DUE) };
}

/// Returns every range freed so far to the system, from the calling thread.
fn purge_now() {
    // SAFETY: both take no arguments. The first sets up the calling thread's heap
    // (once; without one, a collect returns at once), the second is a forced collect of
    // that heap and of the shared arenas, whose state mimalloc guards itself.
    unsafe {
        mi_thread_init();
        mi_collect(true);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use libmimalloc_sys::{mi_free, mi_malloc, mi_stats_get_json};

    /// How many bytes mimalloc has purged in this process so far. The other tests in
    /// this binary use the system allocator, so only these move the count.
    fn purged() -> u64 {
        // SAFETY: mimalloc returns its statistics as text it allocated; the text is
        // copied, then freed once.
        let text = unsafe {
            let buf = mi_stats_get_json(0, std::ptr::null_mut());
            assert!(!buf.is_null(), "no statistics");
            let text = std::ffi::CStr::from_ptr(buf).to_string_lossy().into_owned();
            mi_free(buf.cast());
            text
        };
        let stats: serde_json::Value = serde_json::from_str(&text).expect("statistics JSON");
        stats["purged"].as_u64().expect("a purged count")
    }

    /// As a job does: allocates `bytes` from mimalloc in 1 MiB blocks on a thread of
    /// its own, touches every page and frees them all.
    fn free_on_another_thread(bytes: usize) {
        const BLOCK: usize = 1 << 20;
        std::thread::spawn(move || {
            // SAFETY: each block is checked, written within its size, then freed once.
            unsafe {
                let blocks: Vec<*mut u8> = (0..bytes / BLOCK)
                    .map(|_| {
                        let p = mi_malloc(BLOCK).cast::<u8>();
                        assert!(!p.is_null());
                        for page in (0..BLOCK).step_by(4096) {
                            p.add(page).write(1);
                        }
                        p
                    })
                    .collect();
                for p in blocks {
                    mi_free(p.cast());
                }
                // Hands the emptied pages back to the shared arenas, which schedules
                // their purge.
                mi_collect(false);
            }
        })
        .join()
        .expect("the allocating thread");
    }

    #[test]
    fn memory_goes_back_only_after_the_window_has_drawn_nothing_for_two_seconds() {
        let drew = Instant::now();
        assert!(!quiet_since(drew, drew));
        assert!(!quiet_since(drew, drew + Duration::from_millis(1999)));
        assert!(quiet_since(drew, drew + QUIET));
        assert!(quiet_since(drew, drew + Duration::from_secs(60)));
        // A frame noted after the check's clock read is not a reason to purge.
        assert!(!quiet_since(drew + Duration::from_secs(1), drew));
    }

    #[test]
    fn memory_a_job_frees_is_purged_by_the_purging_thread_not_by_the_next_allocation() {
        const BYTES: usize = 64 << 20;
        defer_purges();
        let before = purged();
        free_on_another_thread(BYTES);
        // Past mimalloc's own one-second delay, the routine collect an allocation makes
        // would purge the freed ranges; deferred, it leaves them.
        std::thread::sleep(Duration::from_millis(1200));
        // SAFETY: no arguments: sets up this thread's heap, then makes the routine
        // (unforced) collect mimalloc makes during allocations.
        unsafe {
            mi_thread_init();
            mi_collect(false);
        }
        assert_eq!(purged(), before, "a routine collect purged memory");
        std::thread::spawn(purge_now).join().expect("the purge");
        assert!(
            purged() >= before + BYTES as u64 / 2,
            "the purge returned {} bytes of the {BYTES} freed",
            purged() - before
        );
    }
}
