//! The catalogue's JSON Schema, generated from [`super::format`]: what
//! `crates/booking-api/catalogue.schema.json` publishes and
//! `GET /catalogue.schema.json` serves.

use schemars::generate::SchemaSettings;

use super::format::Catalogue;

/// Where the published copy lives, relative to the crate.
pub const SCHEMA_FILE: &str = "catalogue.schema.json";

/// The schema (JSON Schema 2020-12).
#[must_use]
pub fn catalogue_schema() -> serde_json::Value {
    let schema = SchemaSettings::draft2020_12()
        .into_generator()
        .into_root_schema_for::<Catalogue>();
    schema.to_value()
}

/// The schema as published: pretty JSON and a final newline.
#[must_use]
pub fn catalogue_schema_text() -> String {
    let mut text = serde_json::to_string_pretty(&catalogue_schema()).unwrap_or_default();
    text.push('\n');
    text
}
