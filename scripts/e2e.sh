#!/usr/bin/env bash
# End-to-end: the real booking API on a loopback port, with a fresh SQLite
# file and the release build of the widget in dist/, driven by Debian's
# Chromium through Playwright (node's test runner). Expects `trunk build
# --release` to have run.
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$ROOT"

[ -f dist/index.html ] || { echo "e2e: dist/ is missing: run trunk build --release first" >&2; exit 1; }
cargo build --locked -p booking-api
api_bin="$(cargo metadata --format-version 1 --no-deps | python3 -c 'import json,sys; print(json.load(sys.stdin)["target_directory"])')/debug/booking-api"

source "$ROOT/scripts/serve-api.sh"
# The waiting-list test sells a size out through the API: more bookings from
# one address than the per-IP limit lets a real client make.
serve_api "$api_bin" --bookings-per-minute 6000 --booking-burst 1000
# Without an SMTP URL the API writes its mails beside its SQLite file:
# account.test.mjs reads the sign-in code there.
export E2E_MAIL_DIR="$api_work/mail"

E2E_BASE="$API_BASE" node --test --test-concurrency=1 tests/e2e/
