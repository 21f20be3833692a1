//! The projection engine: one annual pass over demand, the four chain stages, trade, stockpile,
//! recycling and costs.
//!
//! Pure: no I/O, no clock, no randomness, no allocation per year beyond the output buffer.
//! Symbols in `docs/MODEL.md` match the names here. Quantities are tonnes of oxide equivalent of the
//! magnet rare earths (t/yr) unless a name says otherwise.

// Region, stage and material indices address several parallel arrays at once; iterators would hide that.
#![allow(clippy::needless_range_loop)]

use crate::output::{Event, Projection, Series, Summary, Warning};
use crate::params::Inputs;
use crate::projects::{ramp_fraction, PROJECTS};
use serde::Serialize;

/// `f64::max`/`min` follow IEEE maxNum/minNum and compile to out-of-line `fmax`/`fmin` calls in
/// wasm, which took a quarter of a projection's time there. Inputs are validated finite, so plain
/// comparisons are exact; a NaN on the left yields the right operand, as with `f64::max`.
trait MinMax {
    fn mx(self, other: f64) -> f64;
    fn mn(self, other: f64) -> f64;
}

impl MinMax for f64 {
    #[inline(always)]
    fn mx(self, other: f64) -> f64 {
        if self >= other {
            self
        } else {
            other
        }
    }
    #[inline(always)]
    fn mn(self, other: f64) -> f64 {
        if self <= other {
            self
        } else {
            other
        }
    }
}

/// First year of every projection.
pub const BASE_YEAR: i32 = 2024;
/// The year to which the IEA-derived growth rates apply; after it, the post-2030 rates.
pub const GROWTH_BREAK_YEAR: i32 = 2030;

/// Regions, in the order used by every per-region array.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Region {
    Us,
    China,
    Allies,
    RestOfWorld,
}

pub const US: usize = 0;
pub const CN: usize = 1;
pub const AL: usize = 2;
pub const ROW: usize = 3;
pub const N_REGIONS: usize = 4;
/// Short ids used in series names, in region order.
pub const REGION_IDS: [&str; N_REGIONS] = ["us", "cn", "allies", "row"];

impl Region {
    pub fn index(self) -> usize {
        match self {
            Region::Us => US,
            Region::China => CN,
            Region::Allies => AL,
            Region::RestOfWorld => ROW,
        }
    }
}

/// Chain stages, upstream first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    Mining,
    Separation,
    Metal,
    Magnet,
}

pub const N_STAGES: usize = 4;
pub const STAGE_IDS: [&str; N_STAGES] = ["mining", "separation", "metal", "magnet"];

impl Stage {
    pub fn index(self) -> usize {
        match self {
            Stage::Mining => 0,
            Stage::Separation => 1,
            Stage::Metal => 2,
            Stage::Magnet => 3,
        }
    }
}

/// Materials tracked separately: NdPr (light) and Dy+Tb (heavy).
pub const NDPR: usize = 0;
pub const HEAVY: usize = 1;
pub const N_MATERIALS: usize = 2;

/// Trade flows between stages: concentrate (mining -> separation), oxide (-> metal),
/// metal (-> magnet), magnets (-> buyers).
pub const N_FLOWS: usize = 4;
pub const FLOW_IDS: [&str; N_FLOWS] = ["concentrate", "oxide", "metal", "magnets"];

type PerRegion = [f64; N_REGIONS];
type PerRegionMaterial = [[f64; N_MATERIALS]; N_REGIONS];

/// Result of sharing one flow between regions: `take[e][i]` is what region `i` receives from `e`.
#[derive(Clone, Copy, Debug, Default)]
pub struct Allocation {
    pub take: [[f64; N_REGIONS]; N_REGIONS],
    /// Offered but held back by export controls (stays with the exporter).
    pub withheld: f64,
    /// Left with the exporter: no buyer needed it (excluding `withheld`).
    pub unsold: f64,
}

impl Allocation {
    /// Everything region `i` received, its own output included.
    pub fn received(&self, i: usize) -> f64 {
        (0..N_REGIONS).map(|e| self.take[e][i]).sum()
    }
}

/// Shares one flow: each region first serves itself, then exporters offer their surplus to the
/// regions still in need, in proportion to need. `allowed[e][i]` is the fraction of what `e`
/// offers to `i` that may be shipped (export controls, sales stops); the rest is withheld and is
/// not offered to anyone else. With `allies_first`, allied surplus goes to the US before anyone.
/// Exporters offer in a fixed order (US, allies, rest of world, China), so China's controlled
/// supply fills what the others could not.
pub fn allocate(
    avail: &PerRegion,
    want: &PerRegion,
    allowed: &[[f64; N_REGIONS]; N_REGIONS],
    allies_first: bool,
) -> Allocation {
    let mut a = Allocation::default();
    let mut surplus = [0.0; N_REGIONS];
    let mut need = [0.0; N_REGIONS];
    for r in 0..N_REGIONS {
        let have = avail[r].mx(0.0);
        let wants = want[r].mx(0.0);
        let own = have.mn(wants);
        a.take[r][r] = own;
        surplus[r] = have - own;
        need[r] = wants - own;
    }
    if allies_first {
        let offer = surplus[AL].mn(need[US]);
        let shipped = offer * allowed[AL][US];
        a.take[AL][US] += shipped;
        a.withheld += offer - shipped;
        surplus[AL] -= offer;
        need[US] -= shipped;
    }
    for e in [US, AL, ROW, CN] {
        if surplus[e] <= 0.0 {
            continue;
        }
        let total_need: f64 = (0..N_REGIONS).filter(|&i| i != e).map(|i| need[i]).sum();
        if total_need <= 0.0 {
            continue;
        }
        let fraction = (surplus[e] / total_need).mn(1.0);
        for i in (0..N_REGIONS).filter(|&i| i != e) {
            let offer = need[i] * fraction;
            let shipped = offer * allowed[e][i];
            a.take[e][i] += shipped;
            a.withheld += offer - shipped;
            need[i] -= shipped;
            surplus[e] -= offer;
        }
    }
    a.unsold = surplus.iter().map(|s| s.mx(0.0)).sum();
    a
}

/// Growth factor of a quantity growing at `pct_to_break` %/yr to 2030 and `pct_after` %/yr after,
/// `t` years after the base year. Negative `t` extrapolates backwards at the first rate.
fn two_phase_growth(pct_to_break: f64, pct_after: f64, t: i32) -> f64 {
    let break_t = GROWTH_BREAK_YEAR - BASE_YEAR;
    let g1 = 1.0 + pct_to_break / 100.0;
    let g2 = 1.0 + pct_after / 100.0;
    if t <= break_t {
        g1.powi(t)
    } else {
        g1.powi(break_t) * g2.powi(t - break_t)
    }
}

/// The four regional demand shares (fractions) from the inputs; the rest of the world takes the
/// remainder, never below zero.
pub fn demand_shares(p: &Inputs) -> PerRegion {
    let us = p.us_demand_share_pct / 100.0;
    let cn = p.china_demand_share_pct / 100.0;
    let al = p.allies_demand_share_pct / 100.0;
    [us, cn, al, (1.0 - us - cn - al).mx(0.0)]
}

/// World demand before substitution in `year`, t/yr.
pub fn world_demand_t(p: &Inputs, year: i32) -> f64 {
    p.world_demand_2024_t
        * two_phase_growth(
            p.demand_growth_pct_per_yr,
            p.demand_growth_after_2030_pct_per_yr,
            year - BASE_YEAR,
        )
}

/// End-of-life recovery rate in `year` (fraction): linear from the 2024 rate to the target.
pub fn recycling_rate(p: &Inputs, year: i32) -> f64 {
    let r0 = p.recycling_rate_2024_pct / 100.0;
    let r1 = p.recycling_target_pct / 100.0;
    let span = (p.recycling_target_year - f64::from(BASE_YEAR)).mx(1.0);
    let x = (f64::from(year - BASE_YEAR) / span).clamp(0.0, 1.0);
    r0 + (r1 - r0) * x
}

/// Fraction of China's exports of `material` at `flow` to region `to` that the controls let
/// through in `year`.
pub fn control_pass_fraction(
    p: &Inputs,
    year: i32,
    flow: usize,
    material: usize,
    to: usize,
) -> f64 {
    control_pass_matrix(p, year)[flow][material][to]
}

/// [`control_pass_fraction`] for every flow, material and destination of one year at once.
pub fn control_pass_matrix(p: &Inputs, year: i32) -> [[[f64; N_REGIONS]; N_MATERIALS]; N_FLOWS] {
    let mut pass = [[[1.0; N_REGIONS]; N_MATERIALS]; N_FLOWS];
    let controls = [
        (
            p.ban1_scope,
            p.ban1_start_year,
            p.ban1_duration_yr,
            p.ban1_severity_pct,
            p.ban1_target,
        ),
        (
            p.ban2_scope,
            p.ban2_start_year,
            p.ban2_duration_yr,
            p.ban2_severity_pct,
            p.ban2_target,
        ),
    ];
    let y = f64::from(year);
    for (scope, start, duration, severity, target) in controls {
        let scope = scope.round() as i32;
        if scope <= 0 || y < start || y >= start + duration {
            continue;
        }
        let keep = 1.0 - (severity / 100.0).clamp(0.0, 1.0);
        let all_buyers = target.round() as i32 == 1;
        for flow in 0..N_FLOWS {
            for material in 0..N_MATERIALS {
                let covers = match scope {
                    1 => material == HEAVY,
                    2 => material == HEAVY || flow == 3,
                    _ => true,
                };
                if !covers {
                    continue;
                }
                for to in [US, AL, ROW] {
                    if to == US || all_buyers {
                        pass[flow][material][to] *= keep;
                    }
                }
            }
        }
    }
    pass
}

/// Mine capacity of region `r` in `year`, t REO/yr: the 2024 figure grown at the region's rate to
/// 2030 and at the common post-2030 rate after. Years before 2024 extrapolate backwards at the
/// first rate (used by the back-cast test).
pub fn mine_capacity_reo_t(p: &Inputs, r: usize, year: i32) -> f64 {
    let (base, growth) = match r {
        US => (p.mine_us_t_reo, p.mine_growth_us_pct_per_yr),
        CN => (p.mine_cn_t_reo, p.mine_growth_cn_pct_per_yr),
        AL => (p.mine_allies_t_reo, p.mine_growth_allies_pct_per_yr),
        _ => (p.mine_row_t_reo, p.mine_growth_row_pct_per_yr),
    };
    base * two_phase_growth(
        growth,
        p.capacity_growth_after_2030_pct_per_yr,
        year - BASE_YEAR,
    )
}

/// Capacity in one year, before utilisation, for every region, stage and material.
struct Capacity {
    /// t REO/yr of mine capacity, all rare earths.
    mine_reo: PerRegion,
    /// t/yr of material in concentrate (mine output at 100% utilisation).
    mine: PerRegionMaterial,
    sep: PerRegionMaterial,
    /// Metal and magnet capacity in t/yr oxide equivalent, both materials together.
    metal: PerRegion,
    magnet: PerRegion,
}

fn capacity(p: &Inputs, year: i32) -> Capacity {
    let t = year - BASE_YEAR;
    let after = p.capacity_growth_after_2030_pct_per_yr;
    let ndpr = [
        p.ndpr_content_us_pct,
        p.ndpr_content_cn_pct,
        p.ndpr_content_allies_pct,
        p.ndpr_content_row_pct,
    ];
    let heavy = [
        p.heavy_content_us_pct,
        p.heavy_content_cn_pct,
        p.heavy_content_allies_pct,
        p.heavy_content_row_pct,
    ];
    // US processing grows only through projects and investment; others at IEA-derived rates.
    let proc_growth = [
        1.0,
        two_phase_growth(p.processing_growth_cn_pct_per_yr, after, t),
        two_phase_growth(p.processing_growth_allies_pct_per_yr, after, t),
        two_phase_growth(p.processing_growth_row_pct_per_yr, after, t),
    ];
    let opm = p.oxide_per_magnet_t;
    let mut c = Capacity {
        mine_reo: [0.0; N_REGIONS],
        mine: [[0.0; N_MATERIALS]; N_REGIONS],
        sep: [[0.0; N_MATERIALS]; N_REGIONS],
        metal: [0.0; N_REGIONS],
        magnet: [0.0; N_REGIONS],
    };
    let sep_ndpr = [
        p.sep_cap_us_t,
        p.sep_cap_cn_t,
        p.sep_cap_allies_t,
        p.sep_cap_row_t,
    ];
    let sep_heavy = [
        p.heavy_sep_cap_us_t,
        p.heavy_sep_cap_cn_t,
        p.heavy_sep_cap_allies_t,
        p.heavy_sep_cap_row_t,
    ];
    let metal = [
        p.metal_cap_us_t,
        p.metal_cap_cn_t,
        p.metal_cap_allies_t,
        p.metal_cap_row_t,
    ];
    let magnet = [
        p.magnet_cap_us_t,
        p.magnet_cap_cn_t,
        p.magnet_cap_allies_t,
        p.magnet_cap_row_t,
    ];
    for r in 0..N_REGIONS {
        let reo = mine_capacity_reo_t(p, r, year);
        c.mine_reo[r] = reo;
        c.mine[r][NDPR] = reo * ndpr[r] / 100.0;
        c.mine[r][HEAVY] = reo * heavy[r] / 100.0;
        c.sep[r][NDPR] = sep_ndpr[r] * proc_growth[r];
        c.sep[r][HEAVY] = sep_heavy[r] * proc_growth[r];
        c.metal[r] = metal[r] * proc_growth[r];
        c.magnet[r] = magnet[r] * opm * proc_growth[r];
    }
    let realised = p.projects_realised_pct / 100.0;
    let delay = p.project_delay_yr.round() as i32;
    for proj in PROJECTS {
        if proj.deal && p.deal_projects.round() as i32 != 1 {
            continue;
        }
        // Projects already producing in 2024 are neither delayed nor scaled.
        let announced = proj.start_year > BASE_YEAR;
        let start = proj.start_year + if announced { delay } else { 0 };
        let scale = if announced { realised } else { 1.0 };
        let f = ramp_fraction(year - start, p.ramp_years) * scale;
        let r = proj.region.index();
        c.sep[r][NDPR] += proj.ndpr_t_per_yr * f;
        c.sep[r][HEAVY] += proj.heavy_t_per_yr * f;
        let oxide_eq = proj.magnet_t_per_yr * opm * f;
        match proj.stage {
            crate::model::Stage::Metal => {
                c.metal[r] += oxide_eq;
                if proj.integrated {
                    c.magnet[r] += oxide_eq;
                }
            }
            crate::model::Stage::Magnet => c.magnet[r] += oxide_eq,
            _ => {}
        }
    }
    // Public investment: one commitment, commissioned after the lead time, ramped like a plant.
    let inv_start = (p.invest_start_year + p.lead_time_yr).round() as i32;
    let f = ramp_fraction(year - inv_start, p.ramp_years);
    let h = p.heavy_share_of_demand_pct / 100.0;
    let sep_added = p.invest_separation_musd * 1e6 / p.capex_separation_usd_per_tpa.mx(1.0) * f;
    c.sep[US][NDPR] += sep_added * (1.0 - h);
    c.sep[US][HEAVY] += sep_added * h;
    let magnet_added = p.invest_magnet_musd * 1e6 / p.capex_magnet_usd_per_tpa.mx(1.0) * opm * f;
    c.metal[US] += magnet_added;
    c.magnet[US] += magnet_added;
    c
}

/// Runs one projection. `inputs` should come from [`crate::Scenario::resolve`], which validates
/// them; out-of-range inputs give meaningless numbers but never a panic.
pub fn project(p: &Inputs) -> Projection {
    let horizon = (p.horizon_year.round() as i32).clamp(BASE_YEAR, BASE_YEAR + 100);
    let n_years = (horizon - BASE_YEAR + 1) as usize;
    let mut out = Projection::new(BASE_YEAR, n_years);
    let mut warnings: Vec<Warning> = Vec::new();

    let h = (p.heavy_share_of_demand_pct / 100.0).clamp(0.0, 1.0);
    let recipe = [1.0 - h, h];
    let shares = demand_shares(p);
    let util = |mine: f64, sep: f64, metal: f64, magnet: f64| {
        [mine / 100.0, sep / 100.0, metal / 100.0, magnet / 100.0]
    };
    let utilisation = [
        util(
            p.util_mine_us_pct,
            p.util_sep_us_pct,
            p.util_metal_us_pct,
            p.util_magnet_us_pct,
        ),
        util(
            p.util_mine_cn_pct,
            p.util_sep_cn_pct,
            p.util_metal_cn_pct,
            p.util_magnet_cn_pct,
        ),
        util(
            p.util_mine_allies_pct,
            p.util_sep_allies_pct,
            p.util_metal_allies_pct,
            p.util_magnet_allies_pct,
        ),
        util(
            p.util_mine_row_pct,
            p.util_sep_row_pct,
            p.util_metal_row_pct,
            p.util_magnet_row_pct,
        ),
    ];
    let defence_t = p.us_defence_demand_t.mx(0.0);
    let lifetime = p.product_lifetime_yr.round() as i32;
    let allies_first = p.ally_priority.round() as i32 == 1;

    let mut substitution = [0.0; N_REGIONS];
    let mut stockpile_t = p.stockpile_start_t.mx(0.0);
    let mut cumulative_us_ndpr_t = 0.0;
    let mut learning_base_t = 0.0;
    let mut public_cost_cumulative_musd = 0.0;
    let mut idle_magnet_years: Vec<i32> = Vec::new();
    let mut unsold_us_ore_first: Option<(i32, f64)> = None;

    for (yi, year) in (BASE_YEAR..=horizon).enumerate() {
        // ---- demand
        let world_raw = world_demand_t(p, year);
        let mut demand = [[0.0; N_MATERIALS]; N_REGIONS];
        for r in 0..N_REGIONS {
            let d = world_raw * shares[r] * (1.0 - substitution[r]);
            demand[r] = [d * recipe[NDPR], d * recipe[HEAVY]];
        }
        let refill_want = if stockpile_t < p.stockpile_target_t {
            p.stockpile_refill_t_per_yr
                .mn(p.stockpile_target_t - stockpile_t)
                .mx(0.0)
        } else {
            0.0
        };

        // ---- recycling: magnets sold `lifetime` years ago come back at the oxide stage
        let eol_world = world_demand_t(p, year - lifetime);
        let rate = recycling_rate(p, year);
        let mut recycled = [[0.0; N_MATERIALS]; N_REGIONS];
        for r in 0..N_REGIONS {
            for m in 0..N_MATERIALS {
                recycled[r][m] = rate * eol_world * shares[r] * recipe[m];
            }
        }

        // ---- capacity
        let cap = capacity(p, year);
        let mut allowed_all = [[[[1.0; N_REGIONS]; N_REGIONS]; N_MATERIALS]; N_FLOWS];
        let china_pass = control_pass_matrix(p, year);
        for flow in 0..N_FLOWS {
            for m in 0..N_MATERIALS {
                allowed_all[flow][m][CN] = china_pass[flow][m];
            }
        }
        if p.us_ore_to_china.round() as i32 == 1 {
            let pass = if year < 2025 {
                1.0
            } else if year == 2025 {
                0.5
            } else {
                0.0
            };
            for m in 0..N_MATERIALS {
                allowed_all[0][m][US][CN] = pass;
            }
        }

        let mut stage_out = [[[0.0; N_MATERIALS]; N_REGIONS]; N_STAGES];
        // Per flow: what the US imported from China, allies, rest of world; unsold + withheld.
        let mut us_imports = [[0.0; 3]; N_FLOWS];
        let mut unsold_flow = [0.0; N_FLOWS];
        let mut withheld = 0.0;
        // Magnets reaching buyers: by receiving region, and by origin for the US.
        let mut supplied = [[0.0; N_MATERIALS]; N_REGIONS];
        let mut us_magnets_from = [[0.0; N_MATERIALS]; N_REGIONS];
        // Non-Chinese fraction of each region's output at the current stage, per material.
        let mut non_china = [[1.0; N_MATERIALS]; N_REGIONS];
        non_china[CN] = [0.0; N_MATERIALS];
        let mut us_ore_unsold = 0.0;
        for m in 0..N_MATERIALS {
            let mut avail = [0.0; N_REGIONS];
            for r in 0..N_REGIONS {
                avail[r] = cap.mine[r][m] * utilisation[r][0];
                stage_out[0][r][m] = avail[r];
            }
            let mut nc = [1.0, 0.0, 1.0, 1.0];
            for flow in 0..N_FLOWS {
                let want: PerRegion = match flow {
                    0 => std::array::from_fn(|r| cap.sep[r][m] * utilisation[r][1]),
                    1 => std::array::from_fn(|r| cap.metal[r] * utilisation[r][2] * recipe[m]),
                    2 => std::array::from_fn(|r| cap.magnet[r] * utilisation[r][3] * recipe[m]),
                    _ => std::array::from_fn(|r| {
                        demand[r][m]
                            + if r == US {
                                refill_want * recipe[m]
                            } else {
                                0.0
                            }
                    }),
                };
                let a = allocate(&avail, &want, &allowed_all[flow][m], allies_first);
                if flow == 0 {
                    us_ore_unsold += avail[US] - (0..N_REGIONS).map(|i| a.take[US][i]).sum::<f64>();
                }
                let mut next_nc = [0.0; N_REGIONS];
                for i in 0..N_REGIONS {
                    let got = a.received(i);
                    let nc_got: f64 = (0..N_REGIONS).map(|e| a.take[e][i] * nc[e]).sum();
                    next_nc[i] = if got > 0.0 { nc_got / got } else { 1.0 };
                }
                // Any stage performed in China makes the material Chinese-processed.
                next_nc[CN] = 0.0;
                for (o, e) in [CN, AL, ROW].into_iter().enumerate() {
                    us_imports[flow][o] += a.take[e][US];
                }
                unsold_flow[flow] += a.unsold + a.withheld;
                withheld += a.withheld;
                if flow == 3 {
                    for r in 0..N_REGIONS {
                        supplied[r][m] = a.received(r);
                        us_magnets_from[r][m] = a.take[r][US];
                    }
                }
                if flow < 3 {
                    for r in 0..N_REGIONS {
                        stage_out[flow + 1][r][m] = a.received(r);
                    }
                    avail = std::array::from_fn(|r| a.received(r));
                    nc = next_nc;
                    if flow == 0 {
                        // Oxide pool: separated oxide plus recycled oxide plus China's other feed.
                        for r in 0..N_REGIONS {
                            let rec_nc = if r == CN { 0.0 } else { 1.0 };
                            let extra = recycled[r][m]
                                + if r == CN {
                                    p.secondary_supply_cn_t * recipe[m]
                                } else {
                                    0.0
                                };
                            let total = avail[r] + extra;
                            nc[r] = if total > 0.0 {
                                (avail[r] * nc[r] + recycled[r][m] * rec_nc) / total
                            } else {
                                nc[r]
                            };
                            avail[r] = total;
                        }
                    }
                } else {
                    non_china = std::array::from_fn(|e| {
                        let mut v = non_china[e];
                        v[m] = nc[e];
                        v
                    });
                }
            }
        }
        if us_ore_unsold > 1.0
            && unsold_us_ore_first.is_none()
            && p.us_ore_to_china.round() as i32 == 1
        {
            unsold_us_ore_first = Some((year, us_ore_unsold));
        }

        // ---- buyers: shortfall, stockpile, defence
        let mut us_short = [0.0; N_MATERIALS];
        let mut us_non_china = [0.0; N_MATERIALS];
        for m in 0..N_MATERIALS {
            let to_demand = supplied[US][m].mn(demand[US][m]);
            stockpile_t += supplied[US][m] - to_demand;
            us_short[m] = demand[US][m] - to_demand;
            us_non_china[m] = (0..N_REGIONS)
                .map(|e| us_magnets_from[e][m] * non_china[e][m])
                .sum();
        }
        let short_total: f64 = us_short.iter().sum();
        let draw = stockpile_t.mn(short_total).mx(0.0);
        stockpile_t -= draw;
        let mut draw_m = [0.0; N_MATERIALS];
        for m in 0..N_MATERIALS {
            draw_m[m] = if short_total > 0.0 {
                draw * us_short[m] / short_total
            } else {
                0.0
            };
            us_short[m] = (us_short[m] - draw_m[m]).mx(0.0);
        }
        let us_demand_total: f64 = demand[US].iter().sum();
        let defence_total = defence_t.mn(us_demand_total);
        let defence_covered: f64 = (0..N_MATERIALS)
            .map(|m| (defence_total * recipe[m]).mn(us_non_china[m] + draw_m[m]))
            .sum();
        let defence_coverage = if defence_total > 0.0 {
            defence_covered / defence_total
        } else {
            1.0
        };

        let mut shortfall = [0.0; N_REGIONS];
        shortfall[US] = us_short.iter().sum();
        for r in [CN, AL, ROW] {
            shortfall[r] = (0..N_MATERIALS)
                .map(|m| (demand[r][m] - supplied[r][m]).mx(0.0))
                .sum();
        }
        for r in 0..N_REGIONS {
            let d: f64 = demand[r].iter().sum();
            let frac = if d > 0.0 { shortfall[r] / d } else { 0.0 };
            substitution[r] = (substitution[r] + frac.mn(p.substitution_rate_pct_per_yr / 100.0))
                .mn(p.substitution_cap_pct / 100.0)
                .mx(0.0);
        }

        // ---- self-sufficiency of the US, per stage and for the chain
        let ratio = |num: f64, den: f64| if den > 0.0 { (num / den).mn(1.0) } else { 1.0 };
        let mut ss = [0.0; N_STAGES];
        let mut ss_heavy = [0.0; N_STAGES];
        for s in 0..N_STAGES {
            let mut num = [0.0; N_MATERIALS];
            for m in 0..N_MATERIALS {
                num[m] = stage_out[s][US][m] + if s == 1 { recycled[US][m] } else { 0.0 };
            }
            ss[s] = ratio(num.iter().sum(), us_demand_total);
            ss_heavy[s] = ratio(num[HEAVY], demand[US][HEAVY]);
        }
        let chain = ss.iter().cloned().fold(1.0, f64::min);
        let chain_heavy = ss_heavy.iter().cloned().fold(1.0, f64::min);

        // ---- costs (NdPr oxide)
        let us_ndpr_t = stage_out[1][US][NDPR];
        if yi == 0 {
            // Assume cumulative output before 2024 equals two years at the 2024 rate.
            learning_base_t = (2.0 * us_ndpr_t).mx(100.0);
            cumulative_us_ndpr_t = learning_base_t;
        }
        let lr = (p.learning_rate_pct / 100.0).clamp(0.0, 0.99);
        let exponent = (1.0 - lr).log2();
        // `powf` is slow in wasm; with no learning the factor is exactly 1.
        let learning_factor = if lr > 0.0 {
            (cumulative_us_ndpr_t / learning_base_t).powf(exponent)
        } else {
            1.0
        };
        let unit_cost_us = p.refining_cost_us_usd_per_t * learning_factor;
        cumulative_us_ndpr_t += us_ndpr_t;
        let price = p.refining_cost_cn_usd_per_t;
        let gap = (unit_cost_us - price).mx(0.0);
        let y = f64::from(year);
        let floor_on = p.price_floor_usd_per_kg > 0.0
            && y >= p.price_floor_start_year
            && y < p.price_floor_start_year + p.price_floor_years;
        let subsidy = if p.subsidise_cost_gap.round() as i32 == 1 {
            gap
        } else {
            0.0
        };
        let support = if floor_on {
            subsidy.mx(p.price_floor_usd_per_kg * 1000.0 - price)
        } else {
            subsidy
        };
        let public_cost_musd = us_ndpr_t * support / 1e6;
        public_cost_cumulative_musd += public_cost_musd;
        let domestic_share = ratio(us_ndpr_t, demand[US][NDPR]);

        // ---- write the year
        let mut set = |s: Series, v: f64| out.set(s, yi, v);
        set(
            Series::DemandWorld,
            demand.iter().map(|d| d[0] + d[1]).sum(),
        );
        for r in 0..N_REGIONS {
            set(Series::DemandUs.offset(r), demand[r][0] + demand[r][1]);
            set(Series::ShortfallUs.offset(r), shortfall[r]);
            for s in 0..N_STAGES {
                set(
                    Series::OutputMiningUs.offset(s * N_REGIONS + r),
                    stage_out[s][r][0] + stage_out[s][r][1],
                );
            }
        }
        set(Series::UsDemandNdpr, demand[US][NDPR]);
        set(Series::UsDemandHeavy, demand[US][HEAVY]);
        set(Series::ShortfallWorld, shortfall.iter().sum());
        set(Series::ShortfallUsNdpr, us_short[NDPR]);
        set(Series::ShortfallUsHeavy, us_short[HEAVY]);
        set(Series::SupplyUs, supplied[US].iter().sum());
        let us_caps = [
            (cap.mine[US][0] + cap.mine[US][1]) * utilisation[US][0],
            (cap.sep[US][0] + cap.sep[US][1]) * utilisation[US][1],
            cap.metal[US] * utilisation[US][2],
            cap.magnet[US] * utilisation[US][3],
        ];
        for s in 0..N_STAGES {
            set(Series::UsCapacityMining.offset(s), us_caps[s]);
            set(Series::UsSelfSufficiencyMining.offset(s), ss[s] * 100.0);
            let world: f64 = (0..N_REGIONS)
                .map(|r| stage_out[s][r][0] + stage_out[s][r][1])
                .sum();
            let china = stage_out[s][CN][0] + stage_out[s][CN][1];
            set(
                Series::ChinaShareMining.offset(s),
                if world > 0.0 {
                    china / world * 100.0
                } else {
                    0.0
                },
            );
        }
        for flow in 0..N_FLOWS {
            for o in 0..3 {
                set(
                    Series::UsImportsConcentrateCn.offset(flow * 3 + o),
                    us_imports[flow][o],
                );
            }
            set(Series::UnsoldConcentrate.offset(flow), unsold_flow[flow]);
        }
        set(Series::Withheld, withheld);
        set(Series::UsSelfSufficiencyChain, chain * 100.0);
        set(Series::UsSelfSufficiencyHeavyChain, chain_heavy * 100.0);
        set(Series::UsDefenceCoverage, defence_coverage * 100.0);
        let us_supplied: f64 = supplied[US].iter().sum();
        set(
            Series::UsNonChinaSupply,
            if us_supplied > 0.0 {
                us_non_china.iter().sum::<f64>() / us_supplied * 100.0
            } else {
                0.0
            },
        );
        set(Series::UnitCostUs, unit_cost_us);
        set(Series::UnitCostCn, price);
        set(
            Series::CostPremium,
            if price > 0.0 {
                (unit_cost_us - price) / price * 100.0
            } else {
                0.0
            },
        );
        set(Series::PublicCost, public_cost_musd);
        set(Series::PublicCostCumulative, public_cost_cumulative_musd);
        set(Series::BuyerExtraCost, gap / 1000.0 * domestic_share);
        set(Series::Stockpile, stockpile_t);
        set(Series::StockpileDraw, draw);
        set(
            Series::StockpileMonthsOfCover,
            if us_demand_total > 0.0 {
                stockpile_t / (us_demand_total / 12.0)
            } else {
                0.0
            },
        );
        set(Series::RecycledUs, recycled[US].iter().sum());
        set(
            Series::RecycledWorld,
            recycled.iter().map(|r| r[0] + r[1]).sum(),
        );
        set(Series::SubstitutionUs, substitution[US] * 100.0);
        let mut reo_world = 0.0;
        for r in 0..N_REGIONS {
            let reo = cap.mine_reo[r] * utilisation[r][0];
            set(Series::MineReoUs.offset(r), reo);
            reo_world += reo;
        }
        set(Series::MineReoWorld, reo_world);
        set(
            Series::SupplyWorld,
            supplied.iter().map(|s| s[0] + s[1]).sum(),
        );
        set(Series::SecondarySupply, p.secondary_supply_cn_t);

        let us_magnet_cap = us_caps[3];
        if us_magnet_cap > 1.0 && stage_out[3][US].iter().sum::<f64>() < 0.01 * us_magnet_cap {
            idle_magnet_years.push(year);
        }
    }

    // ---- warnings: legal but suspicious combinations
    if let Some(&first) = idle_magnet_years.first() {
        warnings.push(Warning::new(
            "magnet_capacity_without_feed",
            Some(first),
            Some(idle_magnet_years.len() as f64),
            format!(
                "US magnet capacity stands idle for lack of metal feed in {} of the years, from {first}",
                idle_magnet_years.len()
            ),
        ));
    }
    if let Some((year, t)) = unsold_us_ore_first {
        warnings.push(Warning::new(
            "us_concentrate_unsold",
            Some(year),
            Some(t.round()),
            format!(
                "{} t of US concentrate (magnet rare earth content) finds no buyer in {year}: sales to China are stopped and US separation is too small",
                t.round() as i64
            ),
        ));
    }
    for (n, (scope, start)) in [
        (p.ban1_scope, p.ban1_start_year),
        (p.ban2_scope, p.ban2_start_year),
    ]
    .into_iter()
    .enumerate()
    {
        if scope.round() as i32 > 0 && start.round() as i32 > horizon {
            warnings.push(Warning::new(
                "control_after_horizon",
                Some(start.round() as i32),
                Some((n + 1) as f64),
                format!(
                    "control {} starts in {}, after the horizon ({horizon}): it has no effect",
                    n + 1,
                    start.round() as i32
                ),
            ));
        }
    }
    let inv_year = (p.invest_start_year + p.lead_time_yr).round() as i32;
    if (p.invest_separation_musd > 0.0 || p.invest_magnet_musd > 0.0) && inv_year > horizon {
        warnings.push(Warning::new(
            "investment_after_horizon",
            Some(inv_year),
            None,
            format!("the public investment is commissioned in {inv_year}, after the horizon ({horizon})"),
        ));
    }
    if p.magnet_cap_us_t > 0.0 && p.metal_cap_us_t <= 0.0 && p.deal_projects.round() as i32 == 0 {
        // Not an error: US magnet makers can import metal. The warning says so.
        warnings.push(Warning::new(
            "magnet_capacity_relies_on_imported_metal",
            None,
            None,
            "extra US magnet capacity has no extra US metal capacity beside it: it runs on imported metal".to_string(),
        ));
    }

    out.summary = Summary::from_projection(&out);
    out.warnings = warnings;
    out.events = events(p, horizon);
    out
}

/// Policy events and targets for chart markers.
fn events(p: &Inputs, horizon: i32) -> Vec<Event> {
    let mut ev = Vec::new();
    let in_range = |y: i32| (BASE_YEAR..=horizon).contains(&y);
    let delay = p.project_delay_yr.round() as i32;
    for proj in PROJECTS {
        if (proj.deal && p.deal_projects.round() as i32 != 1)
            || (proj.start_year > BASE_YEAR && p.projects_realised_pct <= 0.0)
        {
            continue;
        }
        let year = proj.start_year
            + if proj.start_year > BASE_YEAR {
                delay
            } else {
                0
            };
        if in_range(year) && year > BASE_YEAR {
            ev.push(Event {
                year,
                kind: "commissioning",
                code: "project",
                value: None,
                label: proj.name.to_string(),
            });
        }
    }
    for (n, (scope, start, duration)) in [
        (p.ban1_scope, p.ban1_start_year, p.ban1_duration_yr),
        (p.ban2_scope, p.ban2_start_year, p.ban2_duration_yr),
    ]
    .into_iter()
    .enumerate()
    {
        if scope.round() as i32 == 0 {
            continue;
        }
        let s = start.round() as i32;
        let e = (start + duration).round() as i32;
        if in_range(s) {
            ev.push(Event {
                year: s,
                kind: "control_start",
                code: "control_start",
                value: Some((n + 1) as f64),
                label: format!("export control {} starts", n + 1),
            });
        }
        if in_range(e) && e > s {
            ev.push(Event {
                year: e,
                kind: "control_end",
                code: "control_end",
                value: Some((n + 1) as f64),
                label: format!("export control {} ends", n + 1),
            });
        }
    }
    if p.price_floor_usd_per_kg > 0.0 && p.price_floor_years > 0.0 {
        let s = p.price_floor_start_year.round() as i32;
        if in_range(s) {
            ev.push(Event {
                year: s,
                kind: "policy",
                code: "floor_start",
                value: Some(p.price_floor_usd_per_kg.round()),
                label: format!(
                    "${}/kg price floor starts",
                    p.price_floor_usd_per_kg.round() as i64
                ),
            });
        }
        let e = s + p.price_floor_years.round() as i32;
        if in_range(e) {
            ev.push(Event {
                year: e,
                kind: "policy",
                code: "floor_end",
                value: None,
                label: "price floor ends".to_string(),
            });
        }
    }
    if p.invest_separation_musd > 0.0 || p.invest_magnet_musd > 0.0 {
        let y = (p.invest_start_year + p.lead_time_yr).round() as i32;
        if in_range(y) {
            ev.push(Event {
                year: y,
                kind: "commissioning",
                code: "investment",
                value: None,
                label: "publicly funded capacity".to_string(),
            });
        }
    }
    ev.push(Event {
        year: 2027,
        kind: "target",
        code: "defence_goal",
        value: None,
        label: "DoD goal: a mine-to-magnet chain for all US defence needs".to_string(),
    });
    // Insertion sort: a handful of events, stable, and no generic sort code in the wasm.
    for i in 1..ev.len() {
        let mut j = i;
        while j > 0 && ev[j - 1].year > ev[j].year {
            ev.swap(j - 1, j);
            j -= 1;
        }
    }
    ev
}
