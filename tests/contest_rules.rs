//! The reaction rules (MODEL.md section 16), each on its own: it fires the year after last
//! year's state passed its threshold, never before, and moves what its equation says it moves.

use rare_earth::{Projection, Scenario, Series};

fn run(set: &[(&str, f64)]) -> Projection {
    let mut s = Scenario::from_preset("baseline").unwrap();
    for (id, v) in set {
        s.set(id, *v).unwrap();
    }
    rare_earth::project(&s).unwrap()
}

fn v(p: &Projection, s: Series, year: i32) -> f64 {
    p.value(s, year).unwrap()
}

fn years(p: &Projection) -> Vec<i32> {
    p.years().collect()
}

/// The first year after 2024 whose state passes `test`.
fn first_passing(p: &Projection, test: impl Fn(i32) -> bool) -> i32 {
    years(p)
        .into_iter()
        .skip(1)
        .find(|&y| test(y))
        .expect("the threshold is passed in the projection")
}

fn event_year(p: &Projection, code: &str) -> Option<i32> {
    p.events.iter().find(|e| e.code == code).map(|e| e.year)
}

#[test]
fn china_cuts_its_price_the_year_after_the_us_share_of_separation_passes_the_threshold() {
    let rule = [("rule_cn_price_share_pct", 5.0)];
    let p = run(&rule);
    let off = run(&[]);
    let us_share = |y| {
        let world: f64 = [
            Series::OutputSeparationUs,
            Series::OutputSeparationCn,
            Series::OutputSeparationAllies,
            Series::OutputSeparationRow,
        ]
        .iter()
        .map(|&s| v(&p, s, y))
        .sum();
        v(&p, Series::OutputSeparationUs, y) / world
    };
    let y0 = first_passing(&p, |y| us_share(y) > 0.05);
    assert_eq!(event_year(&p, "rule_cn_price"), Some(y0 + 1));
    for y in years(&p).into_iter().filter(|&y| y <= y0) {
        assert_eq!(v(&p, Series::StrategyPrice, y), 0.0, "{y}: no cut before");
    }
    let cut = v(&p, Series::StrategyPrice, y0 + 1);
    assert!(cut > 0.0);
    assert!(v(&p, Series::PriceNdprEx, y0 + 1) < v(&off, Series::PriceNdprEx, y0 + 1) - 1.0);
    assert!(v(&p, Series::ChinaRevenueForgone, y0 + 1) > 0.0);
}

#[test]
fn china_tightens_the_year_after_us_public_money_passes_the_threshold() {
    let p = run(&[
        ("rule_cn_tighten_musd", 250.0),
        ("rule_cn_tighten_step_pct", 20.0),
    ]);
    let off = run(&[]);
    let y0 = first_passing(&p, |y| v(&p, Series::PublicCost, y) > 250.0);
    assert_eq!(event_year(&p, "rule_cn_tighten"), Some(y0 + 1));
    for y in years(&p).into_iter().filter(|&y| y <= y0) {
        assert_eq!(
            v(&p, Series::ControlSeverity, y),
            v(&off, Series::ControlSeverity, y),
            "{y}"
        );
    }
    let step = v(&p, Series::ControlSeverity, y0 + 1) - v(&off, Series::ControlSeverity, y0 + 1);
    assert!(step >= 20.0 - 1e-9, "tightened by {step} points");
}

#[test]
fn the_us_adds_support_the_year_after_its_shortfall_passes_the_threshold() {
    let p = run(&[
        ("rule_us_support_short_pct", 5.0),
        ("rule_us_support_musd", 500.0),
    ]);
    let off = run(&[]);
    let short = |y| v(&p, Series::ShortfallUs, y) / v(&p, Series::DemandUs, y);
    let y0 = first_passing(&p, |y| short(y) > 0.05);
    assert_eq!(event_year(&p, "rule_us_support"), Some(y0 + 1));
    assert_eq!(v(&p, Series::UsRuleSupport, y0), 0.0);
    assert_eq!(v(&p, Series::UsRuleSupport, y0 + 1), 500.0);
    // The money buys US plants that start after the lead time (3 years).
    let later = y0 + 1 + 3;
    assert!(
        v(&p, Series::UsCapacitySeparation, later) > v(&off, Series::UsCapacitySeparation, later)
    );
}

#[test]
fn a_stockpile_release_follows_the_shortfall_and_lowers_it() {
    let stock = ("stockpile_start_t", 3000.0);
    let p = run(&[stock, ("rule_us_release_short_pct", 5.0)]);
    let off = run(&[stock]);
    let short = |y| v(&p, Series::ShortfallUs, y) / v(&p, Series::DemandUs, y);
    let y0 = first_passing(&p, |y| short(y) > 0.05);
    for y in years(&p).into_iter().filter(|&y| y <= y0) {
        assert_eq!(v(&p, Series::StockpileRelease, y), 0.0, "{y}");
    }
    assert!(v(&p, Series::StockpileRelease, y0 + 1) > 0.0);
    assert!(v(&p, Series::PublicStockpileSales, y0 + 1) > 0.0);
    let total = |p: &Projection| p.summary.cumulative_us_shortfall_t;
    assert!(total(&p) < total(&off), "{} vs {}", total(&p), total(&off));
}
