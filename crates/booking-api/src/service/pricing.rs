//! Quotes: a selection checked against the catalogue and priced by the
//! same mapping and crate the widget runs.

use booking_model::{pricing_request, ErrorCode, FieldError, QuoteResponse, Selection};
use pricing::{Quote, QuoteRequest};

use super::{Result, ServiceError, Services};
use crate::catalogue::{CatalogueProperty, ListingFilter, PublishableKey};
use crate::state::Loaded;

/// A priced selection and the property it is at.
#[derive(Debug)]
pub struct Priced<'a> {
    pub property: &'a CatalogueProperty,
    pub request: QuoteRequest,
    pub quote: Quote,
}

/// The property if the key may show it; `None` otherwise, so that a key
/// does not learn which other properties exist.
#[must_use]
pub fn property_for<'a>(
    loaded: &'a Loaded,
    key: &PublishableKey,
    id: &str,
) -> Option<&'a CatalogueProperty> {
    key.property_ids
        .iter()
        .any(|p| p == id)
        .then(|| loaded.catalogue.property(id))
        .flatten()
}

/// Validates a selection against the catalogue and prices it. No stock is
/// read: a quote is a price, and a booking's stock is the backend's call.
///
/// # Errors
/// [`ServiceError::Invalid`] naming every field at fault, which callers
/// with fields of their own merge with theirs.
pub fn price<'a>(
    loaded: &'a Loaded,
    key: &PublishableKey,
    selection: &Selection,
) -> Result<Priced<'a>> {
    let invalid = |field: &str, message: &str| {
        ServiceError::Invalid(vec![FieldError::new(field, ErrorCode::UnknownId, message)])
    };
    let property = property_for(loaded, key, &selection.property_info_id)
        .ok_or_else(|| invalid("propertyInfoId", "no such property"))?;
    let storage_id = &selection.storage_info_id;
    let listing = loaded
        .priced_listing(
            format!("{}|{storage_id}", property.details.property.id),
            || {
                let Some(storage) = property.storage(storage_id) else {
                    return Ok(None);
                };
                let every_group = ListingFilter {
                    storage_group_id: 0,
                };
                property
                    .listing(storage, every_group, &|_, _| 0)
                    .map(Some)
                    .map_err(|e| {
                        ServiceError::Internal(format!(
                            "the catalogue has a price the pricing crate refuses: {e}"
                        ))
                    })
            },
        )?
        .ok_or_else(|| invalid("storageInfoId", "no such storage at this property"))?;
    let today = crate::today_in(&property.details.time_zone);
    let request = pricing_request(&property.details, &listing, selection, today)
        .map_err(ServiceError::Invalid)?;
    let quote = pricing::quote(&request).map_err(|e| {
        ServiceError::Invalid(vec![FieldError::general(
            ErrorCode::PricingError,
            e.to_string(),
        )])
    })?;
    Ok(Priced {
        property,
        request,
        quote,
    })
}

/// Prices `selection` and keeps the fields at fault in `errors`, for a
/// request whose other fields are checked too.
///
/// # Errors
/// Anything but invalid fields.
pub fn price_collecting<'a>(
    loaded: &'a Loaded,
    key: &PublishableKey,
    selection: &Selection,
    errors: &mut Vec<FieldError>,
) -> Result<Option<Priced<'a>>> {
    match price(loaded, key, selection) {
        Ok(priced) => Ok(Some(priced)),
        Err(ServiceError::Invalid(mut fields)) => {
            errors.append(&mut fields);
            Ok(None)
        }
        Err(e) => Err(e),
    }
}

impl Services {
    /// What a selection costs; the widget's local quote must be this one.
    ///
    /// # Errors
    /// Invalid fields, or the backend did not answer.
    pub async fn quote(
        &self,
        key: &PublishableKey,
        selection: &Selection,
    ) -> Result<QuoteResponse> {
        let snapshot = self.snapshot().await?;
        let priced = price(&snapshot.loaded, key, selection)?;
        Ok(QuoteResponse {
            quote: priced.quote,
            request: priced.request,
        })
    }
}
