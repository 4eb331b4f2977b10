//! `booking-api [serve]`, `booking-api import FILE` or
//! `booking-api catalogue-schema`; see `--help`.

use std::process::ExitCode;

use booking_api::config::{Cli, Command};
use clap::Parser;
use tracing_subscriber::EnvFilter;

#[tokio::main]
async fn main() -> ExitCode {
    let cli = Cli::parse();
    tracing_subscriber::fmt()
        .with_env_filter(
            EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info")),
        )
        .with_writer(std::io::stderr)
        .init();
    if let Some(Command::Upstream { command }) = &cli.command {
        // Exit status 2: the check ran and the upstream failed it.
        return match booking_api::upstream::run(command).await {
            Ok(line) => {
                println!("{line}");
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("booking-api: {e}");
                ExitCode::from(2)
            }
        };
    }
    let result =
        match &cli.command {
            Some(Command::Import { file }) => booking_api::import(&cli.database_url(), file)
                .await
                .map(|catalogue| {
                    println!(
                        "imported {} properties and {} keys from {}",
                        catalogue.properties.len(),
                        catalogue.publishable_keys.len(),
                        file.display()
                    );
                }),
            Some(Command::Keys { command }) => {
                let mut out = std::io::stdout().lock();
                booking_api::secret_keys::run(&cli.database_url(), command, &mut out)
                    .await
                    .map_err(Into::into)
            }
            Some(Command::CatalogueSchema) => {
                print!("{}", booking_api::catalogue::catalogue_schema_text());
                Ok(())
            }
            Some(Command::Upstream { .. }) => Ok(()),
            None | Some(Command::Serve) => {
                booking_api::serve(cli.serve_options(), shutdown_signal()).await
            }
        };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("booking-api: {e}");
            ExitCode::FAILURE
        }
    }
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
