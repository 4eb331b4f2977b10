#!/usr/bin/env bash
# Sets up what the machine lacks, builds the widget, and runs it with its
# booking API on the embedded default (a SQLite file created and seeded with
# the demo catalogue on first start): http://127.0.0.1:8080/
# BOOKING_API_LISTEN / BOOKING_API_DATABASE / BOOKING_API_DIST override.
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$ROOT"
scripts/setup.sh
trunk build --release
echo "start: the widget and its API on http://${BOOKING_API_LISTEN:-127.0.0.1:8080}/ (Ctrl-C stops)"
# The widget is built for size (release), the server for speed (server).
exec cargo run --locked --profile server -p booking-api -- --dist "${BOOKING_API_DIST:-$ROOT/dist}"
