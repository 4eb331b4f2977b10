//! Access tokens a simulator issued: JWT-format strings (Stortech's and
//! Store365's references show `eyJ...` tokens), looked up by value when
//! presented. Token values are never logged nor served by the control API;
//! tests see each token's fingerprint (the first 12 hex digits of its SHA-256).
//! Expiry is exact to the nanosecond, not to the second the JWT claims carry.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::Duration;

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use chrono::{DateTime, Utc};
use hmac::{Hmac, Mac};
use serde::Serialize;
use serde_json::json;
use sha2::{Digest, Sha256};

use crate::lock;

/// What a presented token turned out to be.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TokenCheck {
    Valid(Grant),
    Expired,
    Revoked,
    Unknown,
}

/// Whom a token was issued to, and for what.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Grant {
    /// The client id, username or tenant the token stands for.
    pub subject: String,
    pub scope: Option<String>,
}

/// A token as the control API shows it: never its value.
#[derive(Debug, Clone, Serialize)]
pub struct TokenInfo {
    pub fingerprint: String,
    pub subject: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scope: Option<String>,
    pub issued_at: DateTime<Utc>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expires_at: Option<DateTime<Utc>>,
    /// `active`, `expired` or `revoked`.
    pub state: &'static str,
}

#[derive(Debug)]
struct Record {
    grant: Grant,
    issued_at: DateTime<Utc>,
    expires_at: Option<DateTime<Utc>>,
    revoked: bool,
    /// Issue order, so the list reads oldest first.
    seq: u64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    Active,
    Expired,
    Revoked,
}

impl State {
    fn as_str(self) -> &'static str {
        match self {
            State::Active => "active",
            State::Expired => "expired",
            State::Revoked => "revoked",
        }
    }
}

impl Record {
    fn state(&self, now: DateTime<Utc>) -> State {
        if self.revoked {
            State::Revoked
        } else if self.expires_at.is_some_and(|at| at <= now) {
            State::Expired
        } else {
            State::Active
        }
    }
}

/// The tokens of one simulator.
pub struct TokenStore {
    signing_key: [u8; 32],
    tokens: Mutex<HashMap<String, Record>>,
}

/// Neither key nor token values: a `{:?}` must not put them in a log.
impl std::fmt::Debug for TokenStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TokenStore")
            .field("issued", &lock(&self.tokens).len())
            .finish_non_exhaustive()
    }
}

impl Default for TokenStore {
    fn default() -> Self {
        let mut signing_key = [0u8; 32];
        signing_key[..16].copy_from_slice(uuid::Uuid::new_v4().as_bytes());
        signing_key[16..].copy_from_slice(uuid::Uuid::new_v4().as_bytes());
        Self {
            signing_key,
            tokens: Mutex::default(),
        }
    }
}

impl TokenStore {
    /// Issues a token for `grant`, valid for `ttl` (for ever when `None`).
    pub(crate) fn issue(&self, grant: Grant, ttl: Option<Duration>) -> String {
        let issued_at = Utc::now();
        let expires_at = ttl.map(|ttl| {
            issued_at + chrono::Duration::from_std(ttl).unwrap_or(chrono::Duration::MAX)
        });
        let claims = json!({
            "sub": grant.subject,
            "scope": grant.scope,
            "iat": issued_at.timestamp(),
            "exp": expires_at.map(|at| at.timestamp()),
            "jti": uuid::Uuid::new_v4().simple().to_string(),
        });
        let token = self.sign(&claims);
        let mut tokens = lock(&self.tokens);
        let seq = u64::try_from(tokens.len()).unwrap_or(u64::MAX);
        tokens.insert(
            token.clone(),
            Record {
                grant,
                issued_at,
                expires_at,
                revoked: false,
                seq,
            },
        );
        token
    }

    /// An HS256 JWT of `claims`.
    fn sign(&self, claims: &serde_json::Value) -> String {
        let header = URL_SAFE_NO_PAD.encode(br#"{"typ":"JWT","alg":"HS256"}"#);
        let payload = URL_SAFE_NO_PAD.encode(claims.to_string());
        let signing_input = format!("{header}.{payload}");
        let mut mac = Hmac::<Sha256>::new_from_slice(&self.signing_key)
            .unwrap_or_else(|_| unreachable!("HMAC takes a key of any length"));
        mac.update(signing_input.as_bytes());
        let signature = URL_SAFE_NO_PAD.encode(mac.finalize().into_bytes());
        format!("{signing_input}.{signature}")
    }

    pub(crate) fn check(&self, token: &str) -> TokenCheck {
        let tokens = lock(&self.tokens);
        match tokens.get(token) {
            None => TokenCheck::Unknown,
            Some(record) => match record.state(Utc::now()) {
                State::Revoked => TokenCheck::Revoked,
                State::Expired => TokenCheck::Expired,
                State::Active => TokenCheck::Valid(record.grant.clone()),
            },
        }
    }

    /// Accepts a token chosen in advance (a fixture's), valid for ever.
    pub(crate) fn insert(&self, token: &str, grant: Grant) {
        let mut tokens = lock(&self.tokens);
        let seq = u64::try_from(tokens.len()).unwrap_or(u64::MAX);
        tokens.insert(
            token.to_owned(),
            Record {
                grant,
                issued_at: Utc::now(),
                expires_at: None,
                revoked: false,
                seq,
            },
        );
    }

    pub(crate) fn revoke(&self, token: &str) {
        if let Some(record) = lock(&self.tokens).get_mut(token) {
            record.revoked = true;
        }
    }

    /// Every token issued so far expires now.
    pub fn expire_all(&self) {
        let now = Utc::now();
        for record in lock(&self.tokens).values_mut() {
            if record.expires_at.is_none_or(|at| at > now) {
                record.expires_at = Some(now);
            }
        }
    }

    /// Every token issued so far is revoked.
    pub fn revoke_all(&self) {
        for record in lock(&self.tokens).values_mut() {
            record.revoked = true;
        }
    }

    /// The tokens issued, oldest first.
    pub fn list(&self) -> Vec<TokenInfo> {
        let now = Utc::now();
        let tokens = lock(&self.tokens);
        let mut records: Vec<(&String, &Record)> = tokens.iter().collect();
        records.sort_by_key(|(_, r)| r.seq);
        records
            .into_iter()
            .map(|(token, record)| TokenInfo {
                fingerprint: fingerprint(token),
                subject: record.grant.subject.clone(),
                scope: record.grant.scope.clone(),
                issued_at: record.issued_at,
                expires_at: record.expires_at,
                state: record.state(now).as_str(),
            })
            .collect()
    }

    pub(crate) fn clear(&self) {
        lock(&self.tokens).clear();
    }
}

/// The token of an `Authorization: Bearer …` header (the scheme in any case:
/// Store365's reference writes `bearer`).
pub(crate) fn bearer(headers: &axum::http::HeaderMap) -> Option<&str> {
    let value = headers
        .get(axum::http::header::AUTHORIZATION)?
        .to_str()
        .ok()?;
    let (scheme, token) = value.split_once(' ')?;
    scheme
        .eq_ignore_ascii_case("bearer")
        .then(|| token.trim())
        .filter(|t| !t.is_empty())
}

/// The first 12 hex digits of the token's SHA-256: tells tokens apart
/// without revealing one.
pub fn fingerprint(token: &str) -> String {
    crate::hex(&Sha256::digest(token.as_bytes()))[..12].to_owned()
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_jwts_and_expire() {
        let store = TokenStore::default();
        let grant = Grant {
            subject: "client".into(),
            scope: Some("read write".into()),
        };
        let token = store.issue(grant.clone(), Some(Duration::from_secs(3600)));
        let parts: Vec<&str> = token.split('.').collect();
        assert_eq!(parts.len(), 3);
        let header: serde_json::Value =
            serde_json::from_slice(&URL_SAFE_NO_PAD.decode(parts[0]).unwrap()).unwrap();
        assert_eq!(header["alg"], "HS256");
        let claims: serde_json::Value =
            serde_json::from_slice(&URL_SAFE_NO_PAD.decode(parts[1]).unwrap()).unwrap();
        assert_eq!(claims["sub"], "client");
        assert_eq!(store.check(&token), TokenCheck::Valid(grant));
        assert_eq!(store.check("nope"), TokenCheck::Unknown);
        store.expire_all();
        assert_eq!(store.check(&token), TokenCheck::Expired);
        store.revoke_all();
        assert_eq!(store.check(&token), TokenCheck::Revoked);
        assert_eq!(store.list()[0].state, "revoked");
        assert_eq!(store.list()[0].fingerprint.len(), 12);
    }
}
