//! Placeholder for views whose issue has not landed: says what will be here.

use eframe::egui::{self, RichText};

use super::theme;
use crate::view_model::navigation::View;
use crate::workspace::RecordCounts;

/// Draws the placeholder for `view`.
pub fn coming_soon_ui(ui: &mut egui::Ui, view: View, counts: &RecordCounts) {
    ui.heading(view.label());
    ui.add_space(6.0);
    let what = match view {
        View::Funnel => {
            "The funnel from lead to MQL, SQL, opportunity and customer: counts, conversion, time in stage, win rate, sales cycle and pipeline velocity, by quarter and segment."
        }
        View::Leaks => {
            "Where records stall or vanish between marketing, sales and customer success, with the revenue at stake and the records behind each number."
        }
        View::Maturity => {
            "The six RevOps pillars on a five-level model, from your answers and from evidence measured in the data."
        }
        View::Definitions => {
            "The data dictionary: what counts as MQL, SQL, opportunity, closed-won and churned; stage mappings, SLAs and required fields, versioned."
        }
        View::Scorecard => {
            "A quarter's funnel, leaks and maturity on one page, exported as PDF, CSV and PNG, with a presentation mode."
        }
        View::Import => "",
    };
    ui.label(RichText::new(what).font(theme::BODY));
    ui.add_space(10.0);
    ui.label(RichText::new("This view is coming in a later release. The data it will read is already in the workspace:").color(theme::MUTED));
    ui.label(format!(
        "{} contacts, {} deals, {} customer accounts.",
        crate::text::thousands(counts.contacts),
        crate::text::thousands(counts.deals),
        crate::text::thousands(counts.accounts)
    ));
}
