//! The parts of the widget that arrive after the listing: the booking
//! form, the live quote (the pricing crate), the confirmation, the waiting
//! list and the sign-in flow. A release build splits them into a wasm
//! chunk of their own (`components::deferred::load`, a split point in the
//! manner of leptos' `#[lazy]`), so that the listing needs only the main
//! module; they come back as plain functions into that chunk. Loading starts once, on idle after
//! the listing is shown or at the first choice of a size, whichever comes
//! first, so the tenant does not wait for them.

use std::future::Future;
use std::sync::Arc;
use std::time::Duration;

use booking_model::PropertyDetails;
use leptos::prelude::*;

use crate::quote::Pricer;
use crate::state::Confirmed;

/// What the deferred chunk provides.
#[derive(Debug, Clone, Copy)]
pub struct Parts {
    pub price: Pricer,
    pub booking_form: fn() -> AnyView,
    pub quote_preview: fn() -> AnyView,
    /// The booking made, the property, "book another", "sign in".
    pub confirmation: fn(Confirmed, Arc<PropertyDetails>, Callback<()>, Callback<()>) -> AnyView,
    /// A sold-out size's waiting list: size, price and storage ids.
    pub waiting_list: fn(String, String, String) -> AnyView,
    pub sign_in: fn() -> AnyView,
}

/// The deferred parts' context: `None` until their chunk has arrived.
#[derive(Debug, Clone, Copy)]
pub struct Deferred {
    pub parts: RwSignal<Option<Parts>>,
    started: StoredValue<bool>,
    /// The booking's pricer, set with the parts.
    pricer: Option<RwSignal<Option<Pricer>>>,
}

impl Deferred {
    /// Nothing loaded yet; `pricer` (the booking's) gets the pricing code
    /// with the parts.
    #[must_use]
    pub fn new(pricer: RwSignal<Option<Pricer>>) -> Self {
        Self {
            parts: RwSignal::new(None),
            started: StoredValue::new(false),
            pricer: Some(pricer),
        }
    }

    /// The parts already there (the component tests, which mount one part).
    #[must_use]
    pub fn ready(parts: Parts) -> Self {
        Self {
            parts: RwSignal::new(Some(parts)),
            started: StoredValue::new(true),
            pricer: None,
        }
    }

    #[must_use]
    pub fn expect() -> Self {
        expect_context()
    }

    /// Starts loading the parts with `load`, once; later calls do nothing
    /// while it is under way or done. A failed load (the network) is tried
    /// again five seconds later, the placeholders staying meanwhile.
    pub fn start<F, E>(self, load: fn() -> F)
    where
        F: Future<Output = Result<Parts, E>> + 'static,
        E: 'static,
    {
        // A widget unmounted meanwhile (an idle callback or a retry that
        // comes late) has nothing to load for.
        if self.started.try_get_value().unwrap_or(true) {
            return;
        }
        self.started.set_value(true);
        // The chunk loader (`__wasm_split.js`) links the chunk against the
        // main module's exports, which it reads here rather than importing
        // the bindings that import it (scripts/build-wasm.sh): no import
        // cycle between the two files, which are content-hashed.
        #[cfg(wasm_split)]
        let _ = js_sys::Reflect::set(
            &js_sys::global(),
            &"__storageWidgetWasm".into(),
            &wasm_bindgen::exports(),
        );
        let (parts, pricer, future) = (self.parts, self.pricer, load());
        leptos::task::spawn_local(async move {
            let Ok(loaded) = future.await else {
                let _ = self.started.try_set_value(false);
                set_timeout(move || self.start(load), Duration::from_secs(5));
                return;
            };
            if let Some(pricer) = pricer {
                let _ = pricer.try_set(Some(loaded.price));
            }
            let _ = parts.try_set(Some(loaded));
        });
    }
}

impl Deferred {
    /// The part `make` renders once the chunk is there; until then a
    /// placeholder of class `room` (`sw-pending--form`, …: the part's usual
    /// height, style/widget.css), busy for assistive technology, so that
    /// nothing below it moves when the part arrives.
    pub fn view(&self, room: &'static str, make: impl FnOnce(Parts) -> AnyView) -> AnyView {
        match self.parts.get() {
            Some(parts) => make(parts),
            None => view! { <div class=room aria-busy="true"></div> }.into_any(),
        }
    }
}
