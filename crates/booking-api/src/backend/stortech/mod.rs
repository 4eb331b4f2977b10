//! The Stortech backend (CONNECTORS.md "Stortech"): the catalogue and its
//! availability read from the operator's Stortech account into a snapshot,
//! bookings made there exactly once per idempotency key, webhooks in.
//!
//! `config` (environment), `auth` (tokens), `client` (calls, rate limit),
//! `mapping` (facility → property), `snapshot` (what the widget reads),
//! `booking` (a booking upstream), `webhooks` (`POST /hooks/stortech`).

pub mod auth;
pub mod booking;
pub mod client;
pub mod config;
pub mod mapping;
pub mod snapshot;
pub mod webhooks;

use std::sync::Arc;

use tokio::sync::mpsc;

use self::client::Client;
use self::config::StortechConfig;
use self::snapshot::Snapshots;
use super::{Availability, Backend, BackendError, Snapshot};
use crate::db::admin::{CancelBooking, CancelOutcome};
use crate::db::{BookOutcome, BookingRow, NewBooking, Store};
use booking_model::Mode;

/// What the refresher is asked to read.
#[derive(Debug, Clone)]
enum Refresh {
    /// Everything.
    All,
    /// One facility's availability.
    Facility(String),
}

#[derive(Debug)]
pub struct Stortech {
    config: StortechConfig,
    client: Client,
    /// This server's records: the overlay, the attempts, our bookings.
    store: Store,
    snapshots: Snapshots,
    refresh: mpsc::Sender<Refresh>,
}

#[derive(Debug, thiserror::Error)]
pub enum StartError {
    #[error("stortech configuration: {0}")]
    Config(#[from] config::ConfigError),
    #[error("stortech client: {0}")]
    Client(String),
}

impl Stortech {
    /// Reads the configuration from the environment and starts the
    /// background refresher (the first snapshot is read at once).
    ///
    /// # Errors
    /// A missing or unreadable setting.
    pub fn start(store: Store) -> Result<Arc<Self>, StartError> {
        let config = StortechConfig::from_env()?;
        let client = Client::new(&config).map_err(|e| StartError::Client(e.to_string()))?;
        let (tx, rx) = mpsc::channel(64);
        let this = Arc::new(Self {
            config,
            client,
            store,
            snapshots: Snapshots::default(),
            refresh: tx,
        });
        tokio::spawn(Arc::clone(&this).refresher(rx));
        tracing::info!(
            api_url = %crate::config::redact(&this.config.api_url),
            refresh_secs = this.config.refresh.as_secs(),
            "backend: stortech"
        );
        Ok(this)
    }

    fn refresh_facility(&self, facility_id: &str) {
        let _ = self
            .refresh
            .try_send(Refresh::Facility(facility_id.to_owned()));
    }

    /// Reads everything every `refresh`, and a facility when asked.
    async fn refresher(self: Arc<Self>, mut asked: mpsc::Receiver<Refresh>) {
        let mut registered = false;
        let mut tick = tokio::time::interval(self.config.refresh);
        tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            let what = tokio::select! {
                _ = tick.tick() => Refresh::All,
                asked = asked.recv() => match asked {
                    Some(what) => what,
                    None => return,
                },
            };
            // Requests queued meanwhile are one: a burst of webhooks reads
            // each facility once.
            let mut all = matches!(what, Refresh::All);
            let mut facilities = std::collections::BTreeSet::new();
            if let Refresh::Facility(id) = what {
                facilities.insert(id);
            }
            while let Ok(more) = asked.try_recv() {
                match more {
                    Refresh::All => all = true,
                    Refresh::Facility(id) => {
                        facilities.insert(id);
                    }
                }
            }
            if all {
                self.refresh_all().await;
            } else {
                for id in facilities {
                    if let Err(e) = snapshot::refresh_free(&self.client, &id, &self.snapshots).await
                    {
                        tracing::warn!(facility_id = %id, error = %e, "stortech: availability not read; the last is kept");
                    }
                }
            }
            if !registered && self.snapshots.current().is_some() {
                registered = self.register_webhook().await;
            }
        }
    }

    async fn refresh_all(&self) {
        let overlay = match self.store.catalogue().await {
            Ok(Some((_, overlay))) => overlay,
            Ok(None) => {
                tracing::error!("stortech: no overlay catalogue imported");
                return;
            }
            Err(e) => {
                tracing::warn!(error = %e, "stortech: the overlay could not be read");
                return;
            }
        };
        match snapshot::refresh_all(
            &self.client,
            self.config.facility_ids.as_deref(),
            &overlay,
            &self.snapshots,
        )
        .await
        {
            Ok(()) => tracing::debug!("stortech: snapshot read"),
            Err(e) => {
                let as_of = self.snapshots.current().map(|c| c.as_of.to_rfc3339());
                tracing::warn!(error = %e, as_of = ?as_of, "stortech: snapshot not read; the last is served");
            }
        }
    }

    /// `{PUBLIC_URL}/hooks/stortech` for the events we follow. The
    /// reference lists no webhooks, and registering a URL again replaces
    /// it, so it is registered at each start.
    async fn register_webhook(&self) -> bool {
        let (Some(public), Some(secret)) = (&self.config.public_url, &self.config.webhook_secret)
        else {
            return true;
        };
        let body = serde_json::json!({
            "url": format!("{public}/hooks/stortech"),
            "events": ["booking.created", "booking.confirmed", "booking.cancelled", "unit.status_changed"],
            "secret": secret.expose(),
        });
        match self.client.post("/api/v1/webhooks", &body).await {
            Ok(_) => {
                tracing::info!("stortech: webhook registered");
                true
            }
            Err(e) => {
                tracing::warn!(error = %e, "stortech: webhook not registered; retried at the next refresh");
                false
            }
        }
    }

    fn no_snapshot() -> BackendError {
        BackendError::Upstream("stortech has not been read yet".into())
    }
}

#[async_trait::async_trait]
impl Backend for Stortech {
    fn name(&self) -> &'static str {
        "stortech"
    }

    async fn snapshot(&self) -> Result<Snapshot, BackendError> {
        let current = self.snapshots.current().ok_or_else(Self::no_snapshot)?;
        Ok(Snapshot {
            loaded: Arc::clone(&current.loaded),
            as_of: Some(current.as_of),
        })
    }

    fn availability_generation(&self) -> u64 {
        self.snapshots.generation()
    }

    async fn availability(&self, property_id: &str) -> Result<Availability, BackendError> {
        let current = self.snapshots.current().ok_or_else(Self::no_snapshot)?;
        Ok(Availability::new(
            current
                .free(property_id)
                .into_iter()
                .map(|(type_id, n)| ((type_id, Mode::Rent), n)),
        ))
    }

    async fn book(&self, booking: NewBooking) -> Result<BookOutcome, BackendError> {
        booking::book(self, booking).await
    }

    async fn cancel(&self, _cancel: CancelBooking) -> Result<CancelOutcome, BackendError> {
        // The reference has no cancellation call: the desk cancels in
        // Stortech, and its `booking.cancelled` webhook updates ours.
        Err(BackendError::Upstream(
            "Stortech's API cannot cancel a booking: cancel it at the desk".into(),
        ))
    }

    async fn booking(&self, id: &str) -> Result<Option<BookingRow>, BackendError> {
        Ok(self.store.booking(id).await?)
    }

    async fn ping(&self) -> Result<(), BackendError> {
        self.store.ping().await?;
        self.snapshots
            .current()
            .map(|_| ())
            .ok_or_else(Self::no_snapshot)
    }
}
