//! "With every contest lever at its default and every reaction rule off, the model is exactly
//! Model 2" (issue 11): every preset's projection, written as CSV by model 0.2.0 before the
//! contest's levers existed (`tests/snapshots/model2/`), is reproduced value for value (to the
//! CSV's 4 decimals) in every series that existed then. Series added since are not compared.
//! The files were written again twice, each time by that same pre-contest commit (9fb4032) with
//! only the model fix of the day applied: the new-project cost of allied and rest-of-world plants
//! (`new_project_cost_ex_usd_per_t`), when calibration against Benchmark's incentive price showed
//! the allies' pipeline paying at $54/kg; then plants buying the ore they expect to run, when a
//! sweep showed idle public plants drawing ore and cutting US mines.

use rare_earth::{Scenario, PRESETS};
use std::collections::HashMap;

fn columns(csv: &str) -> HashMap<String, Vec<String>> {
    let mut lines = csv.lines();
    let header: Vec<&str> = lines.next().expect("a header").split(',').collect();
    let mut cols: HashMap<String, Vec<String>> =
        header.iter().map(|h| (h.to_string(), Vec::new())).collect();
    for line in lines {
        for (h, v) in header.iter().zip(line.split(',')) {
            cols.get_mut(*h).expect("a column").push(v.to_string());
        }
    }
    cols
}

#[test]
fn every_preset_reproduces_model_2() {
    for preset in PRESETS {
        let path = format!(
            "{}/tests/snapshots/model2/{}.csv",
            env!("CARGO_MANIFEST_DIR"),
            preset.id
        );
        let Ok(before) = std::fs::read_to_string(&path) else {
            // Presets added with the contest have no Model 2 counterpart.
            continue;
        };
        let before = columns(&before);
        let now = columns(
            &rare_earth::project(&Scenario::from_preset(preset.id).unwrap())
                .unwrap()
                .to_csv(),
        );
        assert!(before.len() > 100, "{path}: too few columns");
        for (id, values) in &before {
            let current = now
                .get(id)
                .unwrap_or_else(|| panic!("{}: series {id} is gone", preset.id));
            assert_eq!(current, values, "{}: series {id} changed", preset.id);
        }
    }
}
