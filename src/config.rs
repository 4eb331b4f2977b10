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
    /// The embedder allows GA4 e-commerce events (`data-analytics="ga4"`).
    pub ga4: bool,
    /// The size group shown first (`data-group`); the URL's `group` wins.
    pub group: Option<i64>,
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
            ga4: attr("data-analytics").is_some_and(|a| a.split([',', ' ']).any(|x| x == "ga4")),
            group: attr("data-group").and_then(|g| g.trim().parse().ok()),
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

/// The first element matching `selector` in the tree `node` belongs to: the
/// widget's shadow root when embedded, else the document.
#[must_use]
pub fn find_in_root(node: &web_sys::Node, selector: &str) -> Option<web_sys::Element> {
    let root = node.get_root_node();
    if let Some(shadow) = root.dyn_ref::<web_sys::ShadowRoot>() {
        return shadow.query_selector(selector).ok().flatten();
    }
    root.dyn_ref::<web_sys::Document>()
        .and_then(|d| d.query_selector(selector).ok().flatten())
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
