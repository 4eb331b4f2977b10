//! SQLite, the embedded default: one file, WAL, one writer task.

use std::str::FromStr;
use std::time::Duration;

use sqlx::sqlite::{
    SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteSynchronous,
};
use sqlx::{Connection, SqliteConnection};
use tokio::sync::mpsc;

use super::sqlite_writer::sqlite_writer;
use super::{DbError, Result, Store};
use crate::catalogue::Catalogue;

pub(super) async fn connect(url: &str) -> Result<Store> {
    let options = SqliteConnectOptions::from_str(url)?
        .create_if_missing(true)
        .journal_mode(SqliteJournalMode::Wal)
        .synchronous(SqliteSynchronous::Full)
        .busy_timeout(Duration::from_secs(10))
        .foreign_keys(true);
    // The writer never checkpoints: a checkpoint in the middle of a
    // commit would stall every booking queued behind it. A task
    // checkpoints from a reader connection instead, beside the writer.
    let writer_options = options.clone().pragma("wal_autocheckpoint", "0");
    let mut writer = SqliteConnection::connect_with(&writer_options).await?;
    sqlx::migrate!("migrations/sqlite").run(&mut writer).await?;
    let read = SqlitePoolOptions::new()
        .max_connections(4)
        .min_connections(1)
        .connect_with(options)
        .await?;
    let (tx, rx) = mpsc::channel(4096);
    tokio::spawn(sqlite_writer(writer, rx));
    tokio::spawn(checkpoint_wal(read.clone()));
    Ok(Store::Sqlite { read, writer: tx })
}

/// Rare and large: outside the writer task, on a connection of its own
/// that waits (`busy_timeout`) for the writer's batch to commit.
pub(super) async fn replace_catalogue(read: &SqlitePool, catalogue: &Catalogue) -> Result<()> {
    let mut conn = read.acquire().await?;
    sqlx::query("BEGIN IMMEDIATE").execute(&mut *conn).await?;
    match replace_catalogue_statements!(&mut *conn, catalogue) {
        Ok(()) => {
            sqlx::query("COMMIT").execute(&mut *conn).await?;
            Ok(())
        }
        Err(e) => {
            sqlx::query("ROLLBACK").execute(&mut *conn).await?;
            Err(e)
        }
    }
}

/// Copies the WAL back into the database file now and then, without
/// blocking the writer (`PASSIVE`), so that the WAL stays small.
async fn checkpoint_wal(pool: SqlitePool) {
    let mut tick = tokio::time::interval(Duration::from_millis(500));
    loop {
        tick.tick().await;
        if let Err(e) = sqlx::query("PRAGMA wal_checkpoint(PASSIVE)")
            .execute(&pool)
            .await
        {
            tracing::warn!(error = %e, "WAL checkpoint failed");
        }
    }
}
