//! Who sent the tenant: the UTM parameters of the page URL and the
//! referrer, captured when the widget mounts and sent with the booking.

use booking_model::Attribution;

/// From the page URL (the host page's, when embedded by script) and
/// `document.referrer`; an iframe gets them from its own URL, where the
/// loader put the host's (`referrer`, `landingPage`).
#[must_use]
pub fn from_page() -> Attribution {
    let query = crate::config::query_params();
    let keep = |v: String| {
        Some(
            v.chars()
                .take(booking_model::ATTRIBUTION_MAX)
                .collect::<String>(),
        )
    };
    let get = |name: &str| {
        query
            .as_ref()
            .and_then(|q| q.get(name))
            .filter(|v| !v.trim().is_empty())
            .and_then(keep)
    };
    let window = web_sys::window();
    let document_referrer = window
        .as_ref()
        .and_then(web_sys::Window::document)
        .map(|d| d.referrer())
        .filter(|r| !r.is_empty());
    let page = window.as_ref().and_then(|w| w.location().href().ok());
    Attribution {
        utm_source: get("utm_source"),
        utm_medium: get("utm_medium"),
        utm_campaign: get("utm_campaign"),
        utm_term: get("utm_term"),
        utm_content: get("utm_content"),
        referrer: get("referrer").or(document_referrer.and_then(keep)),
        landing_page: get("landingPage").or(page.and_then(keep)),
    }
}
