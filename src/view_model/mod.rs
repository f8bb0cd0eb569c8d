//! What a view may read, and the commands it sends back: plain data the app assembles
//! from its state and the library's results. A view draws these and nothing else; it
//! never sees a job, a database connection or the app itself.

pub mod command;
pub mod definitions;
pub mod file_box;
pub mod funnel;
pub mod import;
pub mod leaks;
pub mod mapping;
pub mod maturity;
pub mod navigation;
pub mod notice;
pub mod presentation;
pub mod scorecard;
pub mod screens;
pub mod sort;
pub mod workspace;
