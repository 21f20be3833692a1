//! Named starting points: each is a set of parameter values over the sourced defaults, with a
//! one-sentence explanation and its sources.

use serde::Serialize;

/// A claim of the news summary checked against the sources (shown by the page for `as_reported`).
#[derive(Clone, Copy, Debug, Serialize)]
pub struct Claim {
    /// The parameter the claim sets, if it maps to one.
    pub param: Option<&'static str>,
    pub reported: &'static str,
    pub sourced: &'static str,
    pub verdict: &'static str,
}

#[derive(Clone, Copy, Debug, Serialize)]
pub struct Preset {
    pub id: &'static str,
    pub name: &'static str,
    pub description: &'static str,
    pub sources: &'static [&'static str],
    /// What the preset assumes that no source says (empty when everything is sourced): the page
    /// shows it labelled as a hypothesis.
    pub hypothesis: &'static str,
    /// Values that differ from the catalogue defaults.
    pub values: &'static [(&'static str, f64)],
    pub claims: &'static [Claim],
}

pub static PRESETS: &[Preset] = &[
    Preset {
        id: "baseline",
        name: "Sourced baseline",
        description: "USGS 2025 mine output, IEA base-case capacity and STEPS demand, the April 2025 export list in force, MP's concentrate kept at home and its $110/kg floor, and only the US plants already built or under way; prices, investment and stocks answer from there.",
        sources: &["USGS Mineral Commodity Summaries 2025", "IEA Critical Minerals Data Explorer 2025", "MOFCOM/GAC No. 18 (2025)"],
        hypothesis: "",
        values: &[],
        claims: &[],
    },
    Preset {
        id: "as_reported",
        name: "As reported",
        description: "The news summary's own numbers: refining at $35,000/t in China against $58,000/t in the US (taken as cash costs), US mining as 15% of a 300 kt world, and demand tripling by 2030; several do not survive a check.",
        sources: &["Sohu Caijing, 31 July 2025 (the seed article)"],
        hypothesis: "",
        values: &[
            ("refining_cost_cn_usd_per_t", 35000.0),
            ("refining_cost_us_usd_per_t", 58000.0),
            ("mine_cn_t_reo", 180000.0),
            ("demand_growth_pct_per_yr", 20.0),
        ],
        claims: &[
            Claim { param: Some("refining_cost_cn_usd_per_t"), reported: "$35,000/t in China", sourced: "~$54/kg China NdPr price (Benchmark, early 2024), ~$43/kg cash cost after the capital charge", verdict: "unsourced" },
            Claim { param: Some("refining_cost_us_usd_per_t"), reported: "$58,000/t in the US (+65%)", sourced: "ex-China projects need $75-85/kg (40-60% premium), ~$69/kg cash cost after the capital charge", verdict: "unsourced" },
            Claim { param: Some("mine_cn_t_reo"), reported: "Mountain Pass 45 kt = 15% of global production", sourced: "45 kt of 390 kt = 11.5% (USGS 2025); 15% needs a 300 kt world, the 2022 total", verdict: "off for 2024" },
            Claim { param: Some("demand_growth_pct_per_yr"), reported: "IEA: rare earth demand triples by 2030 (20%/yr)", sourced: "IEA magnet REE demand x1.35 (STEPS) to x1.61 (NZE) by 2030", verdict: "off" },
            Claim { param: None, reported: "US meets only 30% of military needs by 2028", sourced: "DoD goal: all defence needs by 2027; DoD demand < 0.1% of global (GAO 2024)", verdict: "unsourced, doubtful (plausible only for heavy REE)" },
            Claim { param: None, reported: "China ~90% of refining", sourced: "IEA: 91.3% of magnet REE refining (2024)", verdict: "holds" },
            Claim { param: None, reported: "DoD $400M + $150M loan; Apple $500M", sourced: "MP 8-K and Apple newsroom, July 2025", verdict: "holds" },
        ],
    },
    Preset {
        id: "us_push",
        name: "US push",
        description: "The July 2025 DoD and Apple deals carried out: MP's 10X plant (with the DoD's $140M earnings guarantee), heavy-REE circuit and Fort Worth expansion, Energy Fuels phase 2, and the DoD's $400M equity and $150M loan; the $110/kg floor is in every preset.",
        sources: &["MP Materials 8-K, July 2025", "Apple newsroom, July 2025", "Energy Fuels phase 2 announcement"],
        hypothesis: "",
        values: &[("deal_projects", 1.0)],
        claims: &[],
    },
    Preset {
        id: "ban_escalation",
        name: "Export-ban escalation",
        description: "The April 2025 heavy rare earth list stays, and from 2027 China withholds 74% of all magnet exports to every buyer, as in May 2025.",
        sources: &["MOFCOM/GAC No. 18 (April 2025)", "No. 57/61/62 (October 2025), suspended by No. 70 until 10 Nov 2026", "China customs, May 2025 magnet exports -74%"],
        hypothesis: "",
        values: &[
            ("ban2_scope", 2.0),
            ("ban2_start_year", 2027.0),
            ("ban2_duration_yr", 14.0),
            ("ban2_severity_pct", 74.0),
            ("ban2_target", 1.0),
        ],
        claims: &[],
    },
    Preset {
        id: "iea_steps",
        name: "IEA outlook, STEPS",
        description: "The IEA's base case as published: Stated Policies demand (122.8 kt in 2030, 149.6 kt in 2040), announced capacity, and trade as before 2025 (no export controls, US concentrate still sold to China). It reproduces the IEA's refined supply/demand of 87% in 2030.",
        sources: &["IEA Critical Minerals Data Explorer 2025, STEPS and base-case supply"],
        hypothesis: "",
        values: &[
            ("demand_growth_pct_per_yr", 5.1),
            ("demand_growth_after_2030_pct_per_yr", 2.0),
            ("ban1_scope", 0.0),
            ("us_ore_to_china", 0.0),
        ],
        claims: &[],
    },
    Preset {
        id: "iea_aps",
        name: "IEA outlook, APS",
        description: "As the IEA STEPS outlook, with Announced Pledges demand: 131.6 kt in 2030 and 162.7 kt in 2040 (refined supply/demand 81% in 2030).",
        sources: &["IEA Critical Minerals Data Explorer 2025, APS and base-case supply"],
        hypothesis: "",
        values: &[
            ("demand_growth_pct_per_yr", 6.4),
            ("demand_growth_after_2030_pct_per_yr", 2.1),
            ("ban1_scope", 0.0),
            ("us_ore_to_china", 0.0),
        ],
        claims: &[],
    },
    Preset {
        id: "iea_nze",
        name: "IEA outlook, NZE",
        description: "As the IEA STEPS outlook, with Net Zero Emissions demand: 146.8 kt in 2030 and 172.4 kt in 2040 (refined supply/demand 73% in 2030).",
        sources: &["IEA Critical Minerals Data Explorer 2025, NZE and base-case supply"],
        hypothesis: "",
        values: &[
            ("demand_growth_pct_per_yr", 8.3),
            ("demand_growth_after_2030_pct_per_yr", 1.6),
            ("ban1_scope", 0.0),
            ("us_ore_to_china", 0.0),
        ],
        claims: &[],
    },
    Preset {
        id: "recycling_breakthrough",
        name: "Recycling breakthrough",
        description: "End-of-life recovery climbs from 1% to 25% by 2035, the top of the range the evidence supports.",
        sources: &["UNEP IRP 2011 (< 1% today)", "McKinsey: ~41 kt post-consumer scrap by 2035 (a ceiling)"],
        hypothesis: "",
        values: &[("recycling_target_pct", 25.0), ("recycling_target_year", 2035.0)],
        claims: &[],
    },
    Preset {
        id: "china_deters",
        name: "China deters entry",
        description: "From 2026 China sells NdPr outside China at 90% of the cheapest rival's cash cost for five years: plants outside China idle, investors expect less, and China gives up revenue to keep its share.",
        sources: &["Benchmark (early 2024): no ex-China project earns 15% at the 2024 price of ~$54/kg; ~40% of the pipeline needs $75-85/kg (facts s.6)"],
        hypothesis: "That China would set its export price on purpose; in 2024 the low price came from over-supply, not a stated policy.",
        values: &[
            ("price_strategy_pct", 90.0),
            ("price_strategy_start_year", 2026.0),
            ("price_strategy_years", 5.0),
        ],
        claims: &[],
    },
    Preset {
        id: "tit_for_tat",
        name: "Tit for tat",
        description: "Both sides answer the other's last move: China tightens its Dy+Tb control by 20 points each year US public money passed $250M, and cuts prices when the US made more than 5% of the world's oxide; the US commits $500M more each year its shortfall passed 10%.",
        sources: &["MOFCOM/GAC No. 18 (April 2025): the control China tightens", "MP Materials 8-K (July 2025): the scale of US support"],
        hypothesis: "Both reaction rules and their thresholds: neither government has stated such a rule.",
        values: &[
            ("rule_cn_tighten_musd", 250.0),
            ("rule_cn_tighten_step_pct", 20.0),
            ("rule_cn_price_share_pct", 5.0),
            ("rule_us_support_short_pct", 10.0),
            ("rule_us_support_musd", 500.0),
        ],
        claims: &[],
    },
    Preset {
        id: "allied_coordination",
        name: "Allied coordination",
        description: "Allies and the US act together: allied governments fund $2bn of separation from 2026, allies send their non-Chinese supply to the US under controls, the US levies the 25% tariff on Chinese magnets from 2026 and contracts 3,000 t a year of US oxide at $110/kg.",
        sources: &["USTR Section 301 review (May 2024): 25% on Chinese permanent magnets from 2026", "MP Materials 8-K (July 2025): $110/kg floor and DoD offtake", "Capex per t/yr of separation (facts s.9)"],
        hypothesis: "The allied $2bn and the US offtake volume are illustrative, not announced.",
        values: &[
            ("invest_allies_musd", 2000.0),
            ("tariff_cn_magnets_pct", 25.0),
            ("tariff_start_year", 2026.0),
            ("offtake_us_t", 3000.0),
            ("offtake_price_usd_per_kg", 110.0),
        ],
        claims: &[],
    },
];

/// Looks up a preset by id.
pub fn preset(id: &str) -> Option<&'static Preset> {
    PRESETS.iter().find(|p| p.id == id)
}
