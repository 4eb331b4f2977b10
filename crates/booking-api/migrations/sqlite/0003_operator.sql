-- The operator's API (`/admin/v1`).

-- Secret keys: only the SHA-256 of the key is kept (the key has 256 random
-- bits, so a plain hash cannot be reversed); `id` is what logs name.
CREATE TABLE secret_keys (
    id TEXT PRIMARY KEY,
    hash TEXT NOT NULL UNIQUE,
    label TEXT,
    created_at TEXT NOT NULL,
    revoked_at TEXT
);

-- A cancellation frees the unit; its time is kept.
ALTER TABLE bookings ADD COLUMN cancelled_at TEXT;
-- The move-in date, for the operator's filters: read from the stored
-- selection, so that the booking's own insert need not change.
ALTER TABLE bookings ADD COLUMN move_in_date TEXT
    GENERATED ALWAYS AS (json_extract(selection, '$.moveInDate')) VIRTUAL;
CREATE INDEX bookings_move_in ON bookings (move_in_date);
CREATE INDEX bookings_created ON bookings (created_at);

-- Payments of the move-in invoice, recorded by the operator. Money as TEXT:
-- exact decimal strings.
CREATE TABLE payments (
    id TEXT PRIMARY KEY,
    booking_id TEXT NOT NULL REFERENCES bookings (id),
    amount TEXT NOT NULL,
    method TEXT NOT NULL CHECK (method IN ('CARD', 'CASH', 'TRANSFER', 'CHECK', 'OTHER')),
    reference TEXT,
    key_id TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX payments_booking ON payments (booking_id);

CREATE INDEX waiting_list_created ON waiting_list (created_at);
