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
    ("US substitution, %", Series::SubstitutionUs, 2030, 1.644, 3),
    ("NdPr stock in China", Series::StockNdprCn, 2029, 22_433.1, 1),
    ("NdPr stock outside", Series::StockNdprEx, 2029, 4_777.6, 1),
    ("Dy+Tb stock in China", Series::StockHeavyCn, 2029, 2_546.1, 1),
    ("Dy+Tb stock outside", Series::StockHeavyEx, 2029, 0.0, 1),
    ("US magnets 2029", Series::OutputMagnetUs, 2029, 224.3 + 9.7, 1),
    // Demand and fixed supply.
    ("US demand", Series::DemandUs, 2030, 7_109.4, 1),
    ("US NdPr demand", Series::UsDemandNdpr, 2030, 6_753.9, 1),
    ("US Dy+Tb demand", Series::UsDemandHeavy, 2030, 355.5, 1),
    ("China demand", Series::DemandCn, 2030, 85_022.9, 1),
    ("allies' demand", Series::DemandAllies, 2030, 21_689.6, 1),
    ("rest's demand", Series::DemandRow, 2030, 7_350.4, 1),
    ("recycled, world", Series::RecycledWorld, 2030, 674.4, 1),
    ("recycled, US", Series::RecycledUs, 2030, 37.8 + 2.0, 1),
    // The Dy+Tb market.
    ("Dy+Tb price in China", Series::PriceHeavyCn, 2030, 351.82, 2),
    ("Dy+Tb price outside", Series::PriceHeavyEx, 2030, 874.23, 2),
    ("Dy+Tb wedge, %", Series::WedgeHeavy, 2030, 148.5, 1),
    ("withheld", Series::Withheld, 2030, 946.7, 1),
    ("Dy+Tb stock in China, end", Series::StockHeavyCn, 2030, 2_695.3, 1),
    ("heat-resistant share, %", Series::HeatResistantShareUs, 2030, 96.62, 2),
    // The NdPr market.
    ("NdPr price in China", Series::PriceNdprCn, 2030, 56.59, 2),
    ("NdPr price outside", Series::PriceNdprEx, 2030, 56.59, 2),
    ("NdPr stock in China, end", Series::StockNdprCn, 2030, 21_755.6, 1),
    ("NdPr stock outside, end", Series::StockNdprEx, 2030, 4_624.9, 1),
    ("US separation output", Series::OutputSeparationUs, 2030, 5_639.5, 1),
    ("US idle feed", Series::UsCapacityIdle, 2030, 319.3, 1),
    // The US in 2030.
    ("US supply", Series::SupplyUs, 2030, 6_639.4, 1),
    ("US shortfall", Series::ShortfallUs, 2030, 470.0, 1),
    ("US NdPr shortfall", Series::ShortfallUsNdpr, 2030, 354.9, 1),
    ("US Dy+Tb shortfall", Series::ShortfallUsHeavy, 2030, 115.0, 1),
    ("stockpile draw", Series::StockpileDraw, 2030, 0.0, 1),
    ("US mining output", Series::OutputMiningUs, 2030, 6_488.6, 1),
    ("SS mining, %", Series::UsSelfSufficiencyMining, 2030, 91.3, 1),
    ("SS separation, %", Series::UsSelfSufficiencySeparation, 2030, 79.9, 1),
    ("US magnets", Series::OutputMagnetUs, 2030, 338.0, 1),
    ("SS magnets, %", Series::UsSelfSufficiencyMagnet, 2030, 4.75, 2),
    ("SS chain, %", Series::UsSelfSufficiencyChain, 2030, 4.75, 2),
    ("defence coverage, %", Series::UsDefenceCoverage, 2030, 100.0, 1),
    ("floor payments", Series::PublicFloor, 2030, 272.4, 1),
    ("public cost", Series::PublicCost, 2030, 272.4, 1),
    ("public cost to 2030", Series::PublicCostCumulative, 2030, 1_449.5, 1),
    // What the year teaches.
    ("capacity ordered", Series::CapacityOrderedUs, 2030, 354.9, 1),
    ("private US investment", Series::InvestPrivateUs, 2030, 24.1, 1),
    ("US substitution 2031, %", Series::SubstitutionUs, 2031, 2.12, 2),
    // The years around it.
    ("SS separation 2024, %", Series::UsSelfSufficiencySeparation, 2024, 24.8, 1),
    ("SS separation 2027, %", Series::UsSelfSufficiencySeparation, 2027, 85.8, 1),
    ("SS separation 2035, %", Series::UsSelfSufficiencySeparation, 2035, 0.9, 1),
    ("Dy+Tb oxide outside 2035", Series::PriceHeavyEx, 2035, 251.4, 1),
    ("Dy+Tb, US buyers 2035", Series::PriceHeavyUs, 2035, 831.2, 1),
    ("NdPr 2035", Series::PriceNdprCn, 2035, 57.4, 1),
    ("SS mining 2035, %", Series::UsSelfSufficiencyMining, 2035, 11.4, 1),
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
    quoted("us_shortfall_2030_pct", s.us_shortfall_2030_pct, 6.61, 2);
    quoted(
        "public cost to 2040",
        s.cumulative_public_cost_musd,
        2_538.0,
        0,
    );
    quoted("peak US shortfall", s.peak_us_shortfall_t, 502.0, 0);
    assert_eq!(s.peak_us_shortfall_year, Some(2029));
    let allies = |x: Series| p.value(x, 2030).expect("2030");
    let share = allies(Series::ShortfallAllies) / allies(Series::DemandAllies) * 100.0;
    quoted("allies' shortfall, %", share, 6.61, 2);
}

#[test]
fn demand_by_hand() {
    quoted("W(2030)", 90_900.0 * 1.051f64.powi(6), 122_512.4, 1);
    quoted("W(2018)", 90_900.0 * 1.051f64.powi(-6), 67_444.7, 1);
    by_hand(
        "US demand",
        122_512.4 * 0.059 * (1.0 - 0.01644),
        7_109.4,
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
        (6_058.6 * 1.25 + 2_577.4 * 4.5 - 8_168.9) / (6_058.6 / 1_524.0 + 2_577.4 * 3.5 / 381.0);
    by_hand("free-trade Dy+Tb price", free, 397.89, 0.05);
    // The control: from the rounded figures a student lands within 0.1 t of the model's.
    let c_cap = (326.7f64).min(218.2 + 0.64 * 108.6) + 0.64 * 1_460.7;
    by_hand("c_cap", c_cap, 1_222.5, 0.1);
    by_hand("licensed exports", 0.64 * (108.6 + 1_460.7), 1_004.3, 0.1);
    let left = 4_856.2 + 548.5 + 2_546.1 - 1_004.3 - 4_251.1;
    by_hand("China's stock left", left, 2_695.3, 0.15);
    by_hand(
        "China's price",
        381.0 * (4.5 - left / 2_125.6) / 3.5,
        cn,
        0.05,
    );
    by_hand(
        "price outside",
        1_524.0 * (1.25 - 1_222.5 / 1_807.5),
        ex,
        0.05,
    );
    by_hand("US Dy+Tb", 355.5 * 1_222.5 / 1_807.5, 240.4, 0.05);
}

#[test]
fn the_ndpr_market_cleared_from_the_written_terms() {
    let p = baseline();
    let price = p.value(Series::PriceNdprCn, 2030).expect("2030");
    // The section's terms: demand, stock holders, the plants that answer the price; the rest of
    // the world's plants and MP's floor-covered plants run whatever the price.
    let mut curve = Curve::new();
    for t in [
        Term::demand(114_417.7, 50.0, 0.25),
        Term::stock(48_971.4, 50.0, 3.5),
        Term::supply(73_173.0, 39.67, 48.49, 0.0),
        Term::supply(12_939.3, 31.37, 38.34, 0.0),
        Term::supply(858.6, 49.66, 60.69, 0.0),
    ] {
        assert_eq!(curve.push(t), 0.0, "every written term answers the price");
    }
    let fixed = 11_836.5 + 22_433.1 + 4_777.6 + 5_100.0 + 6_229.2;
    let c = clear(&curve, fixed, 10.0, 250.0);
    assert_eq!(c.gap, 0.0, "cleared between the bounds");
    by_hand("NdPr price from the written terms", c.price, price, 0.01);
    // The one-line version: net demand at $50 over the slope between $50 and $60.69.
    by_hand("net demand at $50", curve.at(50.0) - fixed, 26_873.7, 0.5);
    by_hand(
        "net demand at $60.69",
        curve.at(60.69) - fixed,
        -16_720.0,
        5.0,
    );
    let p_hand = 50.0 + 26_873.7 / (572.09 + 3_428.00 + 77.80);
    quoted("p by hand", p_hand, 56.59, 2);
    by_hand(
        "US consumption",
        6_617.0 * (1.25 - 0.25 * 56.59 / 50.0),
        6_399.0,
        0.1,
    );
    by_hand(
        "US other plants",
        858.6 * (56.59 - 49.66) / 11.035,
        539.3,
        0.2,
    );
    by_hand(
        "floor payments",
        5_100.0 * (110.0 - 56.59) / 1_000.0,
        272.4,
        0.05,
    );
}
