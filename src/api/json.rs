//! JSON read by the browser: `JSON.parse` turns the text into a value and
//! serde walks that value (serde-wasm-bindgen). serde_json's parser, and
//! its copy of every DTO's deserializer, then stays out of the wasm: about
//! 10 KiB of brotli a tenant no longer downloads.

use serde::de::DeserializeOwned;
use wasm_bindgen::JsValue;

/// Parses `text`; `None` if it is not JSON or not a `T`.
#[must_use]
pub fn parse<T: DeserializeOwned>(text: &str) -> Option<T> {
    let value = js_sys::JSON::parse(text).ok()?;
    serde_wasm_bindgen::from_value(value).ok()
}

/// Reads an already parsed value as a `T`.
///
/// # Errors
/// What serde found missing or mistyped.
pub fn read<T: DeserializeOwned>(value: JsValue) -> Result<T, String> {
    serde_wasm_bindgen::from_value(value).map_err(|e| e.to_string())
}
