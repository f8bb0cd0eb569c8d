//! Publishing keeps a page whole in the workspace: its numbers, the definitions version
//! and the batches behind them, so it shows and exports again exactly as it was
//! presented, and next quarter compares against it.

use super::ScorecardError;
use super::page::{Published, Scorecard};
use crate::workspace::Workspace;

/// Publishes `page` as `name` by `by`; returns the page as kept (marked published) and
/// its id.
pub fn publish(
    ws: &Workspace,
    page: &Scorecard,
    name: &str,
    by: &str,
) -> Result<(Scorecard, i64), ScorecardError> {
    let mut kept = page.clone();
    kept.published = Some(Published {
        name: name.to_owned(),
        at: chrono::Utc::now().format("%Y-%m-%d %H:%M UTC").to_string(),
        by: by.to_owned(),
    });
    // A page is plain data: it always serialises.
    let body = serde_json::to_string(&kept).unwrap_or_default();
    let id = ws.publish_scorecard(
        name,
        &kept.period,
        by,
        kept.footer.definitions_version,
        &body,
    )?;
    Ok((kept, id))
}

/// A published scorecard as it was presented.
pub fn read(stored: &crate::workspace::PublishedScorecard) -> Result<Scorecard, ScorecardError> {
    serde_json::from_str(&stored.page).map_err(|e| ScorecardError::DamagedPublished {
        name: stored.name.clone(),
        reason: e.to_string(),
    })
}
