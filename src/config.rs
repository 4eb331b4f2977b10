//! Where the widget gets its settings: the mount element's `data-*`
//! attributes (what an operator writes), overridden by the page URL's query
//! parameters (what a marketing link carries).

use crate::i18n::Lang;

/// What one widget instance talks to and shows.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Config {
    /// Origin of the booking API, without a trailing slash; empty for the
    /// page's own origin.
    pub api_base: String,
    /// The operator's publishable key (`pk_…`): safe in a page, it only
    /// names the site.
    pub api_key: String,
    pub property_id: String,
    /// The embedder's or the link's language; `None` follows the property's
    /// locale (so does a language the widget does not speak).
    pub lang: Option<Lang>,
    pub storage_id: Option<String>,
    pub tenant_type: Option<String>,
    /// The embedder allows GA4 e-commerce events (`data-analytics="ga4"`).
    pub ga4: bool,
    /// The size group shown first (`data-group`); the URL's `group` wins.
    pub group: Option<i64>,
}

impl Config {
    /// From the element's attributes (`attr("data-locale")`) and the page
    /// URL's parameters (`param("lang")`); blank values count as absent.
    #[must_use]
    pub fn from_sources(
        attr: impl Fn(&str) -> Option<String>,
        param: impl Fn(&str) -> Option<String>,
    ) -> Self {
        let present = |v: Option<String>| v.filter(|v| !v.trim().is_empty());
        let attr = |name: &str| present(attr(name));
        let param = |name: &str| present(param(name));
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
            lang: param("lang")
                .or_else(|| attr("data-locale"))
                .and_then(|tag| Lang::parse(tag.trim())),
            storage_id: param("storage").or_else(|| attr("data-storage")),
            tenant_type: param("tenantType").or_else(|| attr("data-tenant-type")),
            ga4: attr("data-analytics").is_some_and(|a| a.split([',', ' ']).any(|x| x == "ga4")),
            group: attr("data-group").and_then(|g| g.trim().parse().ok()),
        }
    }

    /// The settings of the widget mounted on `element`.
    #[cfg(target_arch = "wasm32")]
    #[must_use]
    pub fn from_element(element: &web_sys::Element) -> Self {
        let query = crate::page::query();
        Self::from_sources(
            |name| element.get_attribute(name),
            |name| query.get(name).map(str::to_owned),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config(attrs: &[(&str, &str)], params: &[(&str, &str)]) -> Config {
        let find = |list: &[(&str, &str)], name: &str| {
            list.iter()
                .find(|(n, _)| *n == name)
                .map(|(_, v)| (*v).to_owned())
        };
        Config::from_sources(|n| find(attrs, n), |n| find(params, n))
    }

    #[test]
    fn the_url_wins_over_the_element() {
        let c = config(
            &[
                ("data-api-base", "https://booking.example.com/"),
                ("data-api-key", "pk_site"),
                ("data-property", "p-1"),
                ("data-locale", "de"),
                ("data-analytics", "gtm, ga4"),
                ("data-group", " 2 "),
            ],
            &[("lang", "nl-BE"), ("property", "p-2"), ("key", " ")],
        );
        assert_eq!(c.api_base, "https://booking.example.com");
        assert_eq!(c.api_key, "pk_site", "a blank parameter does not override");
        assert_eq!(c.property_id, "p-2");
        assert_eq!(c.lang, Some(Lang::Nl));
        assert!(c.ga4);
        assert_eq!(c.group, Some(2));
    }

    #[test]
    fn an_unspoken_language_follows_the_property() {
        assert_eq!(config(&[("data-locale", "it")], &[]).lang, None);
        assert_eq!(config(&[], &[("lang", "ES")]).lang, Some(Lang::Es));
        assert!(!config(&[("data-analytics", "ga4x")], &[]).ga4);
    }
}
