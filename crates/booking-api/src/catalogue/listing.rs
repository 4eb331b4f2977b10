//! The listing projection: a property's sizes and prices as the widget's
//! `…/price/list` answer shows them, every amount from the pricing crate.

use booking_model::{
    format_percent, JsonDecimal, Listing, ListingTax, Money, PriceBlock, PriceVariant,
    PropertySizePriceData, SizeEntry, StorageCategory, StorageRef,
};
use pricing::{price_card, Discount};
use rust_decimal::Decimal;

use super::format::{Catalogue, CatalogueProperty, CatalogueStorage, PriceRule, PublishableKey};

impl Catalogue {
    #[must_use]
    pub fn property(&self, id: &str) -> Option<&CatalogueProperty> {
        self.properties.iter().find(|p| p.details.property.id == id)
    }

    #[must_use]
    pub fn key(&self, key: &str) -> Option<&PublishableKey> {
        self.publishable_keys.iter().find(|k| k.key == key)
    }

    /// A file without keys (a StoRegister listing) keeps the keys in force,
    /// each narrowed to the properties this catalogue still has.
    pub fn keep_keys_of(&mut self, current: Catalogue) {
        if !self.publishable_keys.is_empty() {
            return;
        }
        self.publishable_keys = current
            .publishable_keys
            .into_iter()
            .map(|mut key| {
                key.property_ids.retain(|id| self.property(id).is_some());
                key
            })
            .collect();
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
            as_of: None,
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
pub(super) fn price_block(
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
