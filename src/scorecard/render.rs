//! The page's SVG rendered to a PDF (krilla with krilla-svg: vector, the bundled fonts
//! embedded and subset) and to a PNG (resvg at the same usvg version), so the two cannot
//! drift apart.

use resvg::{tiny_skia, usvg};

use super::fonts::database;

/// Why a page could not be rendered.
#[derive(Debug, thiserror::Error)]
pub enum RenderError {
    #[error("the scorecard page could not be laid out ({0})")]
    Svg(String),
    #[error("the scorecard PDF could not be written ({0})")]
    Pdf(String),
    #[error("the scorecard picture could not be written ({0})")]
    Png(String),
}

/// `svg` parsed with the bundled fonts.
fn tree(svg: &str) -> Result<usvg::Tree, RenderError> {
    let options = usvg::Options {
        fontdb: database(),
        font_family: super::fonts::FAMILY.to_owned(),
        ..usvg::Options::default()
    };
    usvg::Tree::from_str(svg, &options).map_err(|e| RenderError::Svg(e.to_string()))
}

/// `svg` as a one-page PDF the page's size, titled `title`.
pub fn pdf(svg: &str, title: &str) -> Result<Vec<u8>, RenderError> {
    use krilla_svg::{SurfaceExt as _, SvgSettings};
    let tree = tree(svg)?;
    let size = krilla::geom::Size::from_wh(tree.size().width(), tree.size().height())
        .ok_or_else(|| RenderError::Pdf("the page has no size".to_owned()))?;
    let mut document = krilla::Document::new();
    document.set_metadata(
        krilla::metadata::Metadata::new()
            .title(title.to_owned())
            .creator("RevOps Cockpit".to_owned()),
    );
    let mut page = document.start_page_with(krilla::page::PageSettings::new(size));
    let mut surface = page.surface();
    surface
        .draw_svg(&tree, size, SvgSettings::default())
        .ok_or_else(|| RenderError::Pdf("the page could not be drawn".to_owned()))?;
    surface.finish();
    page.finish();
    document
        .finish()
        .map_err(|e| RenderError::Pdf(format!("{e:?}")))
}

/// `svg` drawn on white at `scale` pixels a point.
fn pixmap(svg: &str, scale: f32) -> Result<tiny_skia::Pixmap, RenderError> {
    let tree = tree(svg)?;
    #[expect(
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        reason = "a page's pixels"
    )]
    let (w, h) = (
        (tree.size().width() * scale).round() as u32,
        (tree.size().height() * scale).round() as u32,
    );
    let mut pixmap = tiny_skia::Pixmap::new(w, h)
        .ok_or_else(|| RenderError::Png(format!("a {w}×{h} picture is too large")))?;
    pixmap.fill(tiny_skia::Color::WHITE);
    resvg::render(
        &tree,
        tiny_skia::Transform::from_scale(scale, scale),
        &mut pixmap.as_mut(),
    );
    Ok(pixmap)
}

/// `svg` as RGBA pixels (opaque) at `scale` pixels a point: width, height, pixels.
pub fn pixels(svg: &str, scale: f32) -> Result<(u32, u32, Vec<u8>), RenderError> {
    let p = pixmap(svg, scale)?;
    Ok((p.width(), p.height(), p.take()))
}

/// `svg` as a PNG at `scale` pixels a point (2 for slides and chat).
pub fn png(svg: &str, scale: f32) -> Result<Vec<u8>, RenderError> {
    pixmap(svg, scale)?
        .encode_png()
        .map_err(|e| RenderError::Png(e.to_string()))
}
