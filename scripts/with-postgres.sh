#!/usr/bin/env bash
# Runs a command with a throwaway PostgreSQL on loopback, its URL exported as
# DATABASE_URL_PG, then stops it and deletes its data.
#
#   scripts/with-postgres.sh cargo test -p booking-api
#
# Installs Debian's `postgresql` package when no server binaries are found.
# As root, the cluster runs as the `postgres` system user (initdb refuses
# root). Nothing is left behind: the cluster lives in a temp directory.
set -euo pipefail

if [ "$#" -eq 0 ]; then
    echo "usage: $0 COMMAND [ARGS...]" >&2
    exit 2
fi

find_bin() {
    ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1
}

as_root() {
    if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

PGBIN="$(find_bin)"
if [ -z "$PGBIN" ] || [ ! -x "$PGBIN/initdb" ]; then
    echo "with-postgres: installing Debian's postgresql package" >&2
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
    PGBIN="$(find_bin)"
fi

TMP="$(mktemp -d "${TMPDIR:-/tmp}/with-postgres.XXXXXX")"
RUN_AS=()
if [ "$(id -u)" -eq 0 ]; then
    id postgres >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin postgres
    chown postgres "$TMP"
    RUN_AS=(runuser -u postgres --)
fi

PORT="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"

stop() {
    "${RUN_AS[@]}" "$PGBIN/pg_ctl" -D "$TMP/data" -m immediate -w stop >/dev/null 2>&1 || true
    rm -rf "$TMP"
}
trap stop EXIT

"${RUN_AS[@]}" "$PGBIN/initdb" -D "$TMP/data" -U postgres --auth=trust -E UTF8 --no-instructions >/dev/null
# Loopback only; fsync stays on so that the durability tests mean something.
"${RUN_AS[@]}" "$PGBIN/pg_ctl" -D "$TMP/data" -l "$TMP/server.log" -w \
    -o "-c listen_addresses=127.0.0.1 -p $PORT -k $TMP -c max_connections=600 -c fsync=on" start >/dev/null

export DATABASE_URL_PG="postgres://postgres@127.0.0.1:$PORT/postgres"
echo "with-postgres: PostgreSQL $("$PGBIN/postgres" --version | awk '{print $3}') at $DATABASE_URL_PG" >&2
"$@"
