//! Demand (MODEL.md section 1): world demand at the reference price, its regions and materials,
//! the heat-resistant grades that tie Dy+Tb to NdPr, substitution, and recycling.

use super::config::Config;
use super::{BASE_YEAR, GROWTH_BREAK_YEAR};
use crate::region::{Material, PerMaterial, PerRegion, Region};

/// Growth factor `t` years after the base year: `g1` a year to 2030, `g2` after. Negative `t`
/// extrapolates backwards at `g1` (end-of-life flows from products sold before 2024).
pub fn two_phase_growth(g1: f64, g2: f64, t: i32) -> f64 {
    let break_t = GROWTH_BREAK_YEAR - BASE_YEAR;
    if t <= break_t {
        (1.0 + g1).powi(t)
    } else {
        (1.0 + g1).powi(break_t) * (1.0 + g2).powi(t - break_t)
    }
}

/// World demand at the 2024 reference price, before substitution, in `year` (t/yr). Before 2024 it
/// is history, not a lever: it grows back at the catalogue's default rate.
pub fn world_demand_t(c: &Config, year: i32) -> f64 {
    let g1 = if year < BASE_YEAR {
        c.growth_history
    } else {
        c.growth_to_2030
    };
    c.world_demand_2024_t * two_phase_growth(g1, c.growth_after_2030, year - BASE_YEAR)
}

/// Lasting Dy+Tb thrift reached in `year` (fraction): linear from none in 2024 to the lever's
/// value in 2030.
pub fn lasting_thrift(c: &Config, year: i32) -> f64 {
    let x = crate::num::clamp(
        f64::from(year - BASE_YEAR) / f64::from(GROWTH_BREAK_YEAR - BASE_YEAR),
        0.0,
        1.0,
    );
    c.dytb_thrift * x
}

/// Reference demand per region and material in `year`, after substitution and lasting thrift.
pub fn reference_demand(
    c: &Config,
    year: i32,
    substitution: &PerRegion<f64>,
) -> PerRegion<PerMaterial<f64>> {
    let world = world_demand_t(c, year);
    let heavy = c.heavy_share * (1.0 - lasting_thrift(c, year));
    let mut d = PerRegion::<PerMaterial<f64>>::default();
    for r in Region::ALL {
        let total = world * c.demand_share[r] * (1.0 - substitution[r]);
        d[r] = PerMaterial([total * (1.0 - c.heavy_share), total * heavy]);
    }
    d
}

/// Share of heat-resistant magnets that can still be made when buyers get `got` of the Dy+Tb
/// they wanted at the reference price (`wanted`): thrift covers the first
/// `heavy_thrift_short_run` of a cut, beyond it the magnets are not made.
pub fn heat_resistant_share(c: &Config, got: f64, wanted: f64) -> f64 {
    if wanted <= 0.0 {
        return 1.0;
    }
    crate::num::clamp((got / wanted) / (1.0 - c.heavy_thrift_short_run), 0.0, 1.0)
}

/// NdPr demand once Dy+Tb scarcity has limited heat-resistant magnets to `share` of their need.
pub fn ndpr_demand_after_heavy(c: &Config, ndpr_ref: f64, share: f64) -> f64 {
    ndpr_ref * (1.0 - c.heavy_grade_share * (1.0 - share))
}

/// End-of-life recovery rate in `year` (fraction): linear from the 2024 rate to the target.
pub fn recycling_rate(c: &Config, year: i32) -> f64 {
    let span = (c.recycling_target_year - f64::from(BASE_YEAR)).max(1.0);
    let x = crate::num::clamp(f64::from(year - BASE_YEAR) / span, 0.0, 1.0);
    c.recycling_2024 + (c.recycling_target - c.recycling_2024) * x
}

/// Material recovered from products reaching end of life in `year`, per region and material:
/// demand one lifetime ago times the recovery rate. It enters the region's oxide supply.
pub fn recycled(c: &Config, year: i32) -> PerRegion<PerMaterial<f64>> {
    let eol = world_demand_t(c, year - c.lifetime_yr) * recycling_rate(c, year);
    let mut out = PerRegion::<PerMaterial<f64>>::default();
    for r in Region::ALL {
        let q = eol * c.demand_share[r];
        out[r] = PerMaterial([q * (1.0 - c.heavy_share), q * c.heavy_share]);
    }
    out
}

/// A price index for substitution: reference-weighted, 1 at the 2024 prices.
pub fn price_index(c: &Config, price: &PerMaterial<f64>) -> f64 {
    let h = c.heavy_share;
    (1.0 - h) * price[Material::Ndpr] / c.price_2024[Material::Ndpr]
        + h * price[Material::Heavy] / c.price_2024[Material::Heavy]
}

/// Next year's substituted share: it rises by the full `substitution_rate` when prices stand at
/// the ceiling (as in 2011, Sprecher et al. 2017), proportionally less below, and never falls.
pub fn next_substitution(c: &Config, now: f64, index: f64) -> f64 {
    let pressure = crate::num::clamp((index - 1.0) / (c.price_cap_multiple - 1.0), 0.0, 1.0);
    (now + c.substitution_rate * pressure)
        .min(c.substitution_cap)
        .max(now)
}
