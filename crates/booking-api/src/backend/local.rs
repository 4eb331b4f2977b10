//! The embedded default: inventory and bookings in this server's own
//! database, the catalogue the operator imported.

use std::sync::Arc;

use super::{Availability, Backend, BackendError, Snapshot};
use crate::db::admin::{CancelBooking, CancelOutcome};
use crate::db::{BookOutcome, BookingRow, NewBooking, Store};
use crate::state::CatalogueCache;

#[derive(Debug, Clone)]
pub struct Local {
    store: Store,
    catalogue: Arc<CatalogueCache>,
}

impl Local {
    #[must_use]
    pub fn new(store: Store, catalogue: Arc<CatalogueCache>) -> Self {
        Self { store, catalogue }
    }
}

#[async_trait::async_trait]
impl Backend for Local {
    fn name(&self) -> &'static str {
        "local"
    }

    async fn snapshot(&self) -> Result<Snapshot, BackendError> {
        Ok(Snapshot {
            loaded: self.catalogue.get(&self.store).await?,
            as_of: None,
        })
    }

    async fn availability(&self, property_id: &str) -> Result<Availability, BackendError> {
        let rows = self.store.stock(property_id).await?;
        Ok(Availability::new(
            rows.into_iter()
                .map(|row| ((row.price_id, row.mode), row.available)),
        ))
    }

    async fn book(&self, booking: NewBooking) -> Result<BookOutcome, BackendError> {
        Ok(self.store.book(booking).await?)
    }

    async fn cancel(&self, cancel: CancelBooking) -> Result<CancelOutcome, BackendError> {
        Ok(self.store.cancel_booking(&cancel).await?)
    }

    async fn booking(&self, id: &str) -> Result<Option<BookingRow>, BackendError> {
        Ok(self.store.booking(id).await?)
    }

    async fn ping(&self) -> Result<(), BackendError> {
        Ok(self.store.ping().await?)
    }
}
