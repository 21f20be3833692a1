//! Scenarios, the catalogue and presets: validation messages, provenance, and the allocation rule.

use rare_earth::model::{allocate, AL, CN, ROW, US};
use rare_earth::{check_value, Grade, Inputs, Scenario, PARAMS, PRESETS};

/// Checks that `scenario` is rejected with exactly the message `expect`.
fn check_error(scenario: &Scenario, expect: &str) {
    let e = rare_earth::project(scenario).unwrap_err();
    assert_eq!(e.to_string(), expect);
}

fn with(id: &str, v: f64) -> Scenario {
    let mut s = Scenario::baseline();
    s.params.insert(id.to_string(), v);
    s
}

#[test]
fn every_parameter_is_sourced_and_its_default_valid() {
    for p in PARAMS {
        assert!(!p.source.trim().is_empty(), "{} has no source", p.id);
        assert!(
            !p.label.is_empty() && !p.description.is_empty(),
            "{} lacks text",
            p.id
        );
        assert!(p.min < p.max, "{}: empty range", p.id);
        assert!(p.step > 0.0, "{}: step", p.id);
        check_value(p.id, p.default).unwrap_or_else(|e| panic!("default of {}: {e}", p.id));
        if !p.options.is_empty() {
            assert_eq!(p.min, 0.0);
            assert_eq!(
                p.max as usize,
                p.options.len() - 1,
                "{}: options and range disagree",
                p.id
            );
        }
        // Figures graded C must say how they were derived or that they are assumptions.
        if p.grade == Grade::C {
            let s = p.source.to_lowercase();
            assert!(
                ["derived", "assumption", "unsourced", "proxy", "estimate"]
                    .iter()
                    .any(|w| s.contains(w)),
                "{}: a grade-C source should say derived/assumption/proxy: {}",
                p.id,
                p.source
            );
        }
    }
    let mut ids: Vec<&str> = PARAMS.iter().map(|p| p.id).collect();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), PARAMS.len(), "duplicate parameter ids");
}

#[test]
fn presets_are_valid_and_described() {
    for p in PRESETS {
        let s = Scenario::from_preset(p.id).unwrap();
        rare_earth::project(&s).unwrap_or_else(|e| panic!("preset {}: {e}", p.id));
        assert!(
            !p.description.is_empty() && !p.sources.is_empty(),
            "preset {} lacks text",
            p.id
        );
        for (id, v) in p.values {
            check_value(id, *v).unwrap_or_else(|e| panic!("preset {}: {e}", p.id));
        }
    }
    let reported = PRESETS.iter().find(|p| p.id == "as_reported").unwrap();
    assert!(reported.claims.iter().any(|c| c.verdict == "unsourced"));
    assert!(reported.claims.iter().any(|c| c.verdict == "holds"));
}

#[test]
fn messages_name_parameter_range_and_value() {
    check_error(
        &with("refining_cost_us_usd_per_t", -5.0),
        "`refining_cost_us_usd_per_t` must be between 10000 and 200000 $/t, got -5",
    );
    check_error(
        &with("learning_rate_pct", f64::NAN),
        "`learning_rate_pct` must be a finite number, got NaN",
    );
    check_error(
        &with("ramp_years", 2.5),
        "`ramp_years` must be a whole number, got 2.5",
    );
    check_error(
        &with("oxide_per_magnet_t", 0.1),
        "`oxide_per_magnet_t` must be between 0.3 and 0.5 t/t, got 0.1",
    );
    check_error(
        &with("nope", 1.0),
        "unknown parameter `nope` (see `rare-earth params` for the list)",
    );
    let mut s = Scenario::baseline();
    s.preset = Some("moon".into());
    let e = rare_earth::project(&s).unwrap_err().to_string();
    assert!(
        e.starts_with("unknown preset `moon`; known presets: baseline, as_reported, us_push"),
        "{e}"
    );
}

#[test]
fn a_rejected_set_leaves_the_scenario_unchanged() {
    let mut s = Scenario::from_preset("us_push").unwrap();
    s.set("demand_growth_pct_per_yr", 6.4).unwrap();
    let before = s.clone();
    assert!(s.set("demand_growth_pct_per_yr", 60.0).is_err());
    assert!(s.set("stockpile_start_t", f64::INFINITY).is_err());
    assert!(s.set_text("horizon_year=soon").is_err());
    assert_eq!(s, before);
}

#[test]
fn scenario_json_round_trips_and_rejects_bad_files() {
    let mut s = Scenario::from_preset("ban_escalation").unwrap();
    s.set("recycling_target_pct", 12.5).unwrap();
    s.name = Some("Group <b>3</b>".into());
    let back = Scenario::from_json(&s.to_json()).unwrap();
    assert_eq!(back, s);
    assert_eq!(
        rare_earth::project(&back).unwrap(),
        rare_earth::project(&s).unwrap()
    );
    // Files without a schema read as the current one; an empty object is the baseline.
    assert_eq!(Scenario::from_json("{}").unwrap(), Scenario::baseline());
    assert!(Scenario::from_json(r#"{"params": {"a": "b"}}"#).is_err());
    assert!(Scenario::from_json(r#"{"params": []}"#).is_err());
    assert!(Scenario::from_json("[1,2]").is_err());
    assert!(Scenario::from_json("").is_err());
    let huge = format!(
        "{{\"notes\": \"{}\"}}",
        "x".repeat(rare_earth::scenario::MAX_SCENARIO_BYTES)
    );
    assert!(Scenario::from_json(&huge)
        .unwrap_err()
        .to_string()
        .contains("more than the 65536 allowed"));
}

#[test]
fn minimise_keeps_only_differences_from_the_preset() {
    let mut s = Scenario::from_preset("iea_aps").unwrap();
    s.set("demand_growth_pct_per_yr", 6.4).unwrap(); // the preset's own value
    s.set("ramp_years", 3.0).unwrap();
    s.minimise();
    assert_eq!(s.params.len(), 1);
    assert_eq!(s.params.get("ramp_years"), Some(&3.0));
}

#[test]
fn allocation_serves_home_first_then_shares_by_need() {
    let free = [[1.0; 4]; 4];
    // China has surplus 30; the US needs 10 and allies 20: both fully served.
    let a = allocate(
        &[0.0, 100.0, 0.0, 0.0],
        &[10.0, 70.0, 20.0, 0.0],
        &free,
        false,
    );
    assert_eq!(a.take[CN][CN], 70.0);
    assert_eq!(a.take[CN][US], 10.0);
    assert_eq!(a.take[CN][AL], 20.0);
    assert_eq!(a.unsold, 0.0);
    // Surplus 15 for needs 10 + 20: each gets half its need.
    let a = allocate(
        &[0.0, 85.0, 0.0, 0.0],
        &[10.0, 70.0, 20.0, 0.0],
        &free,
        false,
    );
    assert_eq!(a.take[CN][US], 5.0);
    assert_eq!(a.take[CN][AL], 10.0);
    // A full control on the US: its half is withheld, not redirected.
    let mut ban = free;
    ban[CN][US] = 0.0;
    let a = allocate(
        &[0.0, 85.0, 0.0, 0.0],
        &[10.0, 70.0, 20.0, 0.0],
        &ban,
        false,
    );
    assert_eq!(a.take[CN][US], 0.0);
    assert_eq!(a.take[CN][AL], 10.0);
    assert_eq!(a.withheld, 5.0);
    // Allies first: the allied surplus goes to the US before the rest of the world.
    let a = allocate(&[0.0, 0.0, 12.0, 0.0], &[10.0, 0.0, 2.0, 10.0], &free, true);
    assert_eq!(a.take[AL][US], 10.0);
    assert_eq!(a.take[AL][ROW], 0.0);
    let a = allocate(
        &[0.0, 0.0, 12.0, 0.0],
        &[10.0, 0.0, 2.0, 10.0],
        &free,
        false,
    );
    assert_eq!(a.take[AL][US], 5.0);
    assert_eq!(a.take[AL][ROW], 5.0);
}

#[test]
fn april_2025_list_hits_heavies_not_ndpr() {
    let p = Inputs::defaults();
    use rare_earth::model::{control_pass_fraction, HEAVY, NDPR};
    assert_eq!(control_pass_fraction(&p, 2024, 1, HEAVY, US), 1.0);
    assert!((control_pass_fraction(&p, 2025, 1, HEAVY, US) - 0.64).abs() < 1e-12);
    assert!((control_pass_fraction(&p, 2025, 3, HEAVY, AL) - 0.64).abs() < 1e-12);
    assert_eq!(control_pass_fraction(&p, 2025, 3, NDPR, US), 1.0);
    assert_eq!(control_pass_fraction(&p, 2025, 1, HEAVY, CN), 1.0);
}

#[test]
fn warnings_are_data_not_errors() {
    let mut s = Scenario::baseline();
    s.set("ban2_scope", 3.0).unwrap();
    s.set("ban2_start_year", 2045.0).unwrap();
    let p = rare_earth::project(&s).unwrap();
    assert!(
        p.warnings
            .iter()
            .any(|w| w.code == "control_after_horizon" && w.year == Some(2045)),
        "{:?}",
        p.warnings
    );
    let mut s = Scenario::baseline();
    s.set("magnet_cap_us_t", 5000.0).unwrap();
    s.set("projects_realised_pct", 0.0).unwrap();
    s.set("ban1_scope", 3.0).unwrap();
    s.set("ban1_severity_pct", 100.0).unwrap();
    s.set("ban1_target", 0.0).unwrap();
    s.set("ally_priority", 0.0).unwrap();
    let p = rare_earth::project(&s).unwrap();
    assert!(
        p.warnings
            .iter()
            .any(|w| w.code == "magnet_capacity_relies_on_imported_metal"),
        "{:?}",
        p.warnings
    );
}

#[test]
fn every_problem_is_reported_at_once() {
    let mut s = Scenario::baseline();
    s.params.insert("demand_growth_pct_per_yr".into(), 99.0);
    s.params.insert("stockpile_start_t".into(), -1.0);
    let e = rare_earth::project(&s).unwrap_err();
    assert_eq!(e.problems.len(), 2, "{e}");
}
