#!/usr/bin/env bash
# The test command: installs what is missing, then runs every check and test Stitchfork has:
# formatting, clippy, unit + integration tests (SQLite and a throwaway PostgreSQL), the quick
# reliability harness (crash loop, disk full, schemathesis), the wasm build, and the end-to-end
# browser tests (real server, real database, headless Chromium).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
started=$SECONDS
declare -a timings=()
phase() { # phase NAME COMMAND...: runs a phase, printing its name first and its duration after
  local name="$1"; shift; local t0=$SECONDS
  printf '\n==> [test %(%H:%M:%S)T] %s\n' -1 "$name"
  "$@"
  timings+=("$(printf '%-34s %5ds' "$name" $((SECONDS - t0)))")
}

phase "setup" source scripts/setup.sh
# The setup ends with the tool check; here it is checked that the check itself names what is missing.
phase "setup and size scripts (tool check, first-load gate)" node --test tests/setup/
phase "cargo fmt --check" cargo fmt --all --check
phase "cargo clippy -D warnings" cargo clippy --workspace --all-targets --locked -- -D warnings

PG_DIR="$(mktemp -d /tmp/stitchfork-pg.XXXXXX)"
trap 'scripts/postgres.sh stop "$PG_DIR"' EXIT
PG_PORT=$(( 40000 + RANDOM % 20000 ))
start_pg() { STITCHFORK_TEST_POSTGRES_URL="$(scripts/postgres.sh start "$PG_DIR" "$PG_PORT")"; export STITCHFORK_TEST_POSTGRES_URL; echo "PostgreSQL at $STITCHFORK_TEST_POSTGRES_URL"; }
phase "start throwaway PostgreSQL" start_pg
# The PostgreSQL variants and the disk-full test (root) are #[ignore]d for a plain `cargo test`;
# everything they need is here, so all of them run.
phase "cargo test (SQLite + PostgreSQL)" cargo test --workspace --locked -- --include-ignored
phase "build server binary" cargo build --locked -p stitchfork-server
phase "reliability harness (quick)" env STITCHFORK_BIN="$CARGO_TARGET_DIR/debug/stitchfork" bench/reliability.sh --quick
phase "build web app (wasm, release)" scripts/build-web.sh
phase "first-load budget per route" scripts/web-size.sh "$ROOT/dist" --check

export STITCHFORK_BIN="$CARGO_TARGET_DIR/debug/stitchfork" STITCHFORK_DIST="$ROOT/dist"
phase "browser tests (headless Chromium)" node --test --test-concurrency=1 tests/e2e/

echo; echo "==> all tests passed in $((SECONDS - started))s"
printf '  %s\n' "${timings[@]}"
