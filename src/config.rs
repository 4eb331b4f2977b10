//! Where the widget gets its settings: the mount element's `data-*`
//! attributes (what an operator writes), overridden by the page URL's query
//! parameters (what a marketing link carries).

use wasm_bindgen::JsCast;

/// What one widget instance talks to and shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Config {
    /// Origin of the booking API, without a trailing slash; empty for the
    /// page's own origin.
    pub api_base: String,
    /// The operator's publishable key (`pk_…`): safe in a page, it only
    /// names the site.
    pub api_key: String,
    pub property_id: String,
    /// `fr` or `en`; `None` follows the property's locale.
    pub lang: Option<String>,
    pub storage_id: Option<String>,
    pub tenant_type: Option<String>,
}

impl Config {
    /// Reads the settings of the widget mounted on `element`.
    #[must_use]
    pub fn from_element(element: &web_sys::Element) -> Self {
        let attr = |name: &str| element.get_attribute(name).filter(|v| !v.trim().is_empty());
        let query = query_params();
        let param = |name: &str| {
            query
                .as_ref()
                .and_then(|q| q.get(name))
                .filter(|v| !v.trim().is_empty())
        };
        Self {
            api_base: attr("data-api-base")
                .unwrap_or_default()
                .trim_end_matches('/')
                .to_owned(),
            api_key: param("key")
                .or_else(|| attr("data-api-key"))
                .unwrap_or_default(),
            property_id: param("property")
                .or_else(|| attr("data-property"))
                .unwrap_or_default(),
            lang: param("lang").or_else(|| attr("data-locale")),
            storage_id: param("storage").or_else(|| attr("data-storage")),
            tenant_type: param("tenantType").or_else(|| attr("data-tenant-type")),
        }
    }
}

/// The page URL's query parameters, if the page has a URL.
#[must_use]
pub fn query_params() -> Option<web_sys::UrlSearchParams> {
    let search = web_sys::window()?.location().search().ok()?;
    web_sys::UrlSearchParams::new_with_str(&search).ok()
}

/// Writes `params` into the page URL without a navigation, so that a
/// reload or a shared link keeps the tenant's filters and choices.
pub fn replace_query(params: &[(&str, Option<String>)]) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let Ok(href) = window.location().href() else {
        return;
    };
    let Ok(url) = web_sys::Url::new(&href) else {
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

/// The element the full-page widget mounts on (`#storage-widget`), created
/// if the page lacks it.
#[must_use]
pub fn page_root() -> Option<web_sys::HtmlElement> {
    let document = web_sys::window()?.document()?;
    if let Some(el) = document.get_element_by_id("storage-widget") {
        return el.dyn_into().ok();
    }
    let el = document.create_element("div").ok()?;
    el.set_id("storage-widget");
    document.body()?.append_child(&el).ok()?;
    el.dyn_into().ok()
}
