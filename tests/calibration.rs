//! Calibration: the base year and the IEA trajectories reproduce the facts file
//! (`../shared/data/rare-earth-facts.md`). Each tolerance is written next to its source.

use rare_earth::model::{mine_base_reo, Config};
use rare_earth::{Inputs, Projection, Region, Scenario, Series};

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

fn value(p: &Projection, s: Series, year: i32) -> f64 {
    p.value(s, year).unwrap()
}

fn run_with(preset: &str, set: &[(&str, f64)]) -> Projection {
    let mut s = Scenario::from_preset(preset).unwrap();
    for (id, v) in set {
        s.set(id, *v).unwrap();
    }
    rare_earth::project(&s).unwrap()
}

#[test]
fn the_base_year_balances_at_2024_prices() {
    // 2024 runs at the 2024 prices (USGS/Argus: NdPr 44-55 $/kg, facts s.6). Its supply and
    // demand must then close: stocks may move by at most 1% of world demand per material, or the
    // base year would say prices should have moved.
    let p = run("baseline");
    let ndpr = value(&p, Series::PriceNdprCn, 2024);
    assert!((44.0..=55.0).contains(&ndpr), "NdPr 2024 price {ndpr}");
    let demand = value(&p, Series::DemandWorld, 2024);
    let st = |s: Series| value(&p, s, 2024);
    // Opening stocks are the reference cover: 6 months of China's demand, 3 outside (C).
    let ndpr_demand = demand * 0.95;
    let heavy_demand = demand * 0.05;
    let ndpr_open = ndpr_demand * (0.7 * 0.5 + 0.3 * 0.25);
    let heavy_open = heavy_demand * (0.7 * 0.5 + 0.3 * 0.25);
    let ndpr_change = st(Series::StockNdprCn) + st(Series::StockNdprEx) - ndpr_open;
    let heavy_change = st(Series::StockHeavyCn) + st(Series::StockHeavyEx) - heavy_open;
    assert!(
        ndpr_change.abs() <= 0.01 * ndpr_demand,
        "NdPr stocks moved {ndpr_change:.0} t in 2024"
    );
    assert!(
        heavy_change.abs() <= 0.01 * heavy_demand,
        "Dy+Tb stocks moved {heavy_change:.0} t in 2024"
    );
}

#[test]
fn iea_refined_supply_over_demand_is_reproduced() {
    // IEA base case [A]: refined supply / demand 89% in 2024; in 2030 87% (STEPS), 81% (APS),
    // 73% (NZE). Tolerance 3 points.
    for (preset, r2030) in [("iea_steps", 87.0), ("iea_aps", 81.0), ("iea_nze", 73.0)] {
        let p = run(preset);
        within_pts(
            &format!("{preset} refined/demand 2024"),
            value(&p, Series::RefinedSupplyToDemand, 2024),
            89.0,
            3.0,
        );
        within_pts(
            &format!("{preset} refined/demand 2030"),
            value(&p, Series::RefinedSupplyToDemand, 2030),
            r2030,
            3.0,
        );
    }
}

#[test]
fn iea_refining_outlook_2030_is_reproduced() {
    let p = run("iea_steps");
    // IEA base case [A]: China 76.0% of magnet REE refining in 2030. Tolerance 3 points.
    within_pts(
        "China share of separation 2030",
        value(&p, Series::ChinaShareSeparation, 2030),
        76.0,
        3.0,
    );
    // IEA base case [A]: mined magnet REE 100.3 kt in 2030. Tolerance 3%.
    let mined: f64 = (0..4)
        .map(|r| value(&p, Series::OutputMiningUs.offset(r), 2030))
        .sum();
    within_pct("Magnet REE mined 2030, t", mined, 100_300.0, 3.0);
    // IEA base case [A]: US 6.7% of refining in 2030. Tolerance 2 points: at the model's 2030
    // price (~$55/kg) only the floor-covered MP plant runs; Energy Fuels' plant idles at the US
    // cash cost (MODEL.md section 10).
    let world: f64 = (0..4)
        .map(|r| value(&p, Series::OutputSeparationUs.offset(r), 2030))
        .sum();
    let us = value(&p, Series::OutputSeparationUs, 2030);
    within_pts("US share of separation 2030", us / world * 100.0, 6.7, 2.0);
}

#[test]
fn the_may_2025_controls_split_the_dy_tb_market() {
    // May 2025 (facts s.4) [B]: with Dy and Tb exports cut ~74%, Europe's Dy oxide went from
    // $250-310 to $700-1,000/kg (2-4x) while China's domestic price stayed flat. The model's 2025
    // with the April list at 74% severity: the ex-China Dy+Tb price 2-4x China's, China's within
    // 20% of where it would be without controls.
    let with = run_with("baseline", &[("ban1_severity_pct", 74.0)]);
    let without = run_with("baseline", &[("ban1_scope", 0.0)]);
    let ex = value(&with, Series::PriceHeavyEx, 2025);
    let cn = value(&with, Series::PriceHeavyCn, 2025);
    let cn_free = value(&without, Series::PriceHeavyCn, 2025);
    assert!(
        (2.0..=4.0).contains(&(ex / cn)),
        "ex-China {ex:.0} / China {cn:.0} $/kg"
    );
    assert!(
        (cn / cn_free - 1.0).abs() <= 0.20,
        "China {cn:.0} vs {cn_free:.0} $/kg without controls"
    );
    // And the NdPr price, not covered by the April list, stays one price.
    let ndpr = value(&with, Series::WedgeNdpr, 2025);
    assert!(ndpr.abs() < 1e-6, "NdPr wedge {ndpr}");
}

#[test]
fn a_one_year_cut_like_2010_11_is_over_within_three_years() {
    // Sprecher et al. 2017 [A]: after China's 2010-11 export cut, the market outside China
    // recovered in about 2-3 years through substitution and non-Chinese supply. Here: China
    // withholds 40% of every form for 2027 only (its 2010 export quota cut was ~40%). The
    // ex-China price must jump in 2027 and be back within 10% of the no-cut path by 2030, with
    // ex-China buyers getting at least 95% of what they would have.
    let cut = run_with(
        "baseline",
        &[
            ("ban2_scope", 3.0),
            ("ban2_start_year", 2027.0),
            ("ban2_duration_yr", 1.0),
            ("ban2_severity_pct", 40.0),
        ],
    );
    let base = run("baseline");
    let jump = value(&cut, Series::PriceHeavyEx, 2027) / value(&base, Series::PriceHeavyEx, 2027);
    assert!(
        jump > 1.3,
        "the cut barely moved the ex-China Dy+Tb price: x{jump:.2}"
    );
    for s in [Series::PriceNdprEx, Series::PriceHeavyEx] {
        let r = value(&cut, s, 2030) / value(&base, s, 2030);
        assert!(
            (r - 1.0).abs() <= 0.10,
            "{s:?} 2030: {r:.3} of the no-cut path"
        );
    }
    let supplied = |p: &Projection, y| {
        value(p, Series::SupplyUs, y) + value(p, Series::DemandAllies, y)
            - value(p, Series::ShortfallAllies, y)
    };
    let r = supplied(&cut, 2030) / supplied(&base, 2030);
    assert!(
        r >= 0.95,
        "ex-China buyers got {r:.3} of the no-cut path in 2030"
    );
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
    let c = Config::new(&p);
    let mine = |r: Region, year: i32| mine_base_reo(&c, r, year - 2024);
    for (i, year) in (2020..=2024).enumerate() {
        let world: f64 = Region::ALL.iter().map(|&r| mine(r, year)).sum();
        within_pct(
            &format!("world mine output {year}"),
            world,
            USGS_WORLD[i],
            5.0,
        );
        within_pct(
            &format!("US mine output {year}"),
            mine(Region::Us, year),
            USGS_US[i],
            6.0,
        );
        within_pct(
            &format!("China mine output {year}"),
            mine(Region::China, year),
            USGS_CHINA[i],
            10.0,
        );
    }
}

#[test]
fn the_as_reported_world_is_scarcer_than_the_sourced_one() {
    // The seed's figures (demand tripling by 2030, cheaper refining everywhere) describe a much
    // tighter market than the sources: its 2030 price and US shortfall must be far above the
    // baseline's. A behaviour check, not a calibration.
    let base = run("baseline");
    let reported = run("as_reported");
    assert!(
        reported.summary.price_ndpr_ex_2030_usd_per_kg
            > 1.5 * base.summary.price_ndpr_ex_2030_usd_per_kg
    );
    assert!(reported.summary.us_shortfall_2030_pct > 3.0 * base.summary.us_shortfall_2030_pct);
}

#[test]
fn the_2024_price_deters_new_plants_outside_china() {
    // Benchmark (early 2024, facts s.6): no ex-China project earns 15% at $54/kg NdPr. Firms
    // outside China and the US, deciding in 2025 on 2024-25 prices ($50-51/kg), order almost
    // nothing: under 5% of what they order when new projects cost what Lynas' running plants do
    // (25 t/yr against 1,188 when written).
    let ex_us = |p: &Projection, y: i32| {
        value(p, Series::CapacityOrderedExChina, y) - value(p, Series::CapacityOrderedUs, y)
    };
    let base = run("baseline");
    let price = value(&base, Series::PriceNdprEx, 2025);
    assert!(price <= 55.0, "NdPr outside China 2025: {price}");
    let cheap = run_with("baseline", &[("new_project_cost_ex_usd_per_t", 45_000.0)]);
    let (now, if_cheap) = (ex_us(&base, 2025), ex_us(&cheap, 2025));
    assert!(
        now <= 0.05 * if_cheap,
        "allied and rest-of-world orders in 2025: {now:.0} t/yr (at the running cost: {if_cheap:.0})"
    );
}
