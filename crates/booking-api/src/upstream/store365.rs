//! Store365 (`api/store365-overview.txt`): the password grant, bearer calls
//! and the paged envelope. The resources themselves are not documented yet,
//! so this reads one configured paged path and counts it.

use std::time::Duration;

use serde::Deserialize;
use serde_json::Value;

use crate::backend::stortech::config::{required, seconds, ConfigError, Secret};

/// The largest page the reference allows.
pub const PAGE_SIZE: u32 = 100;

/// From the environment only (each also `NAME_FILE`): a password on the
/// command line would show in `ps`.
#[derive(Debug, Clone)]
pub struct Store365Config {
    pub token_url: String,
    pub api_url: String,
    pub username: String,
    pub password: Secret,
    pub client_id: String,
    /// A paged path under the API URL, e.g. `users`.
    pub resource: String,
    pub timeout: Duration,
}

impl Store365Config {
    /// # Errors
    /// A variable missing or unreadable.
    pub fn from_env() -> Result<Self, ConfigError> {
        Ok(Self {
            token_url: required("STORE365_TOKEN_URL")?,
            api_url: required("STORE365_API_URL")?
                .trim_end_matches('/')
                .to_owned(),
            username: required("STORE365_USERNAME")?,
            password: Secret::new(required("STORE365_PASSWORD")?),
            client_id: required("STORE365_CLIENT_ID")?,
            resource: required("STORE365_RESOURCE")?.trim_matches('/').to_owned(),
            timeout: seconds("STORE365_TIMEOUT_SECS", 10)?.max(Duration::from_secs(1)),
        })
    }
}

/// What went wrong, worded for an operator; never holds a secret (the
/// transport errors are reduced to their kind, as their text may hold a URL).
#[derive(Debug, thiserror::Error)]
pub enum Store365Error {
    #[error("{0}")]
    Config(#[from] ConfigError),
    #[error("the token URL is unreachable ({0})")]
    TokenUnreachable(&'static str),
    #[error("the token was refused: HTTP {status}: {detail}")]
    TokenRefused { status: u16, detail: String },
    #[error("the token answer is not the documented one: {0}")]
    BadToken(String),
    #[error("the API URL is unreachable ({0})")]
    ApiUnreachable(&'static str),
    #[error("page {page} of {resource} was refused: HTTP {status}: {detail}")]
    PageRefused {
        resource: String,
        page: u32,
        status: u16,
        detail: String,
    },
    #[error("page {page} of {resource} is not the documented paged envelope: {detail}")]
    BadEnvelope {
        resource: String,
        page: u32,
        detail: String,
    },
}

/// `expires_in` arrives as a string (`"21599"`); a number is taken too.
#[derive(Debug, Deserialize)]
struct TokenAnswer {
    access_token: String,
    #[serde(default)]
    token_type: Option<String>,
    expires_in: Value,
}

/// A bearer token and how long it is good for.
#[derive(Debug)]
pub struct Token {
    value: Secret,
    pub expires_in: Duration,
}

/// The paged envelope of the reference.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Page {
    pub page_number: u32,
    pub page_size: u32,
    pub total_number_of_pages: u32,
    pub total_number_of_records: u64,
    pub results: Vec<Value>,
}

/// What `count_all` read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReadAll {
    pub records: u64,
    pub pages: u32,
}

/// The two documented error bodies (`{"code","message"}`,
/// `{"error","error_description"}`, and `{"status","error","message"}`),
/// reduced to one line; anything else to its status alone, as an unknown
/// body might echo what was sent.
fn error_detail(body: &str) -> String {
    let Ok(value) = serde_json::from_str::<Value>(body) else {
        return "no documented error body".to_owned();
    };
    let text = |key: &str| value.get(key).and_then(Value::as_str).map(str::to_owned);
    match (text("error"), text("error_description"), text("message")) {
        (Some(error), Some(description), _) => format!("{error}: {description}"),
        (Some(error), None, Some(message)) => format!("{error}: {message}"),
        (None, _, Some(message)) => message,
        (Some(error), None, None) => error,
        (None, Some(description), None) => description,
        (None, None, None) => "no documented error body".to_owned(),
    }
}

/// The kind of a transport failure, without its URL.
fn transport_kind(error: &reqwest::Error) -> &'static str {
    if error.is_timeout() {
        "timed out"
    } else if error.is_connect() {
        "connection failed"
    } else {
        "request failed"
    }
}

#[derive(Debug)]
pub struct Client {
    http: reqwest::Client,
    config: Store365Config,
}

impl Client {
    /// # Errors
    /// The HTTP client cannot be built (no TLS roots).
    pub fn new(config: Store365Config) -> Result<Self, Store365Error> {
        let http = reqwest::Client::builder()
            .timeout(config.timeout)
            .build()
            .map_err(|e| Store365Error::ApiUnreachable(transport_kind(&e)))?;
        Ok(Self { http, config })
    }

    #[must_use]
    pub fn resource(&self) -> &str {
        &self.config.resource
    }

    /// The password grant.
    ///
    /// # Errors
    /// Unreachable, refused (with the upstream's error mapped), or an answer
    /// without a bearer token.
    pub async fn token(&self) -> Result<Token, Store365Error> {
        let form = [
            ("username", self.config.username.as_str()),
            ("password", self.config.password.expose()),
            ("grant_type", "password"),
            ("client_id", self.config.client_id.as_str()),
        ];
        let response = self
            .http
            .post(&self.config.token_url)
            .form(&form)
            .send()
            .await
            .map_err(|e| Store365Error::TokenUnreachable(transport_kind(&e)))?;
        let status = response.status();
        let body = response
            .text()
            .await
            .map_err(|e| Store365Error::TokenUnreachable(transport_kind(&e)))?;
        if !status.is_success() {
            return Err(Store365Error::TokenRefused {
                status: status.as_u16(),
                detail: error_detail(&body),
            });
        }
        let answer: TokenAnswer = serde_json::from_str(&body).map_err(|e| {
            Store365Error::BadToken(format!(
                "not JSON with a string access_token and an expires_in ({:?} at line {})",
                e.classify(),
                e.line()
            ))
        })?;
        if let Some(kind) = &answer.token_type {
            if !kind.eq_ignore_ascii_case("bearer") {
                return Err(Store365Error::BadToken(format!("token_type {kind:?}")));
            }
        }
        let seconds = match &answer.expires_in {
            Value::String(s) => s.trim().parse::<u64>().ok(),
            Value::Number(n) => n.as_u64(),
            _ => None,
        }
        .ok_or_else(|| Store365Error::BadToken("expires_in is not a number of seconds".into()))?;
        Ok(Token {
            value: Secret::new(answer.access_token),
            expires_in: Duration::from_secs(seconds),
        })
    }

    /// One page of the resource.
    ///
    /// # Errors
    /// Unreachable, refused, or not the paged envelope.
    pub async fn page(&self, token: &Token, page: u32) -> Result<Page, Store365Error> {
        let url = format!("{}/{}", self.config.api_url, self.config.resource);
        let response = self
            .http
            .get(url)
            .bearer_auth(token.value.expose())
            .header(reqwest::header::CONTENT_TYPE, "application/json")
            .query(&[("pageNumber", page), ("pageSize", PAGE_SIZE)])
            .send()
            .await
            .map_err(|e| Store365Error::ApiUnreachable(transport_kind(&e)))?;
        let status = response.status();
        let body = response
            .text()
            .await
            .map_err(|e| Store365Error::ApiUnreachable(transport_kind(&e)))?;
        if !status.is_success() {
            return Err(Store365Error::PageRefused {
                resource: self.config.resource.clone(),
                page,
                status: status.as_u16(),
                detail: error_detail(&body),
            });
        }
        let bad = |detail: String| Store365Error::BadEnvelope {
            resource: self.config.resource.clone(),
            page,
            detail,
        };
        let envelope: Page = serde_json::from_str(&body).map_err(|e| bad(e.to_string()))?;
        if envelope.page_number != page {
            return Err(bad(format!("pageNumber {} answered", envelope.page_number)));
        }
        if envelope.results.len() > usize::try_from(PAGE_SIZE).unwrap_or(usize::MAX) {
            return Err(bad(format!(
                "{} results on one page",
                envelope.results.len()
            )));
        }
        Ok(envelope)
    }

    /// Every page, checked against the totals the first one announces.
    ///
    /// # Errors
    /// As `token` and `page`; totals that do not add up are a bad envelope.
    pub async fn count_all(&self) -> Result<ReadAll, Store365Error> {
        let token = self.token().await?;
        let first = self.page(&token, 1).await?;
        let pages = first.total_number_of_pages;
        let total = first.total_number_of_records;
        let mut records = first.results.len() as u64;
        let mut read = 1;
        let mut page = 2;
        while page <= pages {
            let next = self.page(&token, page).await?;
            if next.total_number_of_records != total || next.total_number_of_pages != pages {
                return Err(Store365Error::BadEnvelope {
                    resource: self.config.resource.clone(),
                    page,
                    detail: "the totals changed while reading".into(),
                });
            }
            records += next.results.len() as u64;
            read += 1;
            page += 1;
        }
        if records != total {
            return Err(Store365Error::BadEnvelope {
                resource: self.config.resource.clone(),
                page: read,
                detail: format!("{records} records read, totalNumberOfRecords says {total}"),
            });
        }
        Ok(ReadAll {
            records,
            pages: read,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_documented_error_bodies_read_as_one_line() {
        assert_eq!(
            error_detail(r#"{"error":"invalid_grant","error_description":"Bad credentials"}"#),
            "invalid_grant: Bad credentials"
        );
        assert_eq!(
            error_detail(r#"{"status":401,"error":"Unauthorized","message":"Token expired"}"#),
            "Unauthorized: Token expired"
        );
        assert_eq!(
            error_detail(r#"{"code":400,"message":"pageSize"}"#),
            "pageSize"
        );
        assert_eq!(error_detail("<html>"), "no documented error body");
    }
}
