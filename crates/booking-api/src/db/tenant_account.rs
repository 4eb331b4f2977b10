//! The tenant's sign-in codes and sessions, kept only as hashes, and the
//! bookings of an address. Each write is one statement, atomic alone: a
//! code is consumed by the `DELETE` that matches it, so it serves once
//! however many requests race for it.

use super::{Result, Store};

/// A sign-in code as stored.
#[derive(Debug, Clone)]
pub struct CodeRow {
    pub code_hash: String,
    pub expires_at_ms: i64,
    pub failures: i64,
}

/// Whose a live session is.
#[derive(Debug, Clone)]
pub struct SessionRow {
    pub api_key: String,
    pub email: String,
    pub expires_at_ms: i64,
}

impl Store {
    /// Stores a code for this key and address, replacing any earlier one.
    ///
    /// # Errors
    /// A database error.
    pub async fn put_sign_in_code(
        &self,
        api_key: &str,
        email: &str,
        code_hash: &str,
        expires_at_ms: i64,
    ) -> Result<()> {
        let q = "INSERT INTO tenant_codes (api_key, email, code_hash, expires_at, failures) \
                 VALUES ($1, $2, $3, $4, 0) ON CONFLICT (api_key, email) DO UPDATE \
                 SET code_hash = $3, expires_at = $4, failures = 0";
        on_pool!(self, pool => {
            sqlx::query(q).bind(api_key).bind(email).bind(code_hash).bind(expires_at_ms)
                .execute(pool).await?;
        });
        Ok(())
    }

    /// # Errors
    /// A database error.
    pub async fn sign_in_code(&self, api_key: &str, email: &str) -> Result<Option<CodeRow>> {
        let q = "SELECT code_hash, expires_at, failures FROM tenant_codes \
                 WHERE api_key = $1 AND email = $2";
        let row: Option<(String, i64, i64)> = on_pool!(self, pool => {
            sqlx::query_as(q).bind(api_key).bind(email).fetch_optional(pool).await?
        });
        Ok(row.map(|(code_hash, expires_at_ms, failures)| CodeRow {
            code_hash,
            expires_at_ms,
            failures,
        }))
    }

    /// Counts a wrong code; answers the failures so far.
    ///
    /// # Errors
    /// A database error.
    pub async fn sign_in_code_failed(&self, api_key: &str, email: &str) -> Result<i64> {
        let q = "UPDATE tenant_codes SET failures = failures + 1 \
                 WHERE api_key = $1 AND email = $2 RETURNING failures";
        let n: Option<i64> = on_pool!(self, pool => {
            sqlx::query_scalar(q).bind(api_key).bind(email).fetch_optional(pool).await?
        });
        Ok(n.unwrap_or(i64::MAX))
    }

    /// Consumes the code if it is this one, live and not voided: true once.
    ///
    /// # Errors
    /// A database error.
    pub async fn consume_sign_in_code(
        &self,
        api_key: &str,
        email: &str,
        code_hash: &str,
        now_ms: i64,
        max_failures: i64,
    ) -> Result<bool> {
        let q = "DELETE FROM tenant_codes WHERE api_key = $1 AND email = $2 AND code_hash = $3 \
                 AND expires_at > $4 AND failures < $5";
        let n = on_pool!(self, pool => {
            sqlx::query(q).bind(api_key).bind(email).bind(code_hash).bind(now_ms)
                .bind(max_failures).execute(pool).await?.rows_affected()
        });
        Ok(n == 1)
    }

    /// # Errors
    /// A database error.
    pub async fn create_session(
        &self,
        token_hash: &str,
        api_key: &str,
        email: &str,
        now_ms: i64,
        expires_at_ms: i64,
    ) -> Result<()> {
        let q = "INSERT INTO tenant_sessions (token_hash, api_key, email, created_at, expires_at) \
                 VALUES ($1, $2, $3, $4, $5)";
        on_pool!(self, pool => {
            sqlx::query(q).bind(token_hash).bind(api_key).bind(email).bind(now_ms)
                .bind(expires_at_ms).execute(pool).await?;
        });
        Ok(())
    }

    /// The live session with this token hash, if any.
    ///
    /// # Errors
    /// A database error.
    pub async fn session(&self, token_hash: &str, now_ms: i64) -> Result<Option<SessionRow>> {
        let q = "SELECT api_key, email, expires_at FROM tenant_sessions \
                 WHERE token_hash = $1 AND expires_at > $2 AND revoked_at IS NULL";
        let row: Option<(String, String, i64)> = on_pool!(self, pool => {
            sqlx::query_as(q).bind(token_hash).bind(now_ms).fetch_optional(pool).await?
        });
        Ok(row.map(|(api_key, email, expires_at_ms)| SessionRow {
            api_key,
            email,
            expires_at_ms,
        }))
    }

    /// Voids a session; true if it was live.
    ///
    /// # Errors
    /// A database error.
    pub async fn revoke_session(&self, token_hash: &str, now_ms: i64) -> Result<bool> {
        let q = "UPDATE tenant_sessions SET revoked_at = $2 \
                 WHERE token_hash = $1 AND revoked_at IS NULL";
        let n = on_pool!(self, pool => {
            sqlx::query(q).bind(token_hash).bind(now_ms).execute(pool).await?.rows_affected()
        });
        Ok(n > 0)
    }

    /// The bookings (id, property) of this lower-cased address, oldest first.
    ///
    /// # Errors
    /// A database error.
    pub async fn bookings_of(&self, email: &str) -> Result<Vec<(String, String)>> {
        let q = "SELECT id, property_id FROM bookings WHERE tenant_email = $1 \
                 ORDER BY created_at, id";
        Ok(on_pool!(self, pool => {
            sqlx::query_as(q).bind(email).fetch_all(pool).await?
        }))
    }

    /// Forgets codes and sessions that ended before `before_ms`, and mails
    /// sent before then (they hold tenants' details).
    ///
    /// # Errors
    /// A database error.
    pub async fn purge_tenant_records(&self, before_ms: i64) -> Result<u64> {
        let mut purged = 0;
        for q in [
            "DELETE FROM tenant_codes WHERE expires_at < $1",
            "DELETE FROM tenant_sessions WHERE expires_at < $1",
            "DELETE FROM mail_outbox WHERE sent_at < $1",
        ] {
            purged += on_pool!(self, pool => {
                sqlx::query(q).bind(before_ms).execute(pool).await?.rows_affected()
            });
        }
        Ok(purged)
    }

    /// The language a booking's tenant asked for, if any.
    ///
    /// # Errors
    /// A database error.
    pub async fn booking_language(&self, booking_id: &str) -> Result<Option<String>> {
        let q = "SELECT language FROM booking_languages WHERE booking_id = $1";
        Ok(on_pool!(self, pool => {
            sqlx::query_scalar(q).bind(booking_id).fetch_optional(pool).await?
        }))
    }
}
