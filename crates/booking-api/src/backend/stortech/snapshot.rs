//! The catalogue as last read from Stortech. The widget's listing reads
//! only this (1,000 reads an hour would not survive one busy page); it is
//! read again every `STORTECH_REFRESH_SECS`, and a facility's availability
//! at once when a webhook says a unit changed. When a refresh fails the
//! last snapshot stays, with the time it was read.

use std::collections::HashMap;
use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::{Arc, Mutex, RwLock};

use chrono::{DateTime, Utc};
use serde::de::DeserializeOwned;
use serde_json::Value;

use super::client::{CallError, Client};
use super::mapping::{self, Facility, Free, Unit};
use crate::catalogue::Catalogue;
use crate::state::Loaded;

/// The reference's largest page.
pub const PAGE: usize = 200;

/// One reading of the upstream.
#[derive(Debug)]
pub struct Current {
    pub loaded: Arc<Loaded>,
    pub as_of: DateTime<Utc>,
    /// Free units per facility and unit type; adjusted between refreshes
    /// by this server's own bookings and by webhooks.
    free: Mutex<HashMap<String, Free>>,
}

impl Current {
    #[must_use]
    pub fn free(&self, facility_id: &str) -> Free {
        self.free
            .lock()
            .ok()
            .and_then(|f| f.get(facility_id).cloned())
            .unwrap_or_default()
    }

    /// A unit of the type was booked here: one fewer until the next read.
    pub fn took_one(&self, facility_id: &str, unit_type_id: &str) {
        if let Ok(mut free) = self.free.lock() {
            if let Some(n) = free
                .get_mut(facility_id)
                .and_then(|f| f.get_mut(unit_type_id))
            {
                *n = (*n - 1).max(0);
            }
        }
    }

    fn set_free(&self, facility_id: &str, counts: Free) {
        if let Ok(mut free) = self.free.lock() {
            free.insert(facility_id.to_owned(), counts);
        }
    }
}

#[derive(Debug, Default)]
pub struct Snapshots {
    current: RwLock<Option<Arc<Current>>>,
    version: AtomicI64,
    /// Bumped on every new reading of availability (a snapshot, or one
    /// facility after a webhook).
    generation: std::sync::atomic::AtomicU64,
}

impl Snapshots {
    #[must_use]
    pub fn current(&self) -> Option<Arc<Current>> {
        self.current.read().ok().and_then(|c| c.clone())
    }

    fn replace(&self, current: Current) {
        if let Ok(mut slot) = self.current.write() {
            *slot = Some(Arc::new(current));
        }
        self.bump();
    }

    fn bump(&self) {
        self.generation.fetch_add(1, Ordering::AcqRel);
    }

    #[must_use]
    pub fn generation(&self) -> u64 {
        self.generation.load(Ordering::Acquire)
    }

    fn next_version(&self) -> i64 {
        self.version.fetch_add(1, Ordering::AcqRel) + 1
    }
}

/// Every item of a paged list (`limit` at most 200, `offset`).
pub async fn all_pages<T: DeserializeOwned>(
    client: &Client,
    path: &str,
    query: &[(&str, String)],
) -> Result<Vec<T>, CallError> {
    let mut items = Vec::new();
    loop {
        let mut q = query.to_vec();
        q.push(("limit", PAGE.to_string()));
        q.push(("offset", items.len().to_string()));
        let page = client.get(path, &q).await?;
        let data: Vec<T> = serde_json::from_value(page["data"].clone())
            .map_err(|e| CallError::Unreadable(format!("{path}: {e}")))?;
        let got = data.len();
        items.extend(data);
        let total = page["pagination"]["total_count"]
            .as_u64()
            .and_then(|n| usize::try_from(n).ok());
        let done = got == 0 || total.map_or(got < PAGE, |total| items.len() >= total);
        if done {
            return Ok(items);
        }
    }
}

/// The units of a facility, every page.
pub async fn units(
    client: &Client,
    facility_id: &str,
    query: &[(&str, String)],
) -> Result<Vec<Unit>, CallError> {
    all_pages(
        client,
        &format!("/api/v1/facilities/{facility_id}/units"),
        query,
    )
    .await
}

fn free_of(units: &[Unit]) -> Free {
    let mut free = Free::new();
    for unit in units {
        let n = free.entry(unit.unit_type.id.clone()).or_insert(0);
        if unit.status == "available" {
            *n += 1;
        }
    }
    free
}

#[derive(Debug, thiserror::Error)]
pub enum RefreshError {
    #[error("stortech: {0}")]
    Upstream(String),
    #[error("the overlay catalogue: {0}")]
    Overlay(String),
}

impl From<CallError> for RefreshError {
    fn from(e: CallError) -> Self {
        Self::Upstream(e.to_string())
    }
}

/// Reads every facility shown, and builds the catalogue on the overlay.
pub async fn refresh_all(
    client: &Client,
    facility_ids: Option<&[String]>,
    overlay: &Catalogue,
    snapshots: &Snapshots,
) -> Result<(), RefreshError> {
    let ids: Vec<String> = match facility_ids {
        Some(ids) => ids.to_vec(),
        None => all_pages::<Value>(client, "/api/v1/facilities", &[])
            .await?
            .into_iter()
            .filter_map(|f| f["id"].as_str().map(str::to_owned))
            .collect(),
    };
    let Some(default) = overlay.properties.first() else {
        return Err(RefreshError::Overlay(
            "it has no property to take locale, time zone and terms from".into(),
        ));
    };
    let mut properties = Vec::with_capacity(ids.len());
    let mut free = HashMap::new();
    let mut keys = overlay.publishable_keys.clone();
    for id in ids {
        let facility: Facility =
            serde_json::from_value(client.get(&format!("/api/v1/facilities/{id}"), &[]).await?)
                .map_err(|e| RefreshError::Upstream(format!("facility {id}: {e}")))?;
        let units = units(client, &id, &[]).await?;
        let base = match overlay.property(&id) {
            Some(own) => own,
            None => {
                // A facility the overlay does not name takes the first
                // property's settings, and is shown by the keys showing it.
                let default_id = &default.details.property.id;
                for key in &mut keys {
                    if key.property_ids.contains(default_id) && !key.property_ids.contains(&id) {
                        key.property_ids.push(id.clone());
                    }
                }
                default
            }
        };
        let (property, counts) = mapping::property(&facility, &units, base);
        free.insert(id, counts);
        properties.push(property);
    }
    let catalogue = Catalogue {
        publishable_keys: keys,
        properties,
    };
    let version = snapshots.next_version();
    snapshots.replace(Current {
        loaded: Arc::new(Loaded::new(version, catalogue)),
        as_of: Utc::now(),
        free: Mutex::new(free),
    });
    Ok(())
}

/// Reads one facility's availability again (after a webhook).
pub async fn refresh_free(
    client: &Client,
    facility_id: &str,
    snapshots: &Snapshots,
) -> Result<(), RefreshError> {
    let Some(current) = snapshots.current() else {
        return Ok(());
    };
    let units = units(client, facility_id, &[]).await?;
    current.set_free(facility_id, free_of(&units));
    snapshots.bump();
    Ok(())
}
