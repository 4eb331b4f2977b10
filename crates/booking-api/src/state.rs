//! What every request handler shares, and the caches of the catalogue and
//! of serialized listings.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, RwLock};
use std::time::{Duration, Instant};

use booking_model::Listing;

use crate::catalogue::Catalogue;
use crate::db::{DbError, Store};
use crate::rate_limit::RateLimiter;
use crate::service::Services;

/// What the HTTP handlers share: the domain's services, and the limits
/// that are the HTTP layer's own.
#[derive(Debug, Clone)]
pub struct AppState {
    pub services: Services,
    /// The limiter of writes (bookings, waiting-list entries) per client.
    pub booking_limiter: Arc<RateLimiter>,
    /// Sign-in requests per client.
    pub sign_in_limiter: Arc<RateLimiter>,
    /// Code checks per client (each code also dies after 5 wrong tries).
    pub session_limiter: Arc<RateLimiter>,
    /// Sign-in requests per address (lower-cased): codes cannot be
    /// requested for one address faster than this, from anywhere.
    pub sign_in_address_limiter: Arc<RateLimiter<String>>,
    /// Proxies whose `X-Forwarded-For` names the client (`client_ip`).
    pub trusted_proxies: Arc<[ipnet::IpNet]>,
    /// The widget's built files, served at `/`.
    pub dist: Arc<std::path::Path>,
    /// The Stortech backend, for its webhooks (`POST /hooks/stortech`).
    pub stortech: Option<Arc<crate::backend::stortech::Stortech>>,
    /// The StoRegister backend, whose tenants' accounts are its own.
    pub storegister: Option<Arc<crate::backend::storegister::StoRegister>>,
}

/// The catalogue as last read, re-checked against the database's version
/// at most once a second, so that an import on another instance shows here
/// within a second without a query per request.
#[derive(Debug)]
pub struct CatalogueCache {
    current: RwLock<Arc<Loaded>>,
}

/// One version of the catalogue, with what is derived from it.
#[derive(Debug)]
pub struct Loaded {
    pub version: i64,
    pub catalogue: Catalogue,
    checked_at: Mutex<Instant>,
    /// Priced listings without stock, by `property|storage`: what quotes
    /// and bookings map selections against. A pure function of this
    /// version, so never stale.
    priced: Mutex<HashMap<String, Arc<Listing>>>,
}

impl Loaded {
    #[must_use]
    pub fn new(version: i64, catalogue: Catalogue) -> Self {
        Self {
            version,
            catalogue,
            checked_at: Mutex::new(Instant::now()),
            priced: Mutex::new(HashMap::new()),
        }
    }

    fn checked_recently(&self) -> bool {
        self.checked_at
            .lock()
            .map(|at| at.elapsed() < RECHECK)
            .unwrap_or(false)
    }

    /// The priced listing of a storage, computed once per version.
    ///
    /// # Errors
    /// What `make` returns.
    pub fn priced_listing<E>(
        &self,
        key: String,
        make: impl FnOnce() -> Result<Option<Listing>, E>,
    ) -> Result<Option<Arc<Listing>>, E> {
        if let Some(listing) = self.priced.lock().ok().and_then(|m| m.get(&key).cloned()) {
            return Ok(Some(listing));
        }
        let Some(listing) = make()?.map(Arc::new) else {
            return Ok(None);
        };
        if let Ok(mut map) = self.priced.lock() {
            map.insert(key, Arc::clone(&listing));
        }
        Ok(Some(listing))
    }
}

const RECHECK: Duration = Duration::from_secs(1);

impl CatalogueCache {
    #[must_use]
    pub fn new(version: i64, catalogue: Catalogue) -> Self {
        Self {
            current: RwLock::new(Arc::new(Loaded::new(version, catalogue))),
        }
    }

    /// The current catalogue.
    ///
    /// # Errors
    /// The database could not be asked for a newer version.
    pub async fn get(&self, store: &Store) -> Result<Arc<Loaded>, DbError> {
        let cached = self.snapshot();
        if cached.checked_recently() {
            return Ok(cached);
        }
        let version = store.catalogue_version().await?;
        if version == Some(cached.version) {
            if let Ok(mut at) = cached.checked_at.lock() {
                *at = Instant::now();
            }
            return Ok(cached);
        }
        let Some((version, catalogue)) = store.catalogue().await? else {
            return Ok(cached);
        };
        let fresh = Arc::new(Loaded::new(version, catalogue));
        if let Ok(mut slot) = self.current.write() {
            *slot = Arc::clone(&fresh);
        }
        Ok(fresh)
    }

    fn snapshot(&self) -> Arc<Loaded> {
        match self.current.read() {
            Ok(guard) => Arc::clone(&guard),
            Err(poisoned) => Arc::clone(&poisoned.into_inner()),
        }
    }
}

/// Serialized listings, for at most [`LISTING_TTL`]: the listing is the
/// most requested answer and changes only with stock. A booking on this
/// instance empties the cache at once; one on another instance shows here
/// within the TTL. Bookings never read it: the database decides.
#[derive(Debug, Default)]
pub struct ListingCache {
    entries: Mutex<std::collections::HashMap<String, (Instant, u64, ListingBody)>>,
    generation: std::sync::atomic::AtomicU64,
}

/// A listing's envelope as JSON and as brotli. Compressing the most
/// requested answer on every request halved its throughput
/// (`scripts/load.sh`, `listing-br`); compressed once per cache fill, a
/// browser gets it smaller (a higher level) for nothing.
#[derive(Debug, Clone)]
pub struct ListingBody {
    pub json: axum::body::Bytes,
    pub brotli: axum::body::Bytes,
}

impl ListingBody {
    /// Brotli's level for a listing: compressed about once a second per
    /// listing, so the smallest output matters more than the time.
    const LEVEL: i32 = 9;

    #[must_use]
    pub fn new(json: axum::body::Bytes) -> Self {
        let params = brotli::enc::BrotliEncoderParams {
            quality: Self::LEVEL,
            ..Default::default()
        };
        let mut brotli = Vec::with_capacity(json.len() / 3);
        // Writing into a Vec fails only when memory does.
        let compressed = brotli::BrotliCompress(&mut &json[..], &mut brotli, &params).is_ok();
        Self {
            brotli: if compressed {
                brotli.into()
            } else {
                json.clone()
            },
            json,
        }
    }
}

pub const LISTING_TTL: Duration = Duration::from_secs(1);

impl ListingCache {
    #[must_use]
    pub fn get(&self, key: &str) -> Option<ListingBody> {
        let generation = self.generation.load(std::sync::atomic::Ordering::Acquire);
        let entries = self.entries.lock().ok()?;
        entries
            .get(key)
            .filter(|(at, g, _)| *g == generation && at.elapsed() < LISTING_TTL)
            .map(|(_, _, bytes)| bytes.clone())
    }

    /// Stores a listing computed while the cache was at `generation`, so
    /// that one computed before a booking is not kept after it.
    pub fn put(&self, key: String, generation: u64, bytes: ListingBody) {
        if let Ok(mut entries) = self.entries.lock() {
            if entries.len() > 1024 {
                entries.clear();
            }
            entries.insert(key, (Instant::now(), generation, bytes));
        }
    }

    #[must_use]
    pub fn generation(&self) -> u64 {
        self.generation.load(std::sync::atomic::Ordering::Acquire)
    }

    /// Stock changed here.
    pub fn invalidate(&self) {
        self.generation
            .fetch_add(1, std::sync::atomic::Ordering::AcqRel);
    }
}
