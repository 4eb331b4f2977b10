//! What serde cannot check in a catalogue, each refusal naming its field:
//! unique ids, known references, prices the pricing crate accepts, stock
//! not negative, closures, addresses and the terms' link. The published
//! schema says the same where JSON Schema can (patterns, minimums).

use std::collections::HashSet;

use base64::Engine;
use booking_model::{is_email, CLOSURE_NAME_MAX};

use super::error::{invalid, CatalogueError};
use super::format::{Catalogue, CatalogueProperty};
use super::listing::price_block;

/// Where a catalogue's own documents are served: `/terms/NAME.html`.
pub const TERMS_PATH_PREFIX: &str = "/terms/";

impl Catalogue {
    /// Checks what serde cannot.
    ///
    /// # Errors
    /// The first problem, with its path.
    pub fn validate(&self) -> Result<(), CatalogueError> {
        let mut price_ids = HashSet::new();
        let mut property_ids = HashSet::new();
        for (p, property) in self.properties.iter().enumerate() {
            let path = format!("properties[{p}]");
            if !property_ids.insert(&property.details.property.id) {
                return Err(invalid(
                    format!("{path}.details.property.id"),
                    "property ids must be unique",
                ));
            }
            validate_details(&path, property)?;
            for (s, storage) in property.storages.iter().enumerate() {
                for (z, size) in storage.sizes.iter().enumerate() {
                    let size_path = format!("{path}.storages[{s}].sizes[{z}]");
                    if size.total_count < 0 {
                        return Err(invalid(
                            format!("{size_path}.totalCount"),
                            "must not be negative",
                        ));
                    }
                    for (c, category) in size.categories.iter().enumerate() {
                        for (v, variant) in category.variants.iter().enumerate() {
                            let path = format!("{size_path}.categories[{c}].variants[{v}]");
                            if !price_ids.insert(&variant.id) {
                                return Err(invalid(
                                    format!("{path}.id"),
                                    "price ids must be unique",
                                ));
                            }
                            for (field, available) in [
                                ("availableForRent", variant.available_for_rent),
                                ("availableForBook", variant.available_for_book),
                            ] {
                                if available < 0 {
                                    return Err(invalid(
                                        format!("{path}.{field}"),
                                        "stock must not be negative",
                                    ));
                                }
                            }
                            for (mode, rule) in [("rent", &variant.rent), ("book", &variant.book)] {
                                if let Some(rule) = rule {
                                    price_block(
                                        property.details.currency,
                                        &property.details.locale,
                                        rule,
                                    )
                                    .map_err(|e| {
                                        invalid(format!("{path}.{mode}"), e.to_string())
                                    })?;
                                }
                            }
                        }
                    }
                }
            }
        }
        for (k, key) in self.publishable_keys.iter().enumerate() {
            let path = format!("publishableKeys[{k}]");
            let rest = key.key.strip_prefix("pk_").unwrap_or_default();
            if rest.is_empty() || !rest.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
                return Err(invalid(
                    format!("{path}.key"),
                    "must start with pk_, then letters, digits or _",
                ));
            }
            for id in &key.property_ids {
                if self.property(id).is_none() {
                    return Err(invalid(
                        format!("{path}.propertyIds"),
                        format!("unknown property {id}"),
                    ));
                }
            }
            if let Some(url) = &key.webhook_url {
                let ok = reqwest::Url::parse(url)
                    .is_ok_and(|u| matches!(u.scheme(), "http" | "https") && u.has_host());
                if !ok {
                    return Err(invalid(
                        format!("{path}.webhookUrl"),
                        "an absolute http(s) URL",
                    ));
                }
            }
            if let Some(secret) = &key.webhook_secret {
                let ok = secret.strip_prefix("whsec_").is_some_and(|b64| {
                    !b64.is_empty()
                        && base64::engine::general_purpose::STANDARD
                            .decode(b64)
                            .is_ok()
                });
                if !ok {
                    return Err(invalid(
                        format!("{path}.webhookSecret"),
                        "whsec_ followed by base64",
                    ));
                }
            }
        }
        Ok(())
    }
}

fn validate_details(path: &str, property: &CatalogueProperty) -> Result<(), CatalogueError> {
    let details = &property.details;
    let path = format!("{path}.details");
    if details.time_zone.parse::<chrono_tz::Tz>().is_err() {
        return Err(invalid(
            format!("{path}.timeZone"),
            "an IANA time zone, such as Europe/Paris",
        ));
    }
    if details.payment_periods.is_empty() {
        return Err(invalid(
            format!("{path}.paymentPeriods"),
            "at least one period",
        ));
    }
    let code = &details.property.country_iso_code2;
    if code.len() != 2 || !code.chars().all(|c| c.is_ascii_uppercase()) {
        return Err(invalid(
            format!("{path}.property.countryISOCode2"),
            "two capital letters (ISO 3166-1), such as FR",
        ));
    }
    for (h, hours) in details
        .property
        .property_office_opening_hours_info_list
        .iter()
        .flatten()
        .enumerate()
    {
        let path = format!("{path}.property.propertyOfficeOpeningHoursInfoList[{h}]");
        if !(-1..=6).contains(&hours.day_of_week) {
            return Err(invalid(
                format!("{path}.dayOfWeek"),
                "0 (Sunday) to 6, or -1 for public holidays",
            ));
        }
        for (name, slot) in [
            ("firstTimeSlot", &hours.first_time_slot),
            ("secondTimeSlot", &hours.second_time_slot),
        ] {
            if slot.as_deref().is_some_and(|s| !is_time_slot(s)) {
                return Err(invalid(format!("{path}.{name}"), "HH:MM To HH:MM"));
            }
        }
    }
    let mut dates = HashSet::new();
    for (c, closure) in details.closures.iter().enumerate() {
        if !dates.insert(closure.date) {
            return Err(invalid(
                format!("{path}.closures[{c}].date"),
                format!("{} is already listed", closure.date),
            ));
        }
        if closure.name.chars().count() > CLOSURE_NAME_MAX {
            return Err(invalid(
                format!("{path}.closures[{c}].name"),
                format!("at most {CLOSURE_NAME_MAX} characters"),
            ));
        }
    }
    if let Some(email) = &property.notification_email {
        if !is_email(email) {
            return Err(invalid(
                format!("{path}.notificationEmail"),
                "an e-mail address (desk@example.com)",
            ));
        }
    }
    validate_terms(&path, property)
}

/// The link must lead somewhere: the operator's own https page, or a
/// document this catalogue ships and the server serves.
fn validate_terms(path: &str, property: &CatalogueProperty) -> Result<(), CatalogueError> {
    let terms = &property.details.terms;
    let path = format!("{path}.terms");
    if terms.version.is_empty() {
        return Err(invalid(format!("{path}.version"), "must not be empty"));
    }
    if terms.title.is_empty() {
        return Err(invalid(format!("{path}.title"), "must not be empty"));
    }
    if let Some(document) = &property.terms_document {
        if !document.file.ends_with(".html") {
            return Err(invalid(format!("{path}.document"), "an .html file"));
        }
        if !is_served_path(&terms.url) {
            return Err(invalid(
                format!("{path}.url"),
                "with a document, the path the server serves it at: /terms/NAME.html",
            ));
        }
        return Ok(());
    }
    if is_served_path(&terms.url) {
        return Err(invalid(
            format!("{path}.url"),
            "a server path needs the document it serves (terms.document)",
        ));
    }
    let ok = reqwest::Url::parse(&terms.url).is_ok_and(|u| u.scheme() == "https" && u.has_host());
    if !ok {
        return Err(invalid(
            format!("{path}.url"),
            "an absolute https:// URL, or /terms/NAME.html with terms.document",
        ));
    }
    Ok(())
}

/// `/terms/NAME.html`, NAME of letters, digits, `.`, `_` and `-`.
#[must_use]
pub fn is_served_path(url: &str) -> bool {
    url.strip_prefix(TERMS_PATH_PREFIX)
        .and_then(|name| name.strip_suffix(".html"))
        .is_some_and(|stem| {
            !stem.is_empty()
                && stem
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || "._-".contains(c))
        })
}

/// `HH:MM To HH:MM`, as StoRegister writes office hours.
fn is_time_slot(slot: &str) -> bool {
    let time = |t: &str| {
        let b = t.as_bytes();
        b.len() == 5
            && b[2] == b':'
            && (b'0'..=b'2').contains(&b[0])
            && b[1].is_ascii_digit()
            && (b'0'..=b'5').contains(&b[3])
            && b[4].is_ascii_digit()
    };
    slot.split_once(" To ")
        .is_some_and(|(from, to)| time(from) && time(to))
}
