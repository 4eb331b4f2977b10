//! What the widget tells the host page: a DOM `CustomEvent` on the widget's
//! element for each step, and, where the embedder allows it
//! (`data-analytics="ga4"`) and the page has `window.dataLayer`, the GA4
//! e-commerce event of that step.

use send_wrapper::SendWrapper;
use serde_json::{json, Value};
use wasm_bindgen::JsCast;

/// The steps a host page can listen to, as `storage-widget:<name>`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    ListingViewed,
    SizeSelected,
    QuoteChanged,
    BookingCreated,
    BookingFailed,
}

impl Step {
    #[must_use]
    pub const fn event_name(self) -> &'static str {
        match self {
            Self::ListingViewed => "storage-widget:listing-viewed",
            Self::SizeSelected => "storage-widget:size-selected",
            Self::QuoteChanged => "storage-widget:quote-changed",
            Self::BookingCreated => "storage-widget:booking-created",
            Self::BookingFailed => "storage-widget:booking-failed",
        }
    }

    /// The GA4 recommended e-commerce event of this step, if any.
    #[must_use]
    pub const fn ga4_event(self) -> Option<&'static str> {
        match self {
            Self::ListingViewed => Some("view_item_list"),
            Self::SizeSelected => Some("select_item"),
            Self::QuoteChanged => Some("begin_checkout"),
            Self::BookingCreated => Some("purchase"),
            Self::BookingFailed => None,
        }
    }
}

/// Where one widget instance reports its steps.
#[derive(Debug, Clone)]
pub struct Events {
    host: SendWrapper<Option<web_sys::Element>>,
    ga4: bool,
}

impl Events {
    #[must_use]
    pub fn new(host: Option<web_sys::Element>, ga4: bool) -> Self {
        Self {
            host: SendWrapper::new(host),
            ga4,
        }
    }

    /// Reports `step` with `detail` (JSON: amounts as decimal strings) and,
    /// for GA4, `ecommerce` (amounts as JSON numbers, as GA4 wants them,
    /// written from their decimal text, never through a float).
    pub fn emit(&self, step: Step, detail: &Value, ecommerce: Option<&Value>) {
        let Some(host) = self.host.as_ref() else {
            return;
        };
        let init = web_sys::CustomEventInit::new();
        init.set_bubbles(true);
        init.set_composed(true);
        if let Ok(detail) = js_sys::JSON::parse(&detail.to_string()) {
            init.set_detail(&detail);
        }
        if let Ok(event) = web_sys::CustomEvent::new_with_event_init_dict(step.event_name(), &init)
        {
            let _ = host.dispatch_event(&event);
        }
        if let (true, Some(name), Some(ecommerce)) = (self.ga4, step.ga4_event(), ecommerce) {
            push_data_layer(&json!({ "event": name, "ecommerce": ecommerce }));
        }
    }
}

fn push_data_layer(entry: &Value) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let Ok(layer) = js_sys::Reflect::get(&window, &"dataLayer".into()) else {
        return;
    };
    let Ok(layer) = layer.dyn_into::<js_sys::Array>() else {
        return;
    };
    // GA4 resets `ecommerce` between events by a push of null.
    let _ = layer.push(&js_sys::JSON::parse(r#"{"ecommerce":null}"#).unwrap_or_default());
    if let Ok(entry) = js_sys::JSON::parse(&entry.to_string()) {
        layer.push(&entry);
    }
}

/// A decimal as a JSON number for GA4 (`"90.00"` → `90.00`).
#[must_use]
pub fn number(decimal: &str) -> Value {
    serde_json::from_str(decimal).unwrap_or(Value::Null)
}
