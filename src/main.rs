//! The one binary: opens the window, or runs a subcommand when given one.

mod tuning;

fn main() -> std::process::ExitCode {
    revops_cockpit::cli::main()
}
