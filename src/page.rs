//! The page around the widget: its URL (read for deep links, written back
//! for the listing's filters), and the root the widget's own elements live
//! in (the shadow root when embedded, else the document).

use wasm_bindgen::JsCast;

use crate::query::Query;

/// The page URL's query parameters (none without a page).
#[must_use]
pub fn query() -> Query {
    let search = web_sys::window()
        .and_then(|w| w.location().search().ok())
        .unwrap_or_default();
    Query::parse(&search)
}

/// Writes `params` into the page URL without a navigation, so that a
/// reload or a shared link keeps the tenant's filters.
pub fn replace_query(params: &[(&str, Option<String>)]) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let Some(url) = window
        .location()
        .href()
        .ok()
        .and_then(|href| web_sys::Url::new(&href).ok())
    else {
        return;
    };
    let search = url.search_params();
    for (name, value) in params {
        match value {
            Some(v) if !v.is_empty() => search.set(name, v),
            _ => search.delete(name),
        }
    }
    if let Ok(history) = window.history() {
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url.href()));
    }
}

/// The first element matching `selector` in the tree `node` belongs to.
#[must_use]
pub fn find_in_root(node: &web_sys::Node, selector: &str) -> Option<web_sys::HtmlElement> {
    let root = node.get_root_node();
    let found = if let Some(shadow) = root.dyn_ref::<web_sys::ShadowRoot>() {
        shadow.query_selector(selector).ok().flatten()
    } else {
        root.dyn_ref::<web_sys::Document>()
            .and_then(|d| d.query_selector(selector).ok().flatten())
    };
    found.and_then(|e| e.dyn_into().ok())
}

/// Moves keyboard focus to the first element matching `selector` inside
/// `within` (a form: its first field to correct), once what is being
/// rendered has rendered.
pub fn focus_later(within: Option<web_sys::Element>, selector: &'static str) {
    let Some(within) = within else { return };
    leptos::task::spawn_local(async move {
        leptos::task::tick().await;
        let found = within.query_selector(selector).ok().flatten();
        if let Some(element) = found.and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
            let _ = element.focus();
        }
    });
}

/// The element the full-page widget mounts on (`#storage-widget` of the
/// API's own page). A host page that loads the module through
/// `/widget.js` has none, and the loader mounts instead.
#[must_use]
pub fn page_root() -> Option<web_sys::HtmlElement> {
    let document = web_sys::window()?.document()?;
    document
        .get_element_by_id("storage-widget")?
        .dyn_into()
        .ok()
}

/// Runs `f` once the browser is idle (`requestIdleCallback`, at most a
/// second later), or after 200 ms where it has no such call (Safari).
pub fn when_idle(f: impl FnOnce() + 'static) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let callback = wasm_bindgen::closure::Closure::once_into_js(f);
    let idle = js_sys::Reflect::get(&window, &"requestIdleCallback".into())
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok());
    if let Some(idle) = idle {
        let options = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&options, &"timeout".into(), &1000.into());
        let _ = idle.call2(&window, &callback, &options);
    } else {
        let _ = window
            .set_timeout_with_callback_and_timeout_and_arguments_0(callback.unchecked_ref(), 200);
    }
}
