//! The entry point `/widget.js` calls: one independent widget per
//! placeholder, each in its own reactive owner so that unmounting one
//! (a single-page app removing its placeholder) disposes of everything it
//! made, listeners included, and leaves the others alone.

use std::any::Any;

use wasm_bindgen::prelude::*;

use crate::config::Config;

/// A mounted widget; `unmount()` (or dropping it) removes it cleanly.
#[wasm_bindgen]
pub struct Mounted {
    handle: Option<Box<dyn Any>>,
}

impl std::fmt::Debug for Mounted {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Mounted")
            .field("mounted", &self.handle.is_some())
            .finish()
    }
}

#[wasm_bindgen]
impl Mounted {
    /// Unmounts the widget and disposes of its signals, effects and listeners.
    pub fn unmount(&mut self) {
        self.handle.take();
    }
}

/// Mounts a widget into `target` (inside the placeholder's shadow root),
/// configured by the `data-*` attributes of `host` (the placeholder, where
/// the host page listens for the widget's events).
#[wasm_bindgen]
#[must_use]
pub fn mount(target: web_sys::HtmlElement, host: web_sys::HtmlElement) -> Mounted {
    console_error_panic_hook::set_once();
    let config = Config::from_element(&host);
    let handle = crate::mount_with(target, config, Some(host.into()));
    Mounted {
        handle: Some(Box::new(handle)),
    }
}
