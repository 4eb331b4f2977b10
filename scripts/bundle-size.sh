#!/usr/bin/env bash
# The widget's download: raw, gzip -9 and brotli -q 11 bytes of what trunk
# put in dist/ (wasm, js, css), and the total a tenant's browser fetches;
# then what the full page fetches before its listing (the start-up script,
# the bindings, the chunk loader, the main wasm, the style) and the
# deferred chunks the widget fetches after it (split_*.wasm, chunk_*.wasm).
set -euo pipefail
source "$(dirname "$0")/env.sh"
dist="${1:-$ROOT/dist}"
printf '%-44s %10s %10s %10s\n' file raw gzip brotli
total_raw=0 total_gz=0 total_br=0 first_br=0 later_br=0
while IFS= read -r -d '' f; do
  raw=$(stat -c %s "$f")
  gz=$(gzip -9 -c "$f" | wc -c)
  br=$(brotli -q 11 -c "$f" | wc -c)
  total_raw=$((total_raw + raw)) total_gz=$((total_gz + gz)) total_br=$((total_br + br))
  case "${f#"$dist"/}" in
    init.js | storage-widget.js | __wasm_split.js | storage-widget_bg.wasm | widget.css) first_br=$((first_br + br)) ;;
    split_*.wasm | chunk_*.wasm) later_br=$((later_br + br)) ;;
  esac
  printf '%-44s %10d %10d %10d\n' "${f#"$dist"/}" "$raw" "$gz" "$br"
done < <(find "$dist" -type f \( -name '*.wasm' -o -name '*.js' -o -name '*.css' \) -print0 | sort -z)
printf '%-44s %10d %10d %10d\n' TOTAL "$total_raw" "$total_gz" "$total_br"
printf 'brotli total: %d.%d KiB\n' $((total_br / 1024)) $(((total_br % 1024) * 10 / 1024))
kib() { printf '%d.%d KiB' $(($1 / 1024)) $((($1 % 1024) * 10 / 1024)); }
printf 'before the listing (page): %s brotli; deferred chunks: %s brotli\n' "$(kib "$first_br")" "$(kib "$later_br")"
