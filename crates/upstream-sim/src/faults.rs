//! Misbehaviour on request: faults armed for the next N matching requests.
//! The same JSON arms them through `POST /_sim/faults` and the library.

use std::sync::Mutex;
use std::time::Duration;

use serde::{Deserialize, Serialize};

use crate::lock;

/// What an armed fault does to a request it matches.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum FaultKind {
    /// Answer with this status (4xx or 5xx) and the upstream's error body,
    /// without handling the request.
    Status { status: u16 },
    /// Answer 429 with the upstream's rate-limit headers (remaining 0, reset in
    /// `retry_after_secs`) and `Retry-After`, without handling the request.
    RateLimit {
        #[serde(default = "default_retry_after")]
        retry_after_secs: u64,
    },
    /// Wait `ms` milliseconds, then handle the request normally.
    Delay { ms: u64 },
    /// Close the connection without handling the request or answering.
    DropRequest,
    /// Handle the request (a booking is stored), then close the connection
    /// without answering: the caller cannot know whether it happened.
    DropResponse,
}

fn default_retry_after() -> u64 {
    60
}

fn one() -> u32 {
    1
}

/// A fault and which requests it applies to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Fault {
    #[serde(flatten)]
    pub kind: FaultKind,
    /// How many matching requests it applies to (default 1).
    #[serde(default = "one")]
    pub count: u32,
    /// Only requests with this method (any when absent).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub method: Option<String>,
    /// Only requests whose path matches this pattern: segments compared one by
    /// one, `*` matching any one segment and a final `**` any rest (any path
    /// when absent). Example: `/api/v1/facilities/*/bookings`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
}

impl Fault {
    fn new(kind: FaultKind) -> Self {
        Self {
            kind,
            count: 1,
            method: None,
            path: None,
        }
    }

    /// The next request is answered with `status` and the upstream's error body.
    pub fn status(status: u16) -> Self {
        Self::new(FaultKind::Status { status })
    }

    /// The next request is answered 429, to be retried after `retry_after`.
    pub fn rate_limit(retry_after: Duration) -> Self {
        Self::new(FaultKind::RateLimit {
            retry_after_secs: retry_after.as_secs(),
        })
    }

    /// The next request is handled after `delay`.
    pub fn delay(delay: Duration) -> Self {
        Self::new(FaultKind::Delay {
            ms: u64::try_from(delay.as_millis()).unwrap_or(u64::MAX),
        })
    }

    /// The next request's connection is closed before it is handled.
    pub fn drop_request() -> Self {
        Self::new(FaultKind::DropRequest)
    }

    /// The next request is handled, then its connection closed unanswered.
    pub fn drop_response() -> Self {
        Self::new(FaultKind::DropResponse)
    }

    /// Applies to the next `count` matching requests instead of one.
    #[must_use]
    pub fn times(mut self, count: u32) -> Self {
        self.count = count;
        self
    }

    /// Applies only to `method` requests whose path matches `path`.
    #[must_use]
    pub fn on(mut self, method: &str, path: &str) -> Self {
        self.method = Some(method.to_ascii_uppercase());
        self.path = Some(path.to_owned());
        self
    }

    /// Applies only to requests whose path matches `path`, whatever the method.
    #[must_use]
    pub fn on_path(mut self, path: &str) -> Self {
        self.path = Some(path.to_owned());
        self
    }

    fn matches(&self, method: &str, path: &str) -> bool {
        self.method
            .as_deref()
            .is_none_or(|m| m.eq_ignore_ascii_case(method))
            && self
                .path
                .as_deref()
                .is_none_or(|pattern| path_matches(pattern, path))
    }

    fn validate(&self) -> Result<(), String> {
        if self.count == 0 {
            return Err("count must be at least 1".into());
        }
        if let FaultKind::Status { status } = self.kind {
            if !(400..=599).contains(&status) {
                return Err(format!("status must be 400-599, not {status}"));
            }
        }
        if let Some(path) = &self.path {
            if !path.starts_with('/') {
                return Err("path must start with /".into());
            }
        }
        Ok(())
    }
}

/// The faults armed on one simulator, first armed first applied.
#[derive(Debug, Default)]
pub struct Faults {
    armed: Mutex<Vec<Fault>>,
}

impl Faults {
    /// Arms a fault after the ones already armed.
    ///
    /// # Errors
    /// A message naming what is wrong when the fault makes no sense (count 0,
    /// a status outside 400-599, a path not starting with `/`).
    pub fn arm(&self, fault: Fault) -> Result<(), String> {
        fault.validate()?;
        lock(&self.armed).push(fault);
        Ok(())
    }

    /// The faults still armed, with their remaining counts.
    pub fn armed(&self) -> Vec<Fault> {
        lock(&self.armed).clone()
    }

    /// Disarms every fault.
    pub fn clear(&self) {
        lock(&self.armed).clear();
    }

    /// The first armed fault matching this request, used up by one.
    pub(crate) fn take(&self, method: &str, path: &str) -> Option<FaultKind> {
        let mut armed = lock(&self.armed);
        let index = armed.iter().position(|f| f.matches(method, path))?;
        let kind = armed[index].kind.clone();
        armed[index].count -= 1;
        if armed[index].count == 0 {
            armed.remove(index);
        }
        Some(kind)
    }
}

/// Whether `path` matches `pattern` (see [`Fault::path`]).
pub fn path_matches(pattern: &str, path: &str) -> bool {
    let mut wanted = pattern.trim_end_matches('/').split('/');
    let mut actual = path.trim_end_matches('/').split('/');
    loop {
        match (wanted.next(), actual.next()) {
            (Some("**"), _) => return wanted.next().is_none(),
            (Some(w), Some(a)) if w == "*" || w == a => {}
            (None, None) => return true,
            _ => return false,
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn patterns_match_segment_by_segment() {
        assert!(path_matches(
            "/api/v1/facilities/*/bookings",
            "/api/v1/facilities/fac_1/bookings"
        ));
        assert!(!path_matches(
            "/api/v1/facilities/*/bookings",
            "/api/v1/facilities/fac_1/units"
        ));
        assert!(!path_matches(
            "/api/v1/facilities/*",
            "/api/v1/facilities/fac_1/units"
        ));
        assert!(path_matches("/api/v1/**", "/api/v1/facilities/fac_1/units"));
        assert!(path_matches("/v1/tenant/", "/v1/tenant"));
        assert!(!path_matches("/users", "/users/1"));
    }

    #[test]
    fn faults_are_used_up_in_order() {
        let faults = Faults::default();
        faults
            .arm(Fault::status(503).times(2).on("GET", "/a"))
            .unwrap();
        faults.arm(Fault::drop_request()).unwrap();
        assert_eq!(faults.take("POST", "/a"), Some(FaultKind::DropRequest));
        assert_eq!(
            faults.take("GET", "/a"),
            Some(FaultKind::Status { status: 503 })
        );
        assert_eq!(
            faults.take("GET", "/a"),
            Some(FaultKind::Status { status: 503 })
        );
        assert_eq!(faults.take("GET", "/a"), None);
        assert!(faults.arm(Fault::status(200)).is_err());
        assert!(faults.arm(Fault::status(500).times(0)).is_err());
    }

    #[test]
    fn the_json_form_reads_as_documented() {
        let fault: Fault = serde_json::from_str(
            r#"{"kind":"drop_response","method":"POST","path":"/api/v1/facilities/*/bookings"}"#,
        )
        .unwrap();
        assert_eq!(fault.kind, FaultKind::DropResponse);
        assert_eq!(fault.count, 1);
        let fault: Fault = serde_json::from_str(r#"{"kind":"rate_limit","count":3}"#).unwrap();
        assert_eq!(
            fault.kind,
            FaultKind::RateLimit {
                retry_after_secs: 60
            }
        );
    }
}
