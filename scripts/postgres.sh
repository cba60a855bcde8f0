#!/usr/bin/env bash
# A throwaway PostgreSQL server for the tests: `start DIR PORT` creates a cluster in DIR, listening
# only on 127.0.0.1:PORT, and prints its URL; `stop DIR` stops it and deletes DIR;
# `with COMMAND...` runs COMMAND with one, e.g. `scripts/postgres.sh with cargo test -p stitchfork-server`
# (the server's PostgreSQL test variants run when STITCHFORK_TEST_POSTGRES_URL is set).
set -euo pipefail
PGBIN="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)"
[ -x "$PGBIN/initdb" ] || { echo "PostgreSQL server binaries not found (apt-get install postgresql)" >&2; exit 1; }

# initdb refuses to run as root, so as root the cluster belongs to the postgres user.
as_owner() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

case "${1:-}" in
  start)
    dir="$2"; port="$3"
    mkdir -p "$dir"; [ "$(id -u)" = 0 ] && chown postgres "$dir"
    as_owner "$PGBIN/initdb" -D "$dir/data" -A trust -U postgres --no-sync >"$dir/initdb.log" 2>&1
    # fsync stays on: the crash tests rely on the same durability as production.
    as_owner "$PGBIN/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
      -o "-p $port -h 127.0.0.1 -k $dir -c max_connections=200" start >/dev/null
    echo "postgres://postgres@127.0.0.1:$port/postgres"
    ;;
  stop)
    dir="$2"
    [ -d "$dir/data" ] && as_owner "$PGBIN/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true
    rm -rf "$dir"
    ;;
  with)
    shift
    dir="$(mktemp -d /tmp/stitchfork-pg.XXXXXX)"
    trap '"$0" stop "$dir"' EXIT
    STITCHFORK_TEST_POSTGRES_URL="$("$0" start "$dir" $(( 40000 + RANDOM % 20000 )))"
    export STITCHFORK_TEST_POSTGRES_URL
    echo "PostgreSQL at $STITCHFORK_TEST_POSTGRES_URL" >&2
    "$@"
    ;;
  *) echo "usage: $0 start DIR PORT | stop DIR | with COMMAND..." >&2; exit 2 ;;
esac
