//! Criterion benchmark of the uncertainty and insight tools (MODEL.md section 17): the issue's
//! page targets are 10,000 Monte Carlo runs within 100 ms across workers, a tornado and a goal
//! seek within 50 ms each; these are the native, one-thread figures they rest on.

use criterion::{black_box, criterion_group, criterion_main, Criterion};
use rare_earth::insight::{self, Measure};
use rare_earth::{Inputs, Scenario, Series};

fn bench(c: &mut Criterion) {
    let inputs = Inputs::defaults();
    let main = [Series::UsSelfSufficiencyChain, Series::ShortfallUs];
    let mut g = c.benchmark_group("insight");
    g.sample_size(10);
    g.bench_function("bands_1000_runs", |b| {
        b.iter(|| insight::bands(black_box(&inputs), &[], 1000, 1, &main))
    });
    let m = Measure::parse("us_chain_self_sufficiency_2030_pct").unwrap();
    g.bench_function("tornado_every_parameter", |b| {
        b.iter(|| insight::tornado(black_box(&inputs), &m))
    });
    let m32 = Measure::parse("us_self_sufficiency_chain_pct@2032").unwrap();
    g.bench_function("seek_magnet_investment_50pct_2032", |b| {
        b.iter(|| insight::seek(black_box(&inputs), "invest_magnet_musd", &m32, 50.0, false))
    });
    let to = Scenario::from_preset("allied_coordination")
        .unwrap()
        .resolve()
        .unwrap();
    g.bench_function("attribute_allied_coordination", |b| {
        b.iter(|| insight::attribute(black_box(&inputs), &to, &m, 1))
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
