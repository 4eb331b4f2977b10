//! The tenant's account: a one-time code by e-mail, a session token, and
//! the tenant view of their bookings under a key's properties.
//!
//! Codes and tokens are drawn from the OS RNG and stored only as SHA-256
//! hashes. A sign-in request answers the same, at once, whether or not the
//! address has bookings: the lookup, the code and its mail happen in a
//! task of their own, so not even the answer's timing tells.

use std::time::Duration;

use base64::Engine;
use booking_model::{
    ContactBook, ContactInsight, Contract, KeyValue, Money, SessionResponse, SignInAccepted,
    TenantAccount, UnpaidInvoice,
};
use chrono::{DateTime, Utc};
use rust_decimal::Decimal;
use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;

use super::admin::{self, AdminBooking, AdminError, BookingState};
use super::{Result, ServiceError, Services};
use crate::catalogue::{Catalogue, PublishableKey};

/// Wrong codes that void a code.
pub const MAX_FAILURES: i64 = 5;
/// How long a session lasts.
pub const SESSION_TTL: Duration = Duration::from_secs(12 * 3600);

fn hex_sha256(parts: &[&str]) -> String {
    let mut hasher = Sha256::new();
    for part in parts {
        hasher.update(part.as_bytes());
        // A separator no part contains: ("ab","c") and ("a","bc") differ.
        hasher.update([0]);
    }
    hasher
        .finalize()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// A code's hash binds it to the key and the address.
fn code_hash(api_key: &str, email: &str, code: &str) -> String {
    hex_sha256(&["code", api_key, email, code])
}

fn token_hash(token: &str) -> String {
    hex_sha256(&["token", token])
}

/// Six digits, uniform: 32 random bits, drawn again above the last whole
/// million (no modulo bias).
fn new_code() -> Result<String> {
    loop {
        let mut bytes = [0u8; 4];
        getrandom::fill(&mut bytes).map_err(|e| ServiceError::Internal(e.to_string()))?;
        let n = u32::from_be_bytes(bytes);
        if n < 4_294_000_000 {
            return Ok(format!("{:06}", n % 1_000_000));
        }
    }
}

/// 256 random bits, base64url.
fn new_token() -> Result<String> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).map_err(|e| ServiceError::Internal(e.to_string()))?;
    Ok(base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes))
}

fn now_ms() -> i64 {
    Utc::now().timestamp_millis()
}

fn ms(duration: Duration) -> i64 {
    i64::try_from(duration.as_millis()).unwrap_or(i64::MAX)
}

/// A stable id made of a hash (the tenant has no row of their own).
fn derived_id(parts: &[&str]) -> String {
    let hash = hex_sha256(parts);
    let bytes: Vec<u8> = (0..16)
        .filter_map(|i| u8::from_str_radix(hash.get(i * 2..i * 2 + 2)?, 16).ok())
        .collect();
    let mut raw = [0u8; 16];
    raw.copy_from_slice(bytes.get(..16).unwrap_or(&[0; 16]));
    uuid::Builder::from_random_bytes(raw)
        .into_uuid()
        .to_string()
}

/// `DD-MM-YYYY`, as the seed writes dates.
fn seed_date(date: chrono::NaiveDate) -> String {
    date.format("%d-%m-%Y").to_string()
}

fn admin_error(err: AdminError) -> ServiceError {
    match err {
        AdminError::Db(e) => ServiceError::from(e),
        AdminError::Backend(e) => ServiceError::Unavailable(e),
        other => ServiceError::Internal(other.to_string()),
    }
}

impl Services {
    /// Bookings of this address at this key's properties, oldest first.
    async fn account_bookings(&self, key: &PublishableKey, email: &str) -> Result<Vec<String>> {
        Ok(self
            .store
            .bookings_of(email)
            .await?
            .into_iter()
            .filter(|(_, property)| key.property_ids.contains(property))
            .map(|(id, _)| id)
            .collect())
    }

    /// Starts a sign-in: answers at once, the same for every address.
    #[must_use]
    pub fn request_sign_in(&self, key: &PublishableKey, email: String) -> SignInAccepted {
        let services = self.clone();
        let key = key.clone();
        let ttl = self.mailer.code_ttl;
        tokio::spawn(async move {
            if let Err(e) = services.send_sign_in_code(&key, &email).await {
                tracing::warn!(error = %e, "sign-in code not sent");
            }
        });
        SignInAccepted {
            code_valid_for_seconds: ttl.as_secs(),
        }
    }

    /// If the address has bookings here: a new code (replacing any other),
    /// mailed at once.
    async fn send_sign_in_code(&self, key: &PublishableKey, email: &str) -> Result<()> {
        let bookings = self.account_bookings(key, email).await?;
        let Some(latest) = bookings.last() else {
            return Ok(());
        };
        let snapshot = self.snapshot().await?;
        let row = self.store.booking(latest).await?;
        let property = row
            .as_ref()
            .and_then(|b| snapshot.loaded.catalogue.property(&b.property_id));
        let language = self.store.booking_language(latest).await?;
        let (locale, name) = property.map_or(("en", ""), |p| {
            (p.details.locale.as_str(), p.details.property.name.as_str())
        });
        // The language the latest booking asked for, else its property's.
        let locale = language.as_deref().unwrap_or(locale);
        let code = new_code()?;
        let ttl = self.mailer.code_ttl;
        self.store
            .put_sign_in_code(
                &key.key,
                email,
                &code_hash(&key.key, email, &code),
                now_ms().saturating_add(ms(ttl)),
            )
            .await?;
        let Some(mail) =
            self.mailer
                .sign_in_code_mail(email, &code, ttl.as_secs().div_ceil(60), locale, name)
        else {
            return Ok(());
        };
        // Not stored (the code would be): a few tries now, then the tenant asks again.
        for attempt in 0..3u32 {
            match self
                .mailer
                .deliver(
                    &mail.id,
                    mail.kind,
                    &mail.recipient,
                    mail.message.as_bytes(),
                )
                .await
            {
                Ok(()) => return Ok(()),
                Err(error) => {
                    tracing::warn!(mail_id = %mail.id, attempt = attempt + 1, %error, "sign-in code mail not sent");
                    tokio::time::sleep(Duration::from_secs(1 << attempt)).await;
                }
            }
        }
        Ok(())
    }

    /// Exchanges a live code for a session.
    ///
    /// # Errors
    /// `InvalidCode` (counted; the 5th voids the code), `CodeExpired`, or
    /// the database did not answer.
    pub async fn open_session(
        &self,
        key: &PublishableKey,
        email: &str,
        code: &str,
    ) -> Result<SessionResponse> {
        let now = now_ms();
        let stored = self
            .store
            .sign_in_code(&key.key, email)
            .await?
            .filter(|c| c.expires_at_ms > now && c.failures < MAX_FAILURES)
            .ok_or(ServiceError::CodeExpired)?;
        let presented = code_hash(&key.key, email, code);
        let matches: bool = presented
            .as_bytes()
            .ct_eq(stored.code_hash.as_bytes())
            .into();
        if !matches {
            self.store.sign_in_code_failed(&key.key, email).await?;
            return Err(ServiceError::InvalidCode);
        }
        if !self
            .store
            .consume_sign_in_code(&key.key, email, &presented, now, MAX_FAILURES)
            .await?
        {
            // Used by a concurrent request, or voided meanwhile.
            return Err(ServiceError::CodeExpired);
        }
        let token = new_token()?;
        let expires_at = Utc::now() + SESSION_TTL;
        self.store
            .create_session(
                &token_hash(&token),
                &key.key,
                email,
                now,
                expires_at.timestamp_millis(),
            )
            .await?;
        Ok(SessionResponse { token, expires_at })
    }

    /// Voids a session.
    ///
    /// # Errors
    /// `NoSession` if it is not a live session of this key.
    pub async fn close_session(&self, key: &PublishableKey, token: &str) -> Result<()> {
        let hash = token_hash(token);
        let live = self
            .store
            .session(&hash, now_ms())
            .await?
            .is_some_and(|s| s.api_key == key.key);
        if !live || !self.store.revoke_session(&hash, now_ms()).await? {
            return Err(ServiceError::NoSession);
        }
        Ok(())
    }

    /// The tenant view of the session's address.
    ///
    /// # Errors
    /// `NoSession`, `NotFound` when no booking is left to show, or the
    /// database did not answer.
    pub async fn tenant_account(&self, key: &PublishableKey, token: &str) -> Result<TenantAccount> {
        let session = self
            .store
            .session(&token_hash(token), now_ms())
            .await?
            .filter(|s| s.api_key == key.key)
            .ok_or(ServiceError::NoSession)?;
        let mut bookings = Vec::new();
        for id in self.account_bookings(key, &session.email).await? {
            match admin::booking(&self.store, &id).await {
                Ok(b) => bookings.push(b),
                Err(AdminError::NotFound) => {}
                Err(e) => return Err(admin_error(e)),
            }
        }
        let snapshot = self.snapshot().await?;
        account_view(
            &snapshot.loaded.catalogue,
            &key.key,
            &session.email,
            &bookings,
        )
        .ok_or(ServiceError::NotFound(super::Missing::Records))
    }
}

/// The seed's shape from a tenant's bookings (oldest first); `None` without any.
fn account_view(
    catalogue: &Catalogue,
    api_key: &str,
    email: &str,
    bookings: &[AdminBooking],
) -> Option<TenantAccount> {
    let latest = bookings.last()?;
    let property_of = |b: &AdminBooking| catalogue.property(&b.property_info_id);
    let locale = property_of(latest).map_or("en", |p| p.details.locale.as_str());
    let currency = latest.quote.currency;
    let tenant = &latest.tenant;
    let country = property_of(latest)
        .map(|p| &p.details.property)
        .filter(|p| {
            p.country_iso_code2
                .eq_ignore_ascii_case(&tenant.country_iso_code2)
        })
        .map(|p| p.country.clone());
    let contact_book = ContactBook {
        id: derived_id(&["tenant", api_key, email]),
        first_name: tenant.first_name.clone(),
        last_name: tenant.last_name.clone(),
        email: tenant.email.clone(),
        phone_number: tenant.phone_number.clone(),
        address: tenant.address.clone(),
        city: tenant.city.clone(),
        postal_code: tenant.postal_code.clone(),
        region: None,
        country,
        profile_image_info_path: None,
    };
    let mut contracts = Vec::new();
    let mut invoices = Vec::new();
    let mut unpaid_total = Decimal::ZERO;
    for b in bookings {
        let property = property_of(b);
        let locale = property.map_or(locale, |p| p.details.locale.as_str());
        let money = |value: Decimal| Money::new(value, b.quote.currency, locale);
        let storage = property.and_then(|p| {
            p.storages
                .iter()
                .find(|s| s.id == b.selection.storage_info_id)
        });
        let size = storage.and_then(|s| {
            s.sizes
                .iter()
                .find(|z| z.storage_space_size_info_id == b.selection.storage_space_size_info_id)
        });
        let storage_name = storage.map(|s| s.name.clone()).unwrap_or_default();
        let created = DateTime::parse_from_rfc3339(&b.created_at)
            .map(|d| d.with_timezone(&Utc))
            .unwrap_or_default();
        let transact_date = property
            .and_then(|p| p.details.time_zone.parse::<chrono_tz::Tz>().ok())
            .map_or(created.date_naive(), |zone| {
                created.with_timezone(&zone).date_naive()
            });
        let cancelled = b.status == BookingState::Cancelled;
        let (key, value) = if cancelled {
            ("CANCELLED", "Cancelled")
        } else {
            ("INITIATED", "Initiated")
        };
        contracts.push(Contract {
            id: b.id.clone(),
            transact_id: b.transact_id.clone(),
            storage_name: storage_name.clone(),
            property_name: property
                .map(|p| p.details.property.name.clone())
                .unwrap_or_default(),
            space_id: size.map_or_else(String::new, |z| {
                format!("{}({storage_name})", z.storage_size_group_info_name)
            }),
            transact_date: seed_date(transact_date),
            move_in_date: seed_date(b.move_in_date),
            rental_amount: money(b.quote.full_cycle.gross_amount.value()),
            rental_payable_amount: money(b.quote.recurring_gross_amount.value()),
            lease_status: KeyValue {
                key: key.to_owned(),
                value: value.to_owned(),
            },
            payment_period: match b.quote.period {
                pricing::Period::Monthly => "Monthly",
                pricing::Period::Quarterly => "Quarterly",
                pricing::Period::HalfYearly => "HalfYearly",
                pricing::Period::Yearly => "Yearly",
            }
            .to_owned(),
        });
        if !cancelled && b.outstanding > Decimal::ZERO {
            unpaid_total += b.outstanding;
            invoices.push(UnpaidInvoice {
                id: derived_id(&["invoice", &b.id]),
                sequence_id: 0,
                transact_date: seed_date(transact_date),
                transact_id: format!("IN{}", b.transact_id.trim_start_matches("BK")),
                transaction_type: "RENTAL".to_owned(),
                transaction_type_value: "Rental".to_owned(),
                rental_info_id: b.id.clone(),
                rental_info_transact_id: Some(b.transact_id.clone()),
                gross_amount: money(b.due_at_move_in),
                paid_amount: money(b.paid),
                balance_amount: money(b.outstanding),
                reverse_txn_status: None,
                reverse_txn_status_value: None,
                transaction_assets_info_id: derived_id(&["invoice-assets", &b.id]),
            });
        }
    }
    let count = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
    let active = bookings
        .iter()
        .filter(|b| b.status != BookingState::Cancelled)
        .count();
    Some(TenantAccount {
        contact_book,
        contact_insight: ContactInsight {
            total_contract_count: count(bookings.len()),
            active_contract_count: count(active),
            unpaid_invoice_count: count(invoices.len()),
            unpaid_invoice_amount: Money::new(unpaid_total, currency, locale),
            account_balance: Money::new(-unpaid_total, currency, locale),
        },
        contract: contracts,
        un_paid_invoice: invoices,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_six_digits_and_tokens_long() {
        for _ in 0..100 {
            let code = new_code().expect("rng");
            assert_eq!(code.len(), 6, "{code}");
            assert!(code.bytes().all(|b| b.is_ascii_digit()));
        }
        let token = new_token().expect("rng");
        assert!(token.len() >= 43, "256 bits in base64: {token}");
        assert_ne!(token, new_token().expect("rng"));
        assert_ne!(code_hash("k", "a@b", "1"), code_hash("k", "a@b", "2"));
        assert_eq!(derived_id(&["x"]), derived_id(&["x"]));
    }
}
