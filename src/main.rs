//! The one binary: opens the window, or runs a subcommand when given one.

/// mimalloc rather than the system allocator: an import builds rows on one thread and
/// frees them on another, which glibc's allocator serialises on a lock.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    revops_cockpit::huge_pages::use_small_pages();
    revops_cockpit::cli::main()
}
