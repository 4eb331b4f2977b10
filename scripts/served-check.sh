#!/usr/bin/env bash
# The widget's files as the real booking API serves them from the release
# dist/, checked with curl (CI runs this right after `trunk build --release`):
# - every wasm, js and css file has a brotli and a gzip copy, sent with
#   Content-Encoding and Vary: Accept-Encoding, and the identity copy too;
# - every one except the entry points has a content-hashed name and is
#   `immutable` for a year; the entry points (/, /embed/, /init.js,
#   /widget.js) are `no-cache` with an ETag and answer a 304 to it;
# - every file they name is served;
# - the listing (JSON) is compressed for a client that accepts it.
# Prints the bytes as served per file (identity, gzip, br) and the totals.
# No timing.
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$ROOT"

[ -f dist/build-manifest.json ] || {
  echo "served-check: dist/build-manifest.json is missing: run trunk build --release first" >&2
  exit 1
}
cargo build -q --locked -p booking-api
api_bin="$(cargo metadata --format-version 1 --no-deps | python3 -c 'import json,sys; print(json.load(sys.stdin)["target_directory"])')/debug/booking-api"
source scripts/serve-api.sh
serve_api "$api_bin"

failures=0
fail() { echo "served-check: FAIL $*" >&2; failures=$((failures + 1)); }

# probe PATH ENCODING [extra curl args]: sets status, encoding, cache, etag,
# vary, cors and bytes (the body as transferred).
probe() {
  local path="$1" accept="$2"
  shift 2
  local headers
  headers="$(mktemp)"
  local args=(-sS -o /dev/null -D "$headers" -w '%{http_code} %{size_download}\n')
  [ -n "$accept" ] && args+=(-H "Accept-Encoding: $accept")
  read -r status bytes < <(curl "${args[@]}" "$@" "$API_BASE$path")
  field() { { grep -i "^$1:" "$headers" || true; } | head -n1 | cut -d: -f2- | tr -d '\r' | sed 's/^ *//'; }
  encoding="$(field content-encoding)"
  cache="$(field cache-control)"
  etag="$(field etag)"
  vary="$(field vary)"
  cors="$(field access-control-allow-origin)"
  rm -f "$headers"
}

entries=(/ /embed/ /init.js /widget.js)
is_entry() { local e; for e in "${entries[@]}"; do [ "$e" = "$1" ] && return 0; done; return 1; }
# Every wasm, script and style of the build, and the entry points.
mapfile -t paths < <(
  printf '%s\n' "${entries[@]}"
  (cd dist && find . -type f \( -name '*.wasm' -o -name '*.js' -o -name '*.mjs' -o -name '*.css' \) | sed 's|^\.||' | sort) \
    | grep -vxF -e /init.js -e /widget.js
)

printf '%-52s %10s %10s %10s  %s\n' path identity gzip br cache
total_id=0 total_gz=0 total_br=0
for path in "${paths[@]}"; do
  declare -A size=()
  for accept in identity gzip br; do
    probe "$path" "$([ "$accept" = identity ] && echo "" || echo "$accept")"
    [ "$status" = 200 ] || { fail "$path ($accept): status $status"; continue; }
    want="$([ "$accept" = identity ] && echo "" || echo "$accept")"
    [ "$encoding" = "$want" ] || fail "$path: asked for $accept, got Content-Encoding '${encoding}'"
    [[ "${vary,,}" == *accept-encoding* ]] || fail "$path ($accept): no Vary: Accept-Encoding"
    [ "$cors" = "*" ] || fail "$path: no Access-Control-Allow-Origin: *"
    size[$accept]=$bytes
  done
  if is_entry "$path"; then
    [ "$cache" = no-cache ] || fail "$path: Cache-Control '$cache', not no-cache"
    [ -n "$etag" ] || fail "$path: no ETag"
    probe "$path" br -H "If-None-Match: $etag"
    [ "$status" = 304 ] || fail "$path: If-None-Match with its ETag gave $status, not 304"
    kind="no-cache, ETag, 304"
  else
    [[ "$path" =~ -[0-9a-f]{16}\.(wasm|js|mjs|css)$ ]] || fail "$path: not a content-hashed name"
    [ "$cache" = "public, max-age=31536000, immutable" ] || fail "$path: Cache-Control '$cache'"
    kind="immutable"
  fi
  printf '%-52s %10s %10s %10s  %s\n' "$path" "${size[identity]:-?}" "${size[gzip]:-?}" "${size[br]:-?}" "$kind"
  total_id=$((total_id + ${size[identity]:-0})) total_gz=$((total_gz + ${size[gzip]:-0})) total_br=$((total_br + ${size[br]:-0}))
  unset size
done
printf '%-52s %10d %10d %10d\n' TOTAL "$total_id" "$total_gz" "$total_br"
printf 'as served with brotli: %d.%d KiB (identity %d.%d KiB)\n' \
  $((total_br / 1024)) $(((total_br % 1024) * 10 / 1024)) $((total_id / 1024)) $(((total_id % 1024) * 10 / 1024))

# What the entry points name is served: no page of this build names a file
# that is not there.
for entry in "${entries[@]}"; do
  while read -r name; do
    probe "/$name" br
    [ "$status" = 200 ] || fail "$entry names /$name, which answers $status"
  done < <(curl -sS "$API_BASE$entry" | grep -oE '[A-Za-z0-9_./-]+-[0-9a-f]{16}\.(wasm|js|mjs|css)' | sed -E 's|^\.?/||' | sort -u)
done

# The API's JSON: the listing, compressed for a client that accepts it.
listing="/v1/search/storage/47fa29c4-738a-42dc-bcb3-6dba1ee7e38e/property/a99c4590-9475-404e-bcbd-6cba2e2b5e16/user-type/2f6d2c3e-0000-4000-8000-000000000001/storageGroup/0/period/MONTHLY/price/list"
declare -A json=()
for accept in identity gzip br; do
  probe "$listing" "$([ "$accept" = identity ] && echo "" || echo "$accept")" -H 'X-API-Key: pk_demo'
  [ "$status" = 200 ] || fail "listing ($accept): status $status"
  [ "$accept" = identity ] || [ "$encoding" = "$accept" ] || fail "listing: asked for $accept, got '${encoding}'"
  json[$accept]=$bytes
done
printf '%-52s %10s %10s %10s  %s\n' "listing JSON (/v1/search/…/price/list)" "${json[identity]}" "${json[gzip]}" "${json[br]}" "not cached"

if [ "$failures" -gt 0 ]; then
  echo "served-check: $failures failure(s)" >&2
  exit 1
fi
echo "served-check: every file compressed (br, gzip), hashed names immutable, entry points revalidated (ETag, 304)"
