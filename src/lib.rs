//! RevOps Cockpit: find where revenue leaks between marketing, sales and customer success.
//!
//! Data flows one way: a CRM export file is read by [`import`] (encoding, delimiter,
//! header and format detection, value parsing) into the typed records of [`model`],
//! which [`workspace`] stores in one SQLite file (all SQL lives there, batch by batch,
//! with every rejected row kept and explained). [`metrics`] and [`leaks`] compute every
//! number from a workspace and a definitions version ([`definitions`]). The window
//! ([`app`] for state, commands and background jobs; [`view_model`] for what a view may
//! read; [`ui`] for the views that draw it) and the command line ([`cli`]) are two faces
//! over the same library: docs/architecture.md has the map.

pub mod app;
pub mod cli;
pub mod definitions;
pub mod export;
pub mod import;
pub mod leaks;
pub mod maturity;
pub mod metrics;
pub mod model;
pub mod progress;
pub mod sample;
pub mod scorecard;
pub mod text;
pub mod ui;
pub mod view_model;
pub mod workspace;
