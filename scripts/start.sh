#!/usr/bin/env bash
# Sets up what the machine lacks, builds the widget, and runs it with its
# booking API on the embedded default (a SQLite file created and seeded with
# the demo catalogue on first start): http://127.0.0.1:8080/
# BOOKING_API_LISTEN / BOOKING_API_DATABASE / BOOKING_API_DIST override.
#
#   scripts/start.sh                  # the embedded default
#   scripts/start.sh --demo stortech  # the widget booking into the Stortech
#                                     # simulator (crates/upstream-sim): watch
#                                     # bookings arrive at $SIM_URL/_sim/bookings
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$ROOT"

demo=""
case "${1:-}" in
  "") ;;
  --demo)
    demo="${2:-}"
    [ "$demo" = stortech ] || { echo "start: --demo takes: stortech" >&2; exit 2; }
    ;;
  *) echo "usage: scripts/start.sh [--demo stortech]" >&2; exit 2 ;;
esac

scripts/setup.sh
trunk build --release
listen="${BOOKING_API_LISTEN:-127.0.0.1:8080}"
# The widget is built for size (release), the server for speed (server).
cargo build --locked --profile server -p booking-api
api="$(cargo metadata --format-version 1 --no-deps | python3 -c 'import json,sys; print(json.load(sys.stdin)["target_directory"])')/server/booking-api"

if [ -z "$demo" ]; then
  echo "start: the widget and its API on http://$listen/ (Ctrl-C stops)"
  exec "$api" --listen "$listen" --dist "${BOOKING_API_DIST:-$ROOT/dist}"
fi

# The Stortech demo: the simulator with its built-in fixture, a database of
# its own holding the overlay (the demo catalogue: keys, locale, terms), and
# the API with --backend stortech. The simulator's credentials are the
# fixture's and open nothing real; they go through the environment.
source scripts/sim.sh
start_sim stortech
facility="$("$(sim_bin)" fixture stortech | python3 -c 'import json,sys; print(json.load(sys.stdin)["facilities"][0]["id"])')"
demo_dir="$ROOT/target/demo-stortech"
rm -rf "$demo_dir"
mkdir -p "$demo_dir"
export BOOKING_API_DATABASE="sqlite://$demo_dir/booking-api.sqlite"
export BOOKING_API_BACKEND=stortech STORTECH_API_URL="$SIM_URL"
export STORTECH_CLIENT_ID=sim_client_id STORTECH_CLIENT_SECRET=sim_client_secret
cp -r crates/booking-api/seed/terms "$demo_dir/terms"
cp crates/booking-api/seed/catalogue.json "$demo_dir/overlay.json"
"$api" import "$demo_dir/overlay.json" >/dev/null
cat <<MSG
start: the widget booking into the Stortech simulator (Ctrl-C stops both)
  widget:               http://$listen/?property=$facility
  bookings upstream:    curl $SIM_URL/_sim/bookings
  availability:         curl $SIM_URL/_sim/facilities/$facility/availability
  the desk takes units: curl -X POST $SIM_URL/_sim/facilities/$facility/unit-types/TYPE/take -H 'content-type: application/json' -d '{"count":1}'
MSG
"$api" --listen "$listen" --dist "${BOOKING_API_DIST:-$ROOT/dist}"
