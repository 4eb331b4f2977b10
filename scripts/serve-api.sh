# Sourced by scripts that need the booking API on loopback:
#   source scripts/serve-api.sh
#   serve_api path/to/booking-api [extra server flags...]
# starts it on a free port with a fresh SQLite file and the widget in dist/,
# waits until /healthz answers, sets API_BASE, and stops it and deletes its
# files when the calling script exits.
serve_api() {
  local bin="$1"
  shift
  api_work="$(mktemp -d)"
  local port
  port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
  "$bin" --listen "127.0.0.1:$port" --database "sqlite:$api_work/api.sqlite" --dist dist "$@" \
    >"$api_work/api.log" 2>&1 &
  api_pid=$!
  trap 'kill "$api_pid" 2>/dev/null || true; wait "$api_pid" 2>/dev/null || true; rm -rf "$api_work"' EXIT
  for _ in $(seq 1 100); do
    curl -fsS "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break
    kill -0 "$api_pid" 2>/dev/null || { cat "$api_work/api.log" >&2; exit 1; }
    sleep 0.1
  done
  API_BASE="http://127.0.0.1:$port"
}

# For the benchmarks: serves the release widget with `bin`, either `$DIST`
# (another build, e.g. main's, for an A/B; linked as `dist` into
# `target/<scratch>`, the working directory the API serves it from) or this
# checkout's, rebuilt first (incremental) so that a stale dist/ never
# measures old code.
#   serve_release_widget path/to/booking-api scratch-name
serve_release_widget() {
  local bin="$1" scratch="$2"
  if [ -n "${DIST:-}" ]; then
    local served="$ROOT/target/$scratch"
    mkdir -p "$served"
    ln -sfn "$(realpath "$DIST")" "$served/dist"
    cd "$served"
  else
    trunk build --release
  fi
  serve_api "$bin"
}
