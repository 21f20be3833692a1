//! Costs and public money (MODEL.md section 7): unit costs with learning, and every public dollar
//! by instrument — price floor, cost-gap subsidy, the 10X earnings guarantee, investment grants,
//! the deal's equity and loans, stockpile purchases (less its sales), and offtake contracts.

use super::config::Config;

/// Unit costs of NdPr oxide in one region, $/kg.
#[derive(Clone, Copy, Debug, Default)]
pub struct UnitCost {
    /// Capital included (the price a new plant needs).
    pub full: f64,
    /// What running an existing plant costs.
    pub cash: f64,
}

impl UnitCost {
    /// The cash cost plus the capital charge of separation capacity.
    pub fn new(c: &Config, cash: f64) -> UnitCost {
        UnitCost {
            full: cash + c.capital_charge_separation(),
            cash,
        }
    }
}

/// US learning: the cash cost falls by `learning_rate` per doubling of cumulative output, from a
/// base of two years of 2024 output.
pub fn learning_factor(c: &Config, cumulative_t: f64, base_t: f64) -> f64 {
    if c.learning_rate > 0.0 && base_t > 0.0 {
        (cumulative_t / base_t).powf((1.0 - c.learning_rate).log2())
    } else {
        1.0
    }
}

/// Public money in one year, $M, by instrument.
#[derive(Clone, Copy, Debug, Default)]
pub struct PublicMoney {
    pub floor: f64,
    pub subsidy: f64,
    pub guarantee: f64,
    pub grants: f64,
    pub equity_loans: f64,
    pub stockpile: f64,
    /// Offtake contracts: the contract price less the market price on what they bought (negative
    /// when the market pays more).
    pub offtake: f64,
    /// Income from stockpile sold to US buyers (subtracted in the total).
    pub stockpile_sales: f64,
}

impl PublicMoney {
    pub fn total(&self) -> f64 {
        self.floor
            + self.subsidy
            + self.guarantee
            + self.grants
            + self.equity_loans
            + self.stockpile
            + self.offtake
            - self.stockpile_sales
    }
}

/// What the public pays in one year.
pub struct Payments {
    /// US NdPr oxide output, floor-covered and not, t.
    pub covered_t: f64,
    pub uncovered_t: f64,
    /// The oxide price US separators get, $/kg.
    pub oxide_price: f64,
    pub floor: Option<f64>,
    pub us_cost: UnitCost,
    /// Output of the 10X plant (t oxide equivalent), and the guarantee due at its ramp-up.
    pub output_10x_t: f64,
    pub guarantee_due_musd: f64,
    pub grants_musd: f64,
    pub equity_loans_musd: f64,
    pub stockpile_t: f64,
    /// Price the stockpile pays, $/kg (recipe-weighted).
    pub stockpile_price: f64,
    /// Stockpile sold to US buyers, t, at `stockpile_price`.
    pub stockpile_sold_t: f64,
    /// US NdPr oxide bought under offtake contracts, t, and their price, $/kg.
    pub offtake_t: f64,
    pub offtake_price: f64,
    /// 2024 is data: no lever's payments apply.
    pub base_year: bool,
}

pub const MUSD_PER_T_AT_USD_PER_KG: f64 = 1000.0 / 1e6;

pub fn public_money(c: &Config, p: &Payments) -> PublicMoney {
    let mut m = PublicMoney::default();
    let price = p.oxide_price;
    // Floor: the difference to the market price on every covered tonne (MP 8-K; Project Blue).
    let realised_covered = match p.floor {
        Some(f) => {
            m.floor = p.covered_t * (f - price).max(0.0) * MUSD_PER_T_AT_USD_PER_KG;
            price.max(f)
        }
        None => price,
    };
    // Subsidy: what is still missing between the cash cost and what the plant earns.
    if c.subsidise_gap && !p.base_year {
        m.subsidy = (p.covered_t * (p.us_cost.cash - realised_covered).max(0.0)
            + p.uncovered_t * (p.us_cost.cash - price).max(0.0))
            * MUSD_PER_T_AT_USD_PER_KG;
    }
    // 10X guarantee: the top-up from the plant's operating earnings to the guaranteed sum. The
    // plant converts MP's own oxide, so its margin is the realised NdPr price over MP's cash
    // cost (magnet making taken at cost).
    if p.guarantee_due_musd > 0.0 {
        let ebitda =
            p.output_10x_t * (realised_covered - p.us_cost.cash) * MUSD_PER_T_AT_USD_PER_KG;
        m.guarantee = (p.guarantee_due_musd - ebitda).max(0.0);
    }
    m.grants = p.grants_musd;
    m.equity_loans = p.equity_loans_musd;
    m.stockpile = p.stockpile_t * p.stockpile_price * MUSD_PER_T_AT_USD_PER_KG;
    m.stockpile_sales = p.stockpile_sold_t * p.stockpile_price * MUSD_PER_T_AT_USD_PER_KG;
    m.offtake = p.offtake_t * (p.offtake_price - price) * MUSD_PER_T_AT_USD_PER_KG;
    m
}
