//! Background threads yield the CPU to the window: they run at a lower priority.
//!
//! On a two-core laptop an import's two threads and the UI thread share two cores. At
//! equal priority the scheduler let a frame wait up to 8 ms for a core while a job
//! ran (measured with `cargo bench --bench frames -- --slow-frames`), and a frame that
//! waits that long misses the 16 ms budget. A lower-priority thread still gets every
//! core the window leaves idle, so background work loses little.

use thread_priority::{ThreadPriority, ThreadPriorityValue, set_current_thread_priority};

/// The cross-platform priority (0 to 99) background threads take: nice 10 on Linux
/// (the crate maps 0..=99 onto nice 19..=-20; the test pins the result),
/// whose scheduler then gives the window about nine tenths of a shared core.
const BACKGROUND: u8 = 22;

/// Lowers the calling thread's priority; threads it starts later inherit it (Linux).
/// Does nothing where the system refuses: the work runs as before, only less politely.
pub fn lower_current_thread() {
    if let Ok(value) = ThreadPriorityValue::try_from(BACKGROUND) {
        let _ = set_current_thread_priority(ThreadPriority::Crossplatform(value));
    }
}

/// Lowers the calling thread's priority below the other background threads' (nice 19 on
/// Linux): for work that should only use what they leave, such as the consistency check
/// that runs beside the first reads of a session.
pub fn lowest_for_current_thread() {
    let _ = set_current_thread_priority(ThreadPriority::Min);
}

#[cfg(all(test, target_os = "linux"))]
mod tests {
    use super::*;

    /// The thread's nice value, the 19th field of its `stat` line.
    fn nice_of_current_thread() -> i64 {
        let stat = std::fs::read_to_string("/proc/thread-self/stat").expect("stat");
        // The command name, in parentheses, may hold spaces; fields follow it.
        let after_name = &stat[stat.rfind(')').expect("name") + 2..];
        after_name
            .split(' ')
            .nth(16)
            .expect("nice")
            .parse()
            .expect("number")
    }

    #[test]
    fn a_lowered_thread_and_the_threads_it_starts_run_at_nice_10_or_lower() {
        let caller = nice_of_current_thread();
        std::thread::spawn(move || {
            lower_current_thread();
            let lowered = nice_of_current_thread();
            match caller {
                0 => assert_eq!(lowered, 10),
                // A process started at a lower priority keeps at least that.
                _ => assert!(lowered >= caller.max(10), "nice {lowered}"),
            }
            let child = std::thread::spawn(nice_of_current_thread)
                .join()
                .expect("child");
            assert_eq!(child, lowered);
        })
        .join()
        .expect("thread");
        assert_eq!(
            nice_of_current_thread(),
            caller,
            "the caller keeps its priority"
        );
    }

    #[test]
    fn the_lowest_priority_is_below_the_other_background_threads() {
        let lowest = std::thread::spawn(|| {
            lowest_for_current_thread();
            nice_of_current_thread()
        })
        .join()
        .expect("thread");
        assert_eq!(lowest, 19);
    }
}
