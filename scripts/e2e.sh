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

# The same widget in front of an operator's Stortech account: the Stortech
# simulator, and a second API with --backend stortech whose overlay is the
# demo catalogue (keys, locale, terms). The simulator's credentials are its
# fixture's, passed through the environment.
source "$ROOT/scripts/sim.sh"
start_sim stortech
stortech_work="$(mktemp -d)"
previous_trap="$(trap -p EXIT | sed -e 's/^trap -- //' -e 's/ EXIT$//')"
eval "previous_trap=$previous_trap"
# shellcheck disable=SC2064 # the previous trap is expanded now, on purpose
trap "kill \${stortech_pid:-0} 2>/dev/null || true; rm -rf '$stortech_work'; ${previous_trap:-}" EXIT
cp -r crates/booking-api/seed/terms "$stortech_work/terms"
cp crates/booking-api/seed/catalogue.json "$stortech_work/overlay.json"
"$api_bin" import "$stortech_work/overlay.json" --database "sqlite:$stortech_work/api.sqlite" >/dev/null
stortech_port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
BOOKING_API_BACKEND=stortech STORTECH_API_URL="$SIM_URL" \
  STORTECH_CLIENT_ID=sim_client_id STORTECH_CLIENT_SECRET=sim_client_secret \
  "$api_bin" --listen "127.0.0.1:$stortech_port" --database "sqlite:$stortech_work/api.sqlite" \
  --dist dist --mail-dir "$stortech_work/mail" >"$stortech_work/api.log" 2>&1 &
stortech_pid=$!
facility="$("$(sim_bin)" fixture stortech | python3 -c 'import json,sys; print(json.load(sys.stdin)["facilities"][0]["id"])')"
# Ready once its first snapshot of the facility is read.
for _ in $(seq 1 150); do
  curl -fsS -H 'X-API-Key: pk_demo' "http://127.0.0.1:$stortech_port/v1/properties/$facility" >/dev/null 2>&1 && break
  kill -0 "$stortech_pid" 2>/dev/null || { cat "$stortech_work/api.log" >&2; exit 1; }
  sleep 0.2
done

E2E_BASE="$API_BASE" E2E_STORTECH_BASE="http://127.0.0.1:$stortech_port" E2E_STORTECH_SIM="$SIM_URL" \
  E2E_STORTECH_FACILITY="$facility" node --test --test-concurrency=1 "${E2E_ONLY:-tests/e2e/}"
