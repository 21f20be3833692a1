//! Uncertainty and insight (issue 8): bands are ordered and hold the deterministic run, seeded
//! draws repeat, goal seek's answers meet their targets, attributions add up.

use rare_earth::insight::{self, Measure, Seek};
use rare_earth::{Inputs, Scenario, Series};

fn inputs(preset: &str) -> Inputs {
    Scenario::from_preset(preset).unwrap().resolve().unwrap()
}

const MAIN: [Series; 4] = [
    Series::UsSelfSufficiencyChain,
    Series::ShortfallUs,
    Series::PriceNdprCn,
    Series::PriceNdprEx,
];

#[test]
fn bands_are_ordered_and_hold_the_default_run() {
    let x = inputs("baseline");
    let b = insight::bands(&x, &[], 400, 7, &MAIN);
    let det = rare_earth::model::project(&x);
    assert_eq!(b.runs, 400);
    assert!(b.varied.len() > 25, "{} parameters varied", b.varied.len());
    for (s, pct) in &b.series {
        for yi in 0..b.years.len() {
            let q: Vec<f64> = pct.iter().map(|p| p[yi]).collect();
            assert!(
                q.windows(2).all(|w| w[0] <= w[1]),
                "{s:?} {}: {q:?}",
                b.years[yi]
            );
            let v = det.series(*s)[yi];
            assert!(
                q[0] - 1e-9 <= v && v <= q[4] + 1e-9,
                "{s:?} {}: deterministic {v} outside the 90% band {q:?}",
                b.years[yi]
            );
        }
    }
    for (id, q) in &b.headlines {
        assert!(q.windows(2).all(|w| w[0] <= w[1]), "{id}: {q:?}");
    }
    // The 90% band of the 2030 US chain self-sufficiency has width: the figure is uncertain.
    let ss = &b
        .headlines
        .iter()
        .find(|h| h.0 == "us_chain_self_sufficiency_2030_pct")
        .unwrap()
        .1;
    assert!(ss[4] - ss[0] > 0.5, "{ss:?}");
}

#[test]
fn the_same_seed_gives_the_same_bands_and_moved_levers_stay_fixed() {
    let x = inputs("us_push");
    let a = insight::bands(&x, &["demand_growth_pct_per_yr"], 60, 42, &MAIN);
    let b = insight::bands(&x, &["demand_growth_pct_per_yr"], 60, 42, &MAIN);
    let c = insight::bands(&x, &["demand_growth_pct_per_yr"], 60, 43, &MAIN);
    assert_eq!(a.series, b.series);
    assert_ne!(a.series, c.series);
    assert!(a.varied.iter().all(|v| v.0 != "demand_growth_pct_per_yr"));
    assert!(insight::bands(&x, &[], 1, 42, &MAIN)
        .varied
        .iter()
        .any(|v| v.0 == "demand_growth_pct_per_yr"));
}

#[test]
fn the_tornado_ranks_by_swing_and_moves_the_figure() {
    let x = inputs("baseline");
    let m = Measure::parse("us_chain_self_sufficiency_2030_pct").unwrap();
    let bars = insight::tornado(&x, &m);
    assert!(bars.windows(2).all(|w| w[0].swing() >= w[1].swing()));
    assert!(bars[0].swing() > 1.0, "{:?}", bars[0]);
    // Levers that cannot act on a 2030 figure do not swing it.
    let late = bars
        .iter()
        .find(|b| b.id == "recycling_target_year")
        .unwrap();
    assert!(late.swing() < bars[0].swing());
}

#[test]
fn goal_seek_answers_meet_their_targets() {
    let x = inputs("baseline");
    let m = Measure::parse("us_self_sufficiency_chain_pct@2032").unwrap();
    for (lever, target) in [
        ("invest_magnet_musd", 20.0),
        ("metal_cap_us_t", 30.0),
        ("invest_separation_musd", 50.0),
    ] {
        match insight::seek(&x, lever, &m, target, false).unwrap() {
            Seek::Reached { value, achieved } => {
                assert!(achieved >= target, "{lever}={value}: {achieved}");
                let mut y = x.clone();
                y.set_unchecked(lever, value);
                assert_eq!(m.of(&rare_earth::model::project(&y)), achieved);
            }
            Seek::Unreachable { value, achieved } => {
                assert!(achieved < target, "{lever}={value}: {achieved}");
            }
        }
    }
    // A target nothing reaches says so, with the best the range gives.
    let never = insight::seek(&x, "learning_rate_pct", &m, 101.0, false).unwrap();
    assert!(matches!(never, Seek::Unreachable { achieved, .. } if achieved <= 100.0));
    // "At most": the shortfall in 2030 brought down by allied investment.
    let short = Measure::parse("us_shortfall_2030_pct").unwrap();
    if let Seek::Reached { achieved, .. } =
        insight::seek(&x, "invest_allies_musd", &short, 7.0, true).unwrap()
    {
        assert!(achieved <= 7.0);
    }
}

#[test]
fn attributions_sum_to_the_difference() {
    let m = Measure::parse("us_chain_self_sufficiency_2030_pct").unwrap();
    for preset in ["us_push", "allied_coordination", "tit_for_tat", "iea_nze"] {
        let a = insight::attribute(&inputs("baseline"), &inputs(preset), &m, 1);
        let sum: f64 = a.parts.iter().map(|p| p.1).sum();
        assert!(
            (sum - (a.to - a.from)).abs() <= 1e-9 * (1.0 + a.to.abs()),
            "{preset}: parts {sum} vs {}",
            a.to - a.from
        );
        assert!(!a.parts.is_empty());
    }
}

fn cli(args: &[&str]) -> (i32, String, String) {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_rare-earth"))
        .args(args)
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

#[test]
fn the_cli_gives_the_library_numbers() {
    // The same seed, the same bands; the scenario's own settings held.
    let args = [
        "mc",
        "--preset",
        "us_push",
        "--set",
        "lead_time_yr=4",
        "--runs",
        "40",
        "--seed",
        "9",
        "--format",
        "json",
    ];
    let (code, a, _) = cli(&args);
    assert_eq!(code, 0);
    assert_eq!(a, cli(&args).1);
    let v: serde_json::Value = serde_json::from_str(&a).unwrap();
    assert_eq!(v["held"], serde_json::json!(["lead_time_yr"]));
    let mut x = inputs("us_push");
    x.set_unchecked("lead_time_yr", 4.0);
    let lib = insight::bands(&x, &["lead_time_yr"], 40, 9, &[Series::ShortfallUs]);
    let p50 = &v["series"]["shortfall_us_t"]["p50"];
    for (yi, want) in lib.series[0].1[2].iter().enumerate() {
        assert_eq!(p50[yi].as_f64().unwrap(), *want);
    }
    // Goal seek's answer, run again, reaches what it says.
    let (code, out, _) = cli(&[
        "seek",
        "--lever",
        "invest_magnet_musd",
        "--target",
        "40",
        "--measure",
        "us_self_sufficiency_chain_pct@2032",
        "--format",
        "json",
    ]);
    assert_eq!(code, 0);
    let s: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(s["reached"], true);
    let value = s["value"].as_f64().unwrap();
    let (_, run, _) = cli(&[
        "run",
        "--set",
        &format!("invest_magnet_musd={value}"),
        "--format",
        "json",
    ]);
    let r: serde_json::Value = serde_json::from_str(&run).unwrap();
    let got = r["series"]["us_self_sufficiency_chain_pct"][2032 - 2024]
        .as_f64()
        .unwrap();
    assert!(
        got >= 40.0 && got == s["achieved"].as_f64().unwrap(),
        "{got}"
    );
    // Bad values name the option and its range.
    let (code, _, err) = cli(&["mc", "--runs", "0"]);
    assert_eq!(code, 2);
    assert!(
        err.contains("`--runs` must be a whole number from 1 to 100000"),
        "{err}"
    );
    let (code, _, err) = cli(&["tornado", "--measure", "nope"]);
    assert_eq!(code, 2);
    assert!(err.contains("unknown measure `nope`"), "{err}");
}

/// `SUMMARY_FIELDS` is the one list of the summary's fields the insight tools and the bindings
/// read: it must name every field serde writes, in the same order, with the same value, for the
/// baseline and a preset where the optional years are set.
#[test]
fn summary_fields_match_the_json_summary() {
    use rare_earth::{Figure, SUMMARY_FIELDS};
    for preset in ["baseline", "allied_coordination", "ban_escalation"] {
        let p = rare_earth::project(&Scenario::from_preset(preset).unwrap()).unwrap();
        let json = serde_json::to_value(&p.summary).unwrap();
        let obj = json.as_object().unwrap();
        let keys: Vec<&str> = obj.keys().map(String::as_str).collect();
        let ids: Vec<&str> = SUMMARY_FIELDS.iter().map(|f| f.0).collect();
        let mut sorted_ids = ids.clone();
        sorted_ids.sort_unstable();
        let mut sorted_keys = keys.clone();
        sorted_keys.sort_unstable();
        assert_eq!(
            sorted_ids, sorted_keys,
            "{preset}: SUMMARY_FIELDS against serde's fields"
        );
        for (id, f) in SUMMARY_FIELDS {
            let want = &obj[*id];
            match f {
                Figure::Value(f) => {
                    assert_eq!(want.as_f64(), Some(f(&p.summary)), "{preset}: {id}")
                }
                Figure::Year(f) => match f(&p.summary) {
                    Some(y) => assert_eq!(want.as_i64(), Some(i64::from(y)), "{preset}: {id}"),
                    None => assert!(want.is_null(), "{preset}: {id} should be null"),
                },
            }
        }
    }
}
