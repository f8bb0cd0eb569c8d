//! Won deals that jumped from an early stage straight to closed-won: a deal won without
//! ever entering the later half of the open stages says the stages are not worked as
//! defined (or the CRM is updated at the end, all at once).

use crate::definitions::apply::deal_stage;
use crate::definitions::model::StageOutcome;
use crate::metrics::from_store::FunnelTables;
use crate::workspace::{Workspace, WorkspaceError};

/// The won deals of a quarter with a stage history, and those of them that jumped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StageJumps {
    /// Positions in the funnel's deal table of the won deals that never entered the
    /// later half of the open stages.
    pub jumped: Vec<usize>,
    /// How many won deals have a stage history at all (the rest cannot tell).
    pub with_history: usize,
    /// How many open stages count as early (the first half).
    pub early_stages: usize,
}

/// The stage jumps among the won deals at `won` (positions in `tables`' deal table),
/// reading their stage histories from `ws` by key.
pub fn stage_jumps(
    ws: &Workspace,
    tables: &FunnelTables,
    won: &[usize],
) -> Result<StageJumps, WorkspaceError> {
    let defs = &tables.defs;
    let open: Vec<&str> = defs
        .deal_stages
        .iter()
        .filter(|s| s.outcome == StageOutcome::Open)
        .map(|s| s.name.as_str())
        .collect();
    let early_stages = open.len() / 2;
    let keyed: Vec<(usize, i64)> = won
        .iter()
        .filter_map(|&p| tables.deals.key(p).map(|k| (p, k)))
        .collect();
    let keys: Vec<i64> = keyed.iter().map(|(_, k)| *k).collect();
    let histories = ws.stage_histories(&keys)?;
    let mut out = StageJumps {
        jumped: Vec::new(),
        with_history: 0,
        early_stages,
    };
    let mut mapped: rustc_hash::FxHashMap<Vec<u8>, Option<usize>> =
        rustc_hash::FxHashMap::default();
    let mut key = Vec::new();
    for ((position, _), history) in keyed.iter().zip(histories) {
        if history.stages.is_empty() || early_stages == 0 {
            continue;
        }
        out.with_history += 1;
        let furthest = history
            .stages
            .iter()
            .filter_map(|raw| {
                // Each distinct raw stage is mapped once: mapping normalises names and
                // scans the mappings, most of the time of thousands of entries.
                key.clear();
                crate::model::write_stage_key(
                    &mut key,
                    &history.source_system,
                    history.pipeline.as_deref(),
                    raw,
                );
                if let Some(known) = mapped.get(key.as_slice()) {
                    return *known;
                }
                let place = deal_stage(
                    defs,
                    &history.source_system,
                    history.pipeline.as_deref(),
                    raw,
                )
                .and_then(|s| open.iter().position(|o| *o == s.name));
                mapped.insert(key.clone(), place);
                place
            })
            .max();
        if furthest.is_none_or(|f| f < early_stages) {
            out.jumped.push(*position);
        }
    }
    Ok(out)
}

/// Why the stage jumps could not be measured, said as what would measure them.
pub fn unmeasured(jumps: Option<&StageJumps>) -> Option<&'static str> {
    match jumps {
        None => Some("deals won in the quarter"),
        Some(j) if j.with_history == 0 => {
            Some("a deals export with each deal's stage history (the \"Date entered\" columns)")
        }
        Some(_) => None,
    }
}
