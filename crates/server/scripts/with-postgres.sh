#!/usr/bin/env bash
# Runs a command with a throwaway PostgreSQL server and STITCHFORK_TEST_POSTGRES_URL set,
# so the PostgreSQL variants of crates/server's tests run instead of being skipped.
#
#   crates/server/scripts/with-postgres.sh cargo test -p stitchfork-server
#
# Installs PostgreSQL from Debian if no server binaries are found, starts one on 127.0.0.1
# (port STITCHFORK_PG_PORT, default 55432) with a fresh data directory, and stops it and
# removes the directory when the command ends (whatever its exit code, which is passed on).
set -euo pipefail

port="${STITCHFORK_PG_PORT:-55432}"
bindir="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n1 || true)"
if [ -z "$bindir" ] || [ ! -x "$bindir/initdb" ]; then
    echo "with-postgres: installing PostgreSQL" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq && apt-get install -y -qq postgresql >/dev/null
    bindir="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n1)"
fi

work="$(mktemp -d /tmp/stitchfork-pg.XXXXXX)"
run_as=()
if [ "$(id -u)" = 0 ]; then
    # initdb refuses to run as root.
    chown postgres "$work"
    run_as=(runuser -u postgres --)
fi
cleanup() {
    "${run_as[@]}" "$bindir/pg_ctl" -D "$work/data" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$work"
}
trap cleanup EXIT

"${run_as[@]}" "$bindir/initdb" -D "$work/data" -A trust -U postgres >/dev/null
"${run_as[@]}" "$bindir/pg_ctl" -D "$work/data" -l "$work/log" -w \
    -o "-p $port -k $work -h 127.0.0.1 -c fsync=off -c max_connections=200" start >/dev/null

export STITCHFORK_TEST_POSTGRES_URL="postgres://postgres@127.0.0.1:$port/postgres"
echo "with-postgres: PostgreSQL at $STITCHFORK_TEST_POSTGRES_URL" >&2
"$@"
