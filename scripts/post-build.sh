#!/usr/bin/env bash
# Trunk's one post-build hook (Trunk.toml). Trunk starts all the hooks of a
# stage at once, so steps that must follow each other run from here, in
# order, over trunk's staging directory.
set -euo pipefail
cd "$(dirname "$0")/.."
# The inline start-up script into /init.js, the loader's helpers, /embed/.
python3 scripts/externalize-init.py
# Last: names every wasm, script and style after its content, rewrites the
# references, precompresses (brotli, gzip). Add new steps above this line.
python3 scripts/finalize-dist.py
