#!/usr/bin/env bash
# Installs whatever this machine lacks to build and test the project, and
# nothing it already has: the wasm target, rustfmt and clippy, Debian's
# Chromium and ChromeDriver, trunk, the wasm-bindgen CLI at the version
# Cargo.lock pins, wasm-split-cli, npm's tools (`npm ci`: wasm-opt from
# binaryen, Debian's is too old; Playwright; Lighthouse for
# scripts/page-bench.sh), and the API document's testers (schemathesis,
# datamodel-code-generator) in .venv/.
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$ROOT"

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

rustup target list --installed | grep -qx wasm32-unknown-unknown || rustup target add wasm32-unknown-unknown
rustup component list --installed | grep -q '^rustfmt' || rustup component add rustfmt
rustup component list --installed | grep -q '^clippy' || rustup component add clippy

missing=()
command -v chromium >/dev/null || missing+=(chromium)
command -v chromedriver >/dev/null || missing+=(chromium-driver)
command -v brotli >/dev/null || missing+=(brotli)
command -v python3 >/dev/null || missing+=(python3)
# The mail tests' SMTP server (crates/booking-api/tests/mail.rs).
/usr/bin/python3 -c 'import aiosmtpd' 2>/dev/null || missing+=(python3-aiosmtpd)
if ((${#missing[@]})); then
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"
fi

if ! trunk --version 2>/dev/null | grep -q " $TRUNK_VERSION"; then
  cargo install --locked trunk --version "$TRUNK_VERSION"
fi
if ! wasm-bindgen --version 2>/dev/null | grep -q " $WASM_BINDGEN_VERSION"; then
  # Not --locked: the CLI's own lock file pins a crate the registry here lacks.
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION"
fi
# wasm-split-cli cuts the release wasm into the listing's module and the
# deferred chunk (scripts/build-wasm.sh); the tool cargo-leptos uses, pinned.
if ! cargo install --list | grep -qx "wasm_split_cli_support v$WASM_SPLIT_VERSION:"; then
  cargo install --locked wasm_split_cli_support --version "$WASM_SPLIT_VERSION" --features build-binary
fi
if [ ! -x node_modules/.bin/wasm-opt ] || [ ! -d node_modules/playwright-core ] || [ ! -x node_modules/.bin/lighthouse ]; then
  npm ci --no-audit --no-fund
fi
# PyPI's tools for scripts/api-fuzz.sh, in a virtualenv under the repository
# (git-ignored); Debian's python3 lacks the venv module unless python3-venv is in.
if [ ! -x .venv/bin/schemathesis ] || [ ! -x .venv/bin/datamodel-codegen ]; then
  python3 -m venv .venv 2>/dev/null || {
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-venv
    python3 -m venv .venv
  }
  .venv/bin/pip install -q --disable-pip-version-check schemathesis==4.32.5 datamodel-code-generator==0.97.0
fi
echo "setup: all tools present (trunk $TRUNK_VERSION, wasm-bindgen $WASM_BINDGEN_VERSION, wasm-split-cli $WASM_SPLIT_VERSION, $(wasm-opt --version), $(.venv/bin/schemathesis --version))"
