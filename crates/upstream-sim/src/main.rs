//! `upstream-sim stortech|storegister|store365 [--listen ADDR] [--fixture FILE]`
//! runs one simulator on loopback until Ctrl-C or SIGTERM, and prints its URL
//! as the first line on stdout (logs go to stderr). `upstream-sim fixture
//! NAME` prints a built-in fixture to start a custom one from.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use clap::{Args, Parser, Subcommand, ValueEnum};
use tracing_subscriber::EnvFilter;
use upstream_sim::{store365, storegister, stortech};

#[derive(Debug, Parser)]
#[command(
    name = "upstream-sim",
    about = "Simulators of Stortech, StoRegister and Store365 on loopback"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// The Stortech API (OAuth, facilities, units, customers, bookings, webhooks).
    Stortech {
        #[command(flatten)]
        common: Common,
        /// `expires_in` of the tokens issued, in seconds.
        #[arg(long, default_value_t = 3600)]
        token_ttl_secs: u64,
        /// Reads allowed per client and window.
        #[arg(long, default_value_t = 1000)]
        read_limit: u32,
        /// Writes allowed per client and window.
        #[arg(long, default_value_t = 500)]
        write_limit: u32,
        /// The rate-limit window, in seconds.
        #[arg(long, default_value_t = 3600)]
        rate_window_secs: u64,
        /// Status of a booking of a unit that is not available (409 or 422).
        #[arg(long, default_value_t = 409)]
        unit_conflict_status: u16,
        /// Sign webhooks as `sha256=<hex>` instead of `<hex>`.
        #[arg(long)]
        signature_prefix: bool,
        /// Attempts per webhook delivery.
        #[arg(long, default_value_t = 3)]
        webhook_attempts: u32,
    },
    /// The StoRegister API (listing, quote preview, tenant).
    Storegister {
        #[command(flatten)]
        common: Common,
    },
    /// The Store365 API (password grant, paged resources).
    Store365 {
        #[command(flatten)]
        common: Common,
        /// `expires_in` of the tokens issued, in seconds.
        #[arg(long, default_value_t = 21599)]
        token_ttl_secs: u64,
    },
    /// Prints a built-in fixture.
    Fixture { simulator: Simulator },
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum Simulator {
    Stortech,
    Storegister,
    Store365,
}

#[derive(Debug, Args)]
struct Common {
    /// Loopback address to listen on; port 0 picks a free port.
    #[arg(long, default_value = "127.0.0.1:0")]
    listen: SocketAddr,
    /// Seed data (JSON); the built-in fixture when absent.
    #[arg(long)]
    fixture: Option<PathBuf>,
}

impl Common {
    fn fixture_text(&self) -> Result<Option<String>, String> {
        if !self.listen.ip().is_loopback() {
            return Err(format!(
                "--listen {}: simulators listen on loopback only",
                self.listen
            ));
        }
        self.fixture
            .as_ref()
            .map(|path| {
                std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))
            })
            .transpose()
    }
}

/// A running simulator of any kind, for printing and stopping.
enum Running {
    Stortech(stortech::StortechSim),
    StoRegister(storegister::StoRegisterSim),
    Store365(store365::Store365Sim),
}

impl Running {
    fn url(&self) -> String {
        match self {
            Running::Stortech(sim) => sim.url(),
            Running::StoRegister(sim) => sim.url(),
            Running::Store365(sim) => sim.url(),
        }
    }

    async fn shutdown(self) {
        match self {
            Running::Stortech(sim) => sim.shutdown().await,
            Running::StoRegister(sim) => sim.shutdown().await,
            Running::Store365(sim) => sim.shutdown().await,
        }
    }
}

#[tokio::main]
async fn main() -> ExitCode {
    let cli = Cli::parse();
    tracing_subscriber::fmt()
        .with_env_filter(
            EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info")),
        )
        .with_writer(std::io::stderr)
        .init();
    match start(cli.command).await {
        Ok(None) => ExitCode::SUCCESS,
        Ok(Some(running)) => {
            let url = running.url();
            println!("{url}");
            eprintln!("upstream-sim: listening on {url} (control API under {url}/_sim)");
            shutdown_signal().await;
            running.shutdown().await;
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("upstream-sim: {message}");
            ExitCode::from(2)
        }
    }
}

async fn start(command: Command) -> Result<Option<Running>, String> {
    let running = match command {
        Command::Fixture { simulator } => {
            print!(
                "{}",
                match simulator {
                    Simulator::Stortech => stortech::DEFAULT_FIXTURE,
                    Simulator::Storegister => storegister::DEFAULT_FIXTURE,
                    Simulator::Store365 => store365::DEFAULT_FIXTURE,
                }
            );
            return Ok(None);
        }
        Command::Stortech {
            common,
            token_ttl_secs,
            read_limit,
            write_limit,
            rate_window_secs,
            unit_conflict_status,
            signature_prefix,
            webhook_attempts,
        } => {
            let fixture = common
                .fixture_text()?
                .map(|text| stortech::Fixture::parse(&text))
                .transpose()?;
            let config = stortech::Config {
                listen: common.listen,
                fixture,
                token_ttl: Duration::from_secs(token_ttl_secs),
                rate_limits: stortech::RateLimits {
                    reads: read_limit,
                    writes: write_limit,
                    window: Duration::from_secs(rate_window_secs),
                },
                unit_conflict_status,
                signature_prefix,
                webhook_attempts,
                ..stortech::Config::default()
            };
            Running::Stortech(stortech::spawn(config).await.map_err(|e| e.to_string())?)
        }
        Command::Storegister { common } => {
            let fixture = common
                .fixture_text()?
                .map(|text| storegister::Fixture::parse(&text))
                .transpose()?;
            let config = storegister::Config {
                listen: common.listen,
                fixture,
            };
            Running::StoRegister(
                storegister::spawn(config)
                    .await
                    .map_err(|e| e.to_string())?,
            )
        }
        Command::Store365 {
            common,
            token_ttl_secs,
        } => {
            let fixture = common
                .fixture_text()?
                .map(|text| store365::Fixture::parse(&text))
                .transpose()?;
            let config = store365::Config {
                listen: common.listen,
                fixture,
                token_ttl: Duration::from_secs(token_ttl_secs),
            };
            Running::Store365(store365::spawn(config).await.map_err(|e| e.to_string())?)
        }
    };
    Ok(Some(running))
}

async fn shutdown_signal() {
    let interrupt = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = interrupt => {}
        () = terminate => {}
    }
}
