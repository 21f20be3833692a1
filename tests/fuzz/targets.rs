//! The fuzz targets' oracles: what must hold for any input to the scenario parser, the link
//! decoder and `check_value`, and for the projection of any valid scenario. Each panics on a finding and otherwise says whether the input was
//! accepted (so a run can show it reached past the error paths). The generators live in
//! `main.rs`, so a coverage-guided fuzzer (cargo-fuzz) can call these functions with its own inputs.

use rare_earth::link::{decode_link, encode_link, MAX_LINK_BYTES};
use rare_earth::params::spec;
use rare_earth::scenario::MAX_SCENARIO_BYTES;
use rare_earth::{check_value, Problem, Projection, Scenario, Series, SCHEMA_VERSION, SERIES};

/// The longest one problem's message may be: an echoed value is clipped, so a message stays
/// short whatever the input (the longest, an unknown preset, lists the presets).
const MAX_MESSAGE_CHARS: usize = 400;

/// The start of an input, for a failure's message: a 60 KB input shown whole hides the finding.
fn shown(input: &str) -> String {
    let start: String = input.chars().take(300).collect();
    if start.len() < input.len() {
        format!("{start:?}… ({} bytes)", input.len())
    } else {
        format!("{input:?}")
    }
}

/// A message is short and carries no control character that could rewrite a terminal.
fn check_message(message: &str, input: &str) {
    assert!(
        message.chars().count() <= MAX_MESSAGE_CHARS,
        "a {}-character message for {}: {message}",
        message.chars().count(),
        shown(input)
    );
    assert!(
        !message.chars().any(char::is_control),
        "a control character in the message for {}: {message:?}",
        shown(input)
    );
}

/// Scenario file text: `Scenario::from_json`, then `resolve`. Accepted: the scenario resolves.
pub fn scenario_text(text: &str) -> bool {
    let parsed = Scenario::from_json(text);
    // The derived Deserialize reads the wasm boundary's objects: wherever it accepts an object
    // with a schema the rules allow, the rules give the same scenario. (It also takes an array
    // of the fields in order, which the wasm boundary refuses before it.)
    if let Ok(mut derived) = serde_json::from_str::<Scenario>(text) {
        let object = text.trim_start().starts_with('{') && text.len() <= MAX_SCENARIO_BYTES;
        if object && (1..=SCHEMA_VERSION).contains(&derived.schema) {
            // Files of an older format are brought to the current one as they are read.
            derived.migrate();
            assert_eq!(parsed.as_ref(), Ok(&derived), "{}", shown(text));
        }
    }
    let scenario = match parsed {
        Ok(s) => s,
        Err(e) => {
            assert!(!e.problems.is_empty(), "no problem named: {}", shown(text));
            for p in &e.problems {
                check_message(&p.to_string(), text);
            }
            return false;
        }
    };
    assert!(
        text.len() <= MAX_SCENARIO_BYTES,
        "{} bytes accepted",
        text.len()
    );
    assert!(
        (1..=SCHEMA_VERSION).contains(&scenario.schema),
        "schema {} accepted from {}",
        scenario.schema,
        shown(text)
    );
    let body = text.strip_prefix('\u{feff}').unwrap_or(text);
    let value: serde_json::Value = serde_json::from_str(body).expect("accepted text is JSON");
    assert!(value.is_object(), "a non-object accepted: {}", shown(text));
    // What the calculator writes, it reads back unchanged.
    assert_eq!(
        Scenario::from_json(&scenario.to_json()).as_ref(),
        Ok(&scenario),
        "{}",
        shown(text)
    );
    match scenario.resolve() {
        Ok(_) => {
            for (id, v) in &scenario.params {
                assert!(check_value(id, *v).is_ok(), "{id}={v} from {}", shown(text));
            }
            true
        }
        Err(e) => {
            assert!(!e.problems.is_empty());
            for p in &e.problems {
                check_message(&p.to_string(), text);
            }
            false
        }
    }
}

/// A share-link fragment: `decode_link` never fails and always gives a runnable scenario, and
/// what it gives encodes to a link that decodes to the same. Accepted: no notice.
pub fn link(fragment: &str) -> bool {
    let decoded = decode_link(fragment);
    if let Err(e) = decoded.scenario.resolve() {
        panic!(
            "{} decoded to a scenario that does not run: {e}",
            shown(fragment)
        );
    }
    for notice in &decoded.notices {
        // Notices quote at most 40 characters of each part, but may name a full parameter
        // message and its range, so they get twice the room of one problem.
        let text = notice.to_string();
        assert!(
            text.chars().count() <= 2 * MAX_MESSAGE_CHARS,
            "a {}-character notice for {}",
            text.chars().count(),
            shown(fragment)
        );
    }
    let encoded = encode_link(&decoded.scenario, &decoded.view);
    // A link longer than the limit is defect 5 of issue 9 (values written without exponents),
    // left to the share-link work; below it, the round trip must hold.
    if encoded.len() <= MAX_LINK_BYTES {
        let again = decode_link(&encoded);
        let mut want = decoded.scenario.clone();
        // `v=0` decodes to schema 0 (see the closing note of the hardening branch); encoding
        // always writes the current version.
        want.schema = SCHEMA_VERSION;
        let trip = format!("{} -> {}", shown(fragment), shown(&encoded));
        assert_eq!(again.scenario, want, "{trip}");
        assert_eq!(again.view, decoded.view, "{trip}");
        assert!(again.notices.is_empty(), "{trip}: {:?}", again.notices);
    }
    decoded.notices.is_empty()
}

/// One value for one parameter id: accepted exactly when it is finite, within the range and,
/// for whole-number parameters, whole; refused with the reason that applies. Accepted: `Ok`.
pub fn value(id: &str, v: f64) -> bool {
    let input = format!("{}={v:?}", shown(id));
    let result = check_value(id, v);
    let Some(s) = spec(id) else {
        assert_eq!(
            result,
            Err(Problem::UnknownParam { id: id.to_string() }),
            "{input}"
        );
        check_message(&result.unwrap_err().to_string(), &input);
        return false;
    };
    let in_range = v.is_finite() && s.min <= v && v <= s.max;
    let whole_if_needed = !s.integer() || v.fract() == 0.0;
    match result {
        Ok(()) => {
            assert!(in_range && whole_if_needed, "{input} accepted");
            true
        }
        Err(p) => {
            assert!(!(in_range && whole_if_needed), "{input} refused: {p}");
            let expected_kind = match &p {
                Problem::NotFinite { .. } => !v.is_finite(),
                Problem::OutOfRange { .. } => v.is_finite() && !in_range,
                Problem::NotWhole { .. } => in_range && !whole_if_needed,
                _ => false,
            };
            assert!(expected_kind, "{input}: the wrong reason {p:?}");
            let message = p.to_string();
            assert!(message.contains(&format!("`{}`", s.id)), "{message}");
            check_message(&message, &input);
            false
        }
    }
}

/// Tolerance for a balance: relative to the size of the flows.
fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-6 * (1.0 + a.abs().max(b.abs()))
}

fn sum_regions(p: &Projection, first: Series, i: usize) -> f64 {
    (0..4).map(|r| p.series(first.offset(r))[i]).sum()
}

/// A valid scenario: its projection holds the model's invariants. Every output is finite; flows
/// and stocks are not negative (only percent changes, premiums over another price and public
/// cost may be); shares are within 0-100 %; and mass balances at every stage every year:
/// concentrate, oxide (with the market's stocks and the stockpile), metal, magnets, and US demand
/// met, short or drawn from the stockpile. Returns whether the scenario was valid (invalid ones,
/// such as demand shares over 100 %, are refused by `resolve` and not projected).
pub fn projection(scenario: &Scenario) -> bool {
    let Ok(p) = scenario.resolve() else {
        return false;
    };
    let out = rare_earth::model::project(&p);
    let args = || encode_link(scenario, &Default::default());
    for (k, spec) in SERIES.iter().enumerate() {
        let signed = matches!(
            spec.id,
            "cost_premium_pct"
                | "wedge_ndpr_pct"
                | "wedge_heavy_pct"
                | "public_offtake_musd"
                | "public_cost_musd"
                | "public_cost_cumulative_musd"
        );
        let share =
            spec.unit == "%" && !signed && !matches!(spec.id, "refined_supply_to_demand_pct");
        for (i, &v) in out.series(Series(k)).iter().enumerate() {
            let y = out.year_at(i);
            assert!(v.is_finite(), "{} = {v} in {y} for #{}", spec.id, args());
            assert!(
                signed || v >= -1e-9,
                "{} = {v} < 0 in {y} for #{}",
                spec.id,
                args()
            );
            assert!(
                !share || v <= 100.0 + 1e-9,
                "{} = {v} % in {y} for #{}",
                spec.id,
                args()
            );
        }
    }
    let s = |x: Series, i: usize| out.series(x)[i];
    for i in 0..out.n_years {
        let y = out.year_at(i);
        let mined = sum_regions(&out, Series::OutputMiningUs, i);
        let separated = sum_regions(&out, Series::OutputSeparationUs, i);
        let held_before = if i == 0 {
            0.0
        } else {
            s(Series::ConcentrateStockWorld, i - 1)
        };
        assert!(
            close(
                mined + held_before + p.other_feed_cn_t,
                separated + s(Series::ConcentrateStockWorld, i)
            ),
            "concentrate unbalanced in {y} for #{}",
            args()
        );
        let stocks = |j: usize| {
            s(Series::StockNdprCn, j)
                + s(Series::StockNdprEx, j)
                + s(Series::StockHeavyCn, j)
                + s(Series::StockHeavyEx, j)
        };
        let stockpile_before = if i == 0 {
            p.stockpile_start_t
        } else {
            s(Series::Stockpile, i - 1)
        };
        let released = s(Series::StockpileRelease, i);
        let bought =
            s(Series::Stockpile, i) - stockpile_before + s(Series::StockpileDraw, i) + released;
        if i > 0 {
            let supply = separated
                + s(Series::RecycledWorld, i)
                + s(Series::ScrapWorld, i)
                + stocks(i - 1)
                + released;
            let used = s(Series::SupplyWorld, i) + bought + stocks(i);
            assert!(
                close(supply, used),
                "oxide unbalanced in {y}: {supply} vs {used} for #{}",
                args()
            );
        }
        assert!(
            bought >= -1e-6,
            "stockpile bought {bought} in {y} for #{}",
            args()
        );
        let world = s(Series::SupplyWorld, i);
        let metal = sum_regions(&out, Series::OutputMetalUs, i);
        let magnets = sum_regions(&out, Series::OutputMagnetUs, i);
        assert!(
            close(metal, world),
            "metal unbalanced in {y} for #{}",
            args()
        );
        assert!(
            close(magnets, world),
            "magnets unbalanced in {y} for #{}",
            args()
        );
        assert!(
            close(
                s(Series::DemandWorld, i),
                sum_regions(&out, Series::DemandUs, i)
            ),
            "demand does not add up in {y} for #{}",
            args()
        );
        assert!(
            close(
                s(Series::SupplyUs, i) + s(Series::ShortfallUs, i) + s(Series::StockpileDraw, i),
                s(Series::DemandUs, i)
            ),
            "US demand unbalanced in {y} for #{}",
            args()
        );
    }
    true
}
