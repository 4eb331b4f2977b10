//! The widget in a real headless Chromium: mounted on a fresh element, its
//! DOM is what a tenant (and a screen reader) gets.
#![cfg(target_arch = "wasm32")]

use leptos::prelude::*;
use storage_widget::App;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

fn fresh_root() -> web_sys::HtmlElement {
    let document = document();
    let root = document.create_element("div").expect("div").unchecked_into::<web_sys::HtmlElement>();
    document.body().expect("body").append_child(&root).expect("appended");
    root
}

#[wasm_bindgen_test]
fn shell_shows_title_and_an_announced_loading_state() {
    let root = fresh_root();
    let _handle = leptos::mount::mount_to(root.clone(), App);
    let title = root.query_selector("h1").expect("query").expect("a heading");
    assert_eq!(title.text_content().as_deref(), Some("Book a storage unit"));
    let status = root.query_selector("[role=status]").expect("query").expect("a status region");
    assert_eq!(status.get_attribute("aria-busy").as_deref(), Some("true"));
    assert!(status.text_content().unwrap_or_default().contains("Loading"));
}
