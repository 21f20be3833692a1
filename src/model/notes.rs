//! Warnings (legal but telling situations, reported beside the numbers) and dated chart events
//! (MODEL.md section 9). Each carries a stable code and the numbers its message quotes, so the
//! page can write it in any language.

use super::config::{Config, ControlScope};
use super::{Record, BASE_YEAR};
use crate::output::{Event, Warning};
use crate::params::Inputs;
use crate::projects::PROJECTS;
use crate::region::Material;

pub(crate) fn warnings(c: &Config, p: &Inputs, rec: &Record) -> Vec<Warning> {
    let mut w = Vec::new();
    let horizon = c.horizon;
    if let Some((year, t)) = rec.us_idle_first {
        w.push(Warning::new(
            "us_plant_idled",
            Some(year),
            Some(t.round()),
            format!("from {year}, US separation plants stand idle ({} t of feed unprocessed that year): the price they get is below their cash cost", t.round() as i64),
        ));
    }
    if let Some((year, t)) = rec.china_idle_first {
        w.push(Warning::new(
            "china_plants_idled",
            Some(year),
            Some(t.round()),
            format!("in {year} Chinese separators idle {} t of feed: China's own price has fallen below their cash cost", t.round() as i64),
        ));
    }
    if let Some((year, t)) = rec.us_ore_stocked_first {
        w.push(Warning::new(
            "us_concentrate_stocked",
            Some(year),
            Some(t.round()),
            format!(
                "{} t of US concentrate (magnet rare earth content) finds no separator in {year}: sales to China are stopped and US separation is too small, so it is stocked",
                t.round() as i64
            ),
        ));
    }
    if let Some((year, m)) = rec.rationed_first {
        let (value, what) = match m {
            Material::Ndpr => (0.0, "NdPr"),
            Material::Heavy => (1.0, "Dy+Tb"),
        };
        w.push(Warning::new(
            "price_at_ceiling",
            Some(year),
            Some(value),
            format!("in {year} the {what} price reaches its ceiling and buyers are rationed"),
        ));
    }
    for (n, ctl) in c.controls.iter().enumerate() {
        if ctl.scope != ControlScope::Off && ctl.start_year > horizon {
            w.push(Warning::new(
                "control_after_horizon",
                Some(ctl.start_year),
                Some((n + 1) as f64),
                format!(
                    "control {} starts in {}, after the horizon ({horizon}): it has no effect",
                    n + 1,
                    ctl.start_year
                ),
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
            format!("the committed capacity first produces in {inv_year}, after the horizon ({horizon})"),
        ));
    }
    if p.magnet_cap_us_t > 0.0 && p.metal_cap_us_t <= 0.0 && !c.deal_projects {
        // Not an error: US magnet makers can import metal. The warning says so.
        w.push(Warning::new(
            "magnet_capacity_relies_on_imported_metal",
            None,
            None,
            "extra US magnet capacity has no extra US metal capacity beside it: it runs on imported metal".to_string(),
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
    for proj in PROJECTS {
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
                label: proj.name.to_string(),
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
                label: format!("export control {} starts", n + 1),
            });
        }
        if in_range(e) && e > s {
            ev.push(Event {
                year: e,
                kind: "control_end",
                code: "control_end",
                value: Some((n + 1) as f64),
                label: format!("export control {} ends", n + 1),
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
                label: format!(
                    "${}/kg price floor starts",
                    c.floor_usd_per_kg.round() as i64
                ),
            });
        }
        if in_range(c.floor_end) {
            ev.push(Event {
                year: c.floor_end,
                kind: "policy",
                code: "floor_end",
                value: None,
                label: "price floor ends".to_string(),
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
                label: "committed capacity starts".to_string(),
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
                label: "first US plants built for the price start".to_string(),
            });
        }
    }
    ev.push(Event {
        year: 2027,
        kind: "target",
        code: "defence_goal",
        value: None,
        label: "DoD goal: a mine-to-magnet chain for all US defence needs".to_string(),
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
