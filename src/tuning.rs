//! How the app's process is tuned, set once by `main`: each knob with what it buys.
//! Only knobs that pay off on an ordinary laptop live here; the library sets none.

/// mimalloc, not the system allocator: an import builds rows on one thread and frees them
/// on another, which glibc's allocator serialises on a lock (a quarter of a million-row
/// import's time, measured with `cargo bench --bench import`).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;
