//! What a projection returns: named yearly series, a summary, warnings and events, and their
//! renderings as JSON (the page's format), CSV and a plain table.
//!
//! Rendering here is formatting to strings, not I/O: the CLI writes them out.

use serde::ser::{SerializeMap, SerializeStruct};
use serde::{Serialize, Serializer};

/// Version of the output and scenario format; bump when a series or parameter id changes meaning.
pub const SCHEMA_VERSION: u32 = 2;
/// Version of the model (the crate version).
pub const MODEL_VERSION: &str = env!("CARGO_PKG_VERSION");

/// Id, label and unit of one output series.
#[derive(Clone, Copy, Debug, Serialize)]
pub struct SeriesSpec {
    pub id: &'static str,
    pub label: &'static str,
    pub unit: &'static str,
}

/// Index of an output series. Families (per region, per stage, per flow) are contiguous, so
/// [`Series::offset`] steps through them in the orders of `Region::IDS`, `Stage::IDS` and the
/// flows (concentrate, oxide, metal, magnets).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Series(pub usize);

impl Series {
    /// The series `k` places after this one in its family.
    pub const fn offset(self, k: usize) -> Series {
        Series(self.0 + k)
    }
}

/// Declares the series: a named constant per series (its index) and the `SERIES` table, from
/// one list, so the two cannot drift apart.
macro_rules! series {
    ($($name:ident $id:literal $label:literal $unit:literal;)*) => {
        #[allow(non_upper_case_globals)]
        impl Series {
            series!(@consts 0usize; $($name)*);
        }
        /// The output series, in index order. Ids are stable (files and the page use them).
        pub static SERIES: &[SeriesSpec] = &[$(SeriesSpec { id: $id, label: $label, unit: $unit },)*];
        /// Number of output series.
        pub const N_SERIES: usize = [$($id),*].len();
    };
    (@consts $i:expr; $name:ident $($rest:ident)*) => {
        pub const $name: Series = Series($i);
        series!(@consts $i + 1usize; $($rest)*);
    };
    (@consts $i:expr;) => {};
}

series! {
    DemandWorld "demand_world_t" "World demand (at the 2024 price, after substitution)" "t/yr";
    DemandUs "demand_us_t" "Demand, US" "t/yr";
    DemandCn "demand_cn_t" "Demand, China" "t/yr";
    DemandAllies "demand_allies_t" "Demand, allies" "t/yr";
    DemandRow "demand_row_t" "Demand, rest of world" "t/yr";
    ShortfallUs "shortfall_us_t" "Shortfall (demand not met), US" "t/yr";
    ShortfallCn "shortfall_cn_t" "Shortfall (demand not met), China" "t/yr";
    ShortfallAllies "shortfall_allies_t" "Shortfall (demand not met), allies" "t/yr";
    ShortfallRow "shortfall_row_t" "Shortfall (demand not met), rest of world" "t/yr";
    UsDemandNdpr "us_demand_ndpr_t" "US demand, NdPr" "t/yr";
    UsDemandHeavy "us_demand_heavy_t" "US demand, Dy+Tb" "t/yr";
    ShortfallWorld "shortfall_world_t" "World shortfall" "t/yr";
    ShortfallUsNdpr "shortfall_us_ndpr_t" "US shortfall, NdPr" "t/yr";
    ShortfallUsHeavy "shortfall_us_heavy_t" "US shortfall, Dy+Tb" "t/yr";
    SupplyUs "supply_us_t" "Supply reaching US buyers" "t/yr";
    OutputMiningUs "output_mining_us_t" "Output, mining, US" "t/yr";
    OutputMiningCn "output_mining_cn_t" "Output, mining, China" "t/yr";
    OutputMiningAllies "output_mining_allies_t" "Output, mining, allies" "t/yr";
    OutputMiningRow "output_mining_row_t" "Output, mining, rest of world" "t/yr";
    OutputSeparationUs "output_separation_us_t" "Output, separation, US" "t/yr";
    OutputSeparationCn "output_separation_cn_t" "Output, separation, China" "t/yr";
    OutputSeparationAllies "output_separation_allies_t" "Output, separation, allies" "t/yr";
    OutputSeparationRow "output_separation_row_t" "Output, separation, rest of world" "t/yr";
    OutputMetalUs "output_metal_us_t" "Output, metal and alloy, US" "t/yr";
    OutputMetalCn "output_metal_cn_t" "Output, metal and alloy, China" "t/yr";
    OutputMetalAllies "output_metal_allies_t" "Output, metal and alloy, allies" "t/yr";
    OutputMetalRow "output_metal_row_t" "Output, metal and alloy, rest of world" "t/yr";
    OutputMagnetUs "output_magnet_us_t" "Output, magnets, US" "t/yr";
    OutputMagnetCn "output_magnet_cn_t" "Output, magnets, China" "t/yr";
    OutputMagnetAllies "output_magnet_allies_t" "Output, magnets, allies" "t/yr";
    OutputMagnetRow "output_magnet_row_t" "Output, magnets, rest of world" "t/yr";
    UsCapacityMining "us_capacity_mining_t" "US capacity that can run, mining" "t/yr";
    UsCapacitySeparation "us_capacity_separation_t" "US capacity that can run, separation" "t/yr";
    UsCapacityMetal "us_capacity_metal_t" "US capacity that can run, metal and alloy" "t/yr";
    UsCapacityMagnet "us_capacity_magnet_t" "US capacity that can run, magnets" "t/yr";
    UsSelfSufficiencyMining "us_self_sufficiency_mining_pct" "US self-sufficiency, mining" "%";
    UsSelfSufficiencySeparation "us_self_sufficiency_separation_pct" "US self-sufficiency, separation" "%";
    UsSelfSufficiencyMetal "us_self_sufficiency_metal_pct" "US self-sufficiency, metal and alloy" "%";
    UsSelfSufficiencyMagnet "us_self_sufficiency_magnet_pct" "US self-sufficiency, magnets" "%";
    ChinaShareMining "china_share_mining_pct" "China's share of world output, mining" "%";
    ChinaShareSeparation "china_share_separation_pct" "China's share of world output, separation" "%";
    ChinaShareMetal "china_share_metal_pct" "China's share of world output, metal and alloy" "%";
    ChinaShareMagnet "china_share_magnet_pct" "China's share of world output, magnets" "%";
    UsImportsConcentrateCn "us_imports_concentrate_from_cn_t" "US imports of concentrate from China" "t/yr";
    UsImportsConcentrateAllies "us_imports_concentrate_from_allies_t" "US imports of concentrate from allies" "t/yr";
    UsImportsConcentrateRow "us_imports_concentrate_from_row_t" "US imports of concentrate from rest of world" "t/yr";
    UsImportsOxideCn "us_imports_oxide_from_cn_t" "US imports of oxide from China" "t/yr";
    UsImportsOxideAllies "us_imports_oxide_from_allies_t" "US imports of oxide from allies" "t/yr";
    UsImportsOxideRow "us_imports_oxide_from_row_t" "US imports of oxide from rest of world" "t/yr";
    UsImportsMetalCn "us_imports_metal_from_cn_t" "US imports of metal from China" "t/yr";
    UsImportsMetalAllies "us_imports_metal_from_allies_t" "US imports of metal from allies" "t/yr";
    UsImportsMetalRow "us_imports_metal_from_row_t" "US imports of metal from rest of world" "t/yr";
    UsImportsMagnetsCn "us_imports_magnets_from_cn_t" "US imports of magnets from China" "t/yr";
    UsImportsMagnetsAllies "us_imports_magnets_from_allies_t" "US imports of magnets from allies" "t/yr";
    UsImportsMagnetsRow "us_imports_magnets_from_row_t" "US imports of magnets from rest of world" "t/yr";
    ConcentrateStockUs "concentrate_stock_us_t" "Unsold concentrate held, US" "t";
    ConcentrateStockWorld "concentrate_stock_world_t" "Unsold concentrate held, world" "t";
    StockNdprCn "stock_ndpr_cn_t" "NdPr stocks in China" "t";
    StockNdprEx "stock_ndpr_ex_t" "NdPr stocks outside China" "t";
    StockHeavyCn "stock_heavy_cn_t" "Dy+Tb stocks in China" "t";
    StockHeavyEx "stock_heavy_ex_t" "Dy+Tb stocks outside China" "t";
    Withheld "withheld_t" "Chinese exports withheld by controls" "t/yr";
    UsSelfSufficiencyChain "us_self_sufficiency_chain_pct" "US self-sufficiency, whole chain" "%";
    UsSelfSufficiencyHeavyChain "us_self_sufficiency_heavy_chain_pct" "US self-sufficiency, whole chain, Dy+Tb" "%";
    UsDefenceCoverage "us_defence_coverage_pct" "US defence demand covered by non-Chinese supply or stockpile" "%";
    UsNonChinaSupply "us_non_china_supply_pct" "Share of US supply with no Chinese stage" "%";
    UnitCostUs "unit_cost_us_usd_per_t" "US NdPr oxide full unit cost" "$/t";
    UnitCostCn "unit_cost_cn_usd_per_t" "China NdPr oxide full unit cost" "$/t";
    CostPremium "cost_premium_pct" "US full cost premium over China" "%";
    CashCostUs "cash_cost_us_usd_per_t" "US NdPr oxide cash cost" "$/t";
    PriceNdprCn "price_ndpr_cn_usd_per_kg" "NdPr oxide price in China" "$/kg";
    PriceNdprEx "price_ndpr_ex_usd_per_kg" "NdPr oxide price outside China" "$/kg";
    PriceNdprUs "price_ndpr_us_usd_per_kg" "NdPr price paid by US buyers" "$/kg";
    PriceHeavyCn "price_heavy_cn_usd_per_kg" "Dy+Tb oxide price in China" "$/kg";
    PriceHeavyEx "price_heavy_ex_usd_per_kg" "Dy+Tb oxide price outside China" "$/kg";
    PriceHeavyUs "price_heavy_us_usd_per_kg" "Dy+Tb price paid by US buyers" "$/kg";
    MagnetPremiumEx "magnet_premium_ex_usd_per_kg" "Scarcity premium on magnets outside China, per kg of NdPr" "$/kg";
    WedgeNdpr "wedge_ndpr_pct" "NdPr price outside China over China's" "%";
    WedgeHeavy "wedge_heavy_pct" "Dy+Tb price outside China over China's" "%";
    RefinedSupplyToDemand "refined_supply_to_demand_pct" "World refined supply over demand (IEA measure)" "%";
    UsSeparationRunning "us_separation_running_pct" "US separation feed actually processed" "%";
    UsCapacityIdle "us_capacity_idle_t" "US separation capacity idle (price below cash cost)" "t/yr";
    ChinaCapacityIdle "china_capacity_idle_t" "China separation capacity idle (price below cash cost)" "t/yr";
    InvestPrivateUs "invest_private_us_musd" "Private investment ordered, US" "$M/yr";
    InvestPrivateExChina "invest_private_ex_china_musd" "Private investment ordered, all outside China" "$M/yr";
    CapacityOrderedUs "capacity_ordered_us_t" "Separation capacity ordered by firms, US" "t/yr";
    PublicCost "public_cost_musd" "Public cost, all instruments" "$M/yr";
    PublicCostCumulative "public_cost_cumulative_musd" "Public cost, cumulative" "$M";
    PublicFloor "public_floor_musd" "Public cost: price floor payments" "$M/yr";
    PublicSubsidy "public_subsidy_musd" "Public cost: cost-gap subsidy" "$M/yr";
    PublicGuarantee "public_guarantee_musd" "Public cost: 10X earnings guarantee" "$M/yr";
    PublicGrants "public_grants_musd" "Public cost: investment grants" "$M/yr";
    PublicEquityLoans "public_equity_loans_musd" "Public cost: equity and loans" "$M/yr";
    PublicStockpile "public_stockpile_musd" "Public cost: stockpile purchases" "$M/yr";
    Stockpile "stockpile_t" "US strategic stockpile" "t";
    StockpileDraw "stockpile_draw_t" "Stockpile drawn" "t/yr";
    StockpileMonthsOfCover "stockpile_months_of_cover" "Stockpile, months of US demand" "months";
    RecycledUs "recycled_us_t" "Recycled supply (end of life), US" "t/yr";
    RecycledWorld "recycled_world_t" "Recycled supply (end of life), world" "t/yr";
    ScrapWorld "scrap_recycled_world_t" "Swarf recycled into new magnets, world" "t/yr";
    SubstitutionUs "substitution_us_pct" "US demand removed by substitution and thrift" "%";
    MineReoUs "mine_reo_us_t" "Mine output, total REO, US" "t REO/yr";
    MineReoCn "mine_reo_cn_t" "Mine output, total REO, China" "t REO/yr";
    MineReoAllies "mine_reo_allies_t" "Mine output, total REO, allies" "t REO/yr";
    MineReoRow "mine_reo_row_t" "Mine output, total REO, rest of world" "t REO/yr";
    MineReoWorld "mine_reo_world_t" "Mine output, total REO, world" "t REO/yr";
    SupplyWorld "supply_world_t" "Supply reaching buyers, world" "t/yr";
    HeatResistantShareUs "heat_resistant_made_us_pct" "Heat-resistant magnets US buyers can get (Dy+Tb limit)" "%";
    PublicOfftake "public_offtake_musd" "Public cost: offtake contracts (net of the market price)" "$M/yr";
    PublicStockpileSales "public_stockpile_sales_musd" "Public income: stockpile sold to US buyers" "$M/yr";
    StockpileRelease "stockpile_release_t" "Stockpile sold to US buyers" "t/yr";
    TariffRevenue "us_tariff_revenue_musd" "US tariff collected on Chinese magnets" "$M/yr";
    ChinaExportRevenue "china_export_revenue_musd" "China's export revenue (magnet REE content)" "$M/yr";
    ChinaRevenueForgone "china_revenue_forgone_musd" "China's revenue given up by its price strategy" "$M/yr";
    AlliesSupplySecurity "allies_supply_security_pct" "Allies' demand met" "%";
    PublicCostAllies "public_cost_allies_musd" "Allied public cost (investment grants)" "$M/yr";
    ControlSeverity "cn_control1_severity_pct" "Control 1 severity in force (with China's reaction)" "% withheld";
    StrategyPrice "cn_strategy_price_usd_per_kg" "China's strategy price for NdPr outside China (0: off)" "$/kg";
    UsRuleSupport "us_rule_support_musd" "US support committed by its reaction rule" "$M/yr";
    CapacityOrderedExChina "capacity_ordered_ex_china_t" "Separation capacity ordered by firms outside China" "t/yr";
    UsBottleneckStage "us_bottleneck_stage" "Stage that limits the US chain (1 mining, 2 separation, 3 metal, 4 magnets; 0 none)" "code";
    UsBottleneckCause "us_bottleneck_cause" "Why it limits (1 capacity, 2 feed, 3 China's controls, 4 price below cost; 0 none)" "code";
}

/// A legal but suspicious combination of inputs, reported beside the numbers.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Warning {
    /// Stable machine-readable code; with `year` and `value` it is enough to write the message in
    /// another language.
    pub code: &'static str,
    pub year: Option<i32>,
    /// The number the message quotes, if any (tonnes, a control number, a material index).
    pub value: Option<f64>,
}

impl Warning {
    pub fn new(code: &'static str, year: Option<i32>, value: Option<f64>) -> Self {
        Warning { code, year, value }
    }
}

/// A dated marker for the charts: a plant starting, a control starting or ending, a target.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Event {
    pub year: i32,
    /// One of `commissioning`, `control_start`, `control_end`, `policy`, `target` (the marker).
    pub kind: &'static str,
    /// What happened, stable for translation (the list is `codes::EVENT_CODES`): `project`,
    /// `control_start`/`control_end` (value: control number), `floor_start` (value: $/kg),
    /// `floor_end`, `investment`, `private_capacity`, `defence_goal`.
    pub code: &'static str,
    pub value: Option<f64>,
    /// For `project`: the plant, as its index in `PROJECTS` (its name is data, not wording).
    pub project: Option<usize>,
}

/// Headline figures of a projection.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Summary {
    /// First year the US chain reaches 50% self-sufficiency, or `None`: not by the horizon.
    pub year_us_chain_50pct: Option<i32>,
    pub year_us_chain_100pct: Option<i32>,
    pub us_chain_self_sufficiency_2030_pct: f64,
    pub us_chain_self_sufficiency_horizon_pct: f64,
    pub peak_us_shortfall_t: f64,
    /// Year of the peak; `None` when there is no shortfall.
    pub peak_us_shortfall_year: Option<i32>,
    pub cumulative_us_shortfall_t: f64,
    /// US shortfall in 2030 as a share of US demand.
    pub us_shortfall_2030_pct: f64,
    pub us_defence_coverage_2028_pct: f64,
    pub cumulative_public_cost_musd: f64,
    pub china_share_separation_2030_pct: f64,
    /// NdPr oxide prices in 2030, $/kg: in China and outside it.
    pub price_ndpr_cn_2030_usd_per_kg: f64,
    pub price_ndpr_ex_2030_usd_per_kg: f64,
    /// Highest Dy+Tb price outside China over China's, % (the wedge controls drive).
    pub peak_wedge_heavy_pct: f64,
    /// World refined supply over demand in 2030, % (the IEA's measure).
    pub refined_supply_to_demand_2030_pct: f64,
    /// Private investment ordered outside China over the whole projection, $M.
    pub cumulative_private_investment_ex_china_musd: f64,
    /// First year the strategic stockpile is empty, if it ever is (and was not empty at the start).
    pub stockpile_exhausted_year: Option<i32>,
    /// The contest's payoffs (MODEL.md section 16): China's export revenue and what its price
    /// strategy gave up, over the projection, $M; allies' demand met in 2030, %; the US tariff
    /// collected, $M.
    pub cumulative_china_export_revenue_musd: f64,
    pub cumulative_china_revenue_forgone_musd: f64,
    pub allies_supply_security_2030_pct: f64,
    pub cumulative_us_tariff_revenue_musd: f64,
    /// Allied governments' public money over the projection, $M.
    pub cumulative_public_cost_allies_musd: f64,
    pub horizon_year: i32,
}

impl Summary {
    pub fn from_projection(p: &Projection) -> Summary {
        let chain = p.series(Series::UsSelfSufficiencyChain);
        let short = p.series(Series::ShortfallUs);
        let first_at = |threshold: f64| {
            chain
                .iter()
                .position(|&v| v >= threshold - 1e-9)
                .map(|i| p.year_at(i))
        };
        let value_in = |s: Series, year: i32| p.value(s, year).unwrap_or(f64::NAN);
        let (mut peak, mut peak_year) = (0.0, None);
        for (i, &v) in short.iter().enumerate() {
            if v > peak + 1e-9 {
                peak = v;
                peak_year = Some(p.year_at(i));
            }
        }
        let stock = p.series(Series::Stockpile);
        let stockpile_exhausted_year = if stock.first().is_some_and(|&s| s > 1e-9) {
            stock.iter().position(|&s| s <= 1e-9).map(|i| p.year_at(i))
        } else {
            None
        };
        let last = p.n_years.saturating_sub(1);
        let demand_2030 = value_in(Series::DemandUs, 2030);
        Summary {
            year_us_chain_50pct: first_at(50.0),
            year_us_chain_100pct: first_at(100.0),
            us_chain_self_sufficiency_2030_pct: value_in(Series::UsSelfSufficiencyChain, 2030),
            us_chain_self_sufficiency_horizon_pct: chain.get(last).copied().unwrap_or(f64::NAN),
            peak_us_shortfall_t: peak,
            peak_us_shortfall_year: peak_year,
            cumulative_us_shortfall_t: short.iter().sum(),
            us_shortfall_2030_pct: if demand_2030 > 0.0 {
                value_in(Series::ShortfallUs, 2030) / demand_2030 * 100.0
            } else {
                0.0
            },
            us_defence_coverage_2028_pct: value_in(Series::UsDefenceCoverage, 2028),
            cumulative_public_cost_musd: p
                .series(Series::PublicCostCumulative)
                .get(last)
                .copied()
                .unwrap_or(0.0),
            china_share_separation_2030_pct: value_in(Series::ChinaShareSeparation, 2030),
            price_ndpr_cn_2030_usd_per_kg: value_in(Series::PriceNdprCn, 2030),
            price_ndpr_ex_2030_usd_per_kg: value_in(Series::PriceNdprEx, 2030),
            peak_wedge_heavy_pct: p
                .series(Series::WedgeHeavy)
                .iter()
                .copied()
                .fold(0.0, f64::max),
            refined_supply_to_demand_2030_pct: value_in(Series::RefinedSupplyToDemand, 2030),
            cumulative_private_investment_ex_china_musd: p
                .series(Series::InvestPrivateExChina)
                .iter()
                .sum(),
            stockpile_exhausted_year,
            cumulative_china_export_revenue_musd: p.series(Series::ChinaExportRevenue).iter().sum(),
            cumulative_china_revenue_forgone_musd: p
                .series(Series::ChinaRevenueForgone)
                .iter()
                .sum(),
            allies_supply_security_2030_pct: value_in(Series::AlliesSupplySecurity, 2030),
            cumulative_us_tariff_revenue_musd: p.series(Series::TariffRevenue).iter().sum(),
            cumulative_public_cost_allies_musd: p.series(Series::PublicCostAllies).iter().sum(),
            horizon_year: p.year_at(last),
        }
    }
}

/// How to read one field of a [`Summary`]: a number, or a year (absent when it never comes).
#[derive(Clone, Copy, Debug)]
pub enum Figure {
    Value(fn(&Summary) -> f64),
    Year(fn(&Summary) -> Option<i32>),
}

/// Every field of [`Summary`] by its JSON name, in declaration order: the one list the insight
/// tools (their headline measures) and the wasm bindings (the page's summary object) read. A
/// test checks it against serde's output, so a new field cannot be left out.
pub static SUMMARY_FIELDS: &[(&str, Figure)] = &[
    (
        "year_us_chain_50pct",
        Figure::Year(|s| s.year_us_chain_50pct),
    ),
    (
        "year_us_chain_100pct",
        Figure::Year(|s| s.year_us_chain_100pct),
    ),
    (
        "us_chain_self_sufficiency_2030_pct",
        Figure::Value(|s| s.us_chain_self_sufficiency_2030_pct),
    ),
    (
        "us_chain_self_sufficiency_horizon_pct",
        Figure::Value(|s| s.us_chain_self_sufficiency_horizon_pct),
    ),
    (
        "peak_us_shortfall_t",
        Figure::Value(|s| s.peak_us_shortfall_t),
    ),
    (
        "peak_us_shortfall_year",
        Figure::Year(|s| s.peak_us_shortfall_year),
    ),
    (
        "cumulative_us_shortfall_t",
        Figure::Value(|s| s.cumulative_us_shortfall_t),
    ),
    (
        "us_shortfall_2030_pct",
        Figure::Value(|s| s.us_shortfall_2030_pct),
    ),
    (
        "us_defence_coverage_2028_pct",
        Figure::Value(|s| s.us_defence_coverage_2028_pct),
    ),
    (
        "cumulative_public_cost_musd",
        Figure::Value(|s| s.cumulative_public_cost_musd),
    ),
    (
        "china_share_separation_2030_pct",
        Figure::Value(|s| s.china_share_separation_2030_pct),
    ),
    (
        "price_ndpr_cn_2030_usd_per_kg",
        Figure::Value(|s| s.price_ndpr_cn_2030_usd_per_kg),
    ),
    (
        "price_ndpr_ex_2030_usd_per_kg",
        Figure::Value(|s| s.price_ndpr_ex_2030_usd_per_kg),
    ),
    (
        "peak_wedge_heavy_pct",
        Figure::Value(|s| s.peak_wedge_heavy_pct),
    ),
    (
        "refined_supply_to_demand_2030_pct",
        Figure::Value(|s| s.refined_supply_to_demand_2030_pct),
    ),
    (
        "cumulative_private_investment_ex_china_musd",
        Figure::Value(|s| s.cumulative_private_investment_ex_china_musd),
    ),
    (
        "stockpile_exhausted_year",
        Figure::Year(|s| s.stockpile_exhausted_year),
    ),
    (
        "cumulative_china_export_revenue_musd",
        Figure::Value(|s| s.cumulative_china_export_revenue_musd),
    ),
    (
        "cumulative_china_revenue_forgone_musd",
        Figure::Value(|s| s.cumulative_china_revenue_forgone_musd),
    ),
    (
        "allies_supply_security_2030_pct",
        Figure::Value(|s| s.allies_supply_security_2030_pct),
    ),
    (
        "cumulative_us_tariff_revenue_musd",
        Figure::Value(|s| s.cumulative_us_tariff_revenue_musd),
    ),
    (
        "cumulative_public_cost_allies_musd",
        Figure::Value(|s| s.cumulative_public_cost_allies_musd),
    ),
    ("horizon_year", Figure::Year(|s| Some(s.horizon_year))),
];

/// The result of one projection: `n_years` values for every series, series-major.
#[derive(Clone, Debug, PartialEq)]
pub struct Projection {
    pub base_year: i32,
    pub n_years: usize,
    data: Vec<f64>,
    pub summary: Summary,
    pub warnings: Vec<Warning>,
    pub events: Vec<Event>,
}

impl Projection {
    pub(crate) fn new(base_year: i32, n_years: usize) -> Self {
        Projection {
            base_year,
            n_years,
            data: vec![0.0; N_SERIES * n_years],
            summary: Summary::default(),
            warnings: Vec::new(),
            events: Vec::new(),
        }
    }

    pub(crate) fn set(&mut self, s: Series, year_idx: usize, v: f64) {
        self.data[s.0 * self.n_years + year_idx] = v;
    }

    pub fn year_at(&self, idx: usize) -> i32 {
        self.base_year + idx as i32
    }

    pub fn years(&self) -> impl Iterator<Item = i32> + '_ {
        (0..self.n_years).map(|i| self.year_at(i))
    }

    /// One series, a value per year.
    pub fn series(&self, s: Series) -> &[f64] {
        &self.data[s.0 * self.n_years..(s.0 + 1) * self.n_years]
    }

    /// One series by its id.
    pub fn series_by_id(&self, id: &str) -> Option<&[f64]> {
        SERIES
            .iter()
            .position(|s| s.id == id)
            .map(|i| self.series(Series(i)))
    }

    /// The value of a series in a year, if the year is in range.
    pub fn value(&self, s: Series, year: i32) -> Option<f64> {
        let idx = usize::try_from(year - self.base_year).ok()?;
        self.series(s).get(idx).copied()
    }

    /// The projection as the JSON document the page and `rare-earth run --format json` use.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).expect("a projection always serialises")
    }

    /// One row per year, one column per series (ids as headers).
    pub fn to_csv(&self) -> String {
        let mut s = String::with_capacity(self.n_years * N_SERIES * 10);
        s.push_str("year");
        for spec in SERIES {
            s.push(',');
            s.push_str(spec.id);
        }
        s.push('\n');
        for i in 0..self.n_years {
            s.push_str(&self.year_at(i).to_string());
            for k in 0..N_SERIES {
                s.push(',');
                s.push_str(&format_number(self.data[k * self.n_years + i]));
            }
            s.push('\n');
        }
        s
    }

    /// A short human-readable table of the key series, then the summary and the warnings by
    /// code. The CLI writes the warnings in words from the page's string table instead
    /// ([`Projection::to_table_with`]).
    pub fn to_table(&self) -> String {
        self.to_table_with(|w| {
            let mut s = w.code.to_string();
            if let Some(y) = w.year {
                s.push_str(&format!(" ({y})"));
            }
            if let Some(v) = w.value {
                s.push_str(&format!(" [{v}]"));
            }
            s
        })
    }

    /// [`Projection::to_table`] with each warning written by `describe`.
    pub fn to_table_with(&self, describe: impl Fn(&Warning) -> String) -> String {
        let cols: [(Series, &str, usize); 12] = [
            (Series::DemandUs, "US demand t", 0),
            (Series::SupplyUs, "supplied t", 0),
            (Series::ShortfallUs, "shortfall t", 0),
            (Series::UsSelfSufficiencySeparation, "sep SS %", 1),
            (Series::UsSelfSufficiencyMagnet, "magnet SS %", 1),
            (Series::UsSelfSufficiencyChain, "chain SS %", 1),
            (Series::UsDefenceCoverage, "defence %", 1),
            (Series::ChinaShareSeparation, "CN sep %", 1),
            (Series::PriceNdprCn, "NdPr CN $/kg", 1),
            (Series::PriceNdprEx, "NdPr ex $/kg", 1),
            (Series::PriceHeavyEx, "DyTb ex $/kg", 0),
            (Series::PublicCost, "public $M", 1),
        ];
        let mut s = String::new();
        s.push_str(&format!("{:>6}", "year"));
        for (_, h, _) in cols {
            s.push_str(&format!(" {h:>12}"));
        }
        s.push('\n');
        for i in 0..self.n_years {
            s.push_str(&format!("{:>6}", self.year_at(i)));
            for (series, _, decimals) in cols {
                let v = self.series(series)[i];
                s.push_str(&format!(" {v:>12.decimals$}"));
            }
            s.push('\n');
        }
        let m = &self.summary;
        let year_or =
            |y: Option<i32>| y.map_or(format!("not by {}", m.horizon_year), |y| y.to_string());
        s.push_str(&format!(
            "\nUS chain self-sufficiency reaches 50%: {}; 100%: {}\n",
            year_or(m.year_us_chain_50pct),
            year_or(m.year_us_chain_100pct)
        ));
        s.push_str(&format!(
            "Peak US shortfall: {:.0} t ({}); cumulative {:.0} t\n",
            m.peak_us_shortfall_t,
            m.peak_us_shortfall_year
                .map_or("none".to_string(), |y| y.to_string()),
            m.cumulative_us_shortfall_t
        ));
        s.push_str(&format!(
            "US defence coverage in 2028: {:.0}%; cumulative public cost: ${:.0}M\n",
            m.us_defence_coverage_2028_pct, m.cumulative_public_cost_musd
        ));
        s.push_str(&format!(
            "NdPr oxide in 2030: ${:.0}/kg in China, ${:.0}/kg outside; refined supply/demand {:.0}%\n",
            m.price_ndpr_cn_2030_usd_per_kg,
            m.price_ndpr_ex_2030_usd_per_kg,
            m.refined_supply_to_demand_2030_pct
        ));
        for w in &self.warnings {
            s.push_str(&format!("warning: {}\n", describe(w)));
        }
        s
    }
}

/// Numbers in CSV: rounded to 4 decimals, written in their shortest form (no trailing zeros).
/// Rounding then shortest formatting avoids the fixed-precision formatter, which is large in wasm.
fn format_number(v: f64) -> String {
    if !v.is_finite() {
        return String::new();
    }
    let r = (v * 1e4).round() / 1e4;
    if r == 0.0 {
        "0".to_string()
    } else {
        format!("{r}")
    }
}

struct SeriesMap<'a>(&'a Projection);

impl Serialize for SeriesMap<'_> {
    fn serialize<S: Serializer>(&self, ser: S) -> Result<S::Ok, S::Error> {
        let mut map = ser.serialize_map(Some(N_SERIES))?;
        for (k, spec) in SERIES.iter().enumerate() {
            map.serialize_entry(spec.id, self.0.series(Series(k)))?;
        }
        map.end()
    }
}

impl Serialize for Projection {
    fn serialize<S: Serializer>(&self, ser: S) -> Result<S::Ok, S::Error> {
        let years: Vec<i32> = self.years().collect();
        let mut st = ser.serialize_struct("Projection", 7)?;
        st.serialize_field("schema", &SCHEMA_VERSION)?;
        st.serialize_field("model_version", MODEL_VERSION)?;
        st.serialize_field("years", &years)?;
        st.serialize_field("series", &SeriesMap(self))?;
        st.serialize_field("summary", &self.summary)?;
        st.serialize_field("warnings", &self.warnings)?;
        st.serialize_field("events", &self.events)?;
        st.end()
    }
}
