//! Every number on a scorecard page as CSV, for finance to check: each metric with its
//! definition, period, previous value, last year, target and status; each leak ranked;
//! each pillar's level and owner. Cells that a spreadsheet would run as a formula are
//! neutralised, and the file is written whole or not at all.

use super::page::{Scorecard, change_text};

/// The CSV's columns.
pub const HEADER: [&str; 16] = [
    "section",
    "metric",
    "key",
    "definition",
    "unit",
    "period",
    "value",
    "previous_period",
    "previous",
    "change",
    "last_year_period",
    "last_year",
    "target",
    "status",
    "owner",
    "note",
];

fn number(x: Option<f64>) -> String {
    x.map_or_else(String::new, |v| {
        let text = format!("{v:.6}");
        let text = text.trim_end_matches('0').trim_end_matches('.');
        if text == "-0" {
            "0".to_owned()
        } else {
            text.to_owned()
        }
    })
}

/// The page's rows, in page order.
pub fn rows(page: &Scorecard) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    let sections = [
        ("North Star", &page.north_star),
        ("Operational", &page.operational),
    ];
    for (section, lines) in sections {
        for m in lines {
            out.push(vec![
                section.to_owned(),
                m.label.clone(),
                m.key.clone(),
                m.definition.clone(),
                m.unit.key().to_owned(),
                page.period.clone(),
                number(m.value),
                m.previous_period.clone(),
                number(m.previous),
                change_text(m.unit, m.value, m.previous, &page.currency),
                m.last_year_period.clone(),
                number(m.last_year),
                number(m.target),
                m.status.key().to_owned(),
                String::new(),
                m.restated.clone().unwrap_or_default(),
            ]);
        }
    }
    for (i, l) in page.leaks.iter().enumerate() {
        out.push(vec![
            "Leaks".to_owned(),
            format!("{}. {}", i + 1, l.label),
            l.key.clone(),
            format!(
                "{}: records flagged, of {} checked; revenue at stake in {}",
                l.handoff, l.volume, page.currency
            ),
            "count".to_owned(),
            page.period.clone(),
            l.count.to_string(),
            String::new(),
            String::new(),
            String::new(),
            String::new(),
            String::new(),
            String::new(),
            String::new(),
            String::new(),
            l.at_stake.map_or_else(String::new, |s| {
                format!(
                    "at stake {}{}",
                    if l.estimate { "≈ " } else { "" },
                    number(Some(s))
                )
            }),
        ]);
    }
    if let Some(p) = &page.pillars {
        for pl in &p.pillars {
            out.push(vec![
                "Pillar health".to_owned(),
                pl.name.clone(),
                String::new(),
                format!(
                    "Maturity level 1-5 ({}); answers {}, evidence {}",
                    p.framework,
                    level(pl.answers_level),
                    level(pl.evidence_level)
                ),
                "level".to_owned(),
                page.period.clone(),
                pl.level.map_or_else(String::new, |l| l.to_string()),
                String::new(),
                String::new(),
                String::new(),
                String::new(),
                String::new(),
                p.target_level.to_string(),
                String::new(),
                pl.owner.clone(),
                String::new(),
            ]);
        }
    }
    for (section, text) in &page.comments {
        let mut row = vec![String::new(); HEADER.len()];
        row[0] = "Actions".to_owned();
        row[1] = section.clone();
        row[5] = page.period.clone();
        row[15] = text.clone();
        out.push(row);
    }
    let mut trace = vec![String::new(); HEADER.len()];
    trace[0] = "Footer".to_owned();
    trace[1] = "Traced".to_owned();
    trace[5] = page.period.clone();
    trace[15] = page.footer.line();
    out.push(trace);
    out
}

fn level(l: Option<u8>) -> String {
    l.map_or_else(|| "—".to_owned(), |l| l.to_string())
}
