//! The operator's catalogue: properties, their sizes and prices, their
//! stock, and the publishable keys that may show them. It is stored in the
//! database as one document (plus a stock table that bookings decrement),
//! and turned here into the listing and property DTOs of the contract.

use std::collections::HashMap;

use booking_model::{
    format_percent, JsonDecimal, Listing, ListingTax, Money, PriceBlock, PriceVariant, Promotion,
    PropertyDetails, PropertySizePriceData, SizeEntry, StorageCategory, StorageRef, StorageType,
};
use pricing::{price_card, Discount, Tax};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// A catalogue file (`booking-api import FILE`, `seed/catalogue.json`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Catalogue {
    pub publishable_keys: Vec<PublishableKey>,
    pub properties: Vec<CatalogueProperty>,
}

/// A publishable key names an operator's site: which properties it shows,
/// which web origins may call with it, where its webhooks go.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PublishableKey {
    pub key: String,
    /// `scheme://host` or `scheme://host:port`; a port of `*` matches any
    /// port (and none).
    pub allowed_origins: Vec<String>,
    pub property_ids: Vec<String>,
    #[serde(default)]
    pub webhook_url: Option<String>,
    /// Standard Webhooks secret, `whsec_` + base64.
    #[serde(default)]
    pub webhook_secret: Option<String>,
}

/// The secret stays out of logs and panics.
impl std::fmt::Debug for PublishableKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PublishableKey")
            .field("key", &self.key)
            .field("allowed_origins", &self.allowed_origins)
            .field("property_ids", &self.property_ids)
            .field("webhook_url", &self.webhook_url)
            .field("webhook_secret", &self.webhook_secret.as_ref().map(|_| "…"))
            .finish()
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CatalogueProperty {
    /// `storages` there is filled from [`Self::storages`].
    pub details: PropertyDetails,
    pub storages: Vec<CatalogueStorage>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CatalogueStorage {
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub dimension_type: Option<String>,
    pub sizes: Vec<CatalogueSize>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CatalogueSize {
    pub storage_size_group_info_id: i64,
    pub storage_size_group_info_name: String,
    pub width: JsonDecimal,
    pub length: JsonDecimal,
    pub height: JsonDecimal,
    pub surface: JsonDecimal,
    pub scale_metrics: String,
    pub size_metrics: String,
    /// Units of this size at the property (StoRegister's `availableCount`).
    pub total_count: i64,
    pub storage_space_size_info_id: String,
    #[serde(default)]
    pub storage_size_image_asset_info_id: Option<String>,
    #[serde(default)]
    pub storage_size_image_info_path: Option<String>,
    pub categories: Vec<CatalogueCategory>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CatalogueCategory {
    pub id: String,
    pub name: String,
    pub variants: Vec<CatalogueVariant>,
}

/// A price variant; the `available…` numbers are the stock an import sets.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CatalogueVariant {
    pub id: String,
    #[serde(default)]
    pub rent: Option<PriceRule>,
    #[serde(default)]
    pub book: Option<PriceRule>,
    pub available_for_rent: i64,
    pub available_for_book: i64,
}

/// A monthly price as the operator sets it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PriceRule {
    #[serde(with = "decimal_text")]
    pub monthly_price: Decimal,
    #[serde(default)]
    pub taxes: Vec<Tax>,
    #[serde(default)]
    pub price_includes_tax: bool,
    #[serde(default)]
    pub promotion: Option<Promotion>,
    #[serde(default)]
    pub discount_info_id: Option<String>,
    #[serde(default)]
    pub discount_property_info_id: Option<String>,
}

/// Decimals as strings in the file, numbers accepted.
mod decimal_text {
    use rust_decimal::Decimal;
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(v: &Decimal, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(v)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Decimal, D::Error> {
        booking_model::JsonDecimal::deserialize(d).map(|v| v.0)
    }
}

/// Stock of one variant for one mode: the row bookings decrement.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StockRow {
    pub price_id: String,
    pub mode: &'static str,
    pub property_id: String,
    pub available: i64,
}

#[derive(Debug, thiserror::Error)]
pub enum CatalogueError {
    #[error("{0}")]
    Json(#[from] serde_json::Error),
    #[error("{path}: {message}")]
    Invalid { path: String, message: String },
}

fn invalid(path: impl Into<String>, message: impl Into<String>) -> CatalogueError {
    CatalogueError::Invalid {
        path: path.into(),
        message: message.into(),
    }
}

impl Catalogue {
    /// Reads a catalogue file: our own format, or a StoRegister listing
    /// answer (`{"data": {"property", "storage", "propertySizePriceData"}}`)
    /// whose prices become tax-inclusive monthly prices.
    ///
    /// # Errors
    /// Malformed JSON, or a catalogue that [`Self::validate`] refuses.
    pub fn from_json(text: &str) -> Result<Self, CatalogueError> {
        let value: serde_json::Value = serde_json::from_str(text)?;
        let mut catalogue = if value
            .get("data")
            .is_some_and(|d| d.get("propertySizePriceData").is_some())
        {
            crate::storegister_import::from_listing(&value)?
        } else {
            serde_path_to_error::deserialize::<_, Self>(value)
                .map_err(|e| invalid(e.path().to_string(), e.inner().to_string()))?
        };
        for property in &mut catalogue.properties {
            property.details.storages = property
                .storages
                .iter()
                .map(|s| StorageType {
                    id: s.id.clone(),
                    name: s.name.clone(),
                    dimension_type: s.dimension_type.clone(),
                })
                .collect();
            property.details.earliest_move_in_date = None;
            property.details.latest_move_in_date = None;
        }
        catalogue.validate()?;
        Ok(catalogue)
    }

    /// Checks what serde cannot: unique ids, known references, prices the
    /// pricing crate accepts, stock not negative.
    ///
    /// # Errors
    /// The first problem, with its path.
    pub fn validate(&self) -> Result<(), CatalogueError> {
        let mut price_ids = HashMap::new();
        for (p, property) in self.properties.iter().enumerate() {
            let path = format!("properties[{p}]");
            if property.details.time_zone.parse::<chrono_tz::Tz>().is_err() {
                return Err(invalid(
                    format!("{path}.details.timeZone"),
                    "an IANA time zone, such as Europe/Paris",
                ));
            }
            if property.details.payment_periods.is_empty() {
                return Err(invalid(
                    format!("{path}.details.paymentPeriods"),
                    "at least one period",
                ));
            }
            for (s, storage) in property.storages.iter().enumerate() {
                for (z, size) in storage.sizes.iter().enumerate() {
                    for (c, category) in size.categories.iter().enumerate() {
                        for (v, variant) in category.variants.iter().enumerate() {
                            let path = format!(
                                "{path}.storages[{s}].sizes[{z}].categories[{c}].variants[{v}]"
                            );
                            if price_ids.insert(variant.id.clone(), ()).is_some() {
                                return Err(invalid(
                                    format!("{path}.id"),
                                    "price ids must be unique",
                                ));
                            }
                            if variant.available_for_rent < 0 || variant.available_for_book < 0 {
                                return Err(invalid(path, "stock must not be negative"));
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
            if !key.key.starts_with("pk_") {
                return Err(invalid(
                    format!("publishableKeys[{k}].key"),
                    "must start with pk_",
                ));
            }
            for id in &key.property_ids {
                if !self.properties.iter().any(|p| &p.details.property.id == id) {
                    return Err(invalid(
                        format!("publishableKeys[{k}].propertyIds"),
                        format!("unknown property {id}"),
                    ));
                }
            }
        }
        Ok(())
    }

    /// The initial stock rows an import writes.
    #[must_use]
    pub fn stock(&self) -> Vec<StockRow> {
        let mut rows = Vec::new();
        for property in &self.properties {
            for variant in property
                .storages
                .iter()
                .flat_map(|s| &s.sizes)
                .flat_map(|z| &z.categories)
                .flat_map(|c| &c.variants)
            {
                for (mode, available) in [
                    ("RENT", variant.available_for_rent),
                    ("BOOK", variant.available_for_book),
                ] {
                    rows.push(StockRow {
                        price_id: variant.id.clone(),
                        mode,
                        property_id: property.details.property.id.clone(),
                        available,
                    });
                }
            }
        }
        rows
    }

    #[must_use]
    pub fn property(&self, id: &str) -> Option<&CatalogueProperty> {
        self.properties.iter().find(|p| p.details.property.id == id)
    }

    #[must_use]
    pub fn key(&self, key: &str) -> Option<&PublishableKey> {
        self.publishable_keys.iter().find(|k| k.key == key)
    }
}

/// Which sizes a listing shows.
#[derive(Debug, Clone, Copy)]
pub struct ListingFilter {
    /// 0: every group.
    pub storage_group_id: i64,
}

impl CatalogueProperty {
    /// The listing of one storage, every amount from [`pricing::price_card`],
    /// with the stock given as `available(price_id, mode)`.
    ///
    /// # Errors
    /// A price the pricing crate refuses (the import validates against this).
    pub fn listing(
        &self,
        storage: &CatalogueStorage,
        filter: ListingFilter,
        available: &dyn Fn(&str, &str) -> i64,
    ) -> Result<Listing, pricing::PricingError> {
        let details = &self.details;
        let property = &details.property;
        let sizes = storage
            .sizes
            .iter()
            .filter(|z| {
                filter.storage_group_id == 0
                    || z.storage_size_group_info_id == filter.storage_group_id
            })
            .map(|size| {
                let categories = size
                    .categories
                    .iter()
                    .map(|category| {
                        let price = category
                            .variants
                            .iter()
                            .map(|variant| {
                                let block = |rule: &Option<PriceRule>| {
                                    rule.as_ref()
                                        .map(|r| price_block(details.currency, &details.locale, r))
                                        .transpose()
                                };
                                Ok(PriceVariant {
                                    id: variant.id.clone(),
                                    rental_price: block(&variant.rent)?,
                                    booking_price: block(&variant.book)?,
                                    available_space_for_rent: available(&variant.id, "RENT"),
                                    available_space_for_book: available(&variant.id, "BOOK"),
                                })
                            })
                            .collect::<Result<Vec<_>, pricing::PricingError>>()?;
                        Ok(StorageCategory {
                            id: category.id.clone(),
                            name: category.name.clone(),
                            price,
                        })
                    })
                    .collect::<Result<Vec<_>, pricing::PricingError>>()?;
                Ok(SizeEntry {
                    storage_size_group_info_id: size.storage_size_group_info_id,
                    storage_size_group_info_name: size.storage_size_group_info_name.clone(),
                    width: size.width,
                    length: size.length,
                    height: size.height,
                    surface: size.surface,
                    scale_metrics: size.scale_metrics.clone(),
                    size_metrics: size.size_metrics.clone(),
                    available_count: size.total_count,
                    storage_space_size_info_id: size.storage_space_size_info_id.clone(),
                    storage_size_image_asset_info_id: size.storage_size_image_asset_info_id.clone(),
                    storage_size_image_info_path: size.storage_size_image_info_path.clone(),
                    storage_category: categories,
                })
            })
            .collect::<Result<Vec<_>, pricing::PricingError>>()?;
        Ok(Listing {
            property: property.clone(),
            storage: StorageRef {
                id: storage.id.clone(),
                name: storage.name.clone(),
            },
            property_size_price_data: vec![PropertySizePriceData {
                id: property.id.clone(),
                name: property.name.clone(),
                city: None,
                country: None,
                country_info_iso_code2: None,
                zip_code: None,
                address_line1: None,
                address_info_latitude: property.latitude,
                address_info_longitude: property.longitude,
                storage_info_id: storage.id.clone(),
                storage_info_name: storage.name.clone(),
                storage_info_dimension_type: storage.dimension_type.clone(),
                sizes,
                google_place_id: None,
                contact_number_dialing_code: 0,
                contact_number: None,
            }],
        })
    }

    #[must_use]
    pub fn storage(&self, id: &str) -> Option<&CatalogueStorage> {
        self.storages.iter().find(|s| s.id == id)
    }
}

/// One price block of the listing. A promotion behind a promo code is not
/// shown as a discount (the tenant has not given the code yet) but is
/// published in `promotion` so that the widget can apply it.
fn price_block(
    currency: pricing::Currency,
    locale: &str,
    rule: &PriceRule,
) -> Result<PriceBlock, pricing::PricingError> {
    let automatic = rule.promotion.as_ref().filter(|p| p.promo_code.is_none());
    let discount = automatic.map(|p| Discount {
        kind: p.kind,
        value: p.value,
        cycles: p.cycles,
        description: p.description.clone(),
    });
    let card = price_card(
        currency,
        rule.monthly_price,
        &rule.taxes,
        rule.price_includes_tax,
        discount.as_ref(),
    )?;
    let money = |a: pricing::Amount| Money::new(a.value(), currency, locale);
    let rate: Decimal = rule.taxes.iter().map(|t| t.rate).sum();
    let name = rule
        .taxes
        .iter()
        .map(|t| t.name.as_str())
        .collect::<Vec<_>>()
        .join(" + ");
    Ok(PriceBlock {
        discount_info_id: rule.discount_info_id.clone(),
        discount_property_info_id: rule.discount_property_info_id.clone(),
        discount_description: automatic
            .map(|p| p.description.clone())
            .filter(|d| !d.is_empty()),
        taxable_price: money(card.taxable_price),
        tax: ListingTax {
            name,
            tax_percentage: JsonDecimal(rate),
            tax_percentage_formatted: format_percent(rate, locale),
        },
        tax_amount: money(card.tax_amount),
        net_amount: money(card.net_amount),
        discount_amount: card.discount_amount.map(money),
        payable_amount: Some(money(card.payable_amount)),
        monthly_price: rule.monthly_price,
        taxes: rule.taxes.clone(),
        price_includes_tax: rule.price_includes_tax,
        promotion: rule.promotion.clone(),
    })
}
