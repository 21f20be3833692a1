//! Announced and operating plants outside China, from the facts file (section 2 and 9).
//!
//! Each project adds capacity from its commissioning year along the ramp-up profile of
//! [`ramp_fraction`]. China's and most allied growth come from IEA-derived growth rates instead
//! (see `params.rs`), so the allied plants named there (Lynas, Solvay) are not listed again here.

use crate::region::{Region, Stage};
use serde::Serialize;

/// One plant or expansion.
#[derive(Clone, Copy, Debug, Serialize)]
pub struct Project {
    pub name: &'static str,
    pub region: Region,
    /// The stage it adds capacity to. `Stage::Metal` plants listed as integrated also add
    /// the same capacity to `Stage::Magnet` (see `integrated`).
    pub stage: Stage,
    /// True for an integrated metal, alloy and magnet plant.
    pub integrated: bool,
    /// Nameplate NdPr capacity, t oxide/yr (separation plants).
    pub ndpr_t_per_yr: f64,
    /// Nameplate Dy+Tb capacity, t oxide/yr (separation plants).
    pub heavy_t_per_yr: f64,
    /// Nameplate magnet capacity, t magnet/yr (metal and magnet plants).
    pub magnet_t_per_yr: f64,
    /// First year of output.
    pub start_year: i32,
    /// Financed by the July 2025 DoD/Apple deals or Energy Fuels phase 2: built only when the
    /// `deal_projects` lever is on.
    pub deal: bool,
    /// Owned by MP Materials, whose NdPr output the DoD price floor guarantees (MP 8-K, July 2025).
    pub mp: bool,
    /// Covered by the DoD's 10X earnings guarantee (Project Blue, July 2025).
    pub ebitda_guarantee: bool,
    pub source: &'static str,
}

/// The project list. Capacities are nameplate; utilisation and ramp-up apply on top.
pub static PROJECTS: &[Project] = &[
    Project {
        name: "MP Materials Mountain Pass separation (Stage II)",
        region: Region::Us,
        stage: Stage::Separation,
        integrated: false,
        ndpr_t_per_yr: 6000.0,
        heavy_t_per_yr: 0.0,
        magnet_t_per_yr: 0.0,
        start_year: 2022,
        deal: false,
        mp: true,
        ebitda_guarantee: false,
        source: "design ~6,000 t/yr NdPr; 1,294 t in 2024 (22%), ~48% annualised Q3 2025, so first output 2022 (MP filings) [B]",
    },
    Project {
        name: "Energy Fuels White Mesa phase 1",
        region: Region::Us,
        stage: Stage::Separation,
        integrated: false,
        ndpr_t_per_yr: 1000.0,
        heavy_t_per_yr: 0.0,
        magnet_t_per_yr: 0.0,
        start_year: 2024,
        deal: false,
        mp: false,
        ebitda_guarantee: false,
        source: "850-1,000 t/yr NdPr, $16M brownfield (Energy Fuels) [B]",
    },
    Project {
        name: "MP Materials Independence, Fort Worth (metal and magnets)",
        region: Region::Us,
        stage: Stage::Metal,
        integrated: true,
        ndpr_t_per_yr: 0.0,
        heavy_t_per_yr: 0.0,
        magnet_t_per_yr: 1000.0,
        start_year: 2025,
        deal: false,
        mp: true,
        ebitda_guarantee: false,
        source: "~1,000 t/yr magnets, ramp from late 2025 (MP) [B]",
    },
    Project {
        name: "Neo Performance Materials, Narva magnets (Estonia)",
        region: Region::Allies,
        stage: Stage::Magnet,
        integrated: false,
        ndpr_t_per_yr: 0.0,
        heavy_t_per_yr: 0.0,
        magnet_t_per_yr: 2000.0,
        start_year: 2025,
        deal: false,
        mp: false,
        ebitda_guarantee: false,
        source: "2,000 t/yr magnets (expandable to 5,000), EUR 75M, ramp 2026 (Neo) [B]",
    },
    Project {
        name: "MP Materials heavy rare earth separation circuit",
        region: Region::Us,
        stage: Stage::Separation,
        integrated: false,
        ndpr_t_per_yr: 0.0,
        heavy_t_per_yr: 200.0,
        magnet_t_per_yr: 0.0,
        start_year: 2026,
        deal: true,
        mp: true,
        ebitda_guarantee: false,
        source: "~200 t/yr Dy+Tb, commissioning mid-2026; $150M DoD loan (MP 8-K, July 2025) [A/B]",
    },
    Project {
        name: "MP Materials Independence expansion",
        region: Region::Us,
        stage: Stage::Metal,
        integrated: true,
        ndpr_t_per_yr: 0.0,
        heavy_t_per_yr: 0.0,
        magnet_t_per_yr: 2000.0,
        start_year: 2027,
        deal: true,
        mp: true,
        ebitda_guarantee: false,
        source: "Fort Worth expanding to ~3,000 t/yr; Apple $500M, shipments from 2027 (Apple, July 2025) [B]; timing assumed [C]",
    },
    Project {
        name: "MP Materials 10X magnet plant",
        region: Region::Us,
        stage: Stage::Metal,
        integrated: true,
        ndpr_t_per_yr: 0.0,
        heavy_t_per_yr: 0.0,
        magnet_t_per_yr: 7000.0,
        start_year: 2028,
        deal: true,
        mp: true,
        ebitda_guarantee: true,
        source: "~7,000 t/yr magnets, commissioning 2028, ~$650M; DoD takes 100% for 10 years (MP 8-K, July 2025) [A/B]",
    },
    Project {
        name: "Energy Fuels phase 2",
        region: Region::Us,
        stage: Stage::Separation,
        integrated: false,
        ndpr_t_per_yr: 6000.0,
        heavy_t_per_yr: 306.0,
        magnet_t_per_yr: 0.0,
        start_year: 2029,
        deal: true,
        mp: false,
        ebitda_guarantee: false,
        source: "> 6,000 t NdPr + 240 t Dy + 66 t Tb per year, $410M, commissioning 2029 (Energy Fuels) [B]",
    },
];

/// Ramp-up of the plants already producing in 2024: their 2024 output is data (MP's 22% of
/// design), so it does not move with the `ramp_years` lever, which is for plants starting later.
pub const RAMP_YEARS_OPERATING: f64 = 5.0;

/// Share of nameplate capacity available `years_running` years after the first year of output
/// (0 in the first year), for a plant that takes `ramp_years` to reach full capacity.
///
/// Quadratic: `((k + 1) / (R + 1))^2`, capped at 1. With R = 5 it gives 25% in the third year and
/// 44% in the fourth, close to MP's 22% and 48% (facts file, section 9).
pub fn ramp_fraction(years_running: i32, ramp_years: f64) -> f64 {
    if years_running < 0 {
        return 0.0;
    }
    let r = ramp_years.max(0.0);
    let x = (f64::from(years_running) + 1.0) / (r + 1.0);
    (x * x).min(1.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ramp_matches_mountain_pass() {
        // MP: 22% of design after 2 years, 48% after 3 (facts s.9); tolerance 5 points.
        assert!((ramp_fraction(2, 5.0) - 0.22).abs() < 0.05);
        assert!((ramp_fraction(3, 5.0) - 0.48).abs() < 0.05);
        assert_eq!(ramp_fraction(-1, 5.0), 0.0);
        assert_eq!(ramp_fraction(5, 5.0), 1.0);
        assert_eq!(ramp_fraction(50, 5.0), 1.0);
    }
}
