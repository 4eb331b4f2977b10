//! The connector's settings, from the environment only (each also
//! `NAME_FILE`), as Stortech's: the API key never on a command line.

use std::time::Duration;

use crate::backend::stortech::config::{required, seconds, var, ConfigError, Secret};

#[derive(Debug, Clone)]
pub struct StoRegisterConfig {
    /// Base URL; paths are the reference's (`/v1/...`).
    pub api_url: String,
    pub api_key: Secret,
    pub property_ids: Vec<String>,
    pub storage_ids: Vec<String>,
    /// The `user-type` of the listing path; `None`: the overlay's first
    /// tenant type.
    pub tenant_type_id: Option<String>,
    /// The listing's `period` (matched without case upstream).
    pub period: String,
    pub refresh: Duration,
    pub timeout: Duration,
}

fn list(name: &'static str) -> Result<Vec<String>, ConfigError> {
    Ok(required(name)?
        .split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect())
}

impl StoRegisterConfig {
    /// # Errors
    /// A required variable is missing, or a file or number is unreadable.
    pub fn from_env() -> Result<Self, ConfigError> {
        Ok(Self {
            api_url: required("STOREGISTER_API_URL")?
                .trim_end_matches('/')
                .to_owned(),
            api_key: Secret::new(required("STOREGISTER_API_KEY")?),
            property_ids: list("STOREGISTER_PROPERTY_IDS")?,
            storage_ids: list("STOREGISTER_STORAGE_IDS")?,
            tenant_type_id: var("STOREGISTER_TENANT_TYPE_ID")?,
            period: var("STOREGISTER_PERIOD")?.unwrap_or_else(|| "Monthly".into()),
            refresh: seconds("STOREGISTER_REFRESH_SECS", 60)?.max(Duration::from_secs(1)),
            timeout: seconds("STOREGISTER_TIMEOUT_SECS", 10)?.max(Duration::from_secs(1)),
        })
    }
}
