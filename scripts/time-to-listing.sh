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

# Always rebuilt (incremental): a stale dist/ would measure old code.
trunk build --release
export CARGO_PROFILE_BENCH_LTO=false CARGO_PROFILE_BENCH_CODEGEN_UNITS=16
cargo build -q --profile bench -p booking-api
bin="${CARGO_TARGET_DIR:-target}/release/booking-api"

source "$ROOT/scripts/serve-api.sh"
serve_api "$bin"

E2E_BASE="$API_BASE" node bench/time-to-listing.mjs
