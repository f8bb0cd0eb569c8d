//! `revops-cockpit maturity [--period 2025-Q3] [--json]`,
//! `maturity answers export FILE | import FILE [--by NAME]` and `maturity framework [KEY]`.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use serde_json::json;

use super::CliError;
use crate::maturity::answers::{read_answers_file, write_answers_file};
use crate::maturity::{MaturityReport, Model, assess_workspace, stored_answers};

/// Arguments of `maturity`.
#[derive(Debug, clap::Args)]
pub struct MaturityArgs {
    /// The fiscal quarter, e.g. 2025-Q3 (default: the quarter of the latest export).
    #[arg(long, value_name = "YYYY-QN", global = true)]
    pub period: Option<String>,
    /// Print JSON.
    #[arg(long)]
    pub json: bool,
    #[command(subcommand)]
    pub command: Option<MaturityCommand>,
}

/// The `maturity` subcommands.
#[derive(Debug, clap::Subcommand)]
pub enum MaturityCommand {
    /// The team's answers to the questionnaire, as a file to fill in.
    #[command(subcommand)]
    Answers(AnswersCommand),
    /// The maturity model itself (levels, pillars, questions, signals and their cut-offs).
    #[command(subcommand)]
    Model(ModelCommand),
    /// Show the frameworks of pillars, or choose the one the workspace reads.
    Framework {
        /// six-pillars, ppdt-cadence or four-roles.
        key: Option<String>,
    },
}

/// `maturity model` subcommands.
#[derive(Debug, clap::Subcommand)]
pub enum ModelCommand {
    /// Write the model in use to FILE (TOML), to edit.
    Export { file: PathBuf },
    /// Check FILE whole and use it for this workspace from now on.
    Import { file: PathBuf },
}

/// `maturity answers` subcommands.
#[derive(Debug, clap::Subcommand)]
pub enum AnswersCommand {
    /// Write the quarter's questionnaire, with the answers given so far, to FILE.
    Export { file: PathBuf },
    /// Check FILE and make its answers the quarter's, all or nothing.
    Import {
        file: PathBuf,
        /// Who answered (default: the file's answered_by, else the login name).
        #[arg(long)]
        by: Option<String>,
    },
}

pub(super) fn run(db: &Path, args: &MaturityArgs) -> Result<ExitCode, CliError> {
    let mut ws = super::open(db)?;
    let model = crate::maturity::model_of(&ws)?;
    let defs = crate::definitions::versions::current(&ws)?.1;
    match &args.command {
        Some(MaturityCommand::Answers(AnswersCommand::Export { file })) => {
            let (period, _) = super::period_and_as_of(&ws, &defs, args.period.as_deref())?;
            let answers = stored_answers(&ws, period)?;
            write_answers_file(file, &model, period, &answers)?;
            super::print(&format!(
                "Wrote the {} questionnaire ({} of {} answered) to {}.",
                period.label(),
                answers.given.len(),
                model.questions.len(),
                file.display()
            ))
        }
        Some(MaturityCommand::Answers(AnswersCommand::Import { file, by })) => {
            let read = read_answers_file(file, &model)?;
            let period = match (read.period, args.period.as_deref()) {
                (Some(p), Some(given))
                    if Some(p) != crate::definitions::fiscal::Quarter::parse(given) =>
                {
                    return Err(format!(
                        "{} is for {}, not {given}; nothing was changed",
                        file.display(),
                        p.label()
                    )
                    .into());
                }
                (Some(p), _) => p,
                (None, given) => super::period_and_as_of(&ws, &defs, given)?.0,
            };
            let by = by
                .clone()
                .or(read.answered_by.filter(|b| !b.is_empty()))
                .or_else(|| std::env::var("USER").ok())
                .unwrap_or_else(|| "unnamed".to_owned());
            let answers: Vec<(String, String)> = read
                .given
                .iter()
                .map(|(q, a)| (q.clone(), a.key().to_owned()))
                .collect();
            ws.set_maturity_answers(&period.label(), &answers, &by, true)?;
            super::print(&format!(
                "Saved {} answers for {} from {}, answered by {by}.",
                answers.len(),
                period.label(),
                file.display()
            ))
        }
        Some(MaturityCommand::Model(ModelCommand::Export { file })) => {
            let text = ws
                .maturity_model_text()?
                .unwrap_or_else(|| include_str!("../../assets/maturity-default.toml").to_owned());
            let unwritable =
                |e: std::io::Error| format!("{}: cannot be written ({e})", file.display());
            let mut tmp = crate::export::temporary_beside(file).map_err(unwritable)?;
            std::io::Write::write_all(&mut tmp, text.as_bytes()).map_err(unwritable)?;
            tmp.persist(file).map_err(|e| unwritable(e.error))?;
            super::print(&format!("Wrote the maturity model to {}.", file.display()))
        }
        Some(MaturityCommand::Model(ModelCommand::Import { file })) => {
            let read = crate::maturity::model::read_file(file)?;
            let text = std::fs::read_to_string(file)
                .map_err(|e| format!("{}: cannot be read ({e})", file.display()))?;
            ws.set_maturity_model_text(&text)?;
            super::print(&format!(
                "The workspace now uses the maturity model in {}: {} pillars, {} questions, {} signals.",
                file.display(),
                read.framework().pillars.len(),
                read.questions.len(),
                read.signals.len()
            ))
        }
        Some(MaturityCommand::Framework { key: Some(key) }) => {
            let Some(f) = model.frameworks.iter().find(|f| f.key == *key) else {
                return Err(format!(
                    "\"{key}\" is not a framework; choose one of {}",
                    model
                        .frameworks
                        .iter()
                        .map(|f| f.key.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                )
                .into());
            };
            ws.set_maturity_framework(key)?;
            super::print(&format!("The workspace now reads maturity as {}.", f.name))
        }
        Some(MaturityCommand::Framework { key: None }) => super::print(
            &model
                .frameworks
                .iter()
                .map(|f| {
                    let mark = if f.key == model.framework { "*" } else { " " };
                    let pillars: Vec<&str> = f.pillars.iter().map(|p| p.name.as_str()).collect();
                    format!("{mark} {:<14} {}: {}", f.key, f.name, pillars.join(", "))
                })
                .collect::<Vec<_>>()
                .join("\n"),
        ),
        None => {
            let (period, _) = super::period_and_as_of(&ws, &defs, args.period.as_deref())?;
            let report = assess_workspace(&ws, &model, period)?;
            if args.json {
                return super::print(&serde_json::to_string_pretty(&to_json(&model, &report))?);
            }
            super::print(&to_text(&model, &report))
        }
    }
}

fn to_json(model: &Model, r: &MaturityReport) -> serde_json::Value {
    let level = |l: Option<u8>| json!({ "level": l, "name": l.map(|l| model.level_name(Some(l))) });
    let pillars: Vec<_> = r
        .pillars
        .iter()
        .map(|p| {
            json!({
                "pillar": p.key, "name": p.name, "owner": p.owner, "step": p.step,
                "kpi": p.kpi_name, "kpi_value": p.kpi.as_ref().and_then(|k| k.value),
                "self_level": p.self_level, "evidence_level": p.evidence_level,
                "level": p.level, "level_name": p.level.map(|l| model.level_name(Some(l))),
                "level_reason": p.level_reason, "disagreement": p.disagreement,
                "answered": p.answered, "questions": p.questions,
                "signals": p.signals.iter().map(|s| json!({
                    "name": s.key, "label": s.name, "value": s.value, "shown": s.shown,
                    "level": s.level, "basis": s.basis, "records": s.records,
                })).collect::<Vec<_>>(),
                "focus": p.focus,
            })
        })
        .collect();
    json!({
        "period": r.period, "framework": r.framework,
        "definitions_version": r.definitions_version,
        "overall": level(r.overall), "average": r.average,
        "next_move": r.next().map(|p| json!({ "pillar": p.key, "name": p.name, "focus": p.focus })),
        "answered_by": r.answered_by, "answered_at": r.answered_at,
        "pillars": pillars,
    })
}

fn to_text(model: &Model, r: &MaturityReport) -> String {
    let name = |l: Option<u8>| match l {
        Some(l) => format!("{} ({l})", model.level_name(Some(l))),
        None => "—".to_owned(),
    };
    let mut out = vec![format!(
        "Maturity {} · {} · definitions v{}",
        r.period, r.framework, r.definitions_version
    )];
    out.push(match r.overall {
        Some(_) => format!(
            "Overall: {}, capped by the weakest pillar{}",
            name(r.overall),
            r.average
                .map(|a| format!("; average {a:.1}"))
                .unwrap_or_default()
        ),
        None => "Overall: no level yet (no answers and no signal measured)".to_owned(),
    });
    if let Some(p) = r.next() {
        out.push(format!(
            "Next move: {} ({}): {}",
            p.name,
            model.level_name(p.level),
            p.focus
        ));
    }
    if r.answered_by.is_empty() {
        out.push(
            "No answers yet: export the questionnaire with `maturity answers export FILE`."
                .to_owned(),
        );
    } else {
        out.push(format!(
            "Answers by {}, {} UTC",
            r.answered_by, r.answered_at
        ));
    }
    out.push(String::new());
    out.push(format!(
        "{:<34} {:<16} {:<16} {:<16}",
        "Pillar", "Answers", "Data", "Level"
    ));
    for p in &r.pillars {
        out.push(format!(
            "{:<34} {:<16} {:<16} {:<16}",
            p.name,
            name(p.self_level),
            name(p.evidence_level),
            name(p.level)
        ));
        out.push(format!("    {} · owner {}", p.level_reason, p.owner));
        for s in &p.signals {
            let level = s
                .level
                .map_or_else(|| "—".to_owned(), |l| format!("level {l}"));
            out.push(format!(
                "    {:<52} {:>14}  {:<8} {}",
                s.name, s.shown, level, s.basis
            ));
        }
        if let Some(d) = &p.disagreement {
            out.push(format!("    ! {d}"));
        }
    }
    out.join("\n")
}
