//! The app's process takes memory from the system in 4 KB pages, not 2 MB ones, so no
//! single frame waits for a whole huge page to be zeroed (Linux).
//!
//! mimalloc, the app's allocator, asks Linux for transparent huge pages on the memory it
//! reserves, so the first touch of each fresh 2 MB range is one page fault that zeroes
//! all of it. On a 2-core Intel Xeon virtual machine that fault took 12 to 15 ms: with
//! `perf record -g` on `cargo bench --bench frames` (1,000,000 contacts), 8 of the 13
//! frames over 16 ms in twelve runs spent 120 to 151 samples (one per 0.1 ms) in
//! `clear_page_erms` under one huge-page fault, all in the app's second open of the
//! workspace as its numbers arrived. With 4 KB pages the same zeroing is spread over the
//! frames that touch the memory; in 12 runs against 12 (README, "Measured") the two
//! frames over 16 ms had at most 5.2 ms on a CPU, and the jobs finished about a quarter
//! sooner. An import's peak memory fell too, from 111 to 93 MB at a million rows, in
//! the same time (4.7 to 5.4 s against 4.8 to 5.9 s, four runs each, alternated).
//! mimalloc does the same when told `MIMALLOC_ALLOW_THP=0`, which it reads before
//! `main`, too early for the app to set; so `main` (and the frames benchmark) calls
//! [`use_small_pages`] first.

// Calls `prctl`, which takes plain numbers and changes one flag of the process.
#![allow(unsafe_code)]

/// Makes every later page fault of the process map 4 KB pages, even in memory mimalloc
/// asked huge pages for. Does nothing where the system refuses or has no such setting.
pub fn use_small_pages() {
    #[cfg(target_os = "linux")]
    // SAFETY: `PR_SET_THP_DISABLE` with 1 sets a flag of the process; it reads no memory
    // of ours and cannot fail in a way that leaves anything half-done.
    unsafe {
        libc::prctl(libc::PR_SET_THP_DISABLE, 1, 0, 0, 0);
    }
}

#[cfg(all(test, target_os = "linux"))]
mod tests {
    use super::*;

    #[test]
    fn after_the_call_the_process_is_marked_to_take_no_huge_pages() {
        use_small_pages();
        // SAFETY: `PR_GET_THP_DISABLE` reads the flag; it takes no pointers.
        let disabled = unsafe { libc::prctl(libc::PR_GET_THP_DISABLE, 0, 0, 0, 0) };
        assert_eq!(disabled, 1);
    }
}
