//! Share links: scenario -> link -> scenario is the identity; the decoder never panics and says
//! what it could not read.

use proptest::prelude::*;
use rare_earth::link::{decode_link, encode_link, ViewOptions, MAX_LINK_BYTES};
use rare_earth::{Scenario, MODEL_VERSION, PARAMS, PRESETS};

/// A generated scenario made valid and minimal: demand shares that together pass 100% fall back
/// to the preset's, then the name and notes are set.
fn finish(mut s: Scenario, name: Option<String>, notes: Option<String>) -> Scenario {
    if s.resolve().is_err() {
        for id in [
            "us_demand_share_pct",
            "china_demand_share_pct",
            "allies_demand_share_pct",
        ] {
            s.params.remove(id);
        }
    }
    s.name = name;
    s.notes = notes;
    s.minimise();
    s
}

/// A random valid scenario: a preset, some parameters moved within range, maybe a name.
fn scenario() -> impl Strategy<Value = Scenario> {
    (
        0..PRESETS.len(),
        proptest::collection::vec((0..PARAMS.len(), 0.0f64..=1.0), 0..12),
        proptest::option::of(".{0,60}"),
        proptest::option::of("[a-z &=%#+?,/<>\"'\\u{4e00}-\\u{4e20}]{0,40}"),
    )
        .prop_map(|(preset, moves, name, notes)| {
            let mut s = Scenario::from_preset(PRESETS[preset].id).unwrap();
            for (i, u) in moves {
                let spec = &PARAMS[i];
                let mut v = spec.min + u * (spec.max - spec.min);
                if spec.integer() {
                    v = v.round();
                }
                s.set(spec.id, v).unwrap();
            }
            finish(s, name, notes)
        })
}

fn view() -> impl Strategy<Value = ViewOptions> {
    (
        proptest::option::of(prop_oneof![Just("en".to_string()), Just("zh".to_string())]),
        proptest::option::of(prop_oneof![
            Just("light".to_string()),
            Just("projector".to_string())
        ]),
        proptest::collection::btree_set(0..PARAMS.len(), 0..4),
        proptest::collection::btree_set(0..PARAMS.len(), 0..3),
        any::<bool>(),
        proptest::option::of(0..rare_earth::classroom::CHALLENGES.len()),
    )
        .prop_map(|(lang, theme, lock, hide, hide_group, challenge)| {
            let mut hide: Vec<String> =
                hide.into_iter().map(|i| PARAMS[i].id.to_string()).collect();
            if hide_group {
                hide.push("trade".to_string());
            }
            ViewOptions {
                lang,
                theme,
                lock: lock.into_iter().map(|i| PARAMS[i].id.to_string()).collect(),
                hide,
                challenge: challenge.map(|i| rare_earth::classroom::CHALLENGES[i].id.to_string()),
            }
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 500, ..ProptestConfig::default() })]

    #[test]
    fn scenario_to_link_to_scenario_is_the_identity(s in scenario(), v in view()) {
        let link = encode_link(&s, &v);
        let back = decode_link(&link);
        prop_assert!(back.notices.is_empty(), "notices {:?} for {link}", back.notices);
        prop_assert_eq!(&back.scenario, &s);
        prop_assert_eq!(&back.view, &v);
        // And the same numbers.
        prop_assert_eq!(rare_earth::project(&back.scenario).unwrap(), rare_earth::project(&s).unwrap());
        // Links carry nothing that could break out of a URL fragment.
        prop_assert!(link.chars().all(|c| c.is_ascii_graphic() && c != '#' && c != '"' && c != '<'), "{link}");
    }

    #[test]
    fn the_decoder_never_panics_on_any_text(text in ".{0,400}") {
        let d = decode_link(&text);
        prop_assert!(d.scenario.resolve().is_ok(), "decoded scenario must run");
    }

    #[test]
    fn the_decoder_never_panics_on_any_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
        let d = decode_link(&String::from_utf8_lossy(&bytes));
        prop_assert!(d.scenario.resolve().is_ok());
    }

    #[test]
    fn truncated_or_edited_links_still_run(s in scenario(), v in view(), cut in 0.0f64..1.0, pos in 0.0f64..1.0, c in any::<char>()) {
        let link = encode_link(&s, &v);
        let truncated: String = link.chars().take((link.chars().count() as f64 * cut) as usize).collect();
        prop_assert!(decode_link(&truncated).scenario.resolve().is_ok());
        let mut edited: Vec<char> = link.chars().collect();
        let at = ((edited.len() as f64) * pos) as usize;
        if at < edited.len() { edited[at] = c; }
        let edited: String = edited.into_iter().collect();
        prop_assert!(decode_link(&edited).scenario.resolve().is_ok());
    }
}

#[test]
fn a_typical_link_is_short_and_readable() {
    let mut s = Scenario::from_preset("us_push").unwrap();
    s.set("demand_growth_pct_per_yr", 6.4).unwrap();
    s.set("ban1_severity_pct", 80.0).unwrap();
    let link = encode_link(&s, &ViewOptions::default());
    assert_eq!(link, format!("v=2&mv={MODEL_VERSION}&preset=us_push&demand_growth_pct_per_yr=6.4&ban1_severity_pct=80"));
    assert!(link.len() < 100);
    assert_eq!(
        encode_link(&Scenario::baseline(), &ViewOptions::default()),
        format!("v=2&mv={MODEL_VERSION}")
    );
}

/// The notices' English sentences, one per line.
fn texts(notices: &[rare_earth::Notice]) -> String {
    notices
        .iter()
        .map(|n| n.to_string())
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn links_of_model_0_1_still_open_and_say_what_changed() {
    // Saved before Model 2 (format 1): a full refining cost, capacity available from 2024, a
    // control starting in 2024, and a parameter that no longer exists.
    let d = decode_link("#v=1&mv=0.1.0&preset=us_push&refining_cost_us_usd_per_t=60000&sep_cap_us_t=3000&ban2_scope=2&ban2_start_year=2024&secondary_supply_cn_t=0&ramp_years=3");
    assert_eq!(d.scenario.preset.as_deref(), Some("us_push"));
    assert_eq!(d.scenario.schema, rare_earth::SCHEMA_VERSION);
    let p = &d.scenario.params;
    assert_eq!(
        p.get("refining_cost_us_usd_per_t"),
        Some(&(60000.0 - 10864.0))
    );
    assert_eq!(p.get("sep_cap_us_t"), Some(&3000.0));
    assert_eq!(p.get("ban2_start_year"), Some(&2025.0));
    assert_eq!(
        p.get("ramp_years"),
        Some(&3.0),
        "unchanged parameters keep their values"
    );
    assert!(!p.contains_key("secondary_supply_cn_t"));
    let codes: Vec<&str> = d.notices.iter().map(|n| n.code).collect();
    for want in [
        "other_model",
        "cost_now_cash",
        "capacity_now_committed",
        "value_clamped",
        "param_removed",
    ] {
        assert!(codes.contains(&want), "no {want} notice in {codes:?}");
    }
    assert!(d.scenario.resolve().is_ok());
    // A link of today's format is read as written.
    let d = decode_link("#v=2&refining_cost_us_usd_per_t=60000");
    assert_eq!(
        d.scenario.params.get("refining_cost_us_usd_per_t"),
        Some(&60000.0)
    );
    assert!(d.notices.is_empty(), "{:?}", d.notices);
}

#[test]
fn notices_say_what_could_not_be_read() {
    let d = decode_link("#v=1&mv=0.0.1&preset=us_push&demand_growth_pct_per_yr=99&ramp_years=3&colour=red&volume=11&ban1_severity_pct=abc&lang=fr&lock=ramp_years,nope&trunc");
    assert_eq!(d.scenario.preset.as_deref(), Some("us_push"));
    assert_eq!(
        d.scenario.params.get("ramp_years"),
        Some(&3.0),
        "good parts survive"
    );
    assert!(!d.scenario.params.contains_key("demand_growth_pct_per_yr"));
    let n = texts(&d.notices);
    for want in [
        "made with model 0.0.1",
        "`demand_growth_pct_per_yr` must be between -5 and 20 %/yr, got 99: the default is used",
        "unknown parameter `colour` was ignored",
        "unknown parameter `volume` was ignored",
        "`ban1_severity_pct` has the value `abc`, not a number",
        "unknown language `fr`",
        "cannot lock unknown control `nope`",
        "`trunc` has no value",
    ] {
        assert!(n.contains(want), "missing notice {want:?} in:\n{n}");
    }
    assert_eq!(d.view.lock, vec!["ramp_years".to_string()]);
    // The page writes notices from their code and values: every code is a listed one.
    for n in &d.notices {
        assert!(rare_earth::NOTICE_CODES.contains(&n.code), "{n:?}");
    }
    let range = d
        .notices
        .iter()
        .find(|n| n.code == "value_out_of_range")
        .unwrap();
    assert_eq!(
        (range.param, range.value, range.min, range.max),
        (
            Some("demand_growth_pct_per_yr"),
            Some(99.0),
            Some(-5.0),
            Some(20.0)
        )
    );
}

#[test]
fn newer_format_unknown_preset_bad_shares_and_oversize() {
    let d = decode_link("v=9&preset=moon&us_demand_share_pct=50&china_demand_share_pct=60");
    let n = texts(&d.notices);
    assert!(n.contains("newer calculator (format 9"), "{n}");
    assert!(n.contains("unknown preset `moon`"), "{n}");
    assert!(
        n.contains("must be at most 100 %, got 128: those settings were reset"),
        "{n}"
    );
    assert!(d.scenario.resolve().is_ok());
    let huge = "a=1&".repeat(MAX_LINK_BYTES);
    let d = decode_link(&huge);
    assert_eq!(d.scenario, Scenario::baseline());
    assert!(d.notices[0]
        .to_string()
        .contains("more than the 8192 allowed"));
}

#[test]
fn names_are_carried_as_text() {
    let mut s = Scenario::baseline();
    s.name = Some("<img src=x onerror=alert(1)> & 稀土".into());
    let link = encode_link(&s, &ViewOptions::default());
    assert!(!link.contains('<') && !link.contains(' '));
    assert_eq!(decode_link(&link).scenario.name, s.name);
    assert_eq!(decode_link("name=%E7%A8%80%ZZ").notices.len(), 1);
}

/// Any value a parameter accepts, the awkward ones more often than chance would give them: the
/// bounds and their neighbours, zero of either sign, subnormals, and arbitrary bit patterns
/// within the range (17 significant digits).
fn any_valid_value(spec: &'static rare_earth::ParamSpec) -> impl Strategy<Value = f64> {
    let (min, max) = (spec.min, spec.max);
    // The next f64 above and below (f64::next_up is newer than the crate's MSRV).
    let up = |x: f64| match x {
        0.0 => 5e-324,
        x if x > 0.0 => f64::from_bits(x.to_bits() + 1),
        x => f64::from_bits(x.to_bits() - 1),
    };
    let down = |x: f64| -up(-x);
    let edges = [
        min,
        max,
        0.0,
        -0.0,
        5e-324,
        -5e-324,
        1e-310,
        -2.2e-308,
        f64::MIN_POSITIVE,
        up(min),
        down(max),
    ];
    prop_oneof![
        proptest::sample::select(edges.to_vec()),
        (0.0f64..=1.0).prop_map(move |u| min + u * (max - min)),
        any::<f64>(),
    ]
    .prop_filter_map("outside the range", move |v| {
        let v = if spec.integer() { v.round() } else { v };
        rare_earth::check_value(spec.id, v).is_ok().then_some(v)
    })
}

/// A valid scenario with up to every parameter changed to any accepted value, and a name and
/// notes of up to the longest kept, in any script.
fn any_valid_scenario() -> impl Strategy<Value = Scenario> {
    let values: Vec<_> = PARAMS
        .iter()
        .map(|p| proptest::option::weighted(0.5, any_valid_value(p)))
        .collect();
    let text = "[\\PC]{0,200}";
    (
        0..PRESETS.len(),
        values,
        proptest::option::of(text),
        proptest::option::of(text),
    )
        .prop_map(|(preset, values, name, notes)| {
            let mut s = Scenario::from_preset(PRESETS[preset].id).unwrap();
            for (spec, v) in PARAMS.iter().zip(values) {
                if let Some(v) = v {
                    s.set(spec.id, v).unwrap();
                }
            }
            finish(s, name, notes)
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    /// Issue 9, defect 5: every valid scenario's link opens to the same scenario, whatever its
    /// values (`-5e-324` was written as 330 digits) and however long its name and notes.
    #[test]
    fn every_valid_scenario_links_to_itself(s in any_valid_scenario()) {
        let link = encode_link(&s, &ViewOptions::default());
        prop_assert!(link.len() <= MAX_LINK_BYTES, "{} bytes: {link}", link.len());
        let back = decode_link(&link);
        prop_assert!(back.notices.is_empty(), "notices {:?} for {link}", back.notices);
        prop_assert_eq!(&back.scenario, &s);
        for (id, v) in &s.params {
            prop_assert_eq!(back.scenario.params.get(id).map(|b| b.to_bits()), Some(v.to_bits()), "{}", id);
        }
    }
}

#[test]
fn numbers_are_written_shortest_with_an_exponent_when_shorter() {
    use rare_earth::link::format_value;
    for (v, text) in [
        (-5e-324, "-5e-324"),
        (1e-310, "1e-310"),
        (6.4, "6.4"),
        (100.0, "100"),
        (0.001, "0.001"),
        (1e21, "1e21"),
        (1e20, "100000000000000000000"),
        (1e-6, "0.000001"),
        (1.5e-7, "1.5e-7"),
        (-0.0, "-0"),
        (0.1 + 0.2, "0.30000000000000004"),
    ] {
        assert_eq!(format_value(v), text);
        assert_eq!(
            format_value(v).parse::<f64>().unwrap().to_bits(),
            v.to_bits()
        );
    }
}

#[test]
fn every_group_can_be_hidden_by_a_link() {
    assert_eq!(
        rare_earth::link::GROUP_IDS.len(),
        rare_earth::Group::ALL.len()
    );
    for (group, id) in rare_earth::Group::ALL
        .iter()
        .zip(rare_earth::link::GROUP_IDS)
    {
        // The catalogue's spelling of the group is the id a link uses.
        assert_eq!(serde_json::to_value(group).unwrap(), *id);
        let d = decode_link(&format!("hide={id}"));
        assert!(d.notices.is_empty(), "{id}: {:?}", d.notices);
        assert_eq!(d.view.hide, [id]);
    }
}

#[test]
fn a_challenge_travels_in_the_link_and_an_unknown_one_is_named_with_the_allowed_ids() {
    let view = ViewOptions {
        challenge: Some("half_by_2032".into()),
        lock: vec!["ban1_severity_pct".into()],
        ..ViewOptions::default()
    };
    let link = encode_link(&Scenario::baseline(), &view);
    assert!(link.ends_with("&challenge=half_by_2032"), "{link}");
    let back = decode_link(&link);
    assert!(back.notices.is_empty(), "{:?}", back.notices);
    assert_eq!(back.view, view);

    // An unknown id: a notice naming the field and every allowed id; the rest of the link opens.
    let d = decode_link(
        "v=2&invest_magnet_musd=2100&challenge=win_everything&lang=zh&lock=ban1_severity_pct",
    );
    assert_eq!(d.view.challenge, None);
    assert_eq!(d.view.lang.as_deref(), Some("zh"));
    assert_eq!(d.view.lock, vec!["ban1_severity_pct".to_string()]);
    assert_eq!(d.scenario.params.get("invest_magnet_musd"), Some(&2100.0));
    assert_eq!(d.notices.len(), 1);
    assert_eq!(d.notices[0].code, "unknown_challenge");
    let text = d.notices[0].to_string();
    assert!(
        text.contains("`challenge`") && text.contains("win_everything"),
        "{text}"
    );
    for c in rare_earth::classroom::CHALLENGES {
        assert!(text.contains(c.id), "{text}");
    }
    // An empty or mangled value is the same notice, never a panic.
    for bad in [
        "challenge=",
        "challenge=%ZZ",
        "challenge=half_by_2032%00",
        "challenge=HALF_BY_2032",
    ] {
        let d = decode_link(bad);
        assert_eq!(d.view.challenge, None, "{bad}");
        assert!(!d.notices.is_empty(), "{bad}");
    }
}

proptest! {
    #[test]
    fn any_challenge_text_is_either_a_known_challenge_or_a_notice(text in "[a-z_%0-9]{0,30}") {
        let d = decode_link(&format!("challenge={text}"));
        match &d.view.challenge {
            Some(c) => prop_assert!(rare_earth::classroom::challenge(c).is_some()),
            None => prop_assert!(!d.notices.is_empty() || text.is_empty()),
        }
    }
}
