#!/usr/bin/env bash
# Benchmark: time from navigation to the listing rendered, in headless
# Chromium against the optimised booking API on loopback serving the
# release widget (dist/). Builds what is missing; SQLite in a temp dir.
#
#   scripts/time-to-listing.sh            # 15 runs
#   RUNS=50 scripts/time-to-listing.sh
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$ROOT"

[ -f dist/index.html ] || trunk build --release
export CARGO_PROFILE_BENCH_LTO=false CARGO_PROFILE_BENCH_CODEGEN_UNITS=16
cargo build -q --profile bench -p booking-api
bin="${CARGO_TARGET_DIR:-target}/release/booking-api"

work="$(mktemp -d)"
port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
"$bin" --listen "127.0.0.1:$port" --database "sqlite:$work/ttl.sqlite" --dist dist >"$work/api.log" 2>&1 &
api_pid=$!
cleanup() { kill "$api_pid" 2>/dev/null || true; wait "$api_pid" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
for _ in $(seq 1 100); do
  curl -fsS "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break
  kill -0 "$api_pid" 2>/dev/null || { cat "$work/api.log" >&2; exit 1; }
  sleep 0.1
done

BASE="http://127.0.0.1:$port" node bench/time-to-listing.mjs
