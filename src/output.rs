//! What a projection returns: named yearly series, a summary, warnings and events, and their
//! renderings as JSON (the page's format), CSV and a plain table.
//!
//! Rendering here is formatting to strings, not I/O: the CLI writes them out.

use serde::ser::{SerializeMap, SerializeStruct};
use serde::{Serialize, Serializer};

/// Version of the output and scenario format; bump when a series or parameter id changes meaning.
pub const SCHEMA_VERSION: u32 = 1;
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
/// [`Series::offset`] steps through them in the orders of `model::REGION_IDS`, `STAGE_IDS` and
/// `FLOW_IDS`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Series(pub usize);

#[allow(non_upper_case_globals)]
impl Series {
    pub const DemandWorld: Series = Series(0);
    pub const DemandUs: Series = Series(1);
    pub const DemandCn: Series = Series(2);
    pub const DemandAllies: Series = Series(3);
    pub const DemandRow: Series = Series(4);
    pub const ShortfallUs: Series = Series(5);
    pub const ShortfallCn: Series = Series(6);
    pub const ShortfallAllies: Series = Series(7);
    pub const ShortfallRow: Series = Series(8);
    pub const UsDemandNdpr: Series = Series(9);
    pub const UsDemandHeavy: Series = Series(10);
    pub const ShortfallWorld: Series = Series(11);
    pub const ShortfallUsNdpr: Series = Series(12);
    pub const ShortfallUsHeavy: Series = Series(13);
    pub const SupplyUs: Series = Series(14);
    pub const OutputMiningUs: Series = Series(15);
    pub const OutputMiningCn: Series = Series(16);
    pub const OutputMiningAllies: Series = Series(17);
    pub const OutputMiningRow: Series = Series(18);
    pub const OutputSeparationUs: Series = Series(19);
    pub const OutputSeparationCn: Series = Series(20);
    pub const OutputSeparationAllies: Series = Series(21);
    pub const OutputSeparationRow: Series = Series(22);
    pub const OutputMetalUs: Series = Series(23);
    pub const OutputMetalCn: Series = Series(24);
    pub const OutputMetalAllies: Series = Series(25);
    pub const OutputMetalRow: Series = Series(26);
    pub const OutputMagnetUs: Series = Series(27);
    pub const OutputMagnetCn: Series = Series(28);
    pub const OutputMagnetAllies: Series = Series(29);
    pub const OutputMagnetRow: Series = Series(30);
    pub const UsCapacityMining: Series = Series(31);
    pub const UsCapacitySeparation: Series = Series(32);
    pub const UsCapacityMetal: Series = Series(33);
    pub const UsCapacityMagnet: Series = Series(34);
    pub const UsSelfSufficiencyMining: Series = Series(35);
    pub const UsSelfSufficiencySeparation: Series = Series(36);
    pub const UsSelfSufficiencyMetal: Series = Series(37);
    pub const UsSelfSufficiencyMagnet: Series = Series(38);
    pub const ChinaShareMining: Series = Series(39);
    pub const ChinaShareSeparation: Series = Series(40);
    pub const ChinaShareMetal: Series = Series(41);
    pub const ChinaShareMagnet: Series = Series(42);
    pub const UsImportsConcentrateCn: Series = Series(43);
    pub const UsImportsConcentrateAllies: Series = Series(44);
    pub const UsImportsConcentrateRow: Series = Series(45);
    pub const UsImportsOxideCn: Series = Series(46);
    pub const UsImportsOxideAllies: Series = Series(47);
    pub const UsImportsOxideRow: Series = Series(48);
    pub const UsImportsMetalCn: Series = Series(49);
    pub const UsImportsMetalAllies: Series = Series(50);
    pub const UsImportsMetalRow: Series = Series(51);
    pub const UsImportsMagnetsCn: Series = Series(52);
    pub const UsImportsMagnetsAllies: Series = Series(53);
    pub const UsImportsMagnetsRow: Series = Series(54);
    pub const UnsoldConcentrate: Series = Series(55);
    pub const UnsoldOxide: Series = Series(56);
    pub const UnsoldMetal: Series = Series(57);
    pub const UnsoldMagnets: Series = Series(58);
    pub const Withheld: Series = Series(59);
    pub const UsSelfSufficiencyChain: Series = Series(60);
    pub const UsSelfSufficiencyHeavyChain: Series = Series(61);
    pub const UsDefenceCoverage: Series = Series(62);
    pub const UsNonChinaSupply: Series = Series(63);
    pub const UnitCostUs: Series = Series(64);
    pub const UnitCostCn: Series = Series(65);
    pub const CostPremium: Series = Series(66);
    pub const PublicCost: Series = Series(67);
    pub const PublicCostCumulative: Series = Series(68);
    pub const BuyerExtraCost: Series = Series(69);
    pub const Stockpile: Series = Series(70);
    pub const StockpileDraw: Series = Series(71);
    pub const StockpileMonthsOfCover: Series = Series(72);
    pub const RecycledUs: Series = Series(73);
    pub const RecycledWorld: Series = Series(74);
    pub const SubstitutionUs: Series = Series(75);
    pub const MineReoUs: Series = Series(76);
    pub const MineReoCn: Series = Series(77);
    pub const MineReoAllies: Series = Series(78);
    pub const MineReoRow: Series = Series(79);
    pub const MineReoWorld: Series = Series(80);
    pub const SupplyWorld: Series = Series(81);
    pub const SecondarySupply: Series = Series(82);

    /// The series `k` places after this one in its family.
    pub const fn offset(self, k: usize) -> Series {
        Series(self.0 + k)
    }
}

/// Number of output series.
pub const N_SERIES: usize = 83;

/// The output series, in index order. Ids are stable (links, files and the page use them).
pub static SERIES: &[SeriesSpec] = &[
    SeriesSpec {
        id: "demand_world_t",
        label: "World demand",
        unit: "t/yr",
    },
    SeriesSpec {
        id: "demand_us_t",
        label: "Demand, US",
        unit: "t/yr",
    },
    SeriesSpec {
        id: "demand_cn_t",
        label: "Demand, China",
        unit: "t/yr",
    },
    SeriesSpec {
        id: "demand_allies_t",
        label: "Demand, allies",
        unit: "t/yr",
    },
    SeriesSpec {
        id: "demand_row_t",
        label: "Demand, rest of world",
        unit: "t/yr",
    },
    SeriesSpec {
        id: "shortfall_us_t",
        label: "Shortfall (unmet demand), US",
        unit: "t/yr",
    },
    SeriesSpec {
        id: "shortfall_cn_t",
        label: "Shortfall (unmet demand), China",
        unit: "t/yr",
    },
    SeriesSpec {
        id: "shortfall_allies_t",
        label: "Shortfall (unmet demand), allies",
        unit: "t/yr",
    },
    SeriesSpec {
        id: "shortfall_row_t",
        label: "Shortfall (unmet demand), rest of world",
        unit: "t/yr",
    },
    SeriesSpec {
        id: "us_demand_ndpr_t",
        label: "US demand, NdPr",
        unit: "t/yr",
    },
    SeriesSpec {
        id: "us_demand_heavy_t",
        label: "US demand, Dy+Tb",
        unit: "t/yr",
    },
    SeriesSpec {
        id: "shortfall_world_t",
        label: "World shortfall",
        unit: "t/yr",
    },
    SeriesSpec {
        id: "shortfall_us_ndpr_t",
        label: "US shortfall, NdPr",
        unit: "t/yr",
    },
    SeriesSpec {
        id: "shortfall_us_heavy_t",
        label: "US shortfall, Dy+Tb",
        unit: "t/yr",
    },
    SeriesSpec {
        id: "supply_us_t",
        label: "Supply reaching US buyers",
        unit: "t/yr",
    },
    SeriesSpec {
        id: "output_mining_us_t",
        label: "Output, mining, US",
        unit: "t/yr",
    },
    SeriesSpec {
        id: "output_mining_cn_t",
        label: "Output, mining, China",
        unit: "t/yr",
    },
    SeriesSpec {
        id: "output_mining_allies_t",
        label: "Output, mining, allies",
        unit: "t/yr",
    },
    SeriesSpec {
        id: "output_mining_row_t",
        label: "Output, mining, rest of world",
        unit: "t/yr",
    },
    SeriesSpec {
        id: "output_separation_us_t",
        label: "Output, separation, US",
        unit: "t/yr",
    },
    SeriesSpec {
        id: "output_separation_cn_t",
        label: "Output, separation, China",
        unit: "t/yr",
    },
    SeriesSpec {
        id: "output_separation_allies_t",
        label: "Output, separation, allies",
        unit: "t/yr",
    },
    SeriesSpec {
        id: "output_separation_row_t",
        label: "Output, separation, rest of world",
        unit: "t/yr",
    },
    SeriesSpec {
        id: "output_metal_us_t",
        label: "Output, metal and alloy, US",
        unit: "t/yr",
    },
    SeriesSpec {
        id: "output_metal_cn_t",
        label: "Output, metal and alloy, China",
        unit: "t/yr",
    },
    SeriesSpec {
        id: "output_metal_allies_t",
        label: "Output, metal and alloy, allies",
        unit: "t/yr",
    },
    SeriesSpec {
        id: "output_metal_row_t",
        label: "Output, metal and alloy, rest of world",
        unit: "t/yr",
    },
    SeriesSpec {
        id: "output_magnet_us_t",
        label: "Output, magnets, US",
        unit: "t/yr",
    },
    SeriesSpec {
        id: "output_magnet_cn_t",
        label: "Output, magnets, China",
        unit: "t/yr",
    },
    SeriesSpec {
        id: "output_magnet_allies_t",
        label: "Output, magnets, allies",
        unit: "t/yr",
    },
    SeriesSpec {
        id: "output_magnet_row_t",
        label: "Output, magnets, rest of world",
        unit: "t/yr",
    },
    SeriesSpec {
        id: "us_capacity_mining_t",
        label: "US effective capacity, mining",
        unit: "t/yr",
    },
    SeriesSpec {
        id: "us_capacity_separation_t",
        label: "US effective capacity, separation",
        unit: "t/yr",
    },
    SeriesSpec {
        id: "us_capacity_metal_t",
        label: "US effective capacity, metal and alloy",
        unit: "t/yr",
    },
    SeriesSpec {
        id: "us_capacity_magnet_t",
        label: "US effective capacity, magnets",
        unit: "t/yr",
    },
    SeriesSpec {
        id: "us_self_sufficiency_mining_pct",
        label: "US self-sufficiency, mining",
        unit: "%",
    },
    SeriesSpec {
        id: "us_self_sufficiency_separation_pct",
        label: "US self-sufficiency, separation",
        unit: "%",
    },
    SeriesSpec {
        id: "us_self_sufficiency_metal_pct",
        label: "US self-sufficiency, metal and alloy",
        unit: "%",
    },
    SeriesSpec {
        id: "us_self_sufficiency_magnet_pct",
        label: "US self-sufficiency, magnets",
        unit: "%",
    },
    SeriesSpec {
        id: "china_share_mining_pct",
        label: "China's share of world output, mining",
        unit: "%",
    },
    SeriesSpec {
        id: "china_share_separation_pct",
        label: "China's share of world output, separation",
        unit: "%",
    },
    SeriesSpec {
        id: "china_share_metal_pct",
        label: "China's share of world output, metal and alloy",
        unit: "%",
    },
    SeriesSpec {
        id: "china_share_magnet_pct",
        label: "China's share of world output, magnets",
        unit: "%",
    },
    SeriesSpec {
        id: "us_imports_concentrate_from_cn_t",
        label: "US imports of concentrate from China",
        unit: "t/yr",
    },
    SeriesSpec {
        id: "us_imports_concentrate_from_allies_t",
        label: "US imports of concentrate from allies",
        unit: "t/yr",
    },
    SeriesSpec {
        id: "us_imports_concentrate_from_row_t",
        label: "US imports of concentrate from rest of world",
        unit: "t/yr",
    },
    SeriesSpec {
        id: "us_imports_oxide_from_cn_t",
        label: "US imports of oxide from China",
        unit: "t/yr",
    },
    SeriesSpec {
        id: "us_imports_oxide_from_allies_t",
        label: "US imports of oxide from allies",
        unit: "t/yr",
    },
    SeriesSpec {
        id: "us_imports_oxide_from_row_t",
        label: "US imports of oxide from rest of world",
        unit: "t/yr",
    },
    SeriesSpec {
        id: "us_imports_metal_from_cn_t",
        label: "US imports of metal from China",
        unit: "t/yr",
    },
    SeriesSpec {
        id: "us_imports_metal_from_allies_t",
        label: "US imports of metal from allies",
        unit: "t/yr",
    },
    SeriesSpec {
        id: "us_imports_metal_from_row_t",
        label: "US imports of metal from rest of world",
        unit: "t/yr",
    },
    SeriesSpec {
        id: "us_imports_magnets_from_cn_t",
        label: "US imports of magnets from China",
        unit: "t/yr",
    },
    SeriesSpec {
        id: "us_imports_magnets_from_allies_t",
        label: "US imports of magnets from allies",
        unit: "t/yr",
    },
    SeriesSpec {
        id: "us_imports_magnets_from_row_t",
        label: "US imports of magnets from rest of world",
        unit: "t/yr",
    },
    SeriesSpec {
        id: "unsold_concentrate_t",
        label: "Unsold or withheld concentrate, world",
        unit: "t/yr",
    },
    SeriesSpec {
        id: "unsold_oxide_t",
        label: "Unsold or withheld oxide, world",
        unit: "t/yr",
    },
    SeriesSpec {
        id: "unsold_metal_t",
        label: "Unsold or withheld metal, world",
        unit: "t/yr",
    },
    SeriesSpec {
        id: "unsold_magnets_t",
        label: "Unsold or withheld magnets, world",
        unit: "t/yr",
    },
    SeriesSpec {
        id: "withheld_t",
        label: "Exports withheld by controls",
        unit: "t/yr",
    },
    SeriesSpec {
        id: "us_self_sufficiency_chain_pct",
        label: "US self-sufficiency, whole chain",
        unit: "%",
    },
    SeriesSpec {
        id: "us_self_sufficiency_heavy_chain_pct",
        label: "US self-sufficiency, whole chain, Dy+Tb",
        unit: "%",
    },
    SeriesSpec {
        id: "us_defence_coverage_pct",
        label: "US defence demand covered by non-Chinese supply or stockpile",
        unit: "%",
    },
    SeriesSpec {
        id: "us_non_china_supply_pct",
        label: "Share of US supply with no Chinese stage",
        unit: "%",
    },
    SeriesSpec {
        id: "unit_cost_us_usd_per_t",
        label: "US NdPr oxide unit cost",
        unit: "$/t",
    },
    SeriesSpec {
        id: "unit_cost_cn_usd_per_t",
        label: "China NdPr oxide unit cost (market price)",
        unit: "$/t",
    },
    SeriesSpec {
        id: "cost_premium_pct",
        label: "US cost premium over China",
        unit: "%",
    },
    SeriesSpec {
        id: "public_cost_musd",
        label: "Public cost of US support (subsidy or floor)",
        unit: "$M/yr",
    },
    SeriesSpec {
        id: "public_cost_cumulative_musd",
        label: "Public cost, cumulative",
        unit: "$M",
    },
    SeriesSpec {
        id: "buyer_extra_cost_usd_per_kg",
        label: "Extra cost to US buyers if the premium is passed on",
        unit: "$/kg",
    },
    SeriesSpec {
        id: "stockpile_t",
        label: "US strategic stockpile",
        unit: "t",
    },
    SeriesSpec {
        id: "stockpile_draw_t",
        label: "Stockpile drawn",
        unit: "t/yr",
    },
    SeriesSpec {
        id: "stockpile_months_of_cover",
        label: "Stockpile, months of US demand",
        unit: "months",
    },
    SeriesSpec {
        id: "recycled_us_t",
        label: "Recycled supply, US",
        unit: "t/yr",
    },
    SeriesSpec {
        id: "recycled_world_t",
        label: "Recycled supply, world",
        unit: "t/yr",
    },
    SeriesSpec {
        id: "substitution_us_pct",
        label: "US demand removed by substitution and thrift",
        unit: "%",
    },
    SeriesSpec {
        id: "mine_reo_us_t",
        label: "Mine output, total REO, US",
        unit: "t REO/yr",
    },
    SeriesSpec {
        id: "mine_reo_cn_t",
        label: "Mine output, total REO, China",
        unit: "t REO/yr",
    },
    SeriesSpec {
        id: "mine_reo_allies_t",
        label: "Mine output, total REO, allies",
        unit: "t REO/yr",
    },
    SeriesSpec {
        id: "mine_reo_row_t",
        label: "Mine output, total REO, rest of world",
        unit: "t REO/yr",
    },
    SeriesSpec {
        id: "mine_reo_world_t",
        label: "Mine output, total REO, world",
        unit: "t REO/yr",
    },
    SeriesSpec {
        id: "supply_world_t",
        label: "Supply reaching buyers, world",
        unit: "t/yr",
    },
    SeriesSpec {
        id: "secondary_supply_t",
        label: "Other supply processed in China",
        unit: "t/yr",
    },
];

/// A legal but suspicious combination of inputs, reported beside the numbers.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Warning {
    /// Stable machine-readable code; with `year` and `value` it is enough to write the message in
    /// another language.
    pub code: &'static str,
    pub year: Option<i32>,
    /// The number the message quotes, if any (tonnes, a count of years, a control number).
    pub value: Option<f64>,
    /// The message in English.
    pub message: String,
}

impl Warning {
    pub fn new(code: &'static str, year: Option<i32>, value: Option<f64>, message: String) -> Self {
        Warning {
            code,
            year,
            value,
            message,
        }
    }
}

/// A dated marker for the charts: a plant starting, a control starting or ending, a target.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Event {
    pub year: i32,
    /// One of `commissioning`, `control_start`, `control_end`, `policy`, `target` (the marker).
    pub kind: &'static str,
    /// What happened, stable for translation: `project` (the label is the plant's name),
    /// `control_start`/`control_end` (value: control number), `floor_start` (value: $/kg),
    /// `floor_end`, `investment`, `defence_goal`.
    pub code: &'static str,
    pub value: Option<f64>,
    /// The label in English.
    pub label: String,
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
    pub us_defence_coverage_2028_pct: f64,
    pub cumulative_public_cost_musd: f64,
    pub china_share_separation_2030_pct: f64,
    /// First year the stockpile is empty, if it ever is (and was not empty at the start).
    pub stockpile_exhausted_year: Option<i32>,
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
        Summary {
            year_us_chain_50pct: first_at(50.0),
            year_us_chain_100pct: first_at(100.0),
            us_chain_self_sufficiency_2030_pct: value_in(Series::UsSelfSufficiencyChain, 2030),
            us_chain_self_sufficiency_horizon_pct: chain.get(last).copied().unwrap_or(f64::NAN),
            peak_us_shortfall_t: peak,
            peak_us_shortfall_year: peak_year,
            cumulative_us_shortfall_t: short.iter().sum(),
            us_defence_coverage_2028_pct: value_in(Series::UsDefenceCoverage, 2028),
            cumulative_public_cost_musd: p
                .series(Series::PublicCostCumulative)
                .get(last)
                .copied()
                .unwrap_or(0.0),
            china_share_separation_2030_pct: value_in(Series::ChinaShareSeparation, 2030),
            stockpile_exhausted_year,
            horizon_year: p.year_at(last),
        }
    }
}

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

    /// A short human-readable table of the key series, then the summary and warnings.
    pub fn to_table(&self) -> String {
        let cols: [(Series, &str, usize); 9] = [
            (Series::DemandUs, "US demand t", 0),
            (Series::SupplyUs, "supplied t", 0),
            (Series::ShortfallUs, "shortfall t", 0),
            (Series::UsSelfSufficiencySeparation, "sep SS %", 1),
            (Series::UsSelfSufficiencyMagnet, "magnet SS %", 1),
            (Series::UsSelfSufficiencyChain, "chain SS %", 1),
            (Series::UsDefenceCoverage, "defence %", 1),
            (Series::ChinaShareSeparation, "CN sep %", 1),
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
        for w in &self.warnings {
            s.push_str(&format!("warning: {}\n", w.message));
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
