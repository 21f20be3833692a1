//! The codes of the model's warnings and chart events, listed once so that the page (through the
//! wasm catalogue) can check it has a sentence for every code in every language, and a test here
//! can check the model emits no code missing from the lists.

/// Every `Warning::code` the model can emit.
pub static WARNING_CODES: &[&str] = &[
    "us_plant_idled",
    "china_plants_idled",
    "us_concentrate_stocked",
    "price_at_ceiling",
    "control_after_horizon",
    "investment_after_horizon",
    "magnet_capacity_relies_on_imported_metal",
];

/// Every `Event::code` the model can emit.
pub static EVENT_CODES: &[&str] = &[
    "project",
    "control_start",
    "control_end",
    "floor_start",
    "floor_end",
    "investment",
    "private_capacity",
    "defence_goal",
    "quota_start",
    "export_tax_start",
    "price_strategy",
    "tariff_start",
    "offtake_start",
    "rule_cn_price",
    "rule_cn_tighten",
    "rule_us_support",
    "rule_us_release",
];

/// Every `Event::kind` (the chart marker) the model can emit.
pub static EVENT_KINDS: &[&str] = &[
    "commissioning",
    "control_start",
    "control_end",
    "policy",
    "target",
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{project, Scenario, PRESETS};

    /// Scenarios that between them raise every warning and every event.
    fn scenarios() -> Vec<Scenario> {
        let mut out: Vec<Scenario> = PRESETS
            .iter()
            .map(|p| Scenario::from_preset(p.id).unwrap())
            .collect();
        let mut set = |pairs: &[(&str, f64)]| {
            let mut s = Scenario::baseline();
            for (id, v) in pairs {
                s.params.insert(id.to_string(), *v);
            }
            out.push(s);
        };
        set(&[("magnet_cap_us_t", 20_000.0), ("us_ore_to_china", 1.0)]);
        // Dear Chinese oxide idles China's plants; cheap US oxide brings private US plants;
        // a total ban with buyers who cannot cut back reaches the price ceiling.
        set(&[("refining_cost_cn_usd_per_t", 200_000.0)]);
        set(&[("refining_cost_us_usd_per_t", 20_000.0)]);
        set(&[
            ("demand_response_pct", 0.0),
            ("ban1_scope", 3.0),
            ("ban1_severity_pct", 100.0),
        ]);
        set(&[("price_floor_usd_per_kg", 0.0)]);
        set(&[("ban2_scope", 1.0), ("ban2_start_year", 2045.0)]);
        set(&[
            ("invest_magnet_musd", 500.0),
            ("invest_start_year", 2039.0),
            ("lead_time_yr", 5.0),
        ]);
        set(&[
            ("price_floor_usd_per_kg", 110.0),
            ("price_floor_years", 5.0),
        ]);
        // The contest's markers: China's quota and export tax, a price strategy its rule starts,
        // its tightening rule; the US tariff, offtake, support and stockpile release.
        set(&[("export_quota_cut_pct", 30.0), ("export_tax_pct", 10.0)]);
        set(&[("rule_cn_price_share_pct", 5.0)]);
        set(&[
            ("rule_cn_tighten_musd", 100.0),
            ("rule_us_support_short_pct", 5.0),
            ("stockpile_target_t", 5000.0),
            ("stockpile_refill_t_per_yr", 1000.0),
            ("rule_us_release_short_pct", 5.0),
        ]);
        set(&[("tariff_cn_magnets_pct", 25.0), ("offtake_us_t", 2000.0)]);
        set(&[("ban1_duration_yr", 5.0)]);
        out
    }

    #[test]
    fn the_model_emits_only_listed_codes_and_the_lists_are_reached() {
        let (mut warnings, mut events, mut kinds) = (Vec::new(), Vec::new(), Vec::new());
        for s in scenarios() {
            let Ok(p) = project(&s) else { continue };
            warnings.extend(p.warnings.iter().map(|w| w.code));
            events.extend(p.events.iter().map(|e| e.code));
            kinds.extend(p.events.iter().map(|e| e.kind));
        }
        for (seen, listed, what) in [
            (&warnings, WARNING_CODES, "warning"),
            (&events, EVENT_CODES, "event"),
            (&kinds, EVENT_KINDS, "event kind"),
        ] {
            for code in seen.iter() {
                assert!(
                    listed.contains(code),
                    "{what} code `{code}` is not listed in codes.rs"
                );
            }
            for code in listed.iter() {
                assert!(
                    seen.contains(code),
                    "{what} code `{code}` is listed but no test scenario raises it"
                );
            }
        }
    }
}
