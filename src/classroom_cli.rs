//! The classroom commands of the CLI: `challenge`, `match`, `gallery` and `answer-key`. Scenarios
//! come as share links (the page's, whole or from `#`) or scenario files; numbers come from the
//! library ([`rare_earth::classroom`]).

use super::{echo, input_failure, read_scenario, scenario_args, scenario_of, Failure, Format};
use lexopt::{Arg, Parser};
use rare_earth::classroom::{self, Challenge, CHALLENGES};
use rare_earth::insight::Measure;
use rare_earth::{Projection, Scenario};
use std::path::Path;

/// A scenario from a share link or a scenario file. A link's unreadable parts are reported as
/// problems: a class's results should not silently rest on defaults.
fn scenario_from(arg: &str) -> Result<Scenario, Vec<String>> {
    let shown = super::echo_up_to(arg, 80);
    if let Some((_, fragment)) = arg.split_once('#') {
        let d = rare_earth::decode_link(fragment);
        if d.notices.is_empty() {
            return Ok(d.scenario);
        }
        return Err(d
            .notices
            .iter()
            .map(|n| format!("{shown}: part of the link cannot be read ({})", n.code))
            .collect());
    }
    read_scenario(Path::new(arg)).map(|(s, _)| s)
}

fn project(s: &Scenario) -> Result<Projection, Failure> {
    rare_earth::project(s).map_err(input_failure)
}

fn outcome_text(ch: &Challenge, o: &classroom::Outcome) -> String {
    let goal = if ch.goal.at_most {
        "at most"
    } else {
        "at least"
    };
    let mut out = format!(
        "challenge {} ({} side, from {}): {} {goal} {} -> {:.2} (start {:.2}): {}\n",
        ch.id,
        ch.side,
        ch.preset,
        ch.goal.measure,
        ch.goal.target,
        o.goal_value,
        o.start_value,
        if o.goal_met { "met" } else { "not yet" }
    );
    for (l, (v, ok)) in ch.limits.iter().zip(&o.limits) {
        let how = if l.at_most { "at most" } else { "at least" };
        out += &format!(
            "  limit: {} {how} {} -> {v:.2}: {}\n",
            l.measure,
            l.target,
            if *ok { "kept" } else { "BROKEN" }
        );
    }
    out += &format!(
        "score {:.0}/100{}\n",
        o.score,
        if o.success { ": success" } else { "" }
    );
    out
}

/// `rare-earth challenge ID [SCENARIO]`: how a scenario does against a challenge (the challenge's
/// preset when no scenario is given); `rare-earth challenge` lists them.
pub fn challenge(parser: &mut Parser) -> Result<String, Failure> {
    let id = match parser.next()? {
        Some(Arg::Value(v)) => Some(v.to_string_lossy().into_owned()),
        Some(other) => {
            return Err(Failure::Usage(format!(
                "`challenge` takes a challenge id first, got {}",
                echo(&format!("{other:?}"))
            )))
        }
        None => None,
    };
    let Some(id) = id else {
        return Ok(CHALLENGES
            .iter()
            .map(|c| {
                format!(
                    "{:<20} {:<6} from {:<16} {} {} {}\n",
                    c.id,
                    c.side,
                    c.preset,
                    c.goal.measure,
                    if c.goal.at_most { "<=" } else { ">=" },
                    c.goal.target
                )
            })
            .collect());
    };
    let Some(ch) = classroom::challenge(&id) else {
        return Err(Failure::Input(vec![format!(
            "unknown challenge {}: use one of {}",
            echo(&id),
            CHALLENGES
                .iter()
                .map(|c| c.id)
                .collect::<Vec<_>>()
                .join(", ")
        )]));
    };
    let a = scenario_args(parser, &[])?;
    let mut scenario = scenario_of(&a)?;
    if a.preset.is_none() && a.scenario.is_none() {
        scenario.preset = Some(ch.preset.to_string());
    }
    let o = classroom::check(ch, &project(&scenario)?);
    Ok(match a.format.unwrap_or(Format::Table) {
        Format::Json => {
            serde_json::to_string_pretty(&serde_json::json!({
                "challenge": ch.id, "goal_value": o.goal_value, "start_value": o.start_value,
                "goal_met": o.goal_met, "success": o.success, "score": o.score,
                "limits": o.limits.iter().map(|(v, ok)| serde_json::json!({"value": v, "kept": ok})).collect::<Vec<_>>(),
            }))
            .unwrap_or_default()
                + "\n"
        }
        _ => outcome_text(ch, &o),
    })
}

/// `--us`, `--china` and `--format` of `match`.
type MatchArgs = (Option<String>, Option<String>, Option<Format>);

fn two_values(parser: &mut Parser) -> Result<MatchArgs, Failure> {
    let (mut us, mut cn, mut format) = (None, None, None);
    while let Some(arg) = parser.next()? {
        match arg {
            Arg::Long("us") => us = Some(parser.value()?.to_string_lossy().into_owned()),
            Arg::Long("china") => cn = Some(parser.value()?.to_string_lossy().into_owned()),
            Arg::Long("format") => {
                let v = parser.value()?.to_string_lossy().into_owned();
                format = Some(super::parse_format(&v, &[Format::Table, Format::Json])?);
            }
            other => return Err(super::unexpected(other)),
        }
    }
    Ok((us, cn, format))
}

/// `rare-earth match --us LINK|FILE --china LINK|FILE`: the two teams' scenarios combined, and
/// both sides' payoffs year by year.
pub fn r#match(parser: &mut Parser) -> Result<String, Failure> {
    let (us, cn, format) = two_values(parser)?;
    let (Some(us), Some(cn)) = (us, cn) else {
        return Err(Failure::Usage("`match` needs `--us` and `--china`".into()));
    };
    let mut problems = Vec::new();
    let us_s = scenario_from(&us).map_err(|p| problems.extend(p)).ok();
    let cn_s = scenario_from(&cn).map_err(|p| problems.extend(p)).ok();
    let (Some(us_s), Some(cn_s)) = (us_s, cn_s) else {
        return Err(Failure::Input(problems));
    };
    let (m, ignored) = classroom::combine(&us_s, &cn_s).map_err(input_failure)?;
    let p = project(&m)?;
    let link = rare_earth::encode_link(&m, &rare_earth::ViewOptions::default());
    let s = &p.summary;
    let us_pay = [
        (
            "US chain self-sufficiency 2030, %",
            s.us_chain_self_sufficiency_2030_pct,
        ),
        ("US shortfall 2030, % of demand", s.us_shortfall_2030_pct),
        (
            "US defence coverage 2028, %",
            s.us_defence_coverage_2028_pct,
        ),
        (
            "US public cost 2024-horizon, $M",
            s.cumulative_public_cost_musd,
        ),
        (
            "US tariff collected, $M",
            s.cumulative_us_tariff_revenue_musd,
        ),
    ];
    let cn_pay = [
        (
            "China's share of separation 2030, %",
            s.china_share_separation_2030_pct,
        ),
        (
            "China's export revenue, $M",
            s.cumulative_china_export_revenue_musd,
        ),
        (
            "China's revenue given up, $M",
            s.cumulative_china_revenue_forgone_musd,
        ),
        (
            "NdPr price outside China 2030, $/kg",
            s.price_ndpr_ex_2030_usd_per_kg,
        ),
    ];
    Ok(match format.unwrap_or(Format::Table) {
        Format::Json => {
            serde_json::to_string_pretty(&serde_json::json!({
                "link": link, "ignored": ignored,
                "us": us_pay.iter().map(|(k, v)| (k.to_string(), serde_json::json!(v))).collect::<serde_json::Map<String, serde_json::Value>>(),
                "china": cn_pay.iter().map(|(k, v)| (k.to_string(), serde_json::json!(v))).collect::<serde_json::Map<String, serde_json::Value>>(),
                "projection": serde_json::from_str::<serde_json::Value>(&p.to_json()).unwrap_or_default(),
            }))
            .unwrap_or_default()
                + "\n"
        }
        _ => {
            let mut out = format!("the match: #{link}\n");
            if !ignored.is_empty() {
                out += &format!(
                    "note: China's team also set {}; the US team's values are used\n",
                    ignored.join(", ")
                );
            }
            out += "\nUS and allies\n";
            for (k, v) in us_pay {
                out += &format!("  {k:<40} {v:>10.1}\n");
            }
            out += "China\n";
            for (k, v) in cn_pay {
                out += &format!("  {k:<40} {v:>10.1}\n");
            }
            out
        }
    })
}

/// The gallery's columns: headline figures a class compares.
const GALLERY: [&str; 6] = [
    "us_chain_self_sufficiency_2030_pct",
    "us_shortfall_2030_pct",
    "cumulative_public_cost_musd",
    "price_ndpr_ex_2030_usd_per_kg",
    "cumulative_china_export_revenue_musd",
    "allies_supply_security_2030_pct",
];

/// `rare-earth gallery [--sort M] [--format table|csv|json] FILE...`: each FILE holds share links
/// (one a line, `name<TAB>link` allowed) or is a scenario file; one row per scenario with its
/// headline figures, sorted by M (largest first).
pub fn gallery(parser: &mut Parser) -> Result<String, Failure> {
    let (mut sort, mut format, mut files) = (None, None, Vec::new());
    while let Some(arg) = parser.next()? {
        match arg {
            Arg::Long("sort") => sort = Some(parser.value()?.to_string_lossy().into_owned()),
            Arg::Long("format") => {
                let v = parser.value()?.to_string_lossy().into_owned();
                format = Some(super::parse_format(
                    &v,
                    &[Format::Table, Format::Json, Format::Csv],
                )?);
            }
            Arg::Value(v) => files.push(v),
            other => return Err(super::unexpected(other)),
        }
    }
    if files.is_empty() {
        return Err(Failure::Usage("`gallery` needs at least one file".into()));
    }
    let sort = sort.unwrap_or_else(|| GALLERY[0].to_string());
    let Some(key) = Measure::parse(&sort) else {
        return Err(Failure::Input(vec![format!(
            "unknown measure {} in `--sort`",
            echo(&sort)
        )]));
    };
    let mut rows: Vec<(String, Vec<f64>, f64)> = Vec::new();
    let mut problems = Vec::new();
    for f in &files {
        let path = Path::new(f);
        let text = std::fs::read_to_string(path).map_err(|e| {
            Failure::Input(vec![format!(
                "cannot read {}: {e}",
                echo(&f.to_string_lossy())
            )])
        })?;
        let entries: Vec<(Option<String>, String)> = if text.trim_start().starts_with('{') {
            vec![(None, f.to_string_lossy().into_owned())]
        } else {
            text.lines()
                .map(str::trim)
                .filter(|l| !l.is_empty() && !l.starts_with("//"))
                .map(|l| match l.split_once('\t') {
                    Some((n, link)) => (Some(n.trim().to_string()), link.trim().to_string()),
                    None => (None, l.to_string()),
                })
                .collect()
        };
        for (name, src) in entries {
            match scenario_from(&src) {
                Ok(s) => {
                    let label = name
                        .or_else(|| s.name.clone())
                        .unwrap_or_else(|| format!("#{}", rows.len() + 1));
                    let p = project(&s)?;
                    let values = GALLERY
                        .iter()
                        .map(|m| Measure::parse(m).map_or(f64::NAN, |m| m.of(&p)))
                        .collect();
                    rows.push((label, values, key.of(&p)));
                }
                Err(p) => problems.extend(p),
            }
        }
    }
    if !problems.is_empty() {
        return Err(Failure::Input(problems));
    }
    rows.sort_by(|a, b| b.2.total_cmp(&a.2));
    Ok(match format.unwrap_or(Format::Table) {
        Format::Json => {
            serde_json::to_string_pretty(&serde_json::json!({
                "sort": sort, "columns": GALLERY,
                "rows": rows.iter().map(|(n, v, _)| serde_json::json!({"name": n, "values": v})).collect::<Vec<_>>(),
            }))
            .unwrap_or_default()
                + "\n"
        }
        Format::Csv => {
            let mut out = format!("name,{}\n", GALLERY.join(","));
            for (n, v, _) in &rows {
                let cells: Vec<String> = v.iter().map(|x| format!("{x:.4}")).collect();
                out += &format!("\"{}\",{}\n", n.replace('"', "\"\""), cells.join(","));
            }
            out
        }
        Format::Table => {
            let mut out = format!("{} scenarios, sorted by {sort}\n\n{:<24}", rows.len(), "name");
            for c in GALLERY {
                out += &format!(" {:>12}", &c[..c.len().min(12)]);
            }
            out += "\n";
            for (n, v, _) in &rows {
                let n: String = n.chars().take(24).collect();
                out += &format!("{n:<24}");
                for x in v {
                    out += &format!(" {x:>12.2}");
                }
                out += "\n";
            }
            out
        }
    })
}

/// The answer key of `docs/teaching/` (`answer-key.md`, `answer-key.zh.md`), from the model.
pub fn answer_key(parser: &mut Parser) -> Result<String, Failure> {
    let mut lang = "en".to_string();
    while let Some(arg) = parser.next()? {
        match arg {
            Arg::Long("lang") => lang = parser.value()?.to_string_lossy().into_owned(),
            other => return Err(super::unexpected(other)),
        }
    }
    let zh = match lang.as_str() {
        "en" => false,
        "zh" => true,
        other => {
            return Err(Failure::Input(vec![format!(
                "unknown language {}: use en or zh",
                echo(other)
            )]))
        }
    };
    key(zh).map_err(input_failure)
}

fn run(preset: &str, sets: &[(&str, f64)]) -> Result<Projection, rare_earth::ScenarioError> {
    let mut s = Scenario::from_preset(preset)?;
    for (id, v) in sets {
        s.set(id, *v)?;
    }
    rare_earth::project(&s)
}

fn series(p: &Projection, id: &str, year: i32) -> f64 {
    Measure::parse(&format!("{id}@{year}")).map_or(f64::NAN, |m| m.of(p))
}

fn key(zh: bool) -> Result<String, rare_earth::ScenarioError> {
    let t = |en: &str, cn: &str| if zh { cn.to_string() } else { en.to_string() };
    let base = run("baseline", &[])?;
    let cheap = run("baseline", &[("refining_cost_us_usd_per_t", 48_300.0)])?;
    let push = run("us_push", &[])?;
    let ban = run("ban_escalation", &[])?;
    let b = &base.summary;
    let mut out = t(
        "# Answer key\n\nGenerated by `rare-earth answer-key` from model ",
        "# 参考答案\n\n由 `rare-earth answer-key --lang zh` 根据模型 ",
    ) + rare_earth::MODEL_VERSION
        + &t(
            ". Do not edit: a test fails when it is stale; run `cargo run --release -- answer-key > docs/teaching/answer-key.md`.\n\n",
            " 生成。请勿手改：模型变化后测试会失败；运行 `cargo run --release -- answer-key --lang zh > docs/teaching/answer-key.zh.md` 重新生成。\n\n",
        );
    out += &t("## Predict, then reveal\n\n", "## 先预测，再揭晓\n\n");
    let lines = [
        (
            t(
                "1. US chain self-sufficiency in 2030, sourced baseline",
                "1. 基准情景下2030年美国全产业链自给率",
            ),
            format!("{:.1}%", b.us_chain_self_sufficiency_2030_pct),
        ),
        (
            t(
                "2. US shortfall in 2030 (share of US demand not met)",
                "2. 2030年美国缺口（未满足需求的比例）",
            ),
            format!("{:.1}%", b.us_shortfall_2030_pct),
        ),
        (
            t(
                "3. NdPr oxide price in 2030, China / outside China",
                "3. 2030年氧化镨钕价格：中国 / 中国境外",
            ),
            format!(
                "${:.1} / ${:.1} per kg",
                b.price_ndpr_cn_2030_usd_per_kg, b.price_ndpr_ex_2030_usd_per_kg
            ),
        ),
        (
            t(
                "4. Highest Dy+Tb price outside China over China's",
                "4. 中国境外镝铽价格高出中国国内的最大幅度",
            ),
            format!("{:.0}%", b.peak_wedge_heavy_pct),
        ),
        (
            t(
                "5. US chain self-sufficiency 2030 with US refining cost 30% lower",
                "5. 美国精炼成本降低30%后，2030年全产业链自给率",
            ),
            format!(
                "{:.1}% ({})",
                cheap.summary.us_chain_self_sufficiency_2030_pct,
                t(
                    "metal and magnet capacity limit the chain, not oxide cost",
                    "限制产业链的是金属和磁体产能，而非氧化物成本"
                )
            ),
        ),
        (
            t(
                "6. US chain self-sufficiency in 2032 under \"US push\"",
                "6. “美国推进”情景下2032年全产业链自给率",
            ),
            format!(
                "{:.1}%",
                series(&push, "us_self_sufficiency_chain_pct", 2032)
            ),
        ),
        (
            t(
                "7. US shortfall 2024-2040 under the export-ban escalation, t",
                "7. 出口禁令升级情景下2024-2040年美国累计缺口（吨）",
            ),
            format!(
                "{:.0} t ({} {:.0} t)",
                ban.summary.cumulative_us_shortfall_t,
                t("baseline", "基准"),
                b.cumulative_us_shortfall_t
            ),
        ),
    ];
    for (q, a) in lines {
        out += &format!("{q}: **{a}**\n");
    }
    out += &t("\n## Challenges\n\n", "\n## 挑战\n\n");
    for ch in CHALLENGES {
        let s = classroom::solution(ch)?;
        let o = classroom::check(ch, &rare_earth::project(&s)?);
        let sets: Vec<String> = s.params.iter().map(|(k, v)| format!("`{k}={v}`")).collect();
        let goal = if ch.goal.at_most { "≤" } else { "≥" };
        out += &format!(
            "- **{}** ({}: `{}`; {} `{}` {goal} {}): {} {:.2} → {:.2}",
            ch.id,
            t("from", "起点"),
            ch.preset,
            t("goal", "目标"),
            ch.goal.measure,
            ch.goal.target,
            t("start", "起始"),
            o.start_value,
            o.goal_value,
        );
        for (l, (v, _)) in ch.limits.iter().zip(&o.limits) {
            let how = if l.at_most { "≤" } else { "≥" };
            out += &format!("; `{}` {how} {}: {v:.0}", l.measure, l.target);
        }
        out += &format!(
            "; {} {}\n",
            t("one solution:", "一种解法："),
            sets.join(", ")
        );
    }
    out += &t("\n## The match, an example\n\n", "\n## 对抗赛示例\n\n");
    let mut us = Scenario::from_preset("us_push")?;
    us.set("tariff_cn_magnets_pct", 25.0)?;
    let mut cn = Scenario::from_preset("us_push")?;
    cn.set("price_strategy_pct", 80.0)?;
    cn.set("price_strategy_years", 5.0)?;
    let (m, _) = classroom::combine(&us, &cn)?;
    let mp = rare_earth::project(&m)?;
    let alone = [rare_earth::project(&us)?, rare_earth::project(&cn)?];
    out += &t(
        "From \"US push\": the US team adds a 25% tariff on Chinese magnets; China's team sells NdPr outside China at 80% of the cheapest rival's cash cost for five years.\n\n| | US move alone | China move alone | both |\n|---|---|---|---|\n",
        "从“美国推进”出发：美国队对中国磁体加征25%关税；中国队在五年内以最便宜竞争者现金成本的80%在中国境外出售氧化镨钕。\n\n| | 仅美方行动 | 仅中方行动 | 双方 |\n|---|---|---|---|\n",
    );
    type Row = (String, fn(&Projection) -> f64);
    let rows: [Row; 4] = [
        (
            t(
                "US chain self-sufficiency 2030, %",
                "2030年美国全产业链自给率，%",
            ),
            |p| p.summary.us_chain_self_sufficiency_2030_pct,
        ),
        (
            t("US public cost, $M", "美国公共支出，百万美元"),
            |p| p.summary.cumulative_public_cost_musd,
        ),
        (
            t(
                "China's share of separation 2030, %",
                "2030年中国分离环节份额，%",
            ),
            |p| p.summary.china_share_separation_2030_pct,
        ),
        (
            t("China's revenue given up, $M", "中国放弃的收入，百万美元"),
            |p| p.summary.cumulative_china_revenue_forgone_musd,
        ),
    ];
    for (label, f) in rows {
        out += &format!(
            "| {label} | {:.1} | {:.1} | {:.1} |\n",
            f(&alone[0]),
            f(&alone[1]),
            f(&mp)
        );
    }
    Ok(out)
}
