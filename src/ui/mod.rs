//! The views: each draws what it is handed and returns the user's commands. No view
//! holds a database connection.

pub mod definitions_view;
pub mod file_box;
pub mod funnel_charts;
pub mod funnel_deals_view;
pub mod funnel_view;
pub mod glyph_warmup;
pub mod handoff_map;
pub mod import_view;
pub mod leaks_view;
pub mod mapping_view;
pub mod maturity_radar;
pub mod maturity_view;
pub mod nav;
pub mod notice;
pub mod presentation_view;
pub mod questionnaire;
pub mod reveal;
pub mod scorecard_view;
pub mod signal_records;
mod slide_records;
mod slides;
pub mod theme;
pub mod top_bar;
pub mod widgets;
