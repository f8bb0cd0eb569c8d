//! The Scorecard view's jobs: its numbers gathered, its page drawn as it prints, its
//! template kept, a page published, a page written to a file.

use std::path::PathBuf;
use std::sync::Arc;

use super::{JobError, Saved};
use crate::metrics::from_store::FunnelTables;
use crate::scorecard::draw::{Paper, draw};
use crate::scorecard::output::{Format, write};
use crate::scorecard::{Scorecard, Template, catalogue, from_store, publish, render, template};
use crate::view_model::scorecard::{PagePicture, PublishedPage, ScorecardQuery, ScorecardResult};
use crate::workspace::Workspace;

/// Pixels a point the page is shown at: sharp when scaled down to the view's width, on a
/// screen of twice the density too.
const SHOWN_AT: f32 = 2.0;

/// A page to write to a file, as it is on screen.
#[derive(Debug, Clone)]
pub struct ScorecardExport {
    pub page: Arc<Scorecard>,
    pub format: Format,
    pub paper: Paper,
}

impl ScorecardExport {
    /// The file name a save suggests.
    pub fn file_name(&self) -> String {
        format!(
            "revenue-scorecard-{}.{}",
            self.page.period,
            self.format.extension()
        )
    }
}

/// Every metric's numbers for the query's quarter, the template saved and the pages
/// published.
pub fn gather(
    ws: &Workspace,
    query: ScorecardQuery,
    tables: Option<Arc<FunnelTables>>,
) -> Result<ScorecardResult, JobError> {
    let tables = match tables {
        Some(t) => t,
        None => Arc::new(FunnelTables::load(ws)?),
    };
    let keys: Vec<String> = catalogue::catalogue(&tables.defs)
        .into_iter()
        .map(|m| m.key)
        .collect();
    let gathered = from_store::gather(ws, &tables, query.period, &keys)?;
    Ok(ScorecardResult {
        query,
        gathered: Arc::new(gathered),
        stage_keys: tables
            .defs
            .lifecycle_stages
            .iter()
            .map(|s| s.key.clone())
            .collect(),
        template: template::load(ws, template::DEFAULT_NAME)
            .map_err(crate::scorecard::ScorecardError::from)?,
        published: published(ws)?,
    })
}

/// Every published page, newest first.
fn published(ws: &Workspace) -> Result<Vec<PublishedPage>, JobError> {
    ws.published_scorecards()?
        .iter()
        .map(|p| {
            Ok(PublishedPage {
                id: p.id,
                name: p.name.clone(),
                page: Arc::new(publish::read(p)?),
            })
        })
        .collect()
}

/// `page` on `paper` drawn as it prints, with the image the window uploads (made here,
/// since converting two million pixels is a frame's worth of work).
pub fn picture(
    page: Arc<Scorecard>,
    paper: Paper,
) -> Result<(PagePicture, eframe::egui::ColorImage), JobError> {
    let drawn = draw(&page, paper);
    let (width, height, pixels) = render::pixels(&drawn.svg, SHOWN_AT)?;
    let image = eframe::egui::ColorImage::from_rgba_premultiplied(
        [width as usize, height as usize],
        &pixels,
    );
    let picture = PagePicture {
        page,
        paper,
        size: (drawn.width, drawn.height),
        spots: drawn.spots,
    };
    Ok((picture, image))
}

/// Keeps `t` as the workspace's template.
pub fn save_template(ws: &Workspace, t: &Template) -> Result<(), JobError> {
    Ok(template::save(ws, t)?)
}

/// Publishes `page` as `name`; every published page after it.
pub fn publish_page(
    ws: &Workspace,
    page: &Scorecard,
    name: &str,
    by: &str,
) -> Result<(String, Vec<PublishedPage>), JobError> {
    publish::publish(ws, page, name, by)?;
    Ok((name.to_owned(), published(ws)?))
}

/// Writes `export` to `to`.
pub fn export(export: &ScorecardExport, to: PathBuf) -> Result<Saved, JobError> {
    let bytes = write(&export.page, export.format, export.paper, &to)?;
    Ok(Saved {
        path: to,
        holds: format!(
            "the {} scorecard as {} ({})",
            export.page.period,
            export.format.extension().to_uppercase(),
            crate::text::bytes(u64::try_from(bytes).unwrap_or(u64::MAX))
        ),
    })
}
