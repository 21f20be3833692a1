//! The projection engine: one pass a year over demand, capacity, the ore routes, the two
//! materials' markets (prices in China and outside it), the chain stages, stocks, costs and public
//! money, then the investment orders and substitution that shape the following years.
//!
//! Pure: no I/O, no clock, no randomness. Each mechanism lives in its own module, named after the
//! sections of `docs/MODEL.md`; symbols there match the names here. Quantities are tonnes of oxide
//! equivalent of the magnet rare earths (t/yr) and prices $/kg, unless a name says otherwise.
//!
//! The base year 2024 is data: it runs at the 2024 prices with every plant at its 2024 rate, and
//! no lever outside the `base_year` group changes it (tested).

mod capacity;
mod chain;
pub mod config;
pub mod demand;
pub mod market;
mod money;
mod notes;

pub use capacity::{mine_base_reo, share_that_pays};
pub use chain::route_ore;
pub use config::{Config, ControlScope, ControlTarget};
pub use demand::{recycling_rate, two_phase_growth, world_demand_t};
pub use market::{clear, clear_material, Curve, Term};

use crate::output::{Projection, Series, Summary};
use crate::params::Inputs;
use crate::projects::PROJECTS;
use crate::region::{Material, PerMaterial, PerRegion, Region};
use capacity::{Additions, Expectation};
use chain::recipe_share;
use config::MAX_YEARS;
use market::{KeepShares, MarketInput, MarketResult, Side};
use money::{Payments, UnitCost};

/// First year of every projection: data, not projection.
pub const BASE_YEAR: i32 = 2024;
/// The year to which the IEA-derived growth rates apply; after it, the post-2030 rates.
pub const GROWTH_BREAK_YEAR: i32 = 2030;
/// First year of the 10X earnings guarantee's 2% escalator (10X commissioning, MP 8-K).
const GUARANTEE_BASE_YEAR: i32 = 2028;

/// What carries from one year to the next.
#[derive(Clone, Debug)]
struct State {
    substitution: PerRegion<f64>,
    stock_cn: PerMaterial<f64>,
    stock_ex: PerMaterial<f64>,
    concentrate: PerRegion<PerMaterial<f64>>,
    stockpile_t: f64,
    /// Investors' expected oxide prices per region, $/kg.
    expected: PerRegion<PerMaterial<f64>>,
    /// Expected scarcity premium on magnets made outside China, $/kg.
    expected_premium: f64,
    /// Magnets made last year per region and material (swarf comes back from them).
    last_magnets: PerRegion<PerMaterial<f64>>,
    cumulative_us_ndpr_t: f64,
    learning_base_t: f64,
    public_cumulative_musd: f64,
    /// The contest (MODEL.md section 16): last year's facts the reaction rules read, and what
    /// the rules have done so far.
    last: LastYear,
    /// A price strategy a rule started runs until (not including) this year.
    strategy_until: i32,
    /// What China's rule has added to control 1's severity (0-1).
    tightened: f64,
    /// China's net exports in 2024 per material (the quota's base), t.
    china_exports_2024: PerMaterial<f64>,
    /// Public money the US rule committed, due per year ($M, spread over the lead time).
    rule_grants: [f64; MAX_YEARS],
}

/// What the reaction rules know of the year before.
#[derive(Clone, Copy, Debug, Default)]
struct LastYear {
    /// US share of the world's separated oxide.
    us_sep_share: f64,
    /// US public money, $M.
    us_public_musd: f64,
    /// US shortfall, t and as a share of US demand.
    us_short_t: f64,
    us_short_share: f64,
}

/// Facts of the projection that warnings and events are drawn from.
#[derive(Clone, Debug, Default)]
pub(crate) struct Record {
    pub us_idle_first: Option<(i32, f64)>,
    pub us_ore_stocked_first: Option<(i32, f64)>,
    pub rationed_first: Option<(i32, Material)>,
    pub china_idle_first: Option<(i32, f64)>,
    pub private_us_first: Option<i32>,
    /// First firing of each reaction rule (year, and the number its marker quotes), and the
    /// first year of a price strategy.
    pub rule_cn_price_first: Option<i32>,
    pub rule_cn_tighten_first: Option<(i32, f64)>,
    pub rule_us_support_first: Option<(i32, f64)>,
    pub rule_us_release_first: Option<(i32, f64)>,
    pub strategy_first: Option<i32>,
}

/// Runs one projection. `inputs` should come from [`crate::Scenario::resolve`], which validates
/// them; out-of-range inputs give meaningless numbers but never a panic.
pub fn project(p: &Inputs) -> Projection {
    let c = Config::new(p);
    let mut out = Projection::new(BASE_YEAR, c.n_years);
    let mut add = Additions::planned(&c, p);
    let mut rec = Record::default();
    let mut st = initial_state(&c, &add);
    let nameplate_10x: f64 = PROJECTS
        .iter()
        .filter(|pr| pr.ebitda_guarantee)
        .map(|pr| pr.magnet_t_per_yr * c.oxide_per_magnet * p.projects_realised_pct / 100.0)
        .sum();
    for yi in 0..c.n_years {
        step(
            &c,
            p,
            yi,
            &mut st,
            &mut add,
            nameplate_10x,
            &mut rec,
            &mut out,
        );
    }
    out.summary = Summary::from_projection(&out);
    out.warnings = notes::warnings(&c, p, &rec);
    out.events = notes::events(&c, p, &rec);
    out
}

fn initial_state(c: &Config, add: &Additions) -> State {
    let d = demand::reference_demand(c, BASE_YEAR, &PerRegion::splat(0.0));
    let mut st = State {
        substitution: PerRegion::splat(0.0),
        stock_cn: PerMaterial::splat(0.0),
        stock_ex: PerMaterial::splat(0.0),
        concentrate: PerRegion::default(),
        stockpile_t: c.stockpile_start_t,
        expected: PerRegion::splat(c.price_2024),
        expected_premium: 0.0,
        last_magnets: PerRegion::default(),
        cumulative_us_ndpr_t: 0.0,
        learning_base_t: 0.0,
        public_cumulative_musd: 0.0,
        last: LastYear::default(),
        strategy_until: BASE_YEAR,
        tightened: 0.0,
        china_exports_2024: PerMaterial::splat(0.0),
        rule_grants: [0.0; MAX_YEARS],
    };
    // Stocks at their 2024 cover; last year's magnet making as this year's, outside China up to
    // the magnet plants there.
    let cap = capacity::capacity(c, add, 0);
    for m in Material::ALL {
        let share = recipe_share(c.heavy_share, m);
        st.stock_cn[m] = c.stock_cover_cn_yr * d[Region::China][m];
        let d_ex: f64 = Region::EX_CHINA.iter().map(|&r| d[r][m]).sum();
        st.stock_ex[m] = c.stock_cover_ex_yr * d_ex;
        let k_ex = cap.magnet.ex_china() * share;
        let made_ex = k_ex.min(d_ex);
        let total: f64 = Region::ALL.iter().map(|&r| d[r][m]).sum();
        for r in Region::EX_CHINA {
            st.last_magnets[r][m] = if k_ex > 0.0 {
                made_ex * cap.magnet[r] * share / k_ex
            } else {
                0.0
            };
        }
        st.last_magnets[Region::China][m] = total - made_ex;
    }
    st
}

fn div(a: f64, b: f64) -> f64 {
    if b > 0.0 {
        a / b
    } else {
        0.0
    }
}

#[allow(clippy::too_many_arguments)]
fn step(
    c: &Config,
    p: &Inputs,
    yi: usize,
    st: &mut State,
    add: &mut Additions,
    nameplate_10x: f64,
    rec: &mut Record,
    out: &mut Projection,
) {
    let year = BASE_YEAR + yi as i32;
    let base = year == BASE_YEAR;
    let us = Region::Us;
    let cn = Region::China;

    let h = c.heavy_share;
    // ---- 1. demand
    let world_raw = demand::world_demand_t(c, year);
    let dref = demand::reference_demand(c, year, &st.substitution);
    let mut refill_t = if base || st.stockpile_t >= c.stockpile_target_t {
        0.0
    } else {
        c.stockpile_refill_t
            .min(c.stockpile_target_t - st.stockpile_t)
            .max(0.0)
    };

    // ---- 1b. reaction rules, on last year's state (MODEL.md section 16)
    let mut release_t = 0.0;
    let mut rule_support_musd = 0.0;
    if !base {
        let last = st.last;
        if c.rule_cn_price_share > 0.0
            && last.us_sep_share > c.rule_cn_price_share
            && year >= st.strategy_until
        {
            st.strategy_until = year + c.strategy_years.max(1);
            rec.rule_cn_price_first.get_or_insert(year);
        }
        if c.rule_cn_tighten_musd > 0.0
            && last.us_public_musd > c.rule_cn_tighten_musd
            && st.tightened < 1.0
            && c.rule_cn_tighten_step > 0.0
        {
            st.tightened = (st.tightened + c.rule_cn_tighten_step).min(1.0);
            rec.rule_cn_tighten_first
                .get_or_insert((year, st.tightened * 100.0));
        }
        if c.rule_us_support_short > 0.0 && last.us_short_share > c.rule_us_support_short {
            rule_support_musd = c.rule_us_support_musd;
            let half = rule_support_musd / 2.0;
            add.public(c, us, half, half, year + c.lead_time);
            let lead = c.lead_time.max(1) as usize;
            for g in st.rule_grants.iter_mut().skip(yi).take(lead) {
                *g += rule_support_musd / lead as f64;
            }
            rec.rule_us_support_first
                .get_or_insert((year, rule_support_musd));
        }
        if c.rule_us_release_short > 0.0 && last.us_short_share > c.rule_us_release_short {
            release_t = st.stockpile_t.min(last.us_short_t).max(0.0);
            st.stockpile_t -= release_t;
            // While the rule sees a shortage the stockpile is not refilled, emptied or not:
            // buying back what it sells, or buying in the shortage it is there for, would only
            // churn the market.
            refill_t = 0.0;
            if release_t > 0.0 {
                rec.rule_us_release_first.get_or_insert((year, release_t));
            }
        }
    }

    // ---- 2. capacity, costs, and the ore routes
    let cap = capacity::capacity(c, add, yi);
    // Learning lowers the US full cost with cumulative output (two 2024 years as the base).
    let us_learning = money::learning_factor(c, st.cumulative_us_ndpr_t, st.learning_base_t);
    let costs = if base {
        PerRegion(c.cash_cost_2024.0.map(|cash| UnitCost {
            cash,
            full: cash + c.capital_charge_2024,
        }))
    } else {
        PerRegion([
            UnitCost::new(c, c.cash_cost[us] * us_learning),
            UnitCost::new(c, c.cash_cost[cn]),
            UnitCost::new(c, c.cash_cost[Region::Allies]),
            UnitCost::new(c, c.cash_cost[Region::RestOfWorld]),
        ])
    };
    let floor = c.floor_in_force(year).then_some(c.floor_usd_per_kg);
    let heavy_range = (
        c.heavy_cash_cost * (1.0 - c.plant_spread),
        c.heavy_cash_cost * (1.0 + c.plant_spread),
    );
    // How a region's NdPr plants decide: their cost range net of Dy+Tb revenue above its 2024
    // price, the share the floor covers, and whether a subsidy (or the base year) runs them all.
    let ndpr_setup = |r: Region, heavy_price: f64| {
        let content = c.ore_content[r];
        let heavy_per_ndpr = div(content[Material::Heavy], content[Material::Ndpr]);
        let credit = heavy_per_ndpr * (heavy_price - c.price_2024[Material::Heavy]);
        let range = chain::cost_range(c, costs[r].cash, credit);
        let covered = if r == us && floor.is_some() {
            match c.floor_coverage {
                config::FloorCoverage::MpOnly => cap.sep[us][Material::Ndpr] * cap.us_sep_mp_share,
                config::FloorCoverage::AllUs => f64::INFINITY,
            }
        } else {
            0.0
        };
        let always = base || (r == us && c.subsidise_gap);
        let offtake = (r == us && c.offtake_t > 0.0 && c.offtake.contains(year))
            .then_some((c.offtake_t, c.offtake_price));
        (
            range,
            covered,
            offtake,
            if r == us { floor } else { None },
            always,
        )
    };
    let mut pass = [[1.0; 4]; 4];
    if c.us_ore_to_china_stopped {
        // MP stopped sales to China in July 2025: half of 2025's, all of them after.
        pass[us.index()][cn.index()] = if year < 2025 {
            1.0
        } else if year == 2025 {
            0.5
        } else {
            0.0
        };
    }
    let mut ore = [chain::OreFlows::default(); 2];
    let mut feed = PerRegion::<PerMaterial<f64>>::default();
    let mut us_sep_want = 0.0;
    for m in Material::ALL {
        let mut mined_now = PerRegion::splat(0.0);
        let mut held = PerRegion::splat(0.0);
        let mut want = PerRegion::splat(0.0);
        for r in Region::ALL {
            mined_now[r] = cap.ore[r][m];
            held[r] = st.concentrate[r][m];
            // Plants buy the ore they expect to run: what their plants make at the price they
            // expect (those a floor, an offtake or a subsidy runs whatever the price included).
            // Idle plants buying ore would take it from running ones elsewhere, and the ore they
            // held would make their region's mines cut.
            let expected = st.expected[r][m];
            want[r] = match m {
                Material::Ndpr => {
                    let (range, covered, offtake, floor_r, always) =
                        ndpr_setup(r, st.expected[r][Material::Heavy]);
                    chain::ndpr_plants(cap.sep[r][m], covered, offtake, range, floor_r, always)
                        .total(expected)
                }
                Material::Heavy => {
                    chain::ndpr_plants(cap.sep[r][m], 0.0, None, heavy_range, None, base)
                        .total(expected)
                }
            };
        }
        us_sep_want += want[us];
        mined_now[cn] += c.other_feed_cn_t * recipe_share(c.heavy_share, m);
        ore[m.index()] = chain::route_ore(&mined_now, &held, &want, &pass);
        for r in Region::ALL {
            feed[r][m] = ore[m.index()].received(r);
        }
    }

    // ---- 3. recycled material and swarf
    let recycled = demand::recycled(c, year);
    let mut fixed = PerRegion::<PerMaterial<f64>>::default();
    let mut scrap = PerRegion::<PerMaterial<f64>>::default();
    for r in Region::ALL {
        for m in Material::ALL {
            scrap[r][m] = c.scrap_yield * st.last_magnets[r][m];
            fixed[r][m] = recycled[r][m] + scrap[r][m];
        }
    }
    // Stockpile released to US buyers by the US rule: supply in the US this year.
    for m in Material::ALL {
        fixed[us][m] += release_t * recipe_share(c.heavy_share, m);
    }
    // The US tariff on Chinese magnets: US buyers pay it on the part of their demand that magnet
    // plants outside China cannot serve this year (US plants, and allied plants' capacity beyond
    // allied and other buyers' demand when allies redirect supply), and buy less, as at a price
    // that much higher. Capacities, not last year's trade, so the tariff does not feed on itself.
    let tariff = if !base && year >= c.tariff_start {
        c.tariff
    } else {
        0.0
    };
    let us_demand_t = dref[us].sum();
    let tariff_share = if tariff > 0.0 && us_demand_t > 0.0 {
        let others = [Region::Allies, Region::RestOfWorld];
        let spare = if c.allies_redirect {
            others
                .iter()
                .map(|&r| cap.magnet[r] - dref[r].sum())
                .sum::<f64>()
                .max(0.0)
        } else {
            0.0
        };
        1.0 - ((cap.magnet[us] + spare) / us_demand_t).min(1.0)
    } else {
        0.0
    };
    let tariff_factor = (1.0 - c.demand_response * tariff * tariff_share).max(0.0);

    // ---- 4. markets: Dy+Tb first, since it limits the heat-resistant magnets that use NdPr
    let (mut keep_all, mut keep_us) = c.keep_in(year, st.tightened);
    // The extraterritorial rule: Chinese oxide made into magnets abroad needs the magnets'
    // licence too, so only the share licensed twice ships.
    if c.extraterritorial_from.is_some_and(|from| year >= from) {
        for k in [&mut keep_all, &mut keep_us] {
            for m in Material::ALL {
                k.oxide[m] *= k.magnets[m];
            }
        }
    }
    // China's price strategy (its lever, or started by its rule): NdPr outside China at a share
    // of the cheapest rival's cash cost.
    let strategy_on =
        (c.strategy > 0.0 && c.strategy_window.contains(year)) || year < st.strategy_until;
    let strategy_price = (strategy_on && !base).then(|| {
        let level = if c.strategy > 0.0 {
            c.strategy
        } else {
            config::RULE_STRATEGY_DEFAULT
        };
        let cheapest = Region::EX_CHINA
            .iter()
            .map(|&r| costs[r].cash)
            .fold(f64::INFINITY, f64::min);
        level * cheapest
    });
    if strategy_price.is_some() {
        rec.strategy_first.get_or_insert(year);
    }
    let export_tax = if !base && c.export_tax_window.contains(year) {
        c.export_tax
    } else {
        0.0
    };
    let quota_on = !base && c.quota_keep < 1.0 && c.quota.contains(year);
    let market_input = |m: Material| {
        let share = recipe_share(c.heavy_share, m);
        let p_ref = c.price_2024[m];
        let (p_min, p_max) = if base {
            (p_ref, p_ref)
        } else {
            (p_ref / c.price_cap_multiple, p_ref * c.price_cap_multiple)
        };
        let d_ex: f64 = Region::EX_CHINA.iter().map(|&r| dref[r][m]).sum();
        MarketInput {
            sides: PerRegion::default(),
            stock_cn: st.stock_cn[m],
            stock_ex: st.stock_ex[m],
            stock_ref_cn: c.stock_cover_cn_yr * dref[cn][m],
            stock_ref_ex: c.stock_cover_ex_yr * d_ex,
            p_ref,
            p_min,
            p_max,
            response: if base { 0.0 } else { c.demand_response },
            sensitivity: if base { 0.0 } else { c.stock_sensitivity },
            us_fixed_purchase: refill_t * share,
            // Magnet plants outside China run on their own metal when metal from China is
            // controlled too, else on any metal.
            conversion_ex: if keep_all.oxide[m] < 1.0 {
                cap.magnet.ex_china().min(cap.metal.ex_china())
            } else {
                cap.magnet.ex_china()
            } * share,
            conversion_us: cap.magnet[us] * share,
            keep_all: KeepShares {
                oxide: keep_all.oxide[m],
                magnets: keep_all.magnets[m],
            },
            keep_us: KeepShares {
                oxide: keep_us.oxide[m],
                magnets: keep_us.magnets[m],
            },
            allies_redirect: c.allies_redirect,
            export_tax,
            quota_t: if quota_on {
                c.quota_keep * st.china_exports_2024[m].max(0.0)
            } else {
                f64::INFINITY
            },
            cn_priority: if base { 0.0 } else { c.cn_priority },
            strategy_price: if m == Material::Ndpr {
                strategy_price
            } else {
                None
            },
        }
    };
    let mut heavy_in = market_input(Material::Heavy);
    for r in Region::ALL {
        heavy_in.sides[r] = Side {
            demand_ref: dref[r][Material::Heavy] * if r == us { tariff_factor } else { 1.0 },
            plants: chain::ndpr_plants(
                feed[r][Material::Heavy],
                0.0,
                None,
                heavy_range,
                None,
                base,
            ),
            fixed: fixed[r][Material::Heavy],
        };
    }
    let heavy = market::clear_material(&heavy_in);

    let mut ndpr_in = market_input(Material::Ndpr);
    let mut heat_share = PerRegion::splat(1.0);
    for r in Region::ALL {
        // The base year is data: no heat-resistant magnet went unmade for want of Dy+Tb.
        if !base {
            heat_share[r] =
                demand::heat_resistant_share(c, heavy.consumption[r], dref[r][Material::Heavy]);
        }
        let ndpr_ref = demand::ndpr_demand_after_heavy(c, dref[r][Material::Ndpr], heat_share[r]);
        let (range, covered_share, offtake, floor_r, always) = ndpr_setup(r, heavy.oxide_price[r]);
        ndpr_in.sides[r] = Side {
            demand_ref: ndpr_ref * if r == us { tariff_factor } else { 1.0 },
            plants: chain::ndpr_plants(
                feed[r][Material::Ndpr],
                covered_share,
                offtake,
                range,
                floor_r,
                always,
            ),
            fixed: fixed[r][Material::Ndpr],
        };
    }
    let ndpr = market::clear_material(&ndpr_in);
    let markets: [&MarketResult; 2] = [&ndpr, &heavy];

    // ---- 5. separation output, concentrate stocks, the chain's stages
    let mut sep_out = PerRegion::<PerMaterial<f64>>::default();
    let mut mined = cap.ore;
    for r in Region::ALL {
        sep_out[r][Material::Ndpr] = ndpr.production[r];
        sep_out[r][Material::Heavy] = heavy.production[r];
        for m in Material::ALL {
            // Ore nobody could take, and feed a plant did not run, is kept for later years; but
            // a mine holding more than a year of its output mines less instead.
            let held = ore[m.index()].unsold[r] + (feed[r][m] - sep_out[r][m]).max(0.0);
            let cut = (held - cap.ore[r][m]).max(0.0).min(cap.ore[r][m]);
            mined[r][m] -= cut;
            st.concentrate[r][m] = held - cut;
        }
    }
    let mut stages = [chain::Stages::default(); 2];
    for m in Material::ALL {
        let share = recipe_share(c.heavy_share, m);
        let mut own = PerRegion::splat(0.0);
        for r in Region::ALL {
            own[r] = sep_out[r][m] + fixed[r][m];
        }
        stages[m.index()] = chain::stages(
            markets[m.index()].converted_ex,
            &markets[m.index()].consumption,
            &own,
            &cap.metal,
            &cap.magnet,
            &ore[m.index()],
            share,
            // 2024 is data: allies redirected nothing to the US then.
            c.allies_redirect && !base,
        );
        for r in Region::ALL {
            st.last_magnets[r][m] = stages[m.index()].magnet[r];
        }
        st.stock_cn[m] = markets[m.index()].stock_cn;
        st.stock_ex[m] = markets[m.index()].stock_ex;
    }

    // ---- 6. buyers: shortfall, stockpile, defence
    let consumption = PerRegion([
        ndpr.consumption[us] + heavy.consumption[us],
        ndpr.consumption[cn] + heavy.consumption[cn],
        ndpr.consumption[Region::Allies] + heavy.consumption[Region::Allies],
        ndpr.consumption[Region::RestOfWorld] + heavy.consumption[Region::RestOfWorld],
    ]);
    let dtot = chain::total(&dref);
    // What the stockpile could buy (a market short even at its ceiling sells it less).
    let bought_t = ndpr.purchased + heavy.purchased;
    st.stockpile_t += bought_t;
    let us_short_before = (dtot[us] - consumption[us]).max(0.0);
    let non_chinese = stages[0].us_non_chinese + stages[1].us_non_chinese;
    let defence = c.defence_t.min(dtot[us]);
    // Defence is served first: from the supply the sourcing rule lets count, then the stockpile.
    let counts = if c.defence_non_chinese_only || base {
        non_chinese
    } else {
        consumption[us]
    };
    let draw = st
        .stockpile_t
        .min(us_short_before)
        .min((defence - counts).max(0.0));
    st.stockpile_t -= draw;
    let defence_coverage = if defence > 0.0 {
        ((counts + draw) / defence).min(1.0)
    } else {
        1.0
    };
    let mut shortfall = PerRegion::splat(0.0);
    for r in Region::ALL {
        shortfall[r] = (dtot[r] - consumption[r]).max(0.0);
    }
    shortfall[us] = (us_short_before - draw).max(0.0);
    let us_short_m = [
        (dref[us][Material::Ndpr] - ndpr.consumption[us]).max(0.0),
        (dref[us][Material::Heavy] - heavy.consumption[us]).max(0.0),
    ];
    let draw_m = [
        draw * div(us_short_m[0], us_short_m[0] + us_short_m[1]),
        draw * div(us_short_m[1], us_short_m[0] + us_short_m[1]),
    ];

    // ---- 7. self-sufficiency
    let ratio = |num: f64, den: f64| if den > 0.0 { (num / den).min(1.0) } else { 1.0 };
    let us_stage = |m: Material| {
        [
            mined[us][m],
            sep_out[us][m] + recycled[us][m],
            stages[m.index()].metal[us],
            stages[m.index()].magnet[us],
        ]
    };
    let (s_n, s_h) = (us_stage(Material::Ndpr), us_stage(Material::Heavy));
    let mut ss = [0.0; 4];
    let mut ss_heavy = [0.0; 4];
    for s in 0..4 {
        ss[s] = ratio(s_n[s] + s_h[s], dtot[us]);
        ss_heavy[s] = ratio(s_h[s], dref[us][Material::Heavy]);
    }
    let chain_ss = ss.iter().copied().fold(1.0, f64::min);
    let us_caps = [
        cap.ore[us].sum(),
        cap.sep[us].sum(),
        cap.metal[us],
        cap.magnet[us],
    ];
    let controls_cut = markets
        .iter()
        .any(|m| m.china_exports < m.china_exports_free - 1e-6 * (1.0 + m.china_exports_free));
    let (bottleneck_stage, bottleneck_cause) = chain::bottleneck(
        [0, 1, 2, 3].map(|s| s_n[s] + s_h[s]),
        us_caps,
        ss,
        us_sep_want,
        feed[us].sum(),
        controls_cut,
    );
    let chain_heavy = ss_heavy.iter().copied().fold(1.0, f64::min);

    // ---- 8. costs and public money
    let us_ndpr_t = ndpr.production[us];
    if base {
        st.learning_base_t = (2.0 * us_ndpr_t).max(100.0);
        st.cumulative_us_ndpr_t = st.learning_base_t;
    }
    st.cumulative_us_ndpr_t += us_ndpr_t;
    let invest_start = p.invest_start_year.round() as i32;
    let in_build = year >= invest_start && year < invest_start + c.lead_time;
    let grants = if in_build {
        (p.invest_separation_musd + p.invest_magnet_musd) / f64::from(c.lead_time)
    } else {
        0.0
    } + st.rule_grants[yi];
    let allies_grants = if in_build {
        c.invest_allies_musd / f64::from(c.lead_time)
    } else {
        0.0
    };
    let guarantee_due = if c.deal_projects && !base && nameplate_10x > 0.0 {
        let cap_10x = cap.magnet[us] * cap.us_magnet_10x_share / c.util_magnet[us].max(1e-9);
        c.ebitda_guarantee_musd
            * 1.02f64.powi((year - GUARANTEE_BASE_YEAR).max(0))
            * (cap_10x / nameplate_10x).min(1.0)
    } else {
        0.0
    };
    let us_magnets = stages[0].magnet[us] + stages[1].magnet[us];
    let pay = money::public_money(
        c,
        &Payments {
            covered_t: ndpr.production_covered[us],
            uncovered_t: ndpr.production[us]
                - ndpr.production_covered[us]
                - ndpr.production_offtake[us],
            oxide_price: ndpr.oxide_price[us],
            floor,
            us_cost: costs[us],
            output_10x_t: us_magnets * cap.us_magnet_10x_share,
            guarantee_due_musd: guarantee_due,
            grants_musd: grants,
            equity_loans_musd: if c.deal_projects && year == 2025 {
                c.deal_equity_loans_musd
            } else {
                0.0
            },
            stockpile_t: bought_t,
            stockpile_price: (1.0 - h) * ndpr.price[us] + h * heavy.price[us],
            stockpile_sold_t: release_t,
            offtake_t: ndpr.production_offtake[us],
            offtake_price: c.offtake_price,
            base_year: base,
        },
    );
    let public_musd = pay.total();
    st.public_cumulative_musd += public_musd;

    // ---- 9. what this year teaches investors, and their orders
    for r in Region::ALL {
        for (m, res) in [(Material::Ndpr, &ndpr), (Material::Heavy, &heavy)] {
            let e = &mut st.expected[r][m];
            *e += c.expectation_step * (res.oxide_price[r] - *e);
        }
    }
    // Scarcity premium of magnets made outside China over the oxide they contain, per kg of
    // oxide (recipe-weighted): the signal for new metal and magnet plants there.
    let premium = (1.0 - h)
        * (ndpr.price[Region::Allies] - ndpr.oxide_price[Region::Allies]).max(0.0)
        + h * (heavy.price[Region::Allies] - heavy.oxide_price[Region::Allies]).max(0.0);
    st.expected_premium += c.expectation_step * (premium - st.expected_premium);
    let mut orders = capacity::Orders::default();
    if !base {
        let mut value = PerRegion::splat(0.0);
        for r in Region::ALL {
            let content = c.ore_content[r];
            let heavy_per_ndpr = div(content[Material::Heavy], content[Material::Ndpr]);
            value[r] = st.expected[r][Material::Ndpr]
                + heavy_per_ndpr
                    * (st.expected[r][Material::Heavy] - c.price_2024[Material::Heavy]);
        }
        // A floor covering all US output, and still running when new plants start, is part of
        // what US investors expect.
        if c.floor_coverage == config::FloorCoverage::AllUs && c.floor_in_force(year + c.lead_time)
        {
            value[us] = value[us].max(c.floor_usd_per_kg);
        }
        // Offtake contracts still running when new plants start count on the part of US
        // capacity they cover.
        if c.offtake_t > 0.0 && c.offtake.contains(year + c.lead_time) {
            let s = c.offtake_t / (c.offtake_t + cap.sep[us][Material::Ndpr]);
            value[us] += s * (c.offtake_price - value[us]).max(0.0);
        }
        // New projects outside China and the US are weighed at the new-project cost, not at the
        // cash cost of the plants already running there (Benchmark's incentive price).
        let mut full_cost = PerRegion(costs.0.map(|k| k.full));
        let new_ex = UnitCost::new(c, c.new_project_cash_ex).full;
        full_cost[Region::Allies] = new_ex;
        full_cost[Region::RestOfWorld] = new_ex;
        // A tariff on Chinese magnets still in force when new plants start protects US magnet
        // makers: they can sell that much above the oxide-equivalent price of the Chinese
        // magnets they displace.
        let mut magnet_premium = PerRegion::splat(st.expected_premium);
        if c.tariff > 0.0 && year + c.lead_time >= c.tariff_start {
            let oxide_value =
                (1.0 - h) * st.expected[us][Material::Ndpr] + h * st.expected[us][Material::Heavy];
            magnet_premium[us] += c.tariff * oxide_value;
        }
        let e = Expectation {
            ndpr_value: value,
            full_cost,
            magnet_premium,
            world_demand_t: world_raw,
        };
        orders = capacity::order(c, &cap, &e, year, add);
        if orders.separation[us] > 0.0 && rec.private_us_first.is_none() {
            rec.private_us_first = Some(year + c.lead_time);
        }
    }

    // ---- 10. substitution for next year (2024's prices are the references: nothing to answer)
    let substitution_now = st.substitution;
    for r in Region::ALL {
        if base {
            break;
        }
        let index = demand::price_index(c, &PerMaterial([ndpr.price[r], heavy.price[r]]));
        st.substitution[r] = demand::next_substitution(c, st.substitution[r], index);
    }

    // ---- 11. facts for warnings
    let us_feed = feed[us][Material::Ndpr];
    let us_idle = (us_feed - us_ndpr_t).max(0.0);
    if !base && us_idle > 1.0 && us_idle > 0.05 * us_feed && rec.us_idle_first.is_none() {
        rec.us_idle_first = Some((year, us_idle));
    }
    let cn_idle = (feed[cn][Material::Ndpr] - ndpr.production[cn]).max(0.0);
    if !base && cn_idle > 0.05 * feed[cn][Material::Ndpr] && rec.china_idle_first.is_none() {
        rec.china_idle_first = Some((year, cn_idle));
    }
    let us_ore_unsold = ore[0].unsold[us] + ore[1].unsold[us];
    if us_ore_unsold > 1.0 && c.us_ore_to_china_stopped && rec.us_ore_stocked_first.is_none() {
        rec.us_ore_stocked_first = Some((year, us_ore_unsold));
    }
    for (m, res) in [(Material::Ndpr, &ndpr), (Material::Heavy, &heavy)] {
        if res.rationed && !base && rec.rationed_first.is_none() {
            rec.rationed_first = Some((year, m));
        }
    }

    // ---- 12. write the year
    let mut set = |s: Series, v: f64| out.set(s, yi, v);
    set(Series::DemandWorld, dtot.sum());
    for r in Region::ALL {
        let i = r.index();
        set(Series::DemandUs.offset(i), dtot[r]);
        set(Series::ShortfallUs.offset(i), shortfall[r]);
        set(Series::OutputMiningUs.offset(i), mined[r].sum());
        set(Series::OutputSeparationUs.offset(i), sep_out[r].sum());
        set(
            Series::OutputMetalUs.offset(i),
            stages[0].metal[r] + stages[1].metal[r],
        );
        set(
            Series::OutputMagnetUs.offset(i),
            stages[0].magnet[r] + stages[1].magnet[r],
        );
        set(
            Series::MineReoUs.offset(i),
            cap.mine_reo[r] * div(mined[r].sum(), cap.ore[r].sum()),
        );
    }
    set(Series::UsDemandNdpr, dref[us][Material::Ndpr]);
    set(Series::UsDemandHeavy, dref[us][Material::Heavy]);
    set(Series::ShortfallWorld, shortfall.sum());
    set(
        Series::ShortfallUsNdpr,
        (us_short_m[0] - draw_m[0]).max(0.0),
    );
    set(
        Series::ShortfallUsHeavy,
        (us_short_m[1] - draw_m[1]).max(0.0),
    );
    set(Series::SupplyUs, consumption[us]);
    let stage_world = |f: &dyn Fn(Region) -> f64| Region::ALL.iter().map(|&r| f(r)).sum::<f64>();
    let china_shares = [
        div(mined[cn].sum(), stage_world(&|r| mined[r].sum())),
        div(sep_out[cn].sum(), stage_world(&|r| sep_out[r].sum())),
        div(
            stages[0].metal[cn] + stages[1].metal[cn],
            stage_world(&|r| stages[0].metal[r] + stages[1].metal[r]),
        ),
        div(
            stages[0].magnet[cn] + stages[1].magnet[cn],
            stage_world(&|r| stages[0].magnet[r] + stages[1].magnet[r]),
        ),
    ];
    for s in 0..4 {
        set(Series::UsCapacityMining.offset(s), us_caps[s]);
        set(Series::UsSelfSufficiencyMining.offset(s), ss[s] * 100.0);
        set(Series::ChinaShareMining.offset(s), china_shares[s] * 100.0);
    }
    for flow in 0..4 {
        for o in 0..3 {
            set(
                Series::UsImportsConcentrateCn.offset(flow * 3 + o),
                stages[0].us_imports[flow][o] + stages[1].us_imports[flow][o],
            );
        }
    }
    set(Series::ConcentrateStockUs, st.concentrate[us].sum());
    set(
        Series::ConcentrateStockWorld,
        Region::ALL.iter().map(|&r| st.concentrate[r].sum()).sum(),
    );
    set(Series::StockNdprCn, st.stock_cn[Material::Ndpr]);
    set(Series::StockNdprEx, st.stock_ex[Material::Ndpr]);
    set(Series::StockHeavyCn, st.stock_cn[Material::Heavy]);
    set(Series::StockHeavyEx, st.stock_ex[Material::Heavy]);
    set(
        Series::Withheld,
        markets
            .iter()
            .map(|m| (m.china_exports_free - m.china_exports).max(0.0))
            .sum(),
    );
    set(Series::UsSelfSufficiencyChain, chain_ss * 100.0);
    set(Series::UsBottleneckStage, f64::from(bottleneck_stage));
    set(Series::UsBottleneckCause, f64::from(bottleneck_cause));
    set(Series::UsSelfSufficiencyHeavyChain, chain_heavy * 100.0);
    set(Series::UsDefenceCoverage, defence_coverage * 100.0);
    set(
        Series::UsNonChinaSupply,
        div(non_chinese, consumption[us]).min(1.0) * 100.0,
    );
    set(Series::UnitCostUs, costs[us].full * 1000.0);
    set(Series::UnitCostCn, costs[cn].full * 1000.0);
    set(
        Series::CostPremium,
        div(costs[us].full - costs[cn].full, costs[cn].full) * 100.0,
    );
    set(Series::CashCostUs, costs[us].cash * 1000.0);
    set(Series::PriceNdprCn, ndpr.oxide_price[cn]);
    set(Series::PriceNdprEx, ndpr.oxide_price[Region::Allies]);
    // US buyers pay the tariff on the Chinese share of their magnets.
    let tariff_markup = 1.0 + tariff * tariff_share;
    set(Series::PriceNdprUs, ndpr.price[us] * tariff_markup);
    set(Series::PriceHeavyCn, heavy.oxide_price[cn]);
    set(Series::PriceHeavyEx, heavy.oxide_price[Region::Allies]);
    set(Series::PriceHeavyUs, heavy.price[us] * tariff_markup);
    set(Series::MagnetPremiumEx, premium);
    set(
        Series::WedgeNdpr,
        div(ndpr.price[Region::Allies] - ndpr.price[cn], ndpr.price[cn]) * 100.0,
    );
    set(
        Series::WedgeHeavy,
        div(
            heavy.price[Region::Allies] - heavy.price[cn],
            heavy.price[cn],
        ) * 100.0,
    );
    let refined: f64 = Region::ALL.iter().map(|&r| sep_out[r].sum()).sum();
    set(
        Series::RefinedSupplyToDemand,
        div(refined, world_raw) * 100.0,
    );
    set(
        Series::UsSeparationRunning,
        div(us_ndpr_t, us_feed).min(1.0) * 100.0,
    );
    set(Series::UsCapacityIdle, us_idle);
    set(Series::ChinaCapacityIdle, cn_idle);
    set(Series::InvestPrivateUs, orders.cost_musd[us]);
    set(Series::InvestPrivateExChina, orders.cost_musd.ex_china());
    set(Series::CapacityOrderedUs, orders.separation[us]);
    set(Series::PublicCost, public_musd);
    set(Series::PublicCostCumulative, st.public_cumulative_musd);
    set(Series::PublicFloor, pay.floor);
    set(Series::PublicSubsidy, pay.subsidy);
    set(Series::PublicGuarantee, pay.guarantee);
    set(Series::PublicGrants, pay.grants);
    set(Series::PublicEquityLoans, pay.equity_loans);
    set(Series::PublicStockpile, pay.stockpile);
    set(Series::Stockpile, st.stockpile_t);
    set(Series::StockpileDraw, draw);
    set(
        Series::StockpileMonthsOfCover,
        div(st.stockpile_t, dtot[us] / 12.0),
    );
    set(Series::RecycledUs, recycled[us].sum());
    set(
        Series::RecycledWorld,
        Region::ALL.iter().map(|&r| recycled[r].sum()).sum(),
    );
    set(
        Series::ScrapWorld,
        Region::ALL.iter().map(|&r| scrap[r].sum()).sum(),
    );
    set(Series::SubstitutionUs, substitution_now[us] * 100.0);
    set(
        Series::MineReoWorld,
        Region::ALL
            .iter()
            .map(|&r| cap.mine_reo[r] * div(mined[r].sum(), cap.ore[r].sum()))
            .sum(),
    );
    set(Series::SupplyWorld, consumption.sum());
    set(Series::HeatResistantShareUs, heat_share[us] * 100.0);

    // ---- 13. the contest's payoffs, and what next year's rules will read
    let musd = money::MUSD_PER_T_AT_USD_PER_KG;
    let tariff_revenue = tariff
        * (stages[0].us_imports[3][0] * ndpr.price[us]
            + stages[1].us_imports[3][0] * heavy.price[us])
        * musd;
    let china_revenue: f64 = markets
        .iter()
        .map(|m| m.china_exports.max(0.0) * m.oxide_price[Region::Allies])
        .sum::<f64>()
        * musd;
    let forgone: f64 = markets.iter().map(|m| m.forgone_t_usd_per_kg).sum::<f64>() * musd;
    let control1 = c.controls[0];
    let severity = if control1.in_force(year) {
        1.0 - control1.keep
    } else {
        0.0
    };
    set(Series::PublicOfftake, pay.offtake);
    set(Series::PublicStockpileSales, pay.stockpile_sales);
    set(Series::StockpileRelease, release_t);
    set(Series::TariffRevenue, tariff_revenue);
    set(Series::ChinaExportRevenue, china_revenue);
    set(Series::ChinaRevenueForgone, forgone);
    set(
        Series::AlliesSupplySecurity,
        if dtot[Region::Allies] > 0.0 {
            (consumption[Region::Allies] / dtot[Region::Allies]).min(1.0) * 100.0
        } else {
            100.0
        },
    );
    set(Series::PublicCostAllies, allies_grants);
    set(
        Series::ControlSeverity,
        (severity + st.tightened).min(1.0) * 100.0,
    );
    set(Series::StrategyPrice, strategy_price.unwrap_or(0.0));
    set(Series::UsRuleSupport, rule_support_musd);
    set(Series::CapacityOrderedExChina, orders.separation.ex_china());
    if base {
        for m in Material::ALL {
            st.china_exports_2024[m] = markets[m.index()].china_exports;
        }
    }
    st.last = LastYear {
        us_sep_share: div(sep_out[us].sum(), refined),
        us_public_musd: public_musd,
        us_short_t: shortfall[us],
        us_short_share: div(shortfall[us], dtot[us]),
    };
}
