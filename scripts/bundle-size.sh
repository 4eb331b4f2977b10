#!/usr/bin/env bash
# The widget's download: raw, gzip -9 and brotli -q 11 bytes of the wasm,
# js and css in dist/, and the total a tenant's browser fetches. The
# compressed sizes are those of the .gz/.br copies the build writes and the
# API sends (scripts/finalize-dist.py); a file without them is compressed
# here. Names are shown without their content hash, so runs compare.
# Then what the full page fetches before its listing (the start-up script,
# the bindings, the chunk loader, the main wasm, the style) and the
# deferred chunks the widget fetches after it (split_*.wasm, chunk_*.wasm).
set -euo pipefail
source "$(dirname "$0")/env.sh"
dist="${1:-$ROOT/dist}"
printf '%-44s %10s %10s %10s\n' file raw gzip brotli
total_raw=0 total_gz=0 total_br=0 first_br=0 later_br=0
while IFS= read -r -d '' f; do
  raw=$(stat -c %s "$f")
  if [ -f "$f.gz" ]; then gz=$(stat -c %s "$f.gz"); else gz=$(gzip -9 -c "$f" | wc -c); fi
  if [ -f "$f.br" ]; then br=$(stat -c %s "$f.br"); else br=$(brotli -q 11 -c "$f" | wc -c); fi
  total_raw=$((total_raw + raw)) total_gz=$((total_gz + gz)) total_br=$((total_br + br))
  name="$(printf '%s' "${f#"$dist"/}" | sed -E 's/-[0-9a-f]{16}(\.[a-z]+)$/\1/')"
  case "$name" in
    init.js | storage-widget.js | __wasm_split.js | storage-widget_bg.wasm | widget.css) first_br=$((first_br + br)) ;;
    split_*.wasm | chunk_*.wasm) later_br=$((later_br + br)) ;;
  esac
  printf '%-44s %10d %10d %10d\n' "$name" "$raw" "$gz" "$br"
done < <(find "$dist" -type f \( -name '*.wasm' -o -name '*.js' -o -name '*.mjs' -o -name '*.css' \) -print0 | sort -z)
printf '%-44s %10d %10d %10d\n' TOTAL "$total_raw" "$total_gz" "$total_br"
printf 'brotli total: %d.%d KiB\n' $((total_br / 1024)) $(((total_br % 1024) * 10 / 1024))
kib() { printf '%d.%d KiB' $(($1 / 1024)) $((($1 % 1024) * 10 / 1024)); }
printf 'before the listing (page): %s brotli; deferred chunks: %s brotli\n' "$(kib "$first_br")" "$(kib "$later_br")"
