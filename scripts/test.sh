#!/usr/bin/env bash
# Every test of the project, as CI runs it: formatting, lints (native and
# wasm), native tests (the API's on SQLite and PostgreSQL), the API's
# OpenAPI document fuzzed against the real server, wasm tests in
# headless Chromium, the release build of the widget, its files as the API
# serves them (compression, caching) and its size report, and the
# end-to-end suite in Chromium against the real API.
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$ROOT"

step() { printf '\n==> %s\n' "$*"; }

# Idempotent and quick when everything is there: the command works first
# thing on a fresh machine too.
step "setup"
scripts/setup.sh

step "cargo fmt --check"
cargo fmt --all -- --check

step "clippy (native, every target)"
cargo clippy --workspace --all-targets --locked -- -D warnings

step "clippy (wasm32: the widget and the pricing crate as the browser runs them)"
cargo clippy --target wasm32-unknown-unknown -p storage-widget -p pricing --lib --bins --tests --locked -- -D warnings

step "native tests (the booking API's suite on SQLite and on a throwaway PostgreSQL)"
scripts/with-postgres.sh cargo test --workspace --locked

step "the OpenAPI document against the real API (schemathesis, a generated client)"
scripts/api-fuzz.sh

step "wasm tests in headless Chromium"
cargo test --target wasm32-unknown-unknown -p pricing -p storage-widget --locked

step "trunk build --release"
trunk build --release

step "served as the web expects: compressed, hashed names immutable, entry points revalidated"
scripts/served-check.sh

step "bundle size"
scripts/bundle-size.sh

step "end to end: Chromium against the real API on loopback"
scripts/e2e.sh
