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
    /// `smtp://host:port` or `smtps://host:port`. Credentials
    /// (`smtp://user:password@host`) only through the environment,
    /// `BOOKING_API_SMTP_URL`: an argument shows in the process list.
    /// Without either, mails are written as `.eml` files to `mail/` beside
    /// the SQLite database (the working directory for PostgreSQL).
    #[arg(long, global = true)]
    pub smtp_url: Option<String>,
    /// Where mails are written as `.eml` files when there is no SMTP URL;
    /// default: `mail/` beside the SQLite database, or in the working
    /// directory for PostgreSQL.
    #[arg(long, env = "BOOKING_API_MAIL_DIR", global = true)]
    pub mail_dir: Option<PathBuf>,
    /// The sender of every mail: `Name <address>` or an address.
    #[arg(
        long,
        env = "BOOKING_API_MAIL_FROM",
        default_value = crate::mail::DEFAULT_FROM,
        global = true
    )]
    pub mail_from: String,
    /// First mail retry delay; each retry doubles it, up to an hour.
    #[arg(
        long,
        env = "BOOKING_API_MAIL_RETRY_BASE_MS",
        default_value_t = 5000,
        global = true,
        hide = true
    )]
    pub mail_retry_base_ms: u64,
    /// How long a claimed mail is its worker's before another may send it
    /// (tests shorten it to restart quickly after a kill -9).
    #[arg(
        long,
        env = "BOOKING_API_MAIL_LEASE_MS",
        default_value_t = 60_000,
        global = true,
        hide = true
    )]
    pub mail_lease_ms: i64,
    /// Tenant sign-in requests a client IP may make per minute on average
    /// (code checks: three times as many).
    #[arg(
        long,
        env = "BOOKING_API_SIGN_INS_PER_MINUTE",
        default_value_t = 10,
        global = true
    )]
    pub sign_ins_per_minute: u32,
    /// Tenant sign-in requests a client IP may make at once.
    #[arg(
        long,
        env = "BOOKING_API_SIGN_IN_BURST",
        default_value_t = 10,
        global = true
    )]
    pub sign_in_burst: u32,
    /// Sign-in codes one address may be sent per minute (bursts of one more).
    #[arg(
        long,
        env = "BOOKING_API_SIGN_INS_PER_ADDRESS_PER_MINUTE",
        default_value_t = 2,
        global = true
    )]
    pub sign_ins_per_address_per_minute: u32,
    /// How long a sign-in code is valid (tests shorten it).
    #[arg(
        long,
        env = "BOOKING_API_SIGN_IN_CODE_TTL_SECS",
        default_value_t = 600,
        global = true,
        hide = true
    )]
    pub sign_in_code_ttl_secs: u64,
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
    Storegister,
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
    /// A management system, outside serving (`upstream check store365`).
    Upstream {
        #[command(subcommand)]
        command: crate::upstream::UpstreamCommand,
    },
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
    pub mail: MailOptions,
    pub sign_ins_per_minute: u32,
    pub sign_in_burst: u32,
    pub sign_ins_per_address_per_minute: u32,
    pub backend: BackendKind,
}

/// How mails leave.
#[derive(Clone)]
pub struct MailOptions {
    /// May hold credentials: never printed.
    pub smtp_url: Option<String>,
    /// Given as `--smtp-url` rather than in the environment: then it may
    /// not hold a password (an argument shows in `ps`). Checked at start,
    /// so that the refusal does not echo the URL as clap's would.
    pub smtp_url_is_argument: bool,
    pub from: String,
    /// Where `.eml` files go without an SMTP URL.
    pub dir: PathBuf,
    pub retry_base_ms: u64,
    pub lease_ms: i64,
    pub sign_in_code_ttl_secs: u64,
}

impl std::fmt::Debug for MailOptions {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MailOptions")
            .field("smtp_url", &self.smtp_url.as_deref().map(redact))
            .field("smtp_url_is_argument", &self.smtp_url_is_argument)
            .field("from", &self.from)
            .field("dir", &self.dir)
            .field("retry_base_ms", &self.retry_base_ms)
            .field("lease_ms", &self.lease_ms)
            .field("sign_in_code_ttl_secs", &self.sign_in_code_ttl_secs)
            .finish()
    }
}

/// Whether a URL carries a password (`scheme://user:password@host`).
#[must_use]
pub fn has_password(url: &str) -> bool {
    let rest = url.split_once("://").map_or(url, |(_, rest)| rest);
    let authority = rest.split(['/', '?']).next().unwrap_or_default();
    authority
        .rsplit_once('@')
        .is_some_and(|(credentials, _)| credentials.contains(':'))
}

/// The folder beside a SQLite file, or `mail` in the working directory.
fn mail_dir(database_url: &str) -> PathBuf {
    database_url
        .strip_prefix("sqlite://")
        .or_else(|| database_url.strip_prefix("sqlite:"))
        .map(|rest| rest.split('?').next().unwrap_or_default())
        .and_then(|path| std::path::Path::new(path).parent().map(|p| p.join("mail")))
        .unwrap_or_else(|| PathBuf::from("mail"))
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
            sign_ins_per_minute: self.sign_ins_per_minute,
            sign_in_burst: self.sign_in_burst,
            sign_ins_per_address_per_minute: self.sign_ins_per_address_per_minute,
            mail: MailOptions {
                smtp_url: self.smtp_url.clone().or_else(|| {
                    std::env::var("BOOKING_API_SMTP_URL")
                        .ok()
                        .filter(|url| !url.is_empty())
                }),
                smtp_url_is_argument: self.smtp_url.is_some(),
                from: self.mail_from.clone(),
                dir: self
                    .mail_dir
                    .clone()
                    .unwrap_or_else(|| mail_dir(&self.database_url())),
                retry_base_ms: self.mail_retry_base_ms,
                lease_ms: self.mail_lease_ms,
                sign_in_code_ttl_secs: self.sign_in_code_ttl_secs,
            },
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_in_urls_are_seen() {
        assert!(!has_password("smtp://127.0.0.1:2525"));
        assert!(!has_password("smtps://user@mail.example:465"));
        assert!(has_password("smtps://user:secret@mail.example:465"));
        assert!(!has_password(
            "smtp://mail.example:587?tls=required&x=a:b@c"
        ));
    }

    #[test]
    fn mail_goes_beside_the_database() {
        assert_eq!(
            mail_dir("sqlite:///tmp/x/b.sqlite?mode=rwc"),
            PathBuf::from("/tmp/x/mail")
        );
        assert_eq!(mail_dir("postgres://u@h/db"), PathBuf::from("mail"));
    }
}
