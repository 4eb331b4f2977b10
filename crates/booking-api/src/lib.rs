//! The booking API: the server where prices are decided, availability is
//! guarded and bookings are kept, for a widget that runs in a stranger's
//! browser and can be trusted with nothing.

pub mod backend;
pub mod catalogue;
pub mod client_ip;
pub mod config;
pub mod db;
pub mod http;
pub mod mail;
pub mod rate_limit;
pub mod secret_keys;
pub mod service;
pub mod state;
pub mod upstream;
pub mod webhook;

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use chrono::NaiveDate;

use crate::backend::Local;
use crate::catalogue::Catalogue;
use crate::config::ServeOptions;
use crate::db::Store;
use crate::service::Services;
use crate::state::{AppState, CatalogueCache};

/// The demo catalogue loaded into an empty database.
pub const SEED_CATALOGUE: &str = include_str!("../seed/catalogue.json");

/// Today at a property, in its own time zone: the date its move-in window
/// counts from, and the one the widget computes in the tenant's browser. A
/// UTC date would refuse a Californian evening's "today" as already past.
/// The catalogue's zones are checked when it loads; an unknown one (not
/// reachable from a validated catalogue) falls back to UTC.
#[must_use]
pub fn today_in(time_zone: &str) -> NaiveDate {
    let now = chrono::Utc::now();
    time_zone.parse::<chrono_tz::Tz>().map_or_else(
        |_| now.date_naive(),
        |zone| now.with_timezone(&zone).date_naive(),
    )
}

#[derive(Debug, thiserror::Error)]
pub enum StartError {
    #[error("database: {0}")]
    Db(#[from] db::DbError),
    #[error("catalogue: {0}")]
    Catalogue(#[from] catalogue::CatalogueError),
    #[error("{0}")]
    Io(#[from] std::io::Error),
    #[error("{0}")]
    Keys(#[from] secret_keys::KeysError),
    #[error("mail: {0}")]
    Mail(#[from] mail::MailConfigError),
    #[error(transparent)]
    Stortech(#[from] backend::stortech::StartError),
    #[error(transparent)]
    StoRegister(#[from] backend::storegister::StartError),
}

/// Connects, seeding the demo catalogue into an empty database.
///
/// # Errors
/// The database cannot be opened or migrated.
pub async fn open_store(url: &str) -> Result<(Store, i64, Catalogue), StartError> {
    let store = Store::connect(url).await?;
    if let Some((version, catalogue)) = store.catalogue().await? {
        return Ok((store, version, catalogue));
    }
    let seed = Catalogue::from_json(SEED_CATALOGUE)?;
    store.replace_catalogue(&seed).await?;
    tracing::info!("empty database: loaded the demo catalogue");
    match store.catalogue().await? {
        Some((version, catalogue)) => Ok((store, version, catalogue)),
        None => Ok((store, 1, seed)),
    }
}

/// `booking-api import FILE`: replaces the catalogue (documents it names
/// are read beside FILE). A file without keys
/// (a StoRegister listing) keeps the current keys (on an empty database,
/// the demo's) for the properties it has.
///
/// # Errors
/// An unreadable or invalid file, or a database error.
pub async fn import(url: &str, file: &std::path::Path) -> Result<Catalogue, StartError> {
    // The file first: a bad file leaves the database as it was.
    let mut catalogue = Catalogue::from_file(file)?;
    let store = Store::connect(url).await?;
    if catalogue.publishable_keys.is_empty() {
        catalogue.keep_keys_of(current_catalogue(&store).await?);
    }
    catalogue.validate()?;
    store.replace_catalogue(&catalogue).await?;
    Ok(catalogue)
}

/// The catalogue in force; on an empty database, the demo's.
///
/// # Errors
/// A database error, or a stored catalogue that no longer parses.
pub async fn current_catalogue(store: &Store) -> Result<Catalogue, db::DbError> {
    match store.catalogue().await? {
        Some((_, current)) => Ok(current),
        None => Catalogue::from_json(SEED_CATALOGUE)
            .map_err(|e| db::DbError::Corrupt(format!("the demo catalogue: {e}"))),
    }
}

/// The server's state for `options`: the database opened (and seeded
/// when empty), the backend, the limits.
///
/// # Errors
/// The database cannot be opened.
pub async fn state(options: &ServeOptions) -> Result<AppState, StartError> {
    let (store, version, catalogue) = open_store(&options.database).await?;
    let catalogue = Arc::new(CatalogueCache::new(version, catalogue));
    let mut storegister = None;
    let (backend, stortech): (Arc<dyn backend::Backend>, _) = match options.backend {
        config::BackendKind::Local => (Arc::new(Local::new(store.clone(), catalogue)), None),
        config::BackendKind::Stortech => {
            let stortech = backend::stortech::Stortech::start(store.clone())?;
            (stortech.clone(), Some(stortech))
        }
        config::BackendKind::Storegister => {
            let started = backend::storegister::StoRegister::start(store.clone())?;
            storegister = Some(started.clone());
            (started, None)
        }
    };
    if options.mail.smtp_url_is_argument
        && options
            .mail
            .smtp_url
            .as_deref()
            .is_some_and(config::has_password)
    {
        return Err(mail::MailConfigError::PasswordInArgument.into());
    }
    let mailer = mail::Mailer::new(
        options.mail.smtp_url.as_deref(),
        &options.mail.from,
        options.mail.dir.clone(),
        Duration::from_secs(options.mail.sign_in_code_ttl_secs),
    )?;
    Ok(AppState {
        stortech,
        storegister,
        services: Services::new(backend, store).with_mailer(mailer),
        booking_limiter: Arc::new(rate_limit::RateLimiter::new(
            options.bookings_per_minute,
            options.booking_burst,
        )),
        // Codes die after 5 wrong tries, so the per-address limit is also
        // how fast codes can be guessed at.
        sign_in_limiter: Arc::new(rate_limit::RateLimiter::new(
            options.sign_ins_per_minute,
            options.sign_in_burst,
        )),
        session_limiter: Arc::new(rate_limit::RateLimiter::new(
            options.sign_ins_per_minute.saturating_mul(3),
            options.sign_in_burst.saturating_mul(2),
        )),
        sign_in_address_limiter: Arc::new(rate_limit::RateLimiter::new(
            options.sign_ins_per_address_per_minute,
            options.sign_ins_per_address_per_minute.saturating_add(1),
        )),
        trusted_proxies: options.trusted_proxies.clone().into(),
        dist: options.dist.clone().into(),
    })
}

/// The whole HTTP application; tests drive it in-process.
pub fn app(state: AppState) -> axum::Router {
    http::router(state)
}

/// The background work of a running server: webhook delivery and the
/// forgetting of old idempotency keys.
pub fn spawn_workers(state: &AppState, options: &ServeOptions) {
    tokio::spawn(webhook::run(
        state.services.clone(),
        Duration::from_millis(options.webhook_retry_base_ms),
    ));
    tokio::spawn(mail::worker::run(
        state.services.clone(),
        Duration::from_millis(options.mail.retry_base_ms),
        options.mail.lease_ms,
    ));
    tokio::spawn(purge_keys(state.services.store.clone()));
}

/// Serves until `shutdown` resolves, printing `listening on http://ADDR`
/// on standard output once the port is bound (port 0 picks a free one).
///
/// # Errors
/// The database or the listening address cannot be opened.
pub async fn serve(
    options: ServeOptions,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> Result<(), StartError> {
    let state = state(&options).await?;
    spawn_workers(&state, &options);
    let listener = tokio::net::TcpListener::bind(options.listen).await?;
    let addr = listener.local_addr()?;
    tracing::info!(%addr, database = %config::redact(&options.database), "listening");
    {
        use std::io::Write;
        let mut out = std::io::stdout().lock();
        writeln!(out, "listening on http://{addr}")?;
        out.flush()?;
    }
    axum::serve(
        listener,
        app(state).into_make_service_with_connect_info::<SocketAddr>(),
    )
    .with_graceful_shutdown(shutdown)
    .await?;
    Ok(())
}

/// Keys are kept at least 24 hours (the draft's minimum); two days here.
async fn purge_keys(store: Store) {
    let mut tick = tokio::time::interval(Duration::from_secs(3600));
    loop {
        tick.tick().await;
        let before = chrono::Utc::now().timestamp() - 2 * 24 * 3600;
        match store.purge_keys(before).await {
            Ok(n) if n > 0 => tracing::info!(purged = n, "forgot old idempotency keys"),
            Ok(_) => {}
            Err(e) => tracing::warn!(error = %e, "cannot purge idempotency keys"),
        }
        // Sent mails are kept a week (to look into a complaint), ended
        // codes and sessions as long.
        let week_ago = chrono::Utc::now().timestamp_millis() - 7 * 24 * 3600 * 1000;
        match store.purge_tenant_records(week_ago).await {
            Ok(n) if n > 0 => tracing::info!(purged = n, "forgot old mails, codes and sessions"),
            Ok(_) => {}
            Err(e) => tracing::warn!(error = %e, "cannot purge old mails, codes and sessions"),
        }
    }
}
