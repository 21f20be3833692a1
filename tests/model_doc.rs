//! The worked year of `docs/MODEL.md` section 10 (baseline, 2030): every figure it quotes from the
//! projection is checked here at the rounding it is quoted with, and both markets are cleared again
//! from the rounded terms the section writes down. If the model moves, this fails, and the section
//! must be redone.

use rare_earth::model::market::{clear, Curve, Term};
use rare_earth::{model, Inputs, Projection, Series};

/// (what, series, year, value as quoted, decimals quoted).
#[rustfmt::skip]
const QUOTED: &[(&str, Series, i32, f64, i32)] = &[
    // What 2029 leaves (the 2030 value of the substitution series is the share 2030 starts with).
    ("US substitution, %", Series::SubstitutionUs, 2030, 1.667, 3),
    ("NdPr stock in China", Series::StockNdprCn, 2029, 21_727.3, 1),
    ("NdPr stock outside", Series::StockNdprEx, 2029, 4_627.3, 1),
    ("Dy+Tb stock in China", Series::StockHeavyCn, 2029, 2_534.7, 1),
    ("Dy+Tb stock outside", Series::StockHeavyEx, 2029, 0.0, 1),
    ("US held concentrate 2029", Series::ConcentrateStockUs, 2029, 9_226.7, 1),
    ("US magnets 2029", Series::OutputMagnetUs, 2029, 224.3 + 9.4, 1),
    // Demand and fixed supply.
    ("US demand", Series::DemandUs, 2030, 7_107.8, 1),
    ("US NdPr demand", Series::UsDemandNdpr, 2030, 6_752.4, 1),
    ("US Dy+Tb demand", Series::UsDemandHeavy, 2030, 355.4, 1),
    ("China demand", Series::DemandCn, 2030, 85_005.5, 1),
    ("allies' demand", Series::DemandAllies, 2030, 21_684.7, 1),
    ("rest's demand", Series::DemandRow, 2030, 7_348.7, 1),
    ("recycled, world", Series::RecycledWorld, 2030, 674.4, 1),
    ("recycled, US", Series::RecycledUs, 2030, 37.8 + 2.0, 1),
    // The Dy+Tb market.
    ("Dy+Tb price in China", Series::PriceHeavyCn, 2030, 353.74, 2),
    ("Dy+Tb price outside", Series::PriceHeavyEx, 2030, 889.39, 2),
    ("Dy+Tb wedge, %", Series::WedgeHeavy, 2030, 151.4, 1),
    ("withheld", Series::Withheld, 2030, 953.7, 1),
    ("Dy+Tb stock in China, end", Series::StockHeavyCn, 2030, 2_657.2, 1),
    ("heat-resistant share, %", Series::HeatResistantShareUs, 2030, 95.20, 2),
    // The NdPr market.
    ("NdPr price in China", Series::PriceNdprCn, 2030, 56.95, 2),
    ("NdPr price outside", Series::PriceNdprEx, 2030, 56.95, 2),
    ("NdPr stock in China, end", Series::StockNdprCn, 2030, 20_729.2, 1),
    ("NdPr stock outside, end", Series::StockNdprEx, 2030, 4_406.6, 1),
    ("US separation output", Series::OutputSeparationUs, 2030, 5_256.8, 1),
    ("US idle feed", Series::UsCapacityIdle, 2030, 66.8, 1),
    // The US in 2030.
    ("US supply", Series::SupplyUs, 2030, 6_566.9, 1),
    ("US shortfall", Series::ShortfallUs, 2030, 540.9, 1),
    ("US NdPr shortfall", Series::ShortfallUsNdpr, 2030, 422.4, 1),
    ("US Dy+Tb shortfall", Series::ShortfallUsHeavy, 2030, 118.6, 1),
    ("stockpile draw", Series::StockpileDraw, 2030, 0.0, 1),
    ("US mining output", Series::OutputMiningUs, 2030, 6_105.9, 1),
    ("SS mining, %", Series::UsSelfSufficiencyMining, 2030, 85.9, 1),
    ("SS separation, %", Series::UsSelfSufficiencySeparation, 2030, 74.5, 1),
    ("US magnets", Series::OutputMagnetUs, 2030, 337.1, 1),
    ("SS magnets, %", Series::UsSelfSufficiencyMagnet, 2030, 4.74, 2),
    ("SS chain, %", Series::UsSelfSufficiencyChain, 2030, 4.74, 2),
    ("defence coverage, %", Series::UsDefenceCoverage, 2030, 100.0, 1),
    ("floor payments", Series::PublicFloor, 2030, 270.5, 1),
    ("public cost", Series::PublicCost, 2030, 270.5, 1),
    ("public cost to 2030", Series::PublicCostCumulative, 2030, 1_445.4, 1),
    // What the year teaches.
    ("capacity ordered", Series::CapacityOrderedUs, 2030, 370.0, 1),
    ("private US investment", Series::InvestPrivateUs, 2030, 25.2, 1),
    ("capacity ordered outside China", Series::CapacityOrderedExChina, 2030, 226.6 + 2_162.5 + 370.0, 0),
    ("US substitution 2031, %", Series::SubstitutionUs, 2031, 2.16, 2),
    // The years around it.
    ("SS separation 2024, %", Series::UsSelfSufficiencySeparation, 2024, 24.8, 1),
    ("SS separation 2027, %", Series::UsSelfSufficiencySeparation, 2027, 82.8, 1),
    ("SS separation 2035, %", Series::UsSelfSufficiencySeparation, 2035, 0.9, 1),
    ("Dy+Tb oxide outside 2035", Series::PriceHeavyEx, 2035, 350.0, 1),
    ("Dy+Tb oxide in China 2035", Series::PriceHeavyCn, 2035, 317.4, 1),
    ("Dy+Tb, US buyers 2035", Series::PriceHeavyUs, 2035, 830.9, 1),
    ("NdPr 2035", Series::PriceNdprCn, 2035, 58.2, 1),
    ("SS mining 2035, %", Series::UsSelfSufficiencyMining, 2035, 11.5, 1),
];

fn baseline() -> Projection {
    model::project(&Inputs::defaults())
}

/// `got` rounds to `quoted` at `decimals` places (a little slack for the rounding itself).
fn quoted(what: &str, got: f64, quoted: f64, decimals: i32) {
    let half = 0.5 * 10f64.powi(-decimals) + 1e-9;
    assert!(
        (got - quoted).abs() <= half,
        "MODEL.md quotes {what} as {quoted}, the model gives {got}"
    );
}

/// A figure recomputed from rounded inputs lands within `tol` of the one quoted.
fn by_hand(what: &str, got: f64, quoted: f64, tol: f64) {
    assert!(
        (got - quoted).abs() <= tol,
        "{what} by hand: {got}, MODEL.md quotes {quoted}"
    );
}

#[test]
fn the_quoted_series_match_the_projection() {
    let p = baseline();
    for &(what, s, year, value, decimals) in QUOTED {
        quoted(
            what,
            p.value(s, year).expect("year in range"),
            value,
            decimals,
        );
    }
    let s = &p.summary;
    quoted("us_shortfall_2030_pct", s.us_shortfall_2030_pct, 7.61, 2);
    quoted(
        "public cost to 2040",
        s.cumulative_public_cost_musd,
        2_516.0,
        0,
    );
    quoted("peak US shortfall", s.peak_us_shortfall_t, 541.0, 0);
    assert_eq!(s.peak_us_shortfall_year, Some(2030));
    let allies = |x: Series| p.value(x, 2030).expect("2030");
    let share = allies(Series::ShortfallAllies) / allies(Series::DemandAllies) * 100.0;
    quoted("allies' shortfall, %", share, 7.61, 2);
    // Section 9's warnings.
    let warned = |code: &str| {
        p.warnings
            .iter()
            .find(|w| w.code == code)
            .map(|w| (w.year, w.value))
    };
    assert_eq!(
        warned("us_concentrate_stocked"),
        Some((Some(2026), Some(3_864.0)))
    );
    assert_eq!(warned("us_plant_idled"), Some((Some(2033), Some(586.0))));
}

#[test]
fn demand_by_hand() {
    quoted("W(2030)", 90_900.0 * 1.051f64.powi(6), 122_512.4, 1);
    quoted("W(2018)", 90_900.0 * 1.051f64.powi(-6), 67_444.7, 1);
    by_hand(
        "US demand",
        122_512.4 * 0.059 * (1.0 - 0.01667),
        7_107.8,
        0.1,
    );
}

#[test]
fn the_dy_tb_market_by_hand() {
    let p = baseline();
    let cn = p.value(Series::PriceHeavyCn, 2030).expect("2030");
    let ex = p.value(Series::PriceHeavyEx, 2030).expect("2030");
    // Free trade, between $381 and $489.86.
    let free =
        (6_057.3 * 1.25 + 2_576.9 * 4.5 - 8_111.7) / (6_057.3 / 1_524.0 + 2_576.9 * 3.5 / 381.0);
    by_hand("free-trade Dy+Tb price", free, 399.90, 0.05);
    // The control: from the rounded figures a student lands within 0.1 t of the model's.
    let c_cap = (326.7f64).min(172.4 + 0.64 * 154.3) + 0.64 * 1_457.9;
    by_hand("c_cap", c_cap, 1_204.2, 0.1);
    by_hand("licensed exports", 0.64 * (154.3 + 1_457.9), 1_031.8, 0.1);
    let left = 4_856.2 + 548.4 + 2_534.7 - 1_031.8 - 4_250.3;
    by_hand("China's stock left", left, 2_657.2, 0.15);
    by_hand(
        "China's price",
        381.0 * (4.5 - 2_657.2 / 2_125.1) / 3.5,
        cn,
        0.05,
    );
    by_hand(
        "price outside",
        1_524.0 * (1.25 - 1_204.2 / 1_807.1),
        ex,
        0.1,
    );
    by_hand("US Dy+Tb", 355.4 * 1_204.2 / 1_807.1, 236.8, 0.05);
}

#[test]
fn the_ndpr_market_cleared_from_the_written_terms() {
    let p = baseline();
    let price = p.value(Series::PriceNdprCn, 2030).expect("2030");
    // The section's terms: demand, stock holders, the plants that answer the price (the US plants
    // outside the floor only with the 223.3 t of ore they bought, section 3); the rest of the
    // world's plants and MP's floor-covered plants run whatever the price.
    let mut curve = Curve::new();
    for t in [
        Term::demand(114_100.8, 50.0, 0.25),
        Term::stock(48_961.1, 50.0, 3.5),
        Term::supply(73_173.0, 39.61, 48.41, 0.0),
        Term::supply(12_851.7, 31.09, 37.99, 0.0),
        Term::supply(223.3, 49.28, 60.23, 0.0),
    ] {
        assert_eq!(curve.push(t), 0.0, "every written term answers the price");
    }
    let fixed = 11_810.1 + 21_727.3 + 4_627.3 + 5_100.0 + 5_824.8;
    let c = clear(&curve, fixed, 10.0, 250.0);
    assert_eq!(c.gap, 0.0, "cleared between the bounds");
    by_hand("NdPr price from the written terms", c.price, price, 0.01);
    // The one-line version: net demand at $50 over the slope between $50 and $60.23.
    by_hand("net demand at $50", curve.at(50.0) - fixed, 27_933.0, 0.5);
    by_hand(
        "net demand at $60.23",
        curve.at(60.23) - fixed,
        -13_173.0,
        20.0,
    );
    let p_hand = 50.0 + 27_933.0 / (570.50 + 3_427.28 + 20.39);
    quoted("p by hand", p_hand, 56.95, 2);
    by_hand(
        "US consumption",
        6_558.0 * (1.25 - 0.25 * 56.95 / 50.0),
        6_330.0,
        0.15,
    );
    by_hand(
        "US other plants",
        223.3 * (56.95 - 49.28) / 10.95,
        156.5,
        0.5,
    );
    by_hand(
        "floor payments",
        5_100.0 * (110.0 - 56.95) / 1_000.0,
        270.5,
        0.1,
    );
    // What the US plants outside the floor bought (section 3): their share at the expected
    // $54.19 with the Dy+Tb credit at the expected $811.91.
    let net = 69.0 - 0.44 / 15.7 * (811.91 - 381.0);
    by_hand("US net cash cost on expectations", net, 56.92, 0.005);
    let share = (54.19 - net * 0.9) / (net * 0.2);
    by_hand("US plants' expected run share", share * 858.6, 223.3, 0.5);
}

/// A preset, with `--set` values on top, projected.
fn run_with(preset: &str, set: &[(&str, f64)]) -> Projection {
    let mut s = rare_earth::Scenario::from_preset(preset).expect("preset");
    for (id, v) in set {
        s.set(id, *v).expect("valid lever");
    }
    rare_earth::project(&s).expect("valid scenario")
}

/// Sections 14 and 16 quote each contest preset's payoffs, and section 16 the lever sweeps: a few
/// cells of each are pinned at the rounding quoted (2030 shortfall and chain in %, two decimals;
/// money in $M, none; allies' security in %, one decimal).
#[test]
fn the_presets_and_sweeps_match_the_projection() {
    // (preset, sets, shortfall, chain, public cost, China's export revenue, forgone, security,
    // private investment outside China)
    type Case<'a> = (
        &'a str,
        &'a [(&'a str, f64)],
        f64,
        f64,
        f64,
        f64,
        f64,
        f64,
        f64,
    );
    #[rustfmt::skip]
    let cases: &[Case] = &[
        ("baseline", &[], 7.61, 4.74, 2_516.0, 18_956.0, 0.0, 92.4, 1_648.0),
        ("china_deters", &[], 4.51, 4.67, 2_865.0, 19_798.0, 944.0, 95.5, 1_393.0),
        ("tit_for_tat", &[], 51.48, 4.70, 8_433.0, 11_355.0, 977.0, 48.5, 9_657.0),
        ("allied_coordination", &[], 14.41, 4.76, 3_480.0, 14_695.0, 0.0, 94.2, 2_009.0),
        ("baseline", &[("export_quota_cut_pct", 100.0)], 53.40, 5.13, 2_698.0, 10_189.0, 0.0, 46.6, 2_510.0),
        ("baseline", &[("export_tax_pct", 100.0)], 20.39, 5.13, 1_860.0, 14_586.0, 0.0, 79.6, 2_256.0),
        ("baseline", &[("price_strategy_pct", 50.0), ("price_strategy_years", 5.0)], 4.46, 4.67, 3_258.0, 22_315.0, 3_973.0, 95.5, 1_222.0),
        ("baseline", &[("price_strategy_pct", 70.0), ("price_strategy_years", 5.0)], 4.45, 4.67, 3_060.0, 22_150.0, 2_755.0, 95.6, 1_184.0),
        ("baseline", &[("tech_ban", 2.0)], 7.86, 2.67, 2_511.0, 20_821.0, 0.0, 92.1, 2_051.0),
        ("baseline", &[("cn_domestic_priority_pct", 95.0)], 7.61, 4.74, 2_516.0, 18_956.0, 0.0, 92.4, 1_648.0),
        ("baseline", &[("tariff_cn_magnets_pct", 25.0)], 15.77, 4.74, 2_533.0, 18_582.0, 0.0, 92.7, 1_900.0),
        ("baseline", &[("tariff_cn_magnets_pct", 50.0)], 23.62, 4.79, 2_550.0, 18_255.0, 0.0, 93.0, 3_118.0),
        ("baseline", &[("tariff_cn_magnets_pct", 200.0)], 63.87, 4.82, 2_637.0, 16_352.0, 0.0, 94.6, 3_078.0),
        ("baseline", &[("invest_allies_musd", 5_000.0)], 4.94, 4.78, 2_580.0, 10_677.0, 0.0, 95.1, 1_399.0),
        ("baseline", &[("rule_cn_price_share_pct", 6.0)], 7.61, 4.74, 2_516.0, 18_956.0, 0.0, 92.4, 1_648.0),
        ("baseline", &[("rule_cn_tighten_musd", 250.0)], 51.41, 4.75, 2_689.0, 8_752.0, 0.0, 48.6, 9_927.0),
        ("baseline", &[("rule_us_support_short_pct", 10.0)], 7.61, 4.74, 2_516.0, 18_956.0, 0.0, 92.4, 1_648.0),
        ("baseline", &[("stockpile_start_t", 3_000.0)], 7.61, 4.74, 2_516.0, 18_956.0, 0.0, 92.4, 1_648.0),
        ("baseline", &[("rule_us_release_short_pct", 5.0), ("stockpile_start_t", 3_000.0)], 7.01, 4.75, 2_241.0, 18_807.0, 0.0, 93.0, 1_623.0),
        ("baseline", &[("rule_us_release_short_pct", 5.0), ("stockpile_target_t", 2_000.0), ("stockpile_refill_t_per_yr", 500.0)], 7.50, 4.74, 2_513.0, 18_906.0, 0.0, 92.5, 1_657.0),
        ("baseline", &[("stockpile_target_t", 2_000.0), ("stockpile_refill_t_per_yr", 500.0)], 7.60, 4.75, 2_705.0, 18_967.0, 0.0, 92.4, 1_682.0),
    ];
    for &(preset, set, short, chain, public, revenue, forgone, security, private) in cases {
        let s = run_with(preset, set).summary;
        let what = |x: &str| format!("{preset} {set:?}: {x}");
        quoted(
            &what("US shortfall 2030, %"),
            s.us_shortfall_2030_pct,
            short,
            2,
        );
        quoted(
            &what("US chain 2030, %"),
            s.us_chain_self_sufficiency_2030_pct,
            chain,
            2,
        );
        quoted(
            &what("public cost, $M"),
            s.cumulative_public_cost_musd,
            public,
            0,
        );
        quoted(
            &what("China's export revenue, $M"),
            s.cumulative_china_export_revenue_musd,
            revenue,
            0,
        );
        quoted(
            &what("China's revenue forgone, $M"),
            s.cumulative_china_revenue_forgone_musd,
            forgone,
            0,
        );
        quoted(
            &what("allies' security 2030, %"),
            s.allies_supply_security_2030_pct,
            security,
            1,
        );
        quoted(
            &what("private investment ex-China, $M"),
            s.cumulative_private_investment_ex_china_musd,
            private,
            0,
        );
    }
    // The tariff's revenue and the allies' money (section 16).
    let s = run_with("allied_coordination", &[]).summary;
    quoted(
        "allied coordination: tariff, $M",
        s.cumulative_us_tariff_revenue_musd,
        1_906.0,
        0,
    );
    quoted(
        "allied coordination: allied money, $M",
        s.cumulative_public_cost_allies_musd,
        2_000.0,
        0,
    );
    // tit_for_tat's price rule fires in 2028, on 2027's US share of separation.
    let t = run_with("tit_for_tat", &[]);
    let first = |code: &str| t.events.iter().find(|e| e.code == code).map(|e| e.year);
    assert_eq!(first("rule_cn_price"), Some(2028));
    assert_eq!(first("rule_cn_tighten"), Some(2028));
    assert_eq!(first("rule_us_support"), Some(2029));
    let tv = |s, y| t.value(s, y).expect("year");
    let short_2028 = tv(Series::ShortfallUs, 2028) / tv(Series::DemandUs, 2028) * 100.0;
    quoted("tit_for_tat: US shortfall 2028, %", short_2028, 21.2, 1);
    quoted(
        "tit_for_tat: US chain 2034, %",
        tv(Series::UsSelfSufficiencyChain, 2034),
        9.1,
        1,
    );
    // NdPr at the strategy's $40.50 outside China in 2028-29 and 2033-36 only.
    for y in 2025..=2040 {
        let at_strategy = (tv(Series::PriceNdprEx, y) - 40.5).abs() < 0.005;
        let quoted_years = (2028..=2029).contains(&y) || (2033..=2036).contains(&y);
        assert_eq!(
            at_strategy, quoted_years,
            "tit_for_tat: NdPr outside China in {y}"
        );
    }
    // The tariff builds US magnet capacity (section 16's table: 2030 / 2040).
    for (rate, c2030, c2040) in [
        (0.0, 340.0, 340.0),
        (25.0, 340.0, 437.0),
        (50.0, 344.0, 2_028.0),
        (100.0, 347.0, 2_206.0),
        (200.0, 347.0, 2_206.0),
    ] {
        let p = run_with("baseline", &[("tariff_cn_magnets_pct", rate)]);
        let cap = |y| p.value(Series::UsCapacityMagnet, y).expect("year");
        quoted(
            &format!("US magnet capacity 2030 at {rate}%"),
            cap(2030),
            c2030,
            0,
        );
        quoted(
            &format!("US magnet capacity 2040 at {rate}%"),
            cap(2040),
            c2040,
            0,
        );
        let chain_2034 = p.value(Series::UsSelfSufficiencyChain, 2034).expect("2034");
        let quoted_2034 = match rate as i32 {
            0 => 4.5,
            50 => 6.7,
            100 => 7.3,
            _ => chain_2034,
        };
        quoted(
            &format!("US chain 2034 at {rate}%"),
            chain_2034,
            quoted_2034,
            1,
        );
    }
    // The release rule with 3,000 t at the start: the shortfall over 2024-40 (section 16).
    for (rule, total) in [(5.0, 6_643.0), (0.0, 6_885.0)] {
        let p = run_with(
            "baseline",
            &[
                ("rule_us_release_short_pct", rule),
                ("stockpile_start_t", 3_000.0),
            ],
        );
        quoted(
            &format!("release rule {rule}%: cumulative US shortfall"),
            p.summary.cumulative_us_shortfall_t,
            total,
            0,
        );
    }
    // China's price rule never fires in the baseline at 6% or more: the US share of separation
    // peaks at 5.75% (2027).
    let p = baseline();
    quoted(
        "US idle feed 2035 (all the ore bought)",
        p.value(Series::UsCapacityIdle, 2035).expect("2035"),
        699.0,
        0,
    );
    quoted(
        "US separation capacity 2035",
        p.value(Series::UsCapacitySeparation, 2035).expect("2035"),
        6_628.0,
        0,
    );
    // What limits the US chain (section 5): metal capacity to 2034, separation on price from 2035
    // (its plants buy little ore: they do not expect the price to cover their cost).
    for y in 2024..=2040 {
        let stage = p.value(Series::UsBottleneckStage, y).expect("year");
        let cause = p.value(Series::UsBottleneckCause, y).expect("year");
        let want = if y <= 2034 { (3.0, 1.0) } else { (2.0, 4.0) };
        assert_eq!((stage, cause), want, "US bottleneck in {y}");
    }
    let share = |y| {
        let us = p.value(Series::OutputSeparationUs, y).expect("year");
        let world: f64 = (0..4)
            .map(|r| {
                p.value(Series::OutputSeparationUs.offset(r), y)
                    .expect("year")
            })
            .sum();
        us / world * 100.0
    };
    quoted("US share of separation 2027, %", share(2027), 5.75, 2);
    assert!((2025..=2040).all(|y| share(y) < 6.0));
}

/// The numbers in a table cell: `56.95 / 56.95`, `1,648`, `340 / 2,028` (thousands commas dropped).
fn cell_numbers(cell: &str) -> Vec<(f64, i32)> {
    cell.split('/')
        .map(|x| {
            let x = x.trim().replace(',', "");
            let decimals = x.split('.').nth(1).map_or(0, |d| d.len() as i32);
            (x.parse::<f64>().expect("a number"), decimals)
        })
        .collect()
}

/// Section 16's lever sweeps, every cell, as MODEL.md prints them (read from the file, so a table
/// that goes stale fails here). The levers held besides the swept one, as each table's heading says.
#[test]
fn every_lever_sweep_table_matches_the_projection() {
    let doc = include_str!("../docs/MODEL.md");
    let sweeps = &doc[doc.find("### Lever sweeps").expect("section 16")..];
    let sweeps = &sweeps[..sweeps.find("### The contest's numbers").expect("end")];
    let held = |lever: &str| -> &[(&str, f64)] {
        match lever {
            "price_strategy_pct" => &[("price_strategy_years", 5.0)],
            "rule_cn_tighten_step_pct" => &[("rule_cn_tighten_musd", 250.0)],
            "rule_us_support_musd" => &[("rule_us_support_short_pct", 5.0)],
            "rule_us_release_short_pct" => &[("stockpile_start_t", 3_000.0)],
            _ => &[],
        }
    };
    let mut tables = 0;
    let mut lines = sweeps.lines().peekable();
    while let Some(line) = lines.next() {
        let Some(rest) = line.strip_prefix("| `") else {
            continue;
        };
        let lever = &rest[..rest.find('`').expect("lever")];
        let values: Vec<f64> = line
            .split('|')
            .skip(2)
            .filter(|c| !c.trim().is_empty())
            .map(|c| cell_numbers(c)[0].0)
            .collect();
        let runs: Vec<Projection> = values
            .iter()
            .map(|&v| {
                let mut set = held(lever).to_vec();
                set.push((lever, v));
                run_with("baseline", &set)
            })
            .collect();
        lines.next(); // |---|
        while let Some(row) = lines.next_if(|l| l.starts_with('|')) {
            let cells: Vec<&str> = row.split('|').map(str::trim).collect();
            let what = cells[1];
            for (i, p) in runs.iter().enumerate() {
                let s = &p.summary;
                let v = |x: Series, y| p.value(x, y).expect("year");
                let got: Vec<f64> = match what {
                    "US chain self-sufficiency 2030, %" => {
                        vec![s.us_chain_self_sufficiency_2030_pct]
                    }
                    "US shortfall 2030, %" => vec![s.us_shortfall_2030_pct],
                    "NdPr price 2030 China / ex-China, $/kg" => {
                        vec![v(Series::PriceNdprCn, 2030), v(Series::PriceNdprEx, 2030)]
                    }
                    "NdPr price US buyers pay 2030, $/kg" => vec![v(Series::PriceNdprUs, 2030)],
                    "cumulative US public cost, $M" => vec![s.cumulative_public_cost_musd],
                    "China export revenue 2024-40, $M" => {
                        vec![s.cumulative_china_export_revenue_musd]
                    }
                    "China revenue forgone, $M" => vec![s.cumulative_china_revenue_forgone_musd],
                    "allies' supply security 2030, %" => vec![s.allies_supply_security_2030_pct],
                    "private investment ex-China 2024-40, $M" => {
                        vec![s.cumulative_private_investment_ex_china_musd]
                    }
                    "US tariff revenue 2024-40, $M" => vec![s.cumulative_us_tariff_revenue_musd],
                    "allied public cost 2024-40, $M" => vec![s.cumulative_public_cost_allies_musd],
                    "US magnet capacity 2030 / 2040, t/yr" => vec![
                        v(Series::UsCapacityMagnet, 2030),
                        v(Series::UsCapacityMagnet, 2040),
                    ],
                    other => panic!("{lever}: unknown row {other}"),
                };
                let want = cell_numbers(cells[i + 2]);
                assert_eq!(got.len(), want.len(), "{lever} {what}");
                for (g, (q, d)) in got.iter().zip(want) {
                    quoted(&format!("{lever} = {}: {what}", values[i]), *g, q, d);
                }
            }
        }
        tables += 1;
    }
    assert_eq!(tables, 15, "section 16's sweep tables");
}

/// Section 13's table: the 2030 US shortfall at each value quoted, one decimal, and the spread.
#[test]
fn the_grade_c_plug_table_matches_the_projection() {
    let doc = include_str!("../docs/MODEL.md");
    let sec = &doc[doc.find("## 13. ").expect("section 13")..doc.find("## 14. ").expect("14")];
    let mut rows = 0;
    for line in sec.lines().filter(|l| l.starts_with("| `")) {
        let cells: Vec<&str> = line.split('|').map(str::trim).collect();
        let id = cells[1].trim_matches('`');
        let mut all = Vec::new();
        for cell in &cells[3..5] {
            for pair in cell.split('·') {
                let (x, y) = pair.split_once(':').expect("value: shortfall");
                let x: f64 = x.trim().replace(',', "").parse().expect("value");
                let (y, d) = cell_numbers(y)[0];
                let got = run_with("baseline", &[(id, x)])
                    .summary
                    .us_shortfall_2030_pct;
                quoted(&format!("{id} = {x}: US shortfall 2030, %"), got, y, d);
                all.push(got);
            }
        }
        let spread = all.iter().cloned().fold(f64::MIN, f64::max)
            - all.iter().cloned().fold(f64::MAX, f64::min);
        let (q, d) = cell_numbers(cells[5])[0];
        quoted(&format!("{id}: spread"), spread, q, d);
        rows += 1;
    }
    assert_eq!(rows, 25);
}

/// Section 3's reason for the routing rule, and section 18's classroom figures.
#[test]
fn the_routing_reason_and_the_classroom_figures() {
    use rare_earth::classroom::{self, CHALLENGES};
    let chain_2032 = |set: &[(&str, f64)]| {
        run_with("baseline", set)
            .value(Series::UsSelfSufficiencyChain, 2032)
            .expect("2032")
    };
    let magnets = [("invest_magnet_musd", 1_000.0)];
    quoted("chain 2032, $1bn magnets", chain_2032(&magnets), 26.7, 1);
    let both = [
        ("invest_magnet_musd", 1_000.0),
        ("invest_separation_musd", 5_000.0),
    ];
    quoted("chain 2032, + $5bn separation", chain_2032(&both), 26.8, 1);
    // (id, start, solved, limit) as section 18 quotes them.
    let quotes = [
        ("half_by_2032", 4.63, 50.85, 4_617.0),
        ("ride_out_the_ban", 35_135.0, 23_198.0, 8_719.0),
        ("allies_first", 92.39, 93.98, 3_000.0),
        ("keep_the_lead", 76.28, 82.59, 1_664.0),
    ];
    for (ch, (id, start, solved, limit)) in CHALLENGES.iter().zip(quotes) {
        assert_eq!(ch.id, id);
        let p = rare_earth::project(&classroom::solution(ch).unwrap()).unwrap();
        let o = classroom::check(ch, &p);
        let d = |x: f64| if x > 10_000.0 { 0 } else { 2 };
        quoted(&format!("{id}: start"), o.start_value, start, d(start));
        quoted(&format!("{id}: solved"), o.goal_value, solved, d(solved));
        quoted(&format!("{id}: limit"), o.limits[0].0, limit, 0);
        assert!(o.success && o.score == 100.0, "{id}");
    }
    // The scoring example.
    let ch = classroom::challenge("half_by_2032").unwrap();
    let o = classroom::check(ch, &run_with("baseline", &magnets));
    quoted("partial score", o.score, 48.6, 1);
    let mut broke = both.to_vec();
    broke.extend([
        ("stockpile_target_t", 50_000.0),
        ("stockpile_refill_t_per_yr", 10_000.0),
    ]);
    let p = run_with("baseline", &broke);
    quoted(
        "chain 2032 with the stockpile",
        p.value(Series::UsSelfSufficiencyChain, 2032).expect("2032"),
        15.4,
        1,
    );
    let o = classroom::check(ch, &p);
    quoted("public cost over the limit", o.limits[0].0, 14_418.0, 0);
    quoted("halved score", o.score, 11.9, 1);
}
