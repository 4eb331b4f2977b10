#!/usr/bin/env bash
# Benchmark: time from navigation to the listing rendered, in headless
# Chromium against the optimised booking API on loopback serving the
# release widget (dist/). Builds what is missing; SQLite in a temp dir.
#
#   scripts/time-to-listing.sh            # 15 runs
#   RUNS=50 scripts/time-to-listing.sh
#   DIST=/path/to/other/dist scripts/time-to-listing.sh   # an A/B against
#       another build of the widget (e.g. main's), served as it is
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$ROOT"

# The binary scripts/start.sh runs: the server profile, built for speed.
cargo build -q --locked --profile server -p booking-api
bin="$(cargo metadata --format-version 1 --no-deps | python3 -c 'import json,sys; print(json.load(sys.stdin)["target_directory"])')/server/booking-api"

source "$ROOT/scripts/serve-api.sh"
serve_release_widget "$bin" time-to-listing

E2E_BASE="$API_BASE" node "$ROOT/bench/time-to-listing.mjs"
