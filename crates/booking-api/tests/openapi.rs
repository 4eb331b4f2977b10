//! Facts of the OpenAPI document that integrators generate clients from:
//! it must say what the wire says (scripts/api-fuzz.sh then checks the
//! document against the running server).

use booking_model::{ErrorCode, Status};
use serde_json::Value;

fn document() -> Value {
    serde_json::to_value(booking_api::http::openapi()).unwrap_or_default()
}

/// Follows a local `$ref` (`#/components/…`).
fn resolve<'a>(doc: &'a Value, value: &'a Value) -> &'a Value {
    match value.get("$ref").and_then(Value::as_str) {
        Some(reference) => {
            let pointer = reference.trim_start_matches('#');
            let target = doc.pointer(pointer);
            assert!(target.is_some(), "dangling reference {reference}");
            resolve(doc, target.unwrap_or(&Value::Null))
        }
        None => value,
    }
}

fn strings(value: &Value) -> Vec<&str> {
    value
        .as_array()
        .map(|a| a.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default()
}

fn walk<'a>(value: &'a Value, found: &mut Vec<(&'a str, &'a Value)>) {
    match value {
        Value::Object(map) => {
            for (key, child) in map {
                found.push((key.as_str(), child));
                walk(child, found);
            }
        }
        Value::Array(items) => items.iter().for_each(|v| walk(v, found)),
        _ => {}
    }
}

/// `(path, method, operation)` of every `/v1` operation.
fn v1_operations(doc: &Value) -> Vec<(String, String, &Value)> {
    let mut operations = Vec::new();
    for (path, item) in doc["paths"].as_object().into_iter().flatten() {
        for (method, operation) in item.as_object().into_iter().flatten() {
            if path.starts_with("/v1/") {
                operations.push((path.clone(), method.clone(), operation));
            }
        }
    }
    operations
}

#[test]
fn enums_carry_the_wire_names() {
    let doc = document();
    let schemas = &doc["components"]["schemas"];
    let statuses = strings(&schemas["Status"]["enum"]);
    let codes = strings(&schemas["ErrorCode"]["enum"]);
    assert!(statuses.contains(&"SUCCESS"), "{statuses:?}");
    assert!(statuses.contains(&"INVALID_PARAM_PROPERTY_INFO_ID"));
    assert!(!statuses.contains(&"Success") && !statuses.contains(&"InvalidParamPropertyInfoId"));
    // Exactly what serde writes, for every variant.
    let wire = |v: Value| v.as_str().unwrap_or_default().to_owned();
    let serde_statuses: Vec<String> = Status::ALL
        .iter()
        .map(|s| wire(serde_json::to_value(s).unwrap_or_default()))
        .collect();
    assert_eq!(statuses, serde_statuses);
    let serde_codes: Vec<String> = ErrorCode::ALL
        .iter()
        .map(|c| wire(serde_json::to_value(c).unwrap_or_default()))
        .collect();
    assert_eq!(codes, serde_codes);
    assert!(codes.contains(&"INVALID_IDEMPOTENCY_KEY"));
    assert_eq!(strings(&schemas["Mode"]["enum"]), ["RENT", "BOOK"]);
    assert_eq!(
        strings(&schemas["Period"]["enum"]),
        ["MONTHLY", "QUARTERLY", "HALF_YEARLY", "YEARLY"]
    );
    // No enum anywhere in the document shows a Rust name (`Success`, `HalfYearly`).
    let mut found = Vec::new();
    walk(&doc, &mut found);
    for (key, value) in found {
        if key != "enum" {
            continue;
        }
        for name in strings(value) {
            let mut chars = name.chars();
            let pascal = chars.next().is_some_and(|c| c.is_ascii_uppercase())
                && chars.next().is_some_and(|c| c.is_ascii_lowercase());
            assert!(!pascal, "enum value {name} is a Rust name, not the wire's");
        }
    }
}

#[test]
fn every_v1_operation_documents_the_gate_and_its_failures() {
    let doc = document();
    let operations = v1_operations(&doc);
    // Catalogue, listing, quote, booking, preview, waiting list, and the
    // tenant's sign-in, session (open and close) and account.
    assert_eq!(operations.len(), 10);
    for (path, method, operation) in operations {
        let security = &operation["security"][0]["api_key"];
        assert!(
            security.is_array(),
            "{method} {path}: no X-API-Key security"
        );
        assert!(
            operation["responses"].get("400").is_some(),
            "{method} {path}: no 400"
        );
        for (code, status) in [
            ("401", "UNAUTHORIZED"),
            ("403", "ORIGIN_NOT_ALLOWED"),
            ("503", "SERVICE_UNAVAILABLE"),
        ] {
            let response = resolve(&doc, &operation["responses"][code]);
            let body = resolve(&doc, &response["content"]["application/json"]["schema"]);
            assert_eq!(
                strings(&body["properties"]["status"]["enum"]),
                [status],
                "{method} {path} {code}"
            );
            assert_eq!(body["properties"]["succeeded"]["enum"][0], false);
            assert_eq!(body["properties"]["data"]["type"], "null");
        }
        // Every answer is the envelope, described.
        for (code, response) in operation["responses"].as_object().into_iter().flatten() {
            if code == "204" {
                // No Content: the one answer without a body (signing out).
                continue;
            }
            let response = resolve(&doc, response);
            let body = resolve(&doc, &response["content"]["application/json"]["schema"]);
            for field in ["data", "succeeded", "status", "errors"] {
                assert!(
                    strings(&body["required"]).contains(&field),
                    "{method} {path} {code}: {field} not required"
                );
            }
        }
    }
    // The writes: their other refusals, 429 with Retry-After.
    for (path, created) in [
        ("/v1/bookings", "201"),
        ("/v1/waiting-list", "201"),
        ("/v1/tenant/sign-in", "202"),
        ("/v1/tenant/session", "201"),
    ] {
        let responses = &doc["paths"][path]["post"]["responses"];
        for code in [created, "400", "413", "415", "422", "429"] {
            assert!(responses.get(code).is_some(), "{path} lacks {code}");
        }
        let limited = resolve(&doc, &responses["429"]);
        // utoipa's header object has no `required`: the description says it.
        let retry_after = &limited["headers"]["Retry-After"];
        assert_eq!(retry_after["schema"]["type"], "integer");
        assert_eq!(retry_after["schema"]["minimum"], 1);
    }
    assert!(doc["paths"]["/v1/bookings"]["post"]["responses"]
        .get("409")
        .is_some());
    // The session's own refusals.
    let code_refusals = resolve(
        &doc,
        &doc["paths"]["/v1/tenant/session"]["post"]["responses"]["422"],
    );
    let body = resolve(
        &doc,
        &code_refusals["content"]["application/json"]["schema"],
    );
    assert_eq!(
        strings(&body["properties"]["status"]["enum"]),
        ["VALIDATION_FAILED", "INVALID_CODE", "CODE_EXPIRED"]
    );
    for (path, method) in [("/v1/tenant/", "get"), ("/v1/tenant/session", "delete")] {
        let parameters = doc["paths"][path][method]["parameters"].to_string();
        assert!(
            parameters.contains("X-Token"),
            "{method} {path}: {parameters}"
        );
    }
    let scheme = &doc["components"]["securitySchemes"]["api_key"];
    assert_eq!(
        (
            scheme["type"].as_str(),
            scheme["in"].as_str(),
            scheme["name"].as_str()
        ),
        (Some("apiKey"), Some("header"), Some("X-API-Key"))
    );
}

#[test]
fn bookings_require_an_idempotency_key_of_the_servers_form() {
    let doc = document();
    let parameters = doc["paths"]["/v1/bookings"]["post"]["parameters"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    let key = parameters
        .iter()
        .find(|p| p["name"] == "Idempotency-Key")
        .cloned()
        .unwrap_or_default();
    assert_eq!(key["in"], "header");
    assert_eq!(key["required"], true);
    assert_eq!(key["schema"]["minLength"], 1);
    assert_eq!(key["schema"]["maxLength"], 255);
    // Visible ASCII, not starting or ending with the quote the server strips.
    assert_eq!(key["schema"]["pattern"], "^[!#-~](?:[!-~]{0,253}[!#-~])?$");
}

#[test]
fn request_bodies_state_the_validation() {
    let doc = document();
    let schemas = &doc["components"]["schemas"];
    let tenant = &schemas["Tenant"]["properties"];
    for (field, max) in [
        ("firstName", 100),
        ("lastName", 100),
        ("city", 100),
        ("address", 200),
    ] {
        assert_eq!(tenant[field]["minLength"], 1, "{field}");
        assert_eq!(tenant[field]["maxLength"], max, "{field}");
        assert!(tenant[field]["pattern"].is_string(), "{field}");
    }
    assert_eq!(tenant["email"]["maxLength"], 254);
    assert_eq!(tenant["phoneNumber"]["maxLength"], 30);
    assert_eq!(tenant["postalCode"]["maxLength"], 10);
    assert_eq!(
        strings(&tenant["countryISOCode2"]["enum"]).len(),
        booking_model::country_codes().count()
    );
    // The country's own postal-code forms.
    assert!(schemas["Tenant"]["anyOf"]
        .as_array()
        .is_some_and(|a| a.len() >= 2));
    // Compared as values: key order depends on the build's serde_json features.
    let booking = &schemas["BookingRequest"];
    let terms = booking["allOf"]
        .as_array()
        .into_iter()
        .flatten()
        .find_map(|part| part["properties"].get("termsAccepted"));
    assert_eq!(
        terms,
        Some(&serde_json::json!({"type": "boolean", "enum": [true]})),
        "{booking}"
    );
    let selection = &schemas["Selection"]["properties"];
    assert_eq!(selection["moveInDate"]["format"], "date");
    assert_eq!(
        selection["addOns"]["items"]["$ref"],
        "#/components/schemas/AddOnSelection"
    );
    assert_eq!(
        schemas["AddOnSelection"]["properties"]["quantity"]["minimum"],
        1
    );
    let contact = &schemas["WaitingListContact"]["properties"];
    assert_eq!(contact["email"]["pattern"], tenant["email"]["pattern"]);
    for request in ["SignInRequest", "SessionRequest"] {
        let email = &schemas[request]["properties"]["email"];
        assert_eq!(email["pattern"], tenant["email"]["pattern"], "{request}");
    }
    assert_eq!(
        schemas["SessionRequest"]["properties"]["code"]["pattern"],
        "^[0-9]{6}$"
    );
    // Every reference in the document leads somewhere.
    let mut found = Vec::new();
    walk(&doc, &mut found);
    for (key, value) in found {
        if key == "$ref" {
            let pointer = value.as_str().unwrap_or_default().trim_start_matches('#');
            assert!(doc.pointer(pointer).is_some(), "dangling {value}");
        }
    }
}
