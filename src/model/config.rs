//! The inputs turned into the types the engine works with: choices as enums, percentages as
//! fractions, years as integers, per-region figures as arrays. Built once per projection.

use super::{BASE_YEAR, GROWTH_BREAK_YEAR};
use crate::params::Inputs;
use crate::region::{Material, PerMaterial, PerRegion};

/// What an export control covers (`ban*_scope`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ControlScope {
    Off,
    /// Dy and Tb in every form, magnets containing them included (the April 2025 list).
    Heavy,
    /// The above, plus every magnet (so NdPr too when it leaves China inside a magnet).
    HeavyAndMagnets,
    /// NdPr, Dy and Tb in every form.
    All,
}

impl ControlScope {
    fn from_code(v: f64) -> Self {
        match v.round() as i32 {
            1 => ControlScope::Heavy,
            2 => ControlScope::HeavyAndMagnets,
            3 => ControlScope::All,
            _ => ControlScope::Off,
        }
    }

    /// Whether the control covers `material` when it leaves China as oxide or metal.
    pub fn covers_oxide(self, material: Material) -> bool {
        match self {
            ControlScope::Off => false,
            ControlScope::Heavy | ControlScope::HeavyAndMagnets => material == Material::Heavy,
            ControlScope::All => true,
        }
    }

    /// Whether the control covers `material` when it leaves China inside magnets.
    pub fn covers_magnets(self, material: Material) -> bool {
        match self {
            ControlScope::Off => false,
            ControlScope::Heavy => material == Material::Heavy,
            ControlScope::HeavyAndMagnets | ControlScope::All => true,
        }
    }
}

/// Whom an export control is aimed at (`ban*_target`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ControlTarget {
    UsOnly,
    AllBuyers,
}

/// One export-control schedule.
#[derive(Clone, Copy, Debug)]
pub struct Control {
    pub scope: ControlScope,
    pub target: ControlTarget,
    pub start_year: i32,
    /// First year it no longer applies.
    pub end_year: i32,
    /// Share of covered exports that still ships (1 − severity).
    pub keep: f64,
}

impl Control {
    pub fn in_force(&self, year: i32) -> bool {
        self.scope != ControlScope::Off && year >= self.start_year && year < self.end_year
    }
}

/// Years `[start, end)` in which a timed lever applies.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Window {
    pub start: i32,
    pub end: i32,
}

impl Window {
    pub fn new(start: f64, years: f64) -> Window {
        Window {
            start: year(start),
            end: year(start + years),
        }
    }

    pub fn contains(&self, y: i32) -> bool {
        y >= self.start && y < self.end
    }
}

/// Whose output the price floor guarantees (`price_floor_coverage`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FloorCoverage {
    MpOnly,
    AllUs,
}

/// Shares of each covered form that still leave China in a year, for one destination group.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Keep {
    pub oxide: PerMaterial<f64>,
    pub magnets: PerMaterial<f64>,
}

impl Keep {
    pub const FREE: Keep = Keep {
        oxide: PerMaterial([1.0; 2]),
        magnets: PerMaterial([1.0; 2]),
    };
}

/// The inputs as the engine uses them. Fractions are 0-1, prices $/kg, quantities t/yr.
#[derive(Clone, Debug)]
pub struct Config {
    pub horizon: i32,
    pub n_years: usize,
    // demand
    pub world_demand_2024_t: f64,
    pub growth_to_2030: f64,
    pub growth_after_2030: f64,
    /// Demand growth before 2024 (end-of-life flows come from it): the catalogue default.
    pub growth_history: f64,
    pub demand_share: PerRegion<f64>,
    pub heavy_share: f64,
    pub heavy_grade_share: f64,
    pub heavy_thrift_short_run: f64,
    pub dytb_thrift: f64,
    pub demand_response: f64,
    pub substitution_rate: f64,
    pub substitution_cap: f64,
    pub defence_t: f64,
    // mining and capacity
    pub mine_reo_2024: PerRegion<f64>,
    pub mine_growth: PerRegion<f64>,
    pub growth_after_2030_capacity: f64,
    pub processing_growth: PerRegion<f64>,
    pub ore_content: PerRegion<PerMaterial<f64>>,
    /// Growth factors by years after 2024, computed once: mines, processing (separation and, in
    /// China, metal and magnets) and metal and magnet plants outside China.
    pub growth_mine: PerRegion<[f64; MAX_YEARS]>,
    pub growth_processing: PerRegion<[f64; MAX_YEARS]>,
    pub growth_conversion: [f64; MAX_YEARS],
    pub util_mine: PerRegion<f64>,
    pub util_sep: PerRegion<f64>,
    pub util_metal: PerRegion<f64>,
    pub util_magnet: PerRegion<f64>,
    pub sep_cap_2024: PerRegion<PerMaterial<f64>>,
    pub metal_cap_2024: PerRegion<f64>,
    /// Magnet capacity in t/yr of oxide equivalent.
    pub magnet_cap_2024: PerRegion<f64>,
    pub oxide_per_magnet: f64,
    pub other_feed_cn_t: f64,
    pub scrap_yield: f64,
    // investment
    pub investment_rate: f64,
    pub pipeline_spread: f64,
    pub lead_time: i32,
    pub ramp_years: f64,
    pub capex_separation: f64,
    pub capex_magnet: f64,
    pub capital_recovery: f64,
    // costs: cash costs in $/kg of NdPr oxide
    pub cash_cost: PerRegion<f64>,
    /// Cash cost of a new allied or rest-of-world NdPr project, $/kg (private orders only).
    pub new_project_cash_ex: f64,
    /// The base year's cash costs and capital charge, $/kg: the catalogue's defaults, since 2024
    /// is data and the cost levers act from 2025.
    pub cash_cost_2024: PerRegion<f64>,
    pub capital_charge_2024: f64,
    pub plant_spread: f64,
    /// Cash cost of Dy+Tb separation, $/kg.
    pub heavy_cash_cost: f64,
    pub learning_rate: f64,
    // policy
    pub floor_usd_per_kg: f64,
    pub floor_start: i32,
    pub floor_end: i32,
    pub floor_coverage: FloorCoverage,
    pub subsidise_gap: bool,
    pub ebitda_guarantee_musd: f64,
    pub deal_equity_loans_musd: f64,
    pub deal_projects: bool,
    pub controls: [Control; 2],
    pub allies_redirect: bool,
    pub us_ore_to_china_stopped: bool,
    // markets
    pub price_2024: PerMaterial<f64>,
    pub price_cap_multiple: f64,
    pub stock_sensitivity: f64,
    pub stock_cover_cn_yr: f64,
    pub stock_cover_ex_yr: f64,
    pub expectation_step: f64,
    // stockpile and recycling
    pub stockpile_start_t: f64,
    pub stockpile_target_t: f64,
    pub stockpile_refill_t: f64,
    pub recycling_2024: f64,
    pub recycling_target: f64,
    pub recycling_target_year: f64,
    pub lifetime_yr: i32,
    // the contest: China's levers (MODEL.md section 16)
    /// Export quota: the share of 2024 exports still allowed, and when.
    pub quota_keep: f64,
    pub quota: Window,
    pub export_tax: f64,
    pub export_tax_window: Window,
    /// Price strategy: the ex-China NdPr price as a share of the cheapest rival's cash cost.
    pub strategy: f64,
    pub strategy_window: Window,
    pub strategy_years: i32,
    pub extraterritorial_from: Option<i32>,
    pub cn_priority: f64,
    // the US's and allies' levers
    pub tariff: f64,
    pub tariff_start: i32,
    pub offtake_t: f64,
    pub offtake_price: f64,
    pub offtake: Window,
    pub defence_non_chinese_only: bool,
    pub invest_allies_musd: f64,
    // reaction rules (0 is off)
    pub rule_cn_price_share: f64,
    pub rule_cn_tighten_musd: f64,
    pub rule_cn_tighten_step: f64,
    pub rule_us_support_short: f64,
    pub rule_us_support_musd: f64,
    pub rule_us_release_short: f64,
}

/// The price strategy's level when a reaction rule starts it and the lever is at 0: 90% of the
/// cheapest rival's cash cost.
pub const RULE_STRATEGY_DEFAULT: f64 = 0.9;

/// Largest horizon the catalogue allows, for fixed-size yearly arrays.
pub const MAX_YEARS: usize = (2050 - BASE_YEAR + 1) as usize;

/// The catalogue default of a parameter (for the base year, which no lever moves).
fn default_of(id: &str) -> f64 {
    crate::params::spec(id).map_or(0.0, |s| s.default)
}

/// Capital recovery factor: the yearly charge that repays capital at rate `r` over `n` years.
fn capital_recovery_factor(r: f64, n: f64) -> f64 {
    let n = n.max(1.0);
    if r > 0.0 {
        r / (1.0 - (1.0 + r).powf(-n))
    } else {
        1.0 / n
    }
}

fn pct(v: f64) -> f64 {
    v / 100.0
}

fn year(v: f64) -> i32 {
    v.round() as i32
}

impl Config {
    pub fn new(p: &Inputs) -> Config {
        let horizon = year(p.horizon_year).clamp(BASE_YEAR, BASE_YEAR + MAX_YEARS as i32 - 1);
        let control = |scope: f64, start: f64, duration: f64, severity: f64, target: f64| Control {
            scope: ControlScope::from_code(scope),
            target: if year(target) == 1 {
                ControlTarget::AllBuyers
            } else {
                ControlTarget::UsOnly
            },
            start_year: year(start),
            end_year: year(start + duration),
            keep: 1.0 - crate::num::clamp(pct(severity), 0.0, 1.0),
        };
        let tech_ban: (i32, f64) = match year(p.tech_ban) {
            0 => (-1, -1.0),
            2 => (1, 2.0),
            _ => (0, 0.0),
        };
        let us = pct(p.us_demand_share_pct);
        let cn = pct(p.china_demand_share_pct);
        let al = pct(p.allies_demand_share_pct);
        let capital_recovery = capital_recovery_factor(pct(p.hurdle_rate_pct), p.plant_life_yr);
        let opm = p.oxide_per_magnet_t;
        let after = pct(p.capacity_growth_after_2030_pct_per_yr);
        // Factors grown year by year: the rate to 2030, the common rate after.
        let table = |to_2030: f64| {
            let mut g = [1.0; MAX_YEARS];
            for t in 1..MAX_YEARS {
                let rate = if t as i32 <= Config::break_t() {
                    to_2030
                } else {
                    after
                };
                g[t] = g[t - 1] * (1.0 + rate);
            }
            g
        };
        let mine_growth = PerRegion([
            pct(p.mine_growth_us_pct_per_yr),
            pct(p.mine_growth_cn_pct_per_yr),
            pct(p.mine_growth_allies_pct_per_yr),
            pct(p.mine_growth_row_pct_per_yr),
        ]);
        let processing_growth = PerRegion([
            0.0,
            pct(p.processing_growth_cn_pct_per_yr),
            pct(p.processing_growth_allies_pct_per_yr),
            pct(p.processing_growth_row_pct_per_yr),
        ]);
        Config {
            growth_mine: PerRegion(mine_growth.0.map(table)),
            growth_processing: PerRegion(processing_growth.0.map(table)),
            growth_conversion: table(after),
            horizon,
            n_years: (horizon - BASE_YEAR + 1) as usize,
            world_demand_2024_t: p.world_demand_2024_t,
            growth_to_2030: pct(p.demand_growth_pct_per_yr),
            growth_after_2030: pct(p.demand_growth_after_2030_pct_per_yr),
            growth_history: pct(default_of("demand_growth_pct_per_yr")),
            demand_share: PerRegion([us, cn, al, (1.0 - us - cn - al).max(0.0)]),
            heavy_share: crate::num::clamp(pct(p.heavy_share_of_demand_pct), 0.0, 1.0),
            heavy_grade_share: crate::num::clamp(pct(p.heavy_grade_share_pct), 0.0, 1.0),
            heavy_thrift_short_run: crate::num::clamp(pct(p.heavy_thrift_short_run_pct), 0.0, 0.99),
            dytb_thrift: crate::num::clamp(pct(p.dytb_thrift_pct), 0.0, 0.99),
            demand_response: pct(p.demand_response_pct).max(0.0),
            substitution_rate: pct(p.substitution_rate_pct_per_yr).max(0.0),
            substitution_cap: crate::num::clamp(pct(p.substitution_cap_pct), 0.0, 1.0),
            defence_t: p.us_defence_demand_t.max(0.0),
            mine_reo_2024: PerRegion([
                p.mine_us_t_reo,
                p.mine_cn_t_reo,
                p.mine_allies_t_reo,
                p.mine_row_t_reo,
            ]),
            mine_growth: PerRegion([
                pct(p.mine_growth_us_pct_per_yr),
                pct(p.mine_growth_cn_pct_per_yr),
                pct(p.mine_growth_allies_pct_per_yr),
                pct(p.mine_growth_row_pct_per_yr),
            ]),
            growth_after_2030_capacity: pct(p.capacity_growth_after_2030_pct_per_yr),
            processing_growth: PerRegion([
                0.0,
                pct(p.processing_growth_cn_pct_per_yr),
                pct(p.processing_growth_allies_pct_per_yr),
                pct(p.processing_growth_row_pct_per_yr),
            ]),
            ore_content: PerRegion([
                PerMaterial([pct(p.ndpr_content_us_pct), pct(p.heavy_content_us_pct)]),
                PerMaterial([pct(p.ndpr_content_cn_pct), pct(p.heavy_content_cn_pct)]),
                PerMaterial([
                    pct(p.ndpr_content_allies_pct),
                    pct(p.heavy_content_allies_pct),
                ]),
                PerMaterial([pct(p.ndpr_content_row_pct), pct(p.heavy_content_row_pct)]),
            ]),
            util_mine: PerRegion([
                pct(p.util_mine_us_pct),
                pct(p.util_mine_cn_pct),
                pct(p.util_mine_allies_pct),
                pct(p.util_mine_row_pct),
            ]),
            util_sep: PerRegion([
                pct(p.util_sep_us_pct),
                pct(p.util_sep_cn_pct),
                pct(p.util_sep_allies_pct),
                pct(p.util_sep_row_pct),
            ]),
            util_metal: PerRegion([
                pct(p.util_metal_us_pct),
                0.0,
                pct(p.util_metal_allies_pct),
                pct(p.util_metal_row_pct),
            ]),
            util_magnet: PerRegion([
                pct(p.util_magnet_us_pct),
                0.0,
                pct(p.util_magnet_allies_pct),
                pct(p.util_magnet_row_pct),
            ]),
            sep_cap_2024: PerRegion([
                PerMaterial([0.0, 0.0]),
                PerMaterial([p.sep_cap_cn_t, p.heavy_sep_cap_cn_t]),
                PerMaterial([p.sep_cap_allies_t, p.heavy_sep_cap_allies_t]),
                PerMaterial([p.sep_cap_row_t, p.heavy_sep_cap_row_t]),
            ]),
            // China's metal and magnet plants make whatever the world buys beyond the others'
            // output (they have run ahead of it: facts s.2), so they are not a constraint here.
            metal_cap_2024: PerRegion([0.0, 0.0, p.metal_cap_allies_t, p.metal_cap_row_t]),
            magnet_cap_2024: PerRegion([
                0.0,
                0.0,
                p.magnet_cap_allies_t * opm,
                p.magnet_cap_row_t * opm,
            ]),
            oxide_per_magnet: opm,
            other_feed_cn_t: p.other_feed_cn_t.max(0.0),
            scrap_yield: pct(p.magnet_process_loss_pct) * pct(p.production_scrap_recovery_pct),
            investment_rate: pct(p.investment_response_pct_per_yr).max(0.0),
            pipeline_spread: crate::num::clamp(pct(p.pipeline_cost_spread_pct), 0.0, 0.95),
            // The technology export ban (Dec 2023) is in the default lead time and ramp; lifting
            // or tightening it moves both for every plant outside China (China's capacity
            // follows its own rates).
            lead_time: (year(p.lead_time_yr) + tech_ban.0).max(1),
            ramp_years: (p.ramp_years + tech_ban.1).max(1.0),
            capex_separation: p.capex_separation_usd_per_tpa.max(1.0),
            capex_magnet: p.capex_magnet_usd_per_tpa.max(1.0),
            capital_recovery,
            cash_cost_2024: PerRegion([
                default_of("refining_cost_us_usd_per_t") / 1000.0,
                default_of("refining_cost_cn_usd_per_t") / 1000.0,
                default_of("refining_cost_allies_usd_per_t") / 1000.0,
                default_of("refining_cost_allies_usd_per_t") / 1000.0,
            ]),
            capital_charge_2024: default_of("capex_separation_usd_per_tpa") / 1000.0
                * capital_recovery_factor(
                    pct(default_of("hurdle_rate_pct")),
                    default_of("plant_life_yr"),
                ),
            new_project_cash_ex: p.new_project_cost_ex_usd_per_t / 1000.0,
            cash_cost: PerRegion([
                p.refining_cost_us_usd_per_t / 1000.0,
                p.refining_cost_cn_usd_per_t / 1000.0,
                p.refining_cost_allies_usd_per_t / 1000.0,
                p.refining_cost_allies_usd_per_t / 1000.0,
            ]),
            plant_spread: crate::num::clamp(pct(p.plant_cost_spread_pct), 0.01, 0.95),
            heavy_cash_cost: pct(p.heavy_cash_cost_pct) * p.price_heavy_2024_usd_per_kg.max(1.0),
            learning_rate: crate::num::clamp(pct(p.learning_rate_pct), 0.0, 0.99),
            floor_usd_per_kg: p.price_floor_usd_per_kg.max(0.0),
            floor_start: year(p.price_floor_start_year),
            floor_end: year(p.price_floor_start_year + p.price_floor_years),
            floor_coverage: if year(p.price_floor_coverage) == 1 {
                FloorCoverage::AllUs
            } else {
                FloorCoverage::MpOnly
            },
            subsidise_gap: year(p.subsidise_cost_gap) == 1,
            ebitda_guarantee_musd: p.magnet_ebitda_guarantee_musd.max(0.0),
            deal_equity_loans_musd: p.deal_equity_loans_musd.max(0.0),
            deal_projects: year(p.deal_projects) == 1,
            controls: [
                control(
                    p.ban1_scope,
                    p.ban1_start_year,
                    p.ban1_duration_yr,
                    p.ban1_severity_pct,
                    p.ban1_target,
                ),
                control(
                    p.ban2_scope,
                    p.ban2_start_year,
                    p.ban2_duration_yr,
                    p.ban2_severity_pct,
                    p.ban2_target,
                ),
            ],
            allies_redirect: year(p.ally_priority) == 1,
            us_ore_to_china_stopped: year(p.us_ore_to_china) == 1,
            price_2024: PerMaterial([
                p.price_ndpr_2024_usd_per_kg.max(1.0),
                p.price_heavy_2024_usd_per_kg.max(1.0),
            ]),
            price_cap_multiple: p.price_cap_multiple.max(1.1),
            stock_sensitivity: p.stock_price_sensitivity.max(0.0),
            stock_cover_cn_yr: p.stock_cover_cn_months.max(0.0) / 12.0,
            stock_cover_ex_yr: p.stock_cover_ex_months.max(0.0) / 12.0,
            expectation_step: 1.0 / p.price_expectation_yr.max(1.0),
            stockpile_start_t: p.stockpile_start_t.max(0.0),
            stockpile_target_t: p.stockpile_target_t.max(0.0),
            stockpile_refill_t: p.stockpile_refill_t_per_yr.max(0.0),
            recycling_2024: pct(p.recycling_rate_2024_pct),
            recycling_target: pct(p.recycling_target_pct),
            recycling_target_year: p.recycling_target_year,
            lifetime_yr: year(p.product_lifetime_yr).max(1),
            quota_keep: 1.0 - crate::num::clamp(pct(p.export_quota_cut_pct), 0.0, 1.0),
            quota: Window::new(p.export_quota_start_year, p.export_quota_years),
            export_tax: pct(p.export_tax_pct).max(0.0),
            export_tax_window: Window::new(p.export_tax_start_year, p.export_tax_years),
            strategy: pct(p.price_strategy_pct).max(0.0),
            strategy_window: Window::new(p.price_strategy_start_year, p.price_strategy_years),
            strategy_years: year(p.price_strategy_years).max(0),
            extraterritorial_from: (year(p.extraterritorial) == 1)
                .then(|| year(p.extraterritorial_start_year)),
            cn_priority: crate::num::clamp(pct(p.cn_domestic_priority_pct), 0.0, 1.0),
            tariff: pct(p.tariff_cn_magnets_pct).max(0.0),
            tariff_start: year(p.tariff_start_year),
            offtake_t: p.offtake_us_t.max(0.0),
            offtake_price: p.offtake_price_usd_per_kg.max(0.0),
            offtake: Window::new(p.offtake_start_year, p.offtake_years),
            defence_non_chinese_only: year(p.defence_sourcing) == 1,
            invest_allies_musd: p.invest_allies_musd.max(0.0),
            rule_cn_price_share: pct(p.rule_cn_price_share_pct).max(0.0),
            rule_cn_tighten_musd: p.rule_cn_tighten_musd.max(0.0),
            rule_cn_tighten_step: crate::num::clamp(pct(p.rule_cn_tighten_step_pct), 0.0, 1.0),
            rule_us_support_short: pct(p.rule_us_support_short_pct).max(0.0),
            rule_us_support_musd: p.rule_us_support_musd.max(0.0),
            rule_us_release_short: pct(p.rule_us_release_short_pct).max(0.0),
        }
    }

    /// Shares of covered exports still shipped in `year`, to every buyer outside China and,
    /// on top of that, to the US alone (controls aimed only at the US). `tightened` is what the
    /// reaction rule has added to control 1's severity so far: from the rule's first firing,
    /// control 1 stays in force to the horizon (on heavy REE, to every buyer, if it was off).
    pub fn keep_in(&self, year: i32, tightened: f64) -> (Keep, Keep) {
        let mut all = Keep::FREE;
        let mut us = Keep::FREE;
        for (i, c) in self.controls.iter().enumerate() {
            let mut c = *c;
            if i == 0 && tightened > 0.0 {
                if c.scope == ControlScope::Off {
                    c.scope = ControlScope::Heavy;
                    c.target = ControlTarget::AllBuyers;
                    c.keep = 1.0;
                }
                if !c.in_force(year) {
                    c.keep = 1.0;
                }
                c.keep = (c.keep - tightened).max(0.0);
                c.start_year = year;
                c.end_year = year + 1;
            }
            if !c.in_force(year) {
                continue;
            }
            let k = match c.target {
                ControlTarget::AllBuyers => &mut all,
                ControlTarget::UsOnly => &mut us,
            };
            for m in Material::ALL {
                if c.scope.covers_oxide(m) {
                    k.oxide[m] *= c.keep;
                }
                if c.scope.covers_magnets(m) {
                    k.magnets[m] *= c.keep;
                }
            }
        }
        (all, us)
    }

    pub fn floor_in_force(&self, year: i32) -> bool {
        self.floor_usd_per_kg > 0.0 && year >= self.floor_start && year < self.floor_end
    }

    /// The capital charge per kg of NdPr oxide a year ($/kg), from separation capex.
    pub fn capital_charge_separation(&self) -> f64 {
        self.capex_separation / 1000.0 * self.capital_recovery
    }

    /// Years from the base year to the 2030 growth break.
    pub const fn break_t() -> i32 {
        GROWTH_BREAK_YEAR - BASE_YEAR
    }
}
