//! Secret keys (`sk_…`) for the operator's API: made from 256 bits of the
//! operating system's RNG, shown once, kept only as their SHA-256. A plain
//! hash is enough for a key that random (no dictionary to try), and it lets
//! a presented key be found by an indexed lookup on its hash instead of a
//! scan that would compare against every key.
//!
//! Checking a key costs the same whatever is presented: every value (none,
//! a publishable key, a wrong or revoked key) is hashed and looked up, and
//! the hashes are compared in constant time, so that timing tells an
//! attacker nothing about how close a guess came.

use base64::Engine;
use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;

use crate::db::admin::SecretKeyRow;
use crate::db::{DbError, Store};

pub const PREFIX: &str = "sk_";

/// A new key: `sk_` + base64url of 32 random bytes.
///
/// # Errors
/// The operating system's RNG failed.
pub fn generate() -> Result<String, getrandom::Error> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes)?;
    Ok(format!(
        "{PREFIX}{}",
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
    ))
}

/// The stored form of a key: lowercase hex SHA-256.
#[must_use]
pub fn hash(key: &str) -> String {
    Sha256::digest(key.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The id a key is known by in logs and listings (never the key).
#[must_use]
pub fn new_id() -> String {
    format!("key_{}", uuid::Uuid::new_v4().simple())
}

/// What a key stored under a hash says about a presented key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    /// A live key: its id.
    Valid(String),
    /// Unknown, revoked, or no key at all.
    Refused,
}

/// Stands in for a stored hash when nothing matched, so that the
/// comparison runs either way.
const NO_HASH: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// Checks a presented bearer token (or nothing) with `lookup` (the stored
/// key of a hash). Whatever is presented is hashed and looked up exactly
/// once: no early answer for a missing header or a wrong prefix.
///
/// # Errors
/// What `lookup` returns.
pub async fn verify<F, Fut>(presented: Option<&str>, lookup: F) -> Result<Verdict, DbError>
where
    F: FnOnce(String) -> Fut,
    Fut: std::future::Future<Output = Result<Option<SecretKeyRow>, DbError>>,
{
    let presented_hash = hash(presented.unwrap_or_default());
    let stored = lookup(presented_hash.clone()).await?;
    let stored_hash = stored.as_ref().map_or(NO_HASH, |row| row.hash.as_str());
    let same: bool = presented_hash
        .as_bytes()
        .ct_eq(stored_hash.as_bytes())
        .into();
    Ok(match stored {
        Some(row) if same && presented.is_some() && row.revoked_at.is_none() => {
            Verdict::Valid(row.id)
        }
        _ => Verdict::Refused,
    })
}

/// `booking-api keys …`: what the command line may do with keys.
#[derive(Debug, Clone, clap::Subcommand)]
pub enum KeysCommand {
    /// Create a secret key and print it once on standard output.
    Create {
        /// What the key is for (shown by `keys list`).
        #[arg(long)]
        label: Option<String>,
    },
    /// List keys: ids, labels, dates (never the keys).
    List,
    /// Revoke a key by its id (`key_…`); calls with it get 401 from then on.
    Revoke { id: String },
}

#[derive(Debug, thiserror::Error)]
pub enum KeysError {
    #[error("database: {0}")]
    Db(#[from] DbError),
    #[error("the operating system's random number generator failed: {0}")]
    Random(getrandom::Error),
    #[error("--label: at most 100 characters, no control characters")]
    BadLabel,
    #[error("no key {0}")]
    NoSuchKey(String),
    #[error("{0}")]
    Io(#[from] std::io::Error),
}

/// Runs a `keys` command against the database at `url`, writing its
/// answer to `out` (the new key for `create`, one line per key for `list`).
///
/// # Errors
/// A bad label, an unknown id, or a database error.
pub async fn run(
    url: &str,
    command: &KeysCommand,
    out: &mut impl std::io::Write,
) -> Result<(), KeysError> {
    let store = Store::connect(url).await?;
    match command {
        KeysCommand::Create { label } => {
            if let Some(label) = label {
                if label.chars().count() > 100 || label.chars().any(char::is_control) {
                    return Err(KeysError::BadLabel);
                }
            }
            let key = generate().map_err(KeysError::Random)?;
            let id = new_id();
            let created_at = chrono::Utc::now().to_rfc3339();
            store
                .create_secret_key(&id, &hash(&key), label.as_deref(), &created_at)
                .await?;
            // The id goes to the log (stderr); the key only to stdout, once.
            tracing::info!(key_id = %id, "secret key created");
            writeln!(out, "{key}")?;
        }
        KeysCommand::List => {
            for row in store.secret_keys().await? {
                let state = match &row.revoked_at {
                    Some(at) => format!("revoked {at}"),
                    None => "active".to_owned(),
                };
                writeln!(
                    out,
                    "{}\t{}\t{}\t{}",
                    row.id,
                    row.created_at,
                    state,
                    row.label.unwrap_or_default()
                )?;
            }
        }
        KeysCommand::Revoke { id } => {
            let now = chrono::Utc::now().to_rfc3339();
            if !store.revoke_secret_key(id, &now).await? {
                return Err(KeysError::NoSuchKey(id.clone()));
            }
            tracing::info!(key_id = %id, "secret key revoked");
            writeln!(out, "revoked {id}")?;
        }
    }
    out.flush()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

    fn row(key: &str, revoked: bool) -> SecretKeyRow {
        SecretKeyRow {
            id: "key_1".into(),
            hash: hash(key),
            label: None,
            created_at: "2024-01-01T00:00:00Z".into(),
            revoked_at: revoked.then(|| "2024-01-02T00:00:00Z".into()),
        }
    }

    #[test]
    fn keys_are_long_random_and_distinct() {
        let a = generate().expect("rng");
        let b = generate().expect("rng");
        assert_ne!(a, b);
        assert!(a.starts_with("sk_"));
        // 32 bytes in unpadded base64: 43 characters.
        assert_eq!(a.len(), 3 + 43);
        assert_eq!(hash(&a).len(), 64);
    }

    /// Every shape of presented value costs one hash and one lookup: none
    /// is refused before the database was asked.
    #[tokio::test]
    async fn every_presented_value_is_looked_up_once() {
        let key = generate().expect("rng");
        let cases: [(Option<&str>, Option<SecretKeyRow>, bool); 6] = [
            (Some(key.as_str()), Some(row(&key, false)), true),
            (Some(key.as_str()), Some(row(&key, true)), false),
            (Some("sk_wrong"), None, false),
            (Some("pk_demo"), None, false),
            (Some(""), None, false),
            (None, None, false),
        ];
        for (presented, stored, valid) in cases {
            let lookups = AtomicUsize::new(0);
            let verdict = verify(presented, |h| {
                lookups.fetch_add(1, Ordering::SeqCst);
                let stored = stored.clone().filter(|r| r.hash == h);
                async move { Ok(stored) }
            })
            .await
            .expect("verdict");
            assert_eq!(lookups.load(Ordering::SeqCst), 1, "{presented:?}");
            assert_eq!(
                verdict == Verdict::Valid("key_1".into()),
                valid,
                "{presented:?}"
            );
        }
    }

    /// A row whose hash is not the presented one's (a lookup that matched
    /// loosely) is still refused: the comparison decides, not the query.
    #[tokio::test]
    async fn the_comparison_decides() {
        let verdict = verify(Some("sk_other"), |_| async {
            Ok(Some(row("sk_real", false)))
        })
        .await
        .expect("verdict");
        assert_eq!(verdict, Verdict::Refused);
    }
}
