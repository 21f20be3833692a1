//! The classroom's model half (issue 13): every ready-made challenge is solvable and not already
//! solved at its start, scores move towards 100 as the goal is approached, and the two-team match
//! takes each side's levers from its own team.

use rare_earth::classroom::{self, CHALLENGES};
use rare_earth::Scenario;

#[test]
fn every_challenge_is_solvable_and_starts_unsolved() {
    for ch in CHALLENGES {
        let start = rare_earth::project(&Scenario::from_preset(ch.preset).unwrap()).unwrap();
        let before = classroom::check(ch, &start);
        assert!(!before.success, "{}: solved at the start", ch.id);
        assert!(before.score < 1e-9, "{}: starts at {}", ch.id, before.score);
        let solved = rare_earth::project(&classroom::solution(ch).unwrap()).unwrap();
        let after = classroom::check(ch, &solved);
        assert!(
            after.success,
            "{}: the worked solution fails: {after:?}",
            ch.id
        );
        assert_eq!(after.score, 100.0);
        // The solution moves only the challenge's own side.
        let s = classroom::solution(ch).unwrap();
        for id in s.params.keys() {
            assert_eq!(
                classroom::china_side(id),
                ch.side == "china",
                "{}: {id}",
                ch.id
            );
        }
    }
}

#[test]
fn a_partial_answer_scores_between_and_a_broken_limit_halves_it() {
    let ch = classroom::challenge("half_by_2032").unwrap();
    let mut half = Scenario::baseline();
    half.set("invest_magnet_musd", 1_000.0).unwrap();
    let o = classroom::check(ch, &rare_earth::project(&half).unwrap());
    assert!(!o.success && o.score > 10.0 && o.score < 99.0, "{o:?}");
    // The same progress bought with public money over the limit scores half as much.
    half.set("invest_separation_musd", 5_000.0).unwrap();
    half.set("stockpile_target_t", 50_000.0).unwrap();
    half.set("stockpile_refill_t_per_yr", 10_000.0).unwrap();
    let broke = classroom::check(ch, &rare_earth::project(&half).unwrap());
    assert!(!broke.limits[0].1, "{broke:?}");
    assert!(broke.score < o.score, "{} vs {}", broke.score, o.score);
}

#[test]
fn the_match_takes_each_side_from_its_team() {
    let mut us = Scenario::from_preset("us_push").unwrap();
    us.name = Some("Team A".into());
    us.set("tariff_cn_magnets_pct", 25.0).unwrap();
    let mut cn = Scenario::from_preset("us_push").unwrap();
    cn.name = Some("Team B".into());
    cn.set("price_strategy_pct", 80.0).unwrap();
    cn.set("ban1_severity_pct", 60.0).unwrap();
    // China's team also moved a US lever: ignored, and said so.
    cn.set("invest_magnet_musd", 4_000.0).unwrap();
    let (m, ignored) = classroom::combine(&us, &cn).unwrap();
    let x = m.resolve().unwrap();
    assert_eq!(x.get("tariff_cn_magnets_pct"), Some(25.0));
    assert_eq!(x.get("price_strategy_pct"), Some(80.0));
    assert_eq!(x.get("ban1_severity_pct"), Some(60.0));
    assert_eq!(
        x.get("invest_magnet_musd"),
        us.resolve().unwrap().get("invest_magnet_musd")
    );
    assert_eq!(ignored, vec!["invest_magnet_musd"]);
    assert_eq!(m.preset.as_deref(), Some("us_push"));
    assert_eq!(m.name.as_deref(), Some("Team A vs Team B"));
    // Both payoffs come from the one combined projection.
    let p = rare_earth::project(&m).unwrap();
    assert!(p.summary.cumulative_china_revenue_forgone_musd > 0.0);
    assert!(p.summary.cumulative_us_tariff_revenue_musd > 0.0);
}
