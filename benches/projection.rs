//! Criterion benchmark: one full projection of the default scenario (target: <= 10 us natively).

use criterion::{black_box, criterion_group, criterion_main, Criterion};
use rare_earth::{model, Inputs, Scenario};

fn bench(c: &mut Criterion) {
    let inputs = Inputs::defaults();
    c.bench_function("project_default_2024_2040", |b| {
        b.iter(|| model::project(black_box(&inputs)))
    });
    let push = Scenario::from_preset("ban_escalation")
        .unwrap()
        .resolve()
        .unwrap();
    c.bench_function("project_ban_escalation_2024_2040", |b| {
        b.iter(|| model::project(black_box(&push)))
    });
    let scenario = Scenario::baseline();
    c.bench_function("resolve_and_project_default", |b| {
        b.iter(|| rare_earth::project(black_box(&scenario)))
    });
    let p = model::project(&inputs);
    c.bench_function("projection_to_json", |b| b.iter(|| black_box(&p).to_json()));
}

criterion_group!(benches, bench);
criterion_main!(benches);
