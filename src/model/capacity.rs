//! Capacity and investment (MODEL.md section 2): the 2024 base grown at the IEA-derived
//! rates, the listed plants, public investment and committed capacity, and the plants firms
//! order when the expected price covers their full cost. Nothing ordered arrives before its lead
//! time, and every new plant ramps up.

use super::config::{Config, MAX_YEARS};
use super::demand::two_phase_growth;
use super::BASE_YEAR;
use crate::projects::{ramp_fraction, PROJECTS, RAMP_YEARS_OPERATING};
use crate::region::{Material, PerMaterial, PerRegion, Region, Stage};

/// Kinds of capacity added on top of the grown 2024 base.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// Mine capacity, t REO/yr.
    MineReo,
    SepNdpr,
    SepHeavy,
    /// Metal and alloy, t/yr oxide equivalent.
    Metal,
    /// Magnets, t/yr oxide equivalent.
    Magnet,
    /// The part of `SepNdpr` owned by MP Materials (the price floor's output).
    SepNdprMp,
    /// The part of `Magnet` in the 10X plant (the earnings guarantee).
    Magnet10x,
}

const N_KINDS: usize = 7;

/// Capacity levels added on top of the grown base, per kind, region and year.
#[derive(Clone, Debug)]
pub struct Additions {
    levels: Vec<f64>,
    n_years: usize,
    /// Ramp-up shares by years running, for new plants (`ramp_years`) and for plants already
    /// running in 2024: looked up rather than recomputed for every order and year.
    ramp_new: [f64; MAX_YEARS],
    ramp_operating: [f64; MAX_YEARS],
    ramp_new_years: f64,
}

impl Additions {
    fn idx(&self, k: Kind, r: Region, yi: usize) -> usize {
        ((k as usize) * 4 + r.index()) * MAX_YEARS + yi
    }

    pub fn get(&self, k: Kind, r: Region, yi: usize) -> f64 {
        self.levels[self.idx(k, r, yi)]
    }

    /// Adds `q` of nameplate capacity firms ordered, first producing in `first_year` and
    /// ramping like every new plant, to every later year of the projection.
    pub fn order(&mut self, k: Kind, r: Region, q: f64, first_year: i32) {
        let first = (first_year - BASE_YEAR).max(0) as usize;
        if q == 0.0 || first >= self.n_years {
            return;
        }
        let base = self.idx(k, r, 0);
        let row = &mut self.levels[base + first..base + self.n_years];
        for (level, share) in row.iter_mut().zip(&self.ramp_new) {
            *level += q * share;
        }
    }

    /// Adds `q` of nameplate capacity whose first output is in `first_year`, ramping over
    /// `ramp_years`, to every later year of the projection.
    pub fn add(&mut self, k: Kind, r: Region, q: f64, first_year: i32, ramp_years: f64) {
        if q == 0.0 {
            return;
        }
        let first = (first_year - BASE_YEAR).max(0) as usize;
        let table = if ramp_years == self.ramp_new_years {
            Some(&self.ramp_new)
        } else if ramp_years == RAMP_YEARS_OPERATING {
            Some(&self.ramp_operating)
        } else {
            None
        };
        let base = self.idx(k, r, 0);
        for yi in first..self.n_years {
            let running = BASE_YEAR + yi as i32 - first_year;
            let f = match (table, usize::try_from(running)) {
                (Some(t), Ok(k)) if k < MAX_YEARS => t[k],
                _ => ramp_fraction(running, ramp_years),
            };
            self.levels[base + yi] += q * f;
        }
    }

    /// Public money for plants in region `r`: `sep_musd` buys separation (NdPr and Dy+Tb in the
    /// recipe's shares), `magnet_musd` metal and magnet plants, at the catalogue's capex; first
    /// output in `first_year`, ramping like any new plant.
    pub fn public(
        &mut self,
        c: &Config,
        r: Region,
        sep_musd: f64,
        magnet_musd: f64,
        first_year: i32,
    ) {
        let h = c.heavy_share;
        let sep = sep_musd * 1e6 / c.capex_separation;
        self.add(Kind::SepNdpr, r, sep * (1.0 - h), first_year, c.ramp_years);
        self.add(Kind::SepHeavy, r, sep * h, first_year, c.ramp_years);
        let magnets = magnet_musd * 1e6 / c.capex_magnet * c.oxide_per_magnet;
        self.add(Kind::Metal, r, magnets, first_year, c.ramp_years);
        self.add(Kind::Magnet, r, magnets, first_year, c.ramp_years);
    }

    /// The listed plants, public investment and committed capacity: everything known before the
    /// first projected year.
    pub fn planned(c: &Config, p: &crate::params::Inputs) -> Additions {
        let mut a = Additions {
            levels: vec![0.0; N_KINDS * 4 * MAX_YEARS],
            n_years: c.n_years,
            ramp_new: std::array::from_fn(|k| ramp_fraction(k as i32, c.ramp_years)),
            ramp_operating: std::array::from_fn(|k| ramp_fraction(k as i32, RAMP_YEARS_OPERATING)),
            ramp_new_years: c.ramp_years,
        };
        let realised = p.projects_realised_pct / 100.0;
        let delay = p.project_delay_yr.round() as i32;
        for proj in PROJECTS {
            if proj.deal && !c.deal_projects {
                continue;
            }
            // Plants already producing in 2024 keep their own ramp, are neither delayed nor scaled.
            let announced = proj.start_year > BASE_YEAR;
            let start = proj.start_year + if announced { delay } else { 0 };
            let scale = if announced { realised } else { 1.0 };
            let ramp = if announced {
                c.ramp_years
            } else {
                RAMP_YEARS_OPERATING
            };
            let r = proj.region;
            a.add(Kind::SepNdpr, r, proj.ndpr_t_per_yr * scale, start, ramp);
            a.add(Kind::SepHeavy, r, proj.heavy_t_per_yr * scale, start, ramp);
            if proj.mp {
                a.add(Kind::SepNdprMp, r, proj.ndpr_t_per_yr * scale, start, ramp);
            }
            let oxide_eq = proj.magnet_t_per_yr * c.oxide_per_magnet * scale;
            match proj.stage {
                Stage::Metal => {
                    a.add(Kind::Metal, r, oxide_eq, start, ramp);
                    if proj.integrated {
                        a.add(Kind::Magnet, r, oxide_eq, start, ramp);
                    }
                }
                Stage::Magnet => a.add(Kind::Magnet, r, oxide_eq, start, ramp),
                _ => {}
            }
            if proj.ebitda_guarantee {
                a.add(Kind::Magnet10x, r, oxide_eq, start, ramp);
            }
        }
        // Public investment and capacity committed by firms: decided in one year, producing
        // after the lead time, ramping like any new plant.
        let first = (p.invest_start_year.round() as i32) + c.lead_time;
        let h = c.heavy_share;
        let sep = p.invest_separation_musd * 1e6 / c.capex_separation;
        let us = Region::Us;
        a.add(
            Kind::SepNdpr,
            us,
            sep * (1.0 - h) + p.sep_cap_us_t,
            first,
            c.ramp_years,
        );
        a.add(
            Kind::SepHeavy,
            us,
            sep * h + p.heavy_sep_cap_us_t,
            first,
            c.ramp_years,
        );
        let magnets = p.invest_magnet_musd * 1e6 / c.capex_magnet * c.oxide_per_magnet;
        a.add(
            Kind::Metal,
            us,
            magnets + p.metal_cap_us_t,
            first,
            c.ramp_years,
        );
        a.add(
            Kind::Magnet,
            us,
            magnets + p.magnet_cap_us_t * c.oxide_per_magnet,
            first,
            c.ramp_years,
        );
        a.public(c, Region::Allies, c.invest_allies_musd, 0.0, first);
        a
    }
}

/// Capacity that can run in one year (after utilisation), t/yr.
#[derive(Clone, Copy, Debug, Default)]
pub struct Capacity {
    /// Mine output, t REO/yr.
    pub mine_reo: PerRegion<f64>,
    /// Magnet rare earths in the ore mined, t/yr.
    pub ore: PerRegion<PerMaterial<f64>>,
    pub sep: PerRegion<PerMaterial<f64>>,
    /// Of US NdPr separation, the share in plants the price floor covers.
    pub us_sep_mp_share: f64,
    pub metal: PerRegion<f64>,
    pub magnet: PerRegion<f64>,
    /// Of US magnet capacity, the share in the 10X plant.
    pub us_magnet_10x_share: f64,
}

/// Mine capacity of region `r`, t REO/yr, before utilisation: the 2024 figure grown at the
/// region's rate to 2030 and the common rate after. `t` may be negative (back-cast test).
pub fn mine_base_reo(c: &Config, r: Region, t: i32) -> f64 {
    match usize::try_from(t) {
        Ok(i) if i < MAX_YEARS => c.mine_reo_2024[r] * c.growth_mine[r][i],
        _ => {
            c.mine_reo_2024[r] * two_phase_growth(c.mine_growth[r], c.growth_after_2030_capacity, t)
        }
    }
}

pub fn capacity(c: &Config, add: &Additions, yi: usize) -> Capacity {
    let mut cap = Capacity::default();
    for r in Region::ALL {
        let g = c.growth_processing[r][yi];
        let reo = mine_base_reo(c, r, yi as i32) + add.get(Kind::MineReo, r, yi);
        cap.mine_reo[r] = reo * c.util_mine[r];
        for m in Material::ALL {
            cap.ore[r][m] = cap.mine_reo[r] * c.ore_content[r][m];
        }
        let u = c.util_sep[r];
        cap.sep[r] = PerMaterial([
            (c.sep_cap_2024[r][Material::Ndpr] * g + add.get(Kind::SepNdpr, r, yi)) * u,
            (c.sep_cap_2024[r][Material::Heavy] * g + add.get(Kind::SepHeavy, r, yi)) * u,
        ]);
        // Metal and magnet plants outside China grow at the common rate: the IEA-derived allied
        // and rest-of-world rates are for refining, and no source gives one for magnets there.
        let gc = if r == Region::China {
            g
        } else {
            c.growth_conversion[yi]
        };
        cap.metal[r] = (c.metal_cap_2024[r] * gc + add.get(Kind::Metal, r, yi)) * c.util_metal[r];
        cap.magnet[r] =
            (c.magnet_cap_2024[r] * gc + add.get(Kind::Magnet, r, yi)) * c.util_magnet[r];
    }
    let us = Region::Us;
    let us_sep = add.get(Kind::SepNdpr, us, yi);
    cap.us_sep_mp_share = if us_sep > 0.0 {
        (add.get(Kind::SepNdprMp, us, yi) / us_sep).min(1.0)
    } else {
        0.0
    };
    let us_mag = add.get(Kind::Magnet, us, yi);
    cap.us_magnet_10x_share = if us_mag > 0.0 {
        (add.get(Kind::Magnet10x, us, yi) / us_mag).min(1.0)
    } else {
        0.0
    };
    cap
}

/// Share of a region's project pipeline that pays at the expected price `p`: project full
/// costs are spread evenly over `cost · (1 ± spread)` (Benchmark: none pays at $54/kg, ~40%
/// at $75-85/kg).
pub fn share_that_pays(p: f64, cost: f64, spread: f64) -> f64 {
    let lo = cost * (1.0 - spread);
    let hi = cost * (1.0 + spread);
    if hi <= lo {
        return if p >= cost { 1.0 } else { 0.0 };
    }
    crate::num::clamp((p - lo) / (hi - lo), 0.0, 1.0)
}

/// What firms ordered in one year, t/yr of capacity (and its cost, $M).
#[derive(Clone, Copy, Debug, Default)]
pub struct Orders {
    /// Integrated mine and separation plants, t/yr NdPr.
    pub separation: PerRegion<f64>,
    /// Integrated metal and magnet plants, t/yr oxide equivalent.
    pub magnets: PerRegion<f64>,
    pub cost_musd: PerRegion<f64>,
}

/// Inputs of one year's investment decision outside China.
pub struct Expectation {
    /// Expected oxide price for each region's NdPr plants, by-product revenue included, $/kg.
    pub ndpr_value: PerRegion<f64>,
    /// Full unit cost of new NdPr oxide capacity per region, $/kg.
    pub full_cost: PerRegion<f64>,
    /// Expected premium on magnets made in each region over the oxide they contain, $/kg oxide
    /// equivalent: the scarcity premium outside China, and in the US the tariff on the Chinese
    /// magnets its plants would displace.
    pub magnet_premium: PerRegion<f64>,
    pub world_demand_t: f64,
}

/// Private orders outside China in `year`: at most `investment_rate` of world demand a year
/// for each stage (Sprecher et al. 2017), scaled by the share of the pipeline that pays, and
/// placed where the ore is (separation) or where magnet plants already are (magnets). China's
/// capacity follows its quotas instead (the IEA-derived rates).
pub fn order(
    c: &Config,
    cap: &Capacity,
    e: &Expectation,
    year: i32,
    add: &mut Additions,
) -> Orders {
    let mut o = Orders::default();
    let first = year + c.lead_time;
    let max_t = c.investment_rate * e.world_demand_t;
    let reo_ex: f64 = Region::EX_CHINA.iter().map(|&r| cap.mine_reo[r]).sum();
    let mag_ex: f64 = Region::EX_CHINA.iter().map(|&r| cap.magnet[r]).sum();
    // The capital charge of magnet capacity per kg of oxide it converts in a year.
    let magnet_charge = c.capex_magnet / 1000.0 * c.capital_recovery / c.oxide_per_magnet;
    for r in Region::EX_CHINA {
        let weight = if reo_ex > 0.0 {
            cap.mine_reo[r] / reo_ex
        } else {
            1.0 / 3.0
        };
        let pays = share_that_pays(e.ndpr_value[r], e.full_cost[r], c.pipeline_spread);
        let q = max_t * weight * pays;
        if q > 0.0 {
            let content = c.ore_content[r];
            // A new project brings its own ore and separates its heavies too.
            if content[Material::Ndpr] > 0.0 {
                add.order(
                    Kind::MineReo,
                    r,
                    q / content[Material::Ndpr] / c.util_mine[r].max(1e-9),
                    first,
                );
                let heavy_ratio = content[Material::Heavy] / content[Material::Ndpr];
                add.order(
                    Kind::SepHeavy,
                    r,
                    q * heavy_ratio / c.util_sep[r].max(1e-9),
                    first,
                );
            }
            add.order(Kind::SepNdpr, r, q / c.util_sep[r].max(1e-9), first);
            o.separation[r] = q;
            o.cost_musd[r] += q * c.capex_separation / 1e6;
        }
        let mweight = if mag_ex > 0.0 {
            cap.magnet[r] / mag_ex
        } else {
            1.0 / 3.0
        };
        let magnet_pays = share_that_pays(e.magnet_premium[r], magnet_charge, c.pipeline_spread);
        let qm = max_t * mweight * magnet_pays;
        if qm > 0.0 {
            add.order(Kind::Metal, r, qm / c.util_metal[r].max(1e-9), first);
            add.order(Kind::Magnet, r, qm / c.util_magnet[r].max(1e-9), first);
            o.magnets[r] = qm;
            o.cost_musd[r] += qm / c.oxide_per_magnet * c.capex_magnet / 1e6;
        }
    }
    o
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::money::UnitCost;

    /// Benchmark's incentive price (facts s.6): no ex-China project earns 15% at $54/kg NdPr;
    /// about 40% of the pipeline needs $75-85/kg. New allied, rest-of-world and US projects are
    /// weighed at their new-project full cost with the pipeline's spread.
    #[test]
    fn the_ex_china_pipeline_pays_as_benchmark_found() {
        let c = Config::new(&crate::params::Inputs::defaults());
        let allied = UnitCost::new(&c, c.new_project_cash_ex).full;
        let us = UnitCost::new(&c, c.cash_cost[Region::Us]).full;
        for full in [allied, us] {
            assert_eq!(share_that_pays(54.0, full, c.pipeline_spread), 0.0);
            let needs_75_85 = share_that_pays(85.0, full, c.pipeline_spread)
                - share_that_pays(75.0, full, c.pipeline_spread);
            assert!(
                (0.15..=0.45).contains(&needs_75_85),
                "share of the pipeline needing $75-85/kg: {needs_75_85}"
            );
            assert!(share_that_pays(85.0, full, c.pipeline_spread) >= 0.4);
        }
        // The plants already running outside China are cheaper than the new ones.
        assert!(c.cash_cost[Region::Allies] < c.new_project_cash_ex);
    }
}
