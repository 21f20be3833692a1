//! The teaching kit (issue 13): the answer key in `docs/teaching/` is what the model gives today,
//! and the classroom commands work on a class's links.

use std::process::Command;

fn cli(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_rare-earth"))
        .args(args)
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

#[test]
fn the_answer_keys_are_not_stale() {
    for (lang, file) in [("en", "answer-key.md"), ("zh", "answer-key.zh.md")] {
        let path = format!("{}/docs/teaching/{file}", env!("CARGO_MANIFEST_DIR"));
        let written = std::fs::read_to_string(&path).unwrap();
        let (code, now, err) = cli(&["answer-key", "--lang", lang]);
        assert_eq!(code, 0, "{err}");
        assert!(
            written == now,
            "{path} is stale: run `cargo run --release -- answer-key --lang {lang} > docs/teaching/{file}`"
        );
    }
}

#[test]
fn the_gallery_ranks_a_class_of_thirty_links() {
    let dir = std::env::temp_dir().join(format!("rare-earth-gallery-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("class.txt");
    let mut text = String::from("// pairs' links\n");
    for i in 0..30 {
        let invest = i * 150;
        text += &format!(
            "Pair {i}\thttps://example.org/calc/#v=2&preset=baseline&invest_magnet_musd={invest}\n"
        );
    }
    std::fs::write(&file, text).unwrap();
    let (code, out, err) = cli(&["gallery", "--format", "csv", file.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    let rows: Vec<&str> = out.lines().skip(1).collect();
    assert_eq!(rows.len(), 30);
    // More public magnet investment, more self-sufficiency: the last pair ranks first.
    assert!(rows[0].starts_with("\"Pair 29\""), "{}", rows[0]);
    assert!(rows[29].starts_with("\"Pair 0\""), "{}", rows[29]);
    let first: f64 = rows[0].split(',').nth(1).unwrap().parse().unwrap();
    let last: f64 = rows[29].split(',').nth(1).unwrap().parse().unwrap();
    assert!(first > last + 10.0, "{first} vs {last}");
    // A mangled link is reported, naming it, not silently run as defaults.
    std::fs::write(
        &file,
        "Pair X\thttps://e.org/#v=2&invest_magnet_musd=lots\n",
    )
    .unwrap();
    let (code, _, err) = cli(&["gallery", file.to_str().unwrap()]);
    assert_eq!(code, 2);
    assert!(err.contains("cannot be read"), "{err}");
    // ... also when its 80th byte falls inside a character (it was sliced there, and panicked).
    let name = "中".repeat(40);
    std::fs::write(&file, format!("#v=2&name={name}&invest_magnet_musd=lots\n")).unwrap();
    let (code, _, err) = cli(&["gallery", file.to_str().unwrap()]);
    assert_eq!(code, 2, "{err}");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn the_match_combines_two_team_links() {
    let us = "https://example.org/#v=2&preset=us_push&name=Eagles&tariff_cn_magnets_pct=25";
    let cn = "#v=2&preset=us_push&name=Dragons&price_strategy_pct=80&price_strategy_years=5";
    let (code, out, err) = cli(&["match", "--us", us, "--china", cn, "--format", "json"]);
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let link = v["link"].as_str().unwrap();
    assert!(link.contains("tariff_cn_magnets_pct=25"), "{link}");
    assert!(link.contains("price_strategy_pct=80"), "{link}");
    assert!(
        link.contains("Eagles%20vs%20Dragons") || link.contains("Eagles+vs+Dragons"),
        "{link}"
    );
    assert!(v["china"]["China's revenue given up, $M"].as_f64().unwrap() > 0.0);
    assert!(v["us"]["US tariff collected, $M"].as_f64().unwrap() > 0.0);
    // The challenge command scores a scenario.
    let (code, out, _) = cli(&[
        "challenge",
        "half_by_2032",
        "--set",
        "invest_magnet_musd=2100",
    ]);
    assert_eq!(code, 0);
    assert!(out.contains("score 100/100: success"), "{out}");
}
