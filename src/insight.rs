//! Uncertainty and insight (MODEL.md section 17): how sure a figure is, which assumption moves
//! it most, what a lever would have to be to reach a target, and which changed lever made a
//! scenario differ from its preset. All of it is repeated projections of the one model; nothing
//! here changes a number the model computes.
//!
//! - [`uncertainty`]: the range of a parameter. From a source where the facts file gives one
//!   ([`SOURCED_RANGES`]), else from its grade: A +/-10%, B +/-25%, C +/-50% of the value it is
//!   set to, within the catalogue's range. Policy levers, choices, calendar years and zeros have
//!   none: they are decisions or structure, not measurements. Nor do the base year's figures:
//!   they are tied together by what was observed (the 2024 market cleared at 2024 prices), and
//!   drawn one by one they would make a 2024 that did not happen (a shortfall in the base year).
//! - [`bands`]: a seeded Monte Carlo over those ranges (triangular, peaked at the user's value),
//!   holding fixed the parameters the caller names (the levers the user moved); percentiles
//!   5, 25, 50, 75 and 95 per series and year and for every headline figure.
//! - [`tornado`]: one figure at each end of every parameter's plausible range (its uncertainty
//!   range, or for a lever the catalogue's), ranked by the swing.
//! - [`seek`]: bisection on one lever for a target; the answer is a value the model was run at
//!   and met the target, or the best the lever's range reaches.
//! - [`attribute`]: Shapley values of the changed parameters: each one's average contribution
//!   over every order of applying them (exact over all subsets up to [`EXACT_MAX`] changes,
//!   sampled permutations beyond), summing to the whole difference.

use crate::model;
use crate::output::{Figure, Projection, Series, Summary, SERIES, SUMMARY_FIELDS};
use crate::params::{spec, Grade, Group, Inputs, ParamSpec, PARAMS};
use rand::{RngExt, SeedableRng};
use rand_pcg::Pcg64Mcg;

/// Relative half-width of a parameter's range by grade (of the value it is set to).
pub fn grade_half_width(g: Grade) -> Option<f64> {
    match g {
        Grade::A => Some(0.10),
        Grade::B => Some(0.25),
        Grade::C => Some(0.50),
        Grade::Setting => None,
    }
}

/// A range the facts file gives for a parameter, used instead of the grade's.
#[derive(Clone, Copy, Debug)]
pub struct SourcedRange {
    pub id: &'static str,
    /// Either an absolute range (`absolute: true`) or a half-width in the parameter's unit
    /// around the value it is set to.
    pub lo: f64,
    pub hi: f64,
    pub absolute: bool,
    pub source: &'static str,
}

pub static SOURCED_RANGES: &[SourcedRange] = &[
    SourcedRange {
        id: "demand_growth_pct_per_yr",
        lo: -1.6,
        hi: 1.6,
        absolute: false,
        source: "IEA: 5.1 %/yr (STEPS) to 8.3 (NZE), 2024-2030 (facts s.7): half the spread either side",
    },
    SourcedRange {
        id: "refining_cost_us_usd_per_t",
        lo: 59_300.0,
        hi: 97_100.0,
        absolute: true,
        source: "facts s.1: the US premium over China's ~$54/kg is an assumption in 30-100%, so a full cost of $70-108/kg, less the $10.9/kg capital charge",
    },
];

/// Parameters that are decisions of a government, not measurements: no uncertainty range.
fn is_policy(p: &ParamSpec) -> bool {
    matches!(
        p.group,
        Group::Trade | Group::ChinaLevers | Group::UsLevers | Group::Reactions
    ) || matches!(
        p.id,
        "price_floor_usd_per_kg" | "magnet_ebitda_guarantee_musd" | "deal_equity_loans_musd"
    )
}

/// The uncertainty range of parameter `p` set to `value`, within the catalogue's range; `None`
/// when it has none.
pub fn uncertainty(p: &ParamSpec, value: f64) -> Option<(f64, f64)> {
    if p.group == Group::BaseYear {
        return None;
    }
    measured_range(p, value)
}

/// The range of a measured figure from its source or grade, base-year figures included.
fn measured_range(p: &ParamSpec, value: f64) -> Option<(f64, f64)> {
    if !p.options.is_empty() || p.unit == "year" || is_policy(p) {
        return None;
    }
    let (lo, hi) = if let Some(r) = SOURCED_RANGES.iter().find(|r| r.id == p.id) {
        if r.absolute {
            (r.lo.min(value), r.hi.max(value))
        } else {
            (value + r.lo, value + r.hi)
        }
    } else {
        let w = grade_half_width(p.grade)?;
        if value == 0.0 {
            return None;
        }
        (value - w * value.abs(), value + w * value.abs())
    };
    let (lo, hi) = (lo.max(p.min), hi.min(p.max));
    (hi > lo).then_some((lo, hi))
}

/// A value from the triangular distribution on `[lo, hi]` peaked at `mode`, for `u` in [0, 1).
fn triangular(lo: f64, mode: f64, hi: f64, u: f64) -> f64 {
    let mode = crate::num::clamp(mode, lo, hi);
    let f = (mode - lo) / (hi - lo);
    if u < f {
        lo + (u * (hi - lo) * (mode - lo)).sqrt()
    } else {
        hi - ((1.0 - u) * (hi - lo) * (hi - mode)).sqrt()
    }
}

/// Rounds `v` to the parameter's step when it only takes whole steps (lead times, lives).
fn on_step(p: &ParamSpec, v: f64) -> f64 {
    if p.integer() && p.step > 0.0 {
        crate::num::clamp((v / p.step).round() * p.step, p.min, p.max)
    } else {
        v
    }
}

/// A headline number of a projection: a summary field or a series in one year.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Measure {
    Summary(&'static str),
    SeriesAt(Series, i32),
}

type Field = fn(&Summary) -> f64;

/// The summary's numeric headline figures, by id (the JSON's field names): the numbers of
/// [`SUMMARY_FIELDS`], in its order.
pub fn headlines() -> impl Iterator<Item = (&'static str, Field)> + Clone {
    SUMMARY_FIELDS.iter().filter_map(|&(id, f)| match f {
        Figure::Value(f) => Some((id, f)),
        Figure::Year(_) => None,
    })
}

impl Measure {
    /// Reads `summary_id` or `series_id@year`; `None` for an unknown id.
    pub fn parse(text: &str) -> Option<Measure> {
        if let Some((id, year)) = text.split_once('@') {
            let s = SERIES.iter().position(|s| s.id == id)?;
            let year: i32 = year.parse().ok()?;
            return Some(Measure::SeriesAt(Series(s), year));
        }
        headlines()
            .find(|(id, _)| *id == text)
            .map(|(id, _)| Measure::Summary(id))
    }

    /// Its value in a projection (NaN for a year outside it).
    pub fn of(&self, p: &Projection) -> f64 {
        match *self {
            Measure::Summary(id) => headlines()
                .find(|(h, _)| *h == id)
                .map_or(f64::NAN, |(_, f)| f(&p.summary)),
            Measure::SeriesAt(s, year) => p.value(s, year).unwrap_or(f64::NAN),
        }
    }
}

fn measure(inputs: &Inputs, m: &Measure) -> f64 {
    m.of(&model::project(inputs))
}

/// Percentiles 5, 25, 50, 75 and 95.
pub const PERCENTILES: [f64; 5] = [5.0, 25.0, 50.0, 75.0, 95.0];

/// Percentile `q` (0-100) of sorted values, interpolated between ranks.
fn percentile(sorted: &[f64], q: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    let pos = q / 100.0 * (sorted.len() - 1) as f64;
    let (i, f) = (pos.floor() as usize, pos.fract());
    let j = (i + 1).min(sorted.len() - 1);
    sorted[i] + f * (sorted[j] - sorted[i])
}

/// The bands of a Monte Carlo run.
#[derive(Clone, Debug)]
pub struct Bands {
    pub runs: usize,
    pub seed: u64,
    /// The parameters that varied, with their ranges.
    pub varied: Vec<(&'static str, f64, f64)>,
    pub years: Vec<i32>,
    /// For each requested series: `[percentile][year]`.
    pub series: Vec<(Series, [Vec<f64>; 5])>,
    /// For each headline figure: its 5 percentiles.
    pub headlines: Vec<(&'static str, [f64; 5])>,
}

/// The parameters a Monte Carlo varies around `inputs`: every one with an uncertainty range,
/// except those in `fixed`.
pub fn varied(inputs: &Inputs, fixed: &[&str]) -> Vec<(&'static ParamSpec, f64, f64)> {
    PARAMS
        .iter()
        .filter(|p| !fixed.contains(&p.id))
        .filter_map(|p| {
            let v = inputs.get(p.id)?;
            uncertainty(p, v).map(|(lo, hi)| (p, lo, hi))
        })
        .collect()
}

/// Runs `runs` projections with the uncertain parameters drawn around `inputs` (see the module
/// doc), the same draws for the same `seed` on every platform, and returns the percentiles of
/// `series` per year and of every headline figure.
pub fn bands(inputs: &Inputs, fixed: &[&str], runs: usize, seed: u64, series: &[Series]) -> Bands {
    let vary = varied(inputs, fixed);
    // Each varied parameter's place in the catalogue, its range and centre: looked up once, not
    // by id in every run.
    let slots: Vec<(usize, &ParamSpec, f64, f64, f64)> = vary
        .iter()
        .filter_map(|&(p, lo, hi)| {
            let i = PARAMS.iter().position(|q| q.id == p.id)?;
            Some((i, p, lo, hi, inputs.get(p.id).unwrap_or(p.default)))
        })
        .collect();
    let mut rng = Pcg64Mcg::seed_from_u64(seed);
    let mut values: Vec<Vec<f64>> = Vec::new();
    let mut heads: Vec<Vec<f64>> = vec![Vec::with_capacity(runs); headlines().count()];
    let mut years = Vec::new();
    for _ in 0..runs {
        let mut x = inputs.clone();
        for &(i, p, lo, hi, centre) in &slots {
            let v = on_step(p, triangular(lo, centre, hi, rng.random::<f64>()));
            x.set_at(i, v);
        }
        let proj = model::project(&x);
        if values.is_empty() {
            years = proj.years().collect();
            values = vec![Vec::with_capacity(runs); series.len() * years.len()];
        }
        for (k, &s) in series.iter().enumerate() {
            for (yi, &v) in proj.series(s).iter().enumerate() {
                values[k * years.len() + yi].push(v);
            }
        }
        for (h, (_, f)) in heads.iter_mut().zip(headlines()) {
            h.push(f(&proj.summary));
        }
    }
    let sort = |v: &mut Vec<f64>| v.sort_unstable_by(f64::total_cmp);
    let n_years = years.len();
    let mut out_series = Vec::with_capacity(series.len());
    for (k, &s) in series.iter().enumerate() {
        let mut pct: [Vec<f64>; 5] = Default::default();
        for yi in 0..n_years {
            let col = &mut values[k * n_years + yi];
            sort(col);
            for (qi, &q) in PERCENTILES.iter().enumerate() {
                pct[qi].push(percentile(col, q));
            }
        }
        out_series.push((s, pct));
    }
    let headlines = heads
        .iter_mut()
        .zip(headlines())
        .map(|(h, (id, _))| {
            sort(h);
            (id, PERCENTILES.map(|q| percentile(h, q)))
        })
        .collect();
    Bands {
        runs,
        seed,
        varied: vary.iter().map(|&(p, lo, hi)| (p.id, lo, hi)).collect(),
        years,
        series: out_series,
        headlines,
    }
}

/// One bar of a tornado chart.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Bar {
    pub id: &'static str,
    /// The parameter's range tried, and the figure at each end (for a choice: the options
    /// giving the lowest and highest figure).
    pub lo: f64,
    pub hi: f64,
    pub at_lo: f64,
    pub at_hi: f64,
}

impl Bar {
    pub fn swing(&self) -> f64 {
        (self.at_hi - self.at_lo).abs()
    }
}

/// The plausible range of a parameter for the tornado: a measured figure's range from its
/// source or grade (base-year figures included), or for a lever the catalogue's whole range.
pub fn plausible(p: &ParamSpec, value: f64) -> (f64, f64) {
    measured_range(p, value).unwrap_or((p.min, p.max))
}

/// Every parameter (but the horizon) at both ends of its plausible range around `inputs`, its
/// effect on `m`, largest swing first.
pub fn tornado(inputs: &Inputs, m: &Measure) -> Vec<Bar> {
    let mut bars: Vec<Bar> = PARAMS
        .iter()
        .filter(|p| p.id != "horizon_year")
        .filter_map(|p| {
            let v = inputs.get(p.id)?;
            let at = |x: f64| {
                let mut i = inputs.clone();
                i.set_unchecked(p.id, x);
                measure(&i, m)
            };
            if !p.options.is_empty() {
                let runs: Vec<(f64, f64)> = (0..p.options.len())
                    .map(|k| (k as f64, at(k as f64)))
                    .collect();
                let lo = runs.iter().min_by(|a, b| a.1.total_cmp(&b.1))?;
                let hi = runs.iter().max_by(|a, b| a.1.total_cmp(&b.1))?;
                return Some(Bar {
                    id: p.id,
                    lo: lo.0,
                    hi: hi.0,
                    at_lo: lo.1,
                    at_hi: hi.1,
                });
            }
            let (lo, hi) = plausible(p, v);
            let (lo, hi) = (on_step(p, lo), on_step(p, hi));
            Some(Bar {
                id: p.id,
                lo,
                hi,
                at_lo: at(lo),
                at_hi: at(hi),
            })
        })
        .collect();
    bars.sort_unstable_by(|a, b| b.swing().total_cmp(&a.swing()));
    bars
}

/// What goal seek found.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Seek {
    /// The lever at `value` makes the figure `achieved`, which meets the target.
    Reached { value: f64, achieved: f64 },
    /// No value in the lever's range meets it; `value` gives the best the range reaches.
    Unreachable { value: f64, achieved: f64 },
}

/// The value of `lever` (within its catalogue range) that brings `m` to at least `target`, or at
/// most when `at_most`, closest to where the figure first meets it: bisection between the
/// range's ends, which assumes the figure moves one way with the lever (MODEL.md section 11
/// lists the monotone responses). The answer is always a value the model was run at.
pub fn seek(inputs: &Inputs, lever: &str, m: &Measure, target: f64, at_most: bool) -> Option<Seek> {
    let p = spec(lever)?;
    let at = |x: f64| {
        let mut i = inputs.clone();
        i.set_unchecked(p.id, x);
        measure(&i, m)
    };
    let meets = |f: f64| if at_most { f <= target } else { f >= target };
    let better = |a: f64, b: f64| if at_most { a < b } else { a > b };
    let (lo, hi) = (p.min, p.max);
    let (f_lo, f_hi) = (at(lo), at(hi));
    // Which end meets the target; bisection keeps one end that does and one that does not.
    let (mut good, mut bad) = match (meets(f_lo), meets(f_hi)) {
        (true, true) => {
            // Both ends meet it: the end nearer the lever's current value.
            let v = inputs.get(p.id).unwrap_or(p.default);
            let x = if (v - lo).abs() <= (hi - v).abs() {
                lo
            } else {
                hi
            };
            let f = if x == lo { f_lo } else { f_hi };
            return Some(Seek::Reached {
                value: x,
                achieved: f,
            });
        }
        (true, false) => ((lo, f_lo), hi),
        (false, true) => ((hi, f_hi), lo),
        (false, false) => {
            let (value, achieved) = if better(f_hi, f_lo) {
                (hi, f_hi)
            } else {
                (lo, f_lo)
            };
            return Some(Seek::Unreachable { value, achieved });
        }
    };
    let resolution = if p.integer() {
        p.step
    } else {
        (hi - lo) * 1e-6
    };
    while (good.0 - bad).abs() > resolution {
        let mid = on_step(p, 0.5 * (good.0 + bad));
        if mid == good.0 || mid == bad {
            break;
        }
        let f = at(mid);
        if meets(f) {
            good = (mid, f);
        } else {
            bad = mid;
        }
    }
    Some(Seek::Reached {
        value: good.0,
        achieved: good.1,
    })
}

/// Above this many changed parameters, attribution samples permutations instead of visiting
/// every subset (2^n projections).
pub const EXACT_MAX: usize = 12;

/// Permutations sampled beyond [`EXACT_MAX`].
pub const SAMPLED_PERMUTATIONS: usize = 200;

/// A difference between two scenarios split among the parameters that differ.
#[derive(Clone, Debug)]
pub struct Attribution {
    pub from: f64,
    pub to: f64,
    /// Each changed parameter and its contribution; they sum to `to - from`.
    pub parts: Vec<(&'static str, f64)>,
    pub exact: bool,
}

/// Shapley values of the parameters that differ between `from` and `to` on measure `m`.
pub fn attribute(from: &Inputs, to: &Inputs, m: &Measure, seed: u64) -> Attribution {
    let changed: Vec<(&'static str, f64)> = PARAMS
        .iter()
        .filter_map(|p| {
            let (a, b) = (from.get(p.id)?, to.get(p.id)?);
            (a != b).then_some((p.id, b))
        })
        .collect();
    let n = changed.len();
    let with = |mask: &dyn Fn(usize) -> bool| {
        let mut x = from.clone();
        for (k, &(id, v)) in changed.iter().enumerate() {
            if mask(k) {
                x.set_unchecked(id, v);
            }
        }
        measure(&x, m)
    };
    let (f_from, f_to) = (measure(from, m), measure(to, m));
    let mut phi = vec![0.0; n];
    let exact = n <= EXACT_MAX;
    if exact {
        let v: Vec<f64> = (0..1usize << n)
            .map(|s| match s {
                0 => f_from,
                s if s == (1 << n) - 1 => f_to,
                s => with(&|k| s & (1 << k) != 0),
            })
            .collect();
        // weight(|S|) = |S|! (n - |S| - 1)! / n!
        let mut fact = vec![1.0f64; n + 1];
        for k in 1..=n {
            fact[k] = fact[k - 1] * k as f64;
        }
        for (i, p) in phi.iter_mut().enumerate() {
            for s in 0..1usize << n {
                if s & (1 << i) != 0 {
                    continue;
                }
                let size = s.count_ones() as usize;
                let w = fact[size] * fact[n - size - 1] / fact[n];
                *p += w * (v[s | (1 << i)] - v[s]);
            }
        }
    } else {
        let mut rng = Pcg64Mcg::seed_from_u64(seed);
        let mut order: Vec<usize> = (0..n).collect();
        for _ in 0..SAMPLED_PERMUTATIONS {
            // Fisher-Yates with the seeded generator.
            for i in (1..n).rev() {
                let j = (rng.random::<f64>() * (i + 1) as f64) as usize;
                order.swap(i, j.min(i));
            }
            let mut on = vec![false; n];
            let mut last = f_from;
            for &k in &order {
                on[k] = true;
                let f = if on.iter().all(|&b| b) {
                    f_to
                } else {
                    with(&|j| on[j])
                };
                phi[k] += (f - last) / SAMPLED_PERMUTATIONS as f64;
                last = f;
            }
        }
    }
    let mut parts: Vec<(&'static str, f64)> = changed.iter().map(|&(id, _)| id).zip(phi).collect();
    parts.sort_unstable_by(|a, b| b.1.abs().total_cmp(&a.1.abs()));
    Attribution {
        from: f_from,
        to: f_to,
        parts,
        exact,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentiles_interpolate_between_ranks() {
        let v = [1.0, 2.0, 3.0, 4.0, 5.0];
        assert_eq!(percentile(&v, 0.0), 1.0);
        assert_eq!(percentile(&v, 50.0), 3.0);
        assert_eq!(percentile(&v, 100.0), 5.0);
        assert_eq!(percentile(&v, 25.0), 2.0);
        assert!((percentile(&v, 10.0) - 1.4).abs() < 1e-12);
    }

    #[test]
    fn triangular_draws_stay_in_range_and_peak_at_the_mode() {
        for k in 0..=100 {
            let u = k as f64 / 100.0 * 0.999_999;
            let x = triangular(10.0, 12.0, 20.0, u);
            assert!((10.0..=20.0).contains(&x), "{x}");
        }
        // The mode's share of the mass lies below it.
        assert!((triangular(10.0, 12.0, 20.0, 0.2) - 12.0).abs() < 1e-9);
    }

    #[test]
    fn ranges_follow_grades_and_sources_and_skip_decisions() {
        let growth = spec("mine_growth_us_pct_per_yr").unwrap(); // A
        let (lo, hi) = uncertainty(growth, 4.9).unwrap();
        assert!((lo - 4.41).abs() < 1e-9 && (hi - 5.39).abs() < 1e-9);
        // Base-year figures are held: the observed 2024 ties them together.
        assert_eq!(
            uncertainty(spec("world_demand_2024_t").unwrap(), 90_900.0),
            None
        );
        let resp = spec("demand_response_pct").unwrap(); // C
        assert_eq!(uncertainty(resp, 25.0), Some((12.5, 37.5)));
        // Within the catalogue's range (0-50).
        assert_eq!(uncertainty(resp, 45.0), Some((22.5, 50.0)));
        let growth = spec("demand_growth_pct_per_yr").unwrap();
        let (lo, hi) = uncertainty(growth, 5.1).unwrap();
        assert!((lo - 3.5).abs() < 1e-9 && (hi - 6.7).abs() < 1e-9);
        for id in [
            "price_floor_usd_per_kg",
            "ban1_severity_pct",
            "horizon_year",
            "tech_ban",
        ] {
            let p = spec(id).unwrap();
            assert_eq!(uncertainty(p, p.default), None, "{id}");
        }
        assert_eq!(uncertainty(spec("stockpile_start_t").unwrap(), 0.0), None);
    }
}
