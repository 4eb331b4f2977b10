//! Where one widget reports its steps: a DOM `CustomEvent` on the widget's
//! element (it bubbles and crosses the shadow boundary) and, where the
//! embedder allows it (`data-analytics="ga4"`) and the page has
//! `window.dataLayer`, the GA4 e-commerce event of that step. The payloads
//! are `analytics`'s: built there, only dispatched here.

use send_wrapper::SendWrapper;
use wasm_bindgen::JsCast;

use crate::analytics::Report;

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

    /// Dispatches `report` on the host element, and pushes its GA4 event.
    pub fn emit(&self, report: &Report) {
        let Some(host) = self.host.as_ref() else {
            return;
        };
        let init = web_sys::CustomEventInit::new();
        init.set_bubbles(true);
        init.set_composed(true);
        if let Ok(detail) = js_sys::JSON::parse(&report.detail) {
            init.set_detail(&detail);
        }
        if let Ok(event) =
            web_sys::CustomEvent::new_with_event_init_dict(report.step.event_name(), &init)
        {
            let _ = host.dispatch_event(&event);
        }
        if let (true, Some(name), Some(ecommerce)) =
            (self.ga4, report.step.ga4_event(), &report.ecommerce)
        {
            push_data_layer(name, ecommerce);
        }
    }
}

fn push_data_layer(event: &str, ecommerce: &str) {
    let Some(layer) = web_sys::window()
        .and_then(|w| js_sys::Reflect::get(&w, &"dataLayer".into()).ok())
        .and_then(|l| l.dyn_into::<js_sys::Array>().ok())
    else {
        return;
    };
    let Ok(ecommerce) = js_sys::JSON::parse(ecommerce) else {
        return;
    };
    // GA4 resets `ecommerce` between events by a push of null.
    let reset = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&reset, &"ecommerce".into(), &wasm_bindgen::JsValue::NULL);
    layer.push(&reset);
    let entry = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&entry, &"event".into(), &event.into());
    let _ = js_sys::Reflect::set(&entry, &"ecommerce".into(), &ecommerce);
    layer.push(&entry);
}
