//! `cargo xtask fuzz`: the seeded fuzz targets of tests/fuzz (scenario parser, link decoder,
//! check_value, and the projection of valid scenarios against the model's invariants) in a
//! release build, each printing its case count and time.

use crate::sh::{self, cargo};
use crate::{step, Result};

/// Cases per target in a long run, and projections (each a full run of the model with its
/// invariants checked).
pub const LONG_CASES: u64 = 1_000_000;
pub const LONG_PROJECTIONS: u64 = 200_000;

/// How many cases to run: the smoke counts of tests/fuzz, the long run, or a given count for
/// every target.
#[derive(Debug, PartialEq, Eq)]
pub enum Size {
    Smoke,
    Long,
    Cases(u64),
}

pub fn run(size: &Size) -> Result {
    step("fuzz targets (cargo test --release --test fuzz)", || {
        let mut c = cargo();
        c.args(["test", "--release", "--test", "fuzz", "--", "--nocapture"]);
        match size {
            Size::Smoke => {}
            Size::Long => {
                c.env("FUZZ_CASES", LONG_CASES.to_string())
                    .env("FUZZ_PROJECTION_CASES", LONG_PROJECTIONS.to_string());
            }
            Size::Cases(n) => {
                c.env("FUZZ_CASES", n.to_string());
            }
        }
        sh::run(&mut c)
    })
}
