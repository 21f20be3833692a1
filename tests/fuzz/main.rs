//! Fuzzing with seeded generators: hostile scenario files, share links and parameter values, and
//! valid scenarios of every shape whose projections must hold the model's invariants, checked by
//! the oracles in `targets.rs`.
//!
//! `cargo test` runs a smoke run of 2,000 cases per target (500 projections). A long run sets the
//! count, for every target (`FUZZ_CASES`) or one (`FUZZ_PROJECTION_CASES`, ...); `cargo xtask
//! fuzz --long` runs 1,000,000 cases per target and 200,000 projections:
//!
//! ```text
//! FUZZ_CASES=1000000 FUZZ_PROJECTION_CASES=200000 cargo test --release --test fuzz -- --nocapture
//! ```
//!
//! Each target prints its case count and time. `FUZZ_SEED` (a number) changes the inputs; runs
//! without it are the same every time. A failure is shrunk to a small input and saved in
//! `tests/fuzz/regressions.txt`, which later runs replay first.

mod targets;

use proptest::prelude::*;
use proptest::test_runner::{Config, FileFailurePersistence, RngAlgorithm, TestRng, TestRunner};
use rare_earth::link::{GROUP_IDS, LANGS, THEMES};
use rare_earth::{ParamSpec, Scenario, PARAMS, PRESETS};
use std::time::Instant;

/// Cases per target when `FUZZ_CASES` is not set: seconds, not minutes, in a debug build.
const SMOKE_CASES: u32 = 2_000;

fn env_number(name: &str, default: u64) -> u64 {
    match std::env::var(name) {
        Ok(v) => v
            .trim()
            .replace('_', "")
            .parse()
            .unwrap_or_else(|_| panic!("{name} must be a whole number, got {v:?}")),
        Err(_) => default,
    }
}

/// Runs `check` on `cases` inputs from `strategy` and reports the count, the share accepted
/// (`check` returns true) and the time.
fn fuzz<S: Strategy>(target: &str, strategy: S, check: impl Fn(S::Value) -> bool)
where
    S::Value: std::fmt::Debug,
{
    fuzz_n(target, SMOKE_CASES, strategy, check);
}

/// [`fuzz`] with `smoke` cases when `FUZZ_CASES` is not set.
fn fuzz_n<S: Strategy>(target: &str, smoke: u32, strategy: S, check: impl Fn(S::Value) -> bool)
where
    S::Value: std::fmt::Debug,
{
    // A target's own count (`FUZZ_PROJECTION_CASES`) over the common one.
    let own = format!("FUZZ_{}_CASES", target.to_uppercase());
    let common = env_number("FUZZ_CASES", smoke.into());
    let cases = u32::try_from(env_number(&own, common)).expect("FUZZ_CASES fits in 32 bits");
    let seed = env_number("FUZZ_SEED", 0);
    let config = Config {
        cases,
        failure_persistence: Some(Box::new(FileFailurePersistence::Direct(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fuzz/regressions.txt"
        )))),
        ..Config::default()
    };
    // A fixed seed per target, so that a run is repeatable and the targets differ.
    let mut seed_bytes = [0u8; 32];
    seed_bytes[..8].copy_from_slice(&seed.to_le_bytes());
    for (i, b) in target.bytes().take(24).enumerate() {
        seed_bytes[8 + i] = b;
    }
    let rng = TestRng::from_seed(RngAlgorithm::ChaCha, &seed_bytes);
    let mut runner = TestRunner::new_with_rng(config, rng);
    let n_accepted = std::cell::Cell::new(0u64);
    let start = Instant::now();
    let result = runner.run(&strategy, |input| {
        n_accepted.set(n_accepted.get() + u64::from(check(input)));
        Ok(())
    });
    let secs = start.elapsed().as_secs_f64();
    if let Err(e) = result {
        panic!("fuzz {target}: {e}");
    }
    let pct_accepted = 100.0 * n_accepted.get() as f64 / f64::from(cases.max(1));
    println!(
        "fuzz {target}: {cases} cases in {secs:.1} s, nothing found ({pct_accepted:.0}% accepted)"
    );
}

/// JSON numbers as people and programs write them, the edges included.
const NUMBERS: &[&str] = &[
    "0",
    "-0",
    "1",
    "1.0",
    "1e0",
    "10E-1",
    "0.5",
    "-1",
    "2",
    "3",
    "6.4",
    "25",
    "100",
    "2040",
    "1.5",
    "99",
    "1e300",
    "-1e300",
    "1e308",
    "1e400",
    "5e-324",
    "-5e-324",
    "1e-310",
    "2.5e-308",
    "4294967296",
    "18446744073709551616",
    "-9223372036854775809",
    "0.30000000000000004",
    "123456789012345678901234567890",
    "1E+2",
    "-0.0",
    "00",
    "1.",
    ".5",
    "+1",
    "0x10",
    "NaN",
    "Infinity",
];

/// JSON texts of any kind, nested at most a few levels.
fn json_value() -> impl Strategy<Value = String> {
    let leaf = prop_oneof![
        Just("null".to_string()),
        Just("true".to_string()),
        Just("false".to_string()),
        proptest::sample::select(NUMBERS).prop_map(String::from),
        any::<f64>().prop_map(|v| format!("{v:e}")),
        json_string(),
    ];
    leaf.prop_recursive(4, 24, 6, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..6)
                .prop_map(|items| format!("[{}]", items.join(","))),
            proptest::collection::vec((json_key(), inner), 0..6).prop_map(|pairs| {
                let pairs: Vec<String> = pairs.iter().map(|(k, v)| format!("{k}: {v}")).collect();
                format!("{{{}}}", pairs.join(", "))
            }),
        ]
    })
}

/// JSON strings: preset and parameter ids, long text, escapes, any Unicode.
fn json_string() -> impl Strategy<Value = String> {
    prop_oneof![
        proptest::sample::select(PRESETS).prop_map(|p| p.id.to_string()),
        proptest::sample::select(PARAMS).prop_map(|p| p.id.to_string()),
        any::<String>(),
        "[a-z_]{0,12}",
        (1usize..200).prop_map(|n| "x".repeat(n)),
        Just("\u{1b}[2J\u{202e}\u{feff}\n\t\0".to_string()),
    ]
    .prop_map(|s| serde_json::to_string(&s).expect("a string serialises"))
}

/// Object keys: the file format's fields, parameter ids, and anything else.
fn json_key() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => proptest::sample::select(&["schema", "preset", "name", "notes", "params"][..])
            .prop_map(|k| format!("\"{k}\"")),
        2 => proptest::sample::select(PARAMS).prop_map(|p| format!("\"{}\"", p.id)),
        1 => json_string(),
    ]
}

/// Scenario-shaped text: the right fields with mostly right values, some of them wrong.
fn scenario_object() -> impl Strategy<Value = String> {
    let param = (
        proptest::sample::select(PARAMS).prop_map(|p| format!("\"{}\"", p.id)),
        prop_oneof![
            4 => proptest::sample::select(NUMBERS).prop_map(String::from),
            4 => (0.0f64..=1.0, proptest::sample::select(PARAMS))
                .prop_map(|(u, p)| format!("{}", p.min + u * (p.max - p.min))),
            1 => json_value(),
        ],
    );
    let params = proptest::collection::vec(
        prop_oneof![4 => param, 1 => (json_key(), json_value())],
        0..8,
    )
    .prop_map(|pairs| {
        let pairs: Vec<String> = pairs.iter().map(|(k, v)| format!("{k}: {v}")).collect();
        format!("{{{}}}", pairs.join(", "))
    });
    let field = prop_oneof![
        proptest::sample::select(NUMBERS).prop_map(|n| format!("\"schema\": {n}")),
        json_string().prop_map(|s| format!("\"preset\": {s}")),
        proptest::sample::select(PRESETS).prop_map(|p| format!("\"preset\": \"{}\"", p.id)),
        json_value().prop_map(|v| format!("\"name\": {v}")),
        json_string().prop_map(|s| format!("\"notes\": {s}")),
        params.clone().prop_map(|p| format!("\"params\": {p}")),
        params.prop_map(|p| format!("\"params\": {p}")),
        (json_key(), json_value()).prop_map(|(k, v)| format!("{k}: {v}")),
    ];
    proptest::collection::vec(field, 0..7).prop_map(|fields| format!("{{{}}}", fields.join(", ")))
}

/// A change that breaks or bends text the way files get broken: a byte order mark, truncation,
/// a stray character, a cut, deep nesting, whitespace, size.
#[derive(Clone, Debug)]
enum Mangle {
    None,
    Bom,
    Truncate(usize),
    Insert(usize, char),
    Cut(usize, usize),
    Nest(usize),
    Pad(usize),
}

fn mangle() -> impl Strategy<Value = Mangle> {
    prop_oneof![
        6 => Just(Mangle::None),
        1 => Just(Mangle::Bom),
        1 => any::<usize>().prop_map(Mangle::Truncate),
        1 => (any::<usize>(), any::<char>()).prop_map(|(i, c)| Mangle::Insert(i, c)),
        1 => (any::<usize>(), 0usize..20).prop_map(|(i, n)| Mangle::Cut(i, n)),
        1 => (100usize..30_000).prop_map(Mangle::Nest),
        1 => (60_000usize..70_000).prop_map(Mangle::Pad),
    ]
}

/// The character boundary nearest below `i % (len + 1)`.
fn boundary(text: &str, i: usize) -> usize {
    let mut i = i % (text.len() + 1);
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn apply(text: String, m: &Mangle) -> String {
    match *m {
        Mangle::None => text,
        Mangle::Bom => format!("\u{feff}{text}"),
        Mangle::Truncate(i) => text[..boundary(&text, i)].to_string(),
        Mangle::Insert(i, c) => {
            let mut t = text;
            let i = boundary(&t, i);
            t.insert(i, c);
            t
        }
        Mangle::Cut(i, n) => {
            let start = boundary(&text, i);
            let end = boundary(&text, start + n.min(text.len() - start));
            format!("{}{}", &text[..start], &text[end..])
        }
        Mangle::Nest(depth) => format!("{}{text}{}", "[".repeat(depth), "]".repeat(depth)),
        // Whitespace up to and past the size limit.
        Mangle::Pad(total) => {
            let pad = total.saturating_sub(text.len());
            format!("{text}{}", " ".repeat(pad))
        }
    }
}

#[test]
fn fuzz_scenario_parser() {
    let text = prop_oneof![
        6 => scenario_object(),
        2 => json_value(),
        1 => any::<String>(),
    ];
    fuzz("scenario_parser", (text, mangle()), |(text, m)| {
        targets::scenario_text(&apply(text, &m))
    });
}

/// Link values: numbers, ids, lists, and percent-escapes broken or not.
fn link_value() -> impl Strategy<Value = String> {
    prop_oneof![
        proptest::sample::select(NUMBERS).prop_map(String::from),
        (0.0f64..=1.0, proptest::sample::select(PARAMS))
            .prop_map(|(u, p)| format!("{}", p.min + u * (p.max - p.min))),
        any::<f64>().prop_map(|v| format!("{v:e}")),
        proptest::sample::select(PRESETS).prop_map(|p| p.id.to_string()),
        proptest::sample::select(&LANGS[..]).prop_map(String::from),
        proptest::sample::select(&THEMES[..]).prop_map(String::from),
        proptest::collection::vec(
            prop_oneof![
                proptest::sample::select(PARAMS).prop_map(|p| p.id.to_string()),
                proptest::sample::select(&GROUP_IDS[..]).prop_map(String::from),
                "[a-z_]{0,8}",
            ],
            0..5
        )
        .prop_map(|ids| ids.join(",")),
        "([a-zA-Z0-9 +,.~-]|%[0-9A-Fa-f]{2}|%[0-9A-Za-z]{0,2}|[\\u{80}-\\u{10ffff}]){0,40}",
        (200usize..300).prop_map(|n| "n".repeat(n)),
    ]
}

fn link_fragment() -> impl Strategy<Value = String> {
    let key = prop_oneof![
        3 => proptest::sample::select(&["v", "mv", "preset", "name", "notes", "lang", "theme", "lock", "hide"][..])
            .prop_map(String::from),
        3 => proptest::sample::select(PARAMS).prop_map(|p| p.id.to_string()),
        1 => "([a-z_]|%[0-9A-Fa-f]{2}){0,12}",
    ];
    let pair = prop_oneof![
        8 => (key, link_value()).prop_map(|(k, v)| format!("{k}={v}")),
        1 => "[a-z_=&#?%]{0,12}",
    ];
    (
        proptest::sample::select(&["", "#", "?", " #"][..]),
        proptest::collection::vec(pair, 0..12),
        0usize..8,
    )
        .prop_map(|(start, pairs, repeat)| {
            // Now and then, a link repeated past the size limit.
            let body = pairs.join("&");
            let body = if repeat == 0 && !body.is_empty() {
                let n = rare_earth::link::MAX_LINK_BYTES / body.len() + 1;
                vec![body; n].join("&")
            } else {
                body
            };
            format!("{start}{body}")
        })
}

#[test]
fn fuzz_link_decoder() {
    let fragment = prop_oneof![8 => link_fragment(), 1 => any::<String>()];
    fuzz("link_decoder", (fragment, mangle()), |(fragment, m)| {
        // Deep nesting means nothing to a link; whitespace padding tests its size limit.
        let m = if matches!(m, Mangle::Nest(_)) {
            Mangle::None
        } else {
            m
        };
        targets::link(&apply(fragment, &m))
    });
}

/// The values next to `x`: one unit in the last place below and above.
fn neighbours(x: f64) -> [f64; 2] {
    let step = |up: bool| {
        if x == 0.0 {
            return if up { 5e-324 } else { -5e-324 };
        }
        let bits = x.to_bits();
        let away_from_zero = up == (x > 0.0);
        f64::from_bits(if away_from_zero { bits + 1 } else { bits - 1 })
    };
    [step(false), step(true)]
}

fn parameter_value() -> impl Strategy<Value = (String, f64)> {
    let id = prop_oneof![
        8 => proptest::sample::select(PARAMS).prop_map(|p| p.id.to_string()),
        1 => any::<String>(),
        1 => (1usize..200_000).prop_map(|n| "y".repeat(n)),
    ];
    let edge = prop_oneof![
        Just(f64::NAN),
        Just(f64::INFINITY),
        Just(f64::NEG_INFINITY),
        Just(0.0),
        Just(-0.0),
        Just(5e-324),
        Just(-5e-324),
        Just(f64::MIN_POSITIVE),
        Just(f64::MAX),
        Just(f64::MIN),
    ];
    let near_range = (
        proptest::sample::select(PARAMS),
        0usize..4,
        any::<bool>(),
        -1.0f64..=2.0,
    )
        .prop_map(|(p, which, next, u)| {
            let x = match which {
                0 => p.min,
                1 => p.max,
                2 => p.min + u * (p.max - p.min),
                _ => (p.min + u * (p.max - p.min)).round(),
            };
            let [below, above] = neighbours(x);
            if next {
                if u < 0.5 {
                    below
                } else {
                    above
                }
            } else {
                x
            }
        });
    let v = prop_oneof![2 => edge, 5 => near_range, 3 => any::<f64>()];
    (id, v)
}

#[test]
fn fuzz_check_value() {
    fuzz("check_value", parameter_value(), |(id, v)| {
        targets::value(&id, v)
    });
}

/// Any value `spec` accepts, the awkward ones often: bounds and their neighbours, zero of either
/// sign, subnormals and the smallest normal, round values, and any point of the range.
fn valid_value(spec: &'static ParamSpec) -> impl Strategy<Value = Option<f64>> {
    let (min, max) = (spec.min, spec.max);
    let mut edges = vec![
        min,
        max,
        0.0,
        -0.0,
        5e-324,
        -5e-324,
        1e-310,
        f64::MIN_POSITIVE,
    ];
    edges.extend(neighbours(min));
    edges.extend(neighbours(max));
    prop_oneof![
        2 => proptest::sample::select(edges),
        5 => (0.0f64..=1.0).prop_map(move |u| min + u * (max - min)),
        2 => (0.0f64..=1.0).prop_map(move |u| (min + u * (max - min)).round()),
    ]
    .prop_map(move |v| {
        let v = if spec.integer() { v.round() } else { v };
        rare_earth::check_value(spec.id, v).is_ok().then_some(v)
    })
}

/// A scenario of any preset with any number of parameters changed to valid values (most at a
/// few, some at all of them).
fn valid_scenario() -> impl Strategy<Value = Scenario> {
    let values: Vec<_> = PARAMS
        .iter()
        .map(|p| (any::<u8>(), valid_value(p)))
        .collect();
    (0..PRESETS.len(), 0u8..=255, values).prop_map(|(preset, density, values)| {
        let mut s = Scenario::from_preset(PRESETS[preset].id).expect("a preset");
        // density 0..255: the share of parameters changed, from none to all.
        for (spec, (draw, v)) in PARAMS.iter().zip(values) {
            if let (true, Some(v)) = (draw < density / 4 || density == 255, v) {
                s.params.insert(spec.id.to_string(), v);
            }
        }
        s
    })
}

#[test]
fn fuzz_projection_invariants() {
    fuzz_n("projection", 500, valid_scenario(), |s| {
        targets::projection(&s)
    });
}
