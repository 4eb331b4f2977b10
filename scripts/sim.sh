#!/usr/bin/env bash
# One upstream simulator (crates/upstream-sim) on loopback, with its built-in
# fixture unless --fixture FILE is given.
#
# Run it:    scripts/sim.sh stortech|storegister|store365 [--port N] [flags...]
#            prints the URL, serves until Ctrl-C (a free port unless --port).
# Source it: source scripts/sim.sh
#            start_sim stortech [--port N] [flags...]
#            starts it in the background, sets SIM_URL and SIM_PID, and stops
#            it when the calling script exits (or on stop_sim).
# Flags: target/debug/upstream-sim stortech --help (rate limits, token TTL, ...).

sim_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

# Builds the binary (quick when it is up to date) and prints its path.
sim_bin() {
  (cd "$sim_root" && cargo build --locked --quiet -p upstream-sim --bin upstream-sim) >&2
  echo "${CARGO_TARGET_DIR:-$sim_root/target}/debug/upstream-sim"
}

# The simulator's arguments: KIND, then --port N turned into --listen.
sim_args() {
  local kind="$1"
  shift
  case "$kind" in
    stortech | storegister | store365) ;;
    *)
      echo "sim.sh: which simulator? stortech, storegister or store365 (not '$kind')" >&2
      return 2
      ;;
  esac
  local args=("$kind")
  while [ $# -gt 0 ]; do
    case "$1" in
      --port)
        args+=(--listen "127.0.0.1:${2:?--port needs a number}")
        shift 2
        ;;
      *)
        args+=("$1")
        shift
        ;;
    esac
  done
  printf '%s\n' "${args[@]}"
}

start_sim() {
  local bin
  bin="$(sim_bin)" || return 1
  local args
  mapfile -t args < <(sim_args "$@") || return 2
  [ "${#args[@]}" -gt 0 ] || return 2
  sim_work="$(mktemp -d)"
  "$bin" "${args[@]}" >"$sim_work/url" 2>"$sim_work/log" &
  SIM_PID=$!
  local previous
  eval "previous=$(trap -p EXIT | sed -e 's/^trap -- //' -e 's/ EXIT$//')"
  # shellcheck disable=SC2064 # the previous trap is expanded now, on purpose
  trap "stop_sim; ${previous:-}" EXIT
  for _ in $(seq 1 100); do
    SIM_URL="$(head -n 1 "$sim_work/url")"
    [ -n "$SIM_URL" ] && break
    if ! kill -0 "$SIM_PID" 2>/dev/null; then
      cat "$sim_work/log" >&2
      return 1
    fi
    sleep 0.1
  done
  [ -n "$SIM_URL" ] || { echo "sim.sh: the simulator did not start" >&2; return 1; }
  export SIM_URL SIM_PID
}

stop_sim() {
  if [ -n "${SIM_PID:-}" ]; then
    kill "$SIM_PID" 2>/dev/null || true
    wait "$SIM_PID" 2>/dev/null || true
    SIM_PID=""
  fi
  [ -n "${sim_work:-}" ] && rm -rf "$sim_work"
  sim_work=""
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  set -euo pipefail
  if [ $# -eq 0 ]; then
    sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'
    exit 2
  fi
  bin="$(sim_bin)"
  mapfile -t args < <(sim_args "$@")
  [ "${#args[@]}" -gt 0 ] || exit 2
  echo "sim.sh: control API under <url>/_sim (see crates/upstream-sim/README.md); Ctrl-C stops" >&2
  exec "$bin" "${args[@]}"
fi
