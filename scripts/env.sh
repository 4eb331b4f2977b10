# Sourced by the other scripts: the tools the project installs, first on PATH.
# shellcheck shell=bash
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export PATH="$ROOT/node_modules/.bin:${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner
export CHROMEDRIVER="${CHROMEDRIVER:-/usr/bin/chromedriver}"
export CHROME_PATH="${CHROME_PATH:-/usr/bin/chromium}"
TRUNK_VERSION=0.21.14
# wasm_split_cli_support's wasm-split-cli: the split release build (scripts/build-wasm.sh).
WASM_SPLIT_VERSION=0.2.4
# The wasm-bindgen CLI must be exactly the crate version that Cargo.lock pins.
WASM_BINDGEN_VERSION="$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/[^0-9.]/, ""); print }' "$ROOT/Cargo.lock")"
export ROOT TRUNK_VERSION WASM_BINDGEN_VERSION WASM_SPLIT_VERSION
