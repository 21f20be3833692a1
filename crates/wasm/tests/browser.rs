//! wasm-bindgen tests of the bindings in headless Chromium (chromedriver from CHROMEDRIVER or
//! PATH): the same checks as node.rs, where the page runs them. Native builds skip them.
#![cfg(target_arch = "wasm32")]

mod common;

wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);
