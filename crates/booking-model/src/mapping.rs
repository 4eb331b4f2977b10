//! The one mapping from a tenant's selection to a pricing request. The
//! widget and the server both call [`pricing_request`], so their quotes
//! cannot drift apart: which price, which taxes, which promotion, which
//! insurance and add-ons is decided here and nowhere else.

use chrono::{Days, NaiveDate};
use pricing::{Category, Discount, Item, QuoteRequest};
use serde::{Deserialize, Serialize};

use crate::envelope::{ErrorCode, FieldError};
use crate::listing::{Listing, PriceBlock, SizeEntry};
use crate::property::{DepositKind, PropertyDetails};
use crate::selection::Selection;

/// The move-in dates a property accepts, relative to today, so that the
/// catalogue never goes stale: from `today + minDaysFromToday` to
/// `today + maxDaysFromToday`, both included.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct MoveInWindow {
    /// The earliest move-in date, in days after the property's today (0: today).
    #[cfg_attr(feature = "schemars", schemars(example = 0))]
    pub min_days_from_today: u32,
    /// The latest move-in date, in days after the property's today.
    #[cfg_attr(feature = "schemars", schemars(example = 60))]
    pub max_days_from_today: u32,
}

impl MoveInWindow {
    #[must_use]
    pub fn earliest(self, today: NaiveDate) -> Option<NaiveDate> {
        today.checked_add_days(Days::new(self.min_days_from_today.into()))
    }

    #[must_use]
    pub fn latest(self, today: NaiveDate) -> Option<NaiveDate> {
        today.checked_add_days(Days::new(self.max_days_from_today.into()))
    }

    #[must_use]
    pub fn contains(self, today: NaiveDate, date: NaiveDate) -> bool {
        self.earliest(today).is_some_and(|e| date >= e)
            && self.latest(today).is_some_and(|l| date <= l)
    }
}

/// Checks a selection against the property and its listing and builds the
/// request that prices it: the chosen variant's rent for the mode (with its
/// taxes and basis), the insurance plan, the add-ons (mandatory ones
/// included), the deposit, the variant's promotion, the property's billing.
///
/// `listing` is the listing for the selection's storage (any tenant type and
/// period: the price blocks do not depend on them). Pure: the same inputs
/// give the same request, natively and in wasm.
///
/// # Errors
/// Every field at fault, each with its path and code: an unknown id
/// (`UNKNOWN_ID`), a period or mode not offered (`NOT_OFFERED`), a move-in
/// date outside the window or a quantity outside 1..=maxQuantity
/// (`OUT_OF_RANGE`), a promo code that is not the variant's
/// (`INVALID_PROMO_CODE`), a missing required insurance (`REQUIRED`).
pub fn pricing_request(
    property: &PropertyDetails,
    listing: &Listing,
    selection: &Selection,
    today: NaiveDate,
) -> Result<QuoteRequest, Vec<FieldError>> {
    let mut errors = Vec::new();
    let unknown = |field: &str, what: &str| {
        FieldError::new(field, ErrorCode::UnknownId, format!("no such {what}"))
    };

    if selection.property_info_id != property.property.id
        || listing.property.id != property.property.id
    {
        errors.push(unknown("propertyInfoId", "property"));
    }
    let (data, size, variant) = listing.find(
        &selection.storage_info_id,
        &selection.storage_space_size_info_id,
        &selection.price_id,
    );
    if data.is_none() {
        errors.push(unknown("storageInfoId", "storage at this property"));
    } else if size.is_none() {
        errors.push(unknown("storageSpaceSizeInfoId", "size for this storage"));
    } else if variant.is_none() {
        errors.push(unknown("priceId", "price for this size"));
    }
    let block = variant.and_then(|v| v.block(selection.mode));
    if variant.is_some() && block.is_none() {
        errors.push(FieldError::new(
            "mode",
            ErrorCode::NotOffered,
            format!("this price cannot be taken as {}", selection.mode.as_str()),
        ));
    }
    if !property
        .tenant_types
        .iter()
        .any(|t| t.id == selection.tax_user_type_info_id)
    {
        errors.push(unknown("taxUserTypeInfoId", "tenant type"));
    }
    if !property.payment_periods.contains(&selection.payment_period) {
        errors.push(FieldError::new(
            "paymentPeriod",
            ErrorCode::NotOffered,
            format!(
                "{} billing is not offered here",
                selection.payment_period.as_str()
            ),
        ));
    }
    let window = property.move_in_window;
    if !window.contains(today, selection.move_in_date) {
        let message = match (window.earliest(today), window.latest(today)) {
            (Some(from), Some(to)) => format!("must be between {from} and {to}"),
            _ => "is outside the property's move-in window".to_owned(),
        };
        errors.push(FieldError::new(
            "moveInDate",
            ErrorCode::OutOfRange,
            message,
        ));
    }

    let mut items = Vec::with_capacity(selection.add_ons.len() + 4);
    if let (Some(block), Some(size), Some(data)) = (block, size, data) {
        items.push(rent_item(block, size, &data.storage_info_name));
    }
    insurance(property, selection, &mut items, &mut errors);
    add_ons(property, selection, &mut items, &mut errors);
    if let Some(rule) = &property.deposit {
        let price = match rule.kind {
            DepositKind::Fixed => Some(rule.value),
            DepositKind::MonthsOfRent => {
                block.and_then(|b| b.monthly_price.checked_mul(rule.value))
            }
        };
        if let Some(price) = price {
            items.push(Item {
                category: Category::Deposit,
                description: if rule.description.is_empty() {
                    "Deposit".to_owned()
                } else {
                    rule.description.clone()
                },
                price,
                quantity: 1,
                taxes: Vec::new(),
                price_includes_tax: false,
                recurring: None,
            });
        }
    }
    let discount = block.and_then(|b| promotion(b, selection, &mut errors));

    if !errors.is_empty() {
        return Err(errors);
    }
    let request = QuoteRequest {
        currency: property.currency,
        period: selection.payment_period,
        move_in_date: selection.move_in_date,
        billing: property.billing.clone(),
        items,
        discount,
    };
    request.validate().map_err(|e| {
        vec![FieldError::general(
            ErrorCode::PricingError,
            format!("the catalogue cannot be priced: {e}"),
        )]
    })?;
    Ok(request)
}

/// "Box - 4m²": what the invoice line and the tenant call the unit.
fn rent_item(block: &PriceBlock, size: &SizeEntry, storage_name: &str) -> Item {
    let unit = if size.size_metrics.eq_ignore_ascii_case("VOLUME") {
        "³"
    } else {
        "²"
    };
    Item {
        category: Category::Rent,
        description: format!(
            "{storage_name} - {}{}{unit}",
            size.surface, size.scale_metrics
        ),
        price: block.monthly_price,
        quantity: 1,
        taxes: block.taxes.clone(),
        price_includes_tax: block.price_includes_tax,
        recurring: None,
    }
}

fn insurance(
    property: &PropertyDetails,
    selection: &Selection,
    items: &mut Vec<Item>,
    errors: &mut Vec<FieldError>,
) {
    match selection.insurance_plan_id.as_deref() {
        Some(id) => match property.insurance_plans.iter().find(|p| p.id == id) {
            Some(plan) => items.push(Item {
                category: Category::Insurance,
                description: plan.description.clone(),
                price: plan.price,
                quantity: 1,
                taxes: plan.taxes.clone(),
                price_includes_tax: plan.price_includes_tax,
                recurring: None,
            }),
            None => errors.push(FieldError::new(
                "insurancePlanId",
                ErrorCode::UnknownId,
                "no such insurance plan",
            )),
        },
        None if property.insurance_required => {
            errors.push(FieldError::new(
                "insurancePlanId",
                ErrorCode::Required,
                "this property requires an insurance plan",
            ));
        }
        None => {}
    }
}

fn add_ons(
    property: &PropertyDetails,
    selection: &Selection,
    items: &mut Vec<Item>,
    errors: &mut Vec<FieldError>,
) {
    for (i, chosen) in selection.add_ons.iter().enumerate() {
        if selection.add_ons[..i]
            .iter()
            .any(|earlier| earlier.id == chosen.id)
        {
            errors.push(FieldError::new(
                format!("addOns[{i}].id"),
                ErrorCode::Duplicate,
                "listed twice",
            ));
            continue;
        }
        let Some(add_on) = property.add_ons.iter().find(|a| a.id == chosen.id) else {
            errors.push(FieldError::new(
                format!("addOns[{i}].id"),
                ErrorCode::UnknownId,
                "no such add-on",
            ));
            continue;
        };
        if !(1..=add_on.max_quantity).contains(&chosen.quantity) {
            errors.push(FieldError::new(
                format!("addOns[{i}].quantity"),
                ErrorCode::OutOfRange,
                format!("must be between 1 and {}", add_on.max_quantity),
            ));
        }
    }
    // Catalogue order, not click order: the same choice gives the same invoice.
    for add_on in &property.add_ons {
        let quantity = match selection.add_ons.iter().find(|c| c.id == add_on.id) {
            Some(chosen) => chosen.quantity,
            None if add_on.mandatory => 1,
            None => continue,
        };
        items.push(Item {
            category: match add_on.category {
                crate::property::AddOnCategory::Service => Category::Service,
                crate::property::AddOnCategory::Merchandise => Category::Merchandise,
            },
            description: add_on.name.clone(),
            price: add_on.price,
            quantity: quantity.max(1),
            taxes: add_on.taxes.clone(),
            price_includes_tax: add_on.price_includes_tax,
            recurring: Some(add_on.recurring),
        });
    }
}

/// The variant's promotion when it applies: always when it has no code,
/// with a code only when the selection gives it (trimmed, any case).
fn promotion(
    block: &PriceBlock,
    selection: &Selection,
    errors: &mut Vec<FieldError>,
) -> Option<Discount> {
    let given = selection
        .promo_code
        .as_deref()
        .map(str::trim)
        .filter(|c| !c.is_empty());
    let promotion = block.promotion.as_ref();
    let applies = match (promotion.and_then(|p| p.promo_code.as_deref()), given) {
        (None, None) => promotion.is_some(),
        (Some(code), Some(given)) if code.trim().eq_ignore_ascii_case(given) => true,
        (_, Some(_)) => {
            errors.push(FieldError::new(
                "promoCode",
                ErrorCode::InvalidPromoCode,
                "this code does not apply to this price",
            ));
            false
        }
        (Some(_), None) => false,
    };
    let promotion = promotion.filter(|_| applies)?;
    Some(Discount {
        kind: promotion.kind,
        value: promotion.value,
        cycles: promotion.cycles,
        description: promotion.description.clone(),
    })
}
