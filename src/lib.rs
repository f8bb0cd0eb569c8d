//! RevOps Cockpit: find where revenue leaks between marketing, sales and customer success.
//!
//! Data flows one way: a CRM export file is read by [`import`] (encoding, delimiter,
//! header and format detection, value parsing) into the typed records of [`model`],
//! which [`workspace`] stores in one SQLite file (all SQL lives there, batch by batch,
//! with every rejected row kept and explained). The window ([`app`] for state, commands
//! and background jobs; [`ui`] for the views that draw what they are handed) and the
//! command line ([`cli`]) are two faces over the same library.

pub mod app;
pub mod cli;
pub mod definitions;
pub mod export;
pub mod huge_pages;
pub mod import;
pub mod leaks;
pub mod metrics;
pub mod model;
pub mod sample;
pub mod text;
pub mod ui;
pub mod workspace;
