//! The one binary: opens the window, or runs a subcommand when given one.

fn main() -> std::process::ExitCode {
    revops_cockpit::cli::main()
}
