//! The `rare-earth` command line: outputs, formats, and clear messages with exit code 2 on bad input.

use std::io::Write;
use std::process::{Command, Output};

fn cli(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_rare-earth"))
        .args(args)
        .output()
        .expect("the binary runs")
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).unwrap()
}

/// Runs a command that must fail with exit code 2 and a message containing `expect`.
fn check_rejects(args: &[&str], expect: &str) {
    let o = cli(args);
    assert_eq!(
        o.status.code(),
        Some(2),
        "{args:?} should exit 2; stderr: {}",
        stderr(&o)
    );
    assert!(
        stderr(&o).contains(expect),
        "{args:?}: stderr {:?} lacks {expect:?}",
        stderr(&o)
    );
    assert!(stdout(&o).is_empty(), "nothing on stdout on error");
}

fn json(args: &[&str]) -> serde_json::Value {
    let o = cli(args);
    assert!(o.status.success(), "{args:?} failed: {}", stderr(&o));
    serde_json::from_str(&stdout(&o)).expect("valid JSON")
}

#[test]
fn run_json_has_years_series_summary_and_warnings() {
    let v = json(&["run", "--format", "json"]);
    let years: Vec<i64> = v["years"]
        .as_array()
        .unwrap()
        .iter()
        .map(|y| y.as_i64().unwrap())
        .collect();
    assert_eq!(years, (2024..=2040).collect::<Vec<_>>());
    assert_eq!(
        v["series"].as_object().unwrap().len(),
        rare_earth::SERIES.len()
    );
    assert_eq!(
        v["series"]["us_self_sufficiency_chain_pct"]
            .as_array()
            .unwrap()
            .len(),
        17
    );
    assert!(v["summary"]["peak_us_shortfall_t"].as_f64().is_some());
    assert!(v["warnings"].is_array() && v["events"].is_array());
    assert_eq!(v["model_version"], rare_earth::MODEL_VERSION);
}

#[test]
fn run_json_equals_the_library() {
    let v = json(&[
        "run",
        "--preset",
        "us_push",
        "--set",
        "horizon_year=2045",
        "--format",
        "json",
    ]);
    let mut s = rare_earth::Scenario::from_preset("us_push").unwrap();
    s.set("horizon_year", 2045.0).unwrap();
    let lib: serde_json::Value =
        serde_json::from_str(&rare_earth::project(&s).unwrap().to_json()).unwrap();
    assert_eq!(v, lib);
}

#[test]
fn run_csv_has_a_row_per_year_and_a_column_per_series() {
    let o = cli(&["run", "--format", "csv", "--set", "horizon_year=2030"]);
    assert!(o.status.success());
    let text = stdout(&o);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 1 + 7);
    assert!(lines[0].starts_with("year,demand_world_t,"));
    assert_eq!(lines[0].split(',').count(), 1 + rare_earth::SERIES.len());
    assert!(lines[1].starts_with("2024,90900,"));
}

#[test]
fn run_table_shows_summary_and_warnings() {
    let o = cli(&["run"]);
    assert!(o.status.success());
    let t = stdout(&o);
    assert!(t.contains("US chain self-sufficiency reaches 50%"));
    assert!(t.contains("Peak US shortfall"));
    assert!(t.lines().count() > 17);
}

#[test]
fn set_overrides_and_a_stricter_ban_raises_the_shortfall() {
    let base = json(&["run", "--format", "json"]);
    let ban = json(&[
        "run",
        "--format",
        "json",
        "--set",
        "ban1_scope=3",
        "--set",
        "ban1_severity_pct=100",
        "--set",
        "ban1_target=0",
    ]);
    let total = |v: &serde_json::Value| -> f64 {
        v["series"]["shortfall_us_t"]
            .as_array()
            .unwrap()
            .iter()
            .map(|x| x.as_f64().unwrap())
            .sum()
    };
    assert!(
        total(&ban) > total(&base) + 1000.0,
        "a full ban on the US must add shortfall"
    );
}

#[test]
fn scenario_file_runs_and_matches_set_flags() {
    let dir = std::env::temp_dir().join(format!("rare-earth-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("scenario.json");
    let mut f = std::fs::File::create(&path).unwrap();
    write!(f, r#"{{"schema": 1, "preset": "ban_escalation", "name": "class 3", "params": {{"demand_growth_pct_per_yr": 6.4}}}}"#).unwrap();
    let from_file = json(&[
        "run",
        "--format",
        "json",
        "--scenario",
        path.to_str().unwrap(),
    ]);
    let from_flags = json(&[
        "run",
        "--format",
        "json",
        "--preset",
        "ban_escalation",
        "--set",
        "demand_growth_pct_per_yr=6.4",
    ]);
    assert_eq!(from_file, from_flags);
    // A flag after the file overrides it.
    let over = json(&[
        "run",
        "--format",
        "json",
        "--scenario",
        path.to_str().unwrap(),
        "--set",
        "demand_growth_pct_per_yr=5.1",
        "--preset",
        "baseline",
    ]);
    assert_eq!(over, json(&["run", "--format", "json"]));

    std::fs::write(
        &path,
        r#"{"params": {"demand_growth_pct_per_yr": 6.4}, "colour": "red"}"#,
    )
    .unwrap();
    check_rejects(
        &["run", "--scenario", path.to_str().unwrap()],
        "unknown field `colour`",
    );
    std::fs::write(&path, r#"{"params": {"demand_growth": 6.4}}"#).unwrap();
    check_rejects(
        &["run", "--scenario", path.to_str().unwrap()],
        "unknown parameter `demand_growth`",
    );
    std::fs::write(&path, r#"{"params": {"demand_growth_pct_per_yr": "#).unwrap();
    check_rejects(
        &["run", "--scenario", path.to_str().unwrap()],
        "scenario is not valid JSON",
    );
    std::fs::write(&path, r#"{"schema": 99}"#).unwrap();
    check_rejects(
        &["run", "--scenario", path.to_str().unwrap()],
        "`schema` 99 is newer",
    );
    std::fs::remove_dir_all(&dir).ok();
    check_rejects(
        &["run", "--scenario", "/nonexistent/x.json"],
        "cannot read scenario file",
    );
}

#[test]
fn bad_values_name_the_parameter_the_range_and_the_value() {
    check_rejects(
        &["run", "--set", "demand_growth_pct_per_yr=99"],
        "`demand_growth_pct_per_yr` must be between -5 and 20 %/yr, got 99",
    );
    check_rejects(
        &["run", "--set", "demand_growth_pct_per_yr=nan"],
        "`demand_growth_pct_per_yr` must be a finite number, got NaN",
    );
    check_rejects(
        &["run", "--set", "demand_growth_pct_per_yr=inf"],
        "must be a finite number, got inf",
    );
    check_rejects(
        &["run", "--set", "stockpile_start_t=-5"],
        "`stockpile_start_t` must be between 0 and 50000 t, got -5",
    );
    check_rejects(
        &["run", "--set", "horizon_year=2020"],
        "`horizon_year` must be between 2030 and 2050 year, got 2020",
    );
    check_rejects(
        &["run", "--set", "horizon_year=2035.5"],
        "`horizon_year` must be a whole number, got 2035.5",
    );
    check_rejects(
        &["run", "--set", "ban1_scope=7"],
        "`ban1_scope` must be between 0 and 3, got 7",
    );
    check_rejects(
        &["run", "--set", "no_such_param=1"],
        "unknown parameter `no_such_param`",
    );
    check_rejects(
        &["run", "--set", "demand_growth_pct_per_yr"],
        "is not of the form ID=VALUE",
    );
    check_rejects(
        &["run", "--set", "demand_growth_pct_per_yr=fast"],
        "is not of the form ID=VALUE",
    );
    check_rejects(
        &[
            "run",
            "--set",
            "us_demand_share_pct=40",
            "--set",
            "china_demand_share_pct=70",
        ],
        "must be at most 100 %, got 128",
    );
}

#[test]
fn unknown_preset_command_option_and_format() {
    check_rejects(
        &["run", "--preset", "nope"],
        "unknown preset `nope`; known presets: baseline, as_reported",
    );
    check_rejects(&["fly"], "unknown command `fly`");
    check_rejects(&[], "no command given");
    check_rejects(&["run", "--colour", "red"], "unknown option `--colour`");
    check_rejects(&["run", "--format", "xml"], "unknown format `xml`");
    check_rejects(
        &["params", "--format", "csv"],
        "format `csv` is not available",
    );
    check_rejects(&["run", "--set"], "`--set` needs a value");
}

#[test]
fn params_presets_and_series_listings() {
    let params = json(&["params", "--format", "json"]);
    let ids: Vec<&str> = params
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids.len(), rare_earth::PARAMS.len());
    assert!(ids.contains(&"refining_cost_us_usd_per_t"));
    for p in params.as_array().unwrap() {
        assert!(
            !p["source"].as_str().unwrap().is_empty(),
            "{} has no source",
            p["id"]
        );
    }
    let presets = json(&["presets", "--format", "json"]);
    let names: Vec<&str> = presets
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["id"].as_str().unwrap())
        .collect();
    for want in [
        "baseline",
        "as_reported",
        "us_push",
        "ban_escalation",
        "iea_steps",
        "iea_aps",
        "iea_nze",
        "recycling_breakthrough",
    ] {
        assert!(names.contains(&want), "missing preset {want}");
    }
    let series = json(&["series", "--format", "json"]);
    assert_eq!(series.as_array().unwrap().len(), rare_earth::SERIES.len());
    let table = cli(&["params"]);
    assert!(stdout(&table).contains("refining_cost_cn_usd_per_t"));
    let version = cli(&["--version"]);
    assert_eq!(
        stdout(&version).trim(),
        format!("rare-earth {}", rare_earth::MODEL_VERSION)
    );
    assert!(stdout(&cli(&["--help"])).contains("USAGE"));
}
