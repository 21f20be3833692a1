//! Property tests of the model's invariants over random valid scenarios: no negative flow or
//! stock, mass balance at every stage every year, shares that add up, and monotone responses.

use proptest::prelude::*;
use rare_earth::model;
use rare_earth::{Inputs, Projection, Series, PARAMS, SERIES};

/// A random valid scenario: every parameter drawn uniformly in its range (whole numbers where
/// required), demand shares scaled down when they add up to more than 100%.
fn inputs() -> impl Strategy<Value = Inputs> {
    proptest::collection::vec(0.0f64..=1.0, PARAMS.len()).prop_map(|u| {
        let mut p = Inputs::defaults();
        for (spec, u) in PARAMS.iter().zip(u) {
            let mut v = spec.min + u * (spec.max - spec.min);
            if spec.integer() {
                v = v.round();
            }
            p.set_unchecked(spec.id, v.clamp(spec.min, spec.max));
        }
        let total = p.us_demand_share_pct + p.china_demand_share_pct + p.allies_demand_share_pct;
        if total > 100.0 {
            p.us_demand_share_pct *= 100.0 / total;
            p.china_demand_share_pct *= 100.0 / total;
            p.allies_demand_share_pct *= 100.0 / total;
        }
        p
    })
}

/// Random scenarios around the defaults: a few parameters moved, which exercises the regions the
/// page's users will reach.
fn near_default_inputs() -> impl Strategy<Value = Inputs> {
    proptest::collection::vec((0..PARAMS.len(), 0.0f64..=1.0), 0..6).prop_map(|moves| {
        let mut p = Inputs::defaults();
        for (i, u) in moves {
            let spec = &PARAMS[i];
            let mut v = spec.min + u * (spec.max - spec.min);
            if spec.integer() {
                v = v.round();
            }
            p.set_unchecked(spec.id, v);
        }
        let total = p.us_demand_share_pct + p.china_demand_share_pct + p.allies_demand_share_pct;
        if total > 100.0 {
            p.china_demand_share_pct =
                (100.0 - p.us_demand_share_pct - p.allies_demand_share_pct).max(0.0);
            p.allies_demand_share_pct =
                p.allies_demand_share_pct.min(100.0 - p.us_demand_share_pct);
        }
        p
    })
}

fn any_inputs() -> impl Strategy<Value = Inputs> {
    prop_oneof![inputs(), near_default_inputs()]
}

fn sum_regions(p: &Projection, first: Series, i: usize) -> f64 {
    (0..4).map(|r| p.series(first.offset(r))[i]).sum()
}

/// Tolerance for balances: relative to the size of the flows.
fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-6 * (1.0 + a.abs().max(b.abs()))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn no_negative_flow_or_stock(p in any_inputs()) {
        let out = model::project(&p);
        for (k, spec) in SERIES.iter().enumerate() {
            if spec.id == "cost_premium_pct" {
                continue; // a US cost below China's is a legal negative premium
            }
            for (i, &v) in out.series(Series(k)).iter().enumerate() {
                prop_assert!(v.is_finite(), "{} is not finite in year {}", spec.id, out.year_at(i));
                prop_assert!(v >= -1e-9, "{} is negative ({v}) in year {}", spec.id, out.year_at(i));
            }
        }
    }

    #[test]
    fn mass_balance_at_every_stage_every_year(p in any_inputs()) {
        let out = model::project(&p);
        for i in 0..out.n_years {
            let mined = sum_regions(&out, Series::OutputMiningUs, i);
            let separated = sum_regions(&out, Series::OutputSeparationUs, i);
            let metal = sum_regions(&out, Series::OutputMetalUs, i);
            let magnets = sum_regions(&out, Series::OutputMagnetUs, i);
            let unsold = |s: Series| out.series(s)[i];
            // Concentrate: everything mined is separated somewhere or left unsold/withheld.
            prop_assert!(close(mined, separated + unsold(Series::UnsoldConcentrate)), "concentrate, year {}", out.year_at(i));
            // Oxide pool: separated + recycled + other feed = metal made + unsold.
            let pool = separated + out.series(Series::RecycledWorld)[i] + out.series(Series::SecondarySupply)[i];
            prop_assert!(close(pool, metal + unsold(Series::UnsoldOxide)), "oxide, year {}", out.year_at(i));
            prop_assert!(close(metal, magnets + unsold(Series::UnsoldMetal)), "metal, year {}", out.year_at(i));
            let supplied = out.series(Series::SupplyWorld)[i];
            prop_assert!(close(magnets, supplied + unsold(Series::UnsoldMagnets)), "magnets, year {}", out.year_at(i));
            // Buyers: outside the US, supplied = demand - shortfall (no region receives more than it wants).
            let demand = out.series(Series::DemandWorld)[i];
            prop_assert!(close(demand, sum_regions(&out, Series::DemandUs, i)), "demand, year {}", out.year_at(i));
            for r in 1..4 {
                let d = out.series(Series::DemandUs.offset(r))[i];
                let s = out.series(Series::ShortfallUs.offset(r))[i];
                prop_assert!(s <= d * (1.0 + 1e-9) + 1e-9);
            }
            // Stockpile: the year's change equals purchases above demand minus draws.
            let us_demand = out.series(Series::DemandUs)[i];
            let us_supply = out.series(Series::SupplyUs)[i];
            let short = out.series(Series::ShortfallUs)[i];
            let draw = out.series(Series::StockpileDraw)[i];
            let stock = out.series(Series::Stockpile)[i];
            let before = if i == 0 { p.stockpile_start_t } else { out.series(Series::Stockpile)[i - 1] };
            // Per material: what arrives beyond demand is stored, what is missing is drawn, and
            // the rest of the gap is the shortfall; summed over materials that gives:
            prop_assert!(close(stock, before + us_supply - us_demand + short), "stockpile, year {}", out.year_at(i));
            prop_assert!(draw <= before + us_supply + 1e-6);
            prop_assert!(short <= us_demand * (1.0 + 1e-9) + 1e-9, "US shortfall above demand, year {}", out.year_at(i));
        }
    }

    #[test]
    fn shares_are_within_0_100_and_sum_to_100(p in any_inputs()) {
        let out = model::project(&p);
        let stages = [Series::OutputMiningUs, Series::OutputSeparationUs, Series::OutputMetalUs, Series::OutputMagnetUs];
        for (s, first) in stages.into_iter().enumerate() {
            for i in 0..out.n_years {
                let world = sum_regions(&out, first, i);
                let china_share = out.series(Series::ChinaShareMining.offset(s))[i];
                prop_assert!((0.0..=100.0 + 1e-9).contains(&china_share));
                if world > 1e-9 {
                    let shares: f64 = (0..4).map(|r| out.series(first.offset(r))[i] / world * 100.0).sum();
                    prop_assert!((shares - 100.0).abs() < 1e-6, "stage {s} shares add to {shares}");
                    let cn = out.series(first.offset(1))[i] / world * 100.0;
                    prop_assert!((cn - china_share).abs() < 1e-6);
                }
            }
        }
        for (k, spec) in SERIES.iter().enumerate() {
            if spec.unit == "%" && spec.id != "cost_premium_pct" {
                for &v in out.series(Series(k)) {
                    prop_assert!((-1e-9..=100.0 + 1e-9).contains(&v), "{} = {v}", spec.id);
                }
            }
        }
    }

    #[test]
    fn more_us_capacity_never_lowers_us_self_sufficiency(
        p in any_inputs(),
        which in 0usize..5,
        extra in 1.0f64..20_000.0,
    ) {
        let mut p = p;
        // With substitution on, more capacity means less shortage, less substitution, more demand
        // and so a lower ratio of output to demand: a real feedback, outside this property.
        p.substitution_rate_pct_per_yr = 0.0;
        let mut q = p.clone();
        match which {
            0 => q.sep_cap_us_t = (q.sep_cap_us_t + extra).min(50_000.0),
            1 => q.metal_cap_us_t = (q.metal_cap_us_t + extra).min(50_000.0),
            2 => q.magnet_cap_us_t = (q.magnet_cap_us_t + extra).min(100_000.0),
            3 => q.invest_magnet_musd = (q.invest_magnet_musd + extra / 10.0).min(5_000.0),
            _ => q.mine_us_t_reo = (q.mine_us_t_reo + extra).min(200_000.0),
        }
        let (a, b) = (model::project(&p), model::project(&q));
        // The chain and the stage that gained capacity. Other stages may move either way: extra
        // US separation pulls ore away from China and can shrink the Chinese metal that US magnet
        // makers import (docs/MODEL.md, "Monotone responses").
        let stage = match which {
            0 => Series::UsSelfSufficiencySeparation,
            1 => Series::UsSelfSufficiencyMetal,
            2 | 3 => Series::UsSelfSufficiencyMagnet,
            _ => Series::UsSelfSufficiencyMining,
        };
        for s in [Series::UsSelfSufficiencyChain, stage] {
            for i in 0..a.n_years {
                if b.series(s)[i] < a.series(s)[i] - 1e-6 {
                    let dbg = |x: &Projection| format!("metal {:.1} magnet {:.1} capm {:.1} capg {:.1} imp_cn {:.1} imp_al {:.1} imp_row {:.1} dem {:.1} unsoldmetal {:.1} oxide_imp {:.1}/{:.1}/{:.1}",
                        x.series(Series::OutputMetalUs)[i], x.series(Series::OutputMagnetUs)[i], x.series(Series::UsCapacityMetal)[i], x.series(Series::UsCapacityMagnet)[i],
                        x.series(Series::UsImportsMetalCn)[i], x.series(Series::UsImportsMetalAllies)[i], x.series(Series::UsImportsMetalRow)[i], x.series(Series::DemandUs)[i], x.series(Series::UnsoldMetal)[i],
                        x.series(Series::UsImportsOxideCn)[i], x.series(Series::UsImportsOxideAllies)[i], x.series(Series::UsImportsOxideRow)[i]);
                    prop_assert!(false, "lever {which}: {:?} fell from {} to {} in {}\n a: {}\n b: {}", s, a.series(s)[i], b.series(s)[i], a.year_at(i), dbg(&a), dbg(&b));
                }
            }
        }
    }

    #[test]
    fn faster_demand_growth_never_lowers_shortfall(p in any_inputs(), extra in 0.1f64..10.0) {
        let mut p = p;
        // Substitution answers shortage by cutting demand, a feedback that can legitimately turn
        // more demand into less later shortfall; the property is about the open-loop model.
        p.substitution_rate_pct_per_yr = 0.0;
        let faster = |p: &Inputs| {
            let mut q = p.clone();
            q.demand_growth_pct_per_yr = (q.demand_growth_pct_per_yr + extra).min(20.0);
            q
        };
        let (a, b) = (model::project(&p), model::project(&faster(&p)));
        for i in 0..a.n_years {
            let (x, y) = (a.series(Series::ShortfallWorld)[i], b.series(Series::ShortfallWorld)[i]);
            prop_assert!(y >= x - 1e-6 * (1.0 + x), "world shortfall fell from {x} to {y} in {}", a.year_at(i));
        }
        // For one region, recycling is a second feedback: more demand a product lifetime ago
        // means more scrap now, and allied recycled magnets go to the US first. Without
        // recycling, US shortfall must not fall either.
        p.recycling_rate_2024_pct = 0.0;
        p.recycling_target_pct = 0.0;
        let (a, b) = (model::project(&p), model::project(&faster(&p)));
        for i in 0..a.n_years {
            let (x, y) = (a.series(Series::ShortfallUs)[i], b.series(Series::ShortfallUs)[i]);
            prop_assert!(y >= x - 1e-6 * (1.0 + x), "US shortfall fell from {x} to {y} in {}", a.year_at(i));
        }
    }

    #[test]
    fn a_stricter_ban_never_lowers_us_shortfall(p in any_inputs(), extra in 1.0f64..100.0) {
        let mut p = p;
        p.substitution_rate_pct_per_yr = 0.0;
        let mut q = p.clone();
        q.ban1_severity_pct = (q.ban1_severity_pct + extra).min(100.0);
        let (a, b) = (model::project(&p), model::project(&q));
        for i in 0..a.n_years {
            let (x, y) = (a.series(Series::ShortfallUs)[i], b.series(Series::ShortfallUs)[i]);
            prop_assert!(y >= x - 1e-6 * (1.0 + x), "US shortfall fell from {x} to {y} in {}", a.year_at(i));
        }
    }

    #[test]
    fn a_higher_us_refining_cost_never_lowers_public_cost(p in any_inputs(), extra in 1.0f64..100_000.0) {
        let mut q = p.clone();
        q.refining_cost_us_usd_per_t = (q.refining_cost_us_usd_per_t + extra).min(200_000.0);
        let (a, b) = (model::project(&p), model::project(&q));
        for i in 0..a.n_years {
            let (x, y) = (a.series(Series::PublicCost)[i], b.series(Series::PublicCost)[i]);
            prop_assert!(y >= x - 1e-9 * (1.0 + x), "public cost fell from {x} to {y} in {}", a.year_at(i));
        }
    }
}
