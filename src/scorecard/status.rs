//! A metric's status against its target, as a word and a symbol as well as a colour, so
//! a black-and-white print still reads: on track (at or past the target), at risk
//! (short of it by no more than 10% of it), off track (further short), no target, no
//! data.

use serde::{Deserialize, Serialize};

use super::catalogue::Better;

/// How far short of the target still counts as at risk, as a share of the target.
pub const AT_RISK_WITHIN: f64 = 0.10;

/// A metric's status.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    OnTrack,
    AtRisk,
    OffTrack,
    NoTarget,
    NoData,
}

impl Status {
    /// The word printed beside the symbol.
    pub fn word(self) -> &'static str {
        match self {
            Self::OnTrack => "On track",
            Self::AtRisk => "At risk",
            Self::OffTrack => "Off track",
            Self::NoTarget => "No target",
            Self::NoData => "No data",
        }
    }

    /// The key the CSV writes.
    pub fn key(self) -> &'static str {
        match self {
            Self::OnTrack => "on_track",
            Self::AtRisk => "at_risk",
            Self::OffTrack => "off_track",
            Self::NoTarget => "no_target",
            Self::NoData => "no_data",
        }
    }

    /// The symbol, for plain text (the page draws the same shapes).
    pub fn symbol(self) -> &'static str {
        match self {
            Self::OnTrack => "●",
            Self::AtRisk => "▲",
            Self::OffTrack => "◆",
            Self::NoTarget => "○",
            Self::NoData => "–",
        }
    }
}

/// The status of `value` against `target` for a metric where `better` is better.
pub fn status(value: Option<f64>, target: Option<f64>, better: Better) -> Status {
    let Some(value) = value else {
        return Status::NoData;
    };
    let Some(target) = target else {
        return Status::NoTarget;
    };
    // How far past the target the value is, in the metric's better direction; a hair of
    // tolerance so a value typed as exactly the edge (90% of 40%) lands on it.
    let ahead = match better {
        Better::Higher => value - target,
        Better::Lower => target - value,
    };
    let slack = target.abs() * 1e-9;
    if ahead >= -slack {
        Status::OnTrack
    } else if ahead >= -(AT_RISK_WITHIN * target.abs()) - slack {
        Status::AtRisk
    } else {
        Status::OffTrack
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_edges_of_the_rule_fall_on_the_kinder_side() {
        let t = Some(0.40);
        let s = |v: f64| status(Some(v), t, Better::Higher);
        assert_eq!(s(0.40), Status::OnTrack);
        assert_eq!(s(0.55), Status::OnTrack);
        assert_eq!(s(0.3999), Status::AtRisk);
        assert_eq!(s(0.36), Status::AtRisk);
        assert_eq!(s(0.3599), Status::OffTrack);
        let lower = |v: f64| status(Some(v), Some(60.0), Better::Lower);
        assert_eq!(lower(60.0), Status::OnTrack);
        assert_eq!(lower(66.0), Status::AtRisk);
        assert_eq!(lower(66.01), Status::OffTrack);
        assert_eq!(status(None, t, Better::Higher), Status::NoData);
        assert_eq!(status(Some(0.1), None, Better::Higher), Status::NoTarget);
    }
}
