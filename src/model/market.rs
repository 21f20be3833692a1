//! Supply, prices and trade (MODEL.md section 4): each year and material, the price at which what
//! is offered equals what buyers take plus the stock holders want to keep.
//!
//! Every quantity in a market is a clamped straight line in the price (`Term`), so the sum is
//! piecewise linear and never increases with the price. `clear` finds where it meets the fixed
//! supply exactly, between a floor and a ceiling price: it cannot fail to converge, and a student
//! can redo it with a ruler. Export controls split the world into groups that clear apart, with
//! the flows between them fixed by the controls (`clear_material`).

use crate::region::{PerRegion, Region};
use arrayvec::ArrayVec;

/// `clamp(a + b·p, lo, hi)`: a quantity (t/yr) as a function of the price p ($/kg), with the
/// two prices where it reaches its bounds (`x0 <= x1`; every term falls with the price, so it
/// sits at `hi` below `x0` and at `lo` above `x1`). The breakpoints are kept so the solver never
/// divides to find them.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Term {
    pub a: f64,
    pub b: f64,
    pub lo: f64,
    pub hi: f64,
    pub x0: f64,
    pub x1: f64,
}

impl Term {
    #[inline(always)]
    pub fn at(&self, p: f64) -> f64 {
        let v = self.a + self.b * p;
        if v < self.lo {
            self.lo
        } else if v > self.hi {
            self.hi
        } else {
            v
        }
    }

    /// Buyers: `d_ref` at or below the reference price `p_ref`, less `response · d_ref` for each
    /// further `p_ref` of price, down to nothing.
    pub fn demand(d_ref: f64, p_ref: f64, response: f64) -> Term {
        Response::new(p_ref, response, 1.0).term(d_ref)
    }

    /// Stock holders: `s_ref` at the reference price, `sensitivity · s_ref` less for each further
    /// `p_ref` of price, down to none, and up to twice `s_ref` when the price falls.
    pub fn stock(s_ref: f64, p_ref: f64, sensitivity: f64) -> Term {
        Response::new(p_ref, sensitivity, 2.0).term(s_ref)
    }

    /// Plants of total capacity `cap` whose cash costs (net of by-product revenue) are spread
    /// evenly over `[c_lo, c_hi]`: each runs when the price covers its cost. `min_share` runs
    /// whatever the price (a price floor paid by the public). Entered with a minus sign, as the
    /// sum of terms is net demand.
    pub fn supply(cap: f64, c_lo: f64, c_hi: f64, min_share: f64) -> Term {
        Term::supply_with(cap, c_lo, c_hi, min_share, 1.0 / (c_hi - c_lo).max(1e-9))
    }

    /// [`Term::supply`] given `inv_w = 1 / max(c_hi - c_lo, 1e-9)`.
    #[inline]
    fn supply_with(cap: f64, c_lo: f64, c_hi: f64, min_share: f64, inv_w: f64) -> Term {
        let w = (c_hi - c_lo).max(1e-9);
        let ms = crate::num::clamp(min_share, 0.0, 1.0);
        Term {
            a: cap * c_lo * inv_w,
            b: -cap * inv_w,
            lo: -cap,
            hi: -cap * ms,
            x0: c_lo + ms * w,
            x1: c_lo + w,
        }
    }

    /// The same term held to at most `hi` (buyers capped by a control).
    pub fn capped(self, hi: f64) -> Term {
        if hi >= self.hi || self.b == 0.0 {
            return Term {
                hi: hi.min(self.hi),
                ..self
            };
        }
        let hi = hi.max(self.lo);
        Term {
            hi,
            x0: (hi - self.a) / self.b,
            ..self
        }
    }

    /// The same quantity read on another price axis: its value at `p` is this term's value at
    /// `k · p` (`k > 0`). Used for the side of an export tax that pays `1 + tax` times the price.
    #[inline]
    pub fn scaled(self, k: f64) -> Term {
        Term {
            b: self.b * k,
            x0: self.x0 / k,
            x1: self.x1 / k,
            ..self
        }
    }

    /// A supply term's output at price `p` (the term is stored negated).
    #[inline(always)]
    pub fn output(&self, p: f64) -> f64 {
        -self.at(p)
    }
}

/// How buyers or stock holders answer the price, per tonne of their reference quantity: the
/// same for every group a market is cleared in, so it is worked out once per market and year.
#[derive(Clone, Copy, Debug)]
pub struct Response {
    /// `1 + r` and `r / p_ref`: the line `q · (1 + r) - q · r/p_ref · p`.
    one_plus_r: f64,
    k: f64,
    /// The upper bound as a multiple of the reference quantity.
    h: f64,
    /// Where the line meets `h · q` and zero.
    x0: f64,
    x1: f64,
}

impl Response {
    pub fn new(p_ref: f64, r: f64, h: f64) -> Response {
        let (k, x0, x1) = if r > 0.0 {
            (
                r / p_ref,
                p_ref * (1.0 + (1.0 - h) / r),
                p_ref * (1.0 + 1.0 / r),
            )
        } else {
            (0.0, f64::INFINITY, f64::INFINITY)
        };
        Response {
            one_plus_r: 1.0 + r.max(0.0),
            k,
            h,
            x0,
            x1,
        }
    }

    /// The term for reference quantity `q`.
    #[inline]
    pub fn term(&self, q: f64) -> Term {
        Term {
            a: q * self.one_plus_r,
            b: -q * self.k,
            lo: 0.0,
            hi: self.h * q,
            x0: self.x0,
            x1: self.x1,
        }
    }
}

/// The share of a region's plants that run at price `p` (the fraction behind [`Term::supply`]).
pub fn run_share(p: f64, c_lo: f64, c_hi: f64) -> f64 {
    crate::num::clamp((p - c_lo) / (c_hi - c_lo).max(1e-9), 0.0, 1.0)
}

pub const MAX_TERMS: usize = 16;

/// Net demand of one group: a sum of terms (an `ArrayVec`: nothing to zero per solve).
#[derive(Clone, Debug)]
pub struct Curve {
    terms: ArrayVec<Term, MAX_TERMS>,
}

impl Curve {
    pub fn new() -> Curve {
        Curve {
            terms: ArrayVec::new(),
        }
    }

    /// Adds a term; returns its constant value instead when it does not depend on the price
    /// (no slope, or clamped flat), so the caller can fold it into the fixed side and the solver
    /// has fewer breakpoints to sort.
    pub fn push(&mut self, t: Term) -> f64 {
        if t.b == 0.0 || t.lo == t.hi {
            return t.at(0.0);
        }
        // A group has at most 3 plant blocks in China, 9 outside it, 2 buyer and 2 holder terms.
        debug_assert!(!self.terms.is_full(), "more than {MAX_TERMS} terms");
        let _ = self.terms.try_push(t);
        0.0
    }

    #[inline]
    pub fn at(&self, p: f64) -> f64 {
        let mut s = 0.0;
        for t in &self.terms {
            s += t.at(p);
        }
        s
    }
}

impl Default for Curve {
    fn default() -> Self {
        Curve::new()
    }
}

/// The outcome of clearing one group.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Cleared {
    pub price: f64,
    /// Positive: still missing at the ceiling price (rationed). Negative: left over at the floor
    /// price (stocked). Zero when the market clears in between.
    pub gap: f64,
}

/// Solves `curve(p) = fixed` for p in `[p_min, p_max]`. `curve` must not increase with p.
///
/// Between breakpoints (where a term reaches its bounds) the curve is a straight line. So the
/// solver evaluates it once at `p_min`, sorts the breakpoints with the change of slope each
/// brings, and walks them left to right, carrying the value along the slope, until it crosses
/// zero; then one interpolation gives the exact root. It visits each breakpoint at most once: it
/// cannot fail to finish.
pub fn clear(curve: &Curve, fixed: f64, p_min: f64, p_max: f64) -> Cleared {
    let terms = &curve.terms[..];
    let mut v = -fixed;
    for t in terms {
        v += t.at(p_min);
    }
    if v <= 0.0 {
        return Cleared {
            price: p_min,
            gap: v,
        };
    }
    // Breakpoints strictly inside the interval with the slope change each brings, sorted; and
    // the slope just right of p_min.
    let mut events: ArrayVec<(f64, f64), { 2 * MAX_TERMS }> = ArrayVec::new();
    let mut slope = 0.0;
    for t in terms {
        // The term is a line between its two breakpoints, flat outside them.
        if t.x0 <= p_min && p_min < t.x1 {
            slope += t.b;
        }
        for (x, delta) in [(t.x0, t.b), (t.x1, -t.b)] {
            if x > p_min && x < p_max && events.try_push((x, delta)).is_ok() {
                // Insertion sort by swaps: after equal breakpoints already there (stable), and
                // no `memmove` call for a handful of elements.
                let mut j = events.len() - 1;
                while j > 0 && events[j - 1].0 > x {
                    events.swap(j - 1, j);
                    j -= 1;
                }
            }
        }
    }
    let mut at = p_min;
    for &(x, delta) in &events {
        let next = v + slope * (x - at);
        if next <= 0.0 {
            return Cleared {
                price: at - v / slope,
                gap: 0.0,
            };
        }
        at = x;
        v = next;
        slope += delta;
    }
    let end = v + slope * (p_max - at);
    if end >= 0.0 {
        return Cleared {
            price: p_max,
            gap: end,
        };
    }
    Cleared {
        price: at - v / slope,
        gap: 0.0,
    }
}

/// Separation plants of one region: their cash costs (net of by-product revenue) spread evenly
/// over `[lo, hi]` $/kg; `cap[0]` t/yr are covered by the price floor, `cap[1]` by offtake
/// contracts and `cap[2]` by neither, and of each, `min_share` runs whatever the price (a
/// floor, an offtake price or a subsidy pays).
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Plants {
    pub lo: f64,
    pub hi: f64,
    inv_w: f64,
    pub cap: [f64; 3],
    pub min_share: [f64; 3],
}

impl Plants {
    pub fn new(lo: f64, hi: f64, cap: [f64; 3], min_share: [f64; 3]) -> Plants {
        Plants {
            lo,
            hi,
            inv_w: 1.0 / (hi - lo).max(1e-9),
            cap,
            min_share,
        }
    }

    /// What the floor-covered, the offtake-covered and the other plants make at price `p`, t.
    #[inline]
    pub fn output(&self, p: f64) -> [f64; 3] {
        let run = crate::num::clamp((p - self.lo) * self.inv_w, 0.0, 1.0);
        [
            self.cap[0] * run.max(self.min_share[0]),
            self.cap[1] * run.max(self.min_share[1]),
            self.cap[2] * run.max(self.min_share[2]),
        ]
    }

    /// What all of them make at price `p`, t.
    pub fn total(&self, p: f64) -> f64 {
        let [a, b, c] = self.output(p);
        a + b + c
    }
}

/// One region's side of a market for one material in one year.
#[derive(Clone, Copy, Debug, Default)]
pub struct Side {
    /// Demand at the reference price, t/yr.
    pub demand_ref: f64,
    /// Separation plants: those the price floor covers and the others.
    pub plants: Plants,
    /// Supply that does not answer the price this year: recycled, swarf, other feed.
    pub fixed: f64,
}

/// Shares of covered Chinese exports still shipped, for one material and one destination.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct KeepShares {
    pub oxide: f64,
    pub magnets: f64,
}

/// Everything one material's market needs in one year.
#[derive(Clone, Copy, Debug)]
pub struct MarketInput {
    pub sides: PerRegion<Side>,
    /// Opening stocks in China and outside it, t.
    pub stock_cn: f64,
    pub stock_ex: f64,
    /// Stocks holders want at the reference price, t.
    pub stock_ref_cn: f64,
    pub stock_ref_ex: f64,
    pub p_ref: f64,
    pub p_min: f64,
    pub p_max: f64,
    pub response: f64,
    pub sensitivity: f64,
    /// Bought for the US strategic stockpile whatever the price, t.
    pub us_fixed_purchase: f64,
    /// Metal and magnet capacity outside China and in the US for this material, t/yr.
    pub conversion_ex: f64,
    pub conversion_us: f64,
    /// Controls on every buyer outside China, and on the US alone.
    pub keep_all: KeepShares,
    pub keep_us: KeepShares,
    pub allies_redirect: bool,
    /// The contest (MODEL.md section 16): China's export duty this year (a fraction, 0 if none),
    /// the most China may export (t, infinite if no quota), the share of its own buyers'
    /// reference demand it serves before exports, and the ex-China price of its price strategy.
    pub export_tax: f64,
    pub quota_t: f64,
    pub cn_priority: f64,
    pub strategy_price: Option<f64>,
}

/// The market's outcome for one material in one year.
#[derive(Clone, Copy, Debug, Default)]
pub struct MarketResult {
    /// Price each region's buyers pay for the material delivered in magnets, $/kg.
    pub price: PerRegion<f64>,
    /// Price each region's separators get for oxide, $/kg.
    pub oxide_price: PerRegion<f64>,
    pub consumption: PerRegion<f64>,
    /// Separation output per region (all plants, and the floor-covered ones), t.
    pub production: PerRegion<f64>,
    pub production_covered: PerRegion<f64>,
    /// Of `production`, what plants under offtake contracts made, t.
    pub production_offtake: PerRegion<f64>,
    pub stock_cn: f64,
    pub stock_ex: f64,
    /// China's exports sold below what the market would have paid, times that difference
    /// (t · $/kg): the revenue its price strategy gave up.
    pub forgone_t_usd_per_kg: f64,
    /// China's net exports, and what they would have been without controls, t.
    pub china_exports: f64,
    pub china_exports_free: f64,
    /// The part of ex-China consumption met by magnets made outside China, t.
    pub converted_ex: f64,
    /// True when some buyers were rationed at the ceiling price.
    pub rationed: bool,
    /// What the strategic stockpile actually bought, t.
    pub purchased: f64,
}

const CN: Region = Region::China;
const US: Region = Region::Us;

/// Which parts of the world one clearing covers.
#[derive(Clone, Copy, Debug)]
struct Group {
    /// Regions whose buyers and plants take part.
    members: [bool; 4],
    /// A buyer whose intake is fixed (not price-responsive): (region, t).
    fixed_buyer: Option<(Region, f64)>,
    /// The most the price-taking buyers outside China can take, t (their magnet plants plus the
    /// magnets still licensed to them), if a control binds.
    ex_cap: Option<f64>,
    /// Net supply received from outside the group, t (negative: sent out).
    inflow: f64,
    /// Lowest price: outside China, oxide can always be sold to China at China's price.
    p_min: f64,
    /// Price outside China over the group's price (China's, in a world group): `1 + tax` under
    /// an export duty, else 1.
    ex_scale: f64,
}

impl Group {
    fn world(inp: &MarketInput) -> Group {
        Group {
            members: [true; 4],
            fixed_buyer: None,
            ex_cap: None,
            inflow: 0.0,
            p_min: inp.p_min,
            ex_scale: 1.0,
        }
    }
    fn china(inp: &MarketInput, inflow: f64) -> Group {
        Group {
            members: [false, true, false, false],
            inflow,
            ..Group::world(inp)
        }
    }
    fn ex_china(inp: &MarketInput, inflow: f64) -> Group {
        Group {
            members: [true, false, true, true],
            inflow,
            ..Group::world(inp)
        }
    }
    fn has(&self, r: Region) -> bool {
        self.members[r.index()]
    }
    fn has_ex_china(&self) -> bool {
        self.members[0] || self.members[2] || self.members[3]
    }
    fn is_fixed(&self, r: Region) -> bool {
        matches!(self.fixed_buyer, Some((fr, _)) if fr == r)
    }
}

/// A solved group: its price and the quantities at that price.
#[derive(Clone, Copy, Debug, Default)]
struct Solved {
    price: f64,
    /// The price outside China: `price · ex_scale`.
    price_ex: f64,
    consumption: PerRegion<f64>,
    production: PerRegion<f64>,
    production_covered: PerRegion<f64>,
    production_offtake: PerRegion<f64>,
    stock_cn: f64,
    stock_ex: f64,
    rationed: bool,
    /// Left over at the group's lowest price (stocked, or sold to China by the caller).
    surplus: f64,
    /// Still missing at the ceiling after every price-taking buyer was cut to nothing: a fixed
    /// outflow or buyer the group cannot serve (the caller must lower it).
    unmet: f64,
    /// Of the stockpile's purchase, what the group could not supply.
    purchase_cut: f64,
}

/// The parts of one material's market that do not change between the groups it is cleared in:
/// plants merged by cost (every region's Dy+Tb plants share one; allies and the rest of the world
/// share theirs), per side of China's border, and how buyers and holders answer the price; built
/// once per year and material.
#[derive(Clone, Copy, Debug)]
struct Zones {
    plants_cn: [Term; 3],
    n_cn: usize,
    plants_ex: [Term; 9],
    n_ex: usize,
    demand: Response,
    stock: Response,
}

impl Zones {
    fn new(inp: &MarketInput) -> Zones {
        let mut z = Zones {
            plants_cn: [Term::default(); 3],
            n_cn: 0,
            plants_ex: [Term::default(); 9],
            n_ex: 0,
            demand: Response::new(inp.p_ref, inp.response, 1.0),
            stock: Response::new(inp.p_ref, inp.sensitivity, 2.0),
        };
        // (lo, hi, min share, capacity) of each block of plants, merged when their costs match:
        // within China's side and within the other side, never across.
        let mut merged = [(0.0, 0.0, 0.0, 0.0, 0.0); 12];
        let mut n = 0;
        let mut n_cn = 0;
        for r in [CN, US, Region::Allies, Region::RestOfWorld] {
            let pl = &inp.sides[r].plants;
            for i in 0..3 {
                let cap = pl.cap[i];
                if cap <= 0.0 {
                    continue;
                }
                let ms = pl.min_share[i];
                let from = if r == CN { 0 } else { n_cn };
                match merged[from..n]
                    .iter()
                    .position(|q| q.0 == pl.lo && q.1 == pl.hi && q.2 == ms)
                {
                    Some(j) => merged[from + j].3 += cap,
                    None => {
                        merged[n] = (pl.lo, pl.hi, ms, cap, pl.inv_w);
                        n += 1;
                    }
                }
            }
            if r == CN {
                n_cn = n;
            }
        }
        for (i, &(lo, hi, ms, cap, inv_w)) in merged[..n].iter().enumerate() {
            let t = Term::supply_with(cap, lo, hi, ms, inv_w);
            if i < n_cn {
                z.plants_cn[z.n_cn] = t;
                z.n_cn += 1;
            } else if z.n_ex < z.plants_ex.len() {
                z.plants_ex[z.n_ex] = t;
                z.n_ex += 1;
            }
        }
        z
    }
}

/// The fixed supply a group's net-demand curve must meet (`clear`'s inputs with the curve, which
/// `build` writes in place: returned, it was copied twice per solve, and memmove was 9% of perf's
/// samples), with the demand and stock terms of China's side and the other side (on the group's
/// price axis: the other side's are scaled by `ex_scale`).
struct Built {
    fixed: f64,
    d_cn: f64,
    d_ex: f64,
    t_cn: Term,
    t_ex: Term,
    st_cn: Term,
    st_ex: Term,
}

fn build(inp: &MarketInput, z: &Zones, g: &Group, curve: &mut Curve) -> Built {
    curve.terms.clear();
    let mut fixed = g.inflow;
    let k = g.ex_scale;
    let scaled = k != 1.0;
    // Buyers in China and outside it are separate terms, so a cap can hold the latter.
    let (mut d_cn, mut d_ex) = (0.0, 0.0);
    for r in Region::ALL {
        if !g.has(r) {
            continue;
        }
        let side = &inp.sides[r];
        match g.fixed_buyer {
            Some((fr, q)) if fr == r => fixed -= q,
            _ if r == CN => d_cn += side.demand_ref,
            _ => d_ex += side.demand_ref,
        }
        fixed += side.fixed;
    }
    let holds_cn = g.has(CN);
    let holds_ex = g.has_ex_china();
    if holds_cn {
        for t in &z.plants_cn[..z.n_cn] {
            fixed -= curve.push(*t);
        }
    }
    if holds_ex {
        for t in &z.plants_ex[..z.n_ex] {
            fixed -= curve.push(if scaled { t.scaled(k) } else { *t });
        }
    }
    if g.has(US) {
        fixed -= inp.us_fixed_purchase;
    }
    let t_cn = z.demand.term(d_cn);
    let mut t_ex = z.demand.term(d_ex);
    if let Some(cap) = g.ex_cap {
        t_ex = t_ex.capped(cap.max(0.0));
    }
    if scaled {
        t_ex = t_ex.scaled(k);
    }
    if g.ex_cap.is_some() || scaled {
        fixed -= curve.push(t_cn);
        fixed -= curve.push(t_ex);
    } else {
        // Same response: one term for all buyers.
        fixed -= curve.push(z.demand.term(d_cn + d_ex));
    }
    let st_cn = z.stock.term(inp.stock_ref_cn);
    let mut st_ex = z.stock.term(inp.stock_ref_ex);
    if scaled {
        st_ex = st_ex.scaled(k);
        if holds_cn {
            fixed -= curve.push(st_cn);
        }
        if holds_ex {
            fixed -= curve.push(st_ex);
        }
    } else {
        let s_ref = if holds_cn { inp.stock_ref_cn } else { 0.0 }
            + if holds_ex { inp.stock_ref_ex } else { 0.0 };
        // Holders in China and outside it answer the price alike: one term.
        fixed -= curve.push(z.stock.term(s_ref));
    }
    if holds_cn {
        fixed += inp.stock_cn;
    }
    if holds_ex {
        fixed += inp.stock_ex;
    }
    Built {
        fixed,
        d_cn,
        d_ex,
        t_cn,
        t_ex,
        st_cn,
        st_ex,
    }
}

/// What a group still lacks at price `p` (negative: has left over), before any stock is sold.
fn shortage_at(inp: &MarketInput, z: &Zones, g: &Group, p: f64) -> f64 {
    let mut curve = Curve::new();
    let b = build(inp, z, g, &mut curve);
    curve.at(p) - b.fixed
}

fn solve(inp: &MarketInput, z: &Zones, g: Group) -> Solved {
    let mut curve = Curve::new();
    let Built {
        fixed,
        d_cn,
        d_ex,
        t_cn,
        t_ex,
        st_cn,
        st_ex,
    } = build(inp, z, &g, &mut curve);
    let holds_cn = g.has(CN);
    let holds_ex = g.has_ex_china();
    let p_min = g.p_min.min(inp.p_max);
    let p_max = inp.p_max / g.ex_scale.max(1.0);
    let c = clear(&curve, fixed, p_min.min(p_max), p_max);
    let p = c.price;
    let mut s = Solved {
        price: p,
        price_ex: p * g.ex_scale,
        ..Default::default()
    };
    let f_cn = if d_cn > 0.0 { t_cn.at(p) / d_cn } else { 0.0 };
    let f_ex = if d_ex > 0.0 { t_ex.at(p) / d_ex } else { 0.0 };
    let mut flexible = 0.0;
    for r in Region::ALL {
        if !g.has(r) {
            continue;
        }
        let side = &inp.sides[r];
        s.consumption[r] = match g.fixed_buyer {
            Some((fr, q)) if fr == r => q,
            _ => {
                let q = side.demand_ref * if r == CN { f_cn } else { f_ex };
                flexible += q;
                q
            }
        };
        let [covered, offtake, other] = side.plants.output(if r == CN { p } else { s.price_ex });
        s.production_covered[r] = covered;
        s.production_offtake[r] = offtake;
        s.production[r] = covered + offtake + other;
    }
    s.stock_cn = if holds_cn { st_cn.at(p) } else { 0.0 };
    s.stock_ex = if holds_ex { st_ex.at(p) } else { 0.0 };
    if c.gap > 0.0 {
        // Still short at the ceiling: holders sell the stock they still wanted to keep, then the
        // price-taking buyers share what is missing in proportion, then the stockpile buys less.
        let mut gap = c.gap;
        let from_ex = gap.min(s.stock_ex);
        s.stock_ex -= from_ex;
        gap -= from_ex;
        let from_cn = gap.min(s.stock_cn);
        s.stock_cn -= from_cn;
        gap -= from_cn;
        let cut = if flexible > 0.0 {
            (gap / flexible).min(1.0)
        } else {
            0.0
        };
        s.rationed = gap > 1e-9;
        s.unmet = (gap - flexible).max(0.0);
        if g.has(US) {
            s.purchase_cut = s.unmet.min(inp.us_fixed_purchase);
            s.unmet -= s.purchase_cut;
        }
        for r in Region::ALL {
            if g.has(r) && !g.is_fixed(r) {
                s.consumption[r] *= 1.0 - cut;
            }
        }
    } else if c.gap < 0.0 {
        s.surplus = -c.gap;
        // Left over at the bottom price: it is stocked, never destroyed.
        let refs = if holds_cn { inp.stock_ref_cn } else { 0.0 }
            + if holds_ex { inp.stock_ref_ex } else { 0.0 };
        let share_cn = if !holds_cn {
            0.0
        } else if !holds_ex {
            1.0
        } else if refs > 0.0 {
            inp.stock_ref_cn / refs
        } else {
            0.5
        };
        s.stock_cn += s.surplus * share_cn;
        s.stock_ex += s.surplus * (1.0 - share_cn);
    }
    s
}

/// What China ships out of a solved world at its price: production plus fixed supply plus
/// stock drawn, less Chinese consumption.
fn china_net_exports(inp: &MarketInput, s: &Solved) -> f64 {
    s.production[CN] + inp.sides[CN].fixed + inp.stock_cn - s.stock_cn - s.consumption[CN]
}

fn ex_china(v: &PerRegion<f64>) -> f64 {
    v.ex_china()
}

/// Combines China's clearing and the other side's into one outcome (China's quantities from
/// `cn`, the rest from `ex`).
fn joined(cn: &Solved, ex: &Solved) -> Solved {
    let mut out = *ex;
    out.price = cn.price;
    out.price_ex = ex.price;
    out.consumption[CN] = cn.consumption[CN];
    out.production[CN] = cn.production[CN];
    out.production_covered[CN] = cn.production_covered[CN];
    out.production_offtake[CN] = cn.production_offtake[CN];
    out.stock_cn = cn.stock_cn;
    out.rationed |= cn.rationed;
    out
}

/// The most China can ship at the ceiling price: its plants at full tilt, its fixed supply and
/// opening stock, less what its buyers take there (at least the share it serves first) and the
/// stock its holders keep.
fn china_export_limit(inp: &MarketInput, z: &Zones) -> f64 {
    let pm = inp.p_max;
    let side = &inp.sides[CN];
    let domestic = z
        .demand
        .term(side.demand_ref)
        .at(pm)
        .max(inp.cn_priority * side.demand_ref);
    (side.plants.total(pm) + side.fixed + inp.stock_cn
        - domestic
        - z.stock.term(inp.stock_ref_cn).at(pm))
    .max(0.0)
}

/// The trade reference the controls act on: free trade, or under an export duty the world
/// cleared with the price outside China `1 + tax` times China's; if even that leaves China
/// importing, the duty stops trade and each side clears alone.
fn reference(inp: &MarketInput, z: &Zones) -> (Solved, f64) {
    let free = solve(inp, z, Group::world(inp));
    if inp.export_tax <= 0.0 || china_net_exports(inp, &free) <= 0.0 {
        return (free, 1.0);
    }
    let k = 1.0 + inp.export_tax;
    let taxed = solve(
        inp,
        z,
        Group {
            ex_scale: k,
            ..Group::world(inp)
        },
    );
    if china_net_exports(inp, &taxed) >= 0.0 {
        return (taxed, k);
    }
    let cn = solve(inp, z, Group::china(inp, 0.0));
    let ex = solve(inp, z, Group::ex_china(inp, 0.0));
    (joined(&cn, &ex), k)
}

/// Clears one material's market for one year: the trade reference first (free trade, or with
/// China's export duty); then, if export controls, a quota or China's priority for its own
/// buyers bind, buyers outside China can take no more than their own magnet plants make (from
/// their own oxide and the oxide still licensed) plus the magnets China still ships. If only
/// magnets are controlled, oxide still trades freely at one price; if oxide is controlled too,
/// China and the rest clear apart, the licensed flow fixed between them. With no control
/// binding, China's price strategy can fix the price outside China below the reference.
pub fn clear_material(inp: &MarketInput) -> MarketResult {
    let z = Zones::new(inp);
    let (free, scale) = reference(inp, &z);
    let x_free = china_net_exports(inp, &free);
    let c_ex_free = ex_china(&free.consumption);
    let mut k = inp.keep_all;
    // A quota, and China's buyers served first, scale every covered flow down to what is allowed.
    let d_cn_ref = inp.sides[CN].demand_ref;
    let mut allowed = inp.quota_t;
    if inp.cn_priority > 0.0 {
        let short = inp.cn_priority * d_cn_ref - free.consumption[CN];
        if short > 0.0 {
            allowed = allowed.min(x_free - short);
        }
    }
    if x_free > 0.0 && allowed < x_free {
        let kq = allowed.max(0.0) / x_free;
        k.oxide = k.oxide.min(kq);
        k.magnets = k.magnets.min(kq);
    }
    // In free trade, plants outside China make what they can; the rest of what buyers there
    // take arrives as Chinese magnets, and any oxide those plants lack comes from China.
    let converted_free = c_ex_free.min(inp.conversion_ex);
    let magnets_from_cn = (c_ex_free - converted_free).max(0.0);
    let own_ex: f64 = Region::EX_CHINA
        .iter()
        .map(|&r| free.production[r] + inp.sides[r].fixed)
        .sum::<f64>()
        + (inp.stock_ex - free.stock_ex).max(0.0);
    let oxide_from_cn = (converted_free - own_ex).max(0.0);
    let c_cap = converted_free.min(own_ex + k.oxide * oxide_from_cn) + k.magnets * magnets_from_cn;
    let binding_all = c_ex_free - c_cap > 1e-6 * (1.0 + c_ex_free);
    let d_ex: f64 = Region::EX_CHINA
        .iter()
        .map(|&r| inp.sides[r].demand_ref)
        .sum();

    let mut out;
    let mut price;
    let mut oxide_price;
    let mut converted_ex = converted_free;
    let mut forgone = 0.0;
    if !binding_all {
        out = free;
        price = PerRegion([free.price_ex, free.price, free.price_ex, free.price_ex]);
        oxide_price = price;
        // The price strategy: China sells outside China at its set price as much as buyers
        // there lack, up to what it can ship; its own market clears with that flow going out.
        if let Some(p_s) = inp.strategy_price {
            let p_s = p_s.max(inp.p_min);
            let ex_group = Group::ex_china(inp, 0.0);
            let need = shortage_at(inp, &z, &ex_group, p_s);
            if p_s < free.price_ex && need > 0.0 {
                let x = need.min(china_export_limit(inp, &z));
                let cn = solve(inp, &z, Group::china(inp, -x));
                let ex = solve(
                    inp,
                    &z,
                    Group {
                        p_min: p_s,
                        ..Group::ex_china(inp, x)
                    },
                );
                out = joined(&cn, &ex);
                out.stock_ex -= ex.surplus;
                out.stock_cn += ex.surplus;
                price = PerRegion([ex.price, cn.price, ex.price, ex.price]);
                oxide_price = price;
                forgone = x * (free.price_ex - ex.price).max(0.0);
                converted_ex = ex_china(&out.consumption).min(inp.conversion_ex);
            }
        }
    } else if k.oxide >= 1.0 {
        // Only magnets are controlled: one oxide market, buyers outside China held to the cap.
        out = solve(
            inp,
            &z,
            Group {
                ex_cap: Some(c_cap),
                ex_scale: scale,
                ..Group::world(inp)
            },
        );
        let p_buyers = price_for(inp, d_ex, ex_china(&out.consumption)).max(out.price_ex);
        price = PerRegion([p_buyers, out.price, p_buyers, p_buyers]);
        oxide_price = PerRegion([out.price_ex, out.price, out.price_ex, out.price_ex]);
    } else {
        // Oxide is controlled too: China clears with the licensed flow going out; the rest
        // clears with it coming in, its buyers held to the cap, and any oxide it cannot use sold
        // to China at China's price. China can license no more than it could ship at the
        // ceiling price.
        let x_allowed = (k.oxide * oxide_from_cn + k.magnets * magnets_from_cn)
            .min(china_export_limit(inp, &z));
        // Oxide outside China beyond what its plants convert still goes to China, as in free
        // trade: China clears with that coming in and the licensed flow going out, then again with
        // what the rest actually sold it at China's price.
        let sold_to_cn = (own_ex - converted_free).max(0.0);
        let mut cn = solve(inp, &z, Group::china(inp, sold_to_cn - x_allowed));
        let ex = solve(
            inp,
            &z,
            Group {
                ex_cap: (own_ex + k.oxide * oxide_from_cn > inp.conversion_ex).then_some(c_cap),
                p_min: cn.price,
                ..Group::ex_china(inp, x_allowed)
            },
        );
        if (ex.surplus - sold_to_cn).abs() > 1e-9 * (1.0 + sold_to_cn) {
            cn = solve(inp, &z, Group::china(inp, ex.surplus - x_allowed));
        }
        out = joined(&cn, &ex);
        out.stock_ex -= ex.surplus;
        let c_ex = ex_china(&out.consumption);
        let p_buyers = price_for(inp, d_ex, c_ex).max(ex.price);
        price = PerRegion([p_buyers, cn.price, p_buyers, p_buyers]);
        oxide_price = PerRegion([ex.price, cn.price, ex.price, ex.price]);
        converted_ex =
            crate::num::clamp(c_ex - k.magnets * magnets_from_cn, 0.0, inp.conversion_ex);
    }

    // A control aimed at the US alone: the US keeps what it can get elsewhere, plus the share
    // of Chinese material still licensed to it; the rest of the world clears without it.
    let ku = inp.keep_us;
    let c_us = out.consumption[US];
    let oxide_level = ku.oxide < 1.0;
    let magnet_level = !oxide_level && ku.magnets < 1.0;
    if (oxide_level || magnet_level) && c_us > 0.0 {
        let keep = if oxide_level { ku.oxide } else { ku.magnets };
        let elsewhere = if oxide_level {
            let own = |rr: Region| out.production[rr] + inp.sides[rr].fixed;
            if inp.allies_redirect {
                Region::EX_CHINA.iter().map(|&rr| own(rr)).sum::<f64>()
            } else {
                own(US)
            }
        } else if inp.allies_redirect {
            converted_ex
        } else {
            inp.conversion_us.min(converted_ex)
        };
        if c_us > elsewhere + 1e-9 {
            let u_cap = elsewhere + keep * (c_us - elsewhere);
            let p_us = price_for(inp, inp.sides[US].demand_ref, u_cap).max(price[US]);
            if !binding_all {
                // Otherwise free trade: China, allies and the rest clear together without the US.
                let mut u_cap = u_cap;
                let mut rest = solve(
                    inp,
                    &z,
                    Group {
                        fixed_buyer: Some((US, u_cap)),
                        ex_scale: scale,
                        ..Group::world(inp)
                    },
                );
                if rest.unmet > 0.0 {
                    u_cap = (u_cap - rest.unmet).max(0.0);
                    rest = solve(
                        inp,
                        &z,
                        Group {
                            fixed_buyer: Some((US, u_cap)),
                            ex_scale: scale,
                            ..Group::world(inp)
                        },
                    );
                }
                out = rest;
                price = PerRegion([rest.price_ex, rest.price, rest.price_ex, rest.price_ex]);
                oxide_price = price;
                // The control on the US replaces the price strategy's outcome this year.
                forgone = 0.0;
            } else {
                // Every buyer already capped: the US takes its limit out of the capped total and
                // the others share the rest.
                let c_ex = ex_china(&out.consumption);
                let others_ref = d_ex - inp.sides[US].demand_ref;
                let others = (c_ex - u_cap).max(0.0);
                let f = if others_ref > 0.0 {
                    (others / others_ref).min(1.0)
                } else {
                    0.0
                };
                out.consumption[Region::Allies] = inp.sides[Region::Allies].demand_ref * f;
                out.consumption[Region::RestOfWorld] =
                    inp.sides[Region::RestOfWorld].demand_ref * f;
                // What neither the US may take nor the others want is stocked outside China.
                out.stock_ex += (others - others_ref * f).max(0.0);
                let p_others = price_for(inp, others_ref, others);
                price[Region::Allies] = p_others;
                price[Region::RestOfWorld] = p_others;
                out.consumption[US] = u_cap;
            }
            price[US] = p_us;
        }
    }

    MarketResult {
        price,
        oxide_price,
        consumption: out.consumption,
        production: out.production,
        production_covered: out.production_covered,
        production_offtake: out.production_offtake,
        stock_cn: out.stock_cn,
        stock_ex: out.stock_ex,
        forgone_t_usd_per_kg: forgone,
        china_exports: china_net_exports(inp, &out),
        china_exports_free: x_free,
        converted_ex: converted_ex.min(ex_china(&out.consumption)),
        rationed: out.rationed,
        purchased: (inp.us_fixed_purchase - out.purchase_cut).max(0.0),
    }
}

/// The price at which buyers with reference demand `d_ref` want exactly `q`, within the bounds.
fn price_for(inp: &MarketInput, d_ref: f64, q: f64) -> f64 {
    if d_ref <= 0.0 || q >= d_ref {
        return inp.p_ref.min(inp.p_max).max(inp.p_min);
    }
    if inp.response <= 0.0 {
        return inp.p_max;
    }
    let p = inp.p_ref * (1.0 + (1.0 - q / d_ref) / inp.response);
    crate::num::clamp(p, inp.p_min, inp.p_max)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn curve(terms: &[Term]) -> Curve {
        let mut c = Curve::new();
        for &t in terms {
            assert_eq!(c.push(t), 0.0, "test terms depend on the price");
        }
        c
    }

    #[test]
    fn clears_a_linear_market_exactly() {
        // Demand 100 at $50, 25% less per $50 more; 80 supplied: price 50 · (1 + 0.2/0.25) = 90.
        let c = curve(&[Term::demand(100.0, 50.0, 0.25)]);
        let r = clear(&c, 80.0, 10.0, 250.0);
        assert!((r.price - 90.0).abs() < 1e-9, "{r:?}");
        assert_eq!(r.gap, 0.0);
    }

    #[test]
    fn reports_rationing_at_the_ceiling_and_surplus_at_the_floor() {
        let c = curve(&[Term::demand(100.0, 50.0, 0.25)]);
        let short = clear(&c, 10.0, 10.0, 200.0);
        assert_eq!(short.price, 200.0);
        assert!(
            (short.gap - 15.0).abs() < 1e-9,
            "at $200 demand is 25, supply 10: {short:?}"
        );
        let glut = clear(&c, 130.0, 10.0, 250.0);
        assert_eq!(glut.price, 10.0);
        assert!((glut.gap + 30.0).abs() < 1e-9, "{glut:?}");
    }

    #[test]
    fn plants_stop_one_by_one_as_the_price_falls() {
        // 60 t of plants with costs spread over $40-60; fixed supply 0; demand 100 at $50.
        let c = curve(&[
            Term::demand(100.0, 50.0, 1.0),
            Term::supply(60.0, 40.0, 60.0, 0.0),
        ]);
        let r = clear(&c, 0.0, 5.0, 250.0);
        // Demand 200 - 2p, supply 3p - 120 (between 40 and 60): p = 64 is above 60, so all
        // plants run: 200 - 2p = 60 gives p = 70.
        assert!((r.price - 70.0).abs() < 1e-9, "{r:?}");
        assert!((run_share(r.price, 40.0, 60.0) - 1.0).abs() < 1e-12);
    }

    #[test]
    fn the_root_is_found_across_many_breakpoints() {
        // A curve with several kinks: check f(p) = fixed at the answer.
        let terms = [
            Term::demand(80.0, 50.0, 0.3),
            Term::stock(20.0, 50.0, 3.0),
            Term::supply(30.0, 30.0, 45.0, 0.0),
            Term::supply(20.0, 55.0, 70.0, 0.2),
            Term::supply(10.0, 90.0, 120.0, 0.0),
        ];
        let c = curve(&terms);
        for fixed in [0.0, 20.0, 40.0, 60.0, 80.0] {
            let r = clear(&c, fixed, 10.0, 250.0);
            if r.gap == 0.0 {
                assert!((c.at(r.price) - fixed).abs() < 1e-9, "fixed {fixed}: {r:?}");
            }
        }
    }
}
