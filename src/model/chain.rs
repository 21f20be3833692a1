//! The chain from ore to magnets (MODEL.md sections 3 and 5): where concentrate is separated,
//! which plants offer oxide at which cost, and, once the markets have cleared, where metal and
//! magnets are made, what the US imports from whom, and how much of its supply never passed
//! through China.

use super::config::Config;
use super::market::Plants;
use crate::region::{Material, PerMaterial, PerRegion, Region};

/// Concentrate moved in one year for one material.
#[derive(Clone, Copy, Debug, Default)]
pub struct OreFlows {
    /// `take[e][i]`: concentrate region `i` received from region `e` (its own included).
    pub take: [[f64; 4]; 4],
    /// Concentrate left with its owner (no separator could take it), t.
    pub unsold: PerRegion<f64>,
}

impl OreFlows {
    pub fn received(&self, i: Region) -> f64 {
        (0..4).map(|e| self.take[e][i.index()]).sum()
    }
}

/// Sends ore to separators. This year's ore goes to the region's own plants first; the US,
/// allies and the rest of the world then offer their surplus, in that order, to regions with
/// spare capacity, in proportion to it (China's separators take what is left). Ore held from
/// earlier years (left unsold, or left by plants that idled) is offered last to every region
/// with spare capacity, its owner's included: ore an idle plant did not use is sold on. `pass[e][i]`
/// is the share of an offer from `e` that may go to `i` (US sales to China stopped).
pub fn route_ore(
    mined: &PerRegion<f64>,
    held: &PerRegion<f64>,
    want: &PerRegion<f64>,
    pass: &[[f64; 4]; 4],
) -> OreFlows {
    let mut f = OreFlows::default();
    let mut surplus = [0.0; 4];
    let mut need = [0.0; 4];
    for i in 0..4 {
        let m = mined.0[i].max(0.0);
        let w = want.0[i].max(0.0);
        let own = m.min(w);
        f.take[i][i] = own;
        surplus[i] = m - own;
        need[i] = w - own;
    }
    // Offers `amount` from `e` to the regions that need ore, in proportion to what each may
    // take; returns what is left.
    let offer =
        |e: usize, amount: f64, include_self: bool, f: &mut OreFlows, need: &mut [f64; 4]| {
            if amount <= 0.0 {
                return amount;
            }
            let mut open = [0.0; 4];
            let mut total = 0.0;
            for i in 0..4 {
                if i != e || include_self {
                    open[i] = need[i] * pass[e][i];
                    total += open[i];
                }
            }
            if total <= 0.0 {
                return amount;
            }
            let fraction = (amount / total).min(1.0);
            for i in 0..4 {
                let q = open[i] * fraction;
                f.take[e][i] += q;
                need[i] -= q;
            }
            amount - total * fraction
        };
    const ORDER: [usize; 4] = [0, 2, 3, 1];
    for e in ORDER {
        surplus[e] = offer(e, surplus[e], false, &mut f, &mut need);
    }
    let mut stock = [0.0; 4];
    for e in ORDER {
        stock[e] = offer(e, held.0[e].max(0.0), true, &mut f, &mut need);
    }
    for i in 0..4 {
        f.unsold.0[i] = surplus[i].max(0.0) + stock[i].max(0.0);
    }
    f
}

/// Cash cost range of a region's NdPr plants, net of by-product (Dy+Tb) revenue above its 2024
/// price: `(lowest, highest)`, $/kg.
pub fn cost_range(c: &Config, cash_cost: f64, heavy_credit: f64) -> (f64, f64) {
    let net = cash_cost - heavy_credit;
    let (a, b) = (net * (1.0 - c.plant_spread), net * (1.0 + c.plant_spread));
    // A credit above the cash cost makes the net cost negative: keep the range in order.
    (a.min(b), a.max(b))
}

/// One region's separators: the plants the price floor covers (guaranteed `floor` $/kg, up to
/// `covered_cap` t/yr, fed first from their own mine), those under offtake contracts (`offtake`:
/// up to a capacity, at a price) and the rest. With the cost-gap subsidy or in the base year
/// every plant runs.
pub fn ndpr_plants(
    feed: f64,
    covered_cap: f64,
    offtake: Option<(f64, f64)>,
    range: (f64, f64),
    floor: Option<f64>,
    always_run: bool,
) -> Plants {
    let (lo, hi) = range;
    let covered = feed.min(covered_cap.max(0.0));
    let (offtake_cap, offtake_price) = offtake.unwrap_or((0.0, 0.0));
    let contracted = (feed - covered).min(offtake_cap.max(0.0)).max(0.0);
    let rest = feed - covered - contracted;
    let run_at = |price: Option<f64>| {
        if always_run {
            1.0
        } else {
            price.map_or(0.0, |f| super::market::run_share(f, lo, hi))
        }
    };
    let run_rest = if always_run { 1.0 } else { 0.0 };
    Plants::new(
        lo,
        hi,
        [covered, contracted, rest],
        [
            run_at(floor),
            run_at(offtake.map(|_| offtake_price)),
            run_rest,
        ],
    )
}

/// Where metal and magnets are made in one year for one material, and the US trade that follows.
#[derive(Clone, Copy, Debug, Default)]
pub struct Stages {
    pub metal: PerRegion<f64>,
    pub magnet: PerRegion<f64>,
    /// US imports by flow (concentrate, oxide, metal, magnets) and origin (China, allies, rest).
    pub us_imports: [[f64; 3]; 4],
    /// US consumption met by supply with no Chinese stage, t.
    pub us_non_chinese: f64,
}

/// Shares `total` among plants outside China: each region's plants first meet its own `need`
/// (up to their capacity), then what is left goes to spare capacity in proportion.
fn home_first_ex(total: f64, capacity: &PerRegion<f64>, need: &PerRegion<f64>) -> PerRegion<f64> {
    let mut out = PerRegion::splat(0.0);
    let mut own = 0.0;
    for r in Region::EX_CHINA {
        out[r] = capacity[r].min(need[r]).max(0.0);
        own += out[r];
    }
    if own >= total {
        let f = if own > 0.0 { total / own } else { 0.0 };
        for r in Region::EX_CHINA {
            out[r] *= f;
        }
        return out;
    }
    let spare: f64 = Region::EX_CHINA.iter().map(|&r| capacity[r] - out[r]).sum();
    if spare > 0.0 {
        let rest = (total - own).min(spare);
        for r in Region::EX_CHINA {
            out[r] += rest * (capacity[r] - out[r]) / spare;
        }
    }
    out
}

/// After the market: magnets made outside China (`converted_ex`, as the market found) spread
/// over the plants there by capacity; metal made there up to its capacity; China makes the rest
/// of what is consumed anywhere. Then the US's imports by origin and its non-Chinese supply.
#[allow(clippy::too_many_arguments)]
pub fn stages(
    converted_ex: f64,
    consumption: &PerRegion<f64>,
    oxide_own: &PerRegion<f64>,
    metal_cap: &PerRegion<f64>,
    magnet_cap: &PerRegion<f64>,
    ore: &OreFlows,
    share: f64,
    redirect: bool,
) -> Stages {
    let mut s = Stages::default();
    let total = consumption.sum();
    let mag_cap = PerRegion(magnet_cap.0.map(|k| k * share));
    let met_cap = PerRegion(metal_cap.0.map(|k| k * share));
    s.magnet = home_first_ex(converted_ex, &mag_cap, consumption);
    s.magnet[Region::China] = (total - converted_ex).max(0.0);
    let metal_ex = converted_ex.min(met_cap.ex_china());
    s.metal = home_first_ex(metal_ex, &met_cap, &s.magnet);
    s.metal[Region::China] = (total - metal_ex).max(0.0);

    let us = Region::Us;
    let origins = [Region::China, Region::Allies, Region::RestOfWorld];
    // Concentrate: as routed.
    for (o, e) in origins.into_iter().enumerate() {
        s.us_imports[0][o] = ore.take[e.index()][us.index()];
    }
    // Oxide, metal and magnets the US needs beyond its own: from the surplus of allies and the
    // rest of the world first, China for the remainder.
    let surplus = |have: &PerRegion<f64>, need: &PerRegion<f64>| -> [f64; 2] {
        [
            (have[Region::Allies] - need[Region::Allies]).max(0.0),
            (have[Region::RestOfWorld] - need[Region::RestOfWorld]).max(0.0),
        ]
    };
    let split = |gap: f64, sur: [f64; 2]| -> [f64; 3] {
        let from_ex = gap.min(sur[0] + sur[1]);
        let (a, b) = if sur[0] + sur[1] > 0.0 {
            (
                from_ex * sur[0] / (sur[0] + sur[1]),
                from_ex * sur[1] / (sur[0] + sur[1]),
            )
        } else {
            (0.0, 0.0)
        };
        [gap - from_ex, a, b]
    };
    let oxide_gap = (s.metal[us] - oxide_own[us]).max(0.0);
    s.us_imports[1] = split(oxide_gap, surplus(oxide_own, &s.metal));
    let metal_gap = (s.magnet[us] - s.metal[us]).max(0.0);
    s.us_imports[2] = split(metal_gap, surplus(&s.metal, &s.magnet));
    let magnet_gap = (consumption[us] - s.magnet[us]).max(0.0);
    s.us_imports[3] = split(magnet_gap, surplus(&s.magnet, consumption));

    // Non-Chinese supply: US magnets from US metal from oxide made outside China (US oxide
    // first, then redirected allied oxide), plus, when allies redirect, non-Chinese magnets
    // made elsewhere outside China.
    let oxide_ex = oxide_own.ex_china();
    let nc_metal_ex = metal_ex.min(oxide_ex);
    let us_oxide_pool = if redirect { oxide_ex } else { oxide_own[us] };
    let nc_metal_us = s.metal[us].min(us_oxide_pool).min(nc_metal_ex);
    let nc_magnets_us = s.magnet[us].min(nc_metal_us);
    // Allies' and others' non-Chinese magnets serve their own buyers first; only what is left
    // over can reach the US.
    let others_demand = consumption.ex_china() - consumption[us];
    let nc_elsewhere = if redirect {
        (converted_ex.min(nc_metal_ex) - nc_magnets_us - others_demand).max(0.0)
    } else {
        0.0
    };
    s.us_non_chinese = (nc_magnets_us + nc_elsewhere.min(magnet_gap)).min(consumption[us]);
    s
}

/// Per-material shares of metal and magnet capacity (they serve both materials in the recipe).
pub fn recipe_share(heavy_share: f64, m: Material) -> f64 {
    match m {
        Material::Ndpr => 1.0 - heavy_share,
        Material::Heavy => heavy_share,
    }
}

/// Sum of a per-region, per-material table over materials.
pub fn total(v: &PerRegion<PerMaterial<f64>>) -> PerRegion<f64> {
    PerRegion([v.0[0].sum(), v.0[1].sum(), v.0[2].sum(), v.0[3].sum()])
}

/// What limits the US chain in a year (MODEL.md section 5): the stage with the lowest
/// self-sufficiency (the upstream one on a tie), as 1 mining, 2 separation, 3 metal, 4 magnets
/// (0: the chain covers US demand), and why, as 1 capacity (the stage runs at 95% of what it
/// has or more), 2 feed (it runs below capacity for want of ore, oxide or metal), 3 China's
/// controls (as 2, in a year a control, quota or priority cut China's exports), 4 price (plants
/// idle though their feed would allow more, or mines cut output they cannot sell).
/// `out` and `caps` are the stages' US output and capacity, `ss` their self-sufficiency (0-1),
/// `sep_want` the ore US separation plants set out to buy (what they expect to run, section 3)
/// and `sep_feed` what they received. Plants that bought little because they did not expect the
/// price to cover their cost are idle for the price, not for want of ore.
pub fn bottleneck(
    out: [f64; 4],
    caps: [f64; 4],
    ss: [f64; 4],
    sep_want: f64,
    sep_feed: f64,
    controls_cut: bool,
) -> (u8, u8) {
    let mut b = 0;
    for s in 1..4 {
        if ss[s] < ss[b] {
            b = s;
        }
    }
    if ss[b] >= 1.0 {
        return (0, 0);
    }
    let full = |q: f64, cap: f64| q >= 0.95 * cap;
    let cause = if full(out[b], caps[b]) {
        1
    } else if b == 0 || (b == 1 && (full(sep_feed, caps[1]) || !full(sep_want, caps[1]))) {
        4
    } else if controls_cut {
        3
    } else {
        2
    };
    (b as u8 + 1, cause)
}

#[cfg(test)]
mod tests {
    use super::bottleneck;

    #[test]
    fn the_lowest_stage_limits_and_says_why() {
        let caps = [1000.0, 800.0, 100.0, 500.0];
        // Metal is lowest and full: its capacity limits.
        let ss = [1.0, 0.8, 0.1, 0.1];
        let out = [1000.0, 800.0, 100.0, 100.0];
        assert_eq!(bottleneck(out, caps, ss, 800.0, 1000.0, false), (3, 1));
        // Separation lowest, running at half with ore to spare: the price.
        let ss = [1.0, 0.4, 0.5, 0.5];
        let out = [1000.0, 400.0, 100.0, 100.0];
        assert_eq!(bottleneck(out, caps, ss, 800.0, 900.0, false), (2, 4));
        // ... or buying little ore because the price will not cover the cost: the price too.
        assert_eq!(bottleneck(out, caps, ss, 400.0, 400.0, false), (2, 4));
        // ... and wanting ore it could not get: feed.
        assert_eq!(bottleneck(out, caps, ss, 800.0, 400.0, false), (2, 2));
        // Magnets short of metal while China's exports were cut: controls.
        let ss = [1.0, 1.0, 1.0, 0.2];
        let out = [1000.0, 800.0, 100.0, 100.0];
        assert_eq!(bottleneck(out, caps, ss, 800.0, 900.0, true), (4, 3));
        // Mines cutting unsold output: the price; and nothing limits when every stage covers
        // demand.
        let ss = [0.3, 0.5, 0.5, 0.5];
        let out = [300.0, 400.0, 100.0, 100.0];
        assert_eq!(bottleneck(out, caps, ss, 800.0, 900.0, false), (1, 4));
        assert_eq!(bottleneck([0.0; 4], caps, [1.0; 4], 0.0, 0.0, true), (0, 0));
    }
}
