-- Who sent the tenant (UTM parameters, referrer, landing page), as JSON;
-- NULL when the widget reported nothing.
ALTER TABLE bookings ADD COLUMN attribution TEXT;
