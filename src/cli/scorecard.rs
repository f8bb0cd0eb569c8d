//! `revops-cockpit scorecard [--period 2025-Q3] [--format pdf|png|csv --out FILE]
//! [--template NAME] [--paper a4|letter] [--publish NAME] [--published ID] [--list]`

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use super::CliError;
use crate::metrics::from_store::FunnelTables;
use crate::scorecard::draw::Paper;
use crate::scorecard::output::{Format, write};
use crate::scorecard::page::{Scorecard, value_text};
use crate::scorecard::{from_store, publish, template};

/// Arguments of `scorecard`.
#[derive(Debug, clap::Args)]
pub struct ScorecardArgs {
    /// The fiscal quarter, e.g. 2025-Q3 (default: the quarter of the latest export).
    #[arg(long, value_name = "YYYY-QN")]
    pub period: Option<String>,
    /// The file format to write (default: the --out file's extension).
    #[arg(long, value_enum)]
    pub format: Option<FormatArg>,
    /// Write the scorecard to FILE; without it, the page's numbers are printed.
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// The saved template: which metrics, their targets and comments.
    #[arg(long, value_name = "NAME", default_value = template::DEFAULT_NAME)]
    pub template: String,
    /// The paper, landscape.
    #[arg(long, value_enum, default_value = "a4")]
    pub paper: PaperArg,
    /// Who produces it, for the footer (default: the login name).
    #[arg(long, value_name = "NAME")]
    pub by: Option<String>,
    /// Publish the page as NAME: keep it, as presented, for next quarter to compare with.
    #[arg(long, value_name = "NAME", conflicts_with = "published")]
    pub publish: Option<String>,
    /// Use the published scorecard ID exactly as it was presented.
    #[arg(long, value_name = "ID")]
    pub published: Option<i64>,
    /// List the published scorecards.
    #[arg(long)]
    pub list: bool,
}

/// `--format` values.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum FormatArg {
    Pdf,
    Png,
    Csv,
}

/// `--paper` values.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum PaperArg {
    A4,
    Letter,
}

fn format_of(args: &ScorecardArgs, out: &Path) -> Result<Format, CliError> {
    if let Some(f) = args.format {
        return Ok(match f {
            FormatArg::Pdf => Format::Pdf,
            FormatArg::Png => Format::Png,
            FormatArg::Csv => Format::Csv,
        });
    }
    match out
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .as_deref()
    {
        Some("pdf") => Ok(Format::Pdf),
        Some("png") => Ok(Format::Png),
        Some("csv") => Ok(Format::Csv),
        _ => Err(format!(
            "say which format to write {} in: --format pdf, png or csv",
            out.display()
        )
        .into()),
    }
}

/// The login name, for the footer when `--by` is not given.
pub fn login_name() -> String {
    std::env::var("USER")
        .or_else(|_| std::env::var("USERNAME"))
        .unwrap_or_else(|_| "unnamed".to_owned())
}

pub(super) fn run(db: &Path, args: &ScorecardArgs) -> Result<ExitCode, CliError> {
    // The consistency check reads the whole file (about half a second at a million
    // contacts): it runs beside the page's work, and nothing is written or published
    // before it has passed.
    let (mut ws, mut check) = super::open_checking_beside(db)?;
    if args.list {
        check.finish()?;
        let published = ws.published_scorecards()?;
        if published.is_empty() {
            return super::print("No scorecard has been published yet.");
        }
        let lines: Vec<String> = published
            .iter()
            .map(|p| {
                format!(
                    "{:>4}  {}  \"{}\"  published {} by {} (definitions v{})",
                    p.id, p.period, p.name, p.published_at, p.published_by, p.definitions_version
                )
            })
            .collect();
        return super::print(&lines.join("\n"));
    }
    let by = args.by.clone().unwrap_or_else(login_name);
    let page = match args.published {
        Some(id) => {
            let stored = ws
                .published_scorecards()?
                .into_iter()
                .find(|p| p.id == id)
                .ok_or_else(|| {
                    format!("no published scorecard has id {id}; see scorecard --list")
                })?;
            publish::read(&stored)?
        }
        None => {
            let tables = FunnelTables::load(&ws)?;
            if !tables.kept {
                // Kept for the next run (a scheduled scorecard, the window): a copy, so
                // failing to keep them loses nothing but that time.
                let _ = tables.keep(&mut ws);
            }
            let (period, _) = super::period_and_as_of(&ws, &tables.defs, args.period.as_deref())?;
            let template = template::load(&ws, &args.template)
                .map_err(crate::scorecard::ScorecardError::from)?;
            let page = from_store::build(&ws, &tables, period, &template, &by)?;
            match &args.publish {
                Some(name) => {
                    check.wait()?;
                    let (kept, id) = publish::publish(&ws, &page, name, &by)?;
                    eprintln!("Published {} as \"{name}\" (id {id}).", kept.period);
                    kept
                }
                None => page,
            }
        }
    };
    let Some(out) = &args.out else {
        check.finish()?;
        return super::print(&summary(&page));
    };
    let format = format_of(args, out)?;
    let paper = match args.paper {
        PaperArg::A4 => Paper::A4,
        PaperArg::Letter => Paper::Letter,
    };
    check.finish()?;
    let bytes = write(&page, format, paper, out)?;
    super::print(&format!(
        "Wrote the {} scorecard ({}, {}) to {}.",
        page.period,
        format.extension().to_uppercase(),
        crate::text::bytes(u64::try_from(bytes).unwrap_or(u64::MAX)),
        out.display()
    ))
}

/// The page's numbers as text.
fn summary(page: &Scorecard) -> String {
    let cur = &page.currency;
    let mut out = vec![format!(
        "Revenue scorecard {} · {} · definitions v{} · data as of {}",
        page.period,
        page.state(),
        page.footer.definitions_version,
        page.footer.as_of.as_deref().unwrap_or("—")
    )];
    for (section, lines) in [
        ("North Star", &page.north_star),
        ("Operational", &page.operational),
    ] {
        out.push(format!("{section}:"));
        for m in lines {
            out.push(format!(
                "  {:<36} {:>14}  {} {}  (was {} in {})",
                m.label,
                value_text(m.unit, m.value, cur),
                m.status.symbol(),
                m.status.word(),
                value_text(m.unit, m.previous, cur),
                m.previous_period
            ));
            if let Some(r) = &m.restated {
                out.push(format!("      {r}"));
            }
        }
    }
    out.push("Leaks by revenue at stake:".to_owned());
    for l in &page.leaks {
        out.push(format!(
            "  {:<36} {:>8} records  {}",
            l.label,
            l.count,
            l.at_stake
                .map_or_else(|| "—".to_owned(), |s| crate::text::money(s, cur))
        ));
    }
    for (section, text) in &page.comments {
        out.push(format!("{section}: {text}"));
    }
    out.push(format!("Traced: {}", page.footer.line()));
    out.join("\n")
}
