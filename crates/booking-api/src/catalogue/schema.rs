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

/// The schema as published: pretty JSON with its keys sorted and a final
/// newline. Sorted, because whether `serde_json` keeps insertion order
/// depends on which crates a build unifies (`preserve_order`), and the
/// published file must not change with the build.
#[must_use]
pub fn catalogue_schema_text() -> String {
    let mut text = serde_json::to_string_pretty(&sorted(catalogue_schema())).unwrap_or_default();
    text.push('\n');
    text
}

fn sorted(value: serde_json::Value) -> serde_json::Value {
    match value {
        serde_json::Value::Object(map) => {
            let mut entries: Vec<_> = map.into_iter().collect();
            entries.sort_by(|a, b| a.0.cmp(&b.0));
            serde_json::Value::Object(entries.into_iter().map(|(k, v)| (k, sorted(v))).collect())
        }
        serde_json::Value::Array(items) => {
            serde_json::Value::Array(items.into_iter().map(sorted).collect())
        }
        other => other,
    }
}
