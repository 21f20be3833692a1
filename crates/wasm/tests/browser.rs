//! wasm-bindgen tests of the bindings in headless Chromium (chromedriver from CHROMEDRIVER or
//! PATH): the same checks as node.rs, where the page runs them. Native builds skip them.
#![cfg(target_arch = "wasm32")]

mod common;

use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
fn runs_in_a_browser() {
    let global = js_sys::global();
    assert!(js_sys::Reflect::has(&global, &"document".into()).unwrap());
    let agent = js_sys::Reflect::get(&global, &"navigator".into())
        .and_then(|n| js_sys::Reflect::get(&n, &"userAgent".into()))
        .unwrap()
        .as_string()
        .unwrap();
    assert!(agent.contains("Chrome"), "{agent}");
}
