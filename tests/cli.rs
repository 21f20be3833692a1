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

/// A fresh directory for one test's files.
fn temp_dir(test: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("rare-earth-cli-{test}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Runs the binary with standard input from `input` and at most 256 MB of address space, so a
/// reader that does not stop at the size limit fails rather than filling the machine's memory.
#[cfg(target_os = "linux")]
fn cli_limited(args: &[&str], input: std::process::Stdio) -> Output {
    Command::new("sh")
        .arg("-c")
        .arg(r#"ulimit -v 262144 && exec "$0" "$@""#)
        .arg(env!("CARGO_BIN_EXE_rare-earth"))
        .args(args)
        .stdin(input)
        .output()
        .expect("sh runs")
}

#[cfg(unix)]
#[test]
fn non_utf8_arguments_are_messages_not_panics() {
    use std::ffi::OsStr;
    use std::os::unix::ffi::OsStrExt;
    let run = |args: &[&OsStr]| {
        Command::new(env!("CARGO_BIN_EXE_rare-earth"))
            .args(args)
            .output()
            .unwrap()
    };
    let bad = OsStr::from_bytes(b"\xff.json");
    let o = run(&["run".as_ref(), "--scenario".as_ref(), bad]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("cannot read scenario file `\u{fffd}.json`"));
    // A file whose name is not UTF-8 is still a file: it runs.
    let dir = temp_dir("non-utf8");
    let path = dir.join(bad);
    std::fs::write(&path, r#"{"preset": "us_push"}"#).unwrap();
    let o = run(&["run".as_ref(), "--scenario".as_ref(), path.as_os_str()]);
    assert_eq!(stdout(&o), stdout(&cli(&["run", "--preset", "us_push"])));
    std::fs::remove_dir_all(&dir).ok();
    // Everything else must be text.
    let o = run(&["run".as_ref(), "--set".as_ref(), bad]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("the value of `--set` is not valid UTF-8"));
    let o = run(&[bad]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("unknown command `\u{fffd}.json`"));
}

#[cfg(target_os = "linux")]
#[test]
fn a_full_disk_is_a_message_and_exit_code_1() {
    let full = std::fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .unwrap();
    let o = Command::new(env!("CARGO_BIN_EXE_rare-earth"))
        .args(["run", "--format", "json"])
        .stdout(full)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(
        stderr(&o).starts_with("error: cannot write the output: No space left on device"),
        "{}",
        stderr(&o)
    );
}

#[cfg(unix)]
#[test]
fn a_closed_pipe_ends_quietly() {
    use std::process::Stdio;
    let dir = temp_dir("closed-pipe");
    // The scenario comes through a named pipe that this test writes only after closing the
    // output's read end, so the output is certainly written into a closed pipe.
    let fifo = dir.join("scenario.fifo");
    let made = Command::new("mkfifo").arg(&fifo).status().unwrap();
    assert!(made.success());
    let mut child = Command::new(env!("CARGO_BIN_EXE_rare-earth"))
        .args(["run", "--format", "csv", "--scenario"])
        .arg(&fifo)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    std::fs::write(&fifo, "{}").unwrap();
    let o = child.wait_with_output().unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(stderr(&o), "");
    std::fs::remove_dir_all(&dir).ok();
}

#[cfg(target_os = "linux")]
#[test]
fn oversize_scenarios_are_refused_before_they_are_read() {
    use std::process::Stdio;
    let limited = |args: &[&str], input: Stdio, expect: &str| {
        let o = cli_limited(args, input);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {}", stderr(&o));
        assert!(stderr(&o).contains(expect), "{args:?}: {}", stderr(&o));
    };
    // An endless file: reading stops one byte past the limit.
    limited(
        &["run", "--scenario", "/dev/zero"],
        Stdio::null(),
        "`/dev/zero`: scenario is more than the 65536 bytes allowed; reading stopped there",
    );
    // 300 MB on standard input.
    let mut zeros = Command::new("head")
        .args(["-c", "300000000", "/dev/zero"])
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    limited(
        &["run", "--scenario", "/dev/stdin"],
        Stdio::from(zeros.stdout.take().unwrap()),
        "reading stopped there",
    );
    // `head` ends when its reader does (a broken pipe), long before its 300 MB.
    zeros.wait().unwrap();
    // A 300 MB file is refused by its size, unread.
    let dir = temp_dir("oversize");
    let big = dir.join("big.json");
    std::fs::File::create(&big)
        .unwrap()
        .set_len(300_000_000)
        .unwrap();
    limited(
        &["run", "--scenario", big.to_str().unwrap()],
        Stdio::null(),
        "scenario is 300000000 bytes, more than the 65536 allowed",
    );
    std::fs::remove_dir_all(&dir).ok();
}

/// The CLI reads files by the shared rules (`tests/scenario_files.json`), as the page should.
#[test]
fn scenario_files_follow_the_shared_rules() {
    let dir = temp_dir("file-rules");
    let path = dir.join("s.json");
    let file = path.to_str().unwrap();
    let run_file = |text: &str| {
        std::fs::write(&path, text).unwrap();
        cli(&["run", "--format", "json", "--scenario", file])
    };
    let baseline = stdout(&cli(&["run", "--format", "json"]));
    for accepted in ["\u{feff}{}", r#"{"schema": 1e0}"#, r#"{"schema": 1.0}"#] {
        let o = run_file(accepted);
        assert!(o.status.success(), "{accepted:?}: {}", stderr(&o));
        assert_eq!(stdout(&o), baseline, "{accepted:?}");
    }
    for (refused, expect) in [
        ("[]", "a scenario must be a JSON object, got an array"),
        ("[{}]", "a scenario must be a JSON object, got an array"),
        (
            r#"{"schema": 0}"#,
            "`schema` must be a whole number between 1 and 2, got 0",
        ),
        (
            r#"{"params": {"demand_growth_pct_per_yr": "6"}}"#,
            r#"`params.demand_growth_pct_per_yr` must be a number, got the string "6""#,
        ),
    ] {
        let o = run_file(refused);
        assert_eq!(o.status.code(), Some(2), "{refused:?}");
        assert_eq!(
            stderr(&o),
            format!("error: `{file}`: {expect}\n"),
            "{refused:?}"
        );
    }
    let deep = format!("{}{}", "[".repeat(20_000), "]".repeat(20_000));
    let o = run_file(&deep);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("scenario nests arrays or objects more than 127 levels deep"));
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn every_bad_set_is_reported_at_once() {
    let o = cli(&[
        "run",
        "--set",
        "demand_growth_pct_per_yr=99",
        "--set",
        "ramp_years=fast",
        "--set",
        "horizon_year=2040",
        "--set",
        "no_such_param=1",
        "--preset",
        "moon",
    ]);
    assert_eq!(o.status.code(), Some(2));
    let lines: Vec<String> = stderr(&o).lines().map(String::from).collect();
    assert_eq!(lines.len(), 4, "{lines:?}");
    assert!(lines[0].starts_with("error: unknown preset `moon`"));
    assert_eq!(
        lines[1],
        "error: `demand_growth_pct_per_yr` must be between -5 and 20 %/yr, got 99"
    );
    assert_eq!(
        lines[2],
        "error: `ramp_years=fast` is not of the form ID=VALUE with a number VALUE"
    );
    assert!(lines[3].starts_with("error: unknown parameter `no_such_param`"));
    // A file's values and the flags' are reported together too.
    let dir = temp_dir("all-at-once");
    let path = dir.join("s.json");
    std::fs::write(&path, r#"{"params": {"stockpile_start_t": -1}}"#).unwrap();
    let o = cli(&[
        "run",
        "--scenario",
        path.to_str().unwrap(),
        "--set",
        "ramp_years=2.5",
    ]);
    assert_eq!(stderr(&o).lines().count(), 2, "{}", stderr(&o));
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn options_given_twice_are_refused_by_name() {
    for (args, flag) in [
        (
            &["run", "--format", "json", "--format", "csv"][..],
            "--format",
        ),
        (
            &["run", "--preset", "us_push", "--preset=iea_aps"][..],
            "--preset",
        ),
        (
            &["run", "--scenario", "a.json", "--scenario", "b.json"][..],
            "--scenario",
        ),
        (
            &["params", "--format", "json", "--format", "table"][..],
            "--format",
        ),
    ] {
        check_rejects(args, &format!("`{flag}` is given twice; give it once"));
    }
    // `--set` is meant to be repeated.
    let v = json(&[
        "run",
        "--format",
        "json",
        "--set",
        "ramp_years=3",
        "--set",
        "ramp_years=4",
    ]);
    assert!(v["series"].is_object());
}

#[test]
fn long_arguments_are_echoed_by_their_start() {
    let long = "x".repeat(120_000);
    let clipped = format!("`{}…` (120000 characters)", "x".repeat(40));
    // A usage error repeats the usage text; beyond it, the message stays short.
    let usage = String::from_utf8(cli(&["--help"]).stdout).unwrap().len();
    for args in [
        vec!["run", "--set", &long],
        vec!["run", "--preset", &long],
        vec!["run", "--format", &long],
        vec!["run", &long],
        vec![&long],
    ] {
        let o = cli(&args);
        assert_eq!(o.status.code(), Some(2));
        let e = stderr(&o);
        assert!(e.contains(&clipped), "{}", &e[..e.len().min(300)]);
        assert!(e.len() < usage + 1_000, "{} bytes of message", e.len());
    }
    let o = cli(&["run", "--scenario", &long]);
    let e = stderr(&o);
    assert!(
        e.starts_with(&format!(
            "error: cannot read scenario file `{}…` (120000 characters): ",
            "x".repeat(200)
        )),
        "{}",
        &e[..e.len().min(300)]
    );
    let flag = format!("--{long}");
    let o = cli(&["run", &flag]);
    assert!(stderr(&o).contains(
        "unknown option `--xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx…` (120002 characters)"
    ));
}
