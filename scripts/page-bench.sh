#!/usr/bin/env bash
# Benchmark: what a phone downloads and waits for, for the widget's own page,
# the embed (a host page on another loopback origin loading /widget.js) and
# the iframe mode: bytes as transferred by type, cold and on a warm second
# visit; time to the listing and to an interactive form on loopback and under
# DevTools throttling; and Lighthouse's mobile audit of the page. Headless
# Chromium against the server-profile booking API on loopback (fresh SQLite),
# serving the release widget. Builds what is missing. Not a test: no figure
# is asserted (bench/page-bench.mjs says what is measured and how).
#
#   scripts/page-bench.sh                   # 3 runs of each, ~2-3 minutes
#   RUNS=7 scripts/page-bench.sh
#   MODES=page,embed CONDITIONS=loopback LIGHTHOUSE=0 scripts/page-bench.sh
#   DIST=/path/to/other/dist scripts/page-bench.sh   # another build of the
#       widget, served as it is
#   API_BIN=/path/to/other/booking-api DIST=… scripts/page-bench.sh   # and
#       another server (a branch that changes how files are served)
# Prints tables; everything is in target/page-bench.json (OUT=… to change),
# Lighthouse's own report in target/page-bench-lighthouse.json.
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$ROOT"

[ -x node_modules/.bin/lighthouse ] || { echo "page-bench: lighthouse is missing: run scripts/setup.sh (npm ci)" >&2; exit 1; }

target="$(cargo metadata --format-version 1 --no-deps | python3 -c 'import json,sys; print(json.load(sys.stdin)["target_directory"])')"
if [ -n "${API_BIN:-}" ]; then
  bin="$(realpath "$API_BIN")"
else
  # The binary scripts/start.sh runs: the server profile, built for speed.
  cargo build -q --locked --profile server -p booking-api
  bin="$target/server/booking-api"
fi
export OUT="${OUT:-$target/page-bench.json}"

source "$ROOT/scripts/serve-api.sh"
serve_release_widget "$bin" page-bench-dist

E2E_BASE="$API_BASE" node "$ROOT/bench/page-bench.mjs"
