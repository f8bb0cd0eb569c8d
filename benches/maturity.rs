//! The maturity numbers of a quarter over 1,000,000 contacts, 200,000 deals and 50,000
//! accounts, from what the Funnel and Handoff leaks views already keep (the funnel's
//! contact and deal tables, the quarter's leak report), against the Funnel view's own
//! recompute of the same quarter in the same run.
//!
//! Run: `cargo bench --bench maturity`. The data is the leaks benchmark's (fixed seed).
//! Ours is the whole of the maturity's own work for 2025-Q3 as of 2025-12-31: the funnel
//! by owner it reads, the sixteen signals measured and placed on levels, each pillar's
//! evidence and stated level, the disagreements and the next move. The baseline is the
//! Funnel view's recompute of the same question (the largest part of ours).
//!
//! Not timed: building the tables and the leak report, which the views have done before
//! the maturity view asks (their own benchmarks time them), and the workspace's facts
//! (definitions versions, batches, the raw stage counts), read once from the store.
//!
//! Targets: under 200 ms, and under twice the Funnel recompute.

mod support;

use chrono::NaiveDate;
use revops_cockpit::definitions::defaults;
use revops_cockpit::definitions::fiscal::Quarter;
use revops_cockpit::leaks::{LeadTable, Records, detect_leaks_with};
use revops_cockpit::maturity::forecast::NoForecast;
use revops_cockpit::maturity::{Answers, Facts, Inputs, Model, assess, funnel_question, measure};
use revops_cockpit::metrics::contact_table::ContactTable;
use revops_cockpit::metrics::deal_table::DealTable;
use revops_cockpit::metrics::from_store::FunnelTables;
use revops_cockpit::workspace::RawStageCount;
use support::best_of;
use support::revenue_data::{ACCOUNTS, CONTACTS, DEALS, generate};

fn main() {
    let (contacts, deals, accounts) = generate();
    let defs = defaults();
    let q = Quarter {
        year: 2025,
        quarter: 3,
    };
    let as_of = revops_cockpit::leaks::as_of_time(
        NaiveDate::from_ymd_opt(2025, 12, 31).unwrap_or_default(),
    );
    let tables = FunnelTables {
        definitions_version: 1,
        contacts: ContactTable::from_contacts(&defs, &contacts),
        deals: DealTable::new(&defs, &deals),
        defs: defs.clone(),
        generation: 0,
        kept: true,
    };
    let records = Records::all(&contacts, &deals, &accounts);
    let leads = LeadTable::new(&defs, &contacts);
    let leaks = detect_leaks_with(&defs, records, &leads, q, as_of.into());
    let mut raw_stages: Vec<RawStageCount> = Vec::new();
    for d in &deals {
        let raw = d.raw_stage.clone().unwrap_or_default();
        match raw_stages.iter_mut().find(|s| s.raw_stage == raw) {
            Some(s) => s.deals += 1,
            None => raw_stages.push(RawStageCount {
                source_system: d.source_system.clone(),
                pipeline: d.pipeline.clone(),
                raw_stage: raw,
                deals: 1,
            }),
        }
    }
    let facts = Facts {
        versions: Vec::new(),
        batches: Vec::new(),
        raw_stages,
        forecast: Err(NoForecast::NoStartExport),
        // Read from the store by key in the app; the generated deals have no history.
        stage_jumps: None,
    };
    let model = Model::shipped();
    let question = funnel_question(q);
    let ours = || {
        let funnel = tables.report(&question);
        let inputs = Inputs {
            defs: &tables.defs,
            period: q,
            deals_as_of: as_of,
            tables: &tables,
            funnel: &funnel,
            leaks: &leaks,
            facts: &facts,
        };
        let signals = measure(&model, Some(&inputs));
        assess(&model, &signals, &Answers::default(), q, 1)
    };
    let report = ours();
    let measured = report
        .pillars
        .iter()
        .flat_map(|p| &p.signals)
        .filter(|s| s.value.is_some())
        .count();
    assert!(
        measured >= 12,
        "the data measures most signals ({measured})"
    );
    assert!(report.overall.is_some());
    let ours_time = best_of(7, ours);
    let funnel_time = best_of(7, || tables.report(&question));
    let ms = |d: std::time::Duration| d.as_secs_f64() * 1000.0;
    println!(
        "maturity of 2025-Q3, {CONTACTS} contacts, {DEALS} deals, {ACCOUNTS} accounts, from the kept tables and leak report:"
    );
    println!(
        "  signals measured: {measured} of {}; overall level {:?}",
        report
            .pillars
            .iter()
            .map(|p| p.signals.len())
            .sum::<usize>(),
        report.overall
    );
    println!(
        "  ours:                         {:>8.1} ms   (target: under 200 ms)",
        ms(ours_time)
    );
    println!(
        "  Funnel recompute (baseline):  {:>8.1} ms",
        ms(funnel_time)
    );
    println!(
        "  ours ÷ baseline:              {:>8.2}x   (target: under 2x)",
        ours_time.as_secs_f64() / funnel_time.as_secs_f64()
    );
}
