//! Who sent the tenant: the UTM parameters of the page URL and the
//! referrer, captured when the widget mounts and sent with the booking.

use booking_model::{Attribution, ATTRIBUTION_MAX};

use crate::query::Query;

/// From the page URL's parameters, `document.referrer` and the page's own
/// address; an iframe gets the host's referrer and landing page from its
/// URL (`referrer`, `landingPage`), where the loader put them. Each value
/// is cut to what the API keeps.
#[must_use]
pub fn from_parts(query: &Query, referrer: Option<String>, page: Option<String>) -> Attribution {
    let keep = |v: &str| Some(v.chars().take(ATTRIBUTION_MAX).collect::<String>());
    let get = |name: &str| query.get(name).and_then(keep);
    let given = |v: Option<String>| v.filter(|v| !v.is_empty()).and_then(|v| keep(&v));
    Attribution {
        utm_source: get("utm_source"),
        utm_medium: get("utm_medium"),
        utm_campaign: get("utm_campaign"),
        utm_term: get("utm_term"),
        utm_content: get("utm_content"),
        referrer: get("referrer").or_else(|| given(referrer)),
        landing_page: get("landingPage").or_else(|| given(page)),
    }
}

/// [`from_parts`] for the page the widget runs in.
#[cfg(target_arch = "wasm32")]
#[must_use]
pub fn from_page() -> Attribution {
    let window = web_sys::window();
    let referrer = window
        .as_ref()
        .and_then(web_sys::Window::document)
        .map(|d| d.referrer());
    let page = window.as_ref().and_then(|w| w.location().href().ok());
    from_parts(&crate::page::query(), referrer, page)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utm_parameters_and_the_referrer_are_kept_within_bounds() {
        let long = "x".repeat(ATTRIBUTION_MAX + 10);
        let query = Query::parse(&format!(
            "?utm_source=newsletter&utm_campaign={long}&utm_medium="
        ));
        let a = from_parts(
            &query,
            Some("https://search.example/".into()),
            Some("https://host/p".into()),
        );
        assert_eq!(a.utm_source.as_deref(), Some("newsletter"));
        assert_eq!(a.utm_campaign.map(|c| c.len()), Some(ATTRIBUTION_MAX));
        assert_eq!(a.utm_medium, None);
        assert_eq!(a.referrer.as_deref(), Some("https://search.example/"));
        assert_eq!(a.landing_page.as_deref(), Some("https://host/p"));
    }

    #[test]
    fn an_iframe_reports_the_host_page() {
        let query = Query::parse(
            "?referrer=https%3A%2F%2Fads.example%2F&landingPage=https%3A%2F%2Fhost%2F",
        );
        let a = from_parts(
            &query,
            Some("https://host/".into()),
            Some("https://api/embed/".into()),
        );
        assert_eq!(a.referrer.as_deref(), Some("https://ads.example/"));
        assert_eq!(a.landing_page.as_deref(), Some("https://host/"));
        assert!(from_parts(&Query::default(), Some(String::new()), None).is_empty());
    }
}
