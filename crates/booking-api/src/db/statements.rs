//! The SQL both backends run, the same text on each (sqlx binds `$n` on
//! SQLite too), and the statements of a booking as macros, because the two
//! connection types have no common trait to write them once against.

/// Statement texts.
pub mod sql {
    use super::super::rows::{
        booking_columns, event_columns, key_columns, new_event_columns, new_mail_columns,
    };

    pub const CLAIM_KEY: &str = concat!(
        "INSERT INTO idempotency_keys (",
        key_columns!(),
        ") VALUES ($1, $2, $3, 201, $4, $5, $6) ON CONFLICT DO NOTHING"
    );
    pub const TAKE_UNIT: &str =
        "UPDATE stock SET available = available - 1 WHERE price_id = $1 AND mode = $2 AND available > 0";
    pub const INSERT_BOOKING: &str = concat!(
        "INSERT INTO bookings (",
        booking_columns!(),
        ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)"
    );
    pub const SELECT_BOOKING: &str = concat!(
        "SELECT ",
        booking_columns!(),
        " FROM bookings WHERE id = $1"
    );
    pub const INSERT_EVENT: &str = concat!(
        "INSERT INTO outbox (",
        new_event_columns!(),
        ") VALUES ($1, $2, $3, $4, $5, 0, $6)"
    );
    pub const INSERT_MAIL: &str = concat!(
        "INSERT INTO mail_outbox (",
        new_mail_columns!(),
        ") VALUES ($1, $2, $3, $4, $5, 0, $6)"
    );
    pub const INSERT_LANGUAGE: &str =
        "INSERT INTO booking_languages (booking_id, language) VALUES ($1, $2)";
    pub const INSERT_WAITING: &str = "INSERT INTO waiting_list \
        (id, api_key, property_id, selection, contact, created_at) VALUES ($1, $2, $3, $4, $5, $6)";
    pub const DELIVERED: &str =
        "UPDATE outbox SET delivered_at = $2, last_error = NULL WHERE id = $1";
    pub const FAILED: &str =
        "UPDATE outbox SET attempts = attempts + 1, next_attempt_at = $2, last_error = $3 WHERE id = $1 AND delivered_at IS NULL";
    /// SQLite's booking: the unit, unless the key already holds a booking.
    pub const TAKE_UNIT_UNLESS_KEY_USED: &str = "UPDATE stock SET available = available - 1 \
        WHERE price_id = $1 AND mode = $2 AND available > 0 \
        AND NOT EXISTS (SELECT 1 FROM idempotency_keys WHERE api_key = $3 AND idempotency_key = $4)";
    pub const KEY_USED: &str =
        "SELECT COUNT(*) FROM idempotency_keys WHERE api_key = $1 AND idempotency_key = $2";
    /// SQLite's; PostgreSQL's adds `FOR UPDATE SKIP LOCKED` for concurrent workers.
    pub const CLAIM_EVENTS: &str = concat!(
        "UPDATE outbox SET next_attempt_at = $1 + $2 WHERE id IN ( \
        SELECT id FROM outbox WHERE delivered_at IS NULL AND next_attempt_at <= $1 \
        ORDER BY next_attempt_at LIMIT $3) \
        RETURNING ",
        event_columns!()
    );
    pub const PURGE: &str = "DELETE FROM idempotency_keys WHERE created_at < $1";
}

/// Inserts the idempotency key with the answer to replay; 0 rows when the
/// key is already there.
macro_rules! claim_key {
    ($conn:expr, $b:expr) => {{
        let b: &NewBooking = $b;
        sqlx::query(sql::CLAIM_KEY)
            .bind(&b.api_key)
            .bind(&b.idempotency_key)
            .bind(&b.fingerprint)
            .bind(&b.response)
            .bind(&b.id)
            .bind(b.created_at_unix())
            .execute(&mut *$conn)
            .await?
            .rows_affected()
    }};
}

/// One webhook event into the outbox, for `api_key`'s endpoint, created at
/// `unix` (seconds) and due at once.
macro_rules! insert_event {
    ($conn:expr, $event:expr, $api_key:expr, $unix:expr) => {{
        let event: &$crate::db::NewEvent = $event;
        let unix: i64 = $unix;
        sqlx::query(sql::INSERT_EVENT)
            .bind(&event.id)
            .bind($api_key)
            .bind(&event.event_type)
            .bind(&event.payload)
            .bind(unix)
            .bind(unix.saturating_mul(1000))
            .execute(&mut *$conn)
            .await?;
    }};
}

/// Takes one unit of the booked price; 0 rows when none is left.
macro_rules! take_unit {
    ($conn:expr, $b:expr) => {{
        let b: &NewBooking = $b;
        sqlx::query(sql::TAKE_UNIT)
            .bind(&b.price_id)
            .bind(b.mode.as_str())
            .execute(&mut *$conn)
            .await?
            .rows_affected()
    }};
}

/// The booking row and its webhook event, once key and unit are taken.
macro_rules! book_inserts {
    ($conn:expr, $b:expr) => {{
        let b: &NewBooking = $b;
        sqlx::query(sql::INSERT_BOOKING)
            .bind(&b.id)
            .bind(&b.transact_id)
            .bind(&b.api_key)
            .bind(&b.property_id)
            .bind(&b.price_id)
            .bind(b.mode.as_str())
            .bind(b.status.as_str())
            .bind(b.created_at_text())
            .bind(&b.due_at_move_in)
            .bind(&b.selection)
            .bind(&b.tenant)
            .bind(&b.quote)
            .bind(&b.attribution)
            .execute(&mut *$conn)
            .await?;
        if let Some(event) = &b.event {
            insert_event!($conn, event, &b.api_key, b.created_at_unix());
        }
        if let Some(language) = &b.language {
            sqlx::query(sql::INSERT_LANGUAGE)
                .bind(&b.id)
                .bind(language)
                .execute(&mut *$conn)
                .await?;
        }
        for mail in &b.mails {
            sqlx::query(sql::INSERT_MAIL)
                .bind(&mail.id)
                .bind(mail.kind)
                .bind(&mail.recipient)
                .bind(&mail.message)
                .bind(b.created_at_unix())
                .bind(b.created_at_unix() * 1000)
                .execute(&mut *$conn)
                .await?;
        }
    }};
}

/// Replaces the catalogue document and the stock, bumping the version.
macro_rules! replace_catalogue_statements {
    ($conn:expr, $catalogue:expr) => {{
        let catalogue: &Catalogue = $catalogue;
        let document = serde_json::to_string(catalogue)?;
        let now = chrono::Utc::now().to_rfc3339();
        sqlx::query(
            "INSERT INTO catalogue (id, version, document, updated_at) VALUES (1, 1, $1, $2) \
             ON CONFLICT (id) DO UPDATE SET version = catalogue.version + 1, document = $1, updated_at = $2",
        )
        .bind(&document)
        .bind(&now)
        .execute(&mut *$conn)
        .await?;
        sqlx::query("DELETE FROM stock").execute(&mut *$conn).await?;
        for row in catalogue.stock() {
            sqlx::query("INSERT INTO stock (price_id, mode, property_id, available) VALUES ($1, $2, $3, $4)")
                .bind(&row.price_id)
                .bind(row.mode)
                .bind(&row.property_id)
                .bind(row.available)
                .execute(&mut *$conn)
                .await?;
        }
        Ok::<(), DbError>(())
    }};
}
