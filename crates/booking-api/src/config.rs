//! Command line and environment.

use std::net::SocketAddr;
use std::path::PathBuf;

use clap::{Parser, Subcommand};

#[derive(Debug, Parser)]
#[command(
    name = "booking-api",
    version,
    about = "Booking API for the self-storage widget"
)]
pub struct Cli {
    /// Address to listen on; port 0 picks a free port.
    #[arg(
        long,
        env = "BOOKING_API_LISTEN",
        default_value = "127.0.0.1:8080",
        global = true
    )]
    pub listen: SocketAddr,
    /// `sqlite:PATH` or `postgres://…`; default: `booking-api.sqlite` beside the binary.
    #[arg(
        long,
        env = "BOOKING_API_DATABASE",
        global = true,
        hide_env_values = true
    )]
    pub database: Option<String>,
    /// The widget's built files, served at `/`.
    #[arg(long, env = "BOOKING_API_DIST", default_value = "dist", global = true)]
    pub dist: PathBuf,
    /// Bookings a client IP may make per minute on average.
    #[arg(
        long,
        env = "BOOKING_API_BOOKINGS_PER_MINUTE",
        default_value_t = 30,
        global = true
    )]
    pub bookings_per_minute: u32,
    /// Bookings a client IP may make at once.
    #[arg(
        long,
        env = "BOOKING_API_BOOKING_BURST",
        default_value_t = 10,
        global = true
    )]
    pub booking_burst: u32,
    /// A proxy or load balancer whose X-Forwarded-For names the client for
    /// the per-client limits: an address or a CIDR network; repeat it, or
    /// separate with commas. Unset, the connection's address is the client.
    #[arg(
        long = "trusted-proxy",
        env = "BOOKING_API_TRUSTED_PROXIES",
        value_delimiter = ',',
        value_parser = crate::client_ip::parse_network,
        global = true
    )]
    pub trusted_proxies: Vec<ipnet::IpNet>,
    /// First webhook retry delay; each retry doubles it, up to an hour.
    #[arg(
        long,
        env = "BOOKING_API_WEBHOOK_RETRY_BASE_MS",
        default_value_t = 5000,
        global = true
    )]
    pub webhook_retry_base_ms: u64,
    /// Where inventory and bookings live: this server's database (`local`)
    /// or the operator's Stortech account (`stortech`, configured by the
    /// `STORTECH_*` environment variables, never by arguments).
    #[arg(
        long,
        env = "BOOKING_API_BACKEND",
        value_enum,
        default_value_t = BackendKind::Local,
        global = true
    )]
    pub backend: BackendKind,
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// `--backend`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum BackendKind {
    Local,
    Stortech,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Serve the API (the default).
    Serve,
    /// Replace the catalogue with FILE (our format or a StoRegister listing).
    Import { file: PathBuf },
    /// Secret keys of the operator's API (`/admin/v1`).
    Keys {
        #[command(subcommand)]
        command: crate::secret_keys::KeysCommand,
    },
    /// Print the catalogue's JSON Schema (crates/booking-api/catalogue.schema.json).
    CatalogueSchema,
}

/// What `serve` needs.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    pub listen: SocketAddr,
    pub database: String,
    pub dist: PathBuf,
    pub bookings_per_minute: u32,
    pub booking_burst: u32,
    pub trusted_proxies: Vec<ipnet::IpNet>,
    pub webhook_retry_base_ms: u64,
    pub backend: BackendKind,
}

impl Cli {
    /// The database URL, defaulting to a SQLite file beside the binary.
    #[must_use]
    pub fn database_url(&self) -> String {
        self.database.clone().unwrap_or_else(|| {
            let file = std::env::current_exe()
                .map(|exe| exe.with_file_name("booking-api.sqlite"))
                .unwrap_or_else(|_| PathBuf::from("booking-api.sqlite"));
            format!("sqlite://{}", file.display())
        })
    }

    #[must_use]
    pub fn serve_options(&self) -> ServeOptions {
        ServeOptions {
            listen: self.listen,
            database: self.database_url(),
            dist: self.dist.clone(),
            bookings_per_minute: self.bookings_per_minute,
            booking_burst: self.booking_burst,
            trusted_proxies: self.trusted_proxies.clone(),
            webhook_retry_base_ms: self.webhook_retry_base_ms,
            backend: self.backend,
        }
    }
}

/// A database URL without its password, for logs.
#[must_use]
pub fn redact(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme), Some(at)) if at > scheme => {
            let credentials = &url[scheme + 3..at];
            let user = credentials.split(':').next().unwrap_or_default();
            format!("{}{user}:***{}", &url[..scheme + 3], &url[at..])
        }
        _ => url.to_owned(),
    }
}
