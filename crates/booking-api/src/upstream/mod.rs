//! `booking-api upstream ...`: talking to a management system outside the
//! serving path, so that an operator can try credentials before switching
//! the widget over.

pub mod store365;

/// `booking-api upstream`.
#[derive(Debug, clap::Subcommand)]
pub enum UpstreamCommand {
    /// Authenticate and read every page of the configured resource; print
    /// the record count. Exit status 2 when anything fails.
    Check {
        #[arg(value_enum)]
        system: CheckedSystem,
    },
}

/// Upstreams `upstream check` knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum CheckedSystem {
    Store365,
}

/// Runs the command; `Ok` is the line to print.
///
/// # Errors
/// What failed, already free of secrets.
pub async fn run(command: &UpstreamCommand) -> Result<String, String> {
    match command {
        UpstreamCommand::Check {
            system: CheckedSystem::Store365,
        } => {
            let config = store365::Store365Config::from_env().map_err(|e| e.to_string())?;
            let client = store365::Client::new(config).map_err(|e| e.to_string())?;
            let read = client.count_all().await.map_err(|e| e.to_string())?;
            Ok(format!(
                "store365: {} records in {} pages of {}",
                read.records,
                read.pages,
                client.resource()
            ))
        }
    }
}
