-- The catalogue is one JSON document; `version` tells other instances to reload it.
CREATE TABLE catalogue (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    version INTEGER NOT NULL,
    document TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

-- Free units per price variant and mode; bookings decrement it with a
-- conditional UPDATE, and the CHECK makes a negative count impossible.
CREATE TABLE stock (
    price_id TEXT NOT NULL,
    mode TEXT NOT NULL CHECK (mode IN ('RENT', 'BOOK')),
    property_id TEXT NOT NULL,
    available INTEGER NOT NULL CHECK (available >= 0),
    PRIMARY KEY (price_id, mode)
);
CREATE INDEX stock_property ON stock (property_id);

-- Money is kept as TEXT: the quote's exact decimal strings.
CREATE TABLE bookings (
    id TEXT PRIMARY KEY,
    transact_id TEXT NOT NULL UNIQUE,
    api_key TEXT NOT NULL,
    property_id TEXT NOT NULL,
    price_id TEXT NOT NULL,
    mode TEXT NOT NULL,
    status TEXT NOT NULL,
    created_at TEXT NOT NULL,
    due_at_move_in TEXT NOT NULL,
    selection TEXT NOT NULL,
    tenant TEXT NOT NULL,
    quote TEXT NOT NULL
);
CREATE INDEX bookings_price ON bookings (price_id, mode);

-- A key is written in the booking's own transaction, with the answer to replay.
CREATE TABLE idempotency_keys (
    api_key TEXT NOT NULL,
    idempotency_key TEXT NOT NULL,
    fingerprint TEXT NOT NULL,
    status_code INTEGER NOT NULL,
    response TEXT NOT NULL,
    booking_id TEXT,
    created_at INTEGER NOT NULL,
    PRIMARY KEY (api_key, idempotency_key)
);
CREATE INDEX idempotency_keys_created ON idempotency_keys (created_at);

-- Webhook events, written with the booking; `id` is the webhook-id of every attempt.
CREATE TABLE outbox (
    id TEXT PRIMARY KEY,
    api_key TEXT NOT NULL,
    event_type TEXT NOT NULL,
    payload TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at INTEGER NOT NULL,
    delivered_at INTEGER,
    last_error TEXT
);
CREATE INDEX outbox_due ON outbox (delivered_at, next_attempt_at);

CREATE TABLE waiting_list (
    id TEXT PRIMARY KEY,
    api_key TEXT NOT NULL,
    property_id TEXT NOT NULL,
    selection TEXT NOT NULL,
    contact TEXT NOT NULL,
    created_at TEXT NOT NULL
);
