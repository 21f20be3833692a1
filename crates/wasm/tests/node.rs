//! wasm-bindgen tests of the bindings in Node (`cargo test -p rare-earth-wasm --target
//! wasm32-unknown-unknown`; the runner is set in .cargo/config.toml). Native builds skip them.
#![cfg(target_arch = "wasm32")]

mod common;

use wasm_bindgen_test::wasm_bindgen_test;

#[wasm_bindgen_test]
fn runs_in_node() {
    let global = js_sys::global();
    assert!(js_sys::Reflect::has(&global, &"process".into()).unwrap());
    assert!(!js_sys::Reflect::has(&global, &"document".into()).unwrap());
}
