#!/usr/bin/env bash
# Load benchmark of the booking API: listing, quote and booking endpoints
# with wrk, and the same listing JSON served by nginx as a static file in
# the same run, for a baseline. The listing and the quote are also asked as
# a browser asks (`Accept-Encoding: gzip, deflate, br, zstd`: the answer is
# compressed). Prints the listing's bytes, req/s, p99 and the listing/nginx
# ratio.
#
#   scripts/load.sh                 # 10 s per run, 50 connections
#   DURATION=30s CONNECTIONS=100 scripts/load.sh
#
# Installs Debian's wrk and nginx when missing. SQLite, in a temp directory;
# everything it starts is stopped on exit.
set -euo pipefail
cd "$(dirname "$0")/.."

DURATION="${DURATION:-10s}"
CONNECTIONS="${CONNECTIONS:-50}"
THREADS="${THREADS:-1}"

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }
if ! command -v wrk >/dev/null || ! command -v nginx >/dev/null && [ ! -x /usr/sbin/nginx ]; then
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk nginx-light >/dev/null
fi
NGINX="$(command -v nginx || echo /usr/sbin/nginx)"

# The binary scripts/start.sh runs: the server profile, built for speed.
cargo build -q --locked --profile server -p booking-api
BIN="$(cargo metadata --format-version 1 --no-deps | python3 -c 'import json,sys; print(json.load(sys.stdin)["target_directory"])')/server/booking-api"

TMP="$(mktemp -d "${TMPDIR:-/tmp}/booking-load.XXXXXX")"
chmod 755 "$TMP"
PIDS=()
cleanup() {
    if [ "${#PIDS[@]}" -gt 0 ] && ! kill -0 "${PIDS[0]}" 2>/dev/null; then
        echo "load: the API server died; its log:" >&2
        tail -n 30 "$TMP/server.err" >&2 || true
    fi
    for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
    [ -f "$TMP/nginx.pid" ] && kill "$(cat "$TMP/nginx.pid")" 2>/dev/null || true
    wait 2>/dev/null || true
    rm -rf "$TMP"
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

# The demo catalogue plus a variant with stock for every booking of the run.
python3 - "$TMP/catalogue.json" <<'PY'
import json, sys
catalogue = json.load(open("crates/booking-api/seed/catalogue.json"))
variants = catalogue["properties"][0]["storages"][0]["sizes"][1]["categories"][0]["variants"]
variants.append({"id": "load-test", "rent": {"monthlyPrice": "75", "taxes": [{"name": "VAT", "rate": "20"}]},
                 "availableForRent": 1000000000, "availableForBook": 0})
json.dump(catalogue, open(sys.argv[1], "w"))
PY
DB="sqlite://$TMP/bench.sqlite"
# The terms document it names is read beside it.
cp -r crates/booking-api/seed/terms "$TMP/terms"
"$BIN" import "$TMP/catalogue.json" --database "$DB" >/dev/null

PORT="$(free_port)"
RUST_LOG=warn "$BIN" --listen "127.0.0.1:$PORT" --database "$DB" --dist "$TMP" \
    --bookings-per-minute 4000000000 --booking-burst 4000000000 >"$TMP/server.out" 2>"$TMP/server.err" &
PIDS+=("$!")
for _ in $(seq 100); do grep -q listening "$TMP/server.out" 2>/dev/null && break; sleep 0.1; done
API="http://127.0.0.1:$PORT"

PROPERTY=a99c4590-9475-404e-bcbd-6cba2e2b5e16
STORAGE=47fa29c4-738a-42dc-bcb3-6dba1ee7e38e
GENERAL=2f6d2c3e-0000-4000-8000-000000000001
LISTING="$API/v1/search/storage/$STORAGE/property/$PROPERTY/user-type/$GENERAL/storageGroup/0/period/MONTHLY/price/list"
TODAY="$(date -u +%F)"
SELECTION='{"propertyInfoId":"'$PROPERTY'","storageInfoId":"'$STORAGE'","storageSpaceSizeInfoId":"f491d3e3-b615-41af-b50b-b1735bed682f","priceId":"load-test","mode":"RENT","taxUserTypeInfoId":"'$GENERAL'","paymentPeriod":"MONTHLY","moveInDate":"'$TODAY'","insurancePlanId":"5711d7e3-f2e8-477d-bdf0-5a995177ce23","addOns":[],"promoCode":null}'
DUE="$(curl -sf "$API/v1/quotes" -H 'X-API-Key: pk_demo' -H 'Content-Type: application/json' -d "$SELECTION" \
    | python3 -c 'import json, sys; print(json.load(sys.stdin)["data"]["quote"]["dueAtMoveIn"])')"
BOOKING="${SELECTION%\}},\"tenant\":{\"firstName\":\"Giada\",\"lastName\":\"Rossi\",\"email\":\"giada@example.fr\",\"phoneNumber\":\"+33 111120000\",\"address\":\"2400 Rue des Chalets\",\"city\":\"Toulouse\",\"postalCode\":\"31000\",\"countryISOCode2\":\"FR\"},\"termsAccepted\":true,\"expectedDueAtMoveIn\":\"$DUE\"}"

# nginx serves the very bytes the API answers.
mkdir -p "$TMP/www"
curl -sf "$LISTING" -H 'X-API-Key: pk_demo' -o "$TMP/www/listing.json"
chmod -R a+rX "$TMP/www"
NGINX_PORT="$(free_port)"
cat >"$TMP/nginx.conf" <<CONF
worker_processes 2;
pid $TMP/nginx.pid;
error_log $TMP/nginx-error.log warn;
events { worker_connections 4096; }
http {
    access_log off;
    default_type application/json;
    sendfile on;
    keepalive_requests 1000000;
    client_body_temp_path $TMP/nginx-body;
    proxy_temp_path $TMP/nginx-proxy;
    fastcgi_temp_path $TMP/nginx-fastcgi;
    uwsgi_temp_path $TMP/nginx-uwsgi;
    scgi_temp_path $TMP/nginx-scgi;
    server { listen 127.0.0.1:$NGINX_PORT; root $TMP/www; }
}
CONF
"$NGINX" -c "$TMP/nginx.conf" -p "$TMP"
for _ in $(seq 50); do curl -sf "http://127.0.0.1:$NGINX_PORT/listing.json" -o /dev/null && break; sleep 0.1; done

post_script() { # $1: file, $2: body, $3: "idempotent" for a fresh Idempotency-Key per request
    python3 - "$1" "$2" "${3:-}" <<'PY'
import json, sys
path, body, idempotent = sys.argv[1], sys.argv[2], sys.argv[3] == "idempotent"
lua = ['wrk.method = "POST"', 'wrk.body = ' + json.dumps(body),
       'wrk.headers["Content-Type"] = "application/json"', 'wrk.headers["X-API-Key"] = "pk_demo"']
if idempotent:
    lua += ['local n = 0', 'local prefix = tostring(os.time()) .. "-" .. tostring(math.random(1000000000))',
            'request = function()', '  n = n + 1',
            '  wrk.headers["Idempotency-Key"] = prefix .. "-" .. tostring(n)',
            '  return wrk.format()', 'end']
open(path, "w").write("\n".join(lua) + "\n")
PY
}
post_script "$TMP/quote.lua" "$SELECTION"
post_script "$TMP/booking.lua" "$BOOKING" idempotent

run() { # $1: name, then wrk arguments
    local name="$1"; shift
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency "$@" >"$TMP/$name.txt"
    local rps p99 errors
    rps="$(awk '/^Requests\/sec:/ {print $2}' "$TMP/$name.txt")"
    p99="$(awk '$1 == "99%" {print $2}' "$TMP/$name.txt")"
    errors="$(awk '/Non-2xx/ {print $NF}' "$TMP/$name.txt")"
    printf '%-16s %12s req/s   p99 %9s   non-2xx %s\n' "$name" "$rps" "$p99" "${errors:-0}"
    eval "RPS_${name//-/_}=$rps"
}

BROWSER_ENCODINGS='gzip, deflate, br, zstd'
for encoding in identity br; do
    printf '%-16s %12s bytes\n' "listing $encoding" \
        "$(curl -sf "$LISTING" -H 'X-API-Key: pk_demo' -H "Accept-Encoding: $encoding" -o /dev/null -w '%{size_download}')"
done
echo "wrk: $THREADS thread(s), $CONNECTIONS connections, $DURATION per run, $(nproc) cores"
run nginx-static "http://127.0.0.1:$NGINX_PORT/listing.json"
run listing -H 'X-API-Key: pk_demo' "$LISTING"
# As a browser asks: the answer compressed (brotli) when large enough.
run listing-br -H 'X-API-Key: pk_demo' -H "Accept-Encoding: $BROWSER_ENCODINGS" "$LISTING"
run quote -s "$TMP/quote.lua" "$API/v1/quotes"
run quote-br -H "Accept-Encoding: $BROWSER_ENCODINGS" -s "$TMP/quote.lua" "$API/v1/quotes"
run booking -s "$TMP/booking.lua" "$API/v1/bookings"
python3 - "$RPS_listing" "$RPS_nginx_static" <<'PY'
import sys
listing, nginx = float(sys.argv[1]), float(sys.argv[2])
print(f"listing / nginx-static: {100 * listing / nginx:.0f} %")
PY
BOOKED="$(python3 -c "
import sqlite3, sys
c = sqlite3.connect('$TMP/bench.sqlite')
print(c.execute('SELECT COUNT(*) FROM bookings').fetchone()[0])")"
echo "bookings stored: $BOOKED"
