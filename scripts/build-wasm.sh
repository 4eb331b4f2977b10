#!/usr/bin/env bash
# Trunk pre-build hook (Trunk.toml): builds the widget's wasm and its
# JavaScript bindings into trunk's staging directory, in place of trunk's
# own Rust pipeline, which cannot split a module.
#
# Release (`trunk build --release`): the listing first. The widget is built
# with `--cfg wasm_split` (the split point in src/components/deferred.rs,
# leptos' `wasm_split`, becomes a real one) and the relocations
# wasm-split needs, then `wasm-split-cli` (scripts/setup.sh installs it)
# cuts it into
#   storage-widget.js + storage-widget_bg.wasm  the main module: the listing
#   __wasm_split.js                             the chunk loader, imported by
#                                               storage-widget.js
#   split_deferred.wasm                         the deferred parts (form,
#                                               quote, confirmation, waiting
#                                               list, sign-in), fetched by
#                                               __wasm_split.js relative to
#                                               its own URL
# and wasm-opt -Oz shrinks every wasm. Debug (`trunk serve`, `trunk build`):
# one module, no split, no wasm-opt.
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$ROOT"

staging="${TRUNK_STAGING_DIR:?run by trunk (Trunk.toml), or set TRUNK_STAGING_DIR}"
profile="${TRUNK_PROFILE:-debug}"
name=storage-widget
wasm_target=wasm32-unknown-unknown

if [ "$profile" != release ]; then
  cargo build --locked --target "$wasm_target" --bin "$name"
  target_dir="$(cargo metadata --format-version 1 --no-deps | python3 -c 'import json,sys; print(json.load(sys.stdin)["target_directory"])')"
  wasm-bindgen --target web --no-typescript --out-name "$name" --out-dir "$staging" \
    "$target_dir/$wasm_target/debug/$name.wasm"
  exit 0
fi

# Its own target directory: other flags than the tests' and debug builds',
# which would otherwise rebuild every crate each time one follows the other.
target_dir="$ROOT/target/split"
# Added to .cargo/config.toml's wasm32 flags (erase_components), not
# instead of them as RUSTFLAGS would be.
cargo build --locked --release --target "$wasm_target" --bin "$name" --target-dir "$target_dir" \
  --config "target.$wasm_target.rustflags=['--cfg', 'wasm_split', '-C', 'link-args=--emit-relocs']"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
wasm-split-cli --out-name "$name" "$target_dir/$wasm_target/release/$name.wasm" "$work/split"
# The main module, its bindings importing ./__wasm_split.js; the chunks
# keep the names wasm-split gave them, which __wasm_split.js fetches.
wasm-bindgen --target web --no-typescript --keep-lld-exports --no-demangle \
  --out-name "$name" --out-dir "$work/bindgen" "$work/split/$name.wasm"
wasm-opt -Oz "$work/bindgen/${name}_bg.wasm" -o "$staging/${name}_bg.wasm"
cp "$work/bindgen/$name.js" "$staging/$name.js"
# The loader imports `initSync` from the bindings only to reach the main
# module's exports, while the bindings import the loader: a cycle that
# content-hashed names cannot express. It reads them from the global the
# widget sets before its first chunk load (src/state/deferred.rs) instead.
python3 - "$work/split/__wasm_split.js" "$staging/__wasm_split.js" <<'PY'
import sys
text = open(sys.argv[1], encoding="utf-8").read()
for old, new in (
    ('import { initSync } from "./storage-widget.js";\n', ""),
    ("initSync(undefined, undefined)", "globalThis.__storageWidgetWasm"),
):
    if text.count(old) != 1:
        sys.exit(f"build-wasm: __wasm_split.js changed shape (no {old!r})")
    text = text.replace(old, new)
open(sys.argv[2], "w", encoding="utf-8").write(text)
PY
for chunk in "$work/split"/*.wasm; do
  [ "$(basename "$chunk")" = "$name.wasm" ] && continue
  wasm-opt -Oz "$chunk" -o "$staging/$(basename "$chunk")"
done
