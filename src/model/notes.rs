//! Warnings (legal but telling situations, reported beside the numbers) and dated chart events
//! (MODEL.md section 9). Each carries a stable code and the numbers its message quotes, so the
//! page can write it in any language.

use super::config::{Config, ControlScope};
use super::{Record, BASE_YEAR};
use crate::output::{Event, Warning};
use crate::params::Inputs;
use crate::projects::PROJECTS;

pub(crate) fn warnings(c: &Config, p: &Inputs, rec: &Record) -> Vec<Warning> {
    let mut w = Vec::new();
    let horizon = c.horizon;
    if let Some((year, t)) = rec.us_idle_first {
        w.push(Warning::new("us_plant_idled", Some(year), Some(t.round())));
    }
    if let Some((year, t)) = rec.china_idle_first {
        w.push(Warning::new(
            "china_plants_idled",
            Some(year),
            Some(t.round()),
        ));
    }
    if let Some((year, t)) = rec.us_ore_stocked_first {
        w.push(Warning::new(
            "us_concentrate_stocked",
            Some(year),
            Some(t.round()),
        ));
    }
    if let Some((year, m)) = rec.rationed_first {
        // The value names the material: 0 NdPr, 1 Dy+Tb.
        let value = m.index() as f64;
        w.push(Warning::new("price_at_ceiling", Some(year), Some(value)));
    }
    for (n, ctl) in c.controls.iter().enumerate() {
        if ctl.scope != ControlScope::Off && ctl.start_year > horizon {
            w.push(Warning::new(
                "control_after_horizon",
                Some(ctl.start_year),
                Some((n + 1) as f64),
            ));
        }
    }
    let inv_year = p.invest_start_year.round() as i32 + c.lead_time;
    let invested = p.invest_separation_musd > 0.0
        || p.invest_magnet_musd > 0.0
        || p.sep_cap_us_t > 0.0
        || p.heavy_sep_cap_us_t > 0.0
        || p.metal_cap_us_t > 0.0
        || p.magnet_cap_us_t > 0.0;
    if invested && inv_year > horizon {
        w.push(Warning::new(
            "investment_after_horizon",
            Some(inv_year),
            None,
        ));
    }
    if p.magnet_cap_us_t > 0.0 && p.metal_cap_us_t <= 0.0 && !c.deal_projects {
        // Not an error: US magnet makers can import metal. The warning says so.
        w.push(Warning::new(
            "magnet_capacity_relies_on_imported_metal",
            None,
            None,
        ));
    }
    w
}

/// Policy events and targets for chart markers, in year order.
pub(crate) fn events(c: &Config, p: &Inputs, rec: &Record) -> Vec<Event> {
    let mut ev = Vec::new();
    let horizon = c.horizon;
    let in_range = |y: i32| (BASE_YEAR..=horizon).contains(&y);
    let delay = p.project_delay_yr.round() as i32;
    for (i, proj) in PROJECTS.iter().enumerate() {
        if (proj.deal && !c.deal_projects)
            || (proj.start_year > BASE_YEAR && p.projects_realised_pct <= 0.0)
        {
            continue;
        }
        let year = proj.start_year
            + if proj.start_year > BASE_YEAR {
                delay
            } else {
                0
            };
        if in_range(year) && year > BASE_YEAR {
            ev.push(Event {
                year,
                kind: "commissioning",
                code: "project",
                value: None,
                project: Some(i),
            });
        }
    }
    for (n, ctl) in c.controls.iter().enumerate() {
        if ctl.scope == ControlScope::Off {
            continue;
        }
        let (s, e) = (ctl.start_year, ctl.end_year);
        if in_range(s) {
            ev.push(Event {
                year: s,
                kind: "control_start",
                code: "control_start",
                value: Some((n + 1) as f64),
                project: None,
            });
        }
        if in_range(e) && e > s {
            ev.push(Event {
                year: e,
                kind: "control_end",
                code: "control_end",
                value: Some((n + 1) as f64),
                project: None,
            });
        }
    }
    if c.floor_usd_per_kg > 0.0 && c.floor_end > c.floor_start {
        if in_range(c.floor_start) {
            ev.push(Event {
                year: c.floor_start,
                kind: "policy",
                code: "floor_start",
                value: Some(c.floor_usd_per_kg.round()),
                project: None,
            });
        }
        if in_range(c.floor_end) {
            ev.push(Event {
                year: c.floor_end,
                kind: "policy",
                code: "floor_end",
                value: None,
                project: None,
            });
        }
    }
    let committed = p.invest_separation_musd > 0.0
        || p.invest_magnet_musd > 0.0
        || p.sep_cap_us_t > 0.0
        || p.heavy_sep_cap_us_t > 0.0
        || p.metal_cap_us_t > 0.0
        || p.magnet_cap_us_t > 0.0;
    if committed {
        let y = p.invest_start_year.round() as i32 + c.lead_time;
        if in_range(y) {
            ev.push(Event {
                year: y,
                kind: "commissioning",
                code: "investment",
                value: None,
                project: None,
            });
        }
    }
    if let Some(y) = rec.private_us_first {
        if in_range(y) {
            ev.push(Event {
                year: y,
                kind: "commissioning",
                code: "private_capacity",
                value: None,
                project: None,
            });
        }
    }
    // The contest (MODEL.md section 16): China's timed levers, the US's, and each reaction
    // rule's first firing.
    let mut mark = |year: i32, kind: &'static str, code: &'static str, value: Option<f64>| {
        if in_range(year) && year > BASE_YEAR {
            ev.push(Event {
                year,
                kind,
                code,
                value,
                project: None,
            });
        }
    };
    if c.quota_keep < 1.0 && c.quota.end > c.quota.start {
        mark(
            c.quota.start,
            "control_start",
            "quota_start",
            Some(((1.0 - c.quota_keep) * 100.0).round()),
        );
    }
    if c.export_tax > 0.0 && c.export_tax_window.end > c.export_tax_window.start {
        mark(
            c.export_tax_window.start,
            "control_start",
            "export_tax_start",
            Some((c.export_tax * 100.0).round()),
        );
    }
    if let Some(y) = rec.strategy_first {
        mark(y, "policy", "price_strategy", None);
    }
    if c.tariff > 0.0 {
        mark(
            c.tariff_start,
            "policy",
            "tariff_start",
            Some((c.tariff * 100.0).round()),
        );
    }
    if c.offtake_t > 0.0 && c.offtake.end > c.offtake.start {
        mark(
            c.offtake.start,
            "policy",
            "offtake_start",
            Some(c.offtake_t.round()),
        );
    }
    if let Some(y) = rec.rule_cn_price_first {
        mark(y, "control_start", "rule_cn_price", None);
    }
    if let Some((y, v)) = rec.rule_cn_tighten_first {
        mark(y, "control_start", "rule_cn_tighten", Some(v.round()));
    }
    if let Some((y, v)) = rec.rule_us_support_first {
        mark(y, "policy", "rule_us_support", Some(v.round()));
    }
    if let Some((y, v)) = rec.rule_us_release_first {
        mark(y, "policy", "rule_us_release", Some(v.round()));
    }
    ev.push(Event {
        year: 2027,
        kind: "target",
        code: "defence_goal",
        value: None,
        project: None,
    });
    // Insertion sort: a handful of events, stable, and no generic sort code in the wasm.
    for i in 1..ev.len() {
        let mut j = i;
        while j > 0 && ev[j - 1].year > ev[j].year {
            ev.swap(j - 1, j);
            j -= 1;
        }
    }
    ev
}
