//! The catalogue format in process: the published schema is the generated
//! one, the seed passes it, and documents the schema refuses are refused by
//! the import too, naming the same field.
#![allow(clippy::unwrap_used)]

use booking_api::catalogue::{
    catalogue_schema, catalogue_schema_text, Catalogue, CatalogueError, SCHEMA_FILE,
};
use booking_api::SEED_CATALOGUE;
use serde_json::{json, Value};

const PUBLISHED: &str = include_str!("../catalogue.schema.json");

fn seed() -> Value {
    serde_json::from_str(SEED_CATALOGUE).unwrap()
}

fn validator() -> jsonschema::Validator {
    jsonschema::options()
        .should_validate_formats(true)
        .build(&catalogue_schema())
        .unwrap()
}

/// `/properties/0/details/timeZone` as the import writes it:
/// `properties[0].details.timeZone`.
fn dotted(pointer: &str) -> String {
    let mut out = String::new();
    for segment in pointer.split('/').filter(|s| !s.is_empty()) {
        if segment.chars().all(|c| c.is_ascii_digit()) {
            out.push_str(&format!("[{segment}]"));
        } else {
            if !out.is_empty() {
                out.push('.');
            }
            out.push_str(segment);
        }
    }
    out
}

fn import_error(document: &Value) -> CatalogueError {
    Catalogue::from_json(&document.to_string()).expect_err("the import refuses it")
}

#[test]
fn the_published_schema_is_the_generated_one() {
    assert!(
        PUBLISHED == catalogue_schema_text(),
        "crates/booking-api/{SCHEMA_FILE} is stale; regenerate it with\n  \
         cargo run -p booking-api -- catalogue-schema > crates/booking-api/{SCHEMA_FILE}"
    );
}

#[test]
fn the_seed_passes_the_schema_and_the_import() {
    let errors: Vec<String> = validator()
        .iter_errors(&seed())
        .map(|e| format!("{}: {e}", e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    Catalogue::from_json(SEED_CATALOGUE).unwrap();
}

/// Every field an operator writes says what it is for and shows a value.
#[test]
fn every_field_has_a_description_and_an_example() {
    let schema = catalogue_schema();
    let mut missing = Vec::new();
    let mut objects = vec![("#".to_owned(), &schema)];
    for (name, def) in schema["$defs"].as_object().unwrap() {
        objects.push((name.clone(), def));
    }
    for (name, object) in objects {
        for (field, property) in object["properties"].as_object().into_iter().flatten() {
            if property["description"].as_str().is_none_or(str::is_empty) {
                missing.push(format!("{name}.{field}: description"));
            }
            if property["examples"].as_array().is_none_or(Vec::is_empty) {
                missing.push(format!("{name}.{field}: example"));
            }
        }
    }
    assert!(missing.is_empty(), "{missing:#?}");
}

#[test]
fn bad_documents_are_refused_by_the_schema_and_the_import_at_the_same_field() {
    type Change = fn(&mut Value);
    let cases: [(&str, Change); 9] = [
        ("a key without pk_", |c| {
            c["publishableKeys"][0]["key"] = json!("demo");
        }),
        ("a webhook secret that is not whsec_", |c| {
            c["publishableKeys"][0]["webhookSecret"] = json!("secret");
        }),
        ("no payment period", |c| {
            c["properties"][0]["details"]["paymentPeriods"] = json!([]);
        }),
        ("a desk address that is not one", |c| {
            c["properties"][0]["details"]["notificationEmail"] = json!("desk at chalets");
        }),
        ("a closure name too long", |c| {
            c["properties"][0]["details"]["closures"][0]["name"] = json!("x".repeat(81));
        }),
        ("terms over plain http", |c| {
            c["properties"][0]["details"]["terms"]["url"] = json!("http://chalets.example/terms");
        }),
        ("negative stock", |c| {
            c["properties"][0]["storages"][0]["sizes"][0]["categories"][0]["variants"][0]
                ["availableForRent"] = json!(-1);
        }),
        ("a misspelt field", |c| {
            c["properties"][0]["details"]["timezone"] = json!("Europe/Paris");
        }),
        ("a closure without a date", |c| {
            c["properties"][0]["details"]["closures"][0]
                .as_object_mut()
                .unwrap()
                .remove("date");
        }),
    ];
    let validator = validator();
    for (what, change) in cases {
        let mut document = seed();
        change(&mut document);
        let schema_paths: Vec<String> = validator
            .iter_errors(&document)
            .map(|e| dotted(&e.instance_path().to_string()))
            .collect();
        assert!(!schema_paths.is_empty(), "{what}: the schema accepts it");
        let error = import_error(&document);
        let path = error.path().unwrap_or_default().to_owned();
        assert!(
            schema_paths
                .iter()
                .any(|p| !p.is_empty() && path.starts_with(p.as_str())),
            "{what}: the import names {path:?} ({error}), the schema {schema_paths:?}"
        );
    }
}

#[test]
fn a_date_is_closed_once_per_property() {
    let mut document = seed();
    let closures = &mut document["properties"][0]["details"]["closures"];
    let first = closures[0].clone();
    closures.as_array_mut().unwrap().push(json!({
        "date": first["date"], "kind": "EXCEPTIONAL", "name": "Travaux"
    }));
    let last = closures.as_array().unwrap().len() - 1;
    let error = import_error(&document);
    assert_eq!(
        error.path(),
        Some(format!("properties[0].details.closures[{last}].date").as_str()),
        "{error}"
    );
}

#[test]
fn the_seed_closes_on_french_public_holidays() {
    let catalogue = Catalogue::from_json(SEED_CATALOGUE).unwrap();
    let closures = &catalogue.properties[0].details.closures;
    for (date, kind) in [
        ("2026-12-25", "PUBLIC_HOLIDAY"),
        ("2027-05-17", "PUBLIC_HOLIDAY"),
        ("2026-07-14", "PUBLIC_HOLIDAY"),
        ("2026-08-14", "EXCEPTIONAL"),
    ] {
        let found = closures.iter().find(|c| c.date.to_string() == date);
        assert_eq!(
            found.map(|c| serde_json::to_value(c.kind).unwrap()),
            Some(json!(kind)),
            "{date}"
        );
    }
    assert_eq!(closures.len(), 23, "11 holidays a year and one closure");
}

#[test]
fn the_desk_address_stays_out_of_the_public_details() {
    let catalogue = Catalogue::from_json(SEED_CATALOGUE).unwrap();
    let property = &catalogue.properties[0];
    assert_eq!(
        property.notification_email.as_deref(),
        Some("desk@chalets.example")
    );
    let public = serde_json::to_string(&property.details).unwrap();
    assert!(!public.contains("desk@chalets.example"), "{public}");
    assert!(!public.contains("notificationEmail"));
    assert!(!public.contains("documentHtml"));
}

#[test]
fn the_stored_form_keeps_the_document_and_the_desk_address() {
    let catalogue = Catalogue::from_json(SEED_CATALOGUE).unwrap();
    let stored = serde_json::to_string(&catalogue).unwrap();
    let back: Catalogue = serde_json::from_str(&stored).unwrap();
    assert_eq!(back, catalogue);
    let html = back.properties[0]
        .terms_document
        .as_ref()
        .and_then(|d| d.html.as_deref())
        .unwrap();
    assert!(html.contains("Conditions générales de location"));
}

#[test]
fn terms_lead_somewhere() {
    // A server path without the document it would serve.
    let mut document = seed();
    let terms = &mut document["properties"][0]["details"]["terms"];
    terms.as_object_mut().unwrap().remove("document");
    assert_eq!(
        import_error(&document).path(),
        Some("properties[0].details.terms.url")
    );
    // An https page of the operator's own needs no document.
    document["properties"][0]["details"]["terms"]["url"] = json!("https://www.chalets.example/cgl");
    Catalogue::from_json(&document.to_string()).unwrap();
    // A document the text-only reader cannot find.
    let mut document = seed();
    document["properties"][0]["details"]["terms"]["document"] = json!("terms/ours.html");
    assert_eq!(
        import_error(&document).path(),
        Some("properties[0].details.terms.document")
    );
    // The document's text is the import's to fill.
    let mut document = seed();
    document["properties"][0]["details"]["terms"]["documentHtml"] = json!("<p>hi</p>");
    assert_eq!(
        import_error(&document).path(),
        Some("properties[0].details.terms.documentHtml")
    );
}

#[test]
fn a_catalogue_file_ships_its_own_terms() {
    let dir = tempfile::tempdir().unwrap();
    let mut document = seed();
    document["properties"][0]["details"]["terms"] = json!({
        "version": "2025-03", "title": "CGL", "url": "/terms/2025-03.html",
        "document": "legal/cgl.html"
    });
    let file = dir.path().join("catalogue.json");
    std::fs::write(&file, document.to_string()).unwrap();

    let error = Catalogue::from_file(&file).unwrap_err();
    assert_eq!(error.path(), Some("properties[0].details.terms.document"));
    assert!(error.to_string().contains("legal/cgl.html"), "{error}");

    std::fs::create_dir_all(dir.path().join("legal")).unwrap();
    std::fs::write(dir.path().join("legal/cgl.html"), "<h1>CGL 2025</h1>").unwrap();
    let catalogue = Catalogue::from_file(&file).unwrap();
    let terms = catalogue.properties[0].terms_document.as_ref().unwrap();
    assert_eq!(terms.html.as_deref(), Some("<h1>CGL 2025</h1>"));
}

#[test]
fn a_storegister_listing_gets_terms_that_lead_somewhere() {
    let catalogue =
        Catalogue::from_json(include_str!("fixtures/storegister-listing.json")).unwrap();
    let property = &catalogue.properties[0];
    assert_eq!(property.details.terms.url, "/terms/2024-01.html");
    assert!(property
        .terms_document
        .as_ref()
        .and_then(|d| d.html.as_deref())
        .is_some_and(|html| html.contains("<html")));
}
