//! Small float helpers for the model: clamping and min/max that never panic and compile to
//! plain comparisons in wasm.
//!
//! `f64::clamp` panics when its bounds are out of order, and that panic's message formats f64
//! with `Debug`, which alone put ~15 KB of float-formatting code back into the wasm module;
//! `f64::max`/`min` follow IEEE maxNum/minNum and became out-of-line calls there. The model's
//! values are validated finite, so plain comparisons are exact.

/// `v` held within `[lo, hi]` (`lo` wins if the bounds cross; a NaN `v` gives `hi`).
#[inline(always)]
pub fn clamp(v: f64, lo: f64, hi: f64) -> f64 {
    if v < lo {
        lo
    } else if v > hi || v.is_nan() {
        hi.max(lo)
    } else {
        v
    }
}
