//! The size-and-price listing, in exactly the shape of StoRegister's
//! `…/price/list` answer, plus what the quote needs to reproduce each price:
//! every variant has an `id`, and every price block carries its monthly
//! price, taxes, basis and promotion.

use pricing::Tax;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::money::{decimal, decimal_str, JsonDecimal, Money};
use crate::property::{Promotion, Property};
use crate::selection::Mode;

/// `data` of the listing answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct Listing {
    pub property: Property,
    pub storage: StorageRef,
    pub property_size_price_data: Vec<PropertySizePriceData>,
    /// When the operator's management system was read, for a listing
    /// served from its snapshot; absent when this server is the source.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, format = DateTime))]
    pub as_of: Option<chrono::DateTime<chrono::Utc>>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StorageRef {
    pub id: String,
    pub name: String,
}

/// One property's sizes for one storage type. The odd names
/// (`strorageInfoId`, `countryInfoISOCode2`) are StoRegister's own.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct PropertySizePriceData {
    pub id: String,
    pub name: String,
    pub city: Option<String>,
    pub country: Option<String>,
    #[serde(rename = "countryInfoISOCode2")]
    pub country_info_iso_code2: Option<String>,
    pub zip_code: Option<String>,
    pub address_line1: Option<String>,
    pub address_info_latitude: JsonDecimal,
    pub address_info_longitude: JsonDecimal,
    #[serde(rename = "strorageInfoId")]
    pub storage_info_id: String,
    pub storage_info_name: String,
    pub storage_info_dimension_type: Option<String>,
    pub sizes: Vec<SizeEntry>,
    pub google_place_id: Option<String>,
    pub contact_number_dialing_code: i64,
    pub contact_number: Option<String>,
}

/// One unit size and its price variants.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct SizeEntry {
    pub storage_size_group_info_id: i64,
    pub storage_size_group_info_name: String,
    pub width: JsonDecimal,
    pub length: JsonDecimal,
    pub height: JsonDecimal,
    pub surface: JsonDecimal,
    pub scale_metrics: String,
    pub size_metrics: String,
    pub available_count: i64,
    pub storage_space_size_info_id: String,
    pub storage_size_image_asset_info_id: Option<String>,
    pub storage_size_image_info_path: Option<String>,
    pub storage_category: Vec<StorageCategory>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StorageCategory {
    pub id: String,
    pub name: String,
    pub price: Vec<PriceVariant>,
}

/// One way to take a size: its rental (move in) and booking (reserve) price
/// and how many units are left for each.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct PriceVariant {
    /// The selection's `priceId`.
    pub id: String,
    pub rental_price: Option<PriceBlock>,
    pub booking_price: Option<PriceBlock>,
    pub available_space_for_rent: i64,
    pub available_space_for_book: i64,
}

impl PriceVariant {
    /// The price block a mode uses.
    #[must_use]
    pub fn block(&self, mode: Mode) -> Option<&PriceBlock> {
        match mode {
            Mode::Rent => self.rental_price.as_ref(),
            Mode::Book => self.booking_price.as_ref(),
        }
    }

    /// Units left for a mode.
    #[must_use]
    pub fn available(&self, mode: Mode) -> i64 {
        match mode {
            Mode::Rent => self.available_space_for_rent,
            Mode::Book => self.available_space_for_book,
        }
    }
}

/// StoRegister's `rentalPrice` / `bookingPrice`: one month's price card,
/// then the inputs it was computed from (`monthlyPrice`, `taxes`,
/// `priceIncludesTax`, `promotion`), which the quote uses.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct PriceBlock {
    pub discount_info_id: Option<String>,
    pub discount_property_info_id: Option<String>,
    pub discount_description: Option<String>,
    pub taxable_price: Money,
    pub tax: ListingTax,
    pub tax_amount: Money,
    pub net_amount: Money,
    pub discount_amount: Option<Money>,
    pub payable_amount: Option<Money>,
    /// The catalogue's monthly price, tax included or not per `priceIncludesTax`.
    #[serde(deserialize_with = "decimal", serialize_with = "decimal_str")]
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::openapi::decimal_string))]
    pub monthly_price: Decimal,
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::openapi::taxes))]
    pub taxes: Vec<Tax>,
    pub price_includes_tax: bool,
    pub promotion: Option<Promotion>,
}

/// The one tax StoRegister shows; several taxes show as one, their names
/// joined and their rates added.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct ListingTax {
    pub name: String,
    pub tax_percentage: JsonDecimal,
    pub tax_percentage_formatted: String,
}

impl Listing {
    /// Finds a size and a variant of it by their ids.
    #[must_use]
    pub fn find(
        &self,
        storage_info_id: &str,
        size_id: &str,
        price_id: &str,
    ) -> (
        Option<&PropertySizePriceData>,
        Option<&SizeEntry>,
        Option<&PriceVariant>,
    ) {
        let data = self
            .property_size_price_data
            .iter()
            .find(|d| d.storage_info_id == storage_info_id);
        let size = data.and_then(|d| {
            d.sizes
                .iter()
                .find(|s| s.storage_space_size_info_id == size_id)
        });
        let variant = size.and_then(|s| {
            s.storage_category
                .iter()
                .flat_map(|c| c.price.iter())
                .find(|v| v.id == price_id)
        });
        (data, size, variant)
    }
}
