//! A sourced model of the rare earth magnet supply chain: the United States, China, allied
//! producers and the rest of the world, from mine to magnet, year by year from 2024.
//!
//! The crate is pure: it reads no files, clock or entropy and knows nothing of JS. The CLI
//! (`src/main.rs`) and the wasm bindings (`crates/wasm`) are thin layers over [`project`].
//!
//! ```
//! let scenario = rare_earth::Scenario::from_preset("us_push").unwrap();
//! let projection = rare_earth::project(&scenario).unwrap();
//! let chain = projection.series(rare_earth::Series::UsSelfSufficiencyChain);
//! assert_eq!(chain.len(), 17); // 2024..=2040
//! ```

pub mod classroom;
pub mod codes;
pub mod insight;
pub mod link;
pub mod model;
mod num;
pub mod output;
pub mod params;
pub mod presets;
pub mod projects;
pub mod region;
pub mod scenario;

pub use codes::{EVENT_CODES, EVENT_KINDS, WARNING_CODES};
pub use link::{
    decode_link, decode_link_with, encode_link, encode_link_with, DecodedLink, Notice, ViewOptions,
    NOTICE_CODES,
};
pub use model::BASE_YEAR;
pub use output::{
    Event, Figure, Projection, Series, SeriesSpec, Summary, Warning, MODEL_VERSION, SCHEMA_VERSION,
    SERIES, SUMMARY_FIELDS,
};
pub use params::{spec, Grade, Group, Inputs, ParamSpec, PARAMS};
pub use presets::{Claim, Preset, PRESETS};
pub use projects::{Project, PROJECTS};
pub use region::{Material, Region, Stage};
pub use scenario::{
    check_value, migrate_params, Migration, Problem, Scenario, ScenarioError, MIGRATION_CODES,
};

/// Validates a scenario and runs the projection.
///
/// # Errors
/// Every problem [`Scenario::resolve`] finds.
pub fn project(scenario: &Scenario) -> Result<Projection, ScenarioError> {
    Ok(model::project(&scenario.resolve()?))
}
