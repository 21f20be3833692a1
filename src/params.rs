//! The parameter catalogue: every lever and default of the model, with its unit, range, source and grade.
//!
//! This is the one place where defaults live. The CLI, the share links, saved scenario files and the
//! page's sliders all read this table, so adding a parameter here adds it everywhere. Ids are stable:
//! rename one only with a migration in `scenario.rs`.

use serde::Serialize;

/// How much weight a default can bear (see `docs/MODEL.md`, "Sources and grades").
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum Grade {
    /// Official or primary text (USGS, IEA, company filings, government notices).
    A,
    /// Reputable secondary source (wire services, company releases, filing summaries).
    B,
    /// Weak, derived or assumed: treat as an adjustable assumption.
    C,
    /// A policy lever or model setting, not a measured figure.
    #[serde(rename = "-")]
    Setting,
}

/// The slider groups of the page, in display order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Group {
    Costs,
    Capacity,
    Demand,
    Trade,
    /// China's levers beyond its export controls (the contest, MODEL.md section 16).
    ChinaLevers,
    /// The US's and its allies' levers beyond investment and the price floor.
    UsLevers,
    /// Reaction rules: each side answers the other's last-year moves.
    Reactions,
    Markets,
    StockpileRecycling,
    /// Figures of the 2024 base year (and calibration settings that shape it). They are the only
    /// parameters that change a 2024 figure: every other parameter acts from 2025 (tested).
    BaseYear,
}

impl Group {
    pub const ALL: [Group; 10] = [
        Group::Costs,
        Group::Capacity,
        Group::Demand,
        Group::Trade,
        Group::ChinaLevers,
        Group::UsLevers,
        Group::Reactions,
        Group::Markets,
        Group::StockpileRecycling,
        Group::BaseYear,
    ];
}

/// One entry of the catalogue.
#[derive(Clone, Copy, Debug, Serialize)]
pub struct ParamSpec {
    /// Stable identifier (used in links, scenario files and `--set`).
    pub id: &'static str,
    pub label: &'static str,
    pub unit: &'static str,
    pub group: Group,
    /// Region-level calibration figures that most users leave alone; the page folds them away.
    pub advanced: bool,
    pub min: f64,
    pub max: f64,
    pub step: f64,
    pub default: f64,
    /// For a choice, the labels of values 0, 1, 2 ...; empty for a number.
    pub options: &'static [&'static str],
    pub grade: Grade,
    pub source: &'static str,
    pub description: &'static str,
}

impl ParamSpec {
    /// True when only whole numbers are allowed (years, counts, choices).
    pub fn integer(&self) -> bool {
        !self.options.is_empty() || (self.step >= 1.0 && self.step.fract() == 0.0)
    }
}

/// A parameter's source and description: the wasm module is built without them (feature
/// `details` off) and the page loads them from `www/pkg/details.js` (written by `cargo xtask
/// build` from this table) when a tip or the sources panel is first shown, which keeps ~6 KB gz
/// out of its first visit.
#[cfg(feature = "details")]
macro_rules! detail {
    ($s:literal) => {
        $s
    };
}
#[cfg(not(feature = "details"))]
macro_rules! detail {
    ($s:literal) => {
        ""
    };
}

macro_rules! catalogue {
    ($(
        $id:ident {
            $label:literal, $unit:literal, $group:ident, $adv:literal,
            [$min:expr, $max:expr, $step:expr], $default:expr, $grade:ident,
            $source:literal, $desc:literal $(, options: [$($opt:literal),* $(,)?])?
        }
    )*) => {
        /// Every parameter of a scenario, resolved to numbers. Field names are the catalogue ids.
        #[derive(Clone, Debug, PartialEq)]
        pub struct Inputs {
            $(#[doc = $label] pub $id: f64,)*
        }

        /// The catalogue, in display order within each group.
        pub static PARAMS: &[ParamSpec] = &[
            $(ParamSpec {
                id: stringify!($id),
                label: $label,
                unit: $unit,
                group: Group::$group,
                advanced: $adv,
                min: $min as f64,
                max: $max as f64,
                step: $step as f64,
                default: $default as f64,
                options: &[$($($opt),*)?],
                grade: Grade::$grade,
                source: detail!($source),
                description: detail!($desc),
            },)*
        ];

        /// The sourced defaults, as data: `Inputs::defaults` copies them (built field by field,
        /// each call site compiled ~150 stores, 1.8 KB of wasm apiece).
        static DEFAULTS: Inputs = Inputs { $($id: $default as f64,)* };

        impl Inputs {
            /// The sourced defaults of the catalogue.
            pub fn defaults() -> Self {
                DEFAULTS.clone()
            }

            /// The value of a parameter by id, or `None` for an unknown id.
            pub fn get(&self, id: &str) -> Option<f64> {
                index_of(id).map(|i| (GETTERS[i])(self))
            }

            /// Sets the parameter at `index` in [`PARAMS`] without validation (no id lookup:
            /// for loops that set the same parameters many times); false past the end.
            pub fn set_at(&mut self, index: usize, value: f64) -> bool {
                match SETTERS.get(index) {
                    Some(set) => {
                        set(self, value);
                        true
                    }
                    None => false,
                }
            }

            /// Sets a parameter by id without validation; returns false for an unknown id.
            /// Use [`crate::Scenario`] for checked input.
            pub fn set_unchecked(&mut self, id: &str, value: f64) -> bool {
                match index_of(id) {
                    Some(i) => {
                        (SETTERS[i])(self, value);
                        true
                    }
                    None => false,
                }
            }
        }

        /// One accessor per parameter, in catalogue order: a table instead of a string `match`,
        /// which kept the wasm module smaller.
        static GETTERS: &[fn(&Inputs) -> f64] = &[$(|p| p.$id,)*];
        static SETTERS: &[fn(&mut Inputs, f64)] = &[$(|p, v| p.$id = v,)*];
    };
}

/// The main levers, in display order: the handful the page shows beside its charts on the first
/// screen (every other parameter is one click away). One per question the calculator is for:
/// refining cost, investment by stage, demand, export controls, price support, recycling, the
/// stockpile, and each side's contest move (China's price strategy, the US tariff).
pub static MAIN_LEVERS: &[&str] = &[
    "refining_cost_us_usd_per_t",
    "invest_separation_musd",
    "invest_magnet_musd",
    "demand_growth_pct_per_yr",
    "ban1_severity_pct",
    "price_floor_usd_per_kg",
    "recycling_target_pct",
    "stockpile_target_t",
    "price_strategy_pct",
    "tariff_cn_magnets_pct",
];

/// Looks up a catalogue entry by id.
pub fn spec(id: &str) -> Option<&'static ParamSpec> {
    PARAMS.iter().find(|p| p.id == id)
}

/// Position of a parameter in the catalogue.
fn index_of(id: &str) -> Option<usize> {
    PARAMS.iter().position(|p| p.id == id)
}

catalogue! {
    // ---------------------------------------------------------------- demand (levers from 2025)
    horizon_year {
        "Horizon", "year", Demand, false, [2030, 2050, 1], 2040, Setting,
        "model setting: projections run from the 2024 base year",
        "Last year of the projection."
    }
    demand_growth_pct_per_yr {
        "Demand growth to 2030", "%/yr", Demand, false, [-5, 20, 0.1], 5.1, A,
        "IEA STEPS: 90.9 kt (2024) -> 122.8 kt (2030) = 5.1 %/yr; APS 6.4, NZE 8.3",
        "Annual growth of world demand (at the 2024 reference price) from 2024 to 2030."
    }
    demand_growth_after_2030_pct_per_yr {
        "Demand growth after 2030", "%/yr", Demand, false, [-5, 20, 0.1], 2.0, A,
        "IEA STEPS: 122.8 kt (2030) -> 149.6 kt (2040) = 2.0 %/yr; APS 2.1, NZE 1.6",
        "Annual growth of world demand after 2030."
    }
    demand_response_pct {
        "Short-run demand response", "% at 2x price", Demand, true, [0, 50, 1], 25, C,
        "assumption, calibrated: with the May 2025 controls (74% of Dy+Tb withheld) it gives an ex-China Dy+Tb price about 3x China's, as Europe's Dy oxide went from $250-310 to $700-1,000/kg (facts s.4)",
        "Share of demand buyers give up within the year when the price is twice the 2024 reference (linear in the price)."
    }
    substitution_rate_pct_per_yr {
        "Substitution and thrift response", "% of demand/yr", Demand, false, [0, 20, 0.5], 10, A,
        "Sprecher et al. 2017 (ES&T 51(7)): up to 10% of demand per year in the 2010-11 crisis, when prices rose about fivefold",
        "Demand removed for good each year (magnets redesigned or replaced) when prices stand at the price cap; proportionally less at lower prices."
    }
    substitution_cap_pct {
        "Substitution ceiling", "% of demand", Demand, true, [0, 60, 1], 30, C,
        "unsourced assumption",
        "The most of demand that substitution and thrift can remove in total."
    }
    heavy_grade_share_pct {
        "Magnets that need Dy+Tb", "% of demand", Demand, true, [0, 100, 1], 60, C,
        "assumption: traction motors, wind generators and industrial motors need heat-resistant grades with Dy or Tb; consumer electronics and acoustics mostly do not",
        "Share of magnet demand in heat-resistant grades, which cannot be made without Dy+Tb."
    }
    heavy_thrift_short_run_pct {
        "Dy+Tb thrift within a year", "%", Demand, true, [0, 80, 1], 30, C,
        "assumption: grain-boundary diffusion and redesign cut Dy+Tb per magnet by a third or more (no tonnage source in the facts file)",
        "How far magnet makers can cut Dy+Tb per heat-resistant magnet within a year; beyond it, fewer of those magnets are made, and their NdPr is not bought."
    }
    dytb_thrift_pct {
        "Dy+Tb thrift by 2030", "%", Demand, false, [0, 80, 1], 0, Setting,
        "lever: lasting cut in Dy+Tb per heat-resistant magnet, reached linearly from 2025 to 2030",
        "Lasting reduction of the Dy+Tb content of heat-resistant magnets (grain-boundary diffusion, new alloys)."
    }
    // ---------------------------------------------------------------- capacity (levers from 2025)
    mine_growth_us_pct_per_yr {
        "US mine growth to 2030", "%/yr", Capacity, true, [-10, 30, 0.1], 4.9, A,
        "derived from IEA base case: US 9.1% of 75.1 kt mined magnet REE (2024) and 9.1% of 100.3 kt (2030)",
        "Annual growth of mine capacity to 2030 (projects built for price come on top)."
    }
    mine_growth_cn_pct_per_yr {
        "China mine growth to 2030", "%/yr", Capacity, true, [-10, 30, 0.1], 1.9, A,
        "derived from IEA base case: China 61.0% of 75.1 kt (2024) -> 51.1% of 100.3 kt (2030)",
        "Annual growth of mine capacity to 2030 (China's quotas)."
    }
    mine_growth_allies_pct_per_yr {
        "Allied mine growth to 2030", "%/yr", Capacity, true, [-10, 40, 0.1], 25.7, A,
        "derived from IEA base case: Australia 4.3% of 75.1 kt (2024) -> 12.7% of 100.3 kt (2030)",
        "Annual growth of mine capacity to 2030 (projects built for price come on top)."
    }
    mine_growth_row_pct_per_yr {
        "Rest-of-world mine growth to 2030", "%/yr", Capacity, true, [-10, 30, 0.1], 5.9, A,
        "derived from IEA base case: Myanmar + rest 25.6% of 75.1 kt (2024) -> 27.1% of 100.3 kt (2030)",
        "Annual growth of mine capacity to 2030 (projects built for price come on top)."
    }
    capacity_growth_after_2030_pct_per_yr {
        "Announced capacity growth after 2030", "%/yr", Capacity, true, [-10, 20, 0.1], 1.6, A,
        "IEA base case: mined magnet REE 100.3 kt (2030) -> 108.7 kt (2035) = 1.6 %/yr",
        "Growth after 2030 of mining everywhere and of processing outside the US, and from 2024 of metal and magnet plants outside China, before any plant built for price."
    }
    processing_growth_cn_pct_per_yr {
        "China processing growth to 2030", "%/yr", Capacity, true, [-10, 30, 0.1], 1.6, A,
        "derived from IEA base case: China refining 73.8 kt (2024) -> 76.0% of 106.7 kt = 81.1 kt (2030)",
        "Annual growth to 2030 of separation, metal and magnet capacity (China's quotas)."
    }
    processing_growth_allies_pct_per_yr {
        "Allied processing growth to 2030", "%/yr", Capacity, true, [-10, 40, 0.1], 23.2, A,
        "derived from IEA base case: Malaysia + Australia refining 3.6 kt (2024) -> 12.7 kt (2030); includes Lynas and Solvay ramp-ups",
        "Annual growth to 2030 of announced separation capacity (metal and magnet plants outside China grow at the post-2030 rate)."
    }
    processing_growth_row_pct_per_yr {
        "Rest-of-world processing growth to 2030", "%/yr", Capacity, true, [-10, 30, 0.1], 15.5, A,
        "derived from IEA base case: rest of world refining 3.0% of 80.8 kt (2024) -> 5.4% of 106.7 kt (2030)",
        "Annual growth to 2030 of announced separation capacity (metal and magnet plants outside China grow at the post-2030 rate)."
    }
    investment_response_pct_per_yr {
        "Fastest build-up outside China", "% of world demand/yr", Capacity, false, [0, 15, 0.5], 4, A,
        "Sprecher et al. 2017: in the 2010-11 crisis non-Chinese supply ramped at 4% of market volume per year",
        "Capacity outside China that firms order in a year when every project in the pipeline pays; fewer when fewer pay."
    }
    pipeline_cost_spread_pct {
        "Spread of project costs", "+/- %", Capacity, true, [0, 60, 1], 30, B,
        "derived: Benchmark (early 2024): no ex-China project earns 15% at $54/kg NdPr and ~40% of the pipeline needs $75-85/kg, i.e. full costs spread about evenly over $56-104/kg around $80",
        "Full costs of the projects a region could build, spread evenly this far around the region's unit cost."
    }
    sep_cap_us_t {
        "Extra US separation capacity", "t/yr", Capacity, false, [0, 50000, 100], 0, Setting,
        "lever: capacity firms commit to beyond the listed projects (MP Mountain Pass and Energy Fuels are listed)",
        "NdPr separation capacity committed in the decision year and built after the lead time and ramp-up."
    }
    heavy_sep_cap_us_t {
        "Extra US Dy+Tb separation capacity", "t/yr", Capacity, false, [0, 5000, 10], 0, Setting,
        "lever: capacity beyond the listed projects (MP's 200 t/yr circuit and Energy Fuels phase 2 are listed)",
        "Heavy rare earth separation capacity committed in the decision year and built after the lead time."
    }
    metal_cap_us_t {
        "Extra US metal and alloy capacity", "t/yr", Capacity, false, [0, 50000, 100], 0, Setting,
        "lever: capacity beyond the listed projects (MP Independence and 10X are listed)",
        "Metal and alloy capacity (oxide equivalent) committed in the decision year and built after the lead time."
    }
    magnet_cap_us_t {
        "Extra US magnet capacity", "t magnet/yr", Capacity, false, [0, 100000, 100], 0, Setting,
        "lever: capacity beyond the listed projects (MP Independence and 10X are listed)",
        "Sintered NdFeB magnet capacity committed in the decision year and built after the lead time."
    }
    projects_realised_pct {
        "Announced projects realised", "%", Capacity, false, [0, 100, 5], 100, Setting,
        "lever; projects from the facts file (MP, Energy Fuels, Neo): see the project list",
        "Share of the capacity of announced (2025 and later) projects that gets built."
    }
    project_delay_yr {
        "Delay of announced projects", "yr", Capacity, false, [0, 6, 1], 0, Setting,
        "lever; new mines take ~6-7 years (Keilhacker & Minner 2017; Argonne)",
        "Years by which every announced (2025 and later) project slips."
    }
    deal_projects {
        "Deal-financed projects", "", Capacity, false, [0, 1, 1], 0, Setting,
        "MP 10X, MP's heavy-REE circuit and Independence expansion (DoD and Apple deals, July 2025) and Energy Fuels phase 2; the IEA base case has the US at only 6.7-7.7% of refining to 2035, so the baseline leaves them out",
        "Whether the projects financed by the 2025 deals and Energy Fuels phase 2 get built (with the deal's equity, loan and 10X earnings guarantee).",
        options: ["not built (IEA base case)", "built as announced"]
    }
    ramp_years {
        "Ramp-up time", "yr", Capacity, false, [1, 10, 1], 5, B,
        "derived: MP Stage II reached 22% of design after 2 years and 48% after 3 (facts s.9)",
        "Years a plant first producing in 2025 or later takes to reach full capacity (quadratic ramp); plants already running keep their own ramp."
    }
    invest_separation_musd {
        "Public investment in US separation", "$M", Capacity, false, [0, 5000, 10], 0, Setting,
        "lever", "Public dollars granted once, turned into separation capacity at the capital intensity below; counted in public cost while built."
    }
    invest_magnet_musd {
        "Public investment in US metal and magnets", "$M", Capacity, false, [0, 5000, 10], 0, Setting,
        "lever", "Public dollars granted once for integrated metal, alloy and magnet capacity; counted in public cost while built."
    }
    invest_start_year {
        "Investment decided in", "year", Capacity, false, [2025, 2045, 1], 2026, Setting,
        "lever", "Year the public investment and the extra capacity are committed; capacity starts after the lead time."
    }
    lead_time_yr {
        "Lead time", "yr", Capacity, false, [1, 10, 1], 3, B,
        "Energy Fuels phase 1 ~3 yr; MP 10X 2025 -> 2028; Lynas Kalgoorlie ~5 yr (facts s.9)",
        "Years from an investment decision (public or private) to first output."
    }
    capex_separation_usd_per_tpa {
        "Capital intensity, separation", "$ per t/yr", Capacity, false, [10000, 200000, 1000], 68000, B,
        "Energy Fuels phase 2: $410M for > 6,000 t NdPr/yr (~$68k); phase 1 brownfield ~$16-19k; Lynas Kalgoorlie ~$59k",
        "Dollars of investment per tonne per year of separation capacity."
    }
    capex_magnet_usd_per_tpa {
        "Capital intensity, magnets", "$ per t magnet/yr", Capacity, false, [10000, 300000, 1000], 93000, B,
        "MP 10X: ~$650M for ~7,000 t magnets/yr (~$93k); Neo Narva EUR 38-50k",
        "Dollars of investment per tonne per year of magnet capacity (metal and alloy included)."
    }
    // ---------------------------------------------------------------- costs
    refining_cost_cn_usd_per_t {
        "China NdPr oxide cost", "$/t", Costs, false, [10000, 200000, 1000], 43000, C,
        "derived: China's NdPr price ~$54/kg in early 2024 (Benchmark) taken as the full cost of an over-supplied industry, less the capital charge of $10.9/kg ($68k per t/yr at 15% over 20 years); the seed's $35,000 is unsourced",
        "Cash cost of NdPr oxide from Chinese ore (mining and separation, capital excluded), from 2025."
    }
    refining_cost_us_usd_per_t {
        "US NdPr oxide cost", "$/t", Costs, false, [10000, 200000, 1000], 69000, B,
        "derived: ex-China projects need $75-85/kg NdPr to earn 15% (Benchmark, early 2024): $80/kg less the capital charge of $10.9/kg ($68k per t/yr at 15% over 20 years); the seed's $58,000 is unsourced",
        "Cash cost of NdPr oxide made in the US (mining and separation, capital excluded), before learning, from 2025."
    }
    refining_cost_allies_usd_per_t {
        "Allied NdPr oxide cost", "$/t", Costs, true, [10000, 200000, 1000], 45000, C,
        "assumption: Lynas, the established producer outside China, kept running at 2024's ~$50/kg, so its cash cost is below that; also used for the rest of the world",
        "Cash cost of NdPr oxide made by allies and the rest of the world (capital excluded), from 2025."
    }
    new_project_cost_ex_usd_per_t {
        "New allied project NdPr cost", "$/t", Costs, true, [10000, 200000, 1000], 69000, B,
        "derived: no ex-China project earns 15% at $54/kg and ~40% of the pipeline needs $75-85/kg (Benchmark, early 2024; facts s.6): $80/kg less the capital charge of $10.9/kg, as for the US",
        "Cash cost of NdPr oxide from a new allied or rest-of-world project (capital excluded): what private investors outside China and the US weigh against expected prices. Existing plants keep the allied cost."
    }
    heavy_cash_cost_pct {
        "Dy+Tb separation cash cost", "% of 2024 price", Costs, true, [10, 150, 1], 60, C,
        "assumption: heavy rare earths are separated (mostly from ionic clays) as long as their price stays above about 60% of the 2024 level; no cost source in the facts file",
        "Cash cost of separating Dy+Tb, as a share of the 2024 price: when the price falls below it, plants idle and their feed is stocked."
    }
    hurdle_rate_pct {
        "Required return on capital", "%", Costs, true, [0, 30, 0.5], 15, B,
        "Benchmark (early 2024) judges ex-China projects at a 15% internal rate of return",
        "Return a plant must earn on its capital; with the plant life it gives the capital charge inside the full cost."
    }
    plant_life_yr {
        "Plant life", "yr", Costs, true, [5, 40, 1], 20, C,
        "assumption", "Years over which a plant's capital is recovered."
    }
    plant_cost_spread_pct {
        "Spread of plant cash costs", "+/- %", Costs, true, [1, 50, 1], 10, C,
        "assumption: plants within a region differ in ore, scale and age",
        "A region's plants have cash costs spread evenly this far around its average: they stop one by one as the price falls."
    }
    learning_rate_pct {
        "Learning rate", "% per doubling", Costs, false, [0, 30, 1], 0, Setting,
        "no published learning-curve data for rare earth separation (facts s.9): an open assumption",
        "US unit cost falls by this share for each doubling of cumulative US output."
    }
    price_floor_usd_per_kg {
        "Price floor", "$/kg", Costs, false, [0, 300, 1], 110, A,
        "DoD-MP Materials agreement (MP 8-K, July 2025): NdPr floor $110/kg for 10 years from Q4 2025; DoD pays the difference to the benchmark price on all volumes sold or stockpiled (Project Blue)",
        "Guaranteed NdPr price: the public pays the difference between it and the market price on the covered output; 0 for none."
    }
    price_floor_start_year {
        "Price floor starts", "year", Costs, true, [2025, 2045, 1], 2025, A,
        "MP 8-K, July 2025: from Q4 2025", "First year the floor applies."
    }
    price_floor_years {
        "Price floor duration", "yr", Costs, true, [0, 30, 1], 10, A,
        "MP 8-K, July 2025: 10 years", "Years the floor applies."
    }
    price_floor_coverage {
        "Price floor covers", "", Costs, false, [0, 1, 1], 0, A,
        "MP 8-K, July 2025: the floor is MP Materials' alone",
        "Whose NdPr output the floor guarantees.",
        options: ["MP Materials only (the 2025 deal)", "all US NdPr output"]
    }
    subsidise_cost_gap {
        "Subsidise the cost gap", "", Costs, false, [0, 1, 1], 0, Setting,
        "lever; the floor is the only price support in force (MP 8-K, July 2025)",
        "Whether the public also pays US separators the gap between their cash cost and the market price, so that they keep running.",
        options: ["no: price floor only", "yes: pay the cash-cost gap"]
    }
    magnet_ebitda_guarantee_musd {
        "10X earnings guarantee", "$M/yr", Costs, true, [0, 500, 5], 140, B,
        "DoD guarantees the 10X magnet plant US$140M EBITDA a year at capacity plus a 2% annual escalator (Project Blue, July 2025)",
        "With the deal projects: the public tops up the 10X plant's operating earnings to this, pro rata to its ramp-up."
    }
    deal_equity_loans_musd {
        "Deal equity and loans", "$M", Costs, true, [0, 2000, 10], 550, A,
        "MP 8-K, July 2025: DoD $400M convertible preferred plus a $150M loan for heavy rare earth separation",
        "With the deal projects: public money paid out in 2025 as equity and loans (counted at face value; returns and repayments are not modelled)."
    }
    // ---------------------------------------------------------------- markets
    price_cap_multiple {
        "Price ceiling", "x 2024 price", Markets, true, [2, 20, 0.5], 5, C,
        "assumption: the highest a year's average price can go; Europe's Dy and Tb oxide reached 3-4x in May 2025 (facts s.4) and prices rose about fivefold in 2011 (Sprecher et al. 2017)",
        "Above this multiple of the 2024 price buyers cannot bid more: what is still missing is rationed."
    }
    stock_price_sensitivity {
        "Stock response to price", "x", Markets, true, [0, 10, 0.1], 3.5, C,
        "assumption, after Sandia SAND2015-5731C (price answers inventory coverage); with it China's price stays within 20% in the May 2025 test",
        "Holders cut the stock they want by this many times the price rise over the 2024 reference (and build it up when the price falls)."
    }
    price_expectation_yr {
        "Price memory of investors", "yr", Markets, true, [1, 10, 1], 3, C,
        "assumption (adaptive expectations): the expected price moves a third of the way to each year's price",
        "Investors' expected price closes 1/N of its gap to each year's price: a one-year spike alone does not trigger a wave of plants."
    }
    // ---------------------------------------------------------------- trade
    ban1_scope {
        "Control 1: what", "", Trade, false, [0, 3, 1], 1, A,
        "MOFCOM/GAC Announcement No. 18, 4 Apr 2025: Sm, Gd, Tb, Dy, Lu, Sc, Y in every form incl. magnets; still in force",
        "Which Chinese exports the first control covers.",
        options: ["off", "heavy REE (Dy, Tb) in every form", "heavy REE in every form, plus all magnets", "all magnet REE (NdPr, Dy, Tb) in every form"]
    }
    ban1_start_year {
        "Control 1: start", "year", Trade, false, [2025, 2060, 1], 2025, A,
        "MOFCOM/GAC No. 18: 4 April 2025", "First year the control applies."
    }
    ban1_duration_yr {
        "Control 1: duration", "yr", Trade, false, [0, 40, 1], 26, Setting,
        "the April 2025 list is still in force (No. 70, Nov 2025 suspended only the October additions)",
        "Years the control stays in force."
    }
    ban1_severity_pct {
        "Control 1: severity", "% withheld", Trade, false, [0, 100, 1], 36, B,
        "derived: Chinese Dy exports -35% and Tb -38% in 2025 (facts s.4)",
        "Share of the covered exports China would otherwise ship that licensing withholds."
    }
    ban1_target {
        "Control 1: aimed at", "", Trade, false, [0, 1, 1], 1, A,
        "licences are required for every destination (No. 18)",
        "Whether the control hits only the US or every buyer outside China.",
        options: ["the US only", "every buyer outside China"]
    }
    ban2_scope {
        "Control 2: what", "", Trade, false, [0, 3, 1], 0, Setting,
        "lever; the October 2025 additions (No. 57/61/62) were suspended until 10 Nov 2026 (No. 70)",
        "Which Chinese exports the second control covers.",
        options: ["off", "heavy REE (Dy, Tb) in every form", "heavy REE in every form, plus all magnets", "all magnet REE (NdPr, Dy, Tb) in every form"]
    }
    ban2_start_year {
        "Control 2: start", "year", Trade, false, [2025, 2060, 1], 2027, Setting,
        "lever", "First year the control applies."
    }
    ban2_duration_yr {
        "Control 2: duration", "yr", Trade, false, [0, 40, 1], 3, Setting,
        "lever", "Years the control stays in force."
    }
    ban2_severity_pct {
        "Control 2: severity", "% withheld", Trade, false, [0, 100, 1], 74, B,
        "Chinese magnet exports fell 74% y/y in May 2025 (93% to the US) (facts s.4)",
        "Share of the covered exports China would otherwise ship that licensing withholds."
    }
    ban2_target {
        "Control 2: aimed at", "", Trade, false, [0, 1, 1], 1, Setting,
        "lever", "Whether the control hits only the US or every buyer outside China.",
        options: ["the US only", "every buyer outside China"]
    }
    ally_priority {
        "Allies redirect supply to the US", "", Trade, false, [0, 1, 1], 1, Setting,
        "lever",
        "Whether, under a control aimed at the US, allies and others sell the US their non-Chinese material (and magnets made from uncontrolled oxide) in place of the Chinese material it cannot get.",
        options: ["no: allies keep their own supply", "yes: supply outside China is redirected to the US"]
    }
    us_ore_to_china {
        "US concentrate sales to China", "", Trade, false, [0, 1, 1], 1, B,
        "MP Materials stopped concentrate sales to China in July 2025 (facts s.5)",
        "Whether US concentrate may still be sold to Chinese separators; unsold concentrate is stocked.",
        options: ["allowed", "stopped from mid-2025"]
    }
    // ---------------------------------------------------------------- China's levers
    export_quota_cut_pct {
        "Export quota: cut below 2024 exports", "%", ChinaLevers, false, [0, 100, 1], 0, Setting,
        "lever; precedent: China's export quotas of 1999-2014, cut sharply in 2010 (the 2010 crisis, Sprecher et al. 2017)",
        "China caps its exports of each magnet rare earth (oxide, metal and magnets, magnet-REE content) at this much below its 2024 exports, for every buyer outside China; 0 is no quota."
    }
    export_quota_start_year {
        "Export quota: start", "year", ChinaLevers, false, [2025, 2060, 1], 2026, Setting,
        "lever", "First year of the quota."
    }
    export_quota_years {
        "Export quota: duration", "yr", ChinaLevers, false, [0, 40, 1], 5, Setting,
        "lever", "How many years the quota lasts."
    }
    export_tax_pct {
        "Export tax", "%", ChinaLevers, false, [0, 100, 1], 0, Setting,
        "lever; precedent: China's export duties of 15-25% on rare earths, removed in 2015 after the WTO ruling (DS431)",
        "A duty on China's exports of magnet rare earths in every form: buyers outside China pay China's price plus the duty, so the two markets part by up to the duty; 0 is none."
    }
    export_tax_start_year {
        "Export tax: start", "year", ChinaLevers, false, [2025, 2060, 1], 2026, Setting,
        "lever", "First year of the export tax."
    }
    export_tax_years {
        "Export tax: duration", "yr", ChinaLevers, false, [0, 40, 1], 5, Setting,
        "lever", "How many years the export tax lasts."
    }
    price_strategy_pct {
        "Price strategy: ex-China price, % of rivals' cash cost", "%", ChinaLevers, false, [0, 150, 1], 0, Setting,
        "hypothesis; the 2024 NdPr price (~$54/kg) was below every ex-China project's incentive price of $75-85/kg (Benchmark, facts s.6)",
        "China's exporters sell NdPr outside China at this share of the cash cost of the cheapest producer there, as much as buyers take, while the strategy lasts (it pauses in a year a control binds on NdPr); 0 is off. Plants costing more idle and investors expect less; China gives up revenue on each tonne sold below the price the market would have paid."
    }
    price_strategy_start_year {
        "Price strategy: start", "year", ChinaLevers, false, [2025, 2060, 1], 2026, Setting,
        "lever", "First year of the price strategy."
    }
    price_strategy_years {
        "Price strategy: duration", "yr", ChinaLevers, false, [0, 40, 1], 3, Setting,
        "lever", "How many years the price strategy lasts (also when a reaction rule starts it)."
    }
    tech_ban {
        "Technology export ban", "", ChinaLevers, false, [0, 2, 1], 1, C,
        "MOFCOM/MOST Catalogue of Technologies Prohibited from Export, 21 Dec 2023 (extraction, separation, metal and magnet technology); the October 2025 technology controls (No. 62) are suspended (facts s.4); the lead-time and ramp effects are assumptions",
        "China's ban on exporting rare earth processing and magnet technology. In force, it is part of the default lead time and ramp-up of plants outside China; lifted, they are 1 year shorter and 1 year faster; tightened, 1 year longer and 2 years slower.",
        options: ["lifted", "in force (Dec 2023)", "tightened (Oct 2025 rules)"]
    }
    extraterritorial {
        "Extraterritorial licensing (0.1% rule)", "", ChinaLevers, false, [0, 1, 1], 0, Setting,
        "MOFCOM No. 61, 9 Oct 2025: products made abroad with 0.1% or more of Chinese rare earths by value need a Chinese licence; suspended until 10 Nov 2026 by No. 70 (facts s.4)",
        "When on, Chinese oxide made into magnets outside China needs the magnet licence as well as its own under every control in force, so only the share licensed twice ships (the oxide keep share times the magnet one). Allied magnets already made from Chinese oxide are not traced further.",
        options: ["off (suspended)", "on"]
    }
    extraterritorial_start_year {
        "Extraterritorial licensing: start", "year", ChinaLevers, false, [2025, 2060, 1], 2027, Setting,
        "No. 70 suspends the rule until 10 Nov 2026", "First year the rule applies when it is on."
    }
    cn_domestic_priority_pct {
        "China's buyers served first", "% of demand", ChinaLevers, false, [0, 100, 1], 0, Setting,
        "lever; Model 2 lets markets share a shortage (0)",
        "Before it lets exports go, China keeps enough for its own buyers to get this share of their demand at the 2024 price; 0 lets the market share a shortage between China and the rest."
    }
    // ---------------------------------------------------------------- US and allied levers
    tariff_cn_magnets_pct {
        "US tariff on Chinese magnets", "%", UsLevers, false, [0, 200, 5], 0, Setting,
        "lever; USTR Section 301 review (May 2024) set 25% on Chinese permanent magnets from 2026",
        "US buyers pay the tariff on the share of their magnets that came from China the year before: they buy less, as at a higher price, and take magnets made elsewhere first. The duty collected is reported beside public cost, not netted from it."
    }
    tariff_start_year {
        "US tariff: start", "year", UsLevers, false, [2025, 2060, 1], 2026, Setting,
        "lever", "First year of the tariff."
    }
    offtake_us_t {
        "Offtake contracts for US NdPr oxide", "t/yr", UsLevers, false, [0, 20000, 100], 0, Setting,
        "lever; precedent: the DoD takes 100% of the 10X plant's magnets for 10 years (MP 8-K, facts s.5)",
        "The US government contracts this much US NdPr oxide a year at the offtake price: the plants covered run whenever that price covers their cash cost, and the public pays the difference to the market price (or gains it when the market pays more)."
    }
    offtake_price_usd_per_kg {
        "Offtake price", "$/kg", UsLevers, false, [20, 300, 1], 110, Setting,
        "lever; the floor's $110/kg as a reference (MP 8-K)", "The price the offtake contracts pay for NdPr oxide."
    }
    offtake_start_year {
        "Offtake: start", "year", UsLevers, false, [2025, 2060, 1], 2026, Setting,
        "lever", "First year of the offtake contracts."
    }
    offtake_years {
        "Offtake: duration", "yr", UsLevers, false, [0, 30, 1], 10, Setting,
        "lever; the DoD's 10X offtake runs 10 years", "How many years the contracts run."
    }
    defence_sourcing {
        "Defence sourcing rule", "", UsLevers, false, [0, 1, 1], 1, B,
        "DFARS 252.225-7052: no Chinese-origin magnets in US defence systems from 2027; the DoD's goal of a mine-to-magnet chain for all defence needs by 2027 (facts s.3)",
        "Defence demand is served first from the stockpile and from supply that counts; with the rule, only supply with no Chinese stage counts.",
        options: ["any origin counts", "non-Chinese supply only"]
    }
    invest_allies_musd {
        "Allied public investment in separation", "$M", UsLevers, false, [0, 5000, 50], 0, Setting,
        "lever; capex per t/yr as for US separation (facts s.9)",
        "Public money of allied governments for separation plants in allied countries, committed in the investment start year and producing after the lead time; reported as allied public cost, not US."
    }
    // ---------------------------------------------------------------- reaction rules
    rule_cn_price_share_pct {
        "China cuts prices when the US share of separation passes", "%", Reactions, false, [0, 50, 1], 0, Setting,
        "hypothesis (rule); 0 is off",
        "When the US made more than this share of the world's separated oxide last year, China starts its price strategy (at the level set in China's levers, or 90% of rivals' cash cost if that is 0) for its set duration."
    }
    rule_cn_tighten_musd {
        "China tightens controls when US public money passes", "$M/yr", Reactions, false, [0, 5000, 50], 0, Setting,
        "hypothesis (rule); 0 is off",
        "Each year after US public money exceeded this the year before, control 1 withholds a further step (on heavy REE, to every buyer, if it was off), for the rest of the projection."
    }
    rule_cn_tighten_step_pct {
        "China's tightening step", "% withheld", Reactions, false, [0, 100, 1], 20, Setting,
        "hypothesis (rule)", "How much more control 1 withholds each time the rule fires."
    }
    rule_us_support_short_pct {
        "US adds support when its shortfall passes", "% of demand", Reactions, false, [0, 100, 1], 0, Setting,
        "hypothesis (rule); 0 is off",
        "Each year after the US was short by more than this share of its demand, it commits the support below as public investment (half separation, half metal and magnets), producing after the lead time."
    }
    rule_us_support_musd {
        "US support per trigger", "$M", Reactions, false, [0, 5000, 50], 500, Setting,
        "hypothesis (rule); the DoD's July 2025 package was $550M (facts s.5)", "Public investment committed each time the rule fires."
    }
    rule_us_release_short_pct {
        "US releases stockpile when its shortfall passes", "% of demand", Reactions, false, [0, 100, 1], 0, Setting,
        "hypothesis (rule); 0 is off",
        "Each year after the US was short by more than this share of its demand, the stockpile sells US buyers up to last year's shortfall at the market price; the sale is public income."
    }
    // ---------------------------------------------------------------- stockpile and recycling
    stockpile_target_t {
        "Stockpile target", "t", StockpileRecycling, false, [0, 50000, 5], 35, Setting,
        "lever", "Size the strategic stockpile is refilled to, buying at the market price."
    }
    stockpile_refill_t_per_yr {
        "Stockpile refill rate", "t/yr", StockpileRecycling, false, [0, 10000, 5], 0, Setting,
        "lever", "Most bought into the stockpile per year (public money, at the US market price)."
    }
    recycling_target_pct {
        "End-of-life recycling target", "%", StockpileRecycling, false, [0, 25, 0.5], 1, Setting,
        "lever; potential scrap ~41 kt post-consumer by 2035 (McKinsey, a ceiling)",
        "Recovery rate reached in the target year (linear ramp from 2024)."
    }
    recycling_target_year {
        "Recycling target year", "year", StockpileRecycling, false, [2025, 2050, 1], 2035, Setting,
        "lever", "Year the recycling target is reached."
    }
    // ---------------------------------------------------------------- base year (data)
    world_demand_2024_t {
        "World magnet rare earth demand, 2024", "t/yr", BaseYear, false, [50000, 150000, 100], 90900, A,
        "IEA Critical Minerals Data Explorer (2025), magnet rare earths (Nd+Pr+Dy+Tb), total demand 2024: 90.9 kt",
        "Demand for the four magnet rare earths in the base year, oxide equivalent."
    }
    us_demand_share_pct {
        "US share of world demand", "%", BaseYear, false, [0.1, 50, 0.1], 5.9, C,
        "derived: US magnet demand estimates 7-20 kt/yr of magnets (facts s.3, grade C); midpoint 13.5 kt x 0.4 t oxide per t magnet = 5.4 kt = 5.9% of 90.9 kt",
        "Share of world magnet rare earth demand located in the United States (magnets bought by US manufacturers)."
    }
    china_demand_share_pct {
        "China share of world demand", "%", BaseYear, true, [0, 100, 0.5], 70, B,
        "derived: China made ~260 kt of magnets in 2024 (SMM) and exported 58 kt (GAC), so ~200 kt, ~70% of world magnet output, was used in China (facts s.2)",
        "Share of world demand located in China (magnets used by Chinese manufacturers, including those exported inside finished goods)."
    }
    allies_demand_share_pct {
        "Allies' share of world demand", "%", BaseYear, true, [0, 100, 0.5], 18, C,
        "estimate: Japan, Korea, the EU, Australia, Canada take most of China's 58 kt magnet exports (top 10 importers 73%, facts s.2) and Japan's own magnet output; unsourced split",
        "Share of world demand in allied economies. The rest of the world gets 100% minus the US, China and allies."
    }
    heavy_share_of_demand_pct {
        "Dy+Tb share of magnet rare earth demand", "%", BaseYear, true, [1, 20, 0.5], 5, C,
        "proxy: Energy Fuels phase 2 product mix, 306 t Dy+Tb per 6,000 t NdPr (5.1%); no demand split in the facts file",
        "How much of magnet rare earth demand is heavy (Dy+Tb) in 2024; the rest is NdPr."
    }
    us_defence_demand_t {
        "US defence demand", "t/yr", BaseYear, false, [0, 2000, 5], 70, B,
        "US weapons used ~175 t/yr NdFeB (DoD 2012) x 0.4 t oxide per t magnet; DoD demand < 0.1% of global (GAO 2024)",
        "Defence demand, oxide equivalent, part of US demand. Only supply with no Chinese stage, or the stockpile, counts as covering it."
    }
    mine_us_t_reo {
        "US mine output, 2024", "t REO/yr", BaseYear, false, [0, 200000, 500], 45000, A,
        "USGS Mineral Commodity Summaries 2025: United States 45,000 t REO (2024e); MP reports 45,455 t",
        "Mine capacity in the base year, total rare earth oxide in concentrate."
    }
    mine_cn_t_reo {
        "China mine output, 2024", "t REO/yr", BaseYear, true, [0, 600000, 1000], 270000, A,
        "USGS Mineral Commodity Summaries 2025: China 270,000 t REO (2024e)",
        "Mine capacity in the base year, total rare earth oxide."
    }
    mine_allies_t_reo {
        "Allied mine output, 2024", "t REO/yr", BaseYear, true, [0, 200000, 500], 13000, A,
        "USGS Mineral Commodity Summaries 2025: Australia 13,000 t REO (2024e)",
        "Mine capacity in the base year, total rare earth oxide."
    }
    mine_row_t_reo {
        "Rest-of-world mine output, 2024", "t REO/yr", BaseYear, true, [0, 300000, 500], 62000, A,
        "USGS MCS 2025: world 390,000 less China, US, Australia (Burma 31,000, Nigeria 13,000, Thailand 13,000 ...)",
        "Mine capacity in the base year, total rare earth oxide."
    }
    ndpr_content_us_pct {
        "NdPr in US ore", "% of REO", BaseYear, true, [0, 40, 0.1], 15.7, A,
        "MP Materials 10-K: Mountain Pass ore Ce 50.2%, La 32.3%, NdPr 15.7%",
        "Share of mined REO that is NdPr."
    }
    ndpr_content_cn_pct {
        "NdPr in Chinese ore", "% of REO", BaseYear, true, [0, 40, 0.1], 16.2, C,
        "derived: IEA China 61% of 75.1 kt magnet REE = 45.8 kt over USGS 270 kt REO = 17.0%, less 0.8% heavies",
        "Share of mined REO that is NdPr."
    }
    ndpr_content_allies_pct {
        "NdPr in allied ore", "% of REO", BaseYear, true, [0, 40, 0.1], 24.3, C,
        "derived: IEA Australia 4.3% of 75.1 kt = 3.2 kt over USGS 13 kt REO = 24.8%, less 0.5% heavies",
        "Share of mined REO that is NdPr."
    }
    ndpr_content_row_pct {
        "NdPr in rest-of-world ore", "% of REO", BaseYear, true, [0, 40, 0.1], 28.0, C,
        "derived: IEA Myanmar + rest 25.6% of 75.1 kt = 19.2 kt over 62 kt REO = 31%, less 3% heavies",
        "Share of mined REO that is NdPr."
    }
    heavy_content_us_pct {
        "Dy+Tb in US ore", "% of REO", BaseYear, true, [0, 10, 0.01], 0.44, C,
        "derived: MP heavy-REE circuit ~200 t/yr Dy+Tb from ~45 kt REO; ore has 1.8% SEG + heavies (MP 10-K)",
        "Share of mined REO that is Dy+Tb."
    }
    heavy_content_cn_pct {
        "Dy+Tb in Chinese ore", "% of REO", BaseYear, true, [0, 10, 0.01], 0.6, C,
        "assumption: heavies come mostly from southern ionic clays, a small part of China's output; set so that 2024 Dy+Tb supply meets the 5% demand share at the 2024 price",
        "Share of mined REO that is Dy+Tb."
    }
    heavy_content_allies_pct {
        "Dy+Tb in allied ore", "% of REO", BaseYear, true, [0, 10, 0.01], 0.5, C,
        "assumption (Mt Weld is a light-REE deposit)",
        "Share of mined REO that is Dy+Tb."
    }
    heavy_content_row_pct {
        "Dy+Tb in rest-of-world ore", "% of REO", BaseYear, true, [0, 10, 0.01], 3.0, C,
        "assumption: Myanmar ionic clays are heavy-rich",
        "Share of mined REO that is Dy+Tb."
    }
    util_mine_us_pct { "US mine utilisation", "%", BaseYear, true, [0, 100, 1], 100, A,
        "2024 output (USGS) is taken as capacity", "Share of mine capacity that can run." }
    util_mine_cn_pct { "China mine utilisation", "%", BaseYear, true, [0, 100, 1], 100, A,
        "2024 output (USGS) is taken as capacity", "Share of mine capacity that can run." }
    util_mine_allies_pct { "Allied mine utilisation", "%", BaseYear, true, [0, 100, 1], 100, A,
        "2024 output (USGS) is taken as capacity", "Share of mine capacity that can run." }
    util_mine_row_pct { "Rest-of-world mine utilisation", "%", BaseYear, true, [0, 100, 1], 100, A,
        "2024 output (USGS) is taken as capacity", "Share of mine capacity that can run." }
    sep_cap_cn_t {
        "China NdPr separation capacity", "t/yr", BaseYear, true, [0, 200000, 1000], 80000, C,
        "derived: IEA China 91.3% of 80.8 kt refined magnet REE (2024) = 73.8 kt, at 87% utilisation",
        "NdPr separation capacity in 2024."
    }
    sep_cap_allies_t {
        "Allied NdPr separation capacity", "t/yr", BaseYear, true, [0, 100000, 100], 10500, B,
        "Lynas Malaysia NdPr capacity 10,500 t/yr after the 2024 upgrade",
        "NdPr separation capacity in 2024."
    }
    sep_cap_row_t {
        "Rest-of-world NdPr separation capacity", "t/yr", BaseYear, true, [0, 100000, 100], 3000, C,
        "derived: IEA rest of world 3.0% of 80.8 kt = 2.4 kt (2024) at 80% utilisation",
        "NdPr separation capacity in 2024."
    }
    heavy_sep_cap_cn_t {
        "China Dy+Tb separation capacity", "t/yr", BaseYear, true, [0, 20000, 100], 6000, C,
        "assumption: China separates nearly all heavy rare earths (IEA)",
        "Heavy rare earth separation capacity in 2024."
    }
    heavy_sep_cap_allies_t {
        "Allied Dy+Tb separation capacity", "t/yr", BaseYear, true, [0, 5000, 10], 100, C,
        "assumption: Lynas Malaysia produced first Dy (May 2025) and Tb (June 2025); tonnage not published",
        "Heavy rare earth separation capacity in 2024."
    }
    heavy_sep_cap_row_t {
        "Rest-of-world Dy+Tb separation capacity", "t/yr", BaseYear, true, [0, 5000, 10], 0, C,
        "assumption: heavy-rich ore from Myanmar is separated in China",
        "Heavy rare earth separation capacity in 2024."
    }
    util_sep_us_pct { "US separation utilisation", "%", BaseYear, false, [0, 100, 1], 85, C,
        "assumption; with MP's own ramp it gives MP's 2024 output of 1,294 t within 2%", "Share of separation capacity that can run." }
    util_sep_cn_pct { "China separation utilisation", "%", BaseYear, true, [0, 100, 1], 87, C,
        "assumption, with the capacity above it reproduces IEA's 73.8 kt", "Share of separation capacity that can run." }
    util_sep_allies_pct { "Allied separation utilisation", "%", BaseYear, true, [0, 100, 1], 35, C,
        "derived: IEA Malaysia 4.5% of 80.8 kt = 3.6 kt in 2024 over 10,500 t capacity", "Share of separation capacity that can run." }
    util_sep_row_pct { "Rest-of-world separation utilisation", "%", BaseYear, true, [0, 100, 1], 80, C,
        "assumption", "Share of separation capacity that can run." }
    metal_cap_allies_t {
        "Allied metal and alloy capacity", "t/yr", BaseYear, true, [0, 50000, 100], 7000, C,
        "assumption: Japan and the EU, roughly 6% of world metal", "Metal and alloy capacity in 2024, oxide equivalent."
    }
    metal_cap_row_t {
        "Rest-of-world metal and alloy capacity", "t/yr", BaseYear, true, [0, 50000, 100], 2500, C,
        "assumption: Vietnam, Thailand", "Metal and alloy capacity in 2024, oxide equivalent."
    }
    util_metal_us_pct { "US metal utilisation", "%", BaseYear, true, [0, 100, 1], 85, C, "assumption", "Share of metal capacity that can run." }
    util_metal_allies_pct { "Allied metal utilisation", "%", BaseYear, true, [0, 100, 1], 80, C, "assumption", "Share of metal capacity that can run." }
    util_metal_row_pct { "Rest-of-world metal utilisation", "%", BaseYear, true, [0, 100, 1], 75, C, "assumption", "Share of metal capacity that can run." }
    magnet_cap_allies_t {
        "Allied magnet capacity", "t magnet/yr", BaseYear, true, [0, 100000, 100], 12500, C,
        "assumption: Japan and the EU, about 5% of world output", "Magnet capacity in 2024."
    }
    magnet_cap_row_t {
        "Rest-of-world magnet capacity", "t magnet/yr", BaseYear, true, [0, 100000, 100], 3750, C,
        "assumption", "Magnet capacity in 2024."
    }
    util_magnet_us_pct { "US magnet utilisation", "%", BaseYear, true, [0, 100, 1], 85, C, "assumption", "Share of magnet capacity that can run." }
    util_magnet_allies_pct { "Allied magnet utilisation", "%", BaseYear, true, [0, 100, 1], 80, C, "assumption", "Share of magnet capacity that can run." }
    util_magnet_row_pct { "Rest-of-world magnet utilisation", "%", BaseYear, true, [0, 100, 1], 70, C, "assumption", "Share of magnet capacity that can run." }
    oxide_per_magnet_t {
        "Oxide per tonne of magnet", "t/t", BaseYear, true, [0.3, 0.5, 0.01], 0.4, B,
        "conversion factors (facts file): ~0.35-0.45 t NdPr oxide per t NdFeB after ~20% process loss",
        "Converts magnet tonnes to oxide equivalent."
    }
    other_feed_cn_t {
        "Other feed separated in China", "t/yr", BaseYear, true, [0, 20000, 100], 5700, C,
        "derived from IEA (A): 80.8 kt of magnet REE refined in 2024 from 75.1 kt mined; the 5.7 kt gap is taken as stocks and unrecorded ore",
        "Feed that China's separators process besides recorded mine output and imported concentrate."
    }
    magnet_process_loss_pct {
        "Swarf from metal and magnet making", "%", BaseYear, true, [0, 40, 1], 20, B,
        "conversion factors (facts file): ~20% oxide loss through metal and magnet making",
        "Share of the material going into metal and magnet making that ends up as production scrap (swarf)."
    }
    production_scrap_recovery_pct {
        "Swarf recovered", "%", BaseYear, true, [0, 100, 1], 53, C,
        "derived: closes the 2024 balance, IEA demand 90.9 kt = 80.8 kt refined + ~0.5 kt end-of-life + 9.6 kt from swarf (53% of 20% of 90.9 kt); swarf is mostly recycled where magnets are made",
        "Share of swarf recovered into new magnets, where the magnets are made."
    }
    recycling_rate_2024_pct {
        "End-of-life recycling rate, 2024", "%", BaseYear, true, [0, 25, 0.5], 1, A,
        "UNEP IRP 2011; Ganguli & Cook 2018: end-of-life recycling < 1%",
        "Share of magnet material reaching end of life that is recovered, in the base year."
    }
    product_lifetime_yr {
        "Product lifetime", "yr", BaseYear, true, [3, 25, 1], 12, C,
        "assumption: mix of EV motors, wind turbines and electronics",
        "Years from magnet demand to end of life."
    }
    stockpile_start_t {
        "Strategic stockpile, 2024", "t", BaseYear, false, [0, 50000, 5], 35, C,
        "derived: National Defense Stockpile covers < 50% of military shortfalls (CRS R47833, 2023); half of one year's defence demand; holdings unpublished",
        "Magnet rare earths held in 2024, oxide equivalent."
    }
    price_ndpr_2024_usd_per_kg {
        "NdPr oxide price, 2024", "$/kg", BaseYear, true, [20, 200, 1], 50, A,
        "USGS MCS 2025 / Argus: NdPr oxide 44-55 $/kg through 2024 (midpoint); Benchmark ~$54 early 2024",
        "The 2024 price, and the reference at which demand is the IEA figure."
    }
    price_heavy_2024_usd_per_kg {
        "Dy+Tb oxide price, 2024", "$/kg", BaseYear, true, [50, 2000, 1], 381, B,
        "derived: USGS MCS 2025 Dy oxide $260/kg and Tb $810/kg (2024), weighted 78:22 as Energy Fuels phase 2's 240 t Dy and 66 t Tb",
        "The 2024 price of a kilogram of Dy+Tb oxide, and the reference for heavy demand."
    }
    stock_cover_cn_months {
        "Stocks held in China", "months", BaseYear, true, [0, 24, 0.5], 6, C,
        "assumption: producers' stocks plus the state reserve, which buys to support prices; holdings unpublished",
        "Stock held in China at the 2024 price, in months of Chinese demand."
    }
    stock_cover_ex_months {
        "Stocks held outside China", "months", BaseYear, true, [0, 24, 0.5], 3, C,
        "assumption: producers' and magnet makers' working stocks; holdings unpublished",
        "Stock held outside China at the 2024 price, in months of demand there."
    }
}

/// Number of parameters.
pub fn count() -> usize {
    PARAMS.len()
}
