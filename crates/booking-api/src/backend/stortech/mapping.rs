//! Stortech's facilities and units as our catalogue (CONNECTORS.md
//! "Mapping to the widget API"): a facility is a property, a unit type a
//! size with one `RENT` variant, availability the count of `available`
//! units. What Stortech does not know (locale, time zone, tenant types,
//! insurance, terms…) comes from the operator's overlay.

use std::collections::{BTreeMap, HashMap};

use booking_model::{
    Country, DepositKind, DepositRule, JsonDecimal, OpeningHours, Property, Region,
};
use pricing::{Currency, Tax};
use rust_decimal::Decimal;
use serde::Deserialize;
use serde_json::Value;

use crate::catalogue::{
    CatalogueCategory, CatalogueProperty, CatalogueSize, CatalogueStorage, CatalogueVariant,
    PriceRule,
};

#[derive(Debug, Clone, Deserialize)]
pub struct Facility {
    pub id: String,
    pub name: String,
    pub address: Address,
    #[serde(default)]
    pub contact: Option<Contact>,
    #[serde(default)]
    pub business_hours: Option<BTreeMap<String, Value>>,
    #[serde(default)]
    pub tax_configuration: Option<BTreeMap<String, Value>>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Address {
    #[serde(default)]
    pub street: String,
    #[serde(default)]
    pub city: String,
    #[serde(default)]
    pub province: String,
    #[serde(default)]
    pub postal_code: String,
    #[serde(default)]
    pub country: String,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Contact {
    #[serde(default)]
    pub phone: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Unit {
    pub id: String,
    pub unit_number: String,
    pub unit_type: UnitType,
    pub status: String,
}

#[derive(Debug, Clone, Deserialize)]
pub struct UnitType {
    pub id: String,
    pub name: String,
    pub dimensions: Dimensions,
    pub monthly_rate: JsonDecimal,
    #[serde(default)]
    pub security_deposit: Option<JsonDecimal>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Dimensions {
    pub width: JsonDecimal,
    pub length: JsonDecimal,
    #[serde(default)]
    pub height: Option<JsonDecimal>,
    pub square_feet: JsonDecimal,
}

/// Free units per unit type (`available` status only).
pub type Free = HashMap<String, i64>;

/// The reference's weekdays, with our `dayOfWeek` (0 Sunday).
const DAYS: [(&str, i8, &str); 7] = [
    ("monday", 1, "Monday"),
    ("tuesday", 2, "Tuesday"),
    ("wednesday", 3, "Wednesday"),
    ("thursday", 4, "Thursday"),
    ("friday", 5, "Friday"),
    ("saturday", 6, "Saturday"),
    ("sunday", 0, "Sunday"),
];

/// `"09:00-18:00"` → one slot `"09:00 To 18:00"`; missing or `"closed"`: closed.
fn opening_hours(hours: Option<&BTreeMap<String, Value>>) -> Vec<OpeningHours> {
    DAYS.iter()
        .map(|(key, day, name)| {
            let slot = hours
                .and_then(|h| h.get(*key))
                .and_then(Value::as_str)
                .and_then(|text| {
                    let (open, close) = text.trim().split_once('-')?;
                    Some(format!("{} To {}", open.trim(), close.trim()))
                });
            OpeningHours {
                day_of_week: *day,
                week: Some((*name).to_owned()),
                is_closed: slot.is_none(),
                first_time_slot: slot,
                second_time_slot: None,
            }
        })
        .collect()
}

/// Each `*_rate` (a fraction) as a tax in percent named from its key.
fn taxes(config: Option<&BTreeMap<String, Value>>) -> Vec<Tax> {
    config
        .into_iter()
        .flatten()
        .filter_map(|(key, value)| {
            let name = key.strip_suffix("_rate")?.to_ascii_uppercase();
            let fraction: Decimal = match value {
                Value::Number(n) => n.to_string().parse().ok()?,
                Value::String(s) => s.parse().ok()?,
                _ => return None,
            };
            (fraction > Decimal::ZERO).then(|| Tax {
                name,
                rate: (fraction * Decimal::ONE_HUNDRED).normalize(),
            })
        })
        .collect()
}

fn currency(country: &str, fallback: Currency) -> Currency {
    match country {
        "CA" => Currency::CAD,
        "US" => Currency::USD,
        _ => fallback,
    }
}

fn country_name(iso: &str) -> String {
    match iso {
        "CA" => "Canada".into(),
        "US" => "United States".into(),
        other => other.into(),
    }
}

/// Small, Medium or Large: the name's first word, else by surface.
fn size_group(unit_type: &UnitType) -> (i64, &'static str) {
    match unit_type.name.split_whitespace().next() {
        Some("Small") => (1, "Small"),
        Some("Medium") => (2, "Medium"),
        Some("Large") => (3, "Large"),
        _ => {
            let surface = unit_type.dimensions.square_feet.0;
            if surface < Decimal::from(50) {
                (1, "Small")
            } else if surface < Decimal::from(150) {
                (2, "Medium")
            } else {
                (3, "Large")
            }
        }
    }
}

/// One deposit rule per property: a month of rent when the unit types
/// ask their rent as deposit (the fixtures' rule), a fixed amount when
/// they all ask the same, else the overlay's. A type that differs is
/// priced by that rule all the same, and its booking reports the
/// mismatch with the upstream's figure.
fn deposit(types: &[&UnitType], overlay: Option<&DepositRule>) -> Option<DepositRule> {
    let asked: Vec<(Decimal, Decimal)> = types
        .iter()
        .map(|t| {
            (
                t.monthly_rate.0,
                t.security_deposit.map_or(Decimal::ZERO, |d| d.0),
            )
        })
        .collect();
    if asked
        .iter()
        .any(|(rate, dep)| dep == rate && !dep.is_zero())
    {
        return Some(DepositRule {
            kind: DepositKind::MonthsOfRent,
            value: Decimal::ONE,
            description: "Security deposit".into(),
        });
    }
    match asked.first() {
        Some((_, first)) if asked.iter().all(|(_, d)| d == first) => {
            (!first.is_zero()).then(|| DepositRule {
                kind: DepositKind::Fixed,
                value: *first,
                description: "Security deposit".into(),
            })
        }
        _ => overlay.cloned(),
    }
}

/// The property of a facility, with the free units per type. `overlay` is
/// the overlay's property of that id, or the overlay's first (the
/// operator's defaults) when it names none.
#[must_use]
pub fn property(
    facility: &Facility,
    units: &[Unit],
    overlay: &CatalogueProperty,
) -> (CatalogueProperty, Free) {
    let mut types: BTreeMap<&str, (&UnitType, i64, i64)> = BTreeMap::new();
    for unit in units {
        let entry = types
            .entry(unit.unit_type.id.as_str())
            .or_insert((&unit.unit_type, 0, 0));
        entry.1 += 1;
        if unit.status == "available" {
            entry.2 += 1;
        }
    }
    let taxes = taxes(facility.tax_configuration.as_ref());
    let same = overlay.details.property.id == facility.id;
    let base = &overlay.details.property;
    let iso = facility.address.country.to_ascii_uppercase();
    let property = Property {
        id: facility.id.clone(),
        name: facility.name.clone(),
        address: facility.address.street.clone(),
        city: facility.address.city.clone(),
        latitude: if same {
            base.latitude
        } else {
            JsonDecimal::default()
        },
        longitude: if same {
            base.longitude
        } else {
            JsonDecimal::default()
        },
        postal_code: facility.address.postal_code.clone(),
        country: Country {
            id: if same { base.country.id } else { 0 },
            name: country_name(&iso),
        },
        region: Some(Region {
            id: 0,
            name: facility.address.province.clone(),
        })
        .filter(|r| !r.name.is_empty()),
        country_iso_code2: iso.clone(),
        google_place_id: if same {
            base.google_place_id.clone()
        } else {
            None
        },
        contact_number: facility.contact.as_ref().and_then(|c| c.phone.clone()),
        property_image_list: if same {
            base.property_image_list.clone()
        } else {
            None
        },
        property_office_opening_hours_info_list: Some(opening_hours(
            facility.business_hours.as_ref(),
        )),
    };
    let unit_types: Vec<&UnitType> = types.values().map(|(t, _, _)| *t).collect();
    let sizes = types
        .values()
        .map(|(unit_type, total, free)| {
            let (group, group_name) = size_group(unit_type);
            let dims = &unit_type.dimensions;
            CatalogueSize {
                storage_size_group_info_id: group,
                storage_size_group_info_name: group_name.into(),
                width: dims.width,
                length: dims.length,
                height: dims.height.unwrap_or_default(),
                surface: dims.square_feet,
                scale_metrics: "ft".into(),
                size_metrics: "ft".into(),
                total_count: *total,
                storage_space_size_info_id: unit_type.id.clone(),
                storage_size_image_asset_info_id: None,
                storage_size_image_info_path: None,
                categories: vec![CatalogueCategory {
                    id: unit_type.id.clone(),
                    name: unit_type.name.clone(),
                    variants: vec![CatalogueVariant {
                        id: unit_type.id.clone(),
                        rent: Some(PriceRule {
                            monthly_price: unit_type.monthly_rate.0,
                            taxes: taxes.clone(),
                            price_includes_tax: false,
                            promotion: None,
                            discount_info_id: None,
                            discount_property_info_id: None,
                        }),
                        book: None,
                        available_for_rent: *free,
                        available_for_book: 0,
                    }],
                }],
            }
        })
        .collect();
    let free = types
        .iter()
        .map(|(id, (_, _, free))| ((*id).to_owned(), *free))
        .collect();
    let (storage_id, storage_name) = overlay.storages.first().map_or_else(
        || (format!("{}-units", facility.id), "Self storage".to_owned()),
        |s| (s.id.clone(), s.name.clone()),
    );
    let mut details = overlay.details.clone();
    details.currency = currency(&iso, details.currency);
    details.deposit = deposit(&unit_types, overlay.details.deposit.as_ref());
    details.property = property;
    details.storages = vec![booking_model::StorageType {
        id: storage_id.clone(),
        name: storage_name.clone(),
        dimension_type: Some("SURFACE".into()),
    }];
    (
        CatalogueProperty {
            details,
            notification_email: overlay.notification_email.clone(),
            terms_document: overlay.terms_document.clone(),
            storages: vec![CatalogueStorage {
                id: storage_id,
                name: storage_name,
                dimension_type: Some("SURFACE".into()),
                sizes,
            }],
        },
        free,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn taxes_are_fractions_named_from_their_keys() {
        let config: BTreeMap<String, Value> = serde_json::from_value(serde_json::json!({
            "gst_rate": 0.05, "qst_rate": 0.09975, "gst_number": "123456789RT0001"
        }))
        .expect("config");
        let taxes = taxes(Some(&config));
        assert_eq!(taxes.len(), 2);
        assert_eq!(taxes[0].name, "GST");
        assert_eq!(taxes[0].rate, Decimal::from(5));
        assert_eq!(taxes[1].name, "QST");
        assert_eq!(taxes[1].rate.to_string(), "9.975");
    }

    #[test]
    fn hours_have_one_slot_and_closed_days() {
        let hours: BTreeMap<String, Value> = serde_json::from_value(serde_json::json!({
            "monday": "09:00-18:00", "saturday": "closed"
        }))
        .expect("hours");
        let list = opening_hours(Some(&hours));
        let monday = list.iter().find(|d| d.day_of_week == 1).expect("monday");
        assert_eq!(monday.first_time_slot.as_deref(), Some("09:00 To 18:00"));
        assert!(!monday.is_closed);
        assert!(
            list.iter()
                .find(|d| d.day_of_week == 6)
                .expect("sat")
                .is_closed
        );
        assert!(
            list.iter()
                .find(|d| d.day_of_week == 0)
                .expect("sun")
                .is_closed
        );
    }
}
