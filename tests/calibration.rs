//! Calibration: the base year and the IEA trajectories reproduce the facts file
//! (`../shared/data/rare-earth-facts.md`). Each tolerance is written next to its source.

use rare_earth::model::{self, CN, US};
use rare_earth::{Inputs, Projection, Scenario, Series};

fn run(preset: &str) -> Projection {
    rare_earth::project(&Scenario::from_preset(preset).unwrap()).unwrap()
}

/// Asserts `got` is within `tol_pct` percent of `want`, with a message naming the figure.
fn within_pct(what: &str, got: f64, want: f64, tol_pct: f64) {
    let err = (got - want) / want * 100.0;
    assert!(
        err.abs() <= tol_pct,
        "{what}: model {got:.1}, source {want:.1}, error {err:+.2}% (tolerance {tol_pct}%)"
    );
}

/// Asserts `got` is within `tol_pts` percentage points of `want`.
fn within_pts(what: &str, got: f64, want: f64, tol_pts: f64) {
    assert!(
        (got - want).abs() <= tol_pts,
        "{what}: model {got:.2}%, source {want:.2}%, tolerance {tol_pts} points"
    );
}

#[test]
fn base_year_mine_output_matches_usgs_2025() {
    let p = run("baseline");
    // USGS Mineral Commodity Summaries 2025 [A]: US 45,000 t REO, world 390,000 t (2024e). Tolerance 0.5%.
    within_pct(
        "US mine output 2024, t REO",
        p.value(Series::MineReoUs, 2024).unwrap(),
        45_000.0,
        0.5,
    );
    within_pct(
        "World mine output 2024, t REO",
        p.value(Series::MineReoWorld, 2024).unwrap(),
        390_000.0,
        0.5,
    );
    within_pct(
        "China mine output 2024, t REO",
        p.value(Series::MineReoCn, 2024).unwrap(),
        270_000.0,
        0.5,
    );
}

#[test]
fn base_year_magnet_rare_earth_mining_matches_iea() {
    let p = run("baseline");
    let mined: f64 = (0..4)
        .map(|r| p.value(Series::OutputMiningUs.offset(r), 2024).unwrap())
        .sum();
    // IEA Critical Minerals Data Explorer [A]: 75.1 kt magnet REE mined in 2024. Tolerance 3%.
    within_pct("Magnet REE mined 2024, t", mined, 75_100.0, 3.0);
    // IEA: China 61.0% of magnet REE mining in 2024. Tolerance 3 points.
    within_pts(
        "China share of mining 2024",
        p.value(Series::ChinaShareMining, 2024).unwrap(),
        61.0,
        3.0,
    );
}

#[test]
fn base_year_refining_shares_match_iea() {
    let p = run("baseline");
    // IEA [A]: China 91.3% of magnet REE refining (2024); ~91% of separation (Oct 2025). Tolerance 2 points.
    within_pts(
        "China share of separation 2024",
        p.value(Series::ChinaShareSeparation, 2024).unwrap(),
        91.3,
        2.0,
    );
    // Facts s.2 [C]: China ~92% of metals and alloys. Tolerance 3 points.
    within_pts(
        "China share of metal 2024",
        p.value(Series::ChinaShareMetal, 2024).unwrap(),
        92.0,
        3.0,
    );
    // IEA (Oct 2025) [B]: China 94% of permanent magnet manufacturing. Tolerance 3 points.
    within_pts(
        "China share of magnets 2024",
        p.value(Series::ChinaShareMagnet, 2024).unwrap(),
        94.0,
        3.0,
    );
}

#[test]
fn base_year_us_ndpr_oxide_matches_mp_materials() {
    let p = run("baseline");
    // MP Materials 2024 [B]: 1,294 t NdPr oxide; USGS compound and metal production 1,300 t [A]. Tolerance 5%.
    let ndpr_2024 = p.value(Series::OutputSeparationUs, 2024).unwrap();
    within_pct("US NdPr oxide 2024, t", ndpr_2024, 1_294.0, 5.0);
}

#[test]
fn iea_refining_outlook_2030_is_reproduced() {
    let p = run("baseline");
    // IEA base case [A]: China 76.0% of magnet REE refining in 2030. Tolerance 3 points.
    within_pts(
        "China share of separation 2030",
        p.value(Series::ChinaShareSeparation, 2030).unwrap(),
        76.0,
        3.0,
    );
    // IEA base case [A]: mined magnet REE 100.3 kt in 2030. Tolerance 3%.
    let mined: f64 = (0..4)
        .map(|r| p.value(Series::OutputMiningUs.offset(r), 2030).unwrap())
        .sum();
    within_pct("Magnet REE mined 2030, t", mined, 100_300.0, 3.0);
    // IEA base case [A]: US 6.7% of refining in 2030. Tolerance 1.5 points.
    let world: f64 = (0..4)
        .map(|r| p.value(Series::OutputSeparationUs.offset(r), 2030).unwrap())
        .sum();
    let us = p.value(Series::OutputSeparationUs, 2030).unwrap();
    within_pts("US share of separation 2030", us / world * 100.0, 6.7, 1.5);
}

#[test]
fn iea_demand_scenarios_are_reproduced() {
    // IEA magnet REE demand, kt [A]: (preset, 2030, 2040). Tolerance 1%.
    for (preset, d2030, d2040) in [
        ("iea_steps", 122.8, 149.6),
        ("iea_aps", 131.6, 162.7),
        ("iea_nze", 146.8, 172.4),
    ] {
        let p = run(preset);
        within_pct(
            &format!("{preset} demand 2030"),
            p.value(Series::DemandWorld, 2030).unwrap() / 1000.0,
            d2030,
            1.0,
        );
        within_pct(
            &format!("{preset} demand 2040"),
            p.value(Series::DemandWorld, 2040).unwrap() / 1000.0,
            d2040,
            1.0,
        );
    }
}

/// USGS first estimates, t REO (facts s.1 and s.3): world, China, US for 2020..=2024.
const USGS_WORLD: [f64; 5] = [240_000.0, 280_000.0, 300_000.0, 350_000.0, 390_000.0];
const USGS_CHINA: [f64; 5] = [140_000.0, 168_000.0, 210_000.0, 240_000.0, 270_000.0];
const USGS_US: [f64; 5] = [39_000.0, 42_400.0, 42_500.0, 41_600.0, 45_000.0];

#[test]
fn mining_equation_backcasts_2020_2024() {
    // The mining equation (constant growth from the 2024 figure) run backwards with each region's
    // 2020-2024 average growth must pass through the intermediate years it was not fitted to.
    // Tolerances: world 5%, US 6%, China 10% (China's quota jumped in 2022).
    let cagr = |s: &[f64; 5]| ((s[4] / s[0]).powf(0.25) - 1.0) * 100.0;
    let mut p = Inputs::defaults();
    p.mine_cn_t_reo = USGS_CHINA[4];
    p.mine_us_t_reo = USGS_US[4];
    p.mine_growth_cn_pct_per_yr = cagr(&USGS_CHINA);
    p.mine_growth_us_pct_per_yr = cagr(&USGS_US);
    // Rest of the world and allies move together: give both the world-less-China-and-US rate.
    let other: [f64; 5] = std::array::from_fn(|i| USGS_WORLD[i] - USGS_CHINA[i] - USGS_US[i]);
    p.mine_growth_allies_pct_per_yr = cagr(&other);
    p.mine_growth_row_pct_per_yr = cagr(&other);
    for (i, year) in (2020..=2024).enumerate() {
        let world: f64 = (0..4)
            .map(|r| model::mine_capacity_reo_t(&p, r, year))
            .sum();
        within_pct(
            &format!("world mine output {year}"),
            world,
            USGS_WORLD[i],
            5.0,
        );
        within_pct(
            &format!("US mine output {year}"),
            model::mine_capacity_reo_t(&p, US, year),
            USGS_US[i],
            6.0,
        );
        within_pct(
            &format!("China mine output {year}"),
            model::mine_capacity_reo_t(&p, CN, year),
            USGS_CHINA[i],
            10.0,
        );
    }
}

#[test]
fn seed_claims_that_fail_show_in_the_as_reported_preset() {
    // The seed's "15% of global production": 45 kt / world. Sourced: 11.5%; as reported: 15%.
    let base = run("baseline");
    let reported = run("as_reported");
    let share = |p: &Projection| {
        p.value(Series::MineReoUs, 2024).unwrap() / p.value(Series::MineReoWorld, 2024).unwrap()
            * 100.0
    };
    within_pts(
        "US share of world mining, baseline",
        share(&base),
        11.5,
        0.1,
    );
    within_pts(
        "US share of world mining, as reported",
        share(&reported),
        15.0,
        0.1,
    );
    // "Demand triples by 2030" against IEA's x1.35 (STEPS).
    let ratio = |p: &Projection| {
        p.value(Series::DemandWorld, 2030).unwrap() / p.value(Series::DemandWorld, 2024).unwrap()
    };
    within_pct("baseline demand ratio 2030/2024", ratio(&base), 1.35, 1.0);
    within_pct(
        "as-reported demand ratio 2030/2024",
        ratio(&reported),
        3.0,
        1.0,
    );
}
