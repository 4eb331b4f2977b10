-- E-mail and the tenant's account.

-- Mails, written in the transaction of what they tell (a booking, a
-- cancellation, a waiting-list entry) and sent by the mail worker until the
-- mail server accepts them. `id` is the Message-ID of every attempt.
-- `message` is the whole RFC 5322 message, rendered when it was written.
CREATE TABLE mail_outbox (
    id TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    recipient TEXT NOT NULL,
    message TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at INTEGER NOT NULL,
    sent_at INTEGER,
    last_error TEXT
);
CREATE INDEX mail_outbox_due ON mail_outbox (sent_at, next_attempt_at);

-- The language the widget asked the tenant's mails in, when it said one
-- (written with the booking; the property's locale otherwise).
CREATE TABLE booking_languages (
    booking_id TEXT PRIMARY KEY REFERENCES bookings (id),
    language TEXT NOT NULL
);

-- The tenant's address, for signing in: read from the stored tenant.
ALTER TABLE bookings ADD COLUMN tenant_email TEXT
    GENERATED ALWAYS AS (lower(json_extract(tenant, '$.email'))) VIRTUAL;
CREATE INDEX bookings_tenant_email ON bookings (tenant_email);

-- One sign-in code per key and address (a new one replaces it), kept only
-- as a hash; `failures` voids it at 5.
CREATE TABLE tenant_codes (
    api_key TEXT NOT NULL,
    email TEXT NOT NULL,
    code_hash TEXT NOT NULL,
    expires_at INTEGER NOT NULL,
    failures INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (api_key, email)
);

-- Sessions: the SHA-256 of the token (128+ random bits) and whose it is.
CREATE TABLE tenant_sessions (
    token_hash TEXT PRIMARY KEY,
    api_key TEXT NOT NULL,
    email TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    revoked_at INTEGER
);
