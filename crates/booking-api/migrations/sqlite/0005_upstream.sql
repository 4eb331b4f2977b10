-- Bookings made in the operator's management system (Stortech). An
-- attempt is written BEFORE the upstream is asked, so that a booking whose
-- answer was lost (timeout, reset, restart) is looked for before it is
-- sent again: one Idempotency-Key, at most one upstream booking.
CREATE TABLE upstream_attempts (
    api_key TEXT NOT NULL,
    idempotency_key TEXT NOT NULL,
    upstream TEXT NOT NULL,
    facility_id TEXT NOT NULL,
    customer_id TEXT,
    unit_id TEXT,
    move_in_date TEXT NOT NULL,
    -- 'sending' (asked, answer not seen), 'refused' (the unit was taken), 'booked'
    state TEXT NOT NULL CHECK (state IN ('sending', 'refused', 'booked')),
    booking_id TEXT,
    upstream_booking_id TEXT,
    unit_number TEXT,
    -- Money as TEXT: the upstream's exact figure, and ours when they differ.
    total_due_today TEXT,
    our_due_at_move_in TEXT,
    price_mismatch INTEGER NOT NULL DEFAULT 0,
    -- Unix ms until which one request (of any instance) works on the key.
    lease_until INTEGER,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (api_key, idempotency_key)
);
CREATE INDEX upstream_attempts_upstream_booking ON upstream_attempts (upstream_booking_id);

-- Webhook deliveries already acted on: (event, object id, timestamp).
CREATE TABLE upstream_webhooks_seen (
    dedup_key TEXT PRIMARY KEY,
    received_at TEXT NOT NULL
);
