//! The classroom (issue 13, model half): challenges checked by the model, the two-team match
//! (one team's US and allied levers with the other's Chinese ones) and the class gallery's
//! table. Pure like the model: scenarios in, numbers out; the wording a student reads lives in
//! the string tables and `docs/teaching/`.

use crate::insight::headlines;
use crate::output::{Projection, Series, SERIES};
use crate::params::{Group, Inputs, PARAMS};
use crate::scenario::{Scenario, ScenarioError};

/// A condition on one figure: `measure` at least `target` (at most, when `at_most`).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Goal {
    /// A headline id or `series@year` ([`crate::insight::Measure::parse`]).
    pub measure: &'static str,
    pub target: f64,
    pub at_most: bool,
}

impl Goal {
    /// The measure's value in `p` (NaN for an unknown id or a year outside the projection); the
    /// same reading as [`crate::insight::Measure::parse`] and [`crate::insight::Measure::of`],
    /// without a general integer parser (the wasm module carries this function: ~1 KB less).
    pub fn value(&self, p: &Projection) -> f64 {
        let found = match self.measure.split_once('@') {
            Some((id, year)) => {
                let year = year.bytes().try_fold(0i32, |y, b| {
                    b.is_ascii_digit()
                        .then(|| y.saturating_mul(10).saturating_add(i32::from(b - b'0')))
                });
                let s = SERIES.iter().position(|s| s.id == id);
                s.zip(year).and_then(|(s, y)| p.value(Series(s), y))
            }
            None => headlines()
                .find(|(id, _)| *id == self.measure)
                .map(|(_, f)| f(&p.summary)),
        };
        found.unwrap_or(f64::NAN)
    }

    pub fn met_by(&self, v: f64) -> bool {
        if self.at_most {
            v <= self.target
        } else {
            v >= self.target
        }
    }
}

/// A goal with limits, for one side, from a starting preset.
#[derive(Clone, Copy, Debug)]
pub struct Challenge {
    pub id: &'static str,
    /// `us` or `china`: the side whose levers the student moves (the match's teams).
    pub side: &'static str,
    pub preset: &'static str,
    pub goal: Goal,
    /// Conditions that must hold as well (a budget, a cost to accept).
    pub limits: &'static [Goal],
}

/// The ready-made challenges of the lesson (`docs/teaching/`). Each is solvable: the answer key
/// (`rare-earth answer-key`) shows a scenario that meets it, and a test checks that it does.
pub static CHALLENGES: &[Challenge] = &[
    Challenge {
        id: "half_by_2032",
        side: "us",
        preset: "baseline",
        goal: Goal {
            measure: "us_self_sufficiency_chain_pct@2032",
            target: 50.0,
            at_most: false,
        },
        limits: &[Goal {
            measure: "cumulative_public_cost_musd",
            target: 10_000.0,
            at_most: true,
        }],
    },
    Challenge {
        id: "ride_out_the_ban",
        side: "us",
        preset: "ban_escalation",
        goal: Goal {
            measure: "cumulative_us_shortfall_t",
            target: 25_000.0,
            at_most: true,
        },
        limits: &[Goal {
            measure: "cumulative_public_cost_musd",
            target: 9_000.0,
            at_most: true,
        }],
    },
    Challenge {
        id: "allies_first",
        side: "us",
        preset: "baseline",
        goal: Goal {
            measure: "allies_supply_security_2030_pct",
            target: 93.5,
            at_most: false,
        },
        limits: &[Goal {
            measure: "cumulative_public_cost_allies_musd",
            target: 3_000.0,
            at_most: true,
        }],
    },
    Challenge {
        id: "keep_the_lead",
        side: "china",
        preset: "us_push",
        goal: Goal {
            measure: "china_share_separation_2030_pct",
            target: 80.0,
            at_most: false,
        },
        limits: &[Goal {
            measure: "cumulative_china_revenue_forgone_musd",
            target: 3_000.0,
            at_most: true,
        }],
    },
];

/// The challenges' ids, in [`CHALLENGES`]' order: what a link's `challenge` accepts (a test
/// keeps the two lists equal).
pub static CHALLENGE_IDS: &[&str] = &[
    "half_by_2032",
    "ride_out_the_ban",
    "allies_first",
    "keep_the_lead",
];

/// One worked solution per challenge (the answer key's): the levers to set from the preset.
pub static SOLUTIONS: &[(&str, &[(&str, f64)])] = &[
    ("half_by_2032", &[("invest_magnet_musd", 2_100.0)]),
    (
        "ride_out_the_ban",
        &[
            ("invest_magnet_musd", 4_000.0),
            ("invest_separation_musd", 2_000.0),
            ("invest_start_year", 2_025.0),
        ],
    ),
    ("allies_first", &[("invest_allies_musd", 3_000.0)]),
    (
        "keep_the_lead",
        &[("price_strategy_pct", 80.0), ("price_strategy_years", 5.0)],
    ),
];

/// The worked solution of a challenge, as a scenario.
pub fn solution(ch: &Challenge) -> Result<Scenario, ScenarioError> {
    let mut s = Scenario::from_preset(ch.preset)?;
    if let Some((_, sets)) = SOLUTIONS.iter().find(|(id, _)| *id == ch.id) {
        for (id, v) in *sets {
            s.set(id, *v)?;
        }
    }
    Ok(s)
}

pub fn challenge(id: &str) -> Option<&'static Challenge> {
    CHALLENGES.iter().find(|c| c.id == id)
}

/// How a projection does against a challenge.
#[derive(Clone, Debug, PartialEq)]
pub struct Outcome {
    pub goal_value: f64,
    /// The goal's value in the challenge's starting preset.
    pub start_value: f64,
    pub goal_met: bool,
    /// Each limit's value and whether it holds.
    pub limits: Vec<(f64, bool)>,
    /// Met: the goal and every limit.
    pub success: bool,
    /// 0-100: how far the goal moved from the start towards the target, halved while a limit
    /// is broken; 100 only on success.
    pub score: f64,
}

/// Checks projection `p` against `ch`.
pub fn check(ch: &Challenge, p: &Projection) -> Outcome {
    let start = Scenario::from_preset(ch.preset)
        .and_then(|s| crate::project(&s))
        .map_or(f64::NAN, |sp| ch.goal.value(&sp));
    let v = ch.goal.value(p);
    let goal_met = ch.goal.met_by(v);
    let limits: Vec<(f64, bool)> = ch
        .limits
        .iter()
        .map(|l| {
            let lv = l.value(p);
            (lv, l.met_by(lv))
        })
        .collect();
    let limits_ok = limits.iter().all(|l| l.1);
    let success = goal_met && limits_ok;
    let progress = if goal_met {
        1.0
    } else {
        let span = ch.goal.target - start;
        if span.abs() > 1e-12 && v.is_finite() {
            crate::num::clamp((v - start) / span, 0.0, 1.0)
        } else {
            0.0
        }
    };
    let score = if success {
        100.0
    } else {
        let s = (progress * 100.0).min(99.0);
        if limits_ok {
            s
        } else {
            s / 2.0
        }
    };
    Outcome {
        goal_value: v,
        start_value: start,
        goal_met,
        limits,
        success,
        score,
    }
}

/// True for the levers China's team holds in a match: its export controls, its contest levers
/// and its reaction rules. Everything else (costs, investment, US and allied levers, the US's
/// rules, stockpile and recycling, and the scenario's assumptions) is the US team's.
pub fn china_side(id: &str) -> bool {
    PARAMS.iter().any(|p| {
        p.id == id
            && match p.group {
                Group::ChinaLevers => true,
                Group::Trade => p.id.starts_with("ban1_") || p.id.starts_with("ban2_"),
                Group::Reactions => p.id.starts_with("rule_cn_"),
                _ => false,
            }
    })
}

/// The levers a team moves (`us` or `china`): the ones the other team's link locks.
pub fn side_levers(side: &str) -> Vec<&'static str> {
    PARAMS
        .iter()
        .filter(|p| china_side(p.id) == (side == "china"))
        .filter(|p| p.group != Group::BaseYear)
        .map(|p| p.id)
        .collect()
}

/// The two-team match: the US team's scenario with China's levers taken from the China team's.
/// The US team's preset is the common start; what the China team changed outside its own levers
/// is ignored (returned, by id, so the page can say so).
pub fn combine(
    us: &Scenario,
    china: &Scenario,
) -> Result<(Scenario, Vec<&'static str>), ScenarioError> {
    let us_in = us.resolve()?;
    let cn_in = china.resolve()?;
    let base: Inputs = us.preset_inputs()?;
    let mut out = Scenario {
        name: match (&us.name, &china.name) {
            (Some(a), Some(b)) => Some(format!("{a} vs {b}")),
            (a, b) => a.clone().or_else(|| b.clone()),
        },
        notes: None,
        ..Scenario::from_preset(us.preset.as_deref().unwrap_or("baseline"))?
    };
    let mut ignored = Vec::new();
    for p in PARAMS {
        let (Some(u), Some(c), Some(b)) = (us_in.get(p.id), cn_in.get(p.id), base.get(p.id)) else {
            continue;
        };
        let v = if china_side(p.id) {
            c
        } else {
            if china.params.get(p.id).is_some() && c != u {
                ignored.push(p.id);
            }
            u
        };
        if v != b {
            out.params.insert(p.id.to_string(), v);
        }
    }
    out.resolve()?;
    Ok((out, ignored))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::insight::Measure;

    #[test]
    fn a_goal_reads_its_measure_as_insight_does() {
        let p = crate::project(&Scenario::from_preset("us_push").unwrap()).unwrap();
        for m in [
            "us_self_sufficiency_chain_pct@2032",
            "us_self_sufficiency_chain_pct@2024",
            "shortfall_us_t@2040",
            "cumulative_us_shortfall_t",
            "allies_supply_security_2030_pct",
            "china_share_separation_2030_pct",
        ] {
            let g = Goal {
                measure: m,
                target: 0.0,
                at_most: false,
            };
            assert_eq!(g.value(&p), Measure::parse(m).unwrap().of(&p), "{m}");
        }
        for bad in [
            "nope",
            "nope@2030",
            "shortfall_us_t@1990",
            "shortfall_us_t@20x0",
            "shortfall_us_t@",
            "shortfall_us_t@99999999999",
        ] {
            let g = Goal {
                measure: bad,
                target: 0.0,
                at_most: false,
            };
            assert!(g.value(&p).is_nan(), "{bad}");
        }
        for c in CHALLENGES {
            assert!(c.goal.value(&p).is_finite(), "{}", c.id);
            assert!(c.limits.iter().all(|l| l.value(&p).is_finite()), "{}", c.id);
        }
    }

    #[test]
    fn the_challenge_ids_list_every_challenge_in_order() {
        let ids: Vec<&str> = CHALLENGES.iter().map(|c| c.id).collect();
        assert_eq!(ids, CHALLENGE_IDS);
        for id in CHALLENGE_IDS {
            assert!(challenge(id).is_some());
            assert!(
                SOLUTIONS.iter().any(|(s, _)| s == id),
                "{id} has a worked solution"
            );
        }
    }

    #[test]
    fn the_sides_split_every_lever_once() {
        assert!(china_side("price_strategy_pct"));
        assert!(china_side("ban1_severity_pct"));
        assert!(china_side("rule_cn_tighten_musd"));
        assert!(!china_side("tariff_cn_magnets_pct"));
        assert!(!china_side("rule_us_support_musd"));
        assert!(!china_side("ally_priority"));
        assert!(!china_side("invest_separation_musd"));
        let (us, cn) = (side_levers("us"), side_levers("china"));
        assert!(us.iter().all(|id| !cn.contains(id)));
        assert_eq!(cn.len(), 10 + 13 + 3, "{cn:?}");
    }
}
