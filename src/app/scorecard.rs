//! The Scorecard view's state in the window: its query, the page the template makes of
//! the numbers (assembled at once on every edit), the picture of the page asked for in
//! the background, publishing and exporting.

use std::sync::Arc;

use super::CockpitApp;
use super::jobs::{Job, Pick, ScorecardExport};
use crate::scorecard::Scorecard;
use crate::scorecard::from_store::assemble;
use crate::scorecard::output::Format;
use crate::view_model::notice::{Notice, NoticeKind};
use crate::view_model::scorecard::{
    PagePicture, PublishedPage, ScorecardDraft, ScorecardQuery, ScorecardResult,
};

impl CockpitApp {
    /// What the Scorecard view asks about now.
    pub(super) fn scorecard_query(&self) -> Option<ScorecardQuery> {
        if !self.loaded {
            return None;
        }
        let period = self.period_or_today();
        Some(ScorecardQuery {
            period,
            definitions_version: self.snapshot.definitions_version(),
            batches: self.snapshot.batch_ids(),
            generation: self.snapshot.generation,
        })
    }

    /// Asks for the Scorecard view's numbers once when its query changed, over the
    /// Funnel's tables when they are of the same records.
    pub(super) fn request_scorecard(&mut self) {
        let Some(query) = self.scorecard_query() else {
            return;
        };
        if self.scorecard.requested.as_ref() == Some(&query) {
            return;
        }
        self.scorecard.requested = Some(query.clone());
        let tables =
            self.funnel
                .tables_of(query.generation, query.definitions_version, &query.batches);
        self.jobs.push(Job::ComputeScorecard {
            query: Box::new(query),
            tables,
        });
    }

    /// Takes in the numbers: the template read with them starts the draft, unless one is
    /// being edited.
    pub(super) fn take_scorecard(&mut self, result: ScorecardResult) {
        if self.scorecard.draft.is_none() {
            self.scorecard.draft = Some(ScorecardDraft::new(
                result.template.clone(),
                &result.gathered.specs,
                result.query.period,
            ));
        }
        self.scorecard.result = Some(result);
        self.assemble_scorecard();
    }

    /// Puts this quarter's page together from the numbers and the draft, and asks for
    /// the picture of the page shown.
    pub(super) fn assemble_scorecard(&mut self) {
        let by = self.answerer();
        let s = &mut self.scorecard;
        if let (Some(result), Some(draft)) = (&s.result, &s.draft) {
            s.page = Some(Arc::new(assemble(&result.gathered, &draft.template, &by)));
        }
        self.ask_scorecard_picture();
    }

    /// The page on screen: the published one chosen, else this quarter's draft.
    pub fn scorecard_page(&self) -> Option<Arc<Scorecard>> {
        match self.scorecard.showing_published {
            Some(id) => self
                .scorecard
                .result
                .as_ref()?
                .published
                .iter()
                .find(|p| p.id == id)
                .map(|p| p.page.clone()),
            None => self.scorecard.page.clone(),
        }
    }

    /// Asks for the page on screen to be drawn, once for each page and paper.
    pub(super) fn ask_scorecard_picture(&mut self) {
        let Some(page) = self.scorecard_page() else {
            return;
        };
        let paper = self.scorecard.paper;
        let asked = self
            .scorecard
            .asked_picture
            .as_ref()
            .is_some_and(|(p, q)| **p == *page && *q == paper);
        if !asked {
            self.scorecard.asked_picture = Some((page.clone(), paper));
            self.jobs.push(Job::RenderScorecard { page, paper });
        }
    }

    /// Takes in a picture, when it is of the page and paper last asked for.
    pub(super) fn take_scorecard_picture(
        &mut self,
        picture: PagePicture,
        image: eframe::egui::ColorImage,
    ) {
        let current = self
            .scorecard
            .asked_picture
            .as_ref()
            .is_some_and(|(p, q)| Arc::ptr_eq(p, &picture.page) && *q == picture.paper);
        if current {
            self.scorecard.picture = Some(picture);
            self.scorecard.image = Some(image);
        }
    }

    /// Reads the draft the view edited: its targets, then the page, and keeps it.
    pub(super) fn scorecard_edited(&mut self) {
        let Some(result) = &self.scorecard.result else {
            return;
        };
        let specs = result.gathered.specs.clone();
        let Some(draft) = self.scorecard.draft.as_mut() else {
            return;
        };
        let unread = draft.read_targets(&specs);
        if !unread.is_empty() {
            self.notice = Some(Notice::new(
                NoticeKind::Error,
                format!(
                    "A target must be a number: {}. Write 40 for 40%, 1200000 for money, 45 for days; leave it blank for none. The other changes are kept.",
                    unread.join(", ")
                ),
            ));
        }
        let template = Box::new(draft.template.clone());
        self.assemble_scorecard();
        self.jobs.push(Job::SaveScorecardTemplate(template));
    }

    /// Keeps the draft page as published under the name typed.
    pub(super) fn publish_scorecard(&mut self) {
        let (Some(page), Some(draft)) = (&self.scorecard.page, &self.scorecard.draft) else {
            return;
        };
        let name = draft.publish_name.trim().to_owned();
        if name.is_empty() {
            self.notice = Some(Notice::new(
                NoticeKind::Error,
                "Give the scorecard a name to publish it under, such as \"Q3 business review\".",
            ));
            return;
        }
        self.jobs.push(Job::PublishScorecard {
            page: page.clone(),
            name,
            by: self.answerer(),
        });
    }

    /// Takes in the published pages after a publish.
    pub(super) fn take_published(&mut self, name: &str, published: Vec<PublishedPage>) {
        let period = self.scorecard.page.as_ref().map(|p| p.period.clone());
        if let Some(r) = self.scorecard.result.as_mut() {
            r.published = published;
        }
        self.notice = Some(Notice::new(
            NoticeKind::Info,
            format!(
                "Published the {} scorecard as \"{name}\". It is kept as presented; next quarter's scorecard compares against it.",
                period.unwrap_or_default()
            ),
        ));
    }

    /// The page on screen as an export in `format`.
    pub(super) fn scorecard_export(&self, format: Format) -> Option<ScorecardExport> {
        Some(ScorecardExport {
            page: self.scorecard_page()?,
            format,
            paper: self.scorecard.paper,
        })
    }

    /// Asks where to write the page on screen in `format`.
    pub(super) fn export_scorecard(&mut self, format: Format) {
        if let Some(export) = self.scorecard_export(format) {
            self.ask_for_path(Pick::ScorecardExportPath(Box::new(export)));
        }
    }

    /// Writes the page on screen in `format` to `to`.
    pub(super) fn export_scorecard_to(&mut self, format: Format, to: std::path::PathBuf) {
        if let Some(export) = self.scorecard_export(format) {
            self.jobs.push(Job::ExportScorecard {
                to,
                export: Box::new(export),
            });
        }
    }
}
