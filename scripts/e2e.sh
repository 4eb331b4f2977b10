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

work="$(mktemp -d)"
port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
# The waiting-list test sells a size out through the API: more bookings from
# one address than the per-IP limit lets a real client make.
"$api_bin" --listen "127.0.0.1:$port" --database "sqlite:$work/e2e.sqlite" --dist dist \
  --bookings-per-minute 6000 --booking-burst 1000 >"$work/api.log" 2>&1 &
api_pid=$!
cleanup() { kill "$api_pid" 2>/dev/null || true; wait "$api_pid" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
for _ in $(seq 1 100); do
  curl -fsS "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break
  kill -0 "$api_pid" 2>/dev/null || { cat "$work/api.log" >&2; exit 1; }
  sleep 0.1
done

E2E_BASE="http://127.0.0.1:$port" node --test --test-concurrency=1 tests/e2e/
