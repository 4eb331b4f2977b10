//! JSON Schema pieces for the catalogue an operator writes (the server's
//! `catalogue.schema.json`), for the fields whose serde form is written by
//! hand: decimals taken as strings or numbers, and the `pricing` crate's
//! types, which have no schema of their own (that crate stays free of
//! schema code; the widget never builds this module).

use schemars::{json_schema, Schema, SchemaGenerator};

/// What [`pricing::wire::decimal`] reads: `"12.50"` or `12.5`.
#[must_use]
pub fn decimal(_: &mut SchemaGenerator) -> Schema {
    json_schema!({
        "type": ["string", "number"],
        "pattern": "^-?[0-9]+(\\.[0-9]+)?$"
    })
}

/// A [`pricing::Currency`].
#[must_use]
pub fn currency(_: &mut SchemaGenerator) -> Schema {
    json_schema!({
        "type": "string",
        "enum": ["EUR", "CAD", "USD", "GBP", "CHF", "JPY"]
    })
}

/// The [`pricing::Period`]s a property offers: at least one.
#[must_use]
pub fn periods(_: &mut SchemaGenerator) -> Schema {
    json_schema!({
        "type": "array",
        "minItems": 1,
        "uniqueItems": true,
        "items": {
            "type": "string",
            "enum": ["MONTHLY", "QUARTERLY", "HALF_YEARLY", "YEARLY"]
        }
    })
}

/// A [`pricing::DiscountKind`].
#[must_use]
pub fn discount_kind(_: &mut SchemaGenerator) -> Schema {
    json_schema!({ "type": "string", "enum": ["percent", "amount"] })
}

/// [`pricing::Tax`]es: each a name and a percentage (`"20"` is 20 %).
#[must_use]
pub fn taxes(g: &mut SchemaGenerator) -> Schema {
    let rate = decimal(g);
    json_schema!({
        "type": "array",
        "items": {
            "type": "object",
            "additionalProperties": false,
            "required": ["name", "rate"],
            "properties": {
                "name": {
                    "type": "string",
                    "description": "As the invoice names it.",
                    "examples": ["TVA"]
                },
                "rate": {
                    "allOf": [rate],
                    "description": "A percentage: \"20\" is 20 %.",
                    "examples": ["20"]
                }
            }
        }
    })
}

/// [`pricing::Billing`]: where cycles start, how a stub's days are priced.
#[must_use]
pub fn billing(_: &mut SchemaGenerator) -> Schema {
    json_schema!({
        "type": "object",
        "additionalProperties": false,
        "properties": {
            "anchor": {
                "description": "Where billing cycles start: \"anniversary\" (the move-in day, no prorated stub) or {\"fixedDay\": d}, the same day of every month (1 to 28).",
                "examples": ["anniversary", { "fixedDay": 1 }],
                "oneOf": [
                    { "const": "anniversary" },
                    {
                        "type": "object",
                        "additionalProperties": false,
                        "required": ["fixedDay"],
                        "properties": {
                            "fixedDay": { "type": "integer", "minimum": 1, "maximum": 28 }
                        }
                    }
                ]
            },
            "dailyRate": {
                "description": "How a prorated stub's days are priced: \"actualDays\" (price × days / days in that month) or \"days365\" (price × 12 × days / 365).",
                "examples": ["actualDays"],
                "enum": ["actualDays", "days365"]
            },
            "prepayNextCycleBelowDays": {
                "description": "A stub shorter than this many days is invoiced together with the next full cycle.",
                "examples": [7],
                "type": "integer",
                "minimum": 0
            }
        }
    })
}
