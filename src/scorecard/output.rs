//! A scorecard written to a file in one of its formats, whole or not at all.

use std::io::Write as _;
use std::path::Path;

use super::draw::{Paper, draw};
use super::page::Scorecard;
use super::render::{RenderError, pdf, png};

/// The pixels a point in the PNG: twice the page's size, sharp on slides and in chat.
pub const PNG_SCALE: f32 = 2.0;

/// The formats a scorecard is exported in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Pdf,
    Png,
    Csv,
}

impl Format {
    /// The file extension.
    pub fn extension(self) -> &'static str {
        match self {
            Self::Pdf => "pdf",
            Self::Png => "png",
            Self::Csv => "csv",
        }
    }
}

/// Why a scorecard file could not be written.
#[derive(Debug, thiserror::Error)]
pub enum OutputError {
    #[error(transparent)]
    Render(#[from] RenderError),
    #[error("could not write {path}: {source}")]
    Write {
        path: String,
        source: std::io::Error,
    },
}

/// The page's title, as the PDF carries it and file names start.
pub fn title(page: &Scorecard) -> String {
    format!("Revenue scorecard {}", page.period)
}

/// The bytes of `page` as `format` on `paper` (the CSV's paper does not matter).
pub fn bytes(page: &Scorecard, format: Format, paper: Paper) -> Result<Vec<u8>, OutputError> {
    Ok(match format {
        Format::Pdf => pdf(&draw(page, paper).svg, &title(page))?,
        Format::Png => png(&draw(page, paper).svg, PNG_SCALE)?,
        Format::Csv => {
            let mut w = csv::Writer::from_writer(Vec::new());
            let io = |e: csv::Error| OutputError::Write {
                path: "memory".to_owned(),
                source: e.into(),
            };
            w.write_record(super::csv_out::HEADER).map_err(io)?;
            for row in super::csv_out::rows(page) {
                w.write_record(
                    row.iter()
                        .map(|c| crate::export::neutralize_formula(c).into_owned()),
                )
                .map_err(io)?;
            }
            w.into_inner().map_err(|e| OutputError::Write {
                path: "memory".to_owned(),
                source: e.into_error(),
            })?
        }
    })
}

/// Writes `page` as `format` on `paper` to `to`, beside it first and renamed over it
/// when whole; returns the bytes written.
pub fn write(
    page: &Scorecard,
    format: Format,
    paper: Paper,
    to: &Path,
) -> Result<usize, OutputError> {
    let data = bytes(page, format, paper)?;
    let failed = |source: std::io::Error| OutputError::Write {
        path: to.display().to_string(),
        source,
    };
    let mut tmp = crate::export::temporary_beside(to).map_err(failed)?;
    tmp.write_all(&data).map_err(failed)?;
    tmp.as_file_mut().sync_all().map_err(failed)?;
    tmp.persist(to).map_err(|e| failed(e.error))?;
    Ok(data.len())
}
