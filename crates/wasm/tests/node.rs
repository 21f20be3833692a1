//! wasm-bindgen tests of the bindings in Node (`cargo test -p rare-earth-wasm --target
//! wasm32-unknown-unknown`; the runner is set in .cargo/config.toml). Native builds skip them.
//! The checks themselves are in `common`, shared with the browser run.
#![cfg(target_arch = "wasm32")]

mod common;
