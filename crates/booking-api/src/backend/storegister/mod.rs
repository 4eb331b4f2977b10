//! The StoRegister backend (CONNECTORS.md "StoRegister"): StoRegister's own
//! size-and-price listing read into a snapshot; bookings recorded here,
//! against the upstream's availability less what was booked here since the
//! last reading, and delivered to the operator as a local booking is.
//!
//! Each reading replaces this server's catalogue and stock with the
//! upstream's (on the overlay's settings), so `Store::book` counts the
//! bookings made since; a booking also reads the property again, so that
//! nothing is taken that the upstream no longer has, and nothing is taken
//! while it is down.

pub mod config;

use std::collections::HashMap;
use std::sync::{Arc, RwLock};

use chrono::{DateTime, Utc};
use serde_json::Value;

use self::config::StoRegisterConfig;
use super::{Availability, Backend, BackendError, Snapshot};
use crate::catalogue::{from_storegister_listing as from_listing, Catalogue, CatalogueProperty};
use crate::db::admin::{CancelBooking, CancelOutcome};
use crate::db::{BookOutcome, BookingRow, NewBooking, Store};
use crate::state::Loaded;

#[derive(Debug)]
struct Current {
    loaded: Arc<Loaded>,
    as_of: DateTime<Utc>,
    /// What StoRegister said was free at this reading, per variant and
    /// mode (`RENT`/`BOOK`): the stock's starting point.
    read_free: HashMap<(String, &'static str), i64>,
}

/// Free units per variant and mode, as a catalogue says.
fn free_of(catalogue: &Catalogue) -> HashMap<(String, &'static str), i64> {
    catalogue
        .stock()
        .into_iter()
        .map(|row| ((row.price_id, row.mode), row.available))
        .collect()
}

#[derive(Debug)]
pub struct StoRegister {
    config: StoRegisterConfig,
    http: reqwest::Client,
    store: Store,
    current: RwLock<Option<Arc<Current>>>,
}

#[derive(Debug, thiserror::Error)]
pub enum StartError {
    #[error("storegister configuration: {0}")]
    Config(#[from] crate::backend::stortech::config::ConfigError),
    #[error("storegister client: {0}")]
    Client(String),
}

/// A failed call, worded without the key or the URL's query.
fn transport(path: &str, error: &reqwest::Error) -> String {
    let kind = if error.is_timeout() {
        "timed out"
    } else if error.is_connect() {
        "connection failed"
    } else {
        "request failed"
    };
    format!("storegister {path}: {kind}")
}

impl StoRegister {
    /// Reads the configuration and starts the refresher (the first reading
    /// at once).
    ///
    /// # Errors
    /// A missing or unreadable setting.
    pub fn start(store: Store) -> Result<Arc<Self>, StartError> {
        let config = StoRegisterConfig::from_env()?;
        let http = reqwest::Client::builder()
            .timeout(config.timeout)
            .build()
            .map_err(|e| StartError::Client(transport("client", &e)))?;
        let this = Arc::new(Self {
            config,
            http,
            store,
            current: RwLock::new(None),
        });
        tracing::info!(
            api_url = %crate::config::redact(&this.config.api_url),
            refresh_secs = this.config.refresh.as_secs(),
            "backend: storegister"
        );
        tokio::spawn(Arc::clone(&this).refresher());
        Ok(this)
    }

    async fn refresher(self: Arc<Self>) {
        let mut tick = tokio::time::interval(self.config.refresh);
        tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            tick.tick().await;
            if let Err(e) = self.refresh().await {
                let as_of = self.current().map(|c| c.as_of.to_rfc3339());
                tracing::warn!(error = %e, as_of = ?as_of, "storegister: not read; the last snapshot is served");
            }
        }
    }

    fn current(&self) -> Option<Arc<Current>> {
        self.current.read().ok().and_then(|c| c.clone())
    }

    /// `GET` with the operator's key (and a tenant's token when given).
    async fn get(&self, path: &str, token: Option<&str>) -> Result<(u16, Value), String> {
        let mut request = self
            .http
            .get(format!("{}{path}", self.config.api_url))
            .header("X-API-Key", self.config.api_key.expose());
        if let Some(token) = token {
            request = request.header("X-Token", token);
        }
        let response = request.send().await.map_err(|e| transport(path, &e))?;
        let status = response.status().as_u16();
        let body = response
            .json::<Value>()
            .await
            .map_err(|e| transport(path, &e))?;
        Ok((status, body))
    }

    /// One property's listing, every configured storage, on the overlay.
    async fn read_property(
        &self,
        property_id: &str,
        overlay: &Catalogue,
    ) -> Result<CatalogueProperty, String> {
        let base = overlay.property(property_id);
        let tenant_type = self
            .config
            .tenant_type_id
            .clone()
            .or_else(|| base.and_then(|p| p.details.tenant_types.first().map(|t| t.id.clone())))
            .ok_or_else(|| format!("no tenant type for {property_id}"))?;
        let mut merged: Option<CatalogueProperty> = None;
        for storage in &self.config.storage_ids {
            let path = format!(
                "/v1/search/storage/{storage}/property/{property_id}/user-type/{tenant_type}/storageGroup/0/period/{}/price/list",
                self.config.period
            );
            let (status, body) = self.get(&path, None).await?;
            if status != 200 {
                return Err(format!(
                    "storegister listing of {property_id}: HTTP {status}"
                ));
            }
            let read = from_listing(&body)
                .map_err(|e| format!("storegister listing of {property_id}: {e}"))?;
            for property in read.properties {
                match &mut merged {
                    None => merged = Some(property),
                    Some(m) => m.storages.extend(property.storages),
                }
            }
        }
        let mut read = merged.ok_or_else(|| format!("no listing for {property_id}"))?;
        if let Some(own) = base {
            // The overlay's settings (terms, billing, tenant types, mail),
            // the upstream's property and what it has for sale.
            let mut property = own.clone();
            property.details.property = read.details.property;
            property.storages = std::mem::take(&mut read.storages);
            return Ok(property);
        }
        Ok(read)
    }

    async fn read_all(&self, overlay: &Catalogue) -> Result<Catalogue, String> {
        let mut properties = Vec::new();
        for id in &self.config.property_ids {
            properties.push(self.read_property(id, overlay).await?);
        }
        Ok(Catalogue {
            publishable_keys: overlay.publishable_keys.clone(),
            properties,
        })
    }

    /// Reads everything; on success this server's catalogue and stock are
    /// the upstream's.
    async fn refresh(&self) -> Result<(), String> {
        let overlay = match self.store.catalogue().await {
            Ok(Some((_, overlay))) => overlay,
            Ok(None) => return Err("no overlay catalogue imported".into()),
            Err(e) => return Err(format!("the overlay: {e}")),
        };
        let catalogue = self.read_all(&overlay).await?;
        self.store
            .replace_catalogue(&catalogue)
            .await
            .map_err(|e| format!("database: {e}"))?;
        let version = self
            .store
            .catalogue_version()
            .await
            .map_err(|e| format!("database: {e}"))?
            .unwrap_or(0);
        if let Ok(mut slot) = self.current.write() {
            *slot = Some(Arc::new(Current {
                read_free: free_of(&catalogue),
                loaded: Arc::new(Loaded::new(version, catalogue)),
                as_of: Utc::now(),
            }));
        }
        Ok(())
    }

    fn no_snapshot() -> BackendError {
        BackendError::Upstream("storegister has not been read yet".into())
    }

    /// Whether the property is read from StoRegister.
    #[must_use]
    pub fn serves(&self, property_id: &str) -> bool {
        self.config.property_ids.iter().any(|id| id == property_id)
    }

    /// The tenant's own view (`GET /v1/tenant/`), the upstream's answer as
    /// it is: status and body.
    ///
    /// # Errors
    /// The upstream did not answer, or failed (5xx).
    pub async fn tenant(&self, token: &str) -> Result<(u16, Value), BackendError> {
        let (status, body) = self
            .get("/v1/tenant/", Some(token))
            .await
            .map_err(BackendError::Upstream)?;
        if status >= 500 {
            // Its failure is ours to report as such: 503, retry later.
            return Err(BackendError::Upstream(format!(
                "storegister /v1/tenant/: HTTP {status}"
            )));
        }
        Ok((status, body))
    }
}

#[async_trait::async_trait]
impl Backend for StoRegister {
    fn name(&self) -> &'static str {
        "storegister"
    }

    async fn snapshot(&self) -> Result<Snapshot, BackendError> {
        let current = self.current().ok_or_else(Self::no_snapshot)?;
        Ok(Snapshot {
            loaded: Arc::clone(&current.loaded),
            as_of: Some(current.as_of),
        })
    }

    async fn availability(&self, property_id: &str) -> Result<Availability, BackendError> {
        self.current().ok_or_else(Self::no_snapshot)?;
        let rows = self.store.stock(property_id).await?;
        Ok(Availability::new(
            rows.into_iter()
                .map(|row| ((row.price_id, row.mode), row.available)),
        ))
    }

    async fn book(&self, booking: NewBooking) -> Result<BookOutcome, BackendError> {
        let current = self.current().ok_or_else(Self::no_snapshot)?;
        // What StoRegister has now: nothing is taken while it cannot say,
        // and never more than it says, counting ours since the reading.
        let overlay = self
            .store
            .catalogue()
            .await?
            .map(|(_, c)| c)
            .ok_or_else(Self::no_snapshot)?;
        let now = self
            .read_property(&booking.property_id, &overlay)
            .await
            .map_err(BackendError::Upstream)?;
        let mode = booking.mode.as_str();
        let variant = (booking.price_id.clone(), mode);
        let upstream_now = free_of(&Catalogue {
            publishable_keys: Vec::new(),
            properties: vec![now],
        })
        .get(&variant)
        .copied()
        .unwrap_or(0);
        let read = current.read_free.get(&variant).copied().unwrap_or(0);
        let left_here = self
            .store
            .stock(&booking.property_id)
            .await?
            .into_iter()
            .find(|row| row.price_id == booking.price_id && row.mode == booking.mode)
            .map_or(0, |row| row.available);
        let booked_here_since = (read - left_here).max(0);
        if upstream_now - booked_here_since <= 0 {
            return Ok(BookOutcome::SoldOut);
        }
        Ok(self.store.book(booking).await?)
    }

    async fn cancel(&self, cancel: CancelBooking) -> Result<CancelOutcome, BackendError> {
        Ok(self.store.cancel_booking(&cancel).await?)
    }

    async fn booking(&self, id: &str) -> Result<Option<BookingRow>, BackendError> {
        Ok(self.store.booking(id).await?)
    }

    async fn ping(&self) -> Result<(), BackendError> {
        self.store.ping().await?;
        self.current().map(|_| ()).ok_or_else(Self::no_snapshot)
    }
}
