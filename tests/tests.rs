//! The integration tests, built as one binary (egui in the tree makes each link slow).

mod cli;
mod common;
mod definitions;
mod export;
mod file_box;
mod import_errors;
mod import_formats;
mod import_reference;
mod kept_tables;
mod leaks;
mod maturity;
mod maturity_view;
mod metrics;
mod presentation;
mod properties;
mod reliability;
mod same_numbers;
mod scorecard;
mod scorecard_view;
mod stale_numbers;
mod views;
mod workspace;
