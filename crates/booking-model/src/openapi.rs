//! What the OpenAPI derive cannot say by itself (built only with the
//! `openapi` feature, which only the server turns on): the wire names of the
//! macro-written enums, the pricing crate's quote, and the rules of
//! [`crate::validate_tenant`] as patterns. A client generated from the
//! document must refuse what the server refuses, so each pattern here is
//! the server's check or stricter, never looser.

use serde_json::{json, Value};
use utoipa::openapi::schema::Schema;
use utoipa::openapi::{Ref, RefOr};

/// Characters `char::is_control` refuses (Unicode `Cc`), for a character class.
const CONTROL: &str = "\\u0000-\\u001f\\u007f-\\u009f";

/// A schema written as JSON: shorter and easier to check against the
/// serde code beside it than utoipa's builders.
///
/// # Panics
/// On JSON that is not a schema: a programming error, caught by the
/// server's document tests.
#[must_use]
pub fn schema(value: Value) -> RefOr<Schema> {
    match serde_json::from_value(value) {
        Ok(schema) => schema,
        Err(e) => panic!("not an OpenAPI schema: {e}"),
    }
}

/// A reference to `#/components/schemas/{name}`.
#[must_use]
pub fn reference(name: &str) -> RefOr<Schema> {
    RefOr::Ref(Ref::from_schema_name(name))
}

/// A string that is one of `values`.
#[must_use]
pub fn string_enum<'a>(
    values: impl IntoIterator<Item = &'a str>,
    description: &str,
) -> RefOr<Schema> {
    let values: Vec<&str> = values.into_iter().collect();
    schema(json!({"type": "string", "enum": values, "description": description}))
}

/// `text()` of tenant.rs: required (something besides white space), at most
/// `max` characters, no control character. White space around the value is
/// trimmed by the server; the pattern refuses control characters anywhere,
/// which is stricter.
#[must_use]
pub fn text(max: usize) -> RefOr<Schema> {
    schema(json!({
        "type": "string",
        "minLength": 1,
        "maxLength": max,
        "pattern": format!("^[^{CONTROL}]*[^\\s{CONTROL}][^{CONTROL}]*$"),
    }))
}

/// `is_email()` of tenant.rs: a dot-atom local part of 1 to 64 characters,
/// a domain of labels (letters, digits, inner hyphens) ending in a
/// top-level domain of letters only.
pub const EMAIL_PATTERN: &str = "^(?=[^@]{1,64}@)[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.)+[A-Za-z]{2,63}$";

/// `phone()` of tenant.rs: an optional `+`, then 6 to 15 digits among
/// spaces, dots, hyphens, slashes and parentheses.
pub const PHONE_PATTERN: &str = "^\\+?(?:[ ()./-]*[0-9]){6,15}[ ()./-]*$";

/// `postal_code()` of tenant.rs for a country without its own rule.
pub const POSTAL_CODE_PATTERN: &str = "^[A-Za-z0-9 -]*[A-Za-z0-9][A-Za-z0-9 -]*$";

/// A first or last name, a city: `NAME_MAX` of tenant.rs.
#[must_use]
pub fn name() -> RefOr<Schema> {
    text(100)
}

/// `ADDRESS_MAX` of tenant.rs.
#[must_use]
pub fn address() -> RefOr<Schema> {
    text(200)
}

#[must_use]
pub fn email() -> RefOr<Schema> {
    schema(
        json!({"type": "string", "minLength": 6, "maxLength": 254, "pattern": EMAIL_PATTERN,
        "example": "giada.rossi@example.fr"}),
    )
}

#[must_use]
pub fn phone() -> RefOr<Schema> {
    schema(
        json!({"type": "string", "minLength": 6, "maxLength": 30, "pattern": PHONE_PATTERN,
        "example": "+33 111120000"}),
    )
}

/// The waiting list's phone: absent, `null`, empty, or a phone number.
#[must_use]
pub fn optional_phone() -> RefOr<Schema> {
    schema(json!({"type": ["string", "null"], "maxLength": 30,
        "pattern": format!("^$|{}", PHONE_PATTERN)}))
}

#[must_use]
pub fn postal_code() -> RefOr<Schema> {
    schema(json!({"type": "string", "minLength": 1, "maxLength": 10,
        "pattern": POSTAL_CODE_PATTERN, "example": "31000",
        "description": "The country's own form where it has one (see the tenant's `allOf`)"}))
}

#[must_use]
pub fn country() -> RefOr<Schema> {
    let codes: Vec<&str> = crate::country_codes().collect();
    schema(json!({"type": "string", "enum": codes, "example": "FR",
        "description": "ISO 3166-1 alpha-2, in capitals"}))
}

/// The countries whose postal codes `postal_code()` checks by form, as
/// the branches of the tenant object's `anyOf`: one per rule, and one for
/// every other country (where the generic form of [`postal_code`] holds).
/// (`if`/`then` would say it more plainly, but property-based testers
/// cannot generate data from it.)
#[must_use]
pub fn postal_code_rules() -> Value {
    const RULES: [(&[&str], &str); 9] = [
        (
            &[
                "FR", "DE", "ES", "IT", "FI", "EE", "HR", "MC", "MA", "MX", "UA", "TR",
            ],
            "^\\s*[0-9]{5}\\s*$",
        ),
        (
            &[
                "BE", "CH", "AT", "DK", "NO", "LU", "AU", "NZ", "HU", "SI", "ZA", "BG",
            ],
            "^\\s*[0-9]{4}\\s*$",
        ),
        (&["PT"], "^\\s*[0-9]{4}(-[0-9]{3})?\\s*$"),
        (&["PL"], "^\\s*[0-9]{2}-[0-9]{3}\\s*$"),
        (&["SE", "CZ", "SK", "GR"], "^\\s*(?: *[0-9]){5} *$"),
        (&["NL"], "^\\s*[0-9]{4} *[A-Za-z]{2}\\s*$"),
        (&["US"], "^\\s*[0-9]{5}(-[0-9]{4})?\\s*$"),
        (
            &["CA"],
            "^\\s*[A-Za-z] *[0-9] *[A-Za-z] *[0-9] *[A-Za-z] *[0-9]\\s*$",
        ),
        (&["GB"], "^[A-Za-z][A-Za-z0-9]{1,3} ?[0-9][A-Za-z0-9]{2}$"),
    ];
    let mut branches: Vec<Value> = RULES
        .iter()
        .map(|(countries, pattern)| {
            json!({"properties": {
                "countryISOCode2": {"enum": countries},
                "postalCode": {"pattern": pattern},
            }})
        })
        .collect();
    let ruled: Vec<&str> = RULES.iter().flat_map(|(c, _)| c.iter().copied()).collect();
    branches.push(json!({"properties": {"countryISOCode2": {"not": {"enum": ruled}}}}));
    Value::Array(branches)
}

/// An attribution value: at most 2000 characters, no control character.
#[must_use]
pub fn attribution_value() -> RefOr<Schema> {
    schema(
        json!({"type": ["string", "null"], "maxLength": crate::ATTRIBUTION_MAX,
        "pattern": format!("^[^{CONTROL}]*$")}),
    )
}

/// `termsAccepted`: anything but `true` is refused.
#[must_use]
pub fn accepted() -> RefOr<Schema> {
    schema(json!({"type": "boolean", "enum": [true]}))
}

/// The pricing crate's `Tax` list.
#[must_use]
pub fn taxes() -> RefOr<Schema> {
    schema(json!({"type": "array", "items": {"$ref": "#/components/schemas/Tax"}}))
}

#[must_use]
pub fn quote() -> RefOr<Schema> {
    reference("Quote")
}

#[must_use]
pub fn quote_request() -> RefOr<Schema> {
    reference("QuoteRequest")
}

#[must_use]
pub fn billing() -> RefOr<Schema> {
    reference("Billing")
}

#[must_use]
pub fn currency() -> RefOr<Schema> {
    schema(json!({"type": "string", "enum": ["EUR", "CAD", "USD", "GBP", "CHF", "JPY"]}))
}

#[must_use]
pub fn periods() -> RefOr<Schema> {
    schema(json!({"type": "array", "items": {"$ref": "#/components/schemas/Period"}}))
}

#[must_use]
pub fn discount_kind() -> RefOr<Schema> {
    schema(json!({"type": "string", "enum": ["percent", "amount"]}))
}

/// `YYYY-MM-DD`, exactly: `pricing::wire::date`.
#[must_use]
pub fn date() -> RefOr<Schema> {
    schema(
        json!({"type": "string", "format": "date", "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$",
        "example": "2024-02-04"}),
    )
}

/// A decimal as `pricing::wire::decimal` reads it from a string.
#[must_use]
pub fn decimal_string() -> RefOr<Schema> {
    schema(json!({"type": "string", "pattern": "^-?[0-9]+(\\.[0-9]+)?$", "example": "102.50"}))
}

/// `pricing::Period`'s wire names.
#[must_use]
pub fn period() -> RefOr<Schema> {
    string_enum(
        pricing::Period::ALL.iter().map(|p| p.as_str()),
        "Billing period",
    )
}

/// The pricing crate's quote and request, as it serializes them
/// (PRICING.md): amounts as strings with the currency's decimals.
#[must_use]
pub fn pricing_schemas() -> Vec<(&'static str, RefOr<Schema>)> {
    pricing_schema_values()
        .into_iter()
        .map(|(name, value)| (name, schema(value)))
        .collect()
}

fn pricing_schema_values() -> Vec<(&'static str, Value)> {
    let amount =
        json!({"type": "string", "pattern": "^-?[0-9]+(\\.[0-9]+)?$", "example": "102.50"});
    let date = json!({"type": "string", "format": "date"});
    let currency = json!({"type": "string", "enum": ["EUR", "CAD", "USD", "GBP", "CHF", "JPY"]});
    let period_ref = json!({"$ref": "#/components/schemas/Period"});
    let category = json!({"type": "string",
        "enum": ["RENT", "INSURANCE", "SERVICE", "MERCHANDISE", "DEPOSIT", "RENTAL_DISCOUNT"]});
    let tax = json!({"type": "object", "required": ["name", "rate"],
        "properties": {"name": {"type": "string"}, "rate": amount}});
    vec![
        (
            "Period",
            serde_json::to_value(self::period()).unwrap_or_default(),
        ),
        (
            "Quote",
            json!({
                "type": "object",
                "description": "The priced quote (PRICING.md)",
                "required": ["currency", "moveInDate", "period", "proRata", "fullCycle", "prepaysNextCycle",
                    "dueAtMoveIn", "recurringGrossAmount"],
                "properties": {
                    "currency": currency, "moveInDate": date, "period": period_ref,
                    "proRata": {"$ref": "#/components/schemas/Invoice"},
                    "fullCycle": {"$ref": "#/components/schemas/Invoice"},
                    "prepaysNextCycle": {"type": "boolean"},
                    "dueAtMoveIn": amount, "recurringGrossAmount": amount,
                },
            }),
        ),
        (
            "Invoice",
            json!({
                "type": "object",
                "required": ["startDate", "endDate", "lines", "taxableAmount", "taxAmount", "netAmount",
                    "nonTaxableAmount", "grossAmount"],
                "properties": {
                    "startDate": date, "endDate": date,
                    "lines": {"type": "array", "items": {"$ref": "#/components/schemas/InvoiceLine"}},
                    "taxableAmount": amount, "taxAmount": amount, "netAmount": amount,
                    "nonTaxableAmount": amount, "grossAmount": amount,
                },
            }),
        ),
        (
            "InvoiceLine",
            json!({
                "type": "object",
                "required": ["category", "description", "taxable", "taxes", "tax", "net", "nonTaxable", "gross"],
                "properties": {
                    "category": category, "description": {"type": "string"}, "taxable": amount,
                    "taxes": {"type": "array", "items": {"type": "object", "required": ["name", "rate", "amount"],
                        "properties": {"name": {"type": "string"}, "rate": amount, "amount": amount}}},
                    "tax": amount, "net": amount, "nonTaxable": amount, "gross": amount,
                },
            }),
        ),
        ("Tax", tax.clone()),
        (
            "Billing",
            json!({
                "type": "object",
                "properties": {
                    "anchor": {"oneOf": [
                        {"type": "string", "enum": ["anniversary"]},
                        {"type": "object", "required": ["fixedDay"],
                            "properties": {"fixedDay": {"type": "integer", "minimum": 1, "maximum": 28}}},
                    ]},
                    "dailyRate": {"type": "string", "enum": ["actualDays", "days365"]},
                    "prepayNextCycleBelowDays": {"type": "integer", "minimum": 0},
                },
            }),
        ),
        (
            "QuoteRequest",
            json!({
                "type": "object",
                "description": "The pricing request the server built from the selection (PRICING.md)",
                "required": ["currency", "period", "moveInDate", "billing", "items"],
                "properties": {
                    "currency": currency, "period": period_ref, "moveInDate": date,
                    "billing": {"$ref": "#/components/schemas/Billing"},
                    "items": {"type": "array", "items": {
                        "type": "object",
                        "required": ["category", "description", "price", "quantity", "taxes", "priceIncludesTax"],
                        "properties": {
                            "category": category, "description": {"type": "string"}, "price": amount,
                            "quantity": {"type": "integer", "minimum": 1},
                            "taxes": {"type": "array", "items": tax},
                            "priceIncludesTax": {"type": "boolean"},
                            "recurring": {"type": "boolean"},
                        },
                    }},
                    "discount": {"type": "object", "required": ["kind", "value", "description"],
                        "properties": {
                            "kind": {"type": "string", "enum": ["percent", "amount"]},
                            "value": amount, "cycles": {"type": "integer", "minimum": 0},
                            "description": {"type": "string"},
                        }},
                },
            }),
        ),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    /// utoipa's schema type is read from JSON untagged: a keyword it does
    /// not model would vanish without a word. Each must come out as it went in.
    #[test]
    fn every_schema_keeps_every_keyword() {
        for (name, value) in pricing_schema_values() {
            let written = serde_json::to_value(schema(value.clone())).unwrap_or_default();
            assert_eq!(written, value, "{name}");
        }
        let phone = serde_json::to_value(optional_phone()).unwrap_or_default();
        assert_eq!(phone["type"], json!(["string", "null"]));
        assert_eq!(phone["maxLength"], 30);
        let name = serde_json::to_value(text(100)).unwrap_or_default();
        assert_eq!(
            (name["minLength"].clone(), name["maxLength"].clone()),
            (json!(1), json!(100))
        );
        assert!(name["pattern"].as_str().is_some_and(|p| p.contains("\\s")));
        let country = serde_json::to_value(country()).unwrap_or_default();
        assert_eq!(country["enum"].as_array().map(Vec::len), Some(249));
    }
}
