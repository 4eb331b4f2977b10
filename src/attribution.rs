//! Who sent the tenant: the UTM parameters of the page URL and the
//! referrer, captured when the widget mounts and sent with the booking.

use serde::{Deserialize, Serialize};

/// Marketing attribution kept with a booking.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Attribution {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub utm_source: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub utm_medium: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub utm_campaign: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub utm_term: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub utm_content: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub referrer: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub landing_page: Option<String>,
}

impl Attribution {
    /// From the page URL (the host page's, when embedded by script) and
    /// `document.referrer`; an iframe gets them from its own URL, where the
    /// loader put the host's (`referrer`, `landingPage`).
    #[must_use]
    pub fn from_page() -> Self {
        let query = crate::config::query_params();
        let get = |name: &str| {
            query
                .as_ref()
                .and_then(|q| q.get(name))
                .map(|v| v.chars().take(500).collect::<String>())
                .filter(|v| !v.trim().is_empty())
        };
        let window = web_sys::window();
        let document_referrer = window
            .as_ref()
            .and_then(web_sys::Window::document)
            .map(|d| d.referrer())
            .filter(|r| !r.is_empty());
        let page = window.as_ref().and_then(|w| w.location().href().ok());
        Self {
            utm_source: get("utm_source"),
            utm_medium: get("utm_medium"),
            utm_campaign: get("utm_campaign"),
            utm_term: get("utm_term"),
            utm_content: get("utm_content"),
            referrer: get("referrer").or(document_referrer),
            landing_page: get("landingPage").or(page).map(|p| p.chars().take(500).collect()),
        }
    }

    #[must_use]
    pub fn is_empty(&self) -> bool {
        self == &Self::default()
    }
}
