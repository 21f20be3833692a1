//! Property tests of the model over random valid scenarios: finite, non-negative outputs; mass
//! balance at every stage every year; shares within 0-100%; a base year no lever outside the
//! base-year group can move; and the monotone responses of docs/MODEL.md section 11, each with
//! the feedbacks that bound it switched off or kept out of the years it can reach.

use proptest::prelude::*;
use rare_earth::model;
use rare_earth::{Group, Inputs, Projection, Series, PARAMS, SERIES};

/// A random valid scenario: every parameter drawn uniformly in its range (whole numbers where
/// required), demand shares scaled down when they add up to more than 100%.
fn inputs() -> impl Strategy<Value = Inputs> {
    proptest::collection::vec(0.0f64..=1.0, PARAMS.len()).prop_map(|u| {
        let mut p = Inputs::defaults();
        for (spec, u) in PARAMS.iter().zip(u) {
            p.set_unchecked(spec.id, value_at(spec, u));
        }
        fix_shares(&mut p);
        p
    })
}

fn value_at(spec: &rare_earth::ParamSpec, u: f64) -> f64 {
    let mut v = spec.min + u * (spec.max - spec.min);
    if spec.integer() {
        v = v.round();
    }
    v.clamp(spec.min, spec.max)
}

fn fix_shares(p: &mut Inputs) {
    let total = p.us_demand_share_pct + p.china_demand_share_pct + p.allies_demand_share_pct;
    if total > 100.0 {
        p.us_demand_share_pct *= 100.0 / total;
        p.china_demand_share_pct *= 100.0 / total;
        p.allies_demand_share_pct *= 100.0 / total;
    }
}

/// Random scenarios around the defaults: a few parameters moved, which exercises the regions the
/// page's users will reach.
fn near_default_inputs() -> impl Strategy<Value = Inputs> {
    proptest::collection::vec((0..PARAMS.len(), 0.0f64..=1.0), 0..6).prop_map(|moves| {
        let mut p = Inputs::defaults();
        for (i, u) in moves {
            p.set_unchecked(PARAMS[i].id, value_at(&PARAMS[i], u));
        }
        fix_shares(&mut p);
        p
    })
}

/// Near the defaults with every reaction rule off. The rules are feedbacks by design (each side
/// answers the other's last move: less shortfall, fewer US triggers, less rule-built capacity),
/// so single levers' monotone responses are stated without them; the rules have their own tests.
fn monotone_inputs() -> impl Strategy<Value = Inputs> {
    near_default_inputs().prop_map(|mut p| {
        p.rule_cn_price_share_pct = 0.0;
        p.rule_cn_tighten_musd = 0.0;
        p.rule_us_support_short_pct = 0.0;
        p.rule_us_release_short_pct = 0.0;
        p
    })
}

fn any_inputs() -> impl Strategy<Value = Inputs> {
    prop_oneof![inputs(), near_default_inputs()]
}

fn sum_regions(p: &Projection, first: Series, i: usize) -> f64 {
    (0..4).map(|r| p.series(first.offset(r))[i]).sum()
}

/// 300 cases per property by default (a few seconds); `PROPTEST_CASES=20000` for a long run.
fn cases() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(300)
}

/// Tolerance for balances: relative to the size of the flows.
fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-6 * (1.0 + a.abs().max(b.abs()))
}

/// The scenario as `rare-earth run` arguments (what differs from the defaults), for failure
/// messages: a counterexample can be rerun and read from the command line.
fn args(p: &Inputs) -> String {
    let d = Inputs::defaults();
    PARAMS
        .iter()
        .filter(|s| p.get(s.id) != d.get(s.id))
        .map(|s| format!("--set {}={}", s.id, p.get(s.id).unwrap_or(f64::NAN)))
        .collect::<Vec<_>>()
        .join(" ")
}

/// `b` is not below `a` (within rounding).
fn not_below(a: f64, b: f64) -> bool {
    b >= a - 1e-6 * (1.0 + a.abs())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(), ..ProptestConfig::default() })]

    #[test]
    fn every_output_is_finite_and_flows_and_stocks_are_not_negative(p in any_inputs()) {
        let out = model::project(&p);
        for (k, spec) in SERIES.iter().enumerate() {
            for (i, &v) in out.series(Series(k)).iter().enumerate() {
                prop_assert!(v.is_finite(), "{} is not finite in year {}", spec.id, out.year_at(i));
                // Percent changes and premiums over another price may be negative, and so may
                // public cost, since offtake contracts gain when the market pays more and the
                // stockpile's sales are income; nothing else.
                let signed = matches!(spec.id, "cost_premium_pct" | "wedge_ndpr_pct" | "wedge_heavy_pct"
                    | "public_offtake_musd" | "public_cost_musd" | "public_cost_cumulative_musd");
                prop_assert!(signed || v >= -1e-9, "{} is negative ({v}) in year {}", spec.id, out.year_at(i));
            }
        }
    }

    #[test]
    fn mass_balances_at_every_stage_every_year(p in any_inputs()) {
        let out = model::project(&p);
        let s = |x: Series, i: usize| out.series(x)[i];
        for i in 0..out.n_years {
            let y = out.year_at(i);
            // Concentrate: mined + held last year + China's other feed = separated + held now.
            let mined = sum_regions(&out, Series::OutputMiningUs, i);
            let separated = sum_regions(&out, Series::OutputSeparationUs, i);
            let held_before = if i == 0 { 0.0 } else { s(Series::ConcentrateStockWorld, i - 1) };
            prop_assert!(close(mined + held_before + p.other_feed_cn_t, separated + s(Series::ConcentrateStockWorld, i)),
                "concentrate, {y}: mined {mined} + held {held_before} + other {} vs separated {separated} + held {}",
                p.other_feed_cn_t, s(Series::ConcentrateStockWorld, i));
            // Oxide: separated + recycled + swarf + stocks drawn = used + stockpile purchases.
            let stocks = |j: usize| s(Series::StockNdprCn, j) + s(Series::StockNdprEx, j) + s(Series::StockHeavyCn, j) + s(Series::StockHeavyEx, j);
            let stockpile_before = if i == 0 { p.stockpile_start_t } else { s(Series::Stockpile, i - 1) };
            let released = s(Series::StockpileRelease, i);
            let bought = s(Series::Stockpile, i) - stockpile_before + s(Series::StockpileDraw, i) + released;
            if i > 0 {
                let supply = separated + s(Series::RecycledWorld, i) + s(Series::ScrapWorld, i) + stocks(i - 1) + released;
                let used = s(Series::SupplyWorld, i) + bought + stocks(i);
                prop_assert!(close(supply, used), "oxide, {y}: supply {supply} vs used {used}\n{}", args(&p));
            }
            // Metal and magnets: made = used, world-wide.
            let metal = sum_regions(&out, Series::OutputMetalUs, i);
            let magnets = sum_regions(&out, Series::OutputMagnetUs, i);
            prop_assert!(close(metal, s(Series::SupplyWorld, i)), "metal, {y}");
            prop_assert!(close(magnets, s(Series::SupplyWorld, i)), "magnets, {y}");
            // Demand adds up, and the US gets, lacks or draws exactly its demand.
            prop_assert!(close(s(Series::DemandWorld, i), sum_regions(&out, Series::DemandUs, i)), "demand, {y}");
            prop_assert!(close(s(Series::SupplyUs, i) + s(Series::ShortfallUs, i) + s(Series::StockpileDraw, i), s(Series::DemandUs, i)),
                "US demand, {y}");
            prop_assert!(bought >= -1e-6, "stockpile bought {bought} in {y}");
        }
    }

    #[test]
    fn shares_are_within_0_100(p in any_inputs()) {
        let out = model::project(&p);
        for (k, spec) in SERIES.iter().enumerate() {
            let signed = matches!(spec.id, "cost_premium_pct" | "wedge_ndpr_pct" | "wedge_heavy_pct" | "refined_supply_to_demand_pct");
            if spec.unit == "%" && !signed {
                for &v in out.series(Series(k)) {
                    prop_assert!((-1e-9..=100.0 + 1e-9).contains(&v), "{} = {v}", spec.id);
                }
            }
        }
    }

    #[test]
    fn no_lever_outside_the_base_year_group_changes_2024(p in any_inputs(), which in 0usize..1000, u in 0.0f64..=1.0) {
        // The base year is data: only the base-year group may move a 2024 figure.
        let levers: Vec<_> = PARAMS.iter().filter(|s| s.group != Group::BaseYear).collect();
        let spec = levers[which % levers.len()];
        let mut q = p.clone();
        q.set_unchecked(spec.id, value_at(spec, u));
        let (a, b) = (model::project(&p), model::project(&q));
        for (k, s) in SERIES.iter().enumerate() {
            let (x, y) = (a.series(Series(k))[0], b.series(Series(k))[0]);
            prop_assert!(x == y, "{} moved {} in 2024 from {x} to {y}", spec.id, s.id);
        }
    }

    #[test]
    fn committed_capacity_arrives_after_its_lead_time(p in any_inputs(), extra in 100.0f64..20_000.0) {
        // Nothing ordered arrives before its lead time: US capacity is the same as without the
        // order until the first year of output.
        let mut q = p.clone();
        q.sep_cap_us_t = (q.sep_cap_us_t + extra).min(50_000.0);
        q.invest_magnet_musd = (q.invest_magnet_musd + extra / 10.0).min(5_000.0);
        // Lifting China's technology ban shortens the lead time by a year, tightening it adds one.
        let tech = match p.tech_ban.round() as i32 { 0 => -1, 2 => 1, _ => 0 };
        let first = p.invest_start_year.round() as i32 + (p.lead_time_yr.round() as i32 + tech).max(1);
        let (a, b) = (model::project(&p), model::project(&q));
        for i in 0..a.n_years {
            if a.year_at(i) < first {
                for s in [Series::UsCapacitySeparation, Series::UsCapacityMagnet] {
                    prop_assert!(a.series(s)[i] == b.series(s)[i], "{} moved in {} before {first}", SERIES[s.0].id, a.year_at(i));
                }
            }
        }
    }

    #[test]
    fn a_lower_us_refining_cost_never_lowers_us_output_or_investment(p in monotone_inputs(), cut in 1_000.0f64..150_000.0) {
        // Cheaper US oxide runs more US plants and orders more; the lower prices that follow idle
        // other regions' plants, not US ones, whose cost fell; learning only adds. Feedbacks that
        // bound it: ore a plant left unprocessed in a dear year is stocked and separated later, so
        // a single later year can show more output at the higher cost; lower prices mean less
        // substitution, so the ratio of US output to its (larger) demand can dip; and the lower
        // price that more US output brings can stop later orders, so cumulative orders are not
        // monotone (the sweep in MODEL.md shows them rising). So the property is on cumulative
        // output, and on self-sufficiency with substitution off in the first year the lever acts.
        // One more: plants earn on the Dy+Tb in their ore. New plants (more of them when US oxide
        // is cheaper) add Dy+Tb outside China; once there is more of it than the magnet plants
        // there can use, the surplus sells at China's lower price and NdPr plants that counted on
        // that revenue can idle. So firms' orders are off here (the sweep in MODEL.md shows orders
        // and output rising as the cost falls) and the US ore's make-up is Mountain Pass's.
        // China's price strategy targets the cheapest rival's cash cost, which a cheaper US can
        // become: then the strategy's price falls with the US cost (off here).
        let mut p = p;
        p.substitution_rate_pct_per_yr = 0.0;
        p.investment_response_pct_per_yr = 0.0;
        p.price_strategy_pct = 0.0;
        p.heavy_content_us_pct = Inputs::defaults().heavy_content_us_pct;
        p.ndpr_content_us_pct = Inputs::defaults().ndpr_content_us_pct;
        let mut q = p.clone();
        q.refining_cost_us_usd_per_t = (q.refining_cost_us_usd_per_t - cut).round().max(10_000.0);
        let (a, b) = (model::project(&p), model::project(&q));
        let (mut out_a, mut out_b) = (0.0, 0.0);
        for i in 0..a.n_years {
            out_a += a.series(Series::OutputSeparationUs)[i];
            out_b += b.series(Series::OutputSeparationUs)[i];
            prop_assert!(not_below(out_a, out_b), "cumulative US output fell from {out_a} to {out_b} by {}\n{}\n{}", a.year_at(i), args(&p), args(&q));
        }
        // Self-sufficiency in 2025 within 0.1%: when controls cap what buyers outside China take,
        // more US oxide changes how many Chinese magnets the cap leaves room for, and with them
        // the split of magnet making among plants outside China (a second-order shift).
        let not_below = |x: f64, y: f64| y >= x * (1.0 - 1e-3) - 1e-9;
        if a.n_years > 1 {
            for s in [Series::UsSelfSufficiencySeparation, Series::UsSelfSufficiencyChain] {
                prop_assert!(not_below(a.series(s)[1], b.series(s)[1]), "{} fell from {} to {} in 2025\n{}\n{}", SERIES[s.0].id, a.series(s)[1], b.series(s)[1], args(&p), args(&q));
            }
        }
    }

    #[test]
    fn more_public_investment_never_lowers_us_capacity(p in monotone_inputs(), which in 0usize..2, extra in 10.0f64..5_000.0) {
        // The feedback that bounds it: public capacity lowers prices, and firms then order less.
        // Those orders arrive a lead time later, so firms' building is switched off here; the
        // next property covers the years before it can answer.
        let mut p = p;
        p.investment_response_pct_per_yr = 0.0;
        let mut q = p.clone();
        if which == 0 {
            q.invest_separation_musd = (q.invest_separation_musd + extra).min(5_000.0);
        } else {
            q.invest_magnet_musd = (q.invest_magnet_musd + extra).min(5_000.0);
        }
        let (a, b) = (model::project(&p), model::project(&q));
        for s in [Series::UsCapacitySeparation, Series::UsCapacityMetal, Series::UsCapacityMagnet] {
            for i in 0..a.n_years {
                prop_assert!(not_below(a.series(s)[i], b.series(s)[i]), "{} fell from {} to {} in {}", SERIES[s.0].id, a.series(s)[i], b.series(s)[i], a.year_at(i));
            }
        }
    }

    #[test]
    fn public_investment_raises_us_capacity_before_firms_can_answer(p in monotone_inputs(), extra in 10.0f64..5_000.0) {
        let mut q = p.clone();
        q.invest_separation_musd = (q.invest_separation_musd + extra).min(5_000.0);
        // Firms see the lower prices from the first year of public output and their own plants
        // follow a lead time later.
        let answer = (p.invest_start_year + 2.0 * p.lead_time_yr).round() as i32;
        let (a, b) = (model::project(&p), model::project(&q));
        for i in 0..a.n_years {
            if a.year_at(i) < answer {
                let s = Series::UsCapacitySeparation;
                prop_assert!(not_below(a.series(s)[i], b.series(s)[i]), "{} fell in {}", SERIES[s.0].id, a.year_at(i));
            }
        }
    }

    #[test]
    fn a_stricter_ban_never_lowers_the_price_outside_china_or_us_shortfall(p in monotone_inputs(), extra in 1.0f64..100.0) {
        // In the control's first year in force, for Dy+Tb, which every scope covers. Feedbacks
        // that bound it: a dearer market builds plants and substitutes demand, which lowers later
        // prices; the stock China piles up under a stricter control raises what it would
        // otherwise ship, of which the severity is a share; less Dy+Tb means fewer heat-resistant
        // magnets, so less NdPr is bought and its price can fall; and dearer Dy+Tb outside China
        // makes separating ore there pay better, adding NdPr too (so US NdPr shortfall can fall).
        // Monotone responses are tested around the defaults (a few levers moved), the worlds
        // users reach; invariants are tested over the whole parameter space.
        let mut p = p;
        p.ban1_scope = p.ban1_scope.max(1.0);
        p.ban1_duration_yr = p.ban1_duration_yr.max(1.0);
        let mut q = p.clone();
        q.ban1_severity_pct = (q.ban1_severity_pct + extra).round().min(100.0);
        let start = p.ban1_start_year.round() as i32;
        let (a, b) = (model::project(&p), model::project(&q));
        if let Some(i) = (0..a.n_years).find(|&i| a.year_at(i) == start) {
            // What buyers pay (outside China the oxide price falls to China's when they have more
            // oxide than magnet plants: that oxide is sold to China).
            for s in [Series::PriceHeavyUs, Series::ShortfallUsHeavy] {
                prop_assert!(not_below(a.series(s)[i], b.series(s)[i]), "{} fell from {} to {} in {start}\n{}\n{}", SERIES[s.0].id, a.series(s)[i], b.series(s)[i], args(&p), args(&q));
            }
        }
    }

    #[test]
    fn a_deeper_price_cut_never_raises_investment_outside_china_while_it_lasts(p in monotone_inputs(), level in 40.0f64..150.0, deeper in 1.0f64..60.0) {
        // China's price strategy on NdPr: a lower price outside China lowers what investors
        // expect there, so they order no more separation, in the years the strategy runs.
        // Feedbacks that bound it: cheaper NdPr undoes substitution, so more magnets are wanted
        // and Dy+Tb (under its control) gets dearer, which raises both the by-product revenue of
        // new separation plants and the premium that builds magnet plants; so substitution is off
        // here and the statement is on separation orders (cumulative over the window). Buyers
        // outside China also stock up at the low price and draw those stocks the next year,
        // which pauses the strategy; after it ends, idled plants leave a scarcer market that can
        // draw more orders. And China can ship no more than its plants and stocks allow: a
        // deeper cut that idles more rival plants can leave a gap it cannot fill, and the price
        // outside China then rises above the strategy's (and investors remember it). Last, the
        // cobweb through Dy+Tb: fewer plants ordered now keep Dy+Tb dearer once they would have
        // run, which pays later plants more. So the years counted run from the start, within a
        // lead time (before any plant ordered under the strategy runs), until the first in which
        // the price outside China is not the strategy's in either run.
        // Holders outside China stocking up at the low price is switched off too.
        let mut p = p;
        p.substitution_rate_pct_per_yr = 0.0;
        p.stock_price_sensitivity = 0.0;
        p.price_strategy_pct = level.round();
        p.price_strategy_start_year = 2026.0;
        p.price_strategy_years = p.price_strategy_years.max(1.0);
        let mut q = p.clone();
        q.price_strategy_pct = (level - deeper).round().max(1.0);
        let lead = (p.lead_time_yr.round() as i32).max(1);
        let (start, end) = (2026, 2026 + (p.price_strategy_years.round() as i32).min(lead));
        let (a, b) = (model::project(&p), model::project(&q));
        let s = Series::CapacityOrderedExChina;
        let (mut sum_a, mut sum_b) = (0.0, 0.0);
        for i in 0..a.n_years {
            let y = a.year_at(i);
            let binds = |o: &rare_earth::Projection| {
                (o.series(Series::PriceNdprEx)[i] - o.series(Series::StrategyPrice)[i]).abs() < 1e-9
            };
            if y >= start && y < end {
                if !(binds(&a) && binds(&b)) {
                    break;
                }
                sum_a += a.series(s)[i];
                sum_b += b.series(s)[i];
                prop_assert!(not_below(sum_b, sum_a), "orders outside China rose from {sum_a} to {sum_b} by {y} with the cut from {}% to {}%\n{}", p.price_strategy_pct, q.price_strategy_pct, args(&q));
            }
        }
    }

    #[test]
    fn a_higher_tariff_never_raises_us_magnet_imports_from_china(p in monotone_inputs(), tariff in 0.0f64..190.0, more in 5.0f64..100.0) {
        // The tariff makes US buyers take less, as at a higher price, on the part of their demand
        // that plants outside China cannot serve; magnets made elsewhere still reach them first.
        // Feedbacks that bound it: less US buying lowers prices, so other buyers take more and
        // firms order less, which over years can leave the US more dependent on China (the
        // statement is on cumulative imports); and when a quota splits China's allowed exports
        // among buyers outside China, a US that buys less leaves more allied magnets with allied
        // buyers and can draw a few tonnes more from China (no quota here).
        let mut p = p;
        p.export_quota_cut_pct = 0.0;
        p.tariff_cn_magnets_pct = tariff.round();
        let mut q = p.clone();
        q.tariff_cn_magnets_pct = (tariff + more).round().min(200.0);
        let (a, b) = (model::project(&p), model::project(&q));
        let s = Series::UsImportsMagnetsCn;
        let (mut sum_a, mut sum_b, mut demand) = (0.0, 0.0, 0.0);
        for i in 0..a.n_years {
            sum_a += a.series(s)[i];
            sum_b += b.series(s)[i];
            demand += a.series(Series::DemandUs)[i];
            // Rounding is relative to the size of the US market, not to the imports (tiny when
            // plants outside China serve nearly all of it).
            prop_assert!(sum_b <= sum_a + 1e-7 * (1.0 + demand), "US magnet imports from China rose from {sum_a} to {sum_b} by {}\n{}", a.year_at(i), args(&q));
        }
    }
}
