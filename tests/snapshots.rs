//! Snapshots of every preset's projection table, so that any change of a figure shows up in review.
//!
//! Run `UPDATE_EXPECT=1 cargo test --test snapshots` to accept new figures after a deliberate
//! model change, then read the diff of `tests/snapshots/` before committing it.

use expect_test::expect_file;
use rare_earth::{Scenario, PRESETS};

#[test]
fn every_preset_table_is_pinned() {
    for preset in PRESETS {
        let projection = rare_earth::project(&Scenario::from_preset(preset.id).unwrap()).unwrap();
        let path = format!("snapshots/{}.txt", preset.id);
        expect_file![path].assert_eq(&projection.to_table());
    }
}
