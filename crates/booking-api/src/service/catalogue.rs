//! What the widget shows before anything is chosen: the property and its
//! size-and-price listing with what is free.

use booking_model::{Envelope, PropertyDetails};
use pricing::Period;

use super::pricing::property_for;
use super::{Missing, Result, ServiceError, Services};
use crate::catalogue::{ListingFilter, PublishableKey};
use crate::state::ListingBody;

/// Which listing: the path of StoRegister's listing call, parsed.
#[derive(Debug, Clone)]
pub struct ListingQuery {
    pub property_id: String,
    pub storage_id: String,
    pub tenant_type: String,
    /// 0: every group.
    pub group: i64,
    pub period: Period,
}

impl Services {
    /// The property with its move-in window counted from its own today.
    ///
    /// # Errors
    /// Not found for this key, or the backend did not answer.
    pub async fn property(&self, key: &PublishableKey, id: &str) -> Result<PropertyDetails> {
        let snapshot = self.snapshot().await?;
        let property = property_for(&snapshot.loaded, key, id)
            .ok_or(ServiceError::NotFound(Missing::Property))?;
        Ok(property
            .details
            .clone()
            .with_move_in_dates(crate::today_in(&property.details.time_zone)))
    }

    /// The listing as the success envelope's bytes (and brotli): the most requested
    /// answer, served from a cache that a booking here empties and that
    /// lives at most [`crate::state::LISTING_TTL`] otherwise.
    ///
    /// # Errors
    /// An unknown id (which one), or the backend did not answer.
    pub async fn listing(&self, key: &PublishableKey, query: &ListingQuery) -> Result<ListingBody> {
        let snapshot = self.snapshot().await?;
        let property = property_for(&snapshot.loaded, key, &query.property_id)
            .ok_or(ServiceError::NotFound(Missing::Property))?;
        let details = &property.details;
        if !details
            .tenant_types
            .iter()
            .any(|t| t.id == query.tenant_type)
        {
            return Err(ServiceError::NotFound(Missing::TenantType));
        }
        if !details.payment_periods.contains(&query.period) {
            return Err(ServiceError::NotFound(Missing::PaymentPeriod));
        }
        let storage = property
            .storage(&query.storage_id)
            .ok_or(ServiceError::NotFound(Missing::Storage))?;
        if query.group != 0
            && !storage
                .sizes
                .iter()
                .any(|s| s.storage_size_group_info_id == query.group)
        {
            return Err(ServiceError::NotFound(Missing::StorageGroup));
        }
        let cache_key = format!(
            "{}|{}|{}|{}|{}",
            snapshot.loaded.version,
            self.backend.availability_generation(),
            query.property_id,
            query.storage_id,
            query.group
        );
        if let Some(bytes) = self.listings.get(&cache_key) {
            return Ok(bytes);
        }
        let generation = self.listings.generation();
        let availability = self.backend.availability(&details.property.id).await?;
        let filter = ListingFilter {
            storage_group_id: query.group,
        };
        let mut listing = property
            .listing(storage, filter, &|price, mode| {
                booking_model_mode(mode).map_or(0, |m| availability.free(price, m))
            })
            .map_err(|e| {
                ServiceError::Internal(format!(
                    "the catalogue has a price the pricing crate refuses: {e}"
                ))
            })?;
        // A listing read from an upstream's snapshot says when.
        listing.as_of = snapshot.as_of;
        let json = serde_json::to_vec(&Envelope::success(listing))
            .map_err(|e| ServiceError::Internal(e.to_string()))?;
        let body = ListingBody::new(json.into());
        self.listings.put(cache_key, generation, body.clone());
        Ok(body)
    }
}

/// The catalogue's projection names modes by their wire text.
fn booking_model_mode(text: &str) -> Option<booking_model::Mode> {
    crate::db::mode_from_sql(text)
}
