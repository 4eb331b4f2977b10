//! "Standard Rate Limits": 1,000 reads and 500 writes an hour per API key,
//! announced on every answer by `X-RateLimit-Limit`, `-Remaining`, `-Reset`
//! (Unix seconds when the window ends) and `-Window` (seconds). A window
//! opens with a key's first request in it. The key is the OAuth client the
//! bearer token was issued to; requests without a valid token (the token
//! request itself, 401s) share one `anonymous` key.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::extract::{Request, State};
use axum::http::header::RETRY_AFTER;
use axum::http::{HeaderMap, HeaderValue, Method};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use serde::Serialize;

use super::error::ApiError;
use super::StortechState;
use crate::lock;
use crate::tokens::{bearer, TokenCheck};

/// Limits per key and window (the reference's by default; smaller in tests).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RateLimits {
    pub reads: u32,
    pub writes: u32,
    pub window: Duration,
}

impl Default for RateLimits {
    fn default() -> Self {
        Self {
            reads: 1000,
            writes: 500,
            window: Duration::from_secs(3600),
        }
    }
}

impl RateLimits {
    pub(crate) fn limit(&self, class: Class) -> u32 {
        match class {
            Class::Read => self.reads,
            Class::Write => self.writes,
        }
    }

    fn window_secs(&self) -> u64 {
        self.window.as_secs().max(1)
    }

    /// A quota as if the window were spent, ending in `retry_after` (faults).
    pub(crate) fn spent(&self, class: Class, retry_after: Duration) -> Quota {
        Quota {
            limit: self.limit(class),
            remaining: 0,
            reset: crate::now().timestamp()
                + i64::try_from(retry_after.as_secs()).unwrap_or(i64::MAX / 2),
            window_secs: self.window_secs(),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Class {
    Read,
    Write,
}

impl Class {
    pub(crate) fn of(method: &Method) -> Self {
        if method == Method::GET || method == Method::HEAD {
            Class::Read
        } else {
            Class::Write
        }
    }
}

/// Where a key stands in its window, as the headers say it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Quota {
    pub limit: u32,
    pub remaining: u32,
    /// Unix seconds at which the window ends.
    pub reset: i64,
    pub window_secs: u64,
}

impl Quota {
    pub(crate) fn write_headers(&self, headers: &mut HeaderMap) {
        headers.insert("x-ratelimit-limit", HeaderValue::from(self.limit));
        headers.insert("x-ratelimit-remaining", HeaderValue::from(self.remaining));
        headers.insert("x-ratelimit-reset", HeaderValue::from(self.reset));
        headers.insert("x-ratelimit-window", HeaderValue::from(self.window_secs));
    }

    /// 429 with the headers and `Retry-After`.
    pub(crate) fn exceeded(&self) -> Response {
        let wait = (self.reset - crate::now().timestamp()).max(1);
        let mut response = ApiError::rate_limited()
            .with_header(RETRY_AFTER, HeaderValue::from(wait))
            .into_response();
        self.write_headers(response.headers_mut());
        response
    }
}

#[derive(Debug, Clone, Copy)]
struct Bucket {
    opened: i64,
    used: u32,
}

/// A key's bucket, for the control API.
#[derive(Debug, Clone, Serialize)]
pub struct BucketInfo {
    pub key: String,
    pub class: Class,
    pub used: u32,
    #[serde(flatten)]
    pub quota: Quota,
}

#[derive(Debug, Default)]
pub(crate) struct Limiter {
    limits: RateLimits,
    buckets: Mutex<HashMap<(String, Class), Bucket>>,
}

impl Limiter {
    pub(crate) fn new(limits: RateLimits) -> Self {
        Self {
            limits,
            buckets: Mutex::default(),
        }
    }

    fn quota(&self, class: Class, bucket: Bucket) -> Quota {
        let limit = self.limits.limit(class);
        let window_secs = self.limits.window_secs();
        Quota {
            limit,
            remaining: limit.saturating_sub(bucket.used),
            reset: bucket
                .opened
                .saturating_add(i64::try_from(window_secs).unwrap_or(i64::MAX)),
            window_secs,
        }
    }

    /// Counts one request; `Err` when the key has none left in this window.
    pub(crate) fn hit(&self, key: &str, class: Class) -> Result<Quota, Quota> {
        let now = crate::now().timestamp();
        let window = i64::try_from(self.limits.window_secs()).unwrap_or(i64::MAX);
        let mut buckets = lock(&self.buckets);
        let bucket = buckets.entry((key.to_owned(), class)).or_insert(Bucket {
            opened: now,
            used: 0,
        });
        if now >= bucket.opened.saturating_add(window) {
            *bucket = Bucket {
                opened: now,
                used: 0,
            };
        }
        if bucket.used >= self.limits.limit(class) {
            return Err(self.quota(class, *bucket));
        }
        bucket.used += 1;
        Ok(self.quota(class, *bucket))
    }

    pub(crate) fn buckets(&self) -> Vec<BucketInfo> {
        let buckets = lock(&self.buckets);
        let mut list: Vec<BucketInfo> = buckets
            .iter()
            .map(|((key, class), bucket)| BucketInfo {
                key: key.clone(),
                class: *class,
                used: bucket.used,
                quota: self.quota(*class, *bucket),
            })
            .collect();
        list.sort_by(|a, b| (&a.key, a.class as u8).cmp(&(&b.key, b.class as u8)));
        list
    }

    pub(crate) fn reset(&self) {
        lock(&self.buckets).clear();
    }
}

/// Counts the request against its key, answers 429 when the window is spent,
/// and puts the headers on every answer.
pub(crate) async fn limit(
    State(state): State<Arc<StortechState>>,
    request: Request,
    next: Next,
) -> Response {
    let key = match bearer(request.headers()).map(|t| state.harness.tokens.check(t)) {
        Some(TokenCheck::Valid(grant)) => grant.subject,
        _ => "anonymous".to_owned(),
    };
    match state.limiter.hit(&key, Class::of(request.method())) {
        Ok(quota) => {
            let mut response = next.run(request).await;
            quota.write_headers(response.headers_mut());
            response
        }
        Err(quota) => quota.exceeded(),
    }
}
