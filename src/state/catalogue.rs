//! The property and its listing: what is on offer, at what price, and the
//! property's date today.

use std::sync::Arc;

use booking_model::{Listing, PropertyDetails};
use chrono::NaiveDate;
use leptos::prelude::*;
use pricing::Period;

use crate::api::Api;
use crate::intl;

/// What the listing is asked for: it is priced per storage type, tenant
/// type and billing period.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListingQuery {
    pub storage_id: String,
    pub tenant_type: String,
    pub period: Period,
}

/// The catalogue-and-listing context.
#[derive(Debug, Clone)]
pub struct Catalogue {
    pub api: Api,
    pub details: Arc<PropertyDetails>,
    /// The property's date today, in its own time zone.
    pub today: NaiveDate,
    /// The last listing that loaded (kept while a new one loads).
    pub listing: Signal<Option<Arc<Listing>>>,
    /// The last attempt to load the listing failed.
    pub listing_failed: Signal<bool>,
    reload: RwSignal<u32>,
}

impl Catalogue {
    /// Loads the listing for `query`, again whenever it changes.
    ///
    /// The request leaves first: `LocalResource::new` polls its future at
    /// once, before today is read through `Intl` (the first time-zone
    /// formatter of a page costs tens of milliseconds).
    #[must_use]
    pub fn load(
        api: Api,
        details: PropertyDetails,
        query: impl Fn() -> ListingQuery + Send + Sync + 'static,
    ) -> Self {
        let reload = RwSignal::new(0u32);
        let property_id = details.property.id.clone();
        let resource = LocalResource::new({
            let api = api.clone();
            move || {
                reload.track();
                let (api, property_id, q) = (api.clone(), property_id.clone(), query());
                async move {
                    api.listing(&q.storage_id, &property_id, &q.tenant_type, q.period)
                        .await
                }
            }
        });
        let today = intl::now_in_zone(&details.time_zone)
            .map(|(date, _)| date)
            .or(details.earliest_move_in_date)
            .unwrap_or_default();
        let listing =
            Memo::new(
                move |previous: Option<&Option<Arc<Listing>>>| match resource.get() {
                    Some(Ok(listing)) => Some(Arc::new(listing)),
                    _ => previous.cloned().flatten(),
                },
            );
        Self {
            api,
            details: Arc::new(details),
            today,
            listing: listing.into(),
            listing_failed: Signal::derive(move || resource.with(|r| matches!(r, Some(Err(_))))),
            reload,
        }
    }

    /// A catalogue whose listing is given (component tests, previews).
    #[must_use]
    pub fn with_listing(
        api: Api,
        details: PropertyDetails,
        today: NaiveDate,
        listing: Listing,
    ) -> Self {
        Self {
            api,
            details: Arc::new(details),
            today,
            listing: Signal::stored(Some(Arc::new(listing))),
            listing_failed: Signal::stored(false),
            reload: RwSignal::new(0),
        }
    }

    #[must_use]
    pub fn expect() -> Self {
        expect_context()
    }

    /// Asks for the listing again (after `SOLD_OUT` or `PRICE_CHANGED`).
    pub fn reload(&self) {
        self.reload.update(|n| *n += 1);
    }
}
