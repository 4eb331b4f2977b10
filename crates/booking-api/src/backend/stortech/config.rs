//! The connector's settings, from the environment only: a secret on the
//! command line would show in `ps` and in shell histories. Each variable
//! may instead name a file (`NAME_FILE`), for secrets mounted by an
//! orchestrator.

use std::time::Duration;

/// A secret: its `Debug` and `Display` never show it.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    #[must_use]
    pub fn new(value: String) -> Self {
        Self(value)
    }

    /// The value, for the one place that sends it.
    #[must_use]
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Secret(***)")
    }
}

#[derive(Debug, Clone)]
pub struct StortechConfig {
    /// Base URL; paths are the reference's (`/api/v1/...`).
    pub api_url: String,
    pub client_id: String,
    pub client_secret: Secret,
    /// `None`: every facility the account lists.
    pub facility_ids: Option<Vec<String>>,
    /// Verifies `POST /hooks/stortech`; without it every delivery is refused.
    pub webhook_secret: Option<Secret>,
    /// Where the upstream reaches this server, to register the webhook.
    pub public_url: Option<String>,
    /// How often the snapshot is read again.
    pub refresh: Duration,
    /// Per upstream request.
    pub timeout: Duration,
}

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("{0} is not set (nor {0}_FILE)")]
    Missing(&'static str),
    #[error("{name}_FILE cannot be read: {error}")]
    File { name: &'static str, error: String },
    #[error("{0} is not a number of seconds")]
    NotSeconds(&'static str),
}

/// `NAME`, else the contents of the file `NAME_FILE` names (trimmed).
pub(crate) fn var(name: &'static str) -> Result<Option<String>, ConfigError> {
    if let Ok(value) = std::env::var(name) {
        if !value.trim().is_empty() {
            return Ok(Some(value.trim().to_owned()));
        }
    }
    let Ok(path) = std::env::var(format!("{name}_FILE")) else {
        return Ok(None);
    };
    std::fs::read_to_string(&path)
        .map(|text| Some(text.trim().to_owned()).filter(|t| !t.is_empty()))
        .map_err(|e| ConfigError::File {
            name,
            error: e.kind().to_string(),
        })
}

pub(crate) fn required(name: &'static str) -> Result<String, ConfigError> {
    var(name)?.ok_or(ConfigError::Missing(name))
}

pub(crate) fn seconds(name: &'static str, default: u64) -> Result<Duration, ConfigError> {
    var(name)?
        .map_or(Ok(default), |v| {
            v.parse::<u64>().map_err(|_| ConfigError::NotSeconds(name))
        })
        .map(Duration::from_secs)
}

impl StortechConfig {
    /// # Errors
    /// A required variable is missing, or a file or number is unreadable.
    pub fn from_env() -> Result<Self, ConfigError> {
        Ok(Self {
            api_url: required("STORTECH_API_URL")?
                .trim_end_matches('/')
                .to_owned(),
            client_id: required("STORTECH_CLIENT_ID")?,
            client_secret: Secret::new(required("STORTECH_CLIENT_SECRET")?),
            facility_ids: var("STORTECH_FACILITY_IDS")?.map(|ids| {
                ids.split(',')
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
                    .map(str::to_owned)
                    .collect()
            }),
            webhook_secret: var("STORTECH_WEBHOOK_SECRET")?.map(Secret::new),
            public_url: var("BOOKING_API_PUBLIC_URL")?.map(|u| u.trim_end_matches('/').to_owned()),
            refresh: seconds("STORTECH_REFRESH_SECS", 60)?.max(Duration::from_secs(1)),
            timeout: seconds("STORTECH_TIMEOUT_SECS", 10)?.max(Duration::from_secs(1)),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_secret_never_shows_in_debug() {
        let config = StortechConfig {
            api_url: "http://127.0.0.1:1".into(),
            client_id: "id".into(),
            client_secret: Secret::new("s3cr3t-value".into()),
            facility_ids: None,
            webhook_secret: Some(Secret::new("hook-s3cr3t".into())),
            public_url: None,
            refresh: Duration::from_secs(60),
            timeout: Duration::from_secs(10),
        };
        let text = format!("{config:?}");
        assert!(!text.contains("s3cr3t"), "{text}");
    }
}
