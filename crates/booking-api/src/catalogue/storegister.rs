//! Reads a StoRegister size-and-price listing as a catalogue, so that an
//! operator can start from what their StoRegister account already answers.
//!
//! The listing says nothing of billing rules, insurance, add-ons or tenant
//! types, so those take plain defaults; its prices become tax-inclusive
//! monthly prices (the net amounts), which reproduce its cards to the cent,
//! and a discount becomes a lasting percentage promotion. Nor does it have
//! terms: the demo's stand in until the operator's own are imported.

use booking_model::{
    JsonDecimal, MoveInWindow, Promotion, Property, PropertyDetails, TenantType, Terms,
};
use pricing::{Billing, Currency, DiscountKind, Period, Tax};
use rust_decimal::{Decimal, RoundingStrategy};
use serde::Deserialize;
use serde_json::Value;

use super::documents::demo_terms_html;
use super::error::CatalogueError;
use super::format::{
    Catalogue, CatalogueCategory, CatalogueProperty, CatalogueSize, CatalogueStorage,
    CatalogueVariant, PriceRule, TermsDocument,
};

/// The tenant type an imported property offers.
pub const GENERAL_TENANT_TYPE: &str = "2f6d2c3e-0000-4000-8000-000000000001";

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Data {
    property: Property,
    storage: Value,
    property_size_price_data: Vec<SizePriceData>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct SizePriceData {
    #[serde(rename = "strorageInfoId")]
    storage_info_id: String,
    storage_info_name: String,
    #[serde(default)]
    storage_info_dimension_type: Option<String>,
    sizes: Vec<Size>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Size {
    storage_size_group_info_id: i64,
    storage_size_group_info_name: String,
    width: JsonDecimal,
    length: JsonDecimal,
    height: JsonDecimal,
    surface: JsonDecimal,
    scale_metrics: String,
    size_metrics: String,
    available_count: i64,
    storage_space_size_info_id: String,
    #[serde(default)]
    storage_size_image_asset_info_id: Option<String>,
    #[serde(default)]
    storage_size_image_info_path: Option<String>,
    storage_category: Vec<Category>,
}

#[derive(Deserialize)]
struct Category {
    id: String,
    name: String,
    price: Vec<Variant>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Variant {
    #[serde(default)]
    id: Option<String>,
    rental_price: Option<Block>,
    booking_price: Option<Block>,
    available_space_for_rent: i64,
    available_space_for_book: i64,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Block {
    discount_info_id: Option<String>,
    discount_property_info_id: Option<String>,
    discount_description: Option<String>,
    tax: Option<BlockTax>,
    net_amount: Amount,
    discount_amount: Option<Amount>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct BlockTax {
    name: String,
    tax_percentage: JsonDecimal,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Amount {
    price: JsonDecimal,
    formatted_price: String,
}

/// # Errors
/// A listing that does not have StoRegister's shape.
pub fn from_listing(value: &Value) -> Result<Catalogue, CatalogueError> {
    let data: Data = serde_json::from_value(value.get("data").cloned().unwrap_or(Value::Null))?;
    let currency = guess_currency(&data);
    let locale = if data.property.country_iso_code2 == "FR" {
        "fr-FR"
    } else {
        "en-GB"
    };
    let mut storages = Vec::new();
    for block in &data.property_size_price_data {
        let sizes = block
            .sizes
            .iter()
            .map(|size| CatalogueSize {
                storage_size_group_info_id: size.storage_size_group_info_id,
                storage_size_group_info_name: size.storage_size_group_info_name.clone(),
                width: size.width,
                length: size.length,
                height: size.height,
                surface: size.surface,
                scale_metrics: size.scale_metrics.clone(),
                size_metrics: size.size_metrics.clone(),
                total_count: size.available_count,
                storage_space_size_info_id: size.storage_space_size_info_id.clone(),
                storage_size_image_asset_info_id: size.storage_size_image_asset_info_id.clone(),
                storage_size_image_info_path: size.storage_size_image_info_path.clone(),
                categories: size
                    .storage_category
                    .iter()
                    .map(|category| CatalogueCategory {
                        id: category.id.clone(),
                        name: category.name.clone(),
                        variants: category
                            .price
                            .iter()
                            .enumerate()
                            .map(|(i, v)| CatalogueVariant {
                                id: v.id.clone().unwrap_or_else(|| {
                                    format!(
                                        "{}-{}-{}",
                                        size.storage_space_size_info_id,
                                        category.id,
                                        i + 1
                                    )
                                }),
                                rent: v.rental_price.as_ref().map(rule),
                                book: v.booking_price.as_ref().map(rule),
                                available_for_rent: v.available_space_for_rent,
                                available_for_book: v.available_space_for_book,
                            })
                            .collect(),
                    })
                    .collect(),
            })
            .collect();
        storages.push(CatalogueStorage {
            id: block.storage_info_id.clone(),
            name: block.storage_info_name.clone(),
            dimension_type: block.storage_info_dimension_type.clone(),
            sizes,
        });
    }
    if storages.is_empty() {
        if let Some(id) = data.storage.get("id").and_then(Value::as_str) {
            let name = data
                .storage
                .get("name")
                .and_then(Value::as_str)
                .unwrap_or_default();
            storages.push(CatalogueStorage {
                id: id.into(),
                name: name.into(),
                dimension_type: None,
                sizes: vec![],
            });
        }
    }
    let details = PropertyDetails {
        property: data.property,
        currency,
        locale: locale.into(),
        time_zone: if locale == "fr-FR" {
            "Europe/Paris".into()
        } else {
            "UTC".into()
        },
        storages: Vec::new(),
        tenant_types: vec![TenantType {
            id: GENERAL_TENANT_TYPE.into(),
            name: "General".into(),
        }],
        payment_periods: vec![Period::Monthly],
        billing: Billing::default(),
        insurance_plans: Vec::new(),
        insurance_required: false,
        add_ons: Vec::new(),
        deposit: None,
        move_in_window: MoveInWindow {
            min_days_from_today: 0,
            max_days_from_today: 60,
        },
        earliest_move_in_date: None,
        latest_move_in_date: None,
        terms: Terms {
            version: "2024-01".into(),
            title: "Terms and conditions".into(),
            url: "/terms/2024-01.html".into(),
        },
        closures: Vec::new(),
    };
    Ok(Catalogue {
        publishable_keys: Vec::new(),
        properties: vec![CatalogueProperty {
            details,
            notification_email: None,
            terms_document: Some(TermsDocument {
                file: "terms/2024-01.html".into(),
                html: Some(demo_terms_html().to_owned()),
            }),
            storages,
        }],
    })
}

fn rule(block: &Block) -> PriceRule {
    let net = block.net_amount.price.0;
    let taxes = block
        .tax
        .as_ref()
        .filter(|t| !t.tax_percentage.0.is_zero())
        .map(|t| {
            vec![Tax {
                name: t.name.clone(),
                rate: t.tax_percentage.0,
            }]
        })
        .unwrap_or_default();
    let promotion = block.discount_amount.as_ref().and_then(|d| {
        let percent = d
            .price
            .0
            .checked_mul(Decimal::ONE_HUNDRED)?
            .checked_div(net)?;
        Some(Promotion {
            kind: DiscountKind::Percent,
            value: percent
                .round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero)
                .normalize(),
            cycles: None,
            description: block.discount_description.clone().unwrap_or_default(),
            promo_code: None,
        })
    });
    PriceRule {
        monthly_price: net,
        taxes,
        price_includes_tax: true,
        promotion,
        discount_info_id: block.discount_info_id.clone(),
        discount_property_info_id: block.discount_property_info_id.clone(),
    }
}

fn guess_currency(data: &Data) -> Currency {
    let sample = data
        .property_size_price_data
        .iter()
        .flat_map(|d| &d.sizes)
        .flat_map(|s| &s.storage_category)
        .flat_map(|c| &c.price)
        .find_map(|v| v.rental_price.as_ref().or(v.booking_price.as_ref()))
        .map(|b| b.net_amount.formatted_price.as_str())
        .unwrap_or("€");
    if sample.contains('£') {
        Currency::GBP
    } else if sample.contains("CHF") {
        Currency::CHF
    } else if sample.contains("CA$") {
        Currency::CAD
    } else if sample.contains('$') {
        Currency::USD
    } else if sample.contains('¥') {
        Currency::JPY
    } else {
        Currency::EUR
    }
}
